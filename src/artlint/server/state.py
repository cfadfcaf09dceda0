"""The language server's state and its checking loop: open buffers, the last results
published, pending checks, configuration; checks run on one worker thread."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from artlint import __version__
from artlint.document.generator import detect_project
from artlint.run.config import Overrides
from artlint.server.convert import to_lsp
from artlint.server.positions import ENCODINGS, LineIndex
from artlint.server.work import Checked, Project, check

log = logging.getLogger(__name__)
DEBOUNCE = 0.15  # seconds after the last keystroke; `debounce` (ms) in initializationOptions


@dataclass
class Buffer:
    path: str | None
    language: str
    text: str
    version: int | None


@dataclass
class State:
    """What the server knows; touched only on the event loop (the worker gets copies)."""

    buffers: dict[str, Buffer] = field(default_factory=dict)
    published: dict[str, Checked] = field(default_factory=dict)
    pending: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    overrides: Overrides = field(default_factory=Overrides)
    roots: tuple[str, ...] = ()
    project: Project = field(default_factory=lambda: Project.of(Overrides(), ()))
    debounce: float = DEBOUNCE


class ArtlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("artlint", __version__)
        self.state = State()
        # One thread: checks of one buffer never race, and the resolver stays single-threaded.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="artlint-check")

    @property
    def encoding(self) -> str:
        chosen = str(self.workspace.position_encoding or "utf-16")
        return chosen if chosen in ENCODINGS else "utf-16"

    async def on_worker(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.worker, fn, *args)

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay` seconds, replacing a check still waiting."""
        old = self.state.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.state.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        buffer = self.state.buffers.get(uri)
        if buffer is None:
            return
        try:
            result = await self.on_worker(
                check,
                self.state.project,
                buffer.path,
                buffer.language,
                buffer.text,
                buffer.version,
            )
        except Exception as exc:  # a bug must not take the editor's server down
            log.exception("checking %s failed", uri)
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Error, f"artlint: {uri}: {exc!r}")
            )
            return
        now = self.state.buffers.get(uri)
        if now is None or now.version != result.version or now.text != result.text:
            return  # typed over meanwhile: a newer check is on its way
        self.publish(uri, result)

    def publish(self, uri: str, result: Checked) -> None:
        self.state.published[uri] = result
        if result.config_error is not None:
            message = f"artlint: config error: {result.config_error}"
            start = types.Position(0, 0)
            diagnostics = [
                types.Diagnostic(
                    range=types.Range(start, start),
                    message=message,
                    severity=types.DiagnosticSeverity.Error,
                    source="artlint",
                    code="config",
                )
            ]
        else:
            index = LineIndex(result.text, self.encoding)
            diagnostics = to_lsp(result.found, index, result.shift, result.version, result.docs_url)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=result.version)
        )

    def reload(self) -> None:
        """Forget every configuration read (and which generator each project looked like),
        and check every open buffer again."""
        detect_project.cache_clear()
        self.state.project = Project.of(self.state.overrides, self.state.roots)
        for uri in self.state.buffers:
            self.schedule(uri, 0)
