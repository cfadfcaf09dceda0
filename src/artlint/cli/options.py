"""The command line's arguments, declared once: `check` and `fix` share most of theirs.

argparse rather than a framework: a one-file check from pre-commit pays for every import.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

from artlint.report.terminal import safe
from artlint.run.config import ConfigError, OutputFormat

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_USAGE = 0, 1, 2, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


@contextlib.contextmanager
def config_errors() -> Iterator[None]:
    """A configuration mistake ends the run with one line and status 2, no traceback."""
    try:
        yield
    except ConfigError as exc:
        print(f"artlint: config error: {safe(str(exc))}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR) from None


class Parser(argparse.ArgumentParser):
    """A usage mistake is one line on stderr naming the argument, and exit status 2."""

    def __init__(self, **kwargs: Any) -> None:
        # Abbreviated options (--form) are mistakes, not guesses.
        super().__init__(add_help=False, allow_abbrev=False, **kwargs)
        self.add_argument("-h", "--help", action="help", help="Show this message and exit.")

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


@dataclass(frozen=True)
class RunArgs:
    """The arguments of `check` and `fix`, typed (argparse's namespace is not)."""

    paths: list[str]
    output_format: OutputFormat | None
    output_file: str | None
    show_source: bool
    show_fixes: bool
    statistics: bool
    quiet: bool
    exit_zero: bool
    stdin_filename: str | None
    no_progress: bool
    force_exclude: bool
    jobs: int
    no_cache: bool
    cache_dir: str | None
    select: str | None
    extend_select: str | None
    ignore: str | None
    packs: str | None
    fail_level: str | None
    color: str
    config: str | None
    isolated: bool
    no_respect_gitignore: bool
    baseline: str | None = None
    # `check` only
    explain: bool = False
    write_baseline: bool = False
    prune_baseline: bool = False
    strict_baseline: bool = False
    diff_base: str | None = None
    changed_lines: bool = False
    scheduler: str | None = None
    # `fix` only
    write: bool = False
    unsafe_fixes: bool = False
    exit_non_zero_on_fix: bool = False

    @classmethod
    def of(cls, ns: argparse.Namespace) -> RunArgs:
        fmt = ns.output_format
        return cls(**{**vars(ns), "output_format": None if fmt is None else OutputFormat(fmt)})


def _flag(parser: argparse.ArgumentParser, name: str, help: str, short: str = "") -> None:
    parser.add_argument(*([short] if short else []), name, action="store_true", help=help)


def _text(parser: argparse.ArgumentParser, name: str, help: str, short: str = "") -> None:
    parser.add_argument(*([short] if short else []), name, metavar="TEXT", help=help)


def add_config_options(parser: argparse.ArgumentParser) -> None:
    _text(parser, "--config", "Use this configuration file, no discovery.")
    _flag(parser, "--isolated", "Ignore all configuration files.")


def add_cache_dir(parser: argparse.ArgumentParser) -> None:
    _text(parser, "--cache-dir", "Cache folder (default: .artlint_cache at the project root).")


def add_rules_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=["text", "json"],
        default="text",
        help="text, or json for tools and editors.",
    )
    parser.add_argument(
        "--all",
        dest="all_packs",
        action="store_true",
        help="Also list the rules of the shipped packs that are not enabled here.",
    )
    parser.add_argument(
        "--docs",
        metavar="DIR",
        help="Write one Markdown page per rule (built-in and of every shipped pack) and an "
        "index.md to DIR, for the pages that docs-url links to.",
    )


def add_init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help="The repository (default: here).")
    parser.add_argument("--force", action="store_true", help="Replace an existing artlint.toml.")


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tcp",
        metavar="HOST:PORT",
        help="Listen on TCP instead of stdio (for clients that connect to a running server).",
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="Speak LSP on stdin and stdout (the default; accepted because clients pass it).",
    )


def add_shell_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=["bash", "zsh", "fish"], help="The shell.")


def add_rule_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", help="A rule code (AL101) or name (leftover-comment).")


def add_show_config_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default=".", help="The file or folder to show settings for."
    )
    parser.add_argument(
        "--format",
        "--output-format",
        dest="output_format",
        choices=["toml", "json"],
        default="toml",
        help="toml (to paste into artlint.toml), or json for tools.",
    )
    add_config_options(parser)


def add_run_options(parser: argparse.ArgumentParser, *, fixing: bool) -> None:
    """The arguments of `check`, and with `fixing` those of `fix`, in the order help lists them."""
    parser.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATHS",
        help="Article files or folders (walked for .md, .markdown, .html; with a site "
        "generator, its content folders only). Default: the current folder.",
    )
    if not fixing:
        _flag(
            parser,
            "--explain",
            "Check nothing: say for each file whether its markup is imported or authored, "
            "why, and how its site generator counts it.",
        )
    if fixing:
        _flag(parser, "--write", "Apply the fixes; without it, show a diff.", "-w")
        _flag(parser, "--unsafe-fixes", "Also apply fixes that may remove content.")
        _flag(parser, "--exit-non-zero-on-fix", "With --write: exit 1 if a file changed.")
    parser.add_argument(
        "--format",
        "--output-format",  # ruff's name, and the configuration key's
        dest="output_format",
        choices=[f.value for f in OutputFormat],
        help="Report format (default: output-format from config, or text).",
    )
    _text(parser, "--output-file", "Write the report to this file.", "-o")
    _flag(parser, "--show-source", "Show the offending line under each finding.")
    _flag(parser, "--show-fixes", "Show what each fix would do.")
    _flag(parser, "--statistics", "Count findings per rule instead of listing them.")
    _flag(parser, "--quiet", "Print findings only, no summary.", "-q")
    _flag(parser, "--exit-zero", "Exit 0 even when problems are found.", "-e")
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="Colour in text reports: auto (on a terminal, unless NO_COLOR is set), always, never.",
    )
    _text(parser, "--stdin-filename", "With '-': the path to use for config and messages.")
    _flag(parser, "--no-progress", "No progress bar, even on a terminal.")
    _flag(parser, "--force-exclude", "Apply exclude and .gitignore to files named directly too.")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="Worker processes (default: all cores; 1: no workers).",
    )
    _flag(parser, "--no-cache", "Neither read nor write the cache.")
    add_cache_dir(parser)
    _text(
        parser,
        "--select",
        "Rules to run instead of the configured ones: codes, "
        "prefixes (AL2) or names, comma-separated.",
    )
    _text(parser, "--extend-select", "Rules to run in addition.")
    _text(parser, "--ignore", "Rules not to run.")
    _text(parser, "--packs", "Rule packs to turn on besides the configured ones, comma-separated.")
    parser.add_argument(
        "--fail-level",
        choices=["info", "warning", "error"],
        help="The least severe finding that makes the run fail (default: fail-level from"
        " config, or info: any finding).",
    )
    add_config_options(parser)
    _flag(parser, "--no-respect-gitignore", "Check files that .gitignore excludes too.")
    parser.add_argument(
        "--baseline",
        metavar="PATH",
        help="Report only findings this baseline does not cover (default: baseline from config).",
    )
    if not fixing:
        _flag(
            parser,
            "--write-baseline",
            "Record every finding of this run in the baseline (--baseline, baseline from"
            " config, or artlint-baseline.json), and report nothing.",
        )
        _flag(
            parser,
            "--prune-baseline",
            "Drop the baseline's entries for findings that are gone (it never adds any).",
        )
        _flag(
            parser,
            "--strict-baseline",
            "Fail when the baseline covers findings that are gone (config: strict-baseline).",
        )
        _text(
            parser,
            "--diff-base",
            "Check only files changed since this git revision (and new files).",
        )
        _flag(
            parser,
            "--changed-lines",
            "With --diff-base: report only findings on added or changed lines.",
        )
        parser.add_argument(
            "--scheduler",
            metavar="ADDRESS",
            help="Check the files on the Dask cluster at this address (tcp://host:8786);"
            " needs artlint[dask] and a file system the workers share.",
        )
