"""`artlint server`: a language server (LSP over stdio, or TCP) on pygls.

Diagnostics are pushed on open, on change (after a short debounce; a newer change cancels
the pending check) and on save; a closed buffer gets an empty list. Checks run on one worker
thread, off the event loop, and a result is published only if its buffer has not changed
since. Code actions: a quick fix per finding, "disable for this line / file", and
`source.fixAll.artlint`, which applies what `artlint fix --write` would. Hover on a finding
shows its rule's documentation. Configuration is discovered as the CLI discovers it, and
read again when a configuration, pack or .gitignore file changes.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import replace

from lsprotocol import types

from artlint.server import actions
from artlint.server.positions import apply_change
from artlint.server.state import ArtlintServer, Buffer
from artlint.server.work import Project, path_of

log = logging.getLogger(__name__)
# Files that change what a check reports: re-read them and check every open buffer again.
WATCHED = (
    "**/artlint.toml",
    "**/.artlint.toml",
    "**/pyproject.toml",
    "**/.gitignore",
    "**/*.{yaml,yml,json}",
)
CONFIG_NAMES = ("artlint.toml", ".artlint.toml", "pyproject.toml", ".gitignore")


server = ArtlintServer()


def _settings(ls: ArtlintServer, options: object) -> None:
    """Client settings: `select`, `extendSelect`, `ignore`, `packs` (lists of codes or
    names, over the configuration files, as on the command line) and `debounce` (ms)."""
    if not isinstance(options, dict):
        return
    options = options.get("artlint", options)
    if not isinstance(options, dict):
        return

    def strings(key: str) -> tuple[str, ...] | None:
        value = options.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list) else None

    def listed(key: str, now: tuple[str, ...]) -> tuple[str, ...]:
        # A key sent is the new value, an empty list included (it clears the old one).
        return (strings(key) or ()) if key in options else now

    o = ls.state.overrides
    ls.state.overrides = replace(
        o,
        select=strings("select") if "select" in options else o.select,
        extend_select=listed("extendSelect", o.extend_select),
        ignore=listed("ignore", o.ignore),
        packs=listed("packs", o.packs),
    )
    debounce = options.get("debounce")
    if isinstance(debounce, int | float) and debounce >= 0:
        ls.state.debounce = debounce / 1000


@server.feature(types.INITIALIZE)
def initialize(ls: ArtlintServer, params: types.InitializeParams) -> None:
    roots = [path_of(f.uri) for f in params.workspace_folders or []]
    if not roots and params.root_uri:
        roots = [path_of(params.root_uri)]
    ls.state.roots = tuple(r for r in roots if r is not None)
    _settings(ls, params.initialization_options)
    ls.state.project = Project.of(ls.state.overrides, ls.state.roots)


@server.feature(types.INITIALIZED)
async def initialized(ls: ArtlintServer, params: types.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watch = caps.did_change_watched_files if caps is not None else None
    if watch is None or not watch.dynamic_registration:
        return  # such clients get configuration changes on save of the file (see did_save)
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
    )
    registration = types.Registration(
        id="artlint-watch",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await ls.client_register_capability_async(types.RegistrationParams([registration]))
    except Exception:  # the client refused: configuration changes then count on save
        log.warning("the client did not register the file watchers")


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ArtlintServer, params: types.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    ls.state.buffers[doc.uri] = Buffer(path_of(doc.uri), doc.language_id, doc.text, doc.version)
    ls.schedule(doc.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArtlintServer, params: types.DidChangeTextDocumentParams) -> None:
    buffer = ls.state.buffers.get(params.text_document.uri)
    if buffer is None:
        return
    text = buffer.text
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            r = change.range
            start, end = (r.start.line, r.start.character), (r.end.line, r.end.character)
            text = apply_change(text, ls.encoding, start, end, change.text)
        else:
            text = change.text
    buffer.text, buffer.version = text, params.text_document.version
    ls.schedule(params.text_document.uri, ls.state.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ArtlintServer, params: types.DidSaveTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    if path is not None and os.path.basename(path) in CONFIG_NAMES:
        ls.reload()
    elif params.text_document.uri in ls.state.buffers:
        # Saving changes nothing a check reads, but for an .html file whether it is a whole
        # page (read from the file): other buffers were checked when they changed.
        uri = params.text_document.uri
        checked, buffer = ls.state.published.get(uri), ls.state.buffers[uri]
        if checked is None or checked.version != buffer.version or uri.endswith((".html", ".htm")):
            ls.schedule(uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArtlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.state.buffers.pop(uri, None)
    ls.state.published.pop(uri, None)
    pending = ls.state.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: ArtlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.reload()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: ArtlintServer, params: types.DidChangeConfigurationParams) -> None:
    _settings(ls, params.settings)
    ls.reload()


actions.register(server)


def main(tcp: str | None = None) -> int:
    """Serve on stdio, or on TCP at HOST:PORT."""
    if tcp is None:
        server.start_io()
        if sys.stdout.buffer.closed:
            # The protocol owned stdout and closed it on `exit`: nothing is left to flush.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends
        return 0
    host, _, port = tcp.rpartition(":")
    server.start_tcp(host or "127.0.0.1", int(port))
    return 0
