"""Declarative rule packs: YAML files of site-specific rules, loaded and validated strictly.

A pack is `rules/<name>.yaml` (shipped with artlint) or a file in a `pack-paths` folder:

    pack: rss-portal
    description: Junk that RSS-to-Hexo generators copy from news portals.
    rules:
      - code: RSS101               # pack prefix + number, unique across everything loaded
        name: qr-promo-block
        for: Sina finance feeds    # which source the rule is for (documentation)
        message: QR-code app promo block
        severity: warning          # error | warning | info (default warning)
        kind: selector             # comment | selector | line | text | attribute | field
        selector: div.appendQr_wrap
        action: remove             # per kind, see KINDS
        safe: false                # remove/unwrap are unsafe unless true AND nothing visible
        examples:                  # mandatory; the test suite runs them like built-in cases
          fail: ['<div class="appendQr_wrap">App</div>']
          pass: ['<div class="article">Text</div>']

Kinds, with their keys and actions:
- `comment`: `pattern` (regex searched in the comment's text); action `remove`.
- `selector`: `selector` (CSS, BeautifulSoup/soupsieve); action `remove` or `unwrap`.
- `line`: `pattern` (regex searched in each body line outside code); action `remove`.
- `text`: `pattern` (regex over the body's source outside Markdown code; it may span tags),
  `replace` (template,
  `\\1` or `\\g<name>`), optional `transform: url-decode`; action `replace`.
- `attribute`: `attribute` (regex matching the whole name), optional `value` (regex searched
  in the value); action `remove`, or `rewrite` with `rewrite` (template over the value match)
  and optional `transform: url-decode`.
- `field`: `field` (front-matter key) with `must-match` or `must-not-match` (regex); no fix.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from artlint.model.diagnostics import Fixability, Severity
from artlint.rules.base import NoOptions, Rule
from artlint.rules.pack_checks import GROUP, scoped
from artlint.safe import patterns
from artlint.safe.regular import NotReadable, read_text

KINDS: Mapping[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    # kind: (required keys, optional keys, actions)
    "comment": (frozenset({"pattern"}), frozenset(), frozenset({"remove"})),
    "selector": (frozenset({"selector"}), frozenset(), frozenset({"remove", "unwrap"})),
    "line": (frozenset({"pattern"}), frozenset(), frozenset({"remove"})),
    "text": (frozenset({"pattern", "replace"}), frozenset({"transform"}), frozenset({"replace"})),
    "attribute": (
        frozenset({"attribute"}),
        frozenset({"value", "rewrite", "transform"}),
        frozenset({"remove", "rewrite"}),
    ),
    "field": (frozenset({"field"}), frozenset({"must-match", "must-not-match"}), frozenset()),
}
_COMMON = frozenset(
    {"code", "name", "message", "severity", "kind", "action", "for", "safe", "scope", "why"}
)
SCOPES = ("imported", "any")
_CODE = re.compile(r"[A-Z]{2,8}\d{3}")
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class PackError(Exception):
    """A pack that fails validation; the message names the file, the rule and the key."""


@dataclass(frozen=True)
class Spec:
    """One declarative rule, validated."""

    pack: str
    source: str
    code: str
    name: str
    message: str
    severity: Severity
    kind: str
    action: str | None
    safe: bool
    settings: Mapping[str, Any]
    fail: tuple[str, ...]
    passing: tuple[str, ...]
    audience: str = ""
    scope: str = "imported"  # where it fires: imported markup only, or anywhere
    why: str = ""  # "Why is this bad" in the docs; a sentence per action when not given

    def regex(self, key: str) -> patterns.Guarded:
        """The pattern under `key`, with a fresh time budget: call once per file.

        `^` and `$` are a line's ends for rules read over the body (line, text), and the
        value's ends for a comment or an attribute: `^-?$` for an empty comment must not
        match a blank line inside an ASCII diagram."""
        lines = self.kind in ("line", "text")
        return patterns.Guarded(self.settings[key], patterns.MULTILINE if lines else 0)


@dataclass(frozen=True)
class Pack:
    name: str
    description: str
    source: str
    rules: tuple[Rule[Any], ...]
    specs: tuple[Spec, ...]


def builtin_folder() -> Path:
    """Packs shipped with artlint: inside the wheel, or the checkout's top-level rules/."""
    shipped = Path(str(resources.files("artlint"))) / "packs"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "rules"


def available(folders: tuple[str, ...] = ()) -> dict[str, str]:
    """Pack name -> file, built-in first, then the user's folders (which may not clash)."""
    found: dict[str, str] = {}
    for folder in (str(builtin_folder()), *folders):
        if not os.path.isdir(folder):
            raise PackError(f"{folder}: pack-paths: no such folder")
        for entry in sorted(os.listdir(folder)):
            if entry.endswith((".yaml", ".yml")):
                name = entry.rsplit(".", 1)[0]
                path = os.path.join(folder, entry)
                if name in found:
                    raise PackError(f"{path}: pack {name!r} is also defined in {found[name]}")
                found[name] = path
    return found


def load(path: str) -> Pack:
    stat = os.stat(path)
    return _load(os.path.abspath(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load(path: str, mtime: int, size: int) -> Pack:
    try:
        data = yaml.safe_load(read_text(path))
    except NotReadable as exc:
        raise PackError(f"{path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: invalid YAML: {_yaml_reason(exc)}") from exc
    if not isinstance(data, dict) or set(data) - {"pack", "description", "rules"}:
        raise PackError(f"{path}: expected a mapping with keys pack, description, rules")
    name = data.get("pack")
    if not isinstance(name, str) or name != Path(path).stem:
        raise PackError(f"{path}: pack: expected the file's name, {Path(path).stem!r}")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PackError(f"{path}: rules: expected a non-empty list")
    specs = tuple(_spec(path, name, i, r) for i, r in enumerate(raw_rules))
    for field_name in ("code", "name"):
        values = [getattr(s, field_name) for s in specs]
        for value in values:
            if values.count(value) > 1:
                raise PackError(f"{path}: rule {value}: {field_name} used twice")
    # A shipped pack is named, not located: its documentation goes into rule pages and SARIF
    # files, where this machine's install path means nothing.
    shipped = os.path.dirname(os.path.realpath(path)) == str(builtin_folder().resolve())
    source = "shipped with artlint" if shipped else path
    rules = tuple(_rule(s, source) for s in specs)
    return Pack(name, str(data.get("description", "")), path, rules, specs)


def _yaml_reason(exc: yaml.YAMLError) -> str:
    """PyYAML's problem and position, without the excerpt of the file its message carries:
    a pack path may name a file that is not a pack, and its lines are not to be printed."""
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return f"{problem or type(exc).__name__}{where}"


def _spec(path: str, pack: str, index: int, raw: object) -> Spec:
    where = f"{path}: rules[{index}]"
    if not isinstance(raw, dict):
        raise PackError(f"{where}: expected a mapping")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE.fullmatch(code) or code.startswith("AL"):
        raise PackError(f"{where}: code: expected a pack prefix and 3 digits, e.g. RSS101")
    where = f"{path}: rule {code}"
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise PackError(f"{where}: kind: expected one of {', '.join(KINDS)}")
    required, optional, actions = KINDS[kind]
    unknown = set(raw) - _COMMON - required - optional - {"examples"}
    if unknown:
        raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in ("name", "message"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise PackError(f"{where}: {key}: expected a non-empty string")
    if not _NAME.fullmatch(raw["name"]):
        raise PackError(f"{where}: name: expected lower-case words joined by '-'")
    for key in required:
        if not isinstance(raw.get(key), str):
            raise PackError(f"{where}: {key}: required for kind {kind}, expected a string")
    for key in ("pattern", "value", "attribute", "must-match", "must-not-match"):
        if key in raw:
            try:
                patterns.compile(raw[key])
            except (patterns.error, TypeError) as exc:
                raise PackError(f"{where}: {key}: bad regular expression: {exc}") from exc
    if kind == "field" and not ({"must-match", "must-not-match"} & set(raw)):
        raise PackError(f"{where}: field: needs must-match or must-not-match")
    action = raw.get("action", next(iter(actions)) if len(actions) == 1 else None)
    if actions and action not in actions:
        raise PackError(f"{where}: action: expected one of {', '.join(sorted(actions))}")
    if kind == "attribute" and action == "rewrite" and not {"rewrite", "value"} <= set(raw):
        raise PackError(f"{where}: rewrite: action rewrite needs `value` and `rewrite`")
    if kind == "field" and "action" in raw:
        raise PackError(f"{where}: action: field rules only report, they take no action")
    for key, source in (("replace", "pattern"), ("rewrite", "value")):
        if isinstance(raw.get(key), str) and isinstance(raw.get(source), str):
            compiled = patterns.compile(raw[source])
            for g in GROUP.finditer(raw[key]):
                number, name = g.group(1), g.group(2)
                known = int(number) <= compiled.groups if number else name in compiled.groupindex
                if not known:
                    raise PackError(
                        f"{where}: {key}: refers to group {number or name!r},"
                        f" which `{source}` does not have"
                    )
    if raw.get("transform", "url-decode") != "url-decode":
        raise PackError(f"{where}: transform: expected url-decode")
    if kind == "selector":
        _validate_selector(where, raw["selector"])
    severity = raw.get("severity", "warning")
    if severity not in {s.value for s in Severity}:
        raise PackError(f"{where}: severity: expected error, warning or info")
    if not isinstance(raw.get("safe", False), bool):
        raise PackError(f"{where}: safe: expected true or false")
    scope = raw.get("scope", "imported")
    if scope not in SCOPES:
        raise PackError(f"{where}: scope: expected one of {', '.join(SCOPES)}")
    examples = raw.get("examples")
    if not isinstance(examples, dict) or set(examples) != {"fail", "pass"}:
        raise PackError(f"{where}: examples: expected fail and pass lists (both mandatory)")
    for key in ("fail", "pass"):
        items = examples[key]
        if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
            raise PackError(f"{where}: examples.{key}: expected a non-empty list of strings")
    # In the pack's own order: the settings are part of the rule's fingerprint (the cache key),
    # and a set's order changes from one process to the next.
    settings = {k: raw[k] for k in raw if k in required | optional}
    return Spec(
        pack=pack,
        source=path,
        code=code,
        name=raw["name"],
        message=raw["message"].strip(),
        severity=Severity(severity),
        kind=kind,
        action=action,
        safe=raw.get("safe", False),
        settings=settings,
        fail=tuple(examples["fail"]),
        passing=tuple(examples["pass"]),
        audience=str(raw.get("for", "")),
        scope=scope,
        why=str(raw.get("why", "")).strip(),
    )


def _validate_selector(where: str, selector: str) -> None:
    from artlint.parse import selectors  # only packs with selector rules: its regexes cost 12 ms

    if selectors.parse(selector) is not None:
        return  # artlint's own subset, which soupsieve takes too (tested): no 60 ms import
    import soupsieve  # a dependency of beautifulsoup4, imported only for selector rules

    try:
        soupsieve.compile(selector)
    except Exception as exc:  # soupsieve raises SelectorSyntaxError and others
        reason = " ".join(str(exc).split())
        raise PackError(f"{where}: selector: invalid CSS selector: {reason}") from exc


# "Why is this bad" for a pack rule that does not say it itself, by what its fix does.
_WHY = {
    "remove": (
        "It belongs to the page the article was copied from, not to the article: in the copy"
        " it is clutter at best, and a dead link or someone else's advertisement at worst."
    ),
    "unwrap": (
        "The wrapper meant something on the source site (a link to its own pages, a style"
        " hook) and nothing in the copy; its content stays."
    ),
    "replace": "The source site's form of this text does not work, or misleads, in the copy.",
    "rewrite": "The source site's form of this value does not work, or misleads, in the copy.",
    "": "The value breaks the project's convention for this field.",
}
_SAFETY = {
    Fixability.SAFE: "Safe: what readers see does not change.",
    Fixability.SOMETIMES_SAFE: (
        "Safe where the markup shows nothing; unsafe (`--unsafe-fixes`) where it holds text"
        " or pictures that would go with it."
    ),
    Fixability.UNSAFE: "Unsafe (`--unsafe-fixes`): it removes or changes what readers see.",
    Fixability.NONE: "No fix: a person decides.",
}


def _rule(spec: Spec, source: str) -> Rule[Any]:
    """The rule of `spec`; `source` names where its pack comes from, for its documentation."""
    if spec.kind == "field":
        fixability = Fixability.NONE
    elif spec.kind in ("comment", "text", "attribute") and spec.safe:
        fixability = Fixability.SAFE
    elif spec.safe:
        fixability = Fixability.SOMETIMES_SAFE  # safe only where nothing visible goes
    else:
        fixability = Fixability.UNSAFE
    examples = "\n\n".join(f"```html\n{e.rstrip()}\n```" for e in spec.fail[:3])
    doc = (
        # The first line is the rule's summary (Rule.summary): a message on several lines
        # is one line there.
        f"{spec.code} {spec.name}: {' '.join(spec.message.split())}\n\n"
        f"## What it does\nA `{spec.kind}` rule of the `{spec.pack}` pack ({source})"
        + (f", for {spec.audience}" if spec.audience else "")
        + (
            ". It fires in imported markup only (see artlint.document.provenance)"
            if spec.scope == "imported"
            else ""
        )
        + f".\n\n## Why is this bad\n{spec.why or _WHY.get(spec.action or '', _WHY[''])}\n\n"
        f"## Example\n{examples}\n\n"
        f"## Fix safety\n{_SAFETY[fixability]}\n"
    )
    return Rule(
        code=spec.code,
        name=spec.name,
        severity=spec.severity,
        fixability=fixability,
        doc=doc,
        options=NoOptions,
        check=partial(scoped, spec),
        fingerprint=repr(spec),  # the whole definition, so the cache sees every change
    )
