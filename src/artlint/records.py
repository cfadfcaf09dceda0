"""Articles as records, not files: the entry point for pipelines over archives (datatrove,
Dask, a loop over JSON Lines).

A record is an article's text (or bytes) and an identifier. `RecordSettings` is the same
settings model as a project's configuration (generator, packs, select/ignore, unsafe fixes,
provenance) as a small frozen value: picklable and cheap to send to workers, which build the
rules from it once per process. A result is plain data: the findings as the JSON report's
objects (with `path` set to the record's identifier), and the fixed text when asked for.

    from artlint.records import RecordSettings, check_record
    settings = RecordSettings(packs=("rss-portal",), provenance="imported")
    result = check_record(text, "feed/2024/0001", settings, fix=True)
    result.findings      # [{"code": "AL101", "line": 12, ...}, ...]
    result.fixed_text    # the text `artlint fix --write` would leave, or None if unchanged

A record that cannot be read (bytes that are not UTF-8) or whose front matter does not parse
gets its AL001/AL002 finding like a file; a rule that crashes gives AL999. Nothing raises for
a bad record, so one bad article never stops a shard.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from artlint.document.article import Document
from artlint.rules.base import Configured
from artlint.run.config import Overrides, Resolver


@dataclass(frozen=True)
class RecordSettings:
    """What a check of records uses, as `[tool.artlint]` would say it (no file is read)."""

    generator: str = "none"
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None  # codes, prefixes or names; None: the defaults
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    provenance: str = "auto"  # "imported" for a feed archive skips the guess per record

    def rules(self) -> tuple[Configured[Any], ...]:
        """The configured rules, built once per process for equal settings."""
        return _rules(self)


@functools.lru_cache(maxsize=16)
def _rules(settings: RecordSettings) -> tuple[Configured[Any], ...]:
    overrides = Overrides(
        select=settings.select,
        extend_select=settings.extend_select,
        ignore=settings.ignore,
        packs=settings.packs,
        isolated=True,  # a record has no folder: no configuration file is looked for
    )
    return Resolver(overrides).settings_for(".", is_dir=True).rules


@dataclass(frozen=True)
class RecordResult:
    id: str
    findings: tuple[dict[str, Any], ...]
    fixed_text: str | None = None  # with fix=True, when fixing changed the text
    failed: bool = False  # a rule crashed, or a fix was refused: see the AL999 finding
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "findings": list(self.findings),
            "fixed_text": self.fixed_text,
            "failed": self.failed,
            "metadata": dict(self.metadata),
        }


def check_record(
    text: str | bytes,
    id: str,
    settings: RecordSettings | None = None,
    *,
    fix: bool = False,
    metadata: Mapping[str, Any] | None = None,
) -> RecordResult:
    """The findings on one article; with `fix`, those left after fixing and the fixed text.
    The article is read as the CLI reads a file's bytes (a text is its UTF-8 encoding)."""
    from artlint.report.json import diagnostic_json
    from artlint.run.article import check_loaded, fix_loaded

    settings = settings or RecordSettings()
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    doc = Document.from_bytes(raw, id, settings.generator, settings.provenance)
    if fix:
        result = fix_loaded(id, raw, doc, settings.rules(), unsafe=settings.unsafe_fixes)
    else:
        result = check_loaded(doc, settings.rules())
    fixed = None if result.fixed_bytes is None else result.fixed_bytes.decode("utf-8")
    found = tuple(diagnostic_json(d) for d in result.diagnostics)
    return RecordResult(id, found, fixed, result.internal_error, dict(metadata or {}))


def codes(result: RecordResult) -> list[str]:
    """The codes of a result's findings, in order (for filters and statistics)."""
    return [str(f["code"]) for f in result.findings]
