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

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from artlint.model.diagnostics import Span

if TYPE_CHECKING:
    import yaml

Format = Literal["yaml", "toml", "json"]

_OPENERS: dict[str, Format] = {"---": "yaml", ";;;": "json", "+++": "toml"}
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_SEPARATOR = re.compile(r"(-{3,}|;{3,}|\+\+\+)[ \t]*\r?$")
_YAML_KEY_LINE = re.compile(r"[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|\r?$)")
_TOML_ERROR_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_KEY = re.compile(r"[ \t]*(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*(?:\.[^=\n]*)?=")
_TOML_TABLE = re.compile(r"[ \t]*\[")


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's libyaml loader where PyYAML was built with it: ~10x faster, and its marks
    count code points like the pure loader's. PyYAML is imported at the first YAML front
    matter: it is a tenth of artlint's start-up, which a run of cache hits does without."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


@dataclass(frozen=True, slots=True)
class KeySpan:
    """One top-level key: `span` covers its whole line(s), `value` just the value text,
    `parsed` what this occurrence of the key parses to (a repeated key has its own)."""

    name: str
    span: Span
    key: Span
    value: Span
    parsed: Any = None


@dataclass(frozen=True, slots=True)
class FrontMatterError:
    span: Span
    message: str


@dataclass(frozen=True)
class FrontMatter:
    format: Format
    span: Span  # separators included, up to and including the closing line's line ending
    content: Span  # the text between the separator lines
    data: Mapping[str, Any] = field(default_factory=dict)
    keys: tuple[KeySpan, ...] = ()
    error: FrontMatterError | None = None
    tabs_to_spaces: bool = False  # parsed as Hexo does, with each tab read as two spaces


@dataclass(frozen=True, slots=True)
class Split:
    front_matter: FrontMatter | None
    body_start: int
    error: FrontMatterError | None


def _lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end_without_newline, line) for each line from `start`; lazily, as the front
    matter is usually a small part of the text."""
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end, text[pos:end]
        pos = n if nl < 0 else nl + 1


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
    for start, end, line in _lines(text, content_start):
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
    for start, end, line in _lines(text):
        sep = line.rstrip(" \t\r")
        if sep in ("---", ";;;"):
            content = Span(0, start)
            try:
                data = yaml.load(text[: content.end], Loader=_loader())
            except yaml.YAMLError:
                return Split(None, 0, None)
            if not isinstance(data, dict):
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
        refused = _too_big(raw)
        if refused is not None:
            error = FrontMatterError(Span(content.start, content.start), refused)
            return FrontMatter("yaml", span, content, error=error)
        result = _parse_yaml(raw, raw, span, content)
        if result.error is not None and tabs_to_spaces and "\t" in raw:
            expanded, back = _expand_tabs(raw)
            retry = _parse_yaml(expanded, raw, span, content, back)
            if retry.error is None:
                return replace(retry, tabs_to_spaces=True)
        return result
    if fmt == "toml":
        return _parse_toml(text, raw, span, content)
    return _parse_json(text, raw, span, content)


def _error_at(content: Span, offset: int, message: str, text_len: int) -> FrontMatterError:
    start = max(content.start, min(content.start + offset, content.end))
    return FrontMatterError(Span(start, min(start + 1, max(start, text_len))), message)


MAX_FRONT_MATTER = 256 * 1024  # characters
MAX_ALIASES = 64
# Nodes the front matter would have with every alias written out. Aliases within the count
# limit can still nest (`&a2 [*a1, *a1]`...) into 2**32 nodes, and every walk of the values
# (comparing them after a fix, the schema, the oracle) would visit each one.
MAX_EXPANDED_NODES = 100_000


def _too_big(raw: str) -> str | None:
    """Why a YAML front matter is refused before it is parsed: too large, or so many aliases
    that expanding them could take any amount of memory ("billion laughs")."""
    import yaml

    if len(raw) > MAX_FRONT_MATTER:
        return f"front matter is {len(raw) // 1024} KB; artlint reads at most 256 KB"
    if "*" in raw and "&" in raw:
        try:
            aliases = sum(isinstance(t, yaml.AliasToken) for t in yaml.scan(raw, Loader=_loader()))
        except yaml.YAMLError:
            return None  # the parse reports the syntax error
        if aliases > MAX_ALIASES:
            return (
                f"front matter uses {aliases} YAML aliases; artlint refuses more than"
                f" {MAX_ALIASES}, which could expand without limit"
            )
    return None


def _expanded_size(node: Any, limit: int) -> int:
    """How many nodes `node` has with aliases expanded, counting no further than `limit`;
    a node that holds itself through an alias (`&a [*a]`) expands without end.

    The composer hands back the anchored node itself for each alias, so sizes are memoised
    by identity and the count costs one visit per distinct node."""
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        elif isinstance(current, yaml.MappingNode):
            children = [n for pair in current.value for n in pair]
        else:
            sizes[id(current)] = 1
            continue
        if done:
            open_nodes.discard(id(current))
            total = 1 + sum(sizes[id(c)] for c in children)
            sizes[id(current)] = min(total, limit + 1)
        elif id(current) not in sizes:
            open_nodes.add(id(current))
            stack.append((current, True))
            for child in children:
                if id(child) in open_nodes:
                    return limit + 1
                stack.append((child, False))
    return sizes[id(node)]


def _failing_value(loader: Any, node: Any) -> int:
    """The index of the first top-level value that cannot be built, or 0."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return 0
    probe = _loader()("")
    try:
        for _, value_node in node.value:
            try:
                probe.construct_object(value_node, deep=True)
            except (ValueError, OverflowError, RecursionError, yaml.YAMLError):
                return int(value_node.start_mark.index)
    finally:
        probe.dispose()
    return 0


def _expand_tabs(raw: str) -> tuple[str, list[int]]:
    """`raw` with each tab as two spaces, and for each index of that the index in `raw`."""
    back: list[int] = []
    out: list[str] = []
    for i, ch in enumerate(raw):
        if ch == "\t":
            out.append("  ")
            back.extend((i, i))
        else:
            out.append(ch)
            back.append(i)
    back.append(len(raw))
    return "".join(out), back


def _parse_yaml(
    parsed: str, raw: str, span: Span, content: Span, back: list[int] | None = None
) -> FrontMatter:
    """Parse `parsed` (`raw`, or `raw` with tabs expanded and `back` mapping indexes)."""
    import yaml

    def at(index: int) -> int:
        return index if back is None else back[min(index, len(back) - 1)]

    loader = _loader()(parsed)
    try:
        node = loader.get_single_node()
        # Only aliases repeat nodes: without one, the graph is the tree the text spells out.
        aliased = "*" in parsed and "&" in parsed
        if (
            aliased
            and node is not None
            and _expanded_size(node, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES
        ):
            message = (
                f"invalid YAML front matter: its aliases refer to themselves or expand to more"
                f" than {MAX_EXPANDED_NODES:,} values; artlint refuses it rather than walk them"
            )
            return FrontMatter(
                "yaml", span, content, error=_error_at(content, 0, message, content.end)
            )
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = at(mark.index) if mark is not None else 0
        problem = exc.problem or "syntax error"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        if mark is not None and parsed[mark.index : mark.index + 1] == "\t":
            problem += "; YAML does not allow tabs here (Hexo reads them as two spaces)"
        err = _error_at(content, where, f"invalid YAML front matter: {problem}", content.end)
        return FrontMatter("yaml", span, content, error=err)
    except yaml.YAMLError as exc:  # ReaderError (control characters) carries no mark
        where = getattr(exc, "position", 0) or 0
        if _loader() is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes here, not characters
            where = len(parsed.encode("utf-8")[:where].decode("utf-8", "ignore"))
        where = at(where)
        reason = getattr(exc, "reason", None) or str(exc)
        err = _error_at(content, where, f"invalid YAML front matter: {reason}", content.end)
        return FrontMatter("yaml", span, content, error=err)
    except (ValueError, OverflowError, RecursionError) as exc:
        # A value YAML reads but Python cannot build (`date: 2022-02-30`, absurd nesting).
        where = _failing_value(loader, node) if isinstance(exc, ValueError) else 0
        err = _error_at(content, at(where), f"invalid YAML front matter: {exc}", content.end)
        return FrontMatter("yaml", span, content, error=err)
    finally:
        loader.dispose()
    if data is None:
        return FrontMatter("yaml", span, content)
    if not isinstance(data, dict):
        err = FrontMatterError(
            content,
            f"front matter is a YAML {type(data).__name__}, not a mapping of keys to values",
        )
        return FrontMatter("yaml", span, content, error=err)
    keys = []
    assert isinstance(node, yaml.MappingNode)
    constructor = _loader()("")
    for key_node, value_node in node.value:
        k_start = content.start + at(key_node.start_mark.index)
        k_end = content.start + at(key_node.end_mark.index)
        v_start = content.start + at(value_node.start_mark.index)
        v_end = content.start + at(value_node.end_mark.index)
        line_start = content.start + raw.rfind("\n", 0, k_start - content.start) + 1
        value_text = raw[v_start - content.start : v_end - content.start]
        v_end = v_start + len(value_text.rstrip())
        keys.append(
            KeySpan(
                str(key_node.value),
                Span(line_start, max(v_end, k_end)),
                Span(k_start, k_end),
                Span(v_start, max(v_start, v_end)),
                constructor.construct_object(value_node, deep=True),
            )
        )
    constructor.dispose()
    return FrontMatter("yaml", span, content, data=data, keys=tuple(keys))


def _parse_toml(text: str, raw: str, span: Span, content: Span) -> FrontMatter:
    import tomllib  # TOML front matter (Hugo's +++) is the rare one

    try:
        data = tomllib.loads(raw.replace("\r\n", "\n"))
    except (RecursionError, ValueError) as exc:  # nesting or an integer beyond any reader
        if isinstance(exc, tomllib.TOMLDecodeError):
            return _toml_error(span, content, raw, exc)
        err = _error_at(content, 0, f"TOML front matter refused: {_too_much(exc)}", content.end)
        return FrontMatter("toml", span, content, error=err)
    keys = []
    lines = _lines(text[: content.end], content.start)
    starts = []
    top_level_end = content.end  # keys under a [table] header are not top-level
    for start, _end, row in lines:
        key = _TOML_KEY.match(row)
        if key is None and _TOML_TABLE.match(row):
            top_level_end = start
            break
        if key is not None:
            starts.append((start, key))
    for i, (start, m) in enumerate(starts):
        limit = starts[i + 1][0] if i + 1 < len(starts) else top_level_end
        chunk = text[start:limit].rstrip()
        name = m.group(0).rstrip("=").strip().strip("\"'")
        v_start = start + m.end()
        v_start += len(text[v_start : start + len(chunk)]) - len(
            text[v_start : start + len(chunk)].lstrip()
        )
        keys.append(
            KeySpan(
                name,
                Span(start, start + len(chunk)),
                Span(start, start + m.end() - 1),
                Span(min(v_start, start + len(chunk)), start + len(chunk)),
                data.get(name),
            )
        )
    return FrontMatter("toml", span, content, data=data, keys=tuple(keys))


def _toml_error(span: Span, content: Span, raw: str, exc: Exception) -> FrontMatter:
    msg = str(exc)
    where = 0
    m = _TOML_ERROR_POS.search(msg)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        raw_lines = raw.split("\n")
        where = sum(len(x) + 1 for x in raw_lines[: line - 1]) + col - 1
        msg = msg[: m.start()].rstrip()
    err = _error_at(content, where, f"invalid TOML front matter: {msg}", content.end)
    return FrontMatter("toml", span, content, error=err)


def _too_much(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "a number too long to read" if "digits" in str(exc) else str(exc)


def _skip(ws: re.Pattern[str], raw: str, pos: int) -> int:
    m = ws.match(raw, pos)
    return pos if m is None else m.end()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_json(text: str, raw: str, span: Span, content: Span) -> FrontMatter:
    try:
        data = json.loads("{" + raw + "}")
    except json.JSONDecodeError as exc:
        err = _error_at(content, exc.pos - 1, f"invalid JSON front matter: {exc.msg}", content.end)
        return FrontMatter("json", span, content, error=err)
    except (RecursionError, ValueError) as exc:  # nesting or an integer beyond any reader
        err = _error_at(content, 0, f"JSON front matter refused: {_too_much(exc)}", content.end)
        return FrontMatter("json", span, content, error=err)
    if _SURROGATE.search(json.dumps(data, ensure_ascii=False)):
        # "\ud83d" alone: half a character, which no UTF-8 file can hold once decoded.
        err = _error_at(
            content, 0, "JSON front matter holds half a character (\\ud800-\\udfff)", content.end
        )
        return FrontMatter("json", span, content, error=err)
    keys = []
    decoder = json.JSONDecoder()
    pos = 0
    ws = re.compile(r"[ \t\r\n]*")
    # The document parsed above, so this walk over its top-level pairs cannot fail.
    while True:
        pos = _skip(ws, raw, pos)
        if pos >= len(raw) or raw[pos] != '"':
            break
        k_start = pos
        name, pos = json.decoder.scanstring(raw, pos + 1)  # type: ignore[attr-defined]
        k_end = pos
        pos = _skip(ws, raw, _skip(ws, raw, pos) + 1)  # past the ":"
        v_start = pos
        parsed, pos = decoder.raw_decode(raw, pos)
        line_start = raw.rfind("\n", 0, k_start) + 1
        if raw[line_start:k_start].strip():  # not first on its line: the span starts at it
            line_start = k_start
        keys.append(
            KeySpan(
                name,
                Span(content.start + line_start, content.start + pos),
                Span(content.start + k_start, content.start + k_end),
                Span(content.start + v_start, content.start + pos),
                parsed,
            )
        )
        pos = _skip(ws, raw, pos)
        if pos < len(raw) and raw[pos] == ",":
            pos += 1
    return FrontMatter("json", span, content, data=data, keys=tuple(keys))


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

    loader = _loader()(value)
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
