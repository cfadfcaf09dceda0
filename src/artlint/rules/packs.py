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

import html
import os
import re
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from artlint.document.article import Document
from artlint.model.diagnostics import (
    Applicability,
    Aspect,
    Edit,
    Fix,
    Fixability,
    Severity,
    Span,
    Violation,
)
from artlint.parse import elements
from artlint.parse.html import Kind, comment_text
from artlint.rules.base import NoOptions, Rule
from artlint.safe import patterns
from artlint.safe.regular import CONFIG_LIMIT, NotReadable, read_regular

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
        data = yaml.safe_load(read_regular(path, CONFIG_LIMIT).decode("utf-8"))
    except NotReadable as exc:
        raise PackError(f"{path}: cannot read: {exc}") from exc
    except OSError as exc:
        raise PackError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
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
    rules = tuple(_rule(s) for s in specs)
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
            for g in _GROUP.finditer(raw[key]):
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
    settings = {k: raw[k] for k in (required | optional) if k in raw}
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


def _rule(spec: Spec) -> Rule[Any]:
    if spec.kind == "field":
        fixability = Fixability.NONE
    elif spec.kind in ("comment", "text", "attribute") and spec.safe:
        fixability = Fixability.SAFE
    elif spec.safe:
        fixability = Fixability.SOMETIMES_SAFE  # safe only where nothing visible goes
    else:
        fixability = Fixability.UNSAFE
    examples = "\n\n".join(f"```html\n{e.rstrip()}\n```" for e in spec.fail[:3])
    # A shipped pack is named, not located: its documentation goes into rule pages and SARIF
    # files, where this machine's install path means nothing.
    shipped = os.path.dirname(os.path.realpath(spec.source)) == str(builtin_folder().resolve())
    source = "shipped with artlint" if shipped else spec.source
    doc = (
        f"{spec.code} {spec.name}: {spec.message}\n\n"
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
        check=partial(_scoped, spec),
        fingerprint=repr(spec),  # the whole definition, so the cache sees every change
        pack=spec.pack,
    )


# --- checks per kind -------------------------------------------------------------------------


def _scoped(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    """A pack rule names one family of sites' furniture: it fires in imported markup only
    (artlint.document.provenance), unless it says `scope: any`."""
    found = _CHECKS[spec.kind](spec, doc, options)
    if spec.scope == "any":
        yield from found
        return
    origin = doc.origin
    for v in found:
        if origin.imported_at(v.span.start):
            yield v


_GROUP = re.compile(r"\\(\d+)|\\g<(\w+)>")


def _expand(
    m: Any,
    template: str,
    transform: str | None,
    prepare: Callable[[str], str] = str,
) -> str:
    """`template` with the match's groups in it; `transform` applies to the groups only."""

    def group(g: re.Match[str]) -> str:
        key: int | str = int(g.group(1)) if g.group(1) else g.group(2)
        value = prepare(m.group(key) or "")
        return _url_decode(value) if transform == "url-decode" else value

    return _GROUP.sub(group, template)


def _url_decode(url: str) -> str:
    """Undo the percent-encoding a redirect wrapper added, but keep encoded what would end a
    Markdown link or an unquoted attribute (spaces, parentheses, quotes, angle brackets)."""
    return urllib.parse.quote(urllib.parse.unquote(url), safe="/:?#[]@!$&*+,;=%~-._")


def _applicability(spec: Spec, shows_nothing: bool) -> Applicability:
    return Applicability.SAFE if spec.safe and shows_nothing else Applicability.UNSAFE


def _check_comment(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    pattern = spec.regex("pattern")
    for tok in doc.markup.tokens_of(Kind.COMMENT):
        if tok.closed:
            inner = comment_text(doc.text[tok.start : tok.end])
            if pattern.search(inner):
                span = Span(tok.start, tok.end)
                fix = Fix(
                    f"Remove: {spec.message}", (doc.deletion(span),), _applicability(spec, True)
                )
                yield Violation(span, spec.message, fix)


def _check_selector(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    hits = doc.markup.select(spec.settings["selector"])
    by_start = doc.memo("elements by start", lambda d: {e.start: e for e in d.markup.elements})
    text = doc.text
    for offset in hits:
        element = by_start.get(offset)
        if element is None or element.end is None:
            continue
        span = Span(element.start, element.end)
        if spec.action == "unwrap":
            if element.close_start is None or element.close_start == element.end:
                continue
            edits = (
                Edit.deletion(element.start, element.open_end),
                Edit.deletion(element.close_start, element.end),
            )
            fix = Fix(
                f"Unwrap: {spec.message}",
                edits,
                _applicability(spec, True),
                frozenset({Aspect.LINKS}),  # unwrapping an <a> drops its link, on purpose
            )
        else:
            blank = elements.is_blank_markup(text[element.start : element.end])
            fix = Fix(f"Remove: {spec.message}", (doc.deletion(span),), _applicability(spec, blank))
        yield Violation(span, spec.message, fix)


def _check_line(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    search = spec.regex("pattern").search
    text = doc.text
    # Every line of every article passes here: the cheap test (the pattern) comes first.
    for start, end in doc.lines.following(doc.body.start):
        if search(text, start, end) is None:
            continue
        if doc.regions.in_code(start) or doc.regions.in_code(max(start, end - 1)):
            continue
        span = Span(start, end)
        blank = elements.is_blank_markup(text[start:end])
        fix = Fix(f"Remove: {spec.message}", (doc.deletion(span),), _applicability(spec, blank))
        yield Violation(span, spec.message, fix)


def _check_text(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    pattern = spec.regex("pattern")
    for start, end in doc.regions.code_gaps:
        for m in pattern.finditer(doc.text, start, end):
            if m.end() == m.start():
                continue
            replacement = _expand(m, spec.settings["replace"], spec.settings.get("transform"))
            fix = Fix(
                f"Replace: {spec.message}",
                (Edit(m.start(), m.end(), replacement),),
                _applicability(spec, True),
                frozenset({Aspect.TEXT, Aspect.LINKS}),
            )
            yield Violation(Span(m.start(), m.end()), spec.message, fix)


def _check_attribute(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    name = spec.regex("attribute")
    value = spec.regex("value") if "value" in spec.settings else None
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        for attr in tok.attrs:
            if not name.fullmatch(attr.name):
                continue
            m = value.search(attr.value or "") if value is not None else None
            if value is not None and m is None:
                continue
            span = Span(attr.start, attr.end)
            if spec.action == "rewrite" and m is not None and attr.value is not None:
                # The value as written may hold references; the new one fits any quoting.
                transform = spec.settings.get("transform")
                new = html.escape(_expand(m, spec.settings["rewrite"], transform, html.unescape))
                raw = doc.text[attr.start : attr.end]
                offset = raw.rfind(attr.value)
                start = attr.start + offset + m.start()
                edit = Edit(start, start + (m.end() - m.start()), new)
                fix = Fix(
                    f"Rewrite: {spec.message}",
                    (edit,),
                    _applicability(spec, True),
                    frozenset({Aspect.LINKS, Aspect.IMAGES}),
                )
            else:
                edit = Edit.deletion(attr.space_start, attr.end)
                # Removing where a link or an image points removes the link or the image.
                shows = attr.name in ("href", "src", "srcset")
                fix = Fix(
                    f"Remove: {spec.message}",
                    (edit,),
                    _applicability(spec, not shows),
                    frozenset({Aspect.LINKS, Aspect.IMAGES}),
                )
            yield Violation(span, spec.message, fix)


def _check_field(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    fm = doc.header.parsed
    if fm is None:
        return
    for key in fm.keys:
        if key.name != spec.settings["field"] or not isinstance(key.parsed, str):
            continue
        must = spec.regex("must-match") if "must-match" in spec.settings else None
        must_not = spec.regex("must-not-match") if "must-not-match" in spec.settings else None
        bad = (must is not None and not must.search(key.parsed)) or (
            must_not is not None and must_not.search(key.parsed)
        )
        if bad:
            yield Violation(key.value, f"{spec.message} (`{key.name}: {key.parsed}`)")


_CHECKS: Mapping[str, Callable[[Spec, Document, object], Iterator[Violation]]] = {
    "comment": _check_comment,
    "selector": _check_selector,
    "line": _check_line,
    "text": _check_text,
    "attribute": _check_attribute,
    "field": _check_field,
}
