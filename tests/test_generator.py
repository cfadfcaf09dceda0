"""Site generators: only articles are checked, never templates, and pages are not posts.

Trees rebuilt from the shapes of real Jekyll, Hexo and Hugo sites (a layout with a <style>
and comments, a theme, build output, scaffolds, a README), with placeholder text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from artlint.document.generator import article_kind, detect_project, outside_content
from artlint.run.builtin import RULES as BUILTIN_RULES
from cli_runner import invoke

LAYOUT = (
    "<!DOCTYPE html>\n<html><head><style>body { margin: 0 }</style>\n"
    "<!-- Google Analytics --></head><body>{{ content }}<span></span></body></html>\n"
)
POST = "---\ntitle: A post\ndate: 2024-01-02\n---\nBody <!-- wp:paragraph -->.\n"
UNDATED = "---\ntitle: A page\n---\nBody.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def jekyll(root: Path) -> Path:
    write(root / "_config.yml", "title: site\n")
    write(root / "Gemfile", "source 'https://rubygems.org'\n")
    write(root / "_layouts" / "default.html", LAYOUT)
    write(root / "_includes" / "head.html", "<!-- analytics -->\n<style>a{}</style>\n")
    write(root / "_site" / "index.html", LAYOUT)
    write(root / "_posts" / "2024-01-02-a.md", POST)
    write(root / "_posts" / "undated.md", UNDATED)
    write(root / "about.md", UNDATED)
    write(root / "README.md", "# The site\n\n<!-- badges -->\n")
    write(root / "notes.md", "No front matter: Jekyll copies this file as it is.\n")
    return root


def hexo(root: Path) -> Path:
    write(root / "_config.yml", "title: blog\n")
    write(root / "scaffolds" / "post.md", "---\ntitle: {{ title }}\ndate: {{ date }}\n---\n")
    write(root / "themes" / "t" / "layout" / "post.html", LAYOUT)
    write(root / "public" / "index.html", LAYOUT)
    write(root / "source" / "_posts" / "a.md", POST)
    write(root / "source" / "_posts" / "undated.md", UNDATED)
    write(root / "source" / "about" / "index.md", UNDATED)
    write(root / "source" / "_data" / "menu.md", "<!-- x -->\n")
    return root


def hugo(root: Path) -> Path:
    write(root / "hugo.toml", 'title = "site"\n')
    write(root / "layouts" / "_default" / "single.html", LAYOUT)
    write(root / "archetypes" / "default.md", "+++\ntitle = '{{ .Name }}'\n+++\n")
    write(root / "content" / "posts" / "a.md", POST)
    write(root / "content" / "posts" / "undated.md", UNDATED)
    write(root / "content" / "posts" / "_index.md", "---\ntitle: Posts\n---\n")
    write(root / "content" / "docs" / "install.md", UNDATED)
    return root


def checked(root: Path) -> dict[str, list[str]]:
    out = invoke(["check", "--no-cache", "--format", "concise", str(root)]).stdout
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        path, _, _, rest = line.split(":", 3)
        found.setdefault(str(Path(path).relative_to(root)), []).append(rest.split()[0])
    return found


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (jekyll, {"_posts/2024-01-02-a.md": ["AL101"], "_posts/undated.md": ["AL401"]}),
        (hexo, {"source/_posts/a.md": ["AL101"], "source/_posts/undated.md": ["AL401"]}),
        (hugo, {"content/posts/a.md": ["AL101"], "content/posts/undated.md": ["AL401"]}),
    ],
    ids=["jekyll", "hexo", "hugo"],
)
def test_only_articles_are_checked_and_pages_need_no_date(
    tmp_path: Path, make: object, expected: dict[str, list[str]]
) -> None:
    root = make(tmp_path / "site")  # type: ignore[operator]
    assert checked(root) == expected


@pytest.mark.parametrize(
    ("make", "post"),
    [
        (jekyll, "_posts/2024-01-02-a.md"),
        (hexo, "source/_posts/a.md"),
        (hugo, "content/posts/a.md"),
    ],
    ids=["jekyll", "hexo", "hugo"],
)
def test_fix_write_on_the_site_never_touches_templates(
    tmp_path: Path, make: object, post: str
) -> None:
    root = make(tmp_path / "site")  # type: ignore[operator]
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    invoke(["fix", "--write", "--unsafe-fixes", "--no-cache", str(root)])
    changed = [str(p.relative_to(root)) for p, b in before.items() if p.read_bytes() != b]
    assert changed == [post]


def test_a_staged_template_is_skipped_by_the_hooks(tmp_path: Path) -> None:
    # pre-commit names every staged file; the hooks pass --force-exclude.
    root = jekyll(tmp_path / "site")
    layout = root / "_layouts" / "default.html"
    before = layout.read_bytes()
    result = invoke(["fix", "--write", "--force-exclude", "--no-cache", str(layout)])
    assert result.exit_code == 0 and layout.read_bytes() == before
    named = invoke(["check", "--no-cache", str(root / "_includes" / "head.html")])
    assert "(1 file)" in named.output  # named without --force-exclude: checked as asked
    hooked = invoke(
        ["check", "--no-cache", "--force-exclude", str(root / "_includes" / "head.html")]
    )
    assert "(0 files)" in hooked.output


def test_project_detection_and_kinds(tmp_path: Path) -> None:
    root = hexo(tmp_path / "blog")
    assert detect_project(str(root / "source" / "_posts")) == ("hexo", str(root))
    assert article_kind(str(root / "source" / "_posts" / "a.md"), "hexo") == "post"
    assert article_kind(str(root / "source" / "about" / "index.md"), "hexo") == "page"
    assert article_kind(str(tmp_path / "x" / "_index.md"), "none") == "section"
    reason = outside_content(str(root / "themes" / "t"), True)
    assert reason == "hexo keeps templates or build output in themes/"
    assert outside_content(str(root / "source" / "_posts" / "a.md"), False) is None


def test_pages_can_be_asked_for_keys_too(tmp_path: Path) -> None:
    root = hexo(tmp_path / "blog")
    write(root / "source" / "about" / "index.md", "---\nlayout: page\n---\nAbout.\n")
    assert "source/about/index.md" not in checked(root)
    write(root / "artlint.toml", '[metadata]\nrequired-pages = ["title"]\n')
    assert checked(root)["source/about/index.md"] == ["AL401"]


@pytest.mark.parametrize(
    ("generator", "date", "codes"),
    [
        # Hexo blogs' dates that Node's Date reads (shapes from the calibration issue)
        ("hexo", "2020 04 10", ["AL404"]),
        ("hexo", "2020 04", ["AL404"]),
        ("hexo", "yesterday", ["AL403"]),
        ("hexo", "'2022-13-01'", ["AL403"]),
        # a Jekyll release post whose date Ruby's Time.parse reads
        ("jekyll", "2023-01-29 18:30:22 2023 -0800", ["AL404"]),
        ("jekyll", "2020 04 10", ["AL403"]),
        ("none", "2020 04 10", ["AL403"]),
    ],
)
def test_dates_are_judged_as_the_generator_reads_them(
    generator: str, date: str, codes: list[str]
) -> None:
    from artlint.document.article import Document
    from artlint.engine.check import check_document
    from artlint.run.builtin import default_rules

    text = f"---\ntitle: t\ndate: {date}\n---\nBody.\n"
    found = check_document(
        Document("a.md", text, generator=generator), default_rules(), known=BUILTIN_RULES
    )
    assert [d.code for d in found.diagnostics if d.code in ("AL403", "AL404")] == codes


def test_a_mapping_of_dates_is_a_date() -> None:
    from artlint.api import check_text

    text = "---\ntitle: t\ndate:\n  created: 2024-01-01\n  updated: 2024-02-01\n---\nBody.\n"
    assert [d.code for d in check_text(text) if d.code in ("AL403", "AL404")] == []


def test_explain_says_how_each_file_is_seen(tmp_path: Path) -> None:
    root = hexo(tmp_path / "blog")
    write(
        root / "source" / "_posts" / "feed.md", "---\ntitle: t\n---\n<div><p>a</p><p>b</p></div>\n"
    )
    result = invoke(["check", "--explain", str(root)])
    assert result.exit_code == 0
    lines = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in result.stdout.splitlines()}
    feed = lines[str(root / "source" / "_posts" / "feed.md")]
    assert feed == "imported (100% of the body is raw HTML (3 tags)); a hexo post"
    about = lines[str(root / "source" / "about" / "index.md")]
    assert about.startswith("authored (Markdown written by hand") and about.endswith("a hexo page")
    assert not any("themes" in name or "scaffolds" in name for name in lines)


def test_redirect_stubs_and_whole_html_pages_are_not_articles(tmp_path: Path) -> None:
    # A project blog's `releases/latest.md` redirect stub and a `.html` timing report that
    # sits beside the posts (shapes from the calibration issue, placeholder values).
    write(tmp_path / "posts" / "latest.md", '+++\nredirect = "/releases/1.2/"\n+++\n')
    write(
        tmp_path / "posts" / "timings.html",
        "<!DOCTYPE html>\n<html><head><style>td{}</style></head>"
        "<body><table></table></body></html>\n",
    )
    result = invoke(["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "All checks passed (1 file)" in result.output  # the stub only: the page is skipped


def test_every_generator_has_a_layout_and_only_those() -> None:
    from artlint.document.generator import GENERATORS, LAYOUTS, Generator

    assert set(LAYOUTS) == set(Generator) and tuple(g.value for g in Generator) == GENERATORS
