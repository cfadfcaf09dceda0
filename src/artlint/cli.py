"""The `artlint` command: arguments -> api -> reporter -> exit status.

Exit status: 0 nothing found, 1 findings (or, for `fix`, changes that would be made), 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import difflib
import sys
from enum import StrEnum
from typing import Annotated

import typer

from artlint import __version__
from artlint.api import FileResult, check_paths, fix_paths
from artlint.reporters import REPORTERS, Summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="artlint",
    help="Lint and clean article files: Markdown with front matter and scraped HTML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


PathsArg = Annotated[
    list[str], typer.Argument(help="Article files or folders (walked for .md, .markdown, .html).")
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Report format.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"artlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Lint and clean article files: Markdown with front matter and scraped HTML."""


def _exit_status(summary: Summary, findings_status: bool) -> int:
    if summary.internal_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings_status else EXIT_CLEAN


@app.command()
def check(paths: PathsArg, output_format: FormatOpt = OutputFormat.text) -> None:
    """Report problems in article files."""
    reporter = REPORTERS[output_format.value](sys.stdout, fixing=False)
    for result in check_paths(paths):
        reporter.file(result)
    summary = reporter.finish()
    raise typer.Exit(_exit_status(summary, summary.problems > 0))


@app.command()
def fix(
    paths: PathsArg,
    write: Annotated[
        bool, typer.Option("--write", help="Apply the fixes; without it, show a diff.")
    ] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Also apply fixes that may remove content.")
    ] = False,
    output_format: FormatOpt = OutputFormat.text,
) -> None:
    """Fix problems in article files: a dry run showing a diff, or --write."""
    reporter = REPORTERS[output_format.value](sys.stdout, fixing=True)
    would_change = False
    for result in fix_paths(paths, unsafe=unsafe_fixes, write=write):
        if not write and result.fixed_bytes is not None:
            would_change = True
            if output_format is OutputFormat.text:
                _print_diff(result)
        reporter.file(result)
    summary = reporter.finish(dry_run=not write, unsafe=unsafe_fixes)
    raise typer.Exit(_exit_status(summary, summary.problems > 0 or would_change))


def _print_diff(result: FileResult) -> None:
    assert result.fix is not None
    before = result.fix.original.text.splitlines(keepends=True)
    after = result.fix.document.text.splitlines(keepends=True)
    diff = difflib.unified_diff(before, after, result.path, result.path)
    for line in diff:
        sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")


@app.command("rules")
def list_rules() -> None:
    """List the rules: code, name, default severity, fixability."""
    from artlint.rules import RULES

    rows = [(r.code, r.name, r.severity.value, r.fixability.value, r.summary) for r in RULES]
    header = ("code", "name", "severity", "fix", "summary")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [str(c).ljust(w) for c, w in zip(row[:4], widths, strict=True)]
        typer.echo("  ".join([*cells, row[4]]).rstrip())


@app.command("rule")
def show_rule(
    key: Annotated[str, typer.Argument(help="A rule code (AL101) or name (leftover-comment).")],
) -> None:
    """Print a rule's documentation."""
    from artlint.rules import lookup

    rule = lookup(key)
    if rule is None:
        typer.echo(f"artlint: unknown rule '{key}' (see `artlint rules`)", err=True)
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"{rule.code} {rule.name}")
    typer.echo(f"Default severity: {rule.severity.value}. Fix: {rule.fixability.value}.\n")
    typer.echo(rule.doc.strip())


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug in artlint: say so in one line, exit 2, no traceback
        typer.echo(f"artlint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
