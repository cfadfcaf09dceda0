"""How long `artlint server` takes from a keystroke to its diagnostics on a large article.

    python benchmarks/lsp_latency.py [--article PATH] [--size BYTES] [--edits N]

Starts `python -m artlint server` with the debounce set to 0 (so the debounce delay is not
counted), opens an article of about --size bytes (default 100 KB: --article's body, or the
bundled news-portal example's, repeated), then makes --edits incremental edits one at a time
(typing a character at the end of a line in the middle of the body) and times each from
sending `didChange` to receiving the `publishDiagnostics` of that version. Prints the median,
90th percentile and maximum in ms, the server's CPU seconds for the edits (user + system,
from /proc), and the number of findings. Nothing is written.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "news-portal.md"


def article(source: Path, size: int) -> str:
    text = source.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    body = body if sep else text
    out = head + sep
    while len(out.encode()) < size:
        out += body
    return out


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="artlint-lsp-"))
    try:
        await measure(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def measure(args: argparse.Namespace, folder: Path) -> None:
    text = article(args.article, args.size)
    path = folder / "article.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = LanguageClient("latency", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}
    ready = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            counts[params.version] = len(params.diagnostics)
            ready.set()

    await client.start_io(sys.executable, "-m", "artlint", "server")
    assert client._server is not None
    pid = client._server.pid
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder.as_uri(),
            initialization_options={"debounce": 0},
        )
    )
    client.initialized(types.InitializedParams())

    async def wait(version: int) -> None:
        while version not in arrived:
            ready.clear()
            await asyncio.wait_for(ready.wait(), 30)

    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )
    await wait(1)
    line = text.count("\n") // 2
    column = len(text.split("\n")[line])
    latencies = []
    cpu_before = cpu_seconds(pid)
    for version in range(2, args.edits + 2):
        at = types.Position(line, column)
        column += 1
        change = types.TextDocumentContentChangePartial(types.Range(at, at), "x")
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
            )
        )
        await wait(version)
        latencies.append((arrived[version] - sent) * 1000)
    cpu = cpu_seconds(pid) - cpu_before
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    print(f"article: {len(text.encode()):,} bytes, {counts[args.edits + 1]} findings")
    print(
        f"didChange -> publishDiagnostics over {args.edits} edits: "
        f"median {statistics.median(latencies):.1f} ms, "
        f"p90 {latencies[int(len(latencies) * 0.9) - 1]:.1f} ms, max {latencies[-1]:.1f} ms; "
        f"server CPU {cpu:.2f} s ({cpu / args.edits * 1000:.1f} ms per edit)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=EXAMPLE)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=50)
    asyncio.run(main(parser.parse_args()))
