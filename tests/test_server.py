"""`artlint server` end to end: a real LSP client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any, cast

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "artlint", "server"]
IMPORTED = "---\ntitle: 标题\ndate: 2024-01-01\nartlint-provenance: imported\n---\n"
REGISTERED: list[types.RegistrationParams] = []  # what the server asked the client
APPLIED: list[types.ApplyWorkspaceEditParams] = []
WAIT = 20.0  # seconds; a check takes milliseconds, a loaded CI machine more


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="site")],
        initialization_options={"debounce": 0},
    )

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.append(params)

    @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        APPLIED.append(params)
        return types.ApplyWorkspaceEditResult(applied=True)

    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics published for `uri` (call after clearing the old ones)."""

    async def wait() -> list[types.Diagnostic]:
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics.pop(uri))

    return await asyncio.wait_for(wait(), WAIT)


def data(d: types.Diagnostic) -> dict[str, Any]:
    assert isinstance(d.data, dict)
    return d.data


def offset(text: str, p: types.Position) -> int:
    """An LSP position as an index into `text`, counted here independently of the server:
    lines end at \\n, \\r\\n or \\r, columns are UTF-16 code units."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    line = text[starts[p.line] :]
    units = line.encode("utf-16-le")[: 2 * p.character]
    return starts[p.line] + len(units.decode("utf-16-le"))


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    spans = sorted(
        ((offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )
    return uri


async def code_actions(
    client: LanguageClient,
    uri: str,
    at: types.Range,
    found: list[types.Diagnostic],
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    """The code actions the server offers for `found` at `at`."""
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=at,
            context=types.CodeActionContext(diagnostics=found, only=only),
        )
    )
    assert actions is not None
    return [a for a in actions if isinstance(a, types.CodeAction)]


def fixed_by_cli(tmp_path: Path, name: str, text: str) -> str:
    """What `artlint fix --write` leaves in a file holding `text`, next to the buffer's file
    (so that it sees the same configuration)."""
    target = tmp_path / f"cli-{name}"
    target.write_bytes(text.encode("utf-8"))
    subprocess.run([*SERVER[:3], "fix", "--write", "--no-cache", str(target)], check=False)
    return target.read_bytes().decode("utf-8")


@pytest.mark.asyncio
async def test_diagnostics_have_utf16_ranges_with_cjk_emoji_and_a_bom(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = "\ufeff" + IMPORTED + "<p>😀 汉字 ok</p><!-- 广告 -->\r\n<p>😀😀x&amp;nbsp;y</p>\n"
    uri = open_doc(client, tmp_path / "a.md", text)
    found = await published(client, uri)
    got = sorted(
        (d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in found
    )
    # Line 5 (0-based): `<p>😀 汉字 ok</p>` is 3 + 2 + 1 + 2 + 7 = 15 code units: 😀 is two.
    assert got == [("AL101", 5, 15, 26), ("AL202", 6, 8, 18)]
    for d in found:
        start, end = offset(text, d.range.start), offset(text, d.range.end)
        assert text[start:end] in ("<!-- 广告 -->", "&amp;nbsp;")
        assert d.source == "artlint" and d.severity == types.DiagnosticSeverity.Warning
        assert data(d)["fix"]["safe"] is True


@pytest.mark.asyncio
async def test_an_incremental_edit_moves_the_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = IMPORTED + "<p>a</p><!-- ad -->\n"
    uri = open_doc(client, tmp_path / "a.md", text)
    (first,) = await published(client, uri)
    assert (first.range.start.line, first.range.start.character) == (5, 8)
    # Type "😀 " at the start of the body line, then a new paragraph above it.
    changes = [
        types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(5, 0), types.Position(5, 0)), text="😀 "
        ),
        types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(5, 0), types.Position(5, 0)), text="<p>new</p>\n"
        ),
    ]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2), changes
        )
    )
    (moved,) = await published(client, uri)
    assert (moved.range.start.line, moved.range.start.character) == (6, 11)
    assert data(moved)["version"] == 2


@pytest.mark.asyncio
async def test_quick_fix_and_fix_all_equal_fix_write(
    client: LanguageClient, tmp_path: Path
) -> None:
    one = IMPORTED + "<p>汉字</p>\n<!-- 正文下iframe -->\n<p>b</p>\n"
    uri = open_doc(client, tmp_path / "one.md", one)
    (d,) = await published(client, uri)
    actions = await code_actions(client, uri, d.range, [d], [types.CodeActionKind.QuickFix])
    titles = [a.title for a in actions]
    assert titles == [
        "AL101: Remove the comment",
        "Disable AL101 for this line",
        "Disable AL101 for this file",
    ]
    quick = actions[0]
    assert quick.is_preferred
    assert quick.edit is not None and quick.edit.changes is not None
    assert apply(one, quick.edit.changes[uri]) == fixed_by_cli(tmp_path, "one.md", one)

    # Many findings, two rounds (the comment's removal empties a <p>), CRLF and a BOM.
    many = "\ufeff" + (
        IMPORTED + '<p style="color:red">a</p>\n<p><!-- ad --></p>\n<p>x&amp;nbsp;y</p>\n'
    ).replace("\n", "\r\n")
    uri = open_doc(client, tmp_path / "many.md", many)
    assert len(await published(client, uri)) == 3
    start = types.Range(types.Position(0, 0), types.Position(0, 0))
    (fix_all,) = await code_actions(client, uri, start, [], ["source.fixAll.artlint"])
    assert fix_all.kind == "source.fixAll.artlint"
    assert fix_all.edit is not None and fix_all.edit.changes is not None
    after = apply(many, fix_all.edit.changes[uri])
    assert after.encode() == fixed_by_cli(tmp_path, "many.md", many).encode()
    assert after == "\ufeff" + (IMPORTED + "<p>a</p>\n<p>x&nbsp;y</p>\n").replace("\n", "\r\n")


@pytest.mark.asyncio
async def test_disable_for_this_line_silences_the_finding(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = IMPORTED + "Some *text*. <!-- ad -->\n"
    uri = open_doc(client, tmp_path / "a.md", text)
    (d,) = await published(client, uri)
    actions = await code_actions(client, uri, d.range, [d])
    line = next(a for a in actions if "line" in a.title)
    assert line.edit is not None and line.edit.changes is not None
    silenced = apply(text, line.edit.changes[uri])
    assert silenced.endswith("Some *text*. <!-- ad --> <!-- artlint-disable-line AL101 -->\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [types.TextDocumentContentChangeWholeDocument(text=silenced)],
        )
    )
    assert await published(client, uri) == []


@pytest.mark.asyncio
async def test_hover_shows_the_rule_documentation(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "a.md", IMPORTED + "<p>a</p><!-- ad -->\n")
    assert len(await published(client, uri)) == 1
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(5, 10))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("# AL101 leftover-comment\n")
    assert "## Why is this bad" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(5, 1))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_a_configuration_change_is_read_again(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text('docs-url = "https://x.org/{code}"\n', "utf-8")
    uri = open_doc(client, tmp_path / "a.md", IMPORTED + "<p>a</p><!-- ad -->\n")
    (d,) = await published(client, uri)
    assert d.code_description is not None and d.code_description.href == "https://x.org/AL101"
    (tmp_path / "artlint.toml").write_text('ignore = ["AL101"]\n', "utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent((tmp_path / "artlint.toml").as_uri(), types.FileChangeType.Changed)]
        )
    )
    assert await published(client, uri) == []
    (tmp_path / "artlint.toml").write_text('ignore = ["AL9999x"]\n', "utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent((tmp_path / "artlint.toml").as_uri(), types.FileChangeType.Changed)]
        )
    )
    (broken,) = await published(client, uri)
    assert broken.code == "config" and "artlint.toml" in broken.message


@pytest.mark.asyncio
async def test_excluded_files_and_other_languages_get_nothing(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "artlint.toml").write_text('extend-exclude = ["drafts/"]\n', "utf-8")
    (tmp_path / "drafts").mkdir()
    dirty = IMPORTED + "<p>a</p><!-- ad -->\n"
    assert await published(client, open_doc(client, tmp_path / "drafts" / "a.md", dirty)) == []
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=(tmp_path / "notes.py").as_uri(), language_id="python", version=1, text=dirty
            )
        )
    )
    assert await published(client, (tmp_path / "notes.py").as_uri()) == []
    # An unsaved buffer is checked as standard input is.
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri="untitled:1", language_id="markdown", version=1, text=dirty)
        )
    )
    assert [d.code for d in await published(client, "untitled:1")] == ["AL101"]


@pytest.mark.asyncio
async def test_a_stopped_rule_is_al999_and_the_server_stays_up(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "slow.yaml").write_text(  # backtracks: about 2**40 steps
        "pack: slow\ndescription: backtracking\nrules:\n"
        "  - code: SLO101\n    name: slow\n    kind: line\n"
        "    pattern: '(a|aa)+$'\n    message: slow\n    scope: any\n"
        "    examples:\n      fail: ['aa']\n      pass: ['b']\n",
        "utf-8",
    )
    (tmp_path / "artlint.toml").write_text('pack-paths = ["packs"]\npacks = ["slow"]\n', "utf-8")
    slow = IMPORTED + "a" * 40 + "b\n"
    uri = open_doc(client, tmp_path / "slow.md", slow)
    found = await published(client, uri)
    assert [d.code for d in found] == ["AL999"]
    assert "stopped" in found[0].message
    other = open_doc(client, tmp_path / "b.md", IMPORTED + "<p>b</p><!-- ad -->\n")
    assert [d.code for d in await published(client, other)] == ["AL101"]


@pytest.mark.asyncio
async def test_closing_a_buffer_clears_its_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_doc(client, tmp_path / "a.md", IMPORTED + "<p>a</p><!-- ad -->\n")
    assert len(await published(client, uri)) == 1
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    assert await published(client, uri) == []


def _readme_commands() -> dict[str, list[str]]:
    """The server command line of each editor's configuration in README.md."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    editors = readme.split("## Editors", 1)[1].split("\n## ", 1)[0]
    blocks = dict(re.findall(r"```(lua|toml|json)\n(.*?)```", editors, re.S))
    lua = re.search(r"cmd = \{(.*?)\}", blocks["lua"])
    assert lua is not None
    helix = tomllib.loads(blocks["toml"])["language-server"]["artlint"]
    vscode = json.loads(blocks["json"])
    return {
        "neovim": re.findall(r'"([^"]*)"', lua.group(1)),
        "helix": [helix["command"], *helix["args"]],
        "vscode": [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]],
    }


@pytest.mark.asyncio
@pytest.mark.parametrize("editor", ["neovim", "helix", "vscode"])
async def test_each_editor_configuration_in_the_readme_starts_the_server(
    editor: str, tmp_path: Path
) -> None:
    command = _readme_commands()[editor]
    assert command[0] == "artlint"
    # The console script installed beside this Python: the program the editor would start.
    script = Path(sys.executable).with_name("artlint")
    config = ClientServerConfig(server_command=[str(script), *command[1:]])
    client = cast(LanguageClient, await config.start())
    try:
        capabilities = client_capabilities({"vscode": "visual-studio-code"}.get(editor, "neovim"))
        result = await client.initialize_session(
            types.InitializeParams(capabilities=capabilities, root_uri=tmp_path.as_uri())
        )
        assert result.server_info is not None and result.server_info.name == "artlint"
        assert result.capabilities.code_action_provider is not None
        uri = open_doc(client, tmp_path / "a.md", IMPORTED + "<p>a</p><!-- ad -->\n")
        assert [d.code for d in await published(client, uri)] == ["AL101"]
        await client.shutdown_session()
    finally:
        await client.stop()  # type: ignore[no-untyped-call]


@pytest.mark.asyncio
async def test_the_server_watches_configuration_files(client: LanguageClient) -> None:
    await asyncio.sleep(0)  # the registration request follows `initialized`
    for _ in range(100):
        if REGISTERED:
            break
        await asyncio.sleep(0.05)
    (registration,) = REGISTERED.pop().registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options: Any = registration.register_options  # JSON as the client received it
    globs = [w["globPattern"] for w in options["watchers"]]
    assert "**/artlint.toml" in globs and "**/pyproject.toml" in globs


@pytest.mark.asyncio
async def test_fix_all_command_sends_workspace_apply_edit(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = IMPORTED + "<p>a</p><!-- ad -->\n"
    uri = open_doc(client, tmp_path / "a.md", text)
    await published(client, uri)
    APPLIED.clear()
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="artlint.fixAll", arguments=[uri])
    )
    (params,) = APPLIED
    assert params.edit.changes is not None
    assert apply(text, params.edit.changes[uri]) == IMPORTED + "<p>a</p>\n"
    assert (tmp_path / "a.md").exists() is False  # the server wrote nothing


@pytest.mark.asyncio
async def test_client_settings_select_and_ignore_over_the_configuration(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = IMPORTED + '<p style="color:red">a</p><!-- ad -->\n'
    uri = open_doc(client, tmp_path / "a.md", text)
    assert sorted(str(d.code) for d in await published(client, uri)) == ["AL101", "AL103"]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"artlint": {"ignore": ["AL103"]}})
    )
    assert [d.code for d in await published(client, uri)] == ["AL101"]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"artlint": {"select": ["style-attribute"]}})
    )
    assert [d.code for d in await published(client, uri)] == []  # AL103 still ignored
    # An unsaved buffer follows the same settings, as standard input does on the command line.
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri="untitled:2", language_id="markdown", version=1, text=text)
        )
    )
    assert [d.code for d in await published(client, "untitled:2")] == []


@pytest.mark.asyncio
async def test_the_server_listens_on_tcp(tmp_path: Path) -> None:
    import socket

    from pytest_lsp.client import make_test_lsp_client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*SERVER, "--tcp", f"127.0.0.1:{port}"])
    client = make_test_lsp_client()
    try:
        for _ in range(200):  # until it listens; it serves the first connection only
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.05)
        await client.initialize_session(
            types.InitializeParams(capabilities=types.ClientCapabilities())
        )
        uri = open_doc(client, tmp_path / "a.md", IMPORTED + "<p>a</p><!-- ad -->\n")
        assert [d.code for d in await published(client, uri)] == ["AL101"]
        await client.shutdown_session()  # `exit` ends the server and closes the connection
        assert server.wait(10) == 0
    finally:
        if server.poll() is None:
            server.kill()
        await asyncio.wait_for(client.stop(), WAIT)  # type: ignore[no-untyped-call]


@pytest.mark.asyncio
async def test_the_light_bulb_fixes_all_only_when_chosen(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Asked without `only` (at every move of the cursor), the server offers fix-all without
    fixing the buffer; the edits are made when the client resolves the chosen action."""
    text = IMPORTED + "<p>a</p><!-- ad -->\n"
    uri = open_doc(client, tmp_path / "a.md", text)
    (d,) = await published(client, uri)
    actions = await code_actions(client, uri, d.range, [d])
    (offered,) = [a for a in actions if a.kind == "source.fixAll.artlint"]
    assert offered.edit is None
    chosen = await client.code_action_resolve_async(offered)
    assert chosen.edit is not None and chosen.edit.changes is not None
    assert apply(text, chosen.edit.changes[uri]) == IMPORTED + "<p>a</p>\n"


def test_a_setting_sent_empty_clears_the_old_value() -> None:
    from types import SimpleNamespace

    from artlint.server.lsp import _settings
    from artlint.server.state import State

    ls: Any = SimpleNamespace(state=State())
    _settings(ls, {"ignore": ["AL101"], "packs": ["wordpress"]})
    assert ls.state.overrides.ignore == ("AL101",) and ls.state.overrides.packs == ("wordpress",)
    _settings(ls, {"ignore": []})
    assert ls.state.overrides.ignore == () and ls.state.overrides.packs == ("wordpress",)
