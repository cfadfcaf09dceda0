"""`artlint config`: the effective settings of a path, as TOML that can be pasted back into an
`artlint.toml` (or as JSON for tools).

Everything is spelled as the configuration spells it: hyphenated keys, the rules that run as
`select`, each rule's options under `[rules.NAME]`, severities that differ from a rule's
default under `[severity]`. Options that artlint sets itself (the schema's cache digest) are
not options and are not shown.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any

from artlint.run.config import Settings, is_internal


def effective(settings: Settings, path: str) -> dict[str, Any]:
    """The settings of `path` as a configuration table."""
    table: dict[str, Any] = {
        "generator": settings.generator_for(path),
        "provenance": settings.provenance,
        "unsafe-fixes": settings.unsafe_fixes,
        "respect-gitignore": settings.respect_gitignore,
        "fail-level": settings.fail_level.value,
    }
    if settings.output_format is not None:
        table["output-format"] = settings.output_format
    if settings.docs_url is not None:
        table["docs-url"] = settings.docs_url
    if settings.baseline is not None:
        table["baseline"] = os.path.relpath(settings.baseline, settings.root)
    if settings.strict_baseline:
        table["strict-baseline"] = True
    packs = settings.raw.get("packs", [])
    table["packs"] = list(packs) if isinstance(packs, list) else []
    pack_paths = settings.raw.get("pack-paths")
    if isinstance(pack_paths, list) and pack_paths:
        table["pack-paths"] = list(pack_paths)
    table["exclude"] = list(settings.exclude)
    table["select"] = [entry.rule.code for entry in settings.rules]
    if settings.per_file_ignores:
        table["per-file-ignores"] = {p: sorted(codes) for p, codes in settings.per_file_ignores}
    if settings.per_file_provenance:
        table["per-file-provenance"] = dict(settings.per_file_provenance)
    severity = {
        e.rule.code: e.severity.value for e in settings.rules if e.severity is not e.rule.severity
    }
    if severity:
        table["severity"] = severity
    metadata = settings.raw.get("metadata")
    if isinstance(metadata, dict) and metadata:
        table["metadata"] = dict(metadata)
    rules: dict[str, dict[str, Any]] = {}
    for entry in settings.rules:
        if entry.options is None or not dataclasses.is_dataclass(entry.options):
            continue
        options = {
            f.name.replace("_", "-"): _plain(getattr(entry.options, f.name))
            for f in dataclasses.fields(entry.options)
            if not is_internal(f)
        }
        if options:
            rules[entry.rule.name] = options
    if rules:
        table["rules"] = rules
    return table


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def as_json(table: dict[str, Any]) -> str:
    return json.dumps(table, ensure_ascii=False, indent=2)


def as_toml(table: dict[str, Any]) -> str:
    """`table` in TOML: plain keys first, then one `[section]` per nested table."""
    lines: list[str] = []
    nested: list[tuple[str, dict[str, Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested:
        if key == "rules":
            for name, options in value.items():
                lines += ["", f"[rules.{_key(name)}]"]
                lines += [f"{_key(k)} = {_value(v)}" for k, v in options.items()]
        else:
            lines += ["", f"[{_key(key)}]"]
            lines += [f"{_key(k)} = {_value(v)}" for k, v in value.items()]
    return "\n".join(lines)


_BARE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _key(key: str) -> str:
    return key if key and set(key) <= _BARE else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    # A JSON string is a TOML basic string: the same quotes and escapes.
    return json.dumps(str(value), ensure_ascii=False)
