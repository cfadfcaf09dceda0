"""TOML (`+++`) and JSON (`;;;`, Hexo's JSON without braces) front matter: parsed with the
standard library into data and per-key spans."""

from __future__ import annotations

import json
import re

from artlint.model.diagnostics import Span
from artlint.parse.frontmatter_model import FrontMatter, KeySpan, error_at, lines_from

_TOML_ERROR_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_KEY = re.compile(r"[ \t]*(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*(?:\.[^=\n]*)?=")
_TOML_TABLE = re.compile(r"[ \t]*\[")


def parse_toml(text: str, raw: str, span: Span, content: Span) -> FrontMatter:

    import tomllib  # TOML front matter (Hugo's +++) is the rare one

    try:
        data = tomllib.loads(raw.replace("\r\n", "\n"))
    except (RecursionError, ValueError) as exc:  # nesting or an integer beyond any reader
        if isinstance(exc, tomllib.TOMLDecodeError):
            return _toml_error(span, content, raw, exc)
        err = error_at(content, 0, f"TOML front matter refused: {_too_much(exc)}")
        return FrontMatter("toml", span, content, error=err)
    keys = []
    lines = lines_from(text[: content.end], content.start)
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
    err = error_at(content, where, f"invalid TOML front matter: {msg}")
    return FrontMatter("toml", span, content, error=err)


def _too_much(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "a number too long to read" if "digits" in str(exc) else str(exc)


def _skip(ws: re.Pattern[str], raw: str, pos: int) -> int:
    m = ws.match(raw, pos)
    return pos if m is None else m.end()


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(text: str, raw: str, span: Span, content: Span) -> FrontMatter:
    try:
        data = json.loads("{" + raw + "}")
    except json.JSONDecodeError as exc:
        err = error_at(content, exc.pos - 1, f"invalid JSON front matter: {exc.msg}")
        return FrontMatter("json", span, content, error=err)
    except (RecursionError, ValueError) as exc:  # nesting or an integer beyond any reader
        err = error_at(content, 0, f"JSON front matter refused: {_too_much(exc)}")
        return FrontMatter("json", span, content, error=err)
    if _SURROGATE.search(json.dumps(data, ensure_ascii=False)):
        # "\ud83d" alone: half a character, which no UTF-8 file can hold once decoded.
        err = error_at(content, 0, "JSON front matter holds half a character (\\ud800-\\udfff)")
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
