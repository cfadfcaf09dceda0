"""Which site generator a project is for, and where that generator keeps its articles.

A project's generator is found from the files at its root (`_config.yml` with `scaffolds/`
is Hexo, `hugo.toml` is Hugo, `mkdocs.yml` is MkDocs ...). Its layout then says which folders
hold articles and which hold templates, theme files and build output, which artlint never
checks or writes: a Jekyll `_layouts/default.html` is a template whose `<style>` and comments
are the site's, not junk. It also says which articles are dated posts and which are pages
(a Hexo page or a Hugo section has no date) and whether a Markdown file without front matter
is an article at all (Jekyll copies such a file as it is; MkDocs and Docusaurus take the
title from the first heading).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class Generator(StrEnum):
    """The site generators artlint knows: the one list that `generator = "..."`, detection
    and LAYOUTS (keyed by these) come from."""

    hexo = "hexo"
    hugo = "hugo"
    jekyll = "jekyll"
    zola = "zola"
    eleventy = "eleventy"
    astro = "astro"
    mkdocs = "mkdocs"
    docusaurus = "docusaurus"
    none = "none"


GENERATORS = tuple(g.value for g in Generator)


@dataclass(frozen=True)
class Layout:
    """Where a generator keeps things, as folders relative to the project root ("" is the
    root itself)."""

    content: tuple[str, ...]  # articles live under these
    exclude: tuple[str, ...]  # never walked: templates, themes, data, build output
    posts: tuple[str, ...]  # articles under these are dated posts; the rest are pages
    # A Markdown file without front matter is an article (True) or a plain file (False).
    needs_front_matter: bool = True
    title_from_heading: bool = False  # the generator titles a page by its first heading


_BUILD = ("node_modules", "public", "dist", "build", "_site", "site", "resources")
LAYOUTS: dict[str, Layout] = {
    Generator.hexo: Layout(
        ("source",),
        ("source/_data", "themes", "scaffolds", *_BUILD),
        ("source/_posts",),  # a draft gets its date from `hexo publish`
    ),
    Generator.hugo: Layout(
        ("content",),
        ("layouts", "themes", "static", "archetypes", "assets", "data", "i18n", *_BUILD),
        ("content/posts", "content/post", "content/blog"),
    ),
    Generator.jekyll: Layout(
        ("",),
        ("_layouts", "_includes", "_sass", "_data", "_plugins", "assets", "vendor", *_BUILD),
        ("_posts",),  # a draft takes the build's date until it is published
        needs_front_matter=False,
    ),
    Generator.zola: Layout(
        ("content",),
        ("templates", "themes", "static", "sass", *_BUILD),
        ("content/posts", "content/post", "content/blog"),
    ),
    Generator.eleventy: Layout(
        ("",),
        ("_includes", "_data", "_layouts", *_BUILD),
        (),
        needs_front_matter=False,
    ),
    Generator.astro: Layout(
        ("src/content", "src/pages"),
        ("src/layouts", "src/components", *_BUILD),
        ("src/content/blog", "src/content/posts"),
        needs_front_matter=False,
    ),
    Generator.mkdocs: Layout(
        ("docs",),
        ("overrides", "docs/overrides", *_BUILD),
        ("docs/blog/posts",),
        needs_front_matter=False,
        title_from_heading=True,
    ),
    Generator.docusaurus: Layout(
        ("docs", "blog", "src/pages", "website/blog", "website/src/pages"),
        ("src/theme", "src/components", "static", "website/src/theme", *_BUILD),
        ("blog", "website/blog"),
        needs_front_matter=False,
        title_from_heading=True,
    ),
    # No generator known: every Markdown file is an article, and every article a post.
    Generator.none: Layout(("",), ("node_modules",), ("",)),
}


def _has(folder: str, *names: str) -> bool:
    return any(os.path.exists(os.path.join(folder, n)) for n in names)


def _generator_here(probe: str) -> str | None:
    if _has(probe, "hugo.toml", "hugo.yaml", "hugo.json") or (
        _has(probe, "config.toml", "config.yaml")
        and _has(probe, "archetypes", "layouts")
        and _has(probe, "content")
    ):
        return "hugo"
    if _has(probe, "_config.yml"):
        if _has(probe, "scaffolds", os.path.join("source", "_posts")):
            return "hexo"
        if _has(probe, "_posts", "Gemfile", "_layouts"):
            return "jekyll"
    if _has(probe, "mkdocs.yml", "mkdocs.yaml"):
        return "mkdocs"
    docusaurus = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")
    if _has(probe, *docusaurus) or (
        _has(probe, "docs") and _has(probe, *(os.path.join("website", n) for n in docusaurus))
    ):
        return "docusaurus"  # the site, or a repository whose website/ builds its docs/
    if _has(probe, "astro.config.mjs", "astro.config.ts", "astro.config.js"):
        return "astro"
    if _has(
        probe, ".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"
    ):
        return "eleventy"
    if (
        _has(probe, "config.toml", "zola.toml")
        and _has(probe, "content")
        and _has(probe, "templates")
    ):
        return "zola"
    return None


@lru_cache(maxsize=1024)
def detect_project(folder: str) -> tuple[str, str]:
    """The site generator of the project at or above `folder`, and that project's root
    ("none" and "" when no generator's files are found)."""
    probe = os.path.abspath(folder)
    while True:
        found = _generator_here(probe)
        if found is not None:
            return found, probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return "none", ""
        probe = parent


def detect_generator(folder: str) -> str:
    """The site generator of the project at or above `folder`, from its files."""
    return detect_project(folder)[0]


def _under(rel: str, folder: str) -> bool:
    return folder == "" or rel == folder or rel.startswith(folder + "/")


# Files that describe a repository, never articles of its site.
_REPOSITORY_FILES = re.compile(
    r"(?:readme|changelog|changes|history|contributing|code_of_conduct|security|license"
    r"|licence|authors|support|governance|codeowners|pull_request_template"
    r"|issue_template)(?:\.[\w-]+)*\.(?:md|markdown)",
    re.IGNORECASE,
)


# Folders of a code repository's tests: their Markdown and HTML are fixtures, not articles.
_TEST_FOLDER = re.compile(
    r"(?:tests?|__tests__|specs?|fixtures?|__fixtures__|snapshots|__snapshots__|testdata"
    r"|test[_-][\w-]+)",
    re.IGNORECASE,
)


def outside_content(path: str, is_dir: bool, generator: str | None = None) -> str | None:
    """Why `path` is not where its project's generator keeps articles (None when it is): a
    template folder, build output, a file outside the content roots, or a repository's
    README. `generator` is the configured one, if any; the project root is still found
    from the files."""
    folder = os.path.abspath(path if is_dir else os.path.dirname(path))
    if not is_dir and _REPOSITORY_FILES.fullmatch(os.path.basename(path)):
        return "a repository's own file, not an article"
    if is_dir and _TEST_FOLDER.fullmatch(os.path.basename(folder)):
        parent = os.path.dirname(folder)
        if outside_content(parent, True, generator) is None and not _in_content(parent):
            return "a code repository's test fixtures"
    found, root = detect_project(folder)
    name = generator or found
    if name == "none" or not root:
        return None
    layout = LAYOUTS[name]
    rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    if rel == "." or rel.startswith("../"):
        return None
    for folder_rel in layout.exclude:
        if _under(rel, folder_rel):
            return f"{name} keeps templates or build output in {folder_rel}/"
    if is_dir:
        # A folder on the way to a content root is walked; one beside them is not.
        inside = any(_under(rel, c) or _under(c, rel) for c in layout.content)
    else:
        inside = any(_under(rel, c) for c in layout.content)
    if not inside:
        roots = ", ".join(f"{c}/" if c else "the project root" for c in layout.content)
        return f"outside {name}'s content ({roots})"
    return None


def _in_content(folder: str) -> bool:
    """Whether `folder` lies inside a content root of a detected project."""
    name, root = detect_project(folder)
    if name == "none" or not root:
        return False
    rel = os.path.relpath(folder, root).replace(os.sep, "/")
    return any(c and _under(rel, c) for c in LAYOUTS[name].content)


def article_kind(path: str, generator: str) -> str:
    """`post` (a dated article), `page`, or `section` (a list page such as Hugo's and Zola's
    `_index.md`), from where the file sits in its project."""
    if os.path.basename(path) == "_index.md":
        return "section"
    found, root = detect_project(os.path.dirname(os.path.abspath(path)))
    name = generator if generator != "none" else found
    if name == "none" or not root:
        return "post"
    rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    layout = LAYOUTS.get(name, LAYOUTS["none"])
    return "post" if any(_under(rel, p) for p in layout.posts) else "page"
