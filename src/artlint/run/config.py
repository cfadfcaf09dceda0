"""Configuration: where it is found, how files inherit, and what it selects.

Sources, nearest to the checked file first (walking up its folders): `artlint.toml`,
`.artlint.toml`, or `[tool.artlint]` in `pyproject.toml`. A file may `extend` another one
(relative to itself). `--config FILE` replaces discovery, `--isolated` ignores all files, and
command-line settings apply on top of whichever file is used.

Every mistake is a ConfigError naming the file, the key and what was expected.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from artlint.document.generator import GENERATORS, detect_generator
from artlint.document.provenance import SETTINGS
from artlint.model.diagnostics import Severity
from artlint.rules.base import Configured, Rule
from artlint.run.config_files import (
    ConfigError,
    Source,
    config_file_at,
    load_chain,
    project_of,
    where_of,
)
from artlint.run.config_globs import check_glob, file_patterns, matcher
from artlint.run.config_rules import (
    is_internal,
    load_pack_rules,
    metadata_options,
    resolve_selectors,
    rule_options,
    strings,
)

__all__ = [
    "OUTPUT_FORMATS",
    "ConfigError",
    "OutputFormat",
    "Overrides",
    "Resolver",
    "Settings",
    "is_internal",
]


class OutputFormat(StrEnum):
    """The report formats: the one list that the CLI's choices, the `output-format` key and
    artlint.report.REPORTERS (keyed by these) come from."""

    text = "text"
    concise = "concise"
    json = "json"
    json_lines = "json-lines"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"


OUTPUT_FORMATS = tuple(f.value for f in OutputFormat)


@dataclass(frozen=True)
class Overrides:
    """Settings from the command line, applied over any file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()  # turned on besides the configured ones
    fail_level: str | None = None
    unsafe_fixes: bool | None = None
    config_file: str | None = None
    isolated: bool = False
    respect_gitignore: bool | None = None


@dataclass(frozen=True)
class Settings:
    sources: tuple[str, ...]  # the files these settings came from, nearest first
    root: str  # folder that relative globs are matched from
    rules: tuple[Configured[Any], ...]
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    unsafe_fixes: bool = False
    generator: str | None = None  # None: detected for each article from its folders
    output_format: str | None = None
    fail_level: Severity = Severity.INFO  # the least severe finding that fails the run
    docs_url: str | None = None  # a rule's page: `{code}` and `{name}` are filled in
    baseline: str | None = None  # the baseline file (artlint.run.baseline), absolute
    strict_baseline: bool = False  # fail when the baseline covers findings that are gone
    raw: Mapping[str, Any] = field(default_factory=dict)
    provenance: str = "auto"  # see artlint.document.provenance
    per_file_provenance: tuple[tuple[str, str], ...] = ()

    def provenance_for(self, path: str) -> str:
        """The configured provenance of `path`: the last matching per-file glob, else the
        project's setting."""
        found = self.provenance
        if self.per_file_provenance:
            rel = _relative(path, self.root)
            for pattern, value in self.per_file_provenance:
                if matcher((pattern,)).match_file(rel):
                    found = value
        return found

    def rules_for(self, path: str) -> tuple[Configured[Any], ...]:
        """The rules that apply to `path`, after per-file-ignores."""
        if not self.per_file_ignores:
            return self.rules
        rel = _relative(path, self.root)
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if matcher((pattern,)).match_file(rel):
                ignored |= codes
        return tuple(c for c in self.rules if c.rule.code not in ignored)

    def generator_for(self, path: str) -> str:
        """The configured generator, or the one the article's own project looks like."""
        if self.generator is not None:
            return self.generator
        folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        return detect_generator(folder)

    def excluded(self, path: str) -> bool:
        return bool(self.exclude) and matcher(self.exclude).match_file(_relative(path, self.root))


def _relative(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), root)
    return rel.replace(os.sep, "/")


# --- resolving -------------------------------------------------------------------------------


def build(
    table: Mapping[str, Any],
    sources: tuple[str, ...],
    root: str,
    overrides: Overrides,
    builtin: Sequence[Rule[Any]],
) -> Settings:
    """The settings of one configuration `table` (read from `sources`, nearest first), over
    the `builtin` rule set."""
    where = where_of(sources[0]) if sources else "command line"
    project = project_of(sources[0]) if sources else None
    source = Source(table, where, root, project)
    known = _known(source, overrides, builtin)
    by_code = {r.code: r for r in known}
    selected = _selected(table, where, overrides, known)
    severity = _severities(table, where, known)
    options = _rule_options(source, known)
    per_file, exclude = file_patterns(table, where, known)

    generator = table.get("generator")
    if generator is not None and generator not in GENERATORS:
        raise ConfigError(f"{where}: generator: expected one of {', '.join(GENERATORS)}")

    provenance, per_file_provenance = _provenance(where, table)

    output_format = table.get("output-format")
    if output_format is not None and output_format not in OUTPUT_FORMATS:
        raise ConfigError(f"{where}: output-format: expected one of {', '.join(OUTPUT_FORMATS)}")

    fail_level = table.get("fail-level", "info")
    if fail_level not in ("info", "warning", "error"):
        raise ConfigError(f"{where}: fail-level: expected one of info, warning, error")

    docs_url = _docs_url(where, table.get("docs-url"))
    baseline = table.get("baseline")
    if baseline is not None:
        if not isinstance(baseline, str) or not baseline:
            raise ConfigError(f"{where}: baseline: expected a path string")
        # Bounded to the project: it is written, by --prune-baseline.
        baseline = os.path.abspath(source.path("baseline", baseline))
    strict_baseline = table.get("strict-baseline", False)
    if not isinstance(strict_baseline, bool):
        raise ConfigError(f"{where}: strict-baseline: expected true or false")

    respect = table.get("respect-gitignore", True)
    unsafe = table.get("unsafe-fixes", False)
    for key, value in (("respect-gitignore", respect), ("unsafe-fixes", unsafe)):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {key}: expected true or false")
    rules = tuple(
        Configured(
            by_code[code],
            options.get(code, by_code[code].options()),
            severity.get(code, by_code[code].severity),
        )
        for code in sorted(selected)
    )
    return Settings(
        sources=sources,
        root=root,
        rules=rules,
        per_file_ignores=per_file,
        exclude=exclude,
        respect_gitignore=respect
        if overrides.respect_gitignore is None
        else overrides.respect_gitignore,
        unsafe_fixes=unsafe if overrides.unsafe_fixes is None else overrides.unsafe_fixes,
        generator=generator,
        output_format=output_format,
        fail_level=Severity(fail_level if overrides.fail_level is None else overrides.fail_level),
        docs_url=docs_url,
        baseline=baseline,
        strict_baseline=strict_baseline,
        raw=dict(table),
        provenance=provenance,
        per_file_provenance=per_file_provenance,
    )


def _known(
    source: Source, overrides: Overrides, builtin: Sequence[Rule[Any]]
) -> tuple[Rule[Any], ...]:
    """The rules this configuration can name: the built-in ones and its packs' (`packs`,
    then `--packs`)."""
    pack_rules = load_pack_rules(source, builtin)
    if overrides.packs:
        named = {r.code for r in pack_rules}
        asked = Source({"packs": list(overrides.packs)}, "command line --packs", source.root, None)
        more = load_pack_rules(asked, builtin)
        pack_rules = (*pack_rules, *(r for r in more if r.code not in named))
    return (*builtin, *pack_rules)


def _selected(
    table: Mapping[str, Any], where: str, overrides: Overrides, known: Sequence[Rule[Any]]
) -> set[str]:
    """The codes that run: `select` (or every rule), `extend-select`, less `ignore`; the
    command line's over the file's."""

    def resolve(selectors: Sequence[str], origin: str, key: str) -> set[str]:
        return resolve_selectors(selectors, origin, key, known)

    checking = {r.code for r in known if r.selectable}
    if overrides.select is not None:
        selected = resolve(overrides.select, "command line", "--select")
    elif "select" in table:
        selected = resolve(strings(where, "select", table["select"]), where, "select")
    else:
        selected = set(checking)
    extra = strings(where, "extend-select", table.get("extend-select", []))
    selected |= resolve(extra, where, "extend-select")
    selected |= resolve(overrides.extend_select, "command line", "--extend-select")
    ignored = resolve(strings(where, "ignore", table.get("ignore", [])), where, "ignore")
    ignored |= resolve(overrides.ignore, "command line", "--ignore")
    return (selected - ignored) & checking


def _severities(
    table: Mapping[str, Any], where: str, known: Sequence[Rule[Any]]
) -> dict[str, Severity]:
    """`[severity]`: a level for the codes each selector names."""
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise ConfigError(f"{where}: severity: expected a table of code = level")
    severity: dict[str, Severity] = {}
    for key, level in severities.items():
        levels = [s.value for s in Severity]
        if level not in levels:
            raise ConfigError(f"{where}: severity.{key}: expected one of {', '.join(levels)}")
        for code in resolve_selectors([key], where, "severity", known):
            severity[code] = Severity(level)
    return severity


def _rule_options(source: Source, known: Sequence[Rule[Any]]) -> dict[str, Any]:
    """Options by code: each `[rules.<name>]` table, then what `[metadata]` sets."""
    table, where = source.table, source.where
    rule_tables = table.get("rules", {})
    if not isinstance(rule_tables, dict):
        raise ConfigError(f"{where}: rules: expected tables named after rules")
    metadata = table.get("metadata", {})
    read = dict.fromkeys(key for rule in known for key in rule.metadata_keys)
    if not isinstance(metadata, dict) or set(metadata) - set(read):
        raise ConfigError(f"{where}: metadata: expected a table with keys: {', '.join(read)}")
    options: dict[str, Any] = {}
    for name, sub in rule_tables.items():
        matches = [r for r in known if name in (r.name, r.code)]
        if not matches:
            raise ConfigError(f"{where}: rules.{name}: unknown rule")
        options[matches[0].code] = rule_options(matches[0], where, sub)
    if metadata:
        metadata_options(metadata, source, known, options)
    return options


def _docs_url(where: str, value: object) -> str | None:
    """`docs-url`: where rule pages live (`artlint rules --docs DIR` writes them), as an
    http(s) URL with `{code}` or `{name}` in it."""
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or not value.startswith(("https://", "http://"))
        or ("{code}" not in value and "{name}" not in value)
    ):
        raise ConfigError(
            f"{where}: docs-url: expected an http(s) URL with {{code}} or {{name}} in it,"
            ' such as "https://example.org/rules/{code}.html"'
        )
    try:
        value.format(code="AL101", name="leftover-comment")
    except (KeyError, IndexError, ValueError):
        raise ConfigError(
            f"{where}: docs-url: only {{code}} and {{name}} may be filled in"
            " (write {{ and }} for literal braces)"
        ) from None
    return value


def _provenance(where: str, table: Mapping[str, Any]) -> tuple[str, tuple[tuple[str, str], ...]]:
    def valid(key: str, value: object) -> str:
        if value not in SETTINGS:
            raise ConfigError(f"{where}: {key}: expected one of {', '.join(SETTINGS)}")
        return str(value)

    default = valid("provenance", table.get("provenance", "auto"))
    per_file = table.get("per-file-provenance", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where}: per-file-provenance: expected a table of glob = setting")
    for pattern in per_file:
        check_glob(where, f"per-file-provenance.{pattern!r}", pattern)
    pairs = tuple(
        (pattern, valid(f"per-file-provenance.{pattern!r}", value))
        for pattern, value in per_file.items()
    )
    return default, pairs


class Resolver:
    """Settings for each checked path, read once per config file."""

    def __init__(self, overrides: Overrides | None = None) -> None:
        # The rules a configuration selects from besides its packs'. Imported here, where a
        # run is configured: `artlint --version` and the like do without every rule module.
        from artlint.run.builtin import RULES

        self.overrides = overrides or Overrides()
        self.rules = RULES
        self._by_file: dict[str | None, Settings] = {}  # None: no file, the defaults
        self._by_folder: dict[str, str | None] = {}  # absolute folder -> its config file
        self._settings: dict[str, Settings] = {}  # folder as given -> its settings
        given = self.overrides.config_file
        if given is not None and not os.path.isfile(given):
            reason = "not a regular file" if os.path.exists(given) else "no such file"
            raise ConfigError(f"{given}: --config: {reason}")

    def _config_file_in(self, folder: str) -> str | None:
        if self.overrides.isolated:
            return None
        if self.overrides.config_file is not None:
            return self.overrides.config_file
        # The nearest file at or above the folder. Every folder passed on the way up gets the
        # answer too: a pyproject.toml without a table is read once, not once a folder below.
        folder = os.path.abspath(folder)
        walked: list[str] = []
        found: str | None = None
        while True:
            if folder in self._by_folder:
                found = self._by_folder[folder]
                break
            walked.append(folder)
            found = config_file_at(folder)
            parent = os.path.dirname(folder)
            if found is not None or parent == folder:
                break
            folder = parent
        for seen in walked:
            self._by_folder[seen] = found
        return found

    def all_rules(self) -> tuple[Rule[Any], ...]:
        """Every rule of every configuration read so far."""
        seen: dict[str, Rule[Any]] = {}
        for settings in self._by_file.values():
            for entry in settings.rules:
                seen.setdefault(entry.rule.code, entry.rule)
        return tuple(seen.values())

    def settings_for(self, path: str, is_dir: bool | None = None) -> Settings:
        """The settings of a file or folder: those of the folder it is in (or is). A caller
        that knows whether `path` is a folder says so: a walk asks for every file."""
        if is_dir is None:
            is_dir = os.path.isdir(path)
        folder = path if is_dir else os.path.dirname(path)
        found = self._settings.get(folder)
        if found is None:
            found = self._settings[folder] = self._settings_in(folder)
        return found

    def _settings_in(self, folder: str) -> Settings:
        config_file = self._config_file_in(folder)
        if config_file is None:
            # No file: defaults, the same for every folder (no globs to anchor; the generator
            # is detected from each article's own folder), so built once.
            if None not in self._by_file:
                self._by_file[None] = build({}, (), os.getcwd(), self.overrides, self.rules)
            return self._by_file[None]
        if config_file not in self._by_file:
            table, sources = load_chain(config_file)
            root = os.path.dirname(os.path.abspath(config_file))
            self._by_file[config_file] = build(table, sources, root, self.overrides, self.rules)
        return self._by_file[config_file]
