"""Hostile inputs: each gets a located one-line finding, the run goes on, nothing is lost.

Every case is checked through the real command line; `fix --write` must leave every file it
cannot trust byte for byte as it was.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from artlint.api import fix_text
from cli_runner import invoke

FRONT = "---\ntitle: t\ndate: 2024-01-01\n---\n"

CASES: dict[str, tuple[bytes, str]] = {
    # name: (file content, text expected in the one finding line about it)
    "gbk.md": (
        (FRONT + "这是一篇用国标码保存的新闻文章，" * 30).encode("gb18030"),
        "AL001 error: not valid UTF-8 (byte 0x",
    ),
    "binary.md": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "AL001 error: binary file (contains NUL bytes)",
    ),
    "nul.md": (
        (FRONT + "text\x00more\n").encode(),
        "AL001 error: binary file (contains NUL bytes)",
    ),
    "utf16.md": ((FRONT + "正文\n").encode("utf-16"), "AL001 error: not valid UTF-8: it is UTF-16"),
    "empty.md": (b"", "AL401 warning: No front matter"),
    "open.md": (
        b"---\ntitle: never closed\n\nBody <!-- x -->\n",
        "AL002 error: front matter opened",
    ),
    "yaml.md": (b"---\ntitle: a: b\n---\n", "AL002 error: invalid YAML front matter"),
    "list.md": (b"---\n- a\n---\n", "AL002 error: front matter is a YAML list"),
    "control.md": (b'---\ntitle: "a\x07b"\n---\n', "AL002 error: invalid YAML front matter"),
    "tabs.md": (b"---\ntitle: t\ntags:\n\t- a\n---\n", "does not allow tabs here"),
    "dupe.md": (FRONT.replace("title: t", "title: a\ntitle: b").encode(), "AL405"),
    "laughs.md": (
        (
            "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "---\n"
        ).encode(),
        "AL002 error: front matter uses 72 YAML aliases; artlint refuses more than 64",
    ),
    "toml.md": (b'+++\ntitle = "x\n+++\n', "AL002 error: invalid TOML front matter"),
    "json.md": (b';;;\n"title": x\n;;;\n', "AL002 error: invalid JSON front matter"),
    "unclosed.md": ((FRONT + "<p>a</p>\n<!-- hides\n<p>b</p>\n").encode(), "AL105"),
    "cr.md": (
        b"---\rtitle: t\r---\r<!-- x -->\r",
        "AL001 error: lines end with CR alone (old Mac OS)",
    ),
    "nested.md": ((FRONT + "<div>" * 20000 + "x" + "</div>" * 20000 + "\n").encode(), ""),
    "quotes.md": ((FRONT + ">" * 5000 + " deep\n").encode(), ""),
    "name with spaces 中文.md": ((FRONT + "<!-- 广告 -->\n").encode(), "AL101"),
    "big.md": (b"", "AL001 error: file is 17 MB; artlint reads articles up to 16 MB"),
    # D2: one front matter must not abort the run.
    "deep.md": (
        (';;;\n"a": ' + "[" * 100_000 + "]" * 100_000 + "\n;;;\nx\n").encode(),
        "AL002 error: JSON front matter refused: nested too deeply",
    ),
    "deep-toml.md": (
        ("+++\na = " + "[" * 100_000 + "]" * 100_000 + "\n+++\nx\n").encode(),
        "AL002 error: TOML front matter refused: nested too deeply",
    ),
    "digits.md": (
        ("+++\nn = " + "9" * 5000 + "\n+++\nx\n").encode(),
        "AL002 error: TOML front matter refused: a number too long to read",
    ),
    "surrogate.md": (
        b';;;\n"title": "\\ud83d"\n;;;\nx\n',
        "AL002 error: JSON front matter holds half",
    ),
    # D1: within the alias limit, 32 levels of `&aN [*aN-1, *aN-1]` stand for 2**33 values,
    # and a title AL206 rewrites made the fixer compare them all.
    "alias-tree.md": (
        (
            '---\ntitle: "A &#8211; B"\na0: &a0 [x, y]\n'
            + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 33))
            + "---\nx\n"
        ).encode(),
        "AL002 error: invalid YAML front matter: its aliases refer to themselves or expand to more",
    ),
    "alias-cycle.md": (
        b'---\ntitle: "A &#8211; B"\na: &a [x, *a]\nb: &b {k: [*b]}\n---\nx\n',
        "AL002 error: invalid YAML front matter: its aliases refer to themselves",
    ),
    # D14: rules that crashed on these.
    "overflow.md": (
        b"---\ntitle: x\ndate: Fri, 99999999999999999999 Apr 2024 08:30:00 GMT\n---\nx\n",
        "AL403",
    ),
    "unclosed-wrapper.md": (
        b'---\ntitle: x\ndate: 2022-01-01\nthumbnail: a.jpg\n---\n<div><a><img src="a.jpg"></a>\n',
        "",
    ),
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    for name, (content, _) in CASES.items():
        (tmp_path / name).write_bytes(content)
    with open(tmp_path / "big.md", "wb") as fh:  # sparse: 17 MB without writing them
        fh.truncate(17 * 1024 * 1024)
    odd = os.fsdecode(b"odd-\xff-name.md")
    (tmp_path / odd).write_bytes((FRONT + "<!-- 广告 -->\n").encode())
    return tmp_path


def test_every_hostile_input_gets_its_finding(hostile: Path) -> None:
    result = invoke(["check", str(hostile), "--jobs", "1", "--no-cache"])
    out = result.output
    assert result.exit_code == 1, out
    assert "Traceback" not in out
    lines = out.splitlines()
    for name, (_, expected) in CASES.items():
        mine = [x for x in lines if x.startswith(str(hostile / name) + ":")]
        if expected:
            assert any(expected in x for x in mine), (name, mine)
    assert any("odd-\\xff-name.md:5:1: AL101" in x for x in lines)
    assert lines[-1].startswith("Found ")


def test_fix_write_leaves_untrusted_files_byte_identical(hostile: Path) -> None:
    untouched = [n for n in CASES if n not in ("name with spaces 中文.md", "big.md")]
    before = {n: (hostile / n).read_bytes() for n in untouched}
    result = invoke(["fix", str(hostile), "--write", "--jobs", "1", "--no-cache"])
    assert "Traceback" not in result.output
    for name in untouched:
        if name in ("unclosed.md", "nested.md", "quotes.md", "empty.md", "dupe.md"):
            continue  # readable and parsed: fixes may apply
        assert (hostile / name).read_bytes() == before[name], name
    assert "<!--" not in (hostile / "name with spaces 中文.md").read_text(encoding="utf-8")
    assert not list(hostile.glob(".artlint-*")), "a temporary file was left behind"


def test_symlink_out_of_the_tree_is_not_written(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(FRONT + "<!-- 广告 -->\n", encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.md").symlink_to(outside)
    result = invoke(["fix", str(tree), "--write", "--no-cache"])
    assert result.exit_code == 2
    assert "outside the checked tree" in result.output
    assert outside.read_text(encoding="utf-8") == FRONT + "<!-- 广告 -->\n"


def test_a_file_changed_since_it_was_read_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "a.md"
    post.write_text(FRONT + "<!-- 广告 -->\n", encoding="utf-8")
    from artlint.safe import writer

    real = writer.write_atomic

    def meddle(path: str, data: bytes, expected: bytes | None = None) -> None:
        Path(path).write_text("someone else's edit\n", encoding="utf-8")
        real(path, data, expected)

    monkeypatch.setattr("artlint.run.article.write_atomic", meddle)
    result = invoke(["fix", str(post), "--write", "--no-cache"])
    # Their version stays, and the report is about it (it has no front matter).
    assert post.read_text(encoding="utf-8") == "someone else's edit\n"
    assert "AL401 warning: No front matter" in result.output and result.exit_code == 1


def test_sigkill_mid_run_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    tree = tmp_path / "posts"
    tree.mkdir()
    old = FRONT + "".join(f"<p>Paragraph {i}.</p>\n<!-- ad {i} -->\n" for i in range(200))
    new = fix_text(old).document.text
    assert new != old
    for i in range(400):
        (tree / f"p{i:03d}.md").write_text(old, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "artlint", "fix", str(tree), "--write", "--jobs", "1", "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # wait until some, not all, files are rewritten
        done = sum((tree / f"p{i:03d}.md").read_text(encoding="utf-8") == new for i in range(400))
        if done >= 5:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    contents = {p.read_text(encoding="utf-8") for p in tree.glob("*.md")}
    assert contents <= {old, new}
    assert len(list(tree.glob("*.md"))) == 400


# --- D15: permissions and folders that cannot be read: said, never silence ----------------


def test_a_read_only_file_is_not_rewritten(tmp_path: Path) -> None:
    post = tmp_path / "ro.md"
    post.write_text(FRONT + "<p>a</p>\n<!-- 广告 -->\n", encoding="utf-8")
    post.chmod(0o444)
    result = invoke(["fix", "--write", "--no-cache", str(post)])
    assert "is read-only (mode 444); not written" in result.output
    assert "<!-- 广告 -->" in post.read_text(encoding="utf-8")


def test_a_file_of_another_user_is_not_given_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "theirs.md"
    post.write_text(FRONT + "<p>a</p>\n<!-- 广告 -->\n", encoding="utf-8")
    monkeypatch.setattr(os, "geteuid", lambda: post.stat().st_uid + 1)
    result = invoke(["fix", "--write", "--no-cache", str(post)])
    assert "belongs to another user; not written" in result.output
    assert "<!-- 广告 -->" in post.read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_read_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.md").write_text(FRONT + "Body.\n", encoding="utf-8")
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke(["check", "--no-cache", "--jobs", "1", str(tmp_path)])
    assert "locked:1:1: AL001 error: cannot read folder: permission denied" in result.output
    assert result.exit_code == 1


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    post = tmp_path / "a.md"
    post.write_text(FRONT + "<p>a</p>\n<!-- 广告 -->\n", encoding="utf-8")
    stale, fresh = tmp_path / ".artlint-old1.tmp", tmp_path / ".artlint-new1.tmp"
    stale.write_bytes(b"half"), fresh.write_bytes(b"half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    invoke(["fix", "--write", "--no-cache", str(post)])
    assert not stale.exists() and fresh.exists()  # a run going on now keeps its own


def test_findings_per_rule_and_file_are_capped() -> None:
    # D4: a file of one repeated entity made a finding (about 1.7 KB) per repetition.
    from artlint.api import check_text
    from artlint.engine.check import MAX_PER_RULE

    text = "<p>" + "&amp;nbsp;" * 2500 + "</p>\n"
    found = [d for d in check_text(text, provenance="imported") if d.code == "AL202"]
    assert len(found) == MAX_PER_RULE + 1
    assert found[-1].message.startswith("1500 more findings of AL202 in this file")
    fixed = fix_text(text, provenance="imported")
    assert "&amp;" not in fixed.document.text and not fixed.refusals


def test_a_long_list_without_aliases_is_not_an_alias_bomb() -> None:
    # The expansion limit is about aliases; 110,000 plain values are read as written.
    from artlint.api import check_text

    text = "---\ntitle: t\ndate: 2024-01-01\nids: [" + ",".join(["1"] * 110_000) + "]\n---\nx\n"
    assert "AL002" not in [d.code for d in check_text(text)]


def test_one_alias_beside_a_long_plain_list_is_not_an_expansion() -> None:
    # 120,000 values the text spells out (240 KB) and one harmless alias: what counts is what
    # the aliases add, not the size of the whole.
    from artlint.api import check_text

    text = "---\ntitle: t\nanchor: &a x\nref: *a\nlist: [" + ",".join("0" * 120_000) + "]\n---\nB\n"
    assert "AL002" not in [d.code for d in check_text(text)]
