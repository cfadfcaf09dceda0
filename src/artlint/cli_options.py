"""The options `artlint check` and `artlint fix` share, declared once for typer."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    json_lines = "json-lines"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"


PathsArg = Annotated[
    list[str], typer.Argument(help="Article files or folders (walked for .md, .markdown, .html).")
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option("--format", help="Report format (default: output-format from config, or text)."),
]
OutputFileOpt = Annotated[
    str | None, typer.Option("--output-file", help="Write the report to this file.")
]
ShowSourceOpt = Annotated[
    bool, typer.Option("--show-source", help="Show the offending line under each finding.")
]
ShowFixesOpt = Annotated[bool, typer.Option("--show-fixes", help="Show what each fix would do.")]
StatisticsOpt = Annotated[
    bool, typer.Option("--statistics", help="Count findings per rule instead of listing them.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", help="Print findings only, no summary.")]
ExitZeroOpt = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even when problems are found.")
]
StdinNameOpt = Annotated[
    str | None,
    typer.Option("--stdin-filename", help="With '-': the path to use for config and messages."),
]
NoProgressOpt = Annotated[
    bool, typer.Option("--no-progress", help="No progress bar, even on a terminal.")
]
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


JobsOpt = Annotated[
    int,
    typer.Option("--jobs", "-j", help="Worker processes (default: all cores; 1: no workers)."),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]
CacheDirOpt = Annotated[
    str | None,
    typer.Option("--cache-dir", help="Cache folder (default: .artlint_cache at the project root)."),
]
ForceExcludeOpt = Annotated[
    bool,
    typer.Option(
        "--force-exclude", help="Apply exclude and .gitignore to files named directly too."
    ),
]
