"""How many examples each property test runs.

`.ci/run` sets ARTLINT_HYPOTHESIS=ci: every test runs the count written beside it. Without it
(the `dev` profile, the default), a tenth of that, at least 50, so that the quick loop stays
quick while the laws are still exercised on every run.
"""

import os

PROFILE = os.environ.get("ARTLINT_HYPOTHESIS", "dev")


def examples(count: int) -> int:
    return count if PROFILE == "ci" else max(50, count // 10)
