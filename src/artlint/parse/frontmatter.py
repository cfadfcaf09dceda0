"""Find and parse the front matter of an article, keeping exact spans.

Splitting follows Hexo, the most permissive of the generators artlint meets:

- the opening line is `---` (YAML), `;;;` (JSON without braces) or `+++` (TOML), possibly
  after blank lines (feed generators emit one);
- the closing line repeats the opening one (`...` also closes YAML, as in Jekyll);
- the opening separator may be left out (`title: x` ... `---` ... body) when what stands
  before the first `---`/`;;;` line is a YAML mapping;
- a file that opens a front matter and never closes it has none, and that is an error.

Parsers are used only to read data and find positions; nothing here serialises anything.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from artlint.model.diagnostics import Span
from artlint.parse.frontmatter_model import (
    Format,
    FrontMatter,
    FrontMatterError,
    KeySpan,
    Split,
    lines_from,
)
from artlint.parse.frontmatter_toml_json import parse_json, parse_toml
from artlint.parse.frontmatter_yaml import expand_tabs, parse_yaml, too_big, yaml_loader

__all__ = [
    "Format",
    "FrontMatter",
    "FrontMatterError",
    "KeySpan",
    "Split",
    "reparse",
    "replace_value",
    "split",
]

_OPENERS: dict[str, Format] = {"---": "yaml", ";;;": "json", "+++": "toml"}
_SEPARATOR = re.compile(r"(-{3,}|;{3,}|\+\+\+)[ \t]*\r?$")
_YAML_KEY_LINE = re.compile(r"[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|\r?$)")


def split(text: str, tabs_to_spaces: bool = False) -> Split:
    """The front matter and where the body starts. With `tabs_to_spaces` (Hexo), YAML that
    fails only because of tabs is read with each tab as two spaces, as Hexo reads it."""
    pos = 0
    n = len(text)
    # Skip leading blank lines: RSSHub-generated posts start with one.
    while pos < n:
        nl = text.find("\n", pos)
        line = text[pos : n if nl < 0 else nl]
        if line.strip():
            break
        if nl < 0:
            return Split(None, 0, None)
        pos = nl + 1
    first_end = text.find("\n", pos)
    first_line = text[pos : n if first_end < 0 else first_end]
    m = _SEPARATOR.match(first_line)
    if m is None:
        return _split_without_opener(text)
    sep = m.group(1)
    fmt = _OPENERS.get(sep[:3])
    if fmt is None or (fmt == "toml" and sep != "+++"):
        return Split(None, 0, None)
    if first_end < 0:
        return _unclosed(pos, first_line)
    closers = {sep, "..."} if fmt == "yaml" else {sep}
    content_start = first_end + 1
    for start, end, line in lines_from(text, content_start):
        if line.rstrip(" \t\r") in closers:
            body_start = end + 1 if end < n else end
            fm = _parse(
                text, fmt, Span(pos, body_start), Span(content_start, start), tabs_to_spaces
            )
            return Split(fm, body_start, fm.error)
    return _unclosed(pos, first_line)


def _unclosed(pos: int, first_line: str) -> Split:
    sep = first_line.strip()
    err = FrontMatterError(
        Span(pos, pos + len(first_line.rstrip("\r"))),
        f"front matter opened with '{sep}' never closes (no second '{sep}' line)",
    )
    return Split(None, 0, err)


def _split_without_opener(text: str) -> Split:
    if not _YAML_KEY_LINE.match(text):
        return Split(None, 0, None)
    import yaml

    n = len(text)
    for start, end, line in lines_from(text):
        sep = line.rstrip(" \t\r")
        if sep in ("---", ";;;"):
            content = Span(0, start)
            # What stands before the line is front matter if it is a YAML mapping. The guards
            # come first (a 2 MB file of `k: v` lines took seconds to reach them), and only
            # the structure is read here: a value YAML cannot build (`date: 2022-02-30`) is
            # the front matter's error, reported as such, not a crash.
            if too_big(text[: content.end]) is None:
                try:
                    node = yaml.compose(text[: content.end], Loader=yaml_loader())
                except yaml.YAMLError:
                    return Split(None, 0, None)
                if not isinstance(node, yaml.MappingNode):
                    return Split(None, 0, None)
            body_start = end + 1 if end < n else end
            fm = _parse(text, "yaml", Span(0, body_start), content)
            return Split(fm, body_start, fm.error)
    return Split(None, 0, None)


def _parse(
    text: str, fmt: Format, span: Span, content: Span, tabs_to_spaces: bool = False
) -> FrontMatter:
    raw = text[content.start : content.end]
    if fmt == "yaml":
        refused = too_big(raw)
        if refused is not None:
            error = FrontMatterError(Span(content.start, content.start), refused)
            return FrontMatter("yaml", span, content, error=error)
        result = parse_yaml(raw, raw, span, content)
        if result.error is not None and tabs_to_spaces and "\t" in raw:
            expanded, back = expand_tabs(raw)
            retry = parse_yaml(expanded, raw, span, content, back)
            if retry.error is None:
                return replace(retry, tabs_to_spaces=True)
        return result
    if fmt == "toml":
        return parse_toml(text, raw, span, content)
    return parse_json(text, raw, span, content)


def reparse(text: str, fm: FrontMatter, start: int, end: int, replacement: str) -> FrontMatter:
    """The front matter as it would parse with text[start:end] (inside it) replaced."""
    if not fm.content.start <= start <= end <= fm.content.end:
        raise ValueError("edit outside the front matter content")
    new_text = text[:start] + replacement + text[end:]
    delta = len(replacement) - (end - start)
    span = Span(fm.span.start, fm.span.end + delta)
    content = Span(fm.content.start, fm.content.end + delta)
    return _parse(new_text, fm.format, span, content, fm.tabs_to_spaces)


# A value after `key:` at the start of a line, alone on its line but for a comment, that is
# a plain or quoted scalar (no flow collection, block scalar, anchor, alias or tag).
_SIMPLE_VALUE = re.compile(r"""(?:'[^'\n]*'|"[^"\\\n]*"|[^\s\[\]{}|>&*!%@'"#,][^\n#]*?)""")
_AFTER_VALUE = re.compile(r"[ \t]*(?:#[^\n]*)?\r?(?:\n|$)")


def _one_line_scalar(text: str, fm: FrontMatter, key: KeySpan) -> bool:
    """Whether `key` is a top-level YAML key in block style whose value is a one-line scalar:
    writing another one-line scalar there cannot change any other key."""
    if fm.format != "yaml" or key.key.start == 0 or text[key.key.start - 1] != "\n":
        return False
    between = text[key.key.end : key.value.start]
    if not (between.startswith(":") and between[1:].strip(" ") == ""):
        return False
    if _SIMPLE_VALUE.fullmatch(text, key.value.start, key.value.end) is None:
        return False
    return _AFTER_VALUE.match(text, key.value.end) is not None


_NOT_A_SCALAR = object()


def _scalar(value: str) -> Any:
    """What YAML reads `value` (a one-line scalar) as, on its own; _NOT_A_SCALAR if it is no
    scalar there or does not parse."""
    import yaml

    loader = yaml_loader()(value)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.ScalarNode):
            return _NOT_A_SCALAR
        return loader.construct_document(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return _NOT_A_SCALAR
    finally:
        loader.dispose()


def replace_value(text: str, fm: FrontMatter, index: int, replacement: str) -> KeySpan | None:
    """Key `index` as it would parse with its value text replaced, or None when the front
    matter would then fail to parse, or any other key would change name or value.

    One one-line scalar for another, in a top-level key of YAML's block style, is read on its
    own: parsing the whole front matter again per fix cost a fifth of checking a feed post
    (AL404 writes every RFC 2822 date so). A plain scalar with `: ` in it would be a mapping
    on its own line, and tabs are read differently under Hexo: those take the long way."""
    key = fm.keys[index]
    simple = (
        _one_line_scalar(text, fm, key)
        and _SIMPLE_VALUE.fullmatch(replacement) is not None
        and ": " not in replacement
        and "\t" not in replacement
    )
    parsed = _scalar(replacement) if simple else _NOT_A_SCALAR
    if parsed is not _NOT_A_SCALAR:
        delta = len(replacement) - (key.value.end - key.value.start)
        value = Span(key.value.start, key.value.start + len(replacement))
        return replace(
            key, span=Span(key.span.start, key.span.end + delta), value=value, parsed=parsed
        )
    again = reparse(text, fm, key.value.start, key.value.end, replacement)
    if again.error is not None or len(again.keys) != len(fm.keys):
        return None
    for i, (old, new) in enumerate(zip(fm.keys, again.keys, strict=True)):
        if old.name != new.name or (i != index and old.parsed != new.parsed):
            return None
    return again.keys[index]
