"""Every report format on one small tree: golden outputs, the SARIF schema, GitHub lines
parsed back, and the options that shape a report."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import jsonschema
import pytest

from artlint.report import REPORTERS
from artlint.run.config import OUTPUT_FORMATS
from cli_runner import invoke

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden" / "formats"
ARTICLE = (
    "---\ntitle: 夜间公交\ndate: Fri, 12 Apr 2024 08:30:00 GMT\n---\n"
    '<p style="color:red">文字&#8217;s</p>\n<!-- 正文下iframe -->\n'
    '<div style="display:none">promo</div>\n'
)
CLEAN = "---\ntitle: t\ndate: 2024-01-01\n---\n<p>ok</p>\n"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = invoke(args, input=stdin)
    return result.exit_code, result.output


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a b.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "posts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_formats_known_to_config_are_the_registry() -> None:
    assert tuple(REPORTERS) == OUTPUT_FORMATS


def render(fmt: str) -> str:
    code, out = run("check", "posts", "--format", fmt)
    assert code == 1
    out = re.sub(r'"version": "[^"]+"', '"version": "X"', out)
    if fmt == "sarif":  # the rules' documentation is tested on its own; keep the golden small
        log = json.loads(out)
        for rule in log["runs"][0]["tool"]["driver"]["rules"]:
            rule["help"] = rule["fullDescription"] = {"text": "..."}
        out = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    return out


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_golden(tree: Path, fmt: str) -> None:
    out = render(fmt)
    golden = GOLDEN / f"check.{fmt}"
    if os.environ.get("ARTLINT_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_sarif_is_valid_sarif_2_1_0(tree: Path) -> None:
    # tests/data/sarif-2.1.0-rtm.5.json: the OASIS SARIF 2.1.0 schema, as shipped in the npm
    # package @microsoft/jest-sarif 1.0.0-beta.0 (lib/schemas/); upstream
    # https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json
    schema = json.loads((DATA / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    log = json.loads(run("check", "posts", "--format", "sarif")[1])
    jsonschema.Draft4Validator(schema).validate(log)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
    fix = next(r for r in run_["results"] if r["ruleId"] == "AL101")["fixes"][0]
    raw = (tree / "posts" / "a b.md").read_bytes()
    (change,) = fix["artifactChanges"]
    (rep,) = change["replacements"]
    region = rep["deletedRegion"]
    assert raw[region["byteOffset"] : region["byteOffset"] + region["byteLength"]] == (
        "<!-- 正文下iframe -->\n".encode()
    )
    assert change["artifactLocation"]["uri"] == "posts/a%20b.md"


def test_github_lines_parse_back(tree: Path) -> None:
    pattern = re.compile(
        r"::(error|warning|notice) file=(?P<file>[^,]+),line=(\d+),col=(\d+),"
        r"endLine=(\d+),endColumn=(\d+),title=(?P<title>[^:]+)::(?P<msg>.*)"
    )
    lines = run("check", "posts", "--format", "github")[1].splitlines()
    assert lines and all(pattern.fullmatch(x) for x in lines)
    first = pattern.fullmatch(lines[0])
    assert first is not None and first["file"] == "posts/a b.md"


def test_gitlab_fingerprints_are_stable_and_unique(tree: Path) -> None:
    first = json.loads(run("check", "posts", "--format", "gitlab")[1])
    post = tree / "posts" / "a b.md"
    post.write_text(ARTICLE.replace("---\n<p", "---\n\n\n<p"), encoding="utf-8")
    second = json.loads(run("check", "posts", "--format", "gitlab")[1])
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints)
    assert prints == [i["fingerprint"] for i in second]
    assert [i["location"]["lines"]["begin"] for i in first] != [
        i["location"]["lines"]["begin"] for i in second
    ]


def test_json_lines_streams_one_object_per_line(tree: Path) -> None:
    lines = run("check", "posts", "--format", "json-lines")[1].splitlines()
    assert [json.loads(x)["code"] for x in lines] == ["AL404", "AL103", "AL205", "AL101", "AL103"]


def test_statistics_quiet_exit_zero_and_output_file(tree: Path) -> None:
    code, out = run("check", "posts", "--statistics")
    assert code == 1 and out.splitlines()[0].split() == ["2", "AL103", "[-]", "style-attribute"]
    code, out = run("check", "posts", "--quiet")
    assert code == 1 and "Found" not in out and out.count("AL10") == 3
    assert run("check", "posts", "--exit-zero")[0] == 0
    code, out = run("check", "posts", "--format", "json", "--output-file", "report.json")
    assert code == 1 and out == ""
    assert json.loads((tree / "report.json").read_text(encoding="utf-8"))["summary"]["files"] == 2


def test_statistics_as_json_and_json_lines(tree: Path) -> None:
    code, out = run("check", "posts", "--statistics", "--output-format", "json")
    rows = json.loads(out)
    assert code == 1 and rows[0] == {
        "code": "AL103",
        "name": "style-attribute",
        "count": 2,
        "fixable": 1,
    }
    problems = json.loads(run("check", "posts", "--format", "json")[1])["summary"]["problems"]
    assert sum(r["count"] for r in rows) == problems
    lines = run("check", "posts", "--statistics", "--format", "json-lines")[1].splitlines()
    assert [json.loads(x) for x in lines] == rows


def test_show_source_and_show_fixes(tree: Path) -> None:
    out = run("check", "posts/a b.md", "--show-source", "--show-fixes", "--select", "AL103")[1]
    assert '    5 | <p style="color:red">文字&#8217;s</p>\n' in out
    assert "      |    ^^^^^^^^^^^^^^^^^\n" in out
    assert "fix (safe): Remove the style attribute" in out and "- ' style=\"color:red\"'" in out


def test_stdin(tree: Path) -> None:
    code, out = run("check", "-", "--stdin-filename", "posts/x.md", stdin=ARTICLE)
    assert code == 1 and out.startswith("posts/x.md:3:7: AL404")
    result = invoke(["fix", "-", "--select", "AL101"], input=ARTICLE)
    assert result.stdout == ARTICLE.replace("<!-- 正文下iframe -->\n", "")
    assert "Fixed 1 problem" in result.stderr


def test_exit_non_zero_on_fix(tree: Path) -> None:
    args = ["fix", "posts", "--write", "--select", "AL101"]
    assert run(*args, "--exit-non-zero-on-fix")[0] == 1
    assert run(*args, "--exit-non-zero-on-fix")[0] == 0  # nothing left to change


def test_output_format_from_config(tree: Path) -> None:
    (tree / "artlint.toml").write_text('output-format = "concise"\n', encoding="utf-8")
    code, out = run("check", "posts")
    assert code == 1 and "Found" not in out


def test_rules_as_json() -> None:
    entries = json.loads(run("rules", "--format", "json")[1])
    assert entries[0]["code"] == "AL001" and "## What it does" in entries[0]["documentation"]


def test_no_progress_bar_off_a_terminal(tree: Path) -> None:
    import subprocess

    for i in range(250):
        (tree / "posts" / f"n{i}.md").write_text(CLEAN, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "artlint", "check", "posts"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stderr == "" and "files/s" not in proc.stdout


def on_a_terminal(*args: str, stdout_too: bool = False) -> tuple[bytes, bytes]:
    """Run artlint with stderr (and stdout_too) on a pseudo-terminal 100 columns wide: what the
    terminal received, and what went to stdout's pipe otherwise."""
    import pty
    import subprocess

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "artlint", *args],
        stdout=secondary if stdout_too else subprocess.PIPE,
        stderr=secondary,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(secondary)
    seen = b""
    while True:  # read as it comes: a full terminal would block the run
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    piped = proc.stdout.read() if proc.stdout else b""
    proc.wait()
    return seen, piped


def screen(raw: bytes) -> list[str]:
    """What a terminal shows after `raw`: carriage returns, erase-to-end, colours dropped."""
    lines, col = [""], 0
    for token in re.split(r"(\r|\n|\x1b\[K)", re.sub(r"\x1b\[[0-9;]*m", "", raw.decode())):
        if token == "\r":
            col = 0
        elif token == "\n":
            lines.append("")
            col = 0
        elif token == "\x1b[K":
            lines[-1] = lines[-1][:col]
        else:
            lines[-1] = lines[-1][:col] + token + lines[-1][col + len(token) :]
            col += len(token)
    return lines


def test_progress_bar_on_a_terminal(tree: Path) -> None:
    for i in range(250):
        (tree / "posts" / f"n{i}.md").write_text(CLEAN, encoding="utf-8")
    seen, stdout = on_a_terminal("check", "posts", "--quiet")
    assert b"files/s" in seen and b"252/252" in seen
    assert b"files/s" not in stdout
    drawn = [x for x in re.split(rb"\r|\x1b\[K", seen) if x]
    assert drawn and all(len(x) < 100 and b"\n" not in x for x in drawn), drawn
    assert screen(seen) == [""], "the progress line is left on the screen"
    assert on_a_terminal("check", "posts", "--no-progress")[0] == b""
    assert on_a_terminal("check", "posts", "--format", "json")[0] == b""


def test_progress_line_gives_way_to_findings_on_a_shared_terminal(tree: Path) -> None:
    for i in range(250):
        (tree / "posts" / f"n{i}.md").write_text(CLEAN, encoding="utf-8")
    seen, _ = on_a_terminal("check", "posts", "--jobs", "1", stdout_too=True)
    assert b"files/s" in seen
    shown = screen(seen)
    findings = [x for x in shown if " AL" in x]
    assert len(findings) == 5 and all(x.startswith("posts/a b.md:") for x in findings), shown
    assert shown[-2] == (
        "Found 5 problems in 1 file "
        "(4 fixable with 'artlint fix --write', 1 more with '--unsafe-fixes')."
    )
    assert shown[-1] == ""
    assert not any("files/s" in x for x in shown)


def test_control_characters_do_not_break_reports(tree: Path) -> None:
    import xml.dom.minidom

    (tree / "posts" / "ctl.md").write_text(CLEAN + "<!-- google_ad \x01\x1b[31m red -->\n", "utf-8")
    out = run("check", "posts/ctl.md", "--format", "junit")[1]
    xml.dom.minidom.parseString(out)
    text = run("check", "posts/ctl.md")[1]
    assert "\x1b" not in text and "\\x1b" in text


def test_show_source_carets_line_up_under_wide_characters_and_tabs(tree: Path) -> None:
    (tree / "posts" / "w.md").write_text(CLEAN + "<p>中文\t全角<b style='x'>b</b></p>\n", "utf-8")
    out = run("check", "posts/w.md", "--show-source", "--select", "AL103")[1]
    lines = out.splitlines()
    code_line = next(x for x in lines if x.startswith("    6 | "))
    caret_line = lines[lines.index(code_line) + 1]
    # Columns: "<p>" 3 + 中文 4 = 7, the tab to 8, 全角 4 = 12, "<b " 3 = 15.
    assert caret_line == "      | " + " " * 15 + "^" * 9


def test_show_source_cuts_a_long_line_to_a_window_around_the_finding(tree: Path) -> None:
    body = "<p>正文正文</p>" * 300 + "<!-- google_ad -->" + "<p>x</p>" * 300
    (tree / "posts" / "long.md").write_text(CLEAN + body + "\n", "utf-8")
    out = run("check", "posts/long.md", "--show-source", "--select", "AL101")[1]
    lines = out.splitlines()
    code_line = next(x for x in lines if x.startswith("    6 | "))
    caret_line = lines[lines.index(code_line) + 1]
    assert len(code_line) < 200  # the line itself is 6,000 characters
    assert code_line.startswith("    6 | …") and code_line.endswith("…")
    shown = code_line[len("    6 | ") :]
    # 40 characters before the comment, after "…": `文正文</p>` (7 characters, 10 columns) and
    # three `<p>正文正文</p>` (11 characters, 15 columns each).
    assert shown.index("<!--") == 41
    assert caret_line == "      | " + " " * (1 + 10 + 3 * 15) + "^" * len("<!-- google_ad -->")
