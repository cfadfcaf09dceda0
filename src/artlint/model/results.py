"""What a run says of one file: its findings, or its part of the report already written, and
what a fix did to it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from artlint.model.diagnostics import Applicability, Diagnostic

if TYPE_CHECKING:
    from artlint.engine.fixer import FixResult


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
