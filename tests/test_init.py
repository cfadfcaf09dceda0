"""`artlint init`: what it finds in a repository, what it writes, and what it never replaces."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from artlint.run.config import Resolver
from cli_runner import invoke

POST = (
    "---\ntitle: 'T{n}'\nauthor: 新浪财经\ncomments: false\ndate: 2022-02-08 08:00:05\n"
    "thumbnail: 'https://picsum.photos/400/300?random={n}'\n---\n\n<div>\n<p>正文。</p>\n"
    '<div class="clearfix appendQr_wrap"><img src="https://x.example/qr.png"></div>\n</div>\n'
)


def feed_repo(root: Path, count: int = 4) -> Path:
    for n in range(count):
        post = root / "source" / "_posts" / f"p{n}.md"
        post.parent.mkdir(parents=True, exist_ok=True)
        post.write_text(POST.format(n=n), encoding="utf-8")
    return root


def test_init_writes_what_it_found_and_check_reads_it(tmp_path: Path) -> None:
    root = feed_repo(tmp_path)
    result = invoke(["init", str(root)])
    assert result.exit_code == 0, result.output
    assert "pack rss-portal: its signs are in 4 article(s): suggested" in result.output
    written = (root / "artlint.toml").read_text(encoding="utf-8")
    table = tomllib.loads(written)
    assert table["packs"] == ["rss-portal"]
    # Switches (`comments: false`) and cover images are not required fields.
    assert table["metadata"]["required"] == ["author", "date", "title"]
    assert "# Fields at least 95% of the 4 articles already have:" in written
    settings = Resolver().settings_for(str(root / "source" / "_posts" / "p0.md"))
    assert any(c.rule.code == "RSS101" for c in settings.rules)


def test_init_never_replaces_a_configuration_without_force(tmp_path: Path) -> None:
    root = feed_repo(tmp_path)
    (root / "artlint.toml").write_text('select = ["AL1"]\n', encoding="utf-8")
    result = invoke(["init", str(root)])
    assert result.exit_code == 2 and "exists; run with --force" in result.stderr
    assert (root / "artlint.toml").read_text(encoding="utf-8") == 'select = ["AL1"]\n'
    assert invoke(["init", str(root), "--force"]).exit_code == 0
    assert "packs" in tomllib.loads((root / "artlint.toml").read_text(encoding="utf-8"))


def test_init_adds_a_tool_table_to_an_existing_pyproject(tmp_path: Path) -> None:
    root = feed_repo(tmp_path)
    (root / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    assert invoke(["init", str(root)]).exit_code == 0
    table = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert table["project"] == {"name": "site"}
    assert table["tool"]["artlint"]["packs"] == ["rss-portal"]
    assert table["tool"]["artlint"]["metadata"]["required"] == ["author", "date", "title"]
    assert not (root / "artlint.toml").exists()
    again = invoke(["init", str(root)])
    assert again.exit_code == 2 and "[tool.artlint] table" in again.stderr


def test_init_suggests_no_pack_from_a_few_mentions(tmp_path: Path) -> None:
    for n in range(40):
        page = tmp_path / "docs" / f"d{n}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        # One page pasted from WordPress; one that only writes about shortcodes, which no
        # rule takes for one.
        body = {0: "<!-- wp:paragraph -->\n<p>Old post.</p>\n", 1: "Use `[caption]`.\n"}
        head = "artlint-provenance: imported\n" if n == 0 else ""
        text = body.get(n, "Text.\n")
        page.write_text(f"---\ntitle: D{n}\n{head}---\n{text}", encoding="utf-8")
    result = invoke(["init", str(tmp_path)])
    assert "pack wordpress: its signs are in 1 article(s): too few to suggest" in result.output
    assert tomllib.loads((tmp_path / "artlint.toml").read_text(encoding="utf-8"))["packs"] == []


def test_init_of_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = invoke(["init", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "is not a folder" in result.stderr


HUGO_POST = "+++\ntitle = 'T{n}'\ndate = 2024-01-0{n}\ntags = ['a']\n+++\nText.\n"
JEKYLL_POST = "---\nlayout: post\ntitle: T{n}\ndate: 2024-01-0{n}\n---\nText.\n"
HEXO_POST = "---\ntitle: T{n}\ndate: 2024-01-0{n}\ncategories: [x]\n---\nText.\n"
SITES = {
    "hexo": (
        {"_config.yml": "title: blog\n", "scaffolds/post.md": "---\ntitle:\n---\n"},
        "source/_posts/p{n}.md",
        HEXO_POST,
        ["categories", "date", "title"],
    ),
    "hugo": (
        {"hugo.toml": "title = 'site'\n"},
        "content/posts/p{n}.md",
        HUGO_POST,
        ["date", "tags", "title"],
    ),
    "jekyll": (
        {"_config.yml": "title: blog\n", "Gemfile": "gem 'jekyll'\n"},
        "_posts/2024-01-0{n}-p.md",
        JEKYLL_POST,
        ["date", "layout", "title"],
    ),
}


@pytest.mark.parametrize("generator", sorted(SITES))
def test_init_on_each_generator_layout(tmp_path: Path, generator: str) -> None:
    files, post_path, post, required = SITES[generator]
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    for n in range(1, 6):
        path = tmp_path / post_path.format(n=n)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(post.format(n=n), encoding="utf-8")
    result = invoke(["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    table = tomllib.loads((tmp_path / "artlint.toml").read_text(encoding="utf-8"))
    assert table["generator"] == generator
    assert table["packs"] == []
    assert table["metadata"]["required"] == required
    assert invoke(["check", str(tmp_path), "--no-cache"]).exit_code == 0


def test_the_baseline_line_init_leaves_works_once_uncommented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = feed_repo(tmp_path)
    monkeypatch.chdir(root)
    assert invoke(["init"]).exit_code == 0
    written = invoke(["check", "--write-baseline", "--no-cache"])
    assert 'To use it, set baseline = "artlint-baseline.json" at the top' in written.output
    config = root / "artlint.toml"
    text = config.read_text(encoding="utf-8")
    assert '\n# baseline = "artlint-baseline.json"\n' in text
    config.write_text(text.replace("# baseline = ", "baseline = "), encoding="utf-8")
    result = invoke(["check", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "problems not shown: in artlint-baseline.json" in result.output
    again = invoke(["check", "--write-baseline", "--no-cache"])
    assert "To use it" not in again.output
