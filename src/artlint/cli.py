"""The `artlint` command: arguments -> api -> reporter -> exit status.

Exit status: 0 nothing found, 1 findings (or, for `fix`, changes that would be made), 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

import typer

from artlint import __version__
from artlint.api import FileResult, check_paths, fix_paths
from artlint.config import ConfigError, Overrides, Resolver
from artlint.reporters import REPORTERS, Summary
from artlint.rule import Rule

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
SelectOpt = Annotated[
    str | None,
    typer.Option(
        "--select",
        help="Rules to run instead of the configured ones: codes, "
        "prefixes (AL2) or names, comma-separated.",
    ),
]
ExtendSelectOpt = Annotated[
    str | None, typer.Option("--extend-select", help="Rules to run in addition.")
]
IgnoreOpt = Annotated[str | None, typer.Option("--ignore", help="Rules not to run.")]
ConfigOpt = Annotated[
    str | None, typer.Option("--config", help="Use this configuration file, no discovery.")
]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")]
NoGitignoreOpt = Annotated[
    bool,
    typer.Option("--no-respect-gitignore", help="Check files that .gitignore excludes too."),
]


@contextlib.contextmanager
def _config_errors() -> Iterator[None]:
    """A configuration mistake ends the run with one line and status 2, no traceback."""
    try:
        yield
    except ConfigError as exc:
        typer.echo(f"artlint: config error: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from None


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _resolver(
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    config: str | None,
    isolated: bool,
    no_respect_gitignore: bool,
    unsafe_fixes: bool | None = None,
) -> Resolver:
    return Resolver(
        Overrides(
            select=_split(select) if select is not None else None,
            extend_select=_split(extend_select),
            ignore=_split(ignore),
            unsafe_fixes=unsafe_fixes,
            config_file=config,
            isolated=isolated,
            respect_gitignore=False if no_respect_gitignore else None,
        )
    )


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
def check(
    paths: PathsArg,
    output_format: FormatOpt = OutputFormat.text,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    no_respect_gitignore: NoGitignoreOpt = False,
) -> None:
    """Report problems in article files."""
    reporter = REPORTERS[output_format.value](sys.stdout, fixing=False)
    with _config_errors():
        resolver = _resolver(select, extend_select, ignore, config, isolated, no_respect_gitignore)
        for result in check_paths(paths, resolver=resolver):
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
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    no_respect_gitignore: NoGitignoreOpt = False,
) -> None:
    """Fix problems in article files: a dry run showing a diff, or --write."""
    reporter = REPORTERS[output_format.value](sys.stdout, fixing=True)
    would_change = False
    with _config_errors():
        resolver = _resolver(
            select,
            extend_select,
            ignore,
            config,
            isolated,
            no_respect_gitignore,
            unsafe_fixes=True if unsafe_fixes else None,
        )
        for result in fix_paths(paths, write=write, resolver=resolver):
            if not write and result.fixed_bytes is not None:
                would_change = True
                if output_format is OutputFormat.text:
                    _print_diff(result)
            reporter.file(result)
    summary = reporter.finish(dry_run=not write, unsafe=unsafe_fixes)
    raise typer.Exit(_exit_status(summary, summary.problems > 0 or would_change))


def _print_diff(result: FileResult) -> None:
    assert result.fix is not None
    # Split on "\n" only, like artlint's line numbers (splitlines also breaks at U+2028).
    before = re.split(r"(?<=\n)(?!$)", result.fix.original.text)
    after = re.split(r"(?<=\n)(?!$)", result.fix.document.text)
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

    rule = lookup(key) or _pack_rule(key)
    if rule is None:
        typer.echo(f"artlint: unknown rule '{key}' (see `artlint rules`)", err=True)
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"{rule.code} {rule.name}")
    typer.echo(f"Default severity: {rule.severity.value}. Fix: {rule.fixability.value}.\n")
    typer.echo(rule.doc.strip())


def _pack_rule(key: str) -> Rule | None:
    """A rule of a shipped pack, by code or name."""
    from artlint import packs

    for path in packs.available().values():
        for rule in packs.load(path).rules:
            if key.upper() == rule.code or key == rule.name:
                return rule
    return None


@app.command("config")
def show_config(
    path: Annotated[str, typer.Argument(help="The file or folder to show settings for.")] = ".",
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Print the effective configuration for a path and the files it came from."""
    with _config_errors():
        settings = _resolver(None, None, None, config, isolated, False).settings_for(path)
    typer.echo(f"# for {path}")
    if settings.sources:
        typer.echo("# from " + " <- ".join(settings.sources))
    else:
        typer.echo("# from built-in defaults (no configuration file found)")
    typer.echo(f'generator = "{settings.generator}"')
    typer.echo(f"unsafe-fixes = {str(settings.unsafe_fixes).lower()}")
    typer.echo(f"respect-gitignore = {str(settings.respect_gitignore).lower()}")
    typer.echo(f"exclude = {list(settings.exclude)}")
    for pattern, codes in settings.per_file_ignores:
        typer.echo(f"per-file-ignores.{pattern!r} = {sorted(codes)}")
    for entry in settings.rules:
        options = ", ".join(f"{k} = {v!r}" for k, v in vars(entry.options).items())
        line = f"{entry.rule.code} {entry.rule.name} ({entry.severity.value})"
        typer.echo(line + (f": {options}" if options else ""))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug in artlint: say so in one line, exit 2, no traceback
        typer.echo(f"artlint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
