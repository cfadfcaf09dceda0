"""The language server's requests: code actions (quick fixes, suppressions, fix-all), the
`artlint.fixAll` command and hover. Edits go back to the client, which applies them or not:
the server never writes a file.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from artlint.server.convert import edits_of, insertion, overlapping
from artlint.server.positions import LineIndex
from artlint.server.state import ArtlintServer
from artlint.server.work import body_start, fix_all_edits

FIX_ALL = "source.fixAll.artlint"
FIX_ALL_COMMAND = "artlint.fixAll"
KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]


def _current(ls: ArtlintServer, uri: str, data: object) -> bool:
    """Whether a diagnostic's `data` belongs to the buffer's current version."""
    buffer = ls.state.buffers.get(uri)
    version = data.get("version") if isinstance(data, dict) else None
    return buffer is not None and buffer.version == version


def _suppressions(
    uri: str, text: str, index: LineIndex, start: int, d: types.Diagnostic
) -> list[types.CodeAction]:
    """`artlint-disable-line` at the end of the finding's line (inline HTML, so it does not
    split a Markdown paragraph as a comment on a line of its own would) and
    `artlint-disable-file` where the body starts. A finding in the front matter gets only
    the second: an HTML comment there would be YAML."""
    code = str(d.code)
    out = []
    line = d.range.start.line
    if index.offset(line, 0) >= start:
        line_start = index.starts[line]
        line_end = index.starts[line + 1] if line + 1 < len(index.starts) else len(text)
        content = text[line_start:line_end].rstrip("\r\n")
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


def _quick_fixes(
    ls: ArtlintServer, uri: str, params: types.CodeActionParams
) -> list[types.CodeAction]:
    """Each current finding in the range: its fix, and its two suppressions."""
    mine = [d for d in params.context.diagnostics if d.source == "artlint"]
    here = [
        d
        for d in overlapping(mine, params.range)
        if d.code != "config" and _current(ls, uri, d.data)
    ]
    if not here:
        return []
    text = ls.state.buffers[uri].text
    # Once a request: a selection of the whole buffer holds every finding.
    index, start = LineIndex(text, ls.encoding), body_start(text)
    out = []
    for d in here:
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
        out += _suppressions(uri, text, index, start, d)
    return out


def _fixable(ls: ArtlintServer, uri: str) -> bool:
    """Whether the buffer's last check found anything with a fix."""
    checked = ls.state.published.get(uri)
    return checked is not None and any(d.fix is not None for d in checked.found)


async def _fix_all_edits(ls: ArtlintServer, uri: str) -> list[types.TextEdit]:
    buffer = ls.state.buffers.get(uri)
    if buffer is None:
        return []
    text = buffer.text
    edits: list[types.TextEdit] = await ls.on_worker(
        fix_all_edits, ls.state.project, buffer.path, text, ls.encoding
    )
    if ls.state.buffers.get(uri) is not buffer or buffer.text != text:
        return []  # changed meanwhile: these edits would land in the wrong places
    return edits


def register(server: ArtlintServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=True),
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
            out += _quick_fixes(ls, uri, params)
        title = "artlint: fix all safe problems"
        if only is not None and any(
            k in (types.CodeActionKind.SourceFixAll, FIX_ALL, types.CodeActionKind.Source)
            for k in only
        ):
            # Asked for by name (fix on save): the edits themselves.
            edits = await _fix_all_edits(ls, uri)
            if edits:
                edit = types.WorkspaceEdit(changes={uri: edits})
                out.append(types.CodeAction(title=title, kind=FIX_ALL, edit=edit))
        elif only is None and _fixable(ls, uri):
            # The light bulb asks at every move of the cursor: the action is offered, and the
            # whole buffer fixed only when it is chosen (codeAction/resolve).
            out.append(types.CodeAction(title=title, kind=FIX_ALL, data={"fixAll": uri}))
        return out

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: ArtlintServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data
        uri = data.get("fixAll") if isinstance(data, dict) else None
        if isinstance(uri, str) and action.edit is None:
            action.edit = types.WorkspaceEdit(changes={uri: await _fix_all_edits(ls, uri)})
        return action

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
