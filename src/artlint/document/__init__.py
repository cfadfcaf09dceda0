"""The Document: one article as every rule reads it, and what is derived from it once.

Owns: decoding and the Document itself (`article`), where its markup came from
(`provenance`), its images (`images`) and link targets (`links`).
May import: `artlint.parse`, `artlint.model`, `artlint.safe`.
"""

from artlint.document.article import Document, Unreadable

__all__ = ["Document", "Unreadable"]
