"""AL998 unsafe-fix-blocked: a safe fix would have changed what a reader sees.

## What it does
Before `artlint fix` writes a file, it compares what a reader sees before and after the safe
fixes: the visible text, the image sources, the link targets and the front-matter data. If a
fix changed one of them without declaring that it does (removing a comment, a `<style>` block,
a `style` attribute or an empty element changes none of them), the file is not written and
this finding names the rules whose fixes ran in that round.

## Why is this bad
It is a bug in that rule's fix, caught before it could damage the article: please report it
with the file.

## Fix safety
No fix, and the file is left exactly as it was.
"""

from artlint.diagnostics import Fixability, Severity
from artlint.rule import Rule

RULE = Rule(
    code="AL998",
    name="unsafe-fix-blocked",
    summary="A safe fix would have changed what readers see; file not written",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
)
