"""The `artlint` command: arguments -> api -> reporter -> exit status.

Exit status: 0 nothing found, 1 findings (or, for `fix`, changes that would be made), 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, NoReturn

from artlint import __version__
from artlint.api import FileResult, check_bytes, fix_bytes
from artlint.cli.commands import clean, init, list_rules, serve, show_config, show_rule
from artlint.cli.options import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    Parser,
    RunArgs,
    add_cache_dir,
    add_init_arguments,
    add_rule_argument,
    add_rules_options,
    add_run_options,
    add_server_arguments,
    add_shell_argument,
    add_show_config_arguments,
    config_errors,
)
from artlint.cli.output import (
    choose_format,
    print_diff,
    report_options,
    shows_progress,
    stream,
    with_progress,
)
from artlint.cli.scope import Scope
from artlint.report import REPORTERS, Summary
from artlint.report.terminal import safe
from artlint.rules.base import Configured
from artlint.run import runner
from artlint.run.config import ConfigError, Overrides, Resolver
from artlint.run.runner import RunOptions, default_jobs, roots_of
from artlint.run.targets import targets

DESCRIPTION = "Lint and clean article files: Markdown with front matter and scraped HTML."


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _resolver(args: RunArgs, unsafe_fixes: bool | None = None) -> Resolver:
    return Resolver(
        Overrides(
            select=_split(args.select) if args.select is not None else None,
            extend_select=_split(args.extend_select),
            ignore=_split(args.ignore),
            packs=_split(args.packs),
            fail_level=args.fail_level,
            unsafe_fixes=unsafe_fixes,
            config_file=args.config,
            isolated=args.isolated,
            respect_gitignore=False if args.no_respect_gitignore else None,
        )
    )


def _exit_status(summary: Summary, findings_status: bool) -> int:
    if summary.internal_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings_status else EXIT_CLEAN


def _results(
    args: RunArgs, resolver: Resolver, fmt: str, options: RunOptions, scope: Scope
) -> Iterator[FileResult]:
    # The whole walk comes first: it reads every folder's configuration, and an error there
    # must stop the run before any file is checked or written.
    items = list(scope.items(targets(args.paths, resolver, force_exclude=args.force_exclude)))
    jobs = options.jobs if options.jobs > 0 else default_jobs()
    # Only --show-source, the GitLab fingerprints and the baseline's read the file's text.
    keep_text = args.show_source or args.show_fixes or fmt == "gitlab" or scope.needs_text
    options = replace(options, jobs=jobs, keep_text=keep_text)
    if args.scheduler is not None:
        try:
            from artlint.integrations.dask_run import run_on_cluster
        except ImportError as exc:
            raise ConfigError(
                f"--scheduler needs Dask: pip install 'artlint[dask]' ({exc})"
            ) from None
        results = run_on_cluster(args.scheduler, items, resolver.overrides, options)
    else:
        results = runner.run(items, resolver, options)
    if shows_progress(fmt, args):
        results = with_progress(results, len(items), args)
    return (scope.result(r) for r in results)


def _stdin(
    resolver: Resolver, stdin_filename: str | None
) -> tuple[str, tuple[Configured[Any], ...], str, bool]:
    """For standard input: the name to report, the rules, the generator and unsafe-fixes,
    from the settings of --stdin-filename (or of the current folder)."""
    name = stdin_filename or "-"
    settings = resolver.settings_for(stdin_filename or ".")
    where = stdin_filename or "."
    return name, settings.rules_for(name), settings.generator_for(where), settings.unsafe_fixes


def check(args: RunArgs) -> int:
    """Report problems in article files ('-' reads standard input)."""
    with config_errors():
        resolver = _resolver(args)
        if args.explain:
            from artlint.cli.explain import explain  # only --explain reads files in this process

            return explain(args.paths, resolver, args.force_exclude, sys.stdout)
        fmt = choose_format(args, resolver)
        scope = Scope.of(args, resolver)
        if scope.recording is not None:
            return _write_baseline(args, resolver, fmt, scope)
        with stream(args.output_file) as out:
            reporter = REPORTERS[fmt](out, fixing=False, options=report_options(args, resolver))
            if args.paths == ["-"]:
                name, rules, generator, _ = _stdin(resolver, args.stdin_filename)
                reporter.file(check_bytes(sys.stdin.buffer.read(), name, rules, generator))
            else:
                # Below the fail level, and for a baseline, findings must reach this process.
                whole = reporter.options.fail_level.rank or scope.needs_findings
                options = RunOptions(
                    jobs=args.jobs,
                    cache=not args.no_cache,
                    cache_dir=args.cache_dir,
                    render=None if whole else reporter.renderer(),
                )
                for result in _results(args, resolver, fmt, options, scope):
                    reporter.file(result)
            summary = reporter.finish()
        stale_fails = scope.finish()
    return _exit_status(summary, (summary.failing > 0 or stale_fails) and not args.exit_zero)


def _write_baseline(args: RunArgs, resolver: Resolver, fmt: str, scope: Scope) -> int:
    options = RunOptions(jobs=args.jobs, cache=not args.no_cache, cache_dir=args.cache_dir)
    internal = 0
    for result in _results(args, resolver, fmt, options, scope):
        internal += result.internal_error
    scope.finish()
    return EXIT_ERROR if internal else EXIT_CLEAN


def fix(args: RunArgs) -> int:
    """Fix problems: a dry run showing a diff, or --write ('-': fixed text to stdout)."""
    would_change = False
    with config_errors():
        resolver = _resolver(args, unsafe_fixes=True if args.unsafe_fixes else None)
        fmt = choose_format(args, resolver)
        options = report_options(args, resolver)
        if args.paths == ["-"]:
            # The fixed text goes to stdout, so the report goes to stderr (or --output-file).
            name, rules, generator, unsafe = _stdin(resolver, args.stdin_filename)
            raw = sys.stdin.buffer.read()
            result = fix_bytes(
                raw, name, unsafe=args.unsafe_fixes or unsafe, rules=rules, generator=generator
            )
            sys.stdout.buffer.write(result.fixed_bytes if result.fixed_bytes is not None else raw)
            sys.stdout.flush()
            with contextlib.ExitStack() as stack:
                out = (
                    stack.enter_context(stream(args.output_file))
                    if args.output_file
                    else sys.stderr
                )
                reporter = REPORTERS[fmt](out, fixing=True, options=options)
                reporter.file(result)
                summary = reporter.finish(dry_run=False, unsafe=args.unsafe_fixes)
            return _exit_status(summary, summary.failing > 0 and not args.exit_zero)
        with stream(args.output_file) as out:
            reporter = REPORTERS[fmt](out, fixing=True, options=options)
            run_options = RunOptions(
                jobs=args.jobs,
                cache=not args.no_cache,
                cache_dir=args.cache_dir,
                fix=True,
                write=args.write,
                unsafe=args.unsafe_fixes,
                # Symlinked files are written at their target only inside the checked tree.
                roots=roots_of(args.paths),
            )
            scope = Scope.of(args, resolver, fixing=True)
            results = _results(args, resolver, fmt, run_options, scope)
            for result in results:
                if not args.write and result.fixed_bytes is not None:
                    would_change = True
                    if fmt == "text":
                        print_diff(result, out)
                reporter.file(result)
            summary = reporter.finish(dry_run=not args.write, unsafe=args.unsafe_fixes)
        scope.finish()
    changed = summary.fixed_files > 0 and args.write and args.exit_non_zero_on_fix
    findings = summary.failing > 0 or would_change or changed
    return _exit_status(summary, findings and not (args.exit_zero and not changed))


def completion(shell: str) -> int:
    """Print a shell completion script (bash, zsh or fish)."""
    from artlint.cli.completion import script

    print(script(shell, {name: c.arguments for name, c in COMMANDS.items()}), end="")
    return EXIT_CLEAN


@dataclass(frozen=True)
class Command:
    run: Callable[[argparse.Namespace], int]
    arguments: Callable[[Parser], None]
    summary: str | None  # the docstring of the function that does the work


COMMANDS = {
    "check": Command(
        lambda ns: check(RunArgs.of(ns)),
        lambda p: add_run_options(p, fixing=False),
        check.__doc__,
    ),
    "fix": Command(
        lambda ns: fix(RunArgs.of(ns)),
        lambda p: add_run_options(p, fixing=True),
        fix.__doc__,
    ),
    "rules": Command(
        lambda ns: list_rules(ns.output_format, ns.all_packs, ns.docs),
        add_rules_options,
        list_rules.__doc__,
    ),
    "rule": Command(lambda ns: show_rule(ns.key), add_rule_argument, show_rule.__doc__),
    "clean": Command(
        lambda ns: clean(ns.cache_dir),
        add_cache_dir,
        clean.__doc__,
    ),
    "init": Command(
        lambda ns: init(ns.path, ns.force),
        add_init_arguments,
        "Look at the articles and write a commented starting configuration.",
    ),
    "completion": Command(
        lambda ns: completion(ns.shell),
        add_shell_argument,
        "Print a shell completion script (bash, zsh or fish).",
    ),
    "server": Command(lambda ns: serve(ns.tcp), add_server_arguments, serve.__doc__),
    "config": Command(
        lambda ns: show_config(ns.path, ns.config, ns.isolated, ns.output_format),
        add_show_config_arguments,
        show_config.__doc__,
    ),
}


def run(argv: Sequence[str]) -> int:
    """Parse the arguments and run the command; its exit status."""
    root = Parser(prog="artlint", description=DESCRIPTION)
    root.add_argument(
        "--version", action="version", version=f"artlint {__version__}", help="Show the version."
    )
    sub = root.add_subparsers(title="commands", metavar="COMMAND")
    parsers = {
        name: sub.add_parser(name, help=c.summary, description=c.summary)
        for name, c in COMMANDS.items()
    }
    if not argv:
        root.print_help()
        return EXIT_USAGE
    # The root's own options (--help, --version) come before the command and take no value.
    at = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), len(argv))
    root.parse_args(argv[:at])
    if at == len(argv):
        root.error("missing command")
    name = argv[at]
    if name not in COMMANDS:
        root.error(f"no such command '{name}'")
    command = COMMANDS[name]
    # Options only for the command that runs: building every parser would cost for nothing.
    command.arguments(parsers[name])
    # Options may follow paths (`check a.md --quiet b.md`), as they could before.
    return command.run(parsers[name].parse_intermixed_args(argv[at + 1 :]))


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script and `python -m artlint`: always ends with the exit status."""
    try:
        status = run(sys.argv[1:] if argv is None else argv)
        sys.stdout.flush()  # here, so that a closed pipe is caught below, not at exit
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`artlint check . | head`): stop quietly, as before.
        _silence_stdout()
        status = EXIT_FINDINGS
    except Exception as exc:  # a bug in artlint: say so in one line, exit 2, no traceback
        print(f"artlint: internal error: {type(exc).__name__}: {safe(str(exc))}", file=sys.stderr)
        status = EXIT_ERROR
    sys.exit(status)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so flushing at exit does not fail on the broken pipe again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
