"""artlint in a datatrove pipeline: each `Document` is checked (and fixed, if asked) as an
article record, its findings go into `metadata["artlint"]`, and datatrove's statistics count
documents, findings per code, fixes and drops.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from artlint.integrations.datatrove_step import ArtlintStep
    from artlint.records import RecordSettings

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("s3://archive/raw/"),
            ArtlintStep(RecordSettings(packs=("rss-portal",)), fix=True, drop=("AL001",)),
            JsonlWriter("s3://archive/clean/"),
        ],
        tasks=64,
    ).run()

The step holds only its settings, which are picklable; the rules are built once per worker
process. A bad record gets its AL001/AL002/AL999 finding in its metadata and the shard goes
on; with `drop`, documents with a finding of one of those codes leave the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from artlint.records import RecordSettings, check_record, codes


class ArtlintStep(PipelineStep):  # type: ignore[misc]  # datatrove has no type hints
    name = "artlint"
    type = "CLEAN"

    def __init__(
        self,
        settings: RecordSettings | None = None,
        *,
        fix: bool = False,
        drop: tuple[str, ...] = (),
        key: str = "artlint",
    ) -> None:
        super().__init__()
        self.settings = settings or RecordSettings()
        self.fix = fix
        self.drop = frozenset(drop)
        self.key = key

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        for doc in data or ():
            self.stat_update("documents")
            with self.track_time():
                result = check_record(doc.text, str(doc.id), self.settings, fix=self.fix)
            found = codes(result)
            meta: dict[str, Any] = {"findings": list(result.findings), "failed": result.failed}
            doc.metadata[self.key] = meta
            if found:
                self.stat_update("findings", value=len(found))
                self.stat_update(*(f"finding_{code}" for code in found))
            if result.fixed_text is not None:
                doc.text = result.fixed_text
                self.stat_update("fixed")
            if self.drop and self.drop.intersection(found):
                self.stat_update("dropped")
                continue
            yield doc
