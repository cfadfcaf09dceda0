"""What an untrusted repository can make artlint do: its configuration and files arrive with
a pull request that CI checks, so none of them may read the machine, reach the network, write
outside the tree, forge report lines or hide findings through the cache.

One test per defect of the hostile-repos audit (D6, D7, D8, D9, D10, D11, D17, D18), each
the reproduction, minimised.
"""

from __future__ import annotations

import http.server
import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from artlint.run import cache as cache_module
from artlint.safe.regular import NotReadable, read_regular
from cli_runner import invoke

FM = "---\ntitle: x\ndate: 2022-01-01\n---\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def repo(tmp_path: Path, config: str, body: str = "Body.\n") -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "artlint.toml", config)
    write(root / "a.md", FM + body)
    return root


# --- D7: a schema's $ref reads nothing and requests nothing ---------------------------------


def test_d7_schema_ref_to_a_local_file_is_refused_and_never_echoed(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.json", '{"enum": ["TOPSECRET-VALUE"]}')
    root = repo(tmp_path, '[metadata]\nschema = "s.json"\n')
    write(root / "s.json", json.dumps({"properties": {"title": {"$ref": secret.as_uri()}}}))
    result = invoke(["check", str(root), "--no-cache"])
    assert result.exit_code == 2
    assert "points outside the schema file" in result.stderr
    assert "TOPSECRET" not in result.output


def test_d7_schema_ref_to_a_url_makes_no_request(tmp_path: Path) -> None:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"const": "leaked"}')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/s.json"
        root = repo(tmp_path, '[metadata]\nschema = "s.json"\n')
        write(root / "s.json", json.dumps({"properties": {"title": {"$ref": url}}}))
        result = invoke(["check", str(root), "--no-cache"])
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []
    assert result.exit_code == 2 and "points outside the schema file" in result.stderr


def test_d7_references_inside_the_schema_still_work(tmp_path: Path) -> None:
    root = repo(tmp_path, '[metadata]\nschema = "s.json"\n')
    write(
        root / "s.json",
        '{"$defs": {"t": {"type": "integer"}}, "properties": {"title": {"$ref": "#/$defs/t"}}}',
    )
    result = invoke(["check", str(root), "--no-cache", "--select", "AL407"])
    assert "AL407 error: title: 'x' is not of type 'integer'" in result.output


def test_d7_schema_outside_the_repository_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "outside.json", '{"required": ["title"]}')
    root = repo(tmp_path, '[metadata]\nschema = "../outside.json"\n')
    result = invoke(["check", str(root), "--no-cache"])
    assert result.exit_code == 2
    assert "metadata.schema" in result.stderr and "outside the project" in result.stderr


def test_d7_pack_yaml_errors_do_not_print_the_file(tmp_path: Path) -> None:
    root = repo(tmp_path, 'pack-paths = ["packs"]\npacks = ["p"]\n')
    write(root / "packs" / "p.yaml", "token: SECRET-LINE: with: colons\n")
    result = invoke(["check", str(root), "--no-cache"])
    assert result.exit_code == 2 and "invalid YAML" in result.stderr
    assert "SECRET-LINE" not in result.output


# --- D8: no config path can exhaust memory or block ---------------------------------------


@pytest.mark.parametrize(
    ("config", "reason"),
    [
        ('[metadata]\nschema = "zero"\n', "is outside the project"),
        ('extend = "/dev/stdin"\n', "is outside the project"),
        ('extend = "fifo"\n', "not a regular file (a pipe)"),
        ('[metadata]\nschema = "fifo"\n', "not a regular file (a pipe)"),
        ('[metadata]\nschema = "big.json"\n', "artlint reads such files up to 1 MB"),
    ],
)
def test_d8_config_files_must_be_small_regular_files(
    tmp_path: Path, config: str, reason: str
) -> None:
    root = repo(tmp_path, config)
    os.symlink("/dev/zero", root / "zero")
    os.mkfifo(root / "fifo")
    write(root / "big.json", "[" + "0," * 600_000 + "0]")
    result = invoke(["check", str(root), "--no-cache"])
    assert result.exit_code == 2 and reason in result.stderr


@pytest.mark.parametrize(("path", "reason"), [("/dev/zero", "a device"), ("/dev/null", "a device")])
def test_d8_devices_are_refused_before_any_read(path: str, reason: str) -> None:
    with pytest.raises(NotReadable, match=reason):
        read_regular(path, 1024)


def test_d8_a_config_named_on_the_command_line_may_not_be_a_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.toml")
    result = invoke(["check", "--config", str(tmp_path / "fifo.toml"), str(tmp_path)])
    assert result.exit_code == 2 and "--config: not a regular file" in result.stderr


def test_d8_a_gitignore_that_is_a_pipe_does_not_block(tmp_path: Path) -> None:
    root = repo(tmp_path, "")
    os.mkfifo(root / ".gitignore")
    assert invoke(["check", str(root), "--no-cache"]).exit_code == 0


# --- D10: the cache writes nowhere but its own folder ----------------------------------------


def test_d10_a_symlinked_cache_folder_is_not_used(tmp_path: Path) -> None:
    root = repo(tmp_path, "", "<!-- 广告 -->\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, root / ".artlint_cache")
    result = invoke(["check", str(root)])
    assert result.exit_code == 1 and "AL101" in result.output
    assert list(elsewhere.iterdir()) == []


def test_d10_a_dangling_gitignore_link_in_the_cache_is_not_followed(tmp_path: Path) -> None:
    root = repo(tmp_path, "", "<!-- 广告 -->\n")
    target = tmp_path / "created-by-artlint"
    (root / ".artlint_cache").mkdir()
    os.symlink(target, root / ".artlint_cache" / ".gitignore")
    os.symlink(tmp_path / "db", root / ".artlint_cache" / cache_module.DATABASE)
    assert invoke(["check", str(root)]).exit_code == 1
    assert not target.exists() and not (tmp_path / "db").exists()


# --- D11: a named symlink is not written through to outside the tree -----------------------


def test_d11_named_symlink_to_outside_is_not_written(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "victim.md", FM + "<!-- 广告 -->\nBody.\n")
    before = outside.read_bytes()
    (tmp_path / "sl").mkdir()
    os.symlink(outside, tmp_path / "sl" / "victim.md")
    result = invoke(["fix", "--write", "--no-cache", str(tmp_path / "sl" / "victim.md")])
    assert outside.read_bytes() == before
    assert "outside the checked tree" in result.output


def test_d11_named_symlink_beside_its_target_is_written(tmp_path: Path) -> None:
    real = write(tmp_path / "posts" / "real.md", FM + "<!-- 广告 -->\nBody.\n")
    os.symlink("real.md", tmp_path / "posts" / "alias.md")
    invoke(["fix", "--write", "--no-cache", str(tmp_path / "posts" / "alias.md")])
    assert real.read_text(encoding="utf-8") == FM + "Body.\n"
    assert (tmp_path / "posts" / "alias.md").is_symlink()


# --- D17: no report line can be forged, no escape sequence reaches the terminal ----------


def test_d17_file_names_with_newlines_and_escapes_are_escaped(tmp_path: Path) -> None:
    name = "a\nfake.md:1:1: AL000 forged\x1b[31m.md"
    write(tmp_path / name, FM + "<!-- 广告 -->\n")
    for fmt in ("text", "concise"):
        out = invoke(["check", "--no-cache", "--format", fmt, str(tmp_path)]).stdout
        assert "\x1b" not in out
        assert not any(line.startswith("fake.md") for line in out.splitlines())
        assert "a\\x0afake.md:1:1: AL000 forged\\x1b[31m.md" in out


def test_d17_front_matter_values_in_messages_are_escaped(tmp_path: Path) -> None:
    post = write(tmp_path / "a.md", '---\ntitle: x\ndate: "\\e[31mred\\nAL000 x"\n---\nB.\n')
    out = invoke(["check", "--no-cache", "--show-source", str(post)]).stdout
    assert "\x1b" not in out and "\\x1b[31mred\\x0aAL000 x" in out
    assert not any(line.startswith("AL000") for line in out.splitlines())


# --- D18: a planted or edited cache entry is a miss ----------------------------------------


def _rows(folder: Path) -> int:
    with sqlite3.connect(folder / cache_module.DATABASE) as db:
        count: int = db.execute("SELECT count(*) FROM entries").fetchone()[0]
    db.close()
    return count


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_d18_tampered_entries_do_not_hide_findings(tmp_path: Path, fmt: str) -> None:
    root = repo(tmp_path, "", "<!-- 广告 -->\n")
    args = ["check", "--format", fmt, str(root)]
    first = invoke(args)
    assert first.exit_code == 1 and _rows(root / ".artlint_cache") == 1
    with sqlite3.connect(root / ".artlint_cache" / cache_module.DATABASE) as db:
        db.execute("UPDATE entries SET findings = '[]', report = '', problems = 0")
    db.close()
    assert invoke(args).output == first.output


def test_d18_a_cache_made_with_another_secret_is_all_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo(tmp_path, "", "<!-- 广告 -->\n")
    # A stranger's machine fills the cache that is then committed with the tree ...
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "stranger"))
    cache_module.secret.cache_clear()
    invoke(["check", str(root)])
    with sqlite3.connect(root / ".artlint_cache" / cache_module.DATABASE) as db:
        db.execute("UPDATE entries SET findings = '[]', report = '', problems = 0")
    db.close()
    # ... and is worth nothing where the secret differs.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "me"))
    cache_module.secret.cache_clear()
    try:
        result = invoke(["check", str(root)])
    finally:
        monkeypatch.undo()
        cache_module.secret.cache_clear()
    assert result.exit_code == 1 and "AL101" in result.output
    assert (tmp_path / "me" / "artlint" / "secret").stat().st_mode & 0o077 == 0


def test_d18_no_usable_secret_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    write(home / "artlint" / "secret", "x" * 32).chmod(0o644)  # readable by others
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    cache_module.secret.cache_clear()
    try:
        assert cache_module.secret() is None
        root = repo(tmp_path, "", "<!-- 广告 -->\n")
        assert invoke(["check", str(root)]).exit_code == 1
    finally:
        monkeypatch.undo()
        cache_module.secret.cache_clear()
    assert not (root / ".artlint_cache" / cache_module.DATABASE).exists()


# --- D6, D9: patterns a repository supplies run in bounded time -----------------------------

BACKTRACKS = "(a|aa)+$"  # about 2**40 steps on a line of 40 a's and a b
SLOW_LINE = "a" * 40 + "b\n"


def evil_pack(root: Path, kind: str = "line") -> None:
    write(
        root / "packs" / "evil.yaml",
        "pack: evil\ndescription: backtracking\nrules:\n"
        f"  - code: EVL101\n    name: slow\n    kind: {kind}\n"
        f"    pattern: '{BACKTRACKS}'\n    message: slow\n    scope: any\n"
        "    examples:\n      fail: ['aa']\n      pass: ['b']\n",
    )


def test_d6_a_backtracking_pack_pattern_is_stopped_and_located(tmp_path: Path) -> None:
    root = repo(
        tmp_path, 'packs = ["evil"]\npack-paths = ["packs"]\n', "Intro.\n\n" + SLOW_LINE * 20
    )
    evil_pack(root)
    result = invoke(["check", str(root), "--no-cache"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "AL999" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{root / 'a.md'}:7:1: AL999 error: rule EVL101 (slow) stopped:")
    assert f"`{BACKTRACKS}` ran longer than 0.5 s on this file" in lines[0]


def test_d6_a_stopped_rule_leaves_the_file_unfixed_and_uncached(tmp_path: Path) -> None:
    root = repo(tmp_path, 'packs = ["evil"]\npack-paths = ["packs"]\n', "<!-- x -->\n" + SLOW_LINE)
    evil_pack(root)
    before = (root / "a.md").read_bytes()
    cache = tmp_path / "cache"
    for _ in range(2):  # the second run must not answer from the cache
        result = invoke(["fix", "--write", "--cache-dir", str(cache), str(root)])
        assert "AL999 error: rule EVL101 (slow) stopped" in result.output
    assert (root / "a.md").read_bytes() == before


def test_d6_a_backtracking_keep_pattern_is_stopped(tmp_path: Path) -> None:
    config = f"[rules.leftover-comment]\nkeep = ['{BACKTRACKS}']\n"
    root = repo(tmp_path, config, "<!-- " + "a" * 40 + "b -->\n")
    result = invoke(["check", str(root), "--no-cache"])
    assert "AL999 error: rule AL101 (leftover-comment) stopped" in result.output


def test_d6_a_backtracking_schema_pattern_is_stopped(tmp_path: Path) -> None:
    root = repo(tmp_path, '[metadata]\nschema = "s.json"\n')
    schema = {"properties": {"title": {"pattern": BACKTRACKS}}}
    write(root / "s.json", json.dumps(schema))
    write(root / "a.md", FM.replace("title: x", "title: " + "a" * 40 + "b") + "Body.\n")
    result = invoke(["check", str(root), "--no-cache"])
    assert "AL999 error: rule AL407 (schema-violation) stopped" in result.output


def test_d6_schema_patterns_still_judge(tmp_path: Path) -> None:
    root = repo(tmp_path, '[metadata]\nschema = "s.json"\n')
    schema = {
        "properties": {"title": {"pattern": "^[A-Z]"}},
        "patternProperties": {"^x-": {"type": "integer"}},
        "additionalProperties": False,
    }
    write(root / "s.json", json.dumps(schema))
    write(root / "a.md", "---\ntitle: x\nx-n: word\nextra: 1\n---\nBody.\n")
    found = [
        line.split(": ", 1)[1]
        for line in invoke(["check", str(root), "--no-cache"]).output.splitlines()
        if "AL407" in line
    ]
    assert found == [
        "AL407 error: 'extra' does not match any of the regexes: '^x-'",
        "AL407 error: title: 'x' does not match '^[A-Z]'",
        "AL407 error: x-n: 'word' is not of type 'integer'",
    ]


def test_d6_a_pattern_that_does_not_compile_is_a_config_error(tmp_path: Path) -> None:
    root = repo(tmp_path, '[metadata]\nschema = "s.json"\n')
    write(root / "s.json", json.dumps({"properties": {"title": {"pattern": "(unclosed"}}}))
    result = invoke(["check", str(root), "--no-cache"])
    assert result.exit_code == 2
    assert "'(unclosed' is not a 'regex'" in result.stderr


def test_d9_a_gitignore_pattern_does_not_hang_the_walk(tmp_path: Path) -> None:
    root = repo(tmp_path, 'provenance = "imported"\n')
    write(root / ".gitignore", "*a*a*a*a*a*a*a*a*c\n*a*a*a*a*a*a*a*a*c.md\n")
    write(root / ("a" * 100 + ".md"), FM + "<!-- x -->\n")
    write(root / ("a" * 100 + "c.md"), FM + "<!-- x -->\n")  # ignored: the pattern matches
    result = invoke(["check", str(root), "--no-cache", "--select", "AL101"])
    assert result.output.count("AL101") == 1
    assert ("a" * 100 + ".md:5:1: AL101") in result.output
