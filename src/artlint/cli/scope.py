"""What a `check` or `fix` run reports, beyond the rules: the baseline (artlint.run.baseline)
and, for `check`, only what changed since a git revision (artlint.run.changes).

Notes about the baseline go to standard error, so that a JSON or SARIF report on standard
output stays one document.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from artlint.cli.options import RunArgs
from artlint.model.results import FileResult
from artlint.report.text import plural
from artlint.run.config import ConfigError, Resolver
from artlint.run.files import Missing, Target

if TYPE_CHECKING:  # imported when a run uses them: a plain check (a hook's) pays nothing
    from artlint.run.baseline import Baseline, Matcher
    from artlint.run.changes import Changes


def _shown(path: str) -> str:
    """A path for messages: relative to the current folder when it is below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


@dataclass
class Scope:
    matcher: Matcher | None = None
    changes: Changes | None = None
    changed_lines: bool = False
    # --write-baseline: the run's findings, counted as results come (their texts are not
    # kept), instead of a report.
    recording: Baseline | None = None
    prune: bool = False
    strict: bool = False
    stale_note: bool = True  # a dry run of `fix` has fixed nothing: no "are fixed" note
    configured: bool = False  # the configuration names a baseline
    roots: tuple[str, ...] = ()

    @classmethod
    def of(cls, args: RunArgs, resolver: Resolver, *, fixing: bool = False) -> Scope:
        """The run's scope from its arguments and the current folder's configuration.
        Raises ConfigError for a baseline or revision that cannot be used. A `fix` run
        (`fixing`) makes baselined findings go, which is no failure, and only with --write
        has it fixed anything to note."""
        settings = resolver.settings_for(".", is_dir=True)
        configured = args.baseline or settings.baseline
        scope = cls(
            changed_lines=args.changed_lines,
            prune=args.prune_baseline,
            strict=not fixing and (args.strict_baseline or settings.strict_baseline),
            stale_note=args.write if fixing else True,
            roots=tuple(os.path.abspath(p) for p in args.paths),
        )
        if args.changed_lines and args.diff_base is None:
            raise ConfigError("--changed-lines needs --diff-base REV")
        scope.configured = settings.baseline is not None
        if args.write_baseline:
            from artlint.run.baseline import DEFAULT_NAME, Baseline

            scope.recording = Baseline(configured or DEFAULT_NAME)
            return scope
        if (args.prune_baseline or args.strict_baseline) and configured is None:
            raise ConfigError(
                "--prune-baseline and --strict-baseline need a baseline"
                " (--baseline PATH, or baseline in the configuration)"
            )
        if configured is not None:
            from artlint.run.baseline import Baseline, BaselineError, Matcher

            try:
                scope.matcher = Matcher(Baseline.load(configured), scope.roots)
            except BaselineError as exc:
                raise ConfigError(str(exc)) from None
        if args.diff_base is not None:
            from artlint.run.changes import Changes, ChangesError

            try:
                scope.changes = Changes.since(args.diff_base)
            except ChangesError as exc:
                raise ConfigError(f"--diff-base {args.diff_base}: {exc}") from None
        return scope

    @property
    def needs_findings(self) -> bool:
        """Whether results must carry findings (not a rendered report)."""
        return self.needs_text or self.changed_lines

    @property
    def needs_text(self) -> bool:
        """Whether results must carry the file's text too: a baseline knows a finding by the
        text it covers (--changed-lines needs only the findings' lines)."""
        return self.matcher is not None or self.recording is not None

    def items(self, items: Iterable[Target | Missing]) -> Iterator[Target | Missing]:
        for item in items:
            if self.changes is None or isinstance(item, Missing) or self.changes.touches(item.path):
                yield item

    def result(self, result: FileResult) -> FileResult:
        if self.recording is not None:
            for key, _ in self.recording.keys_of(result):
                self.recording.counts[key] += 1
            return result
        # The baseline sees every finding first: one on an unchanged line still uses its
        # entry, which would otherwise look fixed.
        if self.matcher is not None:
            result = self.matcher.filter(result)
        if self.changes is not None and self.changed_lines:
            lines = self.changes.lines(result.path)
            if lines is not None:
                kept = tuple(d for d in result.diagnostics if d.start.line in lines)
                result = replace(result, diagnostics=kept)
        return result

    def finish(self) -> bool:
        """Write or prune the baseline, say what it did; whether the run fails for it."""
        err = sys.stderr
        new = self.recording
        if new is not None:
            # An unreadable old file is not a baseline to keep entries of: replaced whole.
            from artlint.run.baseline import Baseline, BaselineError, keep_others

            if os.path.exists(new.path):
                with contextlib.suppress(BaselineError):
                    keep_others(new, Baseline.load(new.path), self.roots)
            new.write()
            files = len({key[0] for key in new.counts})
            err.write(
                f"Wrote {plural(sum(new.counts.values()), 'finding')} in"
                f" {plural(files, 'file')} to {_shown(new.path)}.\n"
            )
            if not self.configured:
                err.write(
                    f'To use it, set baseline = "{_shown(new.path)}" at the top of the'
                    " configuration (above its first [table]), or pass --baseline.\n"
                )
            return False
        if self.matcher is None:
            return False
        path = _shown(self.matcher.baseline.path)
        entries = self.matcher.stale()
        stale = sum(entries.values())
        if self.matcher.covered:
            err.write(f"{plural(self.matcher.covered, 'problem')} not shown: in {path}.\n")
        if not self.stale_note:
            return False
        if self.prune:
            if stale:
                self.matcher.pruned(entries).write()
            err.write(f"Pruned {plural(stale, 'fixed problem')} from {path}.\n")
            return False
        if stale:
            verb = "are" if stale != 1 else "is"
            err.write(
                f"{plural(stale, 'problem')} in {path} {verb} fixed: run"
                " `artlint check --prune-baseline` to drop them"
                + (" (strict-baseline: this run fails until then).\n" if self.strict else ".\n")
            )
        return self.strict and stale > 0
