"""Text -> structure, one concern a module, each giving exact spans into the article's text.

Owns: the HTML tokenizer (`html`) and element tree (`elements`), CommonMark's leaf blocks
(`blocks`, the fast path) and code regions (`markdown`), front matter (`frontmatter`, with its
values in `frontmatter_model` and its parsers in `frontmatter_yaml` and
`frontmatter_toml_json`), CSS (`css`), CSS selectors over artlint's own tokens (`selectors`,
the fast path; soupsieve answers the selectors it cannot, see `artlint.document.markup`) and
their pre-check
(`selector_hints`), character references (`entities`), dates (`dates`), and the known junk
signatures (`signatures`).
May import: `artlint.model`, `artlint.safe`.
"""
