"""AL001 unreadable-file: the file cannot be read as a UTF-8 text article.

## What it does
Reports a file that cannot be read (permissions, I/O error), that is binary (it contains NUL
bytes), or that is not valid UTF-8. For the last case the message names the likely encoding
(GB18030, Big5, Windows-1252, ...) and the `iconv` command that converts it.

## Why is this bad
Static site generators and corpus tools read articles as UTF-8: a GBK article shows as mojibake
or stops the build, and a binary file with an article extension is a mistake in the tree.

## Example
A file saved in GB18030 by an old CMS export.

## Use instead
The same file converted to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 old.md > new.md`.

## Fix safety
No fix: converting an encoding is a decision for a person, and `artlint fix` never writes a file
it could not read.
"""

from artlint.model.diagnostics import Fixability, Severity
from artlint.rules.base import NoOptions, Rule

RULE = Rule(
    code="AL001",
    name="unreadable-file",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=NoOptions,
)
