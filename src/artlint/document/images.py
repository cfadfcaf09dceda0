"""Images of an article: front-matter image fields and the images its body shows.

Body images are `<img src>` tags and Markdown images `![alt](url "title")` outside code.
URLs are compared after light normalisation: surrounding whitespace, entities in attributes,
`//host` (protocol-relative), `http` versus `https`, and the host's case; paths and query
strings must match exactly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from artlint.document.article import Document
from artlint.model.diagnostics import Applicability, Aspect, Fix, Span, Violation
from artlint.model.options import Options
from artlint.parse import elements
from artlint.parse.frontmatter import KeySpan
from artlint.parse.html import Kind

IMAGE_FIELDS = ("thumbnail", "headimg", "cover", "image", "banner", "featured_image", "og_image")


@dataclass(frozen=True)
class FieldOptions(Options):
    """The options of the rules that read front-matter image fields."""

    fields: tuple[str, ...] = IMAGE_FIELDS


_MARKDOWN_IMAGE = re.compile(
    r"!\[(?:[^\]\\\n]|\\.)*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)


@dataclass(frozen=True, slots=True)
class BodyImage:
    url: str  # as written (entities decoded for <img src>)
    key: str  # normalised, for comparing
    span: Span  # the <img> tag or the Markdown image


def normalise(url: str) -> str:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    return urlunsplit((scheme, parts.netloc.lower(), parts.path, parts.query, ""))


def drop_field(doc: Document, key: KeySpan) -> Fix | None:
    """An unsafe fix removing `key`'s line(s) from the front matter; None in JSON front
    matter, where removing a line can leave a stray comma."""
    fm = doc.header.parsed
    if fm is None or fm.format == "json":
        return None
    return Fix(
        f"Remove `{key.name}`",
        (doc.deletion(key.span),),
        Applicability.UNSAFE,
        frozenset({Aspect.FRONT_MATTER}),
    )


def field_images(doc: Document, fields: tuple[str, ...]) -> list[tuple[KeySpan, str]]:
    """(key, normalised URL) for each image field holding a URL."""
    fm = doc.header.parsed
    if fm is None:
        return []
    return [
        (key, normalise(key.parsed))
        for key in fm.keys
        if key.name in fields and isinstance(key.parsed, str) and key.parsed.strip()
    ]


def body_images(doc: Document) -> tuple[BodyImage, ...]:
    """The body's images, in order (computed once per document)."""
    return doc.memo("body_images", lambda d: tuple(_body_images(d)))


def _body_images(doc: Document) -> list[BodyImage]:
    found = []
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        src = tok.attr("src") if tok.name == "img" else None
        if src is not None and src.value and src.value.strip():
            url = html.unescape(src.value)
            found.append(BodyImage(url, normalise(url), Span(tok.start, tok.end)))
    for start, end in doc.markup.text_runs:
        for m in _MARKDOWN_IMAGE.finditer(doc.text, start, end):
            url = m.group(1)
            found.append(BodyImage(url, normalise(url), Span(m.start(), m.end())))
    # In document order: "the first occurrence" must mean the first a reader meets.
    return sorted(found, key=lambda image: image.span.start)


_IMG_IN_COMMENT = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def commented_images(doc: Document) -> Iterator[BodyImage]:
    """`<img>` tags inside comments: not shown, but still in the article's source."""
    for tok in doc.markup.tokens_of(Kind.COMMENT):
        for m in _IMG_IN_COMMENT.finditer(doc.text, tok.start, tok.end):
            url = html.unescape(m.group(1))
            yield BodyImage(url, normalise(url), Span(m.start(), m.end()))


def removal_violation(doc: Document, image: BodyImage, message: str, title: str) -> Violation:
    """A finding that covers, and an unsafe fix that removes, the image with its wrappers."""
    span = removal(doc, image)
    return Violation(span, message, Fix(title, (doc.deletion(span),), Applicability.UNSAFE))


def removal(doc: Document, image: BodyImage) -> Span:
    """What to delete to remove an image: with its empty wrappers, or the link around a
    Markdown image (`[![a](img)](url)`)."""
    text = doc.text
    if text.startswith("![", image.span.start):
        if text[image.span.start - 1 : image.span.start] == "[":
            m = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)").match(text, image.span.end)
            if m:
                return Span(image.span.start - 1, m.end())
        return image.span
    return elements.removal(text, doc.markup.elements, image.span)
