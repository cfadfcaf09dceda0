"""The library surface: check and fix text, files and trees of files.

>>> from artlint.api import check_text
>>> [d.code for d in check_text("<p>a</p>\\n<!-- ad -->\\n")]
['AL101']
"""

from __future__ import annotations

__all__ = [
    "FileResult",
    "check_bytes",
    "check_file",
    "check_paths",
    "check_text",
    "fix_bytes",
    "fix_file",
    "fix_paths",
    "fix_text",
]

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import KW_ONLY, dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from artlint.config import Resolver
from artlint.diagnostics import Applicability, Diagnostic, Span, Violation
from artlint.document import Document, Unreadable
from artlint.engine import RuleLike, check_document, default_rules, locate, unreadable
from artlint.files import GitIgnore, Missing, Skip, Target, discover, whole_html_page
from artlint.generator import outside_content
from artlint.regular import NotReadable, read_regular
from artlint.rules import INTERNAL_ERROR
from artlint.writer import ChangedOnDisk, write_atomic

if TYPE_CHECKING:
    from artlint.fixer import FixResult

__all__ = ["Diagnostic", "FileResult", "check_paths", "check_text", "fix_paths", "fix_text"]


@dataclass(frozen=True, slots=True)
class Rendered:
    """A file's part of a report, written where the file was checked, with the counts the
    summary needs. A worker sends these few strings instead of its findings, which cost more
    to send and rebuild than to render (formats whose part of the report is the file's alone)."""

    text: str
    problems: int
    fixable: int  # with a safe fix
    unsafe_fixable: int


@dataclass(frozen=True)
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...]
    _: KW_ONLY  # the rest by name: nine positional fields could not be read at a call site
    internal_error: bool = False  # a rule crashed or a fix was refused: exit status 2
    tracebacks: tuple[str, ...] = ()
    fix: FixResult | None = None  # set by fix_paths when the file was readable
    written: bool = False
    fixed_bytes: bytes | None = field(default=None, repr=False)
    text: str | None = field(default=None, repr=False)  # the text as read, for reports
    applied: int = 0  # fixes in fixed_bytes; 0 when the text is unchanged
    rendered: Rendered | None = None  # when set, `diagnostics` is empty: they are in here
    # A fix run's counts on the file as it was read, so that its summary can be squared with
    # what `check` said: findings whose fix the run could apply, and safe fixes refused.
    fixable_before: int = 0
    refused: int = 0

    @property
    def problems(self) -> int:
        return self.rendered.problems if self.rendered is not None else len(self.diagnostics)

    @property
    def fixable(self) -> tuple[int, int]:
        """How many findings have a safe fix, and how many one that needs --unsafe-fixes."""
        r = self.rendered
        return (r.fixable, r.unsafe_fixable) if r is not None else fix_counts(self.diagnostics)


def fix_counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """How many findings have a safe fix, and how many a fix that needs --unsafe-fixes."""
    safe = unsafe = 0
    for d in diagnostics:
        if d.fix is not None:
            if d.fix.applicability is Applicability.SAFE:
                safe += 1
            else:
                unsafe += 1
    return safe, unsafe


class Renderer(Protocol):
    """Writes a file's part of a report, for formats where that part depends on the file
    alone (see Reporter.renderer). Picklable, to reach worker processes."""

    @property
    def tag(self) -> str:
        """Names what it writes, for the cache: equal tags, equal text."""

    def __call__(self, result: FileResult) -> str: ...


def render(result: FileResult, renderer: Renderer) -> FileResult:
    """`result` with its findings turned into their part of the report, and counts."""
    safe, unsafe = fix_counts(result.diagnostics)
    report = Rendered(renderer(result), len(result.diagnostics), safe, unsafe)
    return replace(result, diagnostics=(), rendered=report)


def check_text(
    text: str,
    path: str = "-",
    rules: Sequence[RuleLike] | None = None,
    *,
    provenance: str = "auto",
    resolver: Resolver | None = None,
) -> list[Diagnostic]:
    """The findings on `text`, an article's content, sorted by position.

    `path` names the article in the findings. When it is a real path (not "-") and `rules` is
    not given, the project's configuration is discovered from it, as `check_paths` does: its
    rules and packs, per-file-ignores, generator and provenance. Settings given here win:
    `rules` (see `artlint.engine.default_rules`) and `provenance` ("imported", "authored" or
    "auto": see artlint.provenance). Pass one `resolver` to many calls so that each
    configuration file is read once. Raises `artlint.config.ConfigError` for a broken
    configuration.
    """
    doc, chosen = _text_document(text, path, rules, provenance, resolver)
    return list(check_document(doc, chosen).diagnostics)


def fix_text(
    text: str,
    path: str = "-",
    *,
    unsafe: bool = False,
    rules: Sequence[RuleLike] | None = None,
    provenance: str = "auto",
    resolver: Resolver | None = None,
) -> FixResult:
    """`text` with its fixes applied (safe ones; unsafe ones too with `unsafe`), as
    `artlint fix` would write it: `result.document.text` is the fixed text, `result.applied`
    and `result.remaining` the findings fixed and left. Settings as in `check_text`."""
    from artlint.fixer import fix_document  # the fixer and its oracle: only when fixing

    doc, chosen = _text_document(text, path, rules, provenance, resolver)
    return fix_document(doc, chosen, unsafe=unsafe)


def _text_document(
    text: str,
    path: str,
    rules: Sequence[RuleLike] | None,
    provenance: str,
    resolver: Resolver | None,
) -> tuple[Document, Sequence[RuleLike]]:
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    if rules is not None or path == "-":
        chosen = default_rules() if rules is None else rules
        return Document(path, body, bom, provenance=provenance), chosen
    settings = (resolver or Resolver()).settings_for(path, is_dir=False)
    if provenance == "auto":
        provenance = settings.provenance_for(path)
    generator = settings.generator_for(path)
    doc = Document(path, body, bom, generator=generator, provenance=provenance)
    return doc, settings.rules_for(path)


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
    checked = check_document(doc, default_rules() if rules is None else rules)
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
    if roots is not None and not any(real == r or real.startswith(r + os.sep) for r in roots):
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
    from artlint.fixer import fix_document

    result = fix_document(doc, default_rules() if rules is None else rules, unsafe=unsafe)
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


def skipper(resolver: Resolver, roots: tuple[str, ...] = ()) -> Skip:
    """What a run leaves out: `skip(path, is_dir)` is true for what the configuration or a
    .gitignore (those of `roots`, and of the repository a path is in) excludes, what lies
    outside the site's content, and whole HTML pages. Each .gitignore is read once per
    skipper: make one and keep it (an editor asks this of every open file, at each change)."""
    gitignore = GitIgnore(roots)

    def skip(path: str, is_dir: bool) -> bool:
        settings = resolver.settings_for(path, is_dir)
        if settings.excluded(path + ("/" if is_dir else "")):
            return True
        if settings.respect_gitignore and gitignore.ignored(path, is_dir):
            return True
        if outside_content(path, is_dir, settings.generator) is not None:
            return True
        return not is_dir and whole_html_page(path)

    return skip


def targets(
    paths: Iterable[str], resolver: Resolver, *, force_exclude: bool = False
) -> Iterator[Target | Missing]:
    """The files a run covers, after exclusions and .gitignore, in order."""
    paths = list(paths)
    roots = tuple(p for p in paths if os.path.isdir(p))
    return discover(paths, skipper(resolver, roots), force_exclude=force_exclude)


def check_paths(
    paths: Iterable[str],
    rules: Sequence[RuleLike] | None = None,
    resolver: Resolver | None = None,
) -> Iterator[FileResult]:
    """Check files and folders, in this process and without the cache. Rules come from
    `rules` when given, else from the configuration found for each file."""
    from artlint.runner import RunOptions, run  # the one per-file pipeline the CLI uses too

    resolver = resolver or Resolver()
    options = RunOptions(cache=False, rules=None if rules is None else tuple(rules))
    yield from run(targets(paths, resolver), resolver.overrides, options)


def fix_paths(
    paths: Iterable[str],
    *,
    unsafe: bool = False,
    write: bool = False,
    rules: Sequence[RuleLike] | None = None,
    resolver: Resolver | None = None,
) -> Iterator[FileResult]:
    """Fix files and folders; with `write`, replace the files whose fixes apply."""
    from artlint.runner import RunOptions, roots_of, run

    paths = list(paths)
    resolver = resolver or Resolver()
    options = RunOptions(
        cache=False,
        fix=True,
        write=write,
        unsafe=unsafe,
        roots=roots_of(paths),
        rules=None if rules is None else tuple(rules),
    )
    # The whole walk first: a configuration error must stop the run before any write.
    yield from run(list(targets(paths, resolver)), resolver.overrides, options)
