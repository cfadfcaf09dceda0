"""Configuration: discovery, precedence, inheritance, every key, every error."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from artlint.model.diagnostics import Severity
from artlint.run.config import ConfigError, Overrides, Resolver
from cli_runner import invoke

ARTICLE = "---\ntitle: t\ndate: 2024-01-01\n---\n<p style='x'>a&#8217;b</p>\n<!-- 广告 -->\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(path: Path, overrides: Overrides | None = None) -> list[str]:
    settings = Resolver(overrides).settings_for(str(path))
    return [c.rule.code for c in settings.rules_for(str(path))]


def test_defaults_without_any_file(tmp_path: Path) -> None:
    post = write(tmp_path / "a.md", ARTICLE)
    settings = Resolver().settings_for(str(post))
    assert settings.sources == ()
    assert "AL101" in codes(post) and "AL999" not in codes(post)


def test_nearest_file_wins_and_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", 'select = ["AL1"]\n')
    write(tmp_path / "blog" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "blog" / "posts" / ".artlint.toml", 'select = ["AL2"]\n')
    near = write(tmp_path / "blog" / "posts" / "a.md", ARTICLE)
    far = write(tmp_path / "blog" / "b.md", ARTICLE)
    assert all(c.startswith("AL2") for c in codes(near))
    assert all(c.startswith("AL1") for c in codes(far))


def test_pyproject_table_and_extend(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # one repository: site/ may extend a file at its top
    write(tmp_path / "base.toml", 'select = ["AL1"]\nextend-select = ["AL205"]\n')
    write(
        tmp_path / "site" / "pyproject.toml",
        '[tool.artlint]\nextend = "../base.toml"\nignore = ["AL103"]\n'
        'extend-select = ["needless-entity", "AL206"]\n',
    )
    post = write(tmp_path / "site" / "a.md", ARTICLE)
    assert codes(post) == [
        *("AL101", "AL102", "AL104", "AL105", "AL106", "AL107", "AL108", "AL109", "AL110", "AL111"),
        *("AL205", "AL206"),
    ]
    settings = Resolver().settings_for(str(post))
    assert [Path(s).name for s in settings.sources] == ["pyproject.toml", "base.toml"]


def test_command_line_over_files_and_isolated(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", 'select = ["AL1"]\n')
    post = write(tmp_path / "a.md", ARTICLE)
    assert codes(post, Overrides(select=("AL205",))) == ["AL205"]
    assert codes(post, Overrides(ignore=("AL101",))) == [
        *("AL102", "AL103", "AL104", "AL105", "AL106", "AL107", "AL108", "AL109", "AL110", "AL111")
    ]
    assert "AL401" in codes(post, Overrides(isolated=True))
    other = write(tmp_path / "other.toml", 'select = ["AL3"]\n')
    assert codes(post, Overrides(config_file=str(other))) == [
        *("AL301", "AL302", "AL303", "AL304", "AL305", "AL306")
    ]


def test_per_file_ignores_severity_and_options(tmp_path: Path) -> None:
    write(
        tmp_path / "artlint.toml",
        '[per-file-ignores]\n"drafts/**" = ["AL1", "needless-entity"]\n'
        '[severity]\nAL404 = "info"\n'
        '[rules.leftover-comment]\nkeep = ["c"]\n'
        "[metadata]\nrequired = ['title', 'tags']\n",
    )
    draft = write(tmp_path / "drafts" / "x" / "a.md", ARTICLE)
    post = write(tmp_path / "a.md", ARTICLE)
    assert not {"AL101", "AL103", "AL205"} & set(codes(draft))
    assert {"AL101", "AL103", "AL205"} <= set(codes(post))
    settings = Resolver().settings_for(str(post))
    by_code = {c.rule.code: c for c in settings.rules}
    assert by_code["AL404"].severity is Severity.INFO
    assert by_code["AL101"].options.keep == ("c",)
    assert by_code["AL401"].options.required == ("title", "tags")
    assert by_code["AL402"].options.required == ("title", "tags")


def test_required_pages_reach_empty_field_too(tmp_path: Path) -> None:
    # AL402 documents `[metadata] required-pages` as required keys it checks when empty.
    write(tmp_path / "artlint.toml", "[metadata]\nrequired-pages = ['description']\n")
    page = write(tmp_path / "about.md", "---\ntitle: About\ndescription: ''\n---\nText.\n")
    out = invoke(["check", "--no-cache", "--select", "AL402", str(page)]).output
    assert "AL402 warning: `description` is empty" in out


def test_exclude_and_gitignore_in_a_run(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", 'extend-exclude = ["drafts/"]\n')
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "public/\n*.tmp.md\n")
    for name in ("a.md", "drafts/b.md", "public/c.md", "d.tmp.md"):
        write(tmp_path / name, ARTICLE)
    out = invoke(["check", str(tmp_path), "--select", "AL101"]).output
    assert "a.md" in out and "b.md" not in out and "c.md" not in out and "d.tmp" not in out
    out = invoke(["check", str(tmp_path), "--select", "AL101", "--no-respect-gitignore"]).output
    assert "c.md" in out and "d.tmp.md" in out and "b.md" not in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["AL1"]', "unknown key 'selct' (expected one of:"),
        ('select = ["AL000"]', "select: unknown rule or prefix 'AL000'"),
        ('select = "AL1"', "select: expected a list of strings"),
        ('[severity]\nAL101 = "loud"', "severity.AL101: expected one of error, warning, info"),
        ("[rules.nope]\nx = 1", "rules.nope: unknown rule"),
        ("[rules.leftover-comment]\nkep = []", "unknown option 'kep' (options: keep)"),
        ('[rules.leftover-comment]\nkeep = "x"', "rules.leftover-comment.keep: expected a list"),
        ('[rules.needless-entity]\nnamed = "yes"', "named: expected true or false"),
        ('extend = "missing.toml"', "extend:"),
        ("unsafe-fixes = 1", "unsafe-fixes: expected true or false"),
        ("[metadata]\nrequire = []", "metadata: expected a table with keys: required"),
        ("select = [", "invalid TOML"),
        ('[metadata]\nschema = "missing.json"', "metadata.schema: cannot read a JSON schema"),
        ("[metadata]\nschema = 3", "metadata.schema: expected a path string"),
        ('[rules.leftover-comment]\nkeep = ["("]', "keep: bad regular expression '('"),
        ('select = [""]', "select: an empty rule selector selects nothing"),
        ('extend-exclude = ["[abc"]', "extend-exclude: bad glob '[abc': `[` is never closed"),
        ('exclude = ["x[y"]', "exclude: bad glob 'x[y'"),
        ('[tool.artlint]\nselect = ["AL1"]', "the settings go at the top level, without [tool"),
        ('[rules.schema-violation]\ndigest = "x"', "unknown option 'digest' (options: none)"),
    ],
)
def test_errors_name_file_key_and_expectation(tmp_path: Path, text: str, message: str) -> None:
    config = write(tmp_path / "artlint.toml", text + "\n")
    post = write(tmp_path / "a.md", ARTICLE)
    with pytest.raises(ConfigError) as info:
        Resolver().settings_for(str(post))
    assert str(info.value).startswith(str(config)) and message in str(info.value)
    result = invoke(["check", str(post)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_circular_extend(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", 'extend = "b.toml"\n')
    write(tmp_path / "b.toml", 'extend = "artlint.toml"\n')
    with pytest.raises(ConfigError, match="circular"):
        Resolver().settings_for(str(write(tmp_path / "a.md", ARTICLE)))


def test_config_command_prints_toml_that_reads_back_the_same(tmp_path: Path) -> None:
    write(
        tmp_path / "artlint.toml",
        'packs = ["rss-portal"]\noutput-format = "concise"\nignore = ["AL107"]\n'
        '[severity]\nAL404 = "info"\n[rules.leftover-comment]\nkeep = ["keep \\\\d+"]\n'
        '[per-file-ignores]\n"drafts/*" = ["AL101"]\n',
    )
    post = write(tmp_path / "a.md", ARTICLE)
    out = invoke(["config", str(post)]).output
    assert f"# from {tmp_path / 'artlint.toml'}" in out
    table = tomllib.loads(out)
    assert table["severity"] == {"AL404": "info"} and table["packs"] == ["rss-portal"]
    assert "AL107" not in table["select"] and "RSS101" in table["select"]
    assert table["rules"]["leftover-comment"]["keep"] == ["keep \\d+"]
    assert table["output-format"] == "concise"
    assert "digest" not in out and "schema-violation" not in table["rules"]
    # Pasted back as the whole configuration, it gives the same settings.
    again = write(tmp_path / "again" / "artlint.toml", out)
    out2 = invoke(["config", str(write(again.parent / "a.md", ARTICLE))]).output
    assert tomllib.loads(out2) == table
    as_json = json.loads(invoke(["config", str(post), "--format", "json"]).output)
    assert as_json["sources"] == [str(tmp_path / "artlint.toml")]
    assert as_json["severity"] == table["severity"]


def test_metadata_schema_is_resolved_from_the_config_folder(tmp_path: Path) -> None:
    write(tmp_path / "schemas" / "post.json", '{"type": "object", "required": ["tags"]}')
    write(tmp_path / "artlint.toml", '[metadata]\nschema = "schemas/post.json"\n')
    post = write(tmp_path / "posts" / "a.md", ARTICLE)
    out = invoke(["check", str(post), "--select", "AL407"]).output
    assert "AL407 error: 'tags' is a required property" in out
    write(tmp_path / "schemas" / "post.json", '{"type": 12}')
    result = invoke(["check", str(post)])
    assert result.exit_code == 2 and "is not a valid JSON Schema" in result.output


def test_generator_detected_and_hexo_reads_tabs_as_spaces(tmp_path: Path) -> None:
    write(tmp_path / "_config.yml", "title: blog\n")
    (tmp_path / "scaffolds").mkdir()
    post = write(tmp_path / "source" / "_posts" / "a.md", "---\ntitle: t\ntags:\n\t- a\n---\nx\n")
    settings = Resolver().settings_for(str(post))
    assert settings.generator_for(str(post)) == "hexo"
    out = invoke(["check", str(post), "--select", "AL002"]).output
    assert "AL002" not in out
    write(tmp_path / "artlint.toml", 'generator = "jekyll"\n')
    out = invoke(["check", str(post), "--select", "AL002"]).output
    assert "AL002" in out and "does not allow tabs" in out
    write(tmp_path / "artlint.toml", 'generator = "gatsby"\n')
    with pytest.raises(ConfigError, match="generator: expected one of hexo, hugo, jekyll, zola"):
        Resolver().settings_for(str(post))


def test_a_pyproject_whose_tool_is_not_a_table_is_no_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", 'tool = "x"\n')
    post = write(tmp_path / "a.md", ARTICLE)
    assert Resolver().settings_for(str(post)).sources == ()


def test_gitignore_the_deepest_file_decides_and_works_outside_a_repo(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / ".gitignore", "*.md\n")
    write(repo / "sub" / ".gitignore", "!keep.md\n")
    write(repo / "sub" / "keep.md", ARTICLE)
    write(repo / "sub" / "drop.md", ARTICLE)
    out = invoke(["check", str(repo), "--select", "AL101"]).output
    assert "keep.md" in out and "drop.md" not in out
    plain = tmp_path / "plain"
    write(plain / ".gitignore", "drafts/\n*.tmp.md\n")
    write(plain / "posts" / "drafts" / "b.md", ARTICLE)
    write(plain / "posts" / "c.tmp.md", ARTICLE)
    write(plain / "posts" / "a.md", ARTICLE)
    out = invoke(["check", str(plain), "--select", "AL101"]).output
    assert "a.md" in out and "b.md" not in out and "c.tmp.md" not in out


def test_force_exclude_applies_to_named_files(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", 'exclude = ["drafts/"]\n')
    draft = write(tmp_path / "drafts" / "d.md", ARTICLE)
    assert "AL101" in invoke(["check", str(draft)]).output
    forced = invoke(["check", str(draft), "--force-exclude"])
    assert forced.exit_code == 0 and "AL101" not in forced.output


def test_generator_is_detected_from_the_article_in_a_monorepo(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", "select = ['AL002']\n")
    blog = tmp_path / "blog"
    write(blog / "_config.yml", "title: blog\n")
    (blog / "scaffolds").mkdir()
    post = write(blog / "source" / "_posts" / "a.md", "---\ntitle: t\ntags:\n\t- a\n---\nx\n")
    assert Resolver().settings_for(str(post)).generator_for(str(post)) == "hexo"
    assert invoke(["check", str(post)]).exit_code == 0


def test_extended_paths_stay_relative_to_their_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "base" / "s.json", '{"required": ["tags"]}')
    write(tmp_path / "base" / "artlint.toml", '[metadata]\nschema = "s.json"\n')
    write(tmp_path / "site" / "artlint.toml", 'extend = "../base/artlint.toml"\n')
    post = write(tmp_path / "site" / "a.md", ARTICLE)
    out = invoke(["check", str(post), "--select", "AL407"]).output
    assert "'tags' is a required property" in out


def test_a_pyproject_without_a_table_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint.run import config_files

    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    posts = [write(tmp_path / f"d{i}" / "a.md", ARTICLE) for i in range(5)]
    reads: list[str] = []
    real = config_files.load_file

    def counted(path: str) -> dict[str, object] | None:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(config_files, "load_file", counted)
    resolver = Resolver()
    assert all(resolver.settings_for(str(p)).sources == () for p in posts)
    assert reads == [str(tmp_path / "pyproject.toml")]
