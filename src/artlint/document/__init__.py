"""The Document: one article as every rule reads it, and what is derived from it once.

Owns: decoding and the Document itself (`article`), the views it derives, each computed once:
positions (`lines`), front matter (`header`), Markdown regions (`regions`) and markup
(`markup`); where its markup came from (`provenance`), its images (`images`), its link
targets (`links`), and the site generators and their layouts (`generator`).
May import: `artlint.parse`, `artlint.model`, `artlint.safe`.
"""

from artlint.document.article import Document, Unreadable

__all__ = ["Document", "Unreadable"]
