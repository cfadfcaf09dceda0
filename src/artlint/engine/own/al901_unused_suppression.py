"""AL901 unused-suppression: an `artlint-disable` comment that suppresses nothing.

## What it does
Reports a suppression comment (`<!-- artlint-disable ... -->`,
`<!-- artlint-disable-next-line ... -->`, `<!-- artlint-disable-file -->`) that suppressed no
finding in this run, and one that names a rule artlint does not know. Suppressions that only
name rules this configuration does not run are not reported.

## Why is this bad
Stale suppressions hide the next real problem in the same place, and they are one more
comment in the published page.

## Example
```markdown
<!-- artlint-disable-next-line AL103 -->
<p>No inline style here.</p>
```

## Use instead
```markdown
<p>No inline style here.</p>
```

## Fix safety
Safe: the comment is removed (with its line when it stands alone).
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Fix, Fixability, Severity, Violation
from artlint.model.suppression import Outcome
from artlint.rules.base import NoOptions, Rule


def after(doc: Document, options: NoOptions, outcome: Outcome) -> Iterator[Violation]:
    for d in outcome.unused:
        fix = Fix("Remove the suppression", (doc.deletion(d.span),))
        if d.unknown:
            names = ", ".join(f"`{w}`" for w in d.unknown)
            yield Violation(d.span, f"Suppression names unknown rules: {names}", fix)
        else:
            yield Violation(d.span, f"`artlint-{d.kind}` suppressed nothing", fix)


RULE = Rule(
    code="AL901",
    name="unused-suppression",
    severity=Severity.WARNING,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    after=after,
)
