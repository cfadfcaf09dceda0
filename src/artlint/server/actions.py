"""The language server's requests: code actions (quick fixes, suppressions, fix-all), the
`artlint.fixAll` command and hover. Edits go back to the client, which applies them or not:
the server never writes a file.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from artlint.server.convert import edits_of, insertion, overlapping, text_edits
from artlint.server.positions import LineIndex
from artlint.server.state import ArtlintServer
from artlint.server.work import body_start, fixed

FIX_ALL = "source.fixAll.artlint"
FIX_ALL_COMMAND = "artlint.fixAll"
KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]


def _current(ls: ArtlintServer, uri: str, data: object) -> bool:
    """Whether a diagnostic's `data` belongs to the buffer's current version."""
    buffer = ls.state.buffers.get(uri)
    version = data.get("version") if isinstance(data, dict) else None
    return buffer is not None and buffer.version == version


def _suppressions(ls: ArtlintServer, uri: str, d: types.Diagnostic) -> list[types.CodeAction]:
    """`artlint-disable-line` at the end of the finding's line (inline HTML, so it does not
    split a Markdown paragraph as a comment on a line of its own would) and
    `artlint-disable-file` where the body starts. A finding in the front matter gets only
    the second: an HTML comment there would be YAML."""
    buffer = ls.state.buffers[uri]
    code = str(d.code)
    index = LineIndex(buffer.text, ls.encoding)
    start = body_start(buffer.text)
    out = []
    line = d.range.start.line
    if index.offset(line, 0) >= start:
        line_start = index.starts[line]
        line_end = index.starts[line + 1] if line + 1 < len(index.starts) else len(buffer.text)
        content = buffer.text[line_start:line_end].rstrip("\r\n")
        edit = insertion(index, line_start + len(content), f" <!-- artlint-disable-line {code} -->")
        out.append((f"Disable {code} for this line", edit))
    file_edit = insertion(index, start, f"<!-- artlint-disable-file {code} -->\n")
    out.append((f"Disable {code} for this file", file_edit))
    return [
        types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[d],
            edit=types.WorkspaceEdit(changes={uri: [edit]}),
        )
        for title, edit in out
    ]


async def _fix_all_edits(ls: ArtlintServer, uri: str) -> list[types.TextEdit]:
    buffer = ls.state.buffers.get(uri)
    if buffer is None:
        return []
    text = buffer.text
    after: str = await ls.on_worker(fixed, ls.state.project.resolver, buffer.path, text)
    if ls.state.buffers.get(uri) is not buffer or buffer.text != text:
        return []  # changed meanwhile: these edits would land in the wrong places
    return text_edits(text, after, ls.encoding)


def register(server: ArtlintServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=False),
    )
    async def code_action(
        ls: ArtlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        uri = params.text_document.uri
        if uri not in ls.state.buffers:
            return []
        only = params.context.only
        out: list[types.CodeAction] = []
        if only is None or types.CodeActionKind.QuickFix in only:
            mine = [d for d in params.context.diagnostics if d.source == "artlint"]
            for d in overlapping(mine, params.range):
                if d.code == "config" or not _current(ls, uri, d.data):
                    continue
                fix = edits_of(d.data)
                if fix is not None:
                    title, safe, edits = fix
                    out.append(
                        types.CodeAction(
                            title=f"{d.code}: {title}" + ("" if safe else " (unsafe)"),
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[d],
                            is_preferred=safe,
                            edit=types.WorkspaceEdit(changes={uri: edits}),
                        )
                    )
                out += _suppressions(ls, uri, d)
        wants_all = only is None or any(
            k in (types.CodeActionKind.SourceFixAll, FIX_ALL, types.CodeActionKind.Source)
            for k in only
        )
        if wants_all:
            edits = await _fix_all_edits(ls, uri)
            if edits:
                out.append(
                    types.CodeAction(
                        title="artlint: fix all safe problems",
                        kind=FIX_ALL,
                        edit=types.WorkspaceEdit(changes={uri: edits}),
                    )
                )
        return out

    @server.command(FIX_ALL_COMMAND)
    async def fix_all(ls: ArtlintServer, *args: Any) -> None:
        """`artlint.fixAll` with a document URI (or `{"uri": ...}`): the fix-all edits,
        sent to the client as workspace/applyEdit."""
        first = args[0] if args else None
        uri = first.get("uri") if isinstance(first, dict) else first
        if not isinstance(uri, str):
            return
        edits = await _fix_all_edits(ls, uri)
        if edits:
            edit = types.WorkspaceEdit(changes={uri: edits})
            await ls.workspace_apply_edit_async(
                types.ApplyWorkspaceEditParams(edit=edit, label="artlint: fix all")
            )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ArtlintServer, params: types.HoverParams) -> types.Hover | None:
        result = ls.state.published.get(params.text_document.uri)
        buffer = ls.state.buffers.get(params.text_document.uri)
        if result is None or not result.found or buffer is None:
            return None
        if buffer.version != result.version:
            return None  # typed since: the findings' places are not where they were
        index = LineIndex(result.text, ls.encoding)
        at = index.offset(params.position.line, params.position.character) - result.shift
        codes = list(
            dict.fromkeys(d.code for d in result.found if d.span.start <= at <= d.span.end)
        )
        if not codes:
            return None
        docs: list[str] = await ls.on_worker(_documentation, ls, codes)
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(docs)
            )
        )


def _documentation(ls: ArtlintServer, codes: list[str]) -> list[str]:
    from artlint.report.rule_pages import find

    known = {r.code: r for r in ls.state.project.resolver.all_rules()}
    out = []
    for code in codes:
        page = find(code)
        if page is not None:
            out.append(page.text)
        elif code in known:  # a project's own pack
            rule = known[code]
            out.append(f"# {rule.code} {rule.name}\n\n{rule.doc.strip()}\n")
    return out
