"""One article through the engine: read, decode, check or fix, and (for `fix --write`) write
back atomically, as a FileResult. The runner, the library surface and the record pipeline
all go through here."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from artlint.document import Document, Unreadable
from artlint.engine.check import RuleLike, check_document, locate, unreadable
from artlint.engine.own import INTERNAL_ERROR
from artlint.model.diagnostics import Diagnostic, Span, Violation
from artlint.model.results import FileResult, fix_counts
from artlint.run.builtin import RULES, default_rules
from artlint.run.files import Missing, within
from artlint.safe.regular import NotReadable, read_regular
from artlint.safe.writer import ChangedOnDisk, write_atomic

MAX_BYTES = 16 * 1024 * 1024  # no article is this large; a larger file is data or an accident


def read_bytes(path: str, display: str) -> bytes | Unreadable:
    # os.open and os.read, not open(): a cached run reads every file, and the file object's
    # layers took half of that time.
    try:
        return read_regular(path, MAX_BYTES, "articles")
    except OSError as exc:
        if isinstance(exc, NotReadable):
            return Unreadable(display, str(exc))
        return Unreadable(display, f"cannot read file: {exc.strerror or exc}")


def read_document(
    path: str, display: str, generator: str, provenance: str = "auto"
) -> tuple[bytes, Document | Unreadable]:
    """The file's bytes and its Document, or why it cannot be one."""
    raw = read_bytes(path, display)
    if isinstance(raw, Unreadable):
        return b"", raw
    return raw, Document.from_bytes(raw, display, generator, provenance)


def check_file(
    path: str,
    display: str | None = None,
    rules: Sequence[RuleLike] | None = None,
    generator: str = "none",
    provenance: str = "auto",
) -> FileResult:
    _, doc = read_document(path, display or path, generator, provenance)
    return _check(doc, rules)


def check_bytes(
    raw: bytes,
    display: str = "-",
    rules: Sequence[RuleLike] | None = None,
    generator: str = "none",
    provenance: str = "auto",
) -> FileResult:
    """Check content that is not a file on disk (standard input)."""
    return _check(Document.from_bytes(raw, display, generator, provenance), rules)


def check_loaded(doc: Document | Unreadable, rules: Sequence[RuleLike] | None) -> FileResult:
    """Check a document already read and decoded."""
    return _check(doc, rules)


def _check(doc: Document | Unreadable, rules: Sequence[RuleLike] | None) -> FileResult:
    if isinstance(doc, Unreadable):
        return FileResult(doc.path, (unreadable(doc),))
    checked = check_document(doc, default_rules() if rules is None else rules, known=RULES)
    return FileResult(
        doc.path,
        checked.diagnostics,
        internal_error=bool(checked.crashed),
        tracebacks=checked.tracebacks,
        text=doc.text,
    )


def fix_file(
    path: str,
    display: str | None = None,
    *,
    unsafe: bool = False,
    write: bool = False,
    rules: Sequence[RuleLike] | None = None,
    generator: str = "none",
    provenance: str = "auto",
) -> FileResult:
    raw, doc = read_document(path, display or path, generator, provenance)
    return fix_loaded(path, raw, doc, rules, unsafe=unsafe, write=write)


def fix_loaded(
    path: str,
    raw: bytes,
    doc: Document | Unreadable,
    rules: Sequence[RuleLike] | None,
    *,
    unsafe: bool = False,
    write: bool = False,
    roots: tuple[str, ...] | None = None,
) -> FileResult:
    """Fix a document already read from `path` as `raw`; with `write`, replace the file
    (atomically, and only if it still holds `raw`). With `roots`, a file whose real path
    (through symlinks) lies outside them is not written."""
    result = _fix(doc, rules, unsafe)
    if not write or result.fixed_bytes is None or isinstance(doc, Unreadable):
        return result
    real = os.path.realpath(path)
    if roots is not None and not within(real, roots):
        message = f"not written: it links to {real}, outside the checked tree"
        unchanged = [*_before(result), _internal(doc, message)]
        return FileResult(
            doc.path, tuple(unchanged), internal_error=True, fix=result.fix, text=doc.text
        )
    try:
        write_atomic(path, result.fixed_bytes, expected=raw)
    except ChangedOnDisk:
        # Someone else wrote the file meanwhile: leave their version, report on it instead.
        _, now = read_document(path, doc.path, doc.generator, doc.provenance)
        return _check(now, rules)
    except OSError as exc:
        unchanged = [*_before(result), _internal(doc, f"cannot write: {exc}")]
        return FileResult(
            doc.path, tuple(unchanged), internal_error=True, fix=result.fix, text=doc.text
        )
    return replace(result, written=True)


def fix_bytes(
    raw: bytes,
    display: str = "-",
    *,
    unsafe: bool = False,
    rules: Sequence[RuleLike] | None = None,
    generator: str = "none",
    provenance: str = "auto",
) -> FileResult:
    """Fix content that is not a file on disk; the fixed bytes are in `fixed_bytes`."""
    return _fix(Document.from_bytes(raw, display, generator, provenance), rules, unsafe)


def _fix(doc: Document | Unreadable, rules: Sequence[RuleLike] | None, unsafe: bool) -> FileResult:
    if isinstance(doc, Unreadable):
        return FileResult(doc.path, (unreadable(doc),))
    from artlint.engine.fixer import fix_document

    result = fix_document(
        doc, default_rules() if rules is None else rules, unsafe=unsafe, known=RULES
    )
    remaining = [*result.remaining, *result.refusals]  # a refused fix is a finding like any
    if result.refused:
        remaining.append(_internal(doc, f"fix refused, file left unchanged: {result.refused}"))
    failed = bool(result.crashed or result.refused)
    safe, risky = fix_counts(result.before)
    before, refused = (safe + risky if unsafe else safe), len(result.refusals)
    if not result.changed:
        return FileResult(
            doc.path,
            tuple(remaining),
            internal_error=failed,
            fix=result,
            text=doc.text,
            fixable_before=before,
            refused=refused,
        )
    return FileResult(
        doc.path,
        tuple(remaining),
        internal_error=failed,
        fix=result,
        fixed_bytes=result.document.to_bytes(),
        text=result.document.text,
        applied=len(result.applied),
        fixable_before=before,
        refused=refused,
    )


def _before(result: FileResult) -> tuple[Diagnostic, ...]:
    """The findings on the file as it still is, when its fix could not be written."""
    return result.fix.before if result.fix is not None else result.diagnostics


def _internal(doc: Document, message: str) -> Diagnostic:
    return locate(doc, INTERNAL_ERROR, Violation(Span(0, 0), message))


def missing(m: Missing) -> FileResult:
    return FileResult(m.display, (unreadable(Unreadable(m.display, m.reason)),))
