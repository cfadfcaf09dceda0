"""Configuration files: where they are found, how one extends another, and the project
(repository) a file may name paths in. Every mistake is a ConfigError naming the file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from artlint.run.files import within
from artlint.safe.regular import NotReadable, read_text

CONFIG_FILES = ("artlint.toml", ".artlint.toml", "pyproject.toml")
KEYS = {
    "extend",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "severity",
    "unsafe-fixes",
    "rules",
    "metadata",
    "packs",
    "pack-paths",
    "generator",
    "output-format",
    "fail-level",
    "docs-url",
    "baseline",
    "strict-baseline",
    "provenance",
    "per-file-provenance",
}


class ConfigError(Exception):
    """A configuration mistake; the message names the file, the key and what was expected."""


@dataclass(frozen=True)
class Source:
    """A configuration table as it is read: where its errors point (`where`), the folder its
    relative paths start from (`root`), and the project it may name paths in (None for the
    command line, which may name any)."""

    table: Mapping[str, Any]
    where: str
    root: str
    project: str | None

    def path(self, key: str, relative: str) -> str:
        """`relative` from the configuration's folder; refused outside the project."""
        path = os.path.join(self.root, relative)
        if self.project is not None:
            inside(self.where, key, path, self.project)
        return path


def load_file(path: str) -> dict[str, Any] | None:
    """The artlint table of a config file; None for a pyproject.toml without one."""
    import tomllib  # only a project that has a configuration file needs its parser

    try:
        data = tomllib.loads(read_text(path))
    except NotReadable as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("artlint") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.artlint] must be a table")
        return table
    return data


def where_of(path: str) -> str:
    return f"{path}: [tool.artlint]" if path.endswith("pyproject.toml") else path


def project_of(config_file: str) -> str:
    """The folder whose files a configuration may name (`extend`, `metadata.schema`,
    `pack-paths`): the top of the repository holding it, or its own folder outside one.
    A repository's configuration arrives with the pull request that CI checks; letting it name
    files anywhere would let it read the machine artlint runs on."""
    folder = os.path.dirname(os.path.realpath(config_file))
    probe = folder
    while not os.path.exists(os.path.join(probe, ".git")):
        parent = os.path.dirname(probe)
        if parent == probe:
            return folder
        probe = parent
    return probe


def inside(where: str, key: str, path: str, project: str) -> None:
    if not within(os.path.realpath(path), (project,)):
        raise ConfigError(
            f"{where}: {key}: {path} is outside the project ({project}); a configuration"
            " may name only files inside its own repository"
        )


def load_chain(
    path: str, seen: tuple[str, ...] = (), project: str | None = None
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A file's table merged over the files it extends, and all their paths."""
    real = os.path.realpath(path)
    project = project_of(path) if project is None else project
    if real in seen:
        raise ConfigError(f"{path}: extend: circular ({' -> '.join((*seen, real))})")
    table = load_file(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.artlint] table")
    unknown = set(table) - KEYS
    if "tool" in unknown and os.path.basename(path) != "pyproject.toml":
        raise ConfigError(
            f"{where_of(path)}: unknown key 'tool': in {os.path.basename(path)} the settings go"
            " at the top level, without [tool.artlint] (that table is for pyproject.toml)"
        )
    if unknown:
        raise ConfigError(
            f"{where_of(path)}: unknown key {sorted(unknown)[0]!r}"
            f" (expected one of: {', '.join(sorted(KEYS))})"
        )
    base = table.get("extend")
    if base is None:
        return table, (path,)
    if not isinstance(base, str):
        raise ConfigError(f"{where_of(path)}: extend: expected a path string")
    base_path = os.path.join(os.path.dirname(os.path.abspath(path)), base)
    if not os.path.exists(base_path):
        raise ConfigError(f"{where_of(path)}: extend: {base_path} does not exist")
    inside(where_of(path), "extend", base_path, project)
    parent, sources = load_chain(base_path, (*seen, real), project)
    parent = anchor_paths(parent, os.path.dirname(os.path.abspath(base_path)))
    merged = {**parent, **{k: v for k, v in table.items() if k != "extend"}}
    for key in ("rules", "severity", "metadata", "per-file-ignores"):
        if isinstance(parent.get(key), dict) and isinstance(table.get(key), dict):
            merged[key] = {**parent[key], **table[key]}
    for key in ("extend-select", "extend-exclude"):
        if key in parent and key in table:
            merged[key] = [*parent[key], *table[key]]
    return merged, (path, *sources)


def anchor_paths(table: dict[str, Any], folder: str) -> dict[str, Any]:
    """An extended file's own paths (pack folders, the schema) stay relative to that file."""
    out = dict(table)
    paths = out.get("pack-paths")
    if isinstance(paths, list):
        out["pack-paths"] = [os.path.join(folder, p) if isinstance(p, str) else p for p in paths]
    metadata = out.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("schema"), str):
        out["metadata"] = {**metadata, "schema": os.path.join(folder, metadata["schema"])}
    if isinstance(out.get("baseline"), str):
        out["baseline"] = os.path.join(folder, out["baseline"])
    return out


def config_file_at(folder: str) -> str | None:
    """The config file in `folder` itself, if any (a pyproject.toml only with its table)."""
    for name in CONFIG_FILES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and (
            name != "pyproject.toml" or load_file(candidate) is not None
        ):
            return candidate
    return None
