"""AL998 unsafe-fix-blocked: a safe fix would have changed what a reader sees.

## What it does
Before `artlint fix` applies a round of safe fixes, it compares what a reader sees before and
after them (artlint.engine.oracle): the visible text, the image sources, the link targets, the media
and widgets (`<iframe>`, `<video>`, `<progress>` ...), the block structure of the rendered
Markdown (paragraphs, headings, lists and their nesting), the layout of inline styles, and the
front-matter data. A fix that changes one of them without declaring that it does is not
applied; the other fixes are, and this finding marks where the refused one would have acted.

## Why is this bad
Either the fix would have damaged the page (deleting a comment between `-` and text nests a
list; deleting an empty element that holds a chart's height collapses it) or the rule's fix
has a bug. Look at the spot, fix it by hand if it is junk, and report it if the rule was wrong.

## Fix safety
No fix. It is a finding like any other: `artlint` exits 1, not 2.
"""

from artlint.model.diagnostics import Fixability, Severity
from artlint.rules.base import NoOptions, Rule

RULE = Rule(
    code="AL998",
    name="unsafe-fix-blocked",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=NoOptions,
)
