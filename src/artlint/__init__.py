"""artlint: lint and clean article files (Markdown with front matter and scraped HTML)."""

__version__ = "0.1.0"
