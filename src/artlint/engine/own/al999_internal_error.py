"""AL999 internal-error: a rule crashed on this file.

## What it does
Reports that a rule raised an exception on this file, naming the rule. The other rules and
files still run, and the run exits with status 2 so that CI notices.

## Why is this bad
It is a bug in artlint, not in the article: please report it with the file that triggers it.

## Fix safety
No fix; `artlint fix` does not write a file on which any rule crashed, because a crashed rule
cannot vouch for what it did not check.
"""

from artlint.model.diagnostics import Fixability, Severity
from artlint.rules.base import NoOptions, Rule

RULE = Rule(
    code="AL999",
    name="internal-error",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=NoOptions,
)
