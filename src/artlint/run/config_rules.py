"""What a configuration says of rules: selectors (codes, prefixes, names, ALL), each rule's
options table, the options the `[metadata]` table sets, and the packs it turns on."""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from artlint.rules.base import Metadata, Rule
from artlint.run.config_files import ConfigError, Source, inside


def strings(where: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key}: expected a list of strings")
    return tuple(value)


def resolve_selectors(
    selectors: Sequence[str], where: str, key: str, rules: Sequence[Rule[Any]]
) -> set[str]:
    """Rule codes from codes, code prefixes (`AL2`), names, or `ALL`."""
    codes: set[str] = set()
    for s in selectors:
        if not s.strip():
            raise ConfigError(f"{where}: {key}: an empty rule selector selects nothing")
        if s.upper() == "ALL":
            codes |= {r.code for r in rules}
            continue
        matched = {r.code for r in rules if r.code.startswith(s.upper()) or r.name == s}
        if not matched:
            raise ConfigError(f"{where}: {key}: unknown rule or prefix {s!r}{pack_hint(s)}")
        codes |= matched
    return codes


def pack_hint(selector: str) -> str:
    """Where a selector unknown to the enabled rules is found among the shipped packs."""
    from artlint.rules import packs

    holding = []
    try:
        for name, path in packs.available().items():
            pack = packs.load(path)
            if any(r.code.startswith(selector.upper()) or r.name == selector for r in pack.rules):
                holding.append(name)
    except packs.PackError:
        return ""
    if not holding:
        return " (`artlint rules --all` lists every rule, packs included)"
    listed = ", ".join(f'"{name}"' for name in holding)
    return f"; it is in the {' and '.join(holding)} pack, not enabled: add `packs = [{listed}]`"


def is_internal(option: dataclasses.Field[Any]) -> bool:
    """An option field artlint fills itself (`metadata={"internal": True}`): not settable."""
    return bool(option.metadata.get("internal"))


def rule_options(rule: Rule[Any], where: str, table: object) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: rules.{rule.name}: expected a table of options")
    fields = {f.name: f for f in dataclasses.fields(rule.options) if not is_internal(f)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in fields:
            known = ", ".join(f.name.replace("_", "-") for f in fields.values()) or "none"
            raise ConfigError(
                f"{where}: rules.{rule.name}: unknown option {key!r} (options: {known})"
            )
        values[name] = typed(fields[name].type, value, f"{where}: rules.{rule.name}.{key}")
    options = rule.options(**values)
    try:
        options.validate()
    except ValueError as exc:
        raise ConfigError(f"{where}: rules.{rule.name}: {exc}") from exc
    return options


def typed(kind: Any, value: object, where: str) -> Any:
    origin = typing.get_origin(kind)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if not isinstance(value, list) or not all(isinstance(v, item) for v in value):
            raise ConfigError(f"{where}: expected a list of {item.__name__}")
        return tuple(value)
    if origin in (typing.Union, types.UnionType):
        raise ConfigError(f"{where}: unsupported option type")
    if kind is bool and not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false")
    if kind in (int, str) and (not isinstance(value, kind) or isinstance(value, bool)):
        raise ConfigError(f"{where}: expected {'an integer' if kind is int else 'a string'}")
    return value


def metadata_options(
    table: Mapping[str, object],
    source: Source,
    rules: Sequence[Rule[Any]],
    options: dict[str, Any],
) -> None:
    """Options the `[metadata]` table sets, each rule reading its own keys (Rule.metadata)."""
    where = source.where
    seen = Metadata(table=table, resolve=source.path)
    for rule in rules:
        if rule.metadata is None:
            continue
        try:
            changed = rule.metadata(options.get(rule.code, rule.options()), seen)
        except ConfigError:
            raise
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from exc
        if changed is not None:
            options[rule.code] = changed


def load_pack_rules(source: Source, builtin: Sequence[Rule[Any]]) -> tuple[Rule[Any], ...]:
    """The rules of the packs `packs` turns on, from the built-in ones and `pack-paths`."""
    where, project = source.where, source.project
    names = strings(where, "packs", source.table.get("packs", []))
    folders = strings(where, "pack-paths", source.table.get("pack-paths", []))
    if not names and not folders:
        return ()
    paths = tuple(source.path("pack-paths", folder) for folder in folders)
    from artlint.rules import packs  # packs load YAML and may need soupsieve: only when asked

    try:
        found = packs.available(paths)
        for name in names:
            if name not in found:
                raise ConfigError(
                    f"{where}: packs: unknown pack {name!r} (available: {', '.join(found)})"
                )
            shipped = os.path.dirname(found[name]) == str(packs.builtin_folder())
            if project is not None and not shipped:
                inside(where, "packs", found[name], project)
        rules = tuple(r for name in names for r in packs.load(found[name]).rules)
    except packs.PackError as exc:
        raise ConfigError(str(exc)) from exc
    taken = {r.code for r in builtin}
    seen: set[str] = set()
    for rule in rules:
        if rule.code in taken or rule.code in seen:
            raise ConfigError(f"{where}: packs: rule code {rule.code} is defined twice")
        seen.add(rule.code)
    return rules
