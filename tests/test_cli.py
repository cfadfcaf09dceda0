"""The command line as users run it: outputs, JSON contract, exit codes, writes."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from artlint import __version__
from cli_runner import invoke

DIRTY = (
    "---\ntitle: 标题\ndate: 2024-01-01\n---\n"
    '<p style="color:red">文字</p>\n<!-- 正文下iframe -->\n'
)
FRONT = "---\ntitle: t\ndate: 2024-01-01\n---\n"
CLEAN = "---\ntitle: 标题\ndate: 2024-01-01\n---\n<p>文字</p>\n"


def run(*args: str) -> tuple[int, str]:
    result = invoke(args)
    return result.exit_code, result.output


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "dirty.md").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "posts" / "clean.markdown").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "posts" / "notes.txt").write_text(DIRTY, encoding="utf-8")
    for skipped in (".hidden", "node_modules"):
        (tmp_path / "posts" / skipped).mkdir()
        (tmp_path / "posts" / skipped / "x.md").write_text(DIRTY, encoding="utf-8")
    return tmp_path / "posts"


def test_check_text_output_and_exit_status(tree: Path) -> None:
    code, out = run("check", str(tree))
    assert code == 1
    d = tree / "dirty.md"
    assert out.splitlines() == [
        f'{d}:5:4: AL103 [*] warning: Inline `style="color:red"` on <p>',
        f"{d}:6:1: AL101 [*] warning: Leftover HTML comment `<!-- 正文下iframe -->`",
        "Found 2 problems in 1 file (2 fixable with 'artlint fix --write').",
    ]


def test_check_clean_exits_zero(tree: Path) -> None:
    assert run("check", str(tree / "clean.markdown")) == (0, "All checks passed (1 file).\n")


def test_json_contract(tree: Path) -> None:
    code, out = run("check", str(tree), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["version"] == __version__
    assert report["summary"] == {
        "files": 2,
        "files_with_problems": 1,
        "problems": 2,
        "fixable": 2,
        "unsafe_fixable": 0,
    }
    first = report["diagnostics"][0]
    raw = (tree / "dirty.md").read_bytes()
    assert first["path"] == os.path.join(str(tree), "dirty.md")
    assert (first["code"], first["name"], first["severity"]) == (
        "AL103",
        "style-attribute",
        "warning",
    )
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (5, 4, 5, 21)
    assert raw[first["start_offset"] : first["end_offset"]] == b'style="color:red"'
    (edit,) = first["fix"]["edits"]
    assert first["fix"]["applicability"] == "safe"
    assert raw[edit["start_offset"] : edit["end_offset"]] == b' style="color:red"'
    assert edit["replacement"] == ""


def test_fix_dry_run_shows_a_diff_and_writes_nothing(tree: Path) -> None:
    before = (tree / "dirty.md").read_bytes()
    code, out = run("fix", str(tree))
    assert code == 1
    assert "-<!-- 正文下iframe -->\n" in out and "+<p>文字</p>\n" in out
    assert out.rstrip().endswith("(run with --write to apply); none remaining.")
    assert (tree / "dirty.md").read_bytes() == before


def test_fix_write_applies_and_keeps_permissions(tree: Path) -> None:
    target = tree / "dirty.md"
    target.chmod(0o640)
    code, out = run("fix", str(tree), "--write")
    assert code == 0, out
    assert target.read_text(encoding="utf-8") == CLEAN
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tree.iterdir()) == [
        ".hidden",
        "clean.markdown",
        "dirty.md",
        "node_modules",
        "notes.txt",
    ]
    assert run("check", str(tree)) == (0, "All checks passed (2 files).\n")


def test_fix_write_leaves_unchanged_files_alone(tree: Path) -> None:
    clean = tree / "clean.markdown"
    os.utime(clean, (1_000_000_000, 1_000_000_000))
    run("fix", str(tree), "--write")
    assert clean.stat().st_mtime == 1_000_000_000


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    imported = FRONT.replace("\n---\n", "\nartlint-provenance: imported\n---\n")
    f.write_text(imported + '<p>a</p>\n<div style="display:none">promo</div>\n', encoding="utf-8")
    code, out = run("fix", str(f), "--write")
    assert code == 1 and "1 more fixable with '--unsafe-fixes'" in out
    assert run("fix", str(f), "--write", "--unsafe-fixes")[0] == 0
    assert f.read_text(encoding="utf-8") == imported + "<p>a</p>\n"  # the hidden block goes


def test_symlinked_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(DIRTY, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    run("fix", str(link), "--write")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == CLEAN


def test_bad_inputs_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-gbk.md").write_bytes("---\ntitle: 旧闻\n---\n正文".encode("gb18030"))
    (tmp_path / "b-binary.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c-yaml.md").write_text("---\ntitle: a: b\n---\n<!-- 广告 -->\n", encoding="utf-8")
    (tmp_path / "d-open.md").write_text("---\ntitle: x\n\nBody\n", encoding="utf-8")
    (tmp_path / "e-ok.md").write_text("<!-- 广告 -->\n", encoding="utf-8")
    unreadable = tmp_path / "f-perm.md"
    unreadable.write_text("x", encoding="utf-8")
    unreadable.chmod(0)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p != unreadable}
    code, out = run("check", str(tmp_path), str(tmp_path / "missing.md"))
    assert code == 1
    codes = [line.split()[1] for line in out.splitlines()[:-1]]
    lines = out.splitlines()
    assert "AL001" in lines[0] and "not valid UTF-8" in lines[0]
    assert "AL001" in lines[1] and "binary" in lines[1]
    assert codes.count("AL002") == 2 and codes.count("AL101") == 2
    if os.geteuid() != 0:  # root reads anything
        assert any("f-perm.md" in x and "cannot read" in x for x in lines)
    assert any("missing.md" in x and "no such file" in x for x in lines)
    code, out = run("fix", str(tmp_path), "--write")
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p != unreadable}
    assert after.pop("e-ok.md") == b""
    before.pop("e-ok.md")
    assert after == before, "a file that could not be parsed was written"


def test_rules_and_rule(tree: Path) -> None:
    code, out = run("rules")
    assert code == 0
    assert out.splitlines()[0].split() == ["code", "name", "severity", "fix", "summary"]
    assert any(line.startswith("AL101  leftover-comment") for line in out.splitlines())
    code, out = run("rule", "leftover-comment")
    assert code == 0 and out.startswith("AL101 leftover-comment\n") and "## Fix safety" in out
    assert run("rule", "AL101")[1] == out
    assert run("rule", "AL000")[0] == 2
    code, out = run("rule", "qr-promo-block")
    assert code == 0 and out.startswith("RSS101 qr-promo-block\n")
    # A pack rule's docs: its examples fenced, why it is junk in words of its own, and what
    # its first example looks like once the rule's fix has run.
    assert "## Example\n```html\n<p>正文。</p>\n<div" in out
    assert "## Why is this bad\nIt belongs to the page" in out
    assert "## Use instead\n```html\n<p>正文。</p>\n```" in out


def test_pack_rules_can_be_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = run("rules")[1]
    assert "RSS101" not in out and "artlint rules --all" in out
    out = run("rules", "--all")[1]
    assert 'pack rss-portal (not enabled: add packs = ["rss-portal"])' in out
    assert any(line.startswith("RSS101  qr-promo-block") for line in out.splitlines())
    (tmp_path / "artlint.toml").write_text('packs = ["rss-portal"]\n', encoding="utf-8")
    out = run("rules")[1]
    assert "pack rss-portal (enabled)" in out and "pack wordpress" not in out
    entries = json.loads(run("rules", "--format", "json")[1])
    assert {(e["code"], e["pack"], e["enabled"]) for e in entries if e["code"] == "RSS101"} == {
        ("RSS101", "rss-portal", True)
    }
    (tmp_path / "artlint.toml").unlink()
    (tmp_path / "a.md").write_text(
        "---\ntitle: t\ndate: 2024-01-01\n---\n<p>x</p><!-- news_keyword_pub,stock -->\n",
        encoding="utf-8",
    )
    out = run("check", "--packs", "rss-portal", "--no-cache", "a.md")[1]
    assert "a.md:5:9: RSS107" in out
    assert "unknown pack 'nope'" in invoke(["check", "--packs", "nope", "a.md"]).stderr
    result = invoke(["check", "--select", "RSS1", "."])
    assert result.exit_code == 2
    assert 'it is in the rss-portal pack, not enabled: add `packs = ["rss-portal"]`' in (
        result.stderr
    )


def test_usage_errors_exit_two() -> None:
    assert run("check", "--format", "xml", ".")[0] == 2
    assert run("frobnicate")[0] == 2


def test_python_dash_m_and_colour_only_on_request(tree: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "artlint", "check", str(tree / "dirty.md")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1 and "\x1b[" in proc.stdout
    env.pop("FORCE_COLOR")
    proc = subprocess.run(
        [sys.executable, "-m", "artlint", "check", str(tree / "dirty.md")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1 and "\x1b[" not in proc.stdout


@pytest.mark.parametrize(
    ("argv", "shows"),
    [
        (["-h"], "check"),
        (["--help"], "fix"),
        (["check", "-h"], "--no-cache"),
        (["fix", "--help"], "--unsafe-fixes"),
    ],
)
def test_help_with_h_or_help(argv: list[str], shows: str) -> None:
    result = invoke(argv)
    assert result.exit_code == 0 and "usage: artlint" in result.stdout and shows in result.stdout


def test_no_path_checks_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `artlint fix --write` as users are told to run it in a content repository.
    (tmp_path / "a.md").write_text(
        "---\ntitle: t\ndate: 2024-01-01\nartlint-provenance: imported\n---\n<p>a</p><!-- x -->\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "--no-cache")
    assert code == 1 and "a.md:6:9: AL101 [*]" in out
    assert run("fix", "--write", "--no-cache")[0] == 0
    assert "<!--" not in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_fail_level_decides_the_exit_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dup.md").write_text(  # AL302 is info
        "---\ntitle: a\ndate: 2020-01-01\nthumbnail: x.png\nheadimg: x.png\n---\nok\n",
        encoding="utf-8",
    )
    assert run("check", ".", "--no-cache")[0] == 1
    code, out = run("check", ".", "--no-cache", "--fail-level", "warning")
    assert code == 0 and "(1 below the fail level, warning)" in out
    (tmp_path / "artlint.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    for _ in range(2):  # the second run answers from the cache
        assert run("check", ".", "--jobs", "2")[0] == 0
    assert run("check", ".", "--no-cache", "--fail-level", "info")[0] == 1
    (tmp_path / "artlint.toml").write_text('fail-level = "loud"\n', encoding="utf-8")
    assert run("check", ".")[0] == 2


def test_short_flags_and_color(tree: Path) -> None:
    target = str(tree / "posts" / "dirty.md")
    code, out = run("check", target, "-q", "-e", "--color", "always")
    assert code == 0 and "\x1b[" in out and "Found" not in out
    env_forced = run("check", target, "--color", "never")[1]
    assert "\x1b[" not in env_forced
    code, _ = run("check", target, "-o", str(tree / "r.txt"))
    assert "dirty.md" in (tree / "r.txt").read_text(encoding="utf-8")


def test_completion_scripts(tmp_path: Path) -> None:
    code, bash = run("completion", "bash")
    assert code == 0 and "complete -o filenames -F _artlint artlint" in bash
    (tmp_path / "c.bash").write_text(bash, encoding="utf-8")

    def complete(*words: str) -> list[str]:
        probe = (
            f"source {tmp_path / 'c.bash'}; COMP_WORDS=(artlint {' '.join(words)});"
            f" COMP_CWORD={len(words)}; _artlint; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        )
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert complete("ch") == ["check"]
    assert complete("check", "--fail-level", "w") == ["warning"]
    assert "--unsafe-fixes" in complete("fix", "--uns")
    assert run("completion", "zsh")[1].startswith("#compdef artlint")
    fish = run("completion", "fish")[1]
    assert "complete -c artlint -n '__fish_seen_subcommand_from check' -l fail-level" in fish


def test_fix_summary_says_why_it_fixes_more_than_check_counted(tmp_path: Path) -> None:
    # Removing the comment leaves an empty <p>, which only the second round finds and removes.
    f = tmp_path / "a.md"
    imported = FRONT.replace("\n---\n", "\nartlint-provenance: imported\n---\n")
    f.write_text(imported + "<p>a</p>\n<p><!-- ad --></p>\n", encoding="utf-8")
    check = run("check", str(f))[1].splitlines()[-1]
    assert check == "Found 1 problem in 1 file (1 fixable with 'artlint fix --write')."
    lines = run("fix", str(f))[1].splitlines()
    assert lines[-2:] == [
        "Would fix 2 problems in 1 file (run with --write to apply); none remaining.",
        "(check counts 1 fixable in these files as they are: a fix can make another needless"
        " or reveal a new finding, fixed in a later round.)",
    ]


def test_fix_summary_says_nothing_more_when_the_counts_agree(tree: Path) -> None:
    out = run("fix", str(tree))[1]
    assert "check counts" not in out


def test_every_flag_in_the_readme_convention_table_exists() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Coming from ruff", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    helps = run("check", "--help")[1] + run("fix", "--help")[1]
    flags = set()
    for row in table.splitlines()[2:]:
        artlint_column = row.split(" | ")[-1]
        if "artlint-disable" in artlint_column:
            continue  # comment forms, not flags
        flags |= set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", artlint_column))
    assert {"--write", "-w", "--fail-level", "--packs", "--force-exclude"} <= flags
    assert sorted(f for f in flags if f not in helps) == []
