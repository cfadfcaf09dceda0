"""The `artlint` command: arguments (`options`), `check` and `fix` (`app`), the other
commands (`commands`, `init`, `completion`, `config_output`, `rule_pages`, `explain`), and
where a run reports (`output`, `scope`).

May import: every layer below it (`artlint.api` and what it stands on, `artlint.report`,
`artlint.server` when asked for).
"""

from artlint.cli.app import main

__all__ = ["main"]
