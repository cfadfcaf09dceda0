"""The `artlint` command: arguments -> api -> reporter -> exit status.

Exit status: 0 nothing found, 1 findings (or, for `fix`, changes that would be made), 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from enum import StrEnum
from typing import Annotated

import typer

from artlint import __version__, runner
from artlint.api import FileResult, check_bytes, fix_bytes, targets
from artlint.cli_options import (
    CacheDirOpt,
    ConfigOpt,
    ExitZeroOpt,
    ExtendSelectOpt,
    ForceExcludeOpt,
    FormatOpt,
    IgnoreOpt,
    IsolatedOpt,
    JobsOpt,
    NoCacheOpt,
    NoGitignoreOpt,
    NoProgressOpt,
    OutputFileOpt,
    PathsArg,
    QuietOpt,
    SelectOpt,
    ShowFixesOpt,
    ShowSourceOpt,
    StatisticsOpt,
    StdinNameOpt,
)
from artlint.cli_output import (
    Output,
    choose_format,
    print_diff,
    report_options,
    stream,
    with_progress,
)
from artlint.config import ConfigError, Overrides, Resolver
from artlint.reporters import REPORTERS, Summary
from artlint.rule import Configured, Rule
from artlint.runner import RunOptions, default_jobs, roots_of

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="artlint",
    help="Lint and clean article files: Markdown with front matter and scraped HTML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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


def _results(
    paths: list[str],
    resolver: Resolver,
    run: Output,
    fmt: str,
    options: RunOptions,
    force_exclude: bool,
) -> Iterator[FileResult]:
    items = list(targets(paths, resolver, force_exclude=force_exclude))
    jobs = options.jobs if options.jobs > 0 else default_jobs()
    # Only --show-source and the GitLab fingerprints read the file's text.
    keep_text = run.show_source or run.show_fixes or fmt == "gitlab"
    results = runner.run(
        items, resolver.overrides, replace(options, jobs=jobs, keep_text=keep_text)
    )
    return with_progress(results, len(items), fmt, run)


def _stdin(
    resolver: Resolver, stdin_filename: str | None
) -> tuple[str, tuple[Configured, ...], str, bool]:
    """For standard input: the name to report, the rules, the generator and unsafe-fixes,
    from the settings of --stdin-filename (or of the current folder)."""
    name = stdin_filename or "-"
    settings = resolver.settings_for(stdin_filename or ".")
    where = stdin_filename or "."
    return name, settings.rules_for(name), settings.generator_for(where), settings.unsafe_fixes


@app.command()
def check(
    paths: PathsArg,
    output_format: FormatOpt = None,
    output_file: OutputFileOpt = None,
    show_source: ShowSourceOpt = False,
    show_fixes: ShowFixesOpt = False,
    statistics: StatisticsOpt = False,
    quiet: QuietOpt = False,
    exit_zero: ExitZeroOpt = False,
    stdin_filename: StdinNameOpt = None,
    no_progress: NoProgressOpt = False,
    force_exclude: ForceExcludeOpt = False,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    no_respect_gitignore: NoGitignoreOpt = False,
) -> None:
    """Report problems in article files ('-' reads standard input)."""
    run = Output(
        output_format,
        output_file,
        show_source,
        show_fixes,
        statistics,
        quiet,
        no_progress,
        stdin_filename,
    )
    with _config_errors():
        resolver = _resolver(select, extend_select, ignore, config, isolated, no_respect_gitignore)
        fmt = choose_format(run, resolver)
        with stream(output_file) as out:
            reporter = REPORTERS[fmt](out, fixing=False, options=report_options(run, resolver))
            if paths == ["-"]:
                name, rules, generator, _ = _stdin(resolver, stdin_filename)
                reporter.file(check_bytes(sys.stdin.buffer.read(), name, rules, generator))
            else:
                options = RunOptions(jobs=jobs, cache=not no_cache, cache_dir=cache_dir)
                for result in _results(paths, resolver, run, fmt, options, force_exclude):
                    reporter.file(result)
            summary = reporter.finish()
    raise typer.Exit(_exit_status(summary, summary.problems > 0 and not exit_zero))


@app.command()
def fix(
    paths: PathsArg,
    write: Annotated[
        bool, typer.Option("--write", help="Apply the fixes; without it, show a diff.")
    ] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Also apply fixes that may remove content.")
    ] = False,
    exit_non_zero_on_fix: Annotated[
        bool,
        typer.Option("--exit-non-zero-on-fix", help="With --write: exit 1 if a file changed."),
    ] = False,
    output_format: FormatOpt = None,
    output_file: OutputFileOpt = None,
    show_source: ShowSourceOpt = False,
    show_fixes: ShowFixesOpt = False,
    statistics: StatisticsOpt = False,
    quiet: QuietOpt = False,
    exit_zero: ExitZeroOpt = False,
    stdin_filename: StdinNameOpt = None,
    no_progress: NoProgressOpt = False,
    force_exclude: ForceExcludeOpt = False,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    no_respect_gitignore: NoGitignoreOpt = False,
) -> None:
    """Fix problems: a dry run showing a diff, or --write ('-': fixed text to stdout)."""
    run = Output(
        output_format,
        output_file,
        show_source,
        show_fixes,
        statistics,
        quiet,
        no_progress,
        stdin_filename,
    )
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
        fmt = choose_format(run, resolver)
        options = report_options(run, resolver)
        if paths == ["-"]:
            # The fixed text goes to stdout, so the report goes to stderr (or --output-file).
            name, rules, generator, unsafe = _stdin(resolver, stdin_filename)
            raw = sys.stdin.buffer.read()
            result = fix_bytes(
                raw, name, unsafe=unsafe_fixes or unsafe, rules=rules, generator=generator
            )
            sys.stdout.buffer.write(result.fixed_bytes if result.fixed_bytes is not None else raw)
            sys.stdout.flush()
            with contextlib.ExitStack() as stack:
                out = stack.enter_context(stream(output_file)) if output_file else sys.stderr
                reporter = REPORTERS[fmt](out, fixing=True, options=options)
                reporter.file(result)
                summary = reporter.finish(dry_run=False, unsafe=unsafe_fixes)
            raise typer.Exit(_exit_status(summary, summary.problems > 0 and not exit_zero))
        with stream(output_file) as out:
            reporter = REPORTERS[fmt](out, fixing=True, options=options)
            run_options = RunOptions(
                jobs=jobs,
                cache=not no_cache,
                cache_dir=cache_dir,
                fix=True,
                write=write,
                unsafe=unsafe_fixes,
                # Symlinked files are written at their target only inside the checked tree.
                roots=roots_of(paths),
            )
            for result in _results(paths, resolver, run, fmt, run_options, force_exclude):
                if not write and result.fixed_bytes is not None:
                    would_change = True
                    if fmt == "text":
                        print_diff(result, out)
                reporter.file(result)
            summary = reporter.finish(dry_run=not write, unsafe=unsafe_fixes)
    changed = summary.fixed_files > 0 and write and exit_non_zero_on_fix
    findings = summary.problems > 0 or would_change or changed
    raise typer.Exit(_exit_status(summary, findings and not (exit_zero and not changed)))


class RulesFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("rules")
def list_rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", help="text, or json for tools and editors.")
    ] = RulesFormat.text,
) -> None:
    """List the rules: code, name, default severity, fixability."""
    from artlint.rules import RULES

    if output_format is RulesFormat.json:
        entries = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fixability": r.fixability.value,
                "summary": r.summary,
                "documentation": r.doc.strip(),
            }
            for r in RULES
        ]
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return

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


@app.command("clean")
def clean(
    cache_dir: CacheDirOpt = None,
) -> None:
    """Remove the result cache (.artlint_cache in this folder, or --cache-dir)."""
    import shutil

    from artlint.cache import CACHE_DIR

    folder = cache_dir or CACHE_DIR
    if os.path.isdir(folder):
        shutil.rmtree(folder)
        typer.echo(f"Removed {folder}")


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
    typer.echo(f'generator = "{settings.generator_for(path)}"')
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
