"""The result cache and worker processes: same output, hits and misses where they belong."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from artlint.model.results import FileResult
from artlint.run import cache as cache_module
from artlint.run.config import Overrides, Resolver
from artlint.run.files import Missing, Target, discover
from artlint.run.runner import RunOptions, Worker, run
from cli_runner import invoke

ARTICLE = (
    "---\ntitle: t\ndate: 2024-01-01\nartlint-provenance: imported\n---\n"
    "<p style='x'>a&#8217;b</p>\n<!-- c -->\n"
)


@pytest.fixture(autouse=True)
def workers_for_small_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    """These trees are small: without this, a run would rightly not start workers, and the
    tests of the worker path would test nothing."""
    from artlint.run import runner

    monkeypatch.setattr(runner, "PARALLEL_AFTER", 0.0)


def make_tree(root: Path, count: int) -> Path:
    posts = root / "posts"
    posts.mkdir(parents=True)
    for i in range(count):
        body = ARTICLE if i % 3 else ARTICLE.replace("<!-- c -->", f"<!-- note {i} -->")
        (posts / f"p{i:03d}.md").write_text(body, encoding="utf-8")
    return posts


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--statistics"],
        ["--show-source"],
        *(["--format", f] for f in ("concise", "json", "json-lines", "github", "sarif", "junit")),
    ],
)
def test_jobs_give_the_same_output_as_one_process(tmp_path: Path, options: list[str]) -> None:
    # Workers render some formats themselves (Reporter.renderer); others get findings.
    posts = make_tree(tmp_path, 150)
    one = invoke(["check", str(posts), "--jobs", "1", "--no-cache", *options])
    two = invoke(["check", str(posts), "--jobs", "2", "--no-cache", *options])
    assert one.output == two.output and one.exit_code == two.exit_code == 1
    assert one.output.count("AL101") >= (1 if "--statistics" in options else 150)


def test_workers_render_in_colour_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    posts = make_tree(tmp_path, 100)
    one = invoke(["check", str(posts), "--jobs", "1", "--no-cache"]).output
    two = invoke(["check", str(posts), "--jobs", "2", "--no-cache"]).output
    assert one == two and "AL101\x1b[0m \x1b[36m[*]\x1b[0m" in one


class Counting(Worker):
    """A worker that counts how often it really checks a file."""

    checked = 0

    def one(self, target: Target | Missing, probed: bool = False) -> FileResult:
        from artlint.run import article as api

        real = api.check_loaded

        def counted(*args: Any, **kwargs: Any) -> FileResult:
            Counting.checked += 1
            return real(*args, **kwargs)

        api.check_loaded = counted
        try:
            return super().one(target, probed)
        finally:
            api.check_loaded = real


def check(posts: Path, folder: Path, overrides: Overrides | None = None) -> list[str]:
    worker = Counting(Resolver(overrides or Overrides()), RunOptions(cache_dir=str(folder)))
    found = [
        f"{d.path}:{d.start.line}:{d.code}"
        for t in discover([str(posts)])
        for d in worker.one(t).diagnostics
    ]
    worker.close()
    return found


def test_hit_miss_on_content_config_and_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = make_tree(tmp_path, 3)
    folder = tmp_path / "cache"
    Counting.checked = 0
    first = check(posts, folder)
    assert Counting.checked == 3
    assert check(posts, folder) == first and Counting.checked == 3  # all hits
    (posts / "p001.md").write_text(ARTICLE + "<!-- junk -->\n", encoding="utf-8")
    changed = check(posts, folder)
    assert Counting.checked == 4 and len(changed) == len(first) + 1  # one miss
    check(posts, folder, Overrides(ignore=("AL205",)))
    assert Counting.checked == 7  # other settings: every file misses
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    check(posts, folder)
    assert Counting.checked == 10  # another artlint version: every file misses


def test_corrupted_entries_are_misses(tmp_path: Path) -> None:
    posts = make_tree(tmp_path, 2)
    folder = tmp_path / "cache"
    first = check(posts, folder)
    with sqlite3.connect(folder / cache_module.DATABASE) as db:
        db.execute("UPDATE entries SET findings = '[[\"AL101\", ' , report = 12, tag = 'text'")
    db.close()
    Counting.checked = 0
    assert check(posts, folder) == first and Counting.checked == 2
    assert invoke(["check", str(posts), "--cache-dir", str(folder)]).exit_code == 1
    assert check(posts, folder) == first and Counting.checked == 2  # stored again: hits


@pytest.mark.parametrize(
    "garbage", [b"", b"not a database at all" * 100, b"SQLite format 3\0" + b"\xff" * 5000]
)
def test_a_damaged_database_is_started_again(tmp_path: Path, garbage: bytes) -> None:
    posts = make_tree(tmp_path, 2)
    folder = tmp_path / "cache"
    first = check(posts, folder)
    for suffix in ("-wal", "-shm"):
        (folder / (cache_module.DATABASE + suffix)).unlink(missing_ok=True)
    (folder / cache_module.DATABASE).write_bytes(garbage)
    Counting.checked = 0
    assert check(posts, folder) == first and Counting.checked == 2
    assert check(posts, folder) == first and Counting.checked == 2  # a working cache again


def test_an_unusable_cache_folder_only_costs_hits(tmp_path: Path) -> None:
    posts = make_tree(tmp_path, 2)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    Counting.checked = 0
    first = check(posts, blocker)
    assert check(posts, blocker) == first and Counting.checked == 4 and len(first) == 6


def test_fix_bypasses_hits_that_have_fixes(tmp_path: Path) -> None:
    posts = make_tree(tmp_path, 2)
    folder = tmp_path / "cache"
    check(posts, folder)
    items = list(discover([str(posts)]))
    results = list(
        run(items, Resolver(Overrides()), RunOptions(cache_dir=str(folder), fix=True, write=True))
    )
    assert all(r.written for r in results)
    assert "<!--" not in (posts / "p000.md").read_text(encoding="utf-8")


def test_clean_removes_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    posts = make_tree(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    invoke(["check", str(posts)])
    assert (tmp_path / ".artlint_cache" / ".gitignore").exists()
    assert invoke(["clean"]).exit_code == 0
    assert not (tmp_path / ".artlint_cache").exists()


def test_editing_a_pack_or_a_schema_invalidates_the_cache(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    pack = tmp_path / "packs" / "mine.yaml"
    rule = (
        "pack: mine\nrules:\n  - code: MY101\n    name: ad\n    message: m\n"
        "    kind: comment\n    pattern: '{}'\n    safe: true\n"
        "    examples: {{fail: ['<!-- {} -->'], pass: ['<!-- x -->']}}\n"
    )
    pack.write_text(rule.format("ad", "ad"), encoding="utf-8")
    (tmp_path / "s.json").write_text('{"required": ["title"]}', encoding="utf-8")
    (tmp_path / "artlint.toml").write_text(
        'packs = ["mine"]\npack-paths = ["packs"]\nselect = ["MY", "AL407"]\n'
        'provenance = "imported"\n'
        '[metadata]\nschema = "s.json"\n',
        encoding="utf-8",
    )
    post = tmp_path / "a.md"
    post.write_text("---\ntitle: t\n---\n<!-- ad -->\n<!-- promo -->\n", encoding="utf-8")

    def lines() -> list[str]:
        out = invoke(["check", str(post), "--cache-dir", str(tmp_path / "c")])
        return [x.split(": ")[1].split()[0] + x.split(":")[1] for x in out.output.splitlines()[:-1]]

    assert lines() == ["MY1014"]
    pack.write_text(rule.format("promo", "promo"), encoding="utf-8")
    assert lines() == ["MY1015"]
    (tmp_path / "s.json").write_text('{"required": ["author"]}', encoding="utf-8")
    assert sorted(lines()) == ["AL4071", "MY1015"]


def test_a_run_of_hits_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    posts = make_tree(tmp_path, 100)
    folder = str(tmp_path / "cache")
    cold = invoke(["check", str(posts), "--jobs", "2", "--cache-dir", folder]).output
    from artlint.run import runner

    def no_workers(items: object) -> object:
        raise AssertionError("a worker was asked to check a cached file")

    monkeypatch.setattr(runner, "_chunk", no_workers)  # workers fork with this module
    assert invoke(["check", str(posts), "--jobs", "2", "--cache-dir", folder]).output == cold


def test_hits_and_misses_come_out_in_order(tmp_path: Path) -> None:
    posts = make_tree(tmp_path, 200)
    folder = str(tmp_path / "cache")
    invoke(["check", str(posts), "--jobs", "2", "--cache-dir", folder])
    # Every seventh file changes: misses scattered between hits, in chunks of every size.
    for i in range(0, 200, 7):
        (posts / f"p{i:03d}.md").write_text(ARTICLE + f"<!-- new {i} -->\n", encoding="utf-8")
    mixed = invoke(["check", str(posts), "--jobs", "2", "--cache-dir", folder]).output
    assert mixed == invoke(["check", str(posts), "--jobs", "1", "--no-cache"]).output
    assert mixed.count("<!-- new ") == 29 and mixed.count("AL101") == 200 + 29


def test_fix_write_with_workers_reports_and_writes_as_one_process(tmp_path: Path) -> None:
    one = make_tree(tmp_path / "one", 120)
    two = make_tree(tmp_path / "two", 120)
    out_one = invoke(["fix", str(one), "--write", "--jobs", "1", "--no-cache"]).output
    out_two = invoke(["fix", str(two), "--write", "--jobs", "2", "--no-cache"]).output
    assert out_one.replace(str(one), "X") == out_two.replace(str(two), "X")
    assert "Fixed 360 problems in 120 files" in out_two
    for name in os.listdir(one):
        assert (one / name).read_bytes() == (two / name).read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_hits_in_another_format_than_stored_match_a_fresh_run(tmp_path: Path, jobs: str) -> None:
    # An entry keeps the report text of the format that stored it; other formats rebuild
    # the findings, and the stored text stays that of its own format.
    posts = make_tree(tmp_path, 80)
    folder = str(tmp_path / "cache")
    for fmt in ("text", "github", "json", "text", "github", "json-lines", "concise"):
        fresh = invoke(["check", str(posts), "--format", fmt, "--no-cache", "--jobs", jobs])
        cached = invoke(["check", str(posts), "--format", fmt, "--cache-dir", folder, "-j", jobs])
        assert cached.output == fresh.output and cached.exit_code == fresh.exit_code == 1, fmt


def test_a_hit_in_the_stored_format_rebuilds_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = make_tree(tmp_path, 80)
    folder = str(tmp_path / "cache")
    cold = invoke(["check", str(posts), "--jobs", "2", "--cache-dir", folder]).output

    def no_unpack(*args: object) -> object:
        raise AssertionError("a finding was rebuilt from the cache")

    monkeypatch.setattr(cache_module, "unpack", no_unpack)
    assert invoke(["check", str(posts), "--jobs", "2", "--cache-dir", folder]).output == cold
    other = invoke(["check", str(posts), "--format", "github", "--cache-dir", folder])
    assert "a finding was rebuilt" in other.output  # the other format does rebuild them


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_while_the_walk_is_still_going(tmp_path: Path, jobs: int) -> None:
    # Files are checked as the walk finds them, and workers get only a few chunks ahead:
    # memory stays flat however many files a run has.
    posts = make_tree(tmp_path, 600)
    walked = 0

    def walk() -> Iterator[Target | Missing]:
        nonlocal walked
        for target in discover([str(posts)]):
            walked += 1
            yield target

    results = run(walk(), Resolver(Overrides()), RunOptions(jobs=jobs, cache=False))
    first = next(results)
    assert first.path.endswith("p000.md") and walked < 600
    assert len([first, *results]) == 600 and walked == 600


def test_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    # pre-commit starts several artlint processes at once on one repository's files.
    posts = make_tree(tmp_path, 120)
    folder = str(tmp_path / "cache")
    expected = invoke(["check", str(posts), "--no-cache", "--jobs", "1"]).output
    command = [sys.executable, "-m", "artlint", "check", str(posts), "--cache-dir", folder]
    for _ in range(2):  # first all misses written at once, then all hits read at once
        runs = [
            subprocess.Popen([*command, "--jobs", jobs], stdout=subprocess.PIPE, text=True)
            for jobs in ("1", "2", "1", "2")
        ]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert [run.returncode for run in runs] == [1, 1, 1, 1]
        assert all(out == expected for out in outputs)
        db = sqlite3.connect(Path(folder) / cache_module.DATABASE)
        assert db.execute("SELECT count(*) FROM entries").fetchone() == (120,)
        db.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_configuration_error_deep_in_the_tree_stops_the_run_before_any_write(
    tmp_path: Path, jobs: str
) -> None:
    posts = make_tree(tmp_path / "a", 100)  # enough files for workers before the bad folder
    broken = tmp_path / "z"
    broken.mkdir()
    (broken / "artlint.toml").write_text("select = [\n", encoding="utf-8")
    (broken / "post.md").write_text(ARTICLE, encoding="utf-8")
    before = {p: p.read_bytes() for p in posts.iterdir()}
    for command in (["check"], ["fix", "--write"]):
        result = invoke([*command, str(tmp_path), "--jobs", jobs, "--no-cache"])
        assert result.exit_code == 2 and "artlint.toml" in result.stderr
        assert result.stdout == ""
    assert {p: p.read_bytes() for p in posts.iterdir()} == before


def test_a_locked_cache_is_given_up_after_one_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.05)
    posts = make_tree(tmp_path, 2)
    folder = tmp_path / "cache"
    check(posts, folder)  # makes the database
    holder = sqlite3.connect(folder / cache_module.DATABASE)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        cache = cache_module.Cache(str(folder))
        for i in range(cache_module.BATCH):
            cache.put(bytes([i]) * 32, [], None)  # the batch's write waits, then fails
        assert cache._broken and cache._db is None
        cache.put(b"x" * 32, [], None)
        cache.close()  # no second wait: nothing more is written
        assert cache.get(b"x" * 32, "p.md") is None
    finally:
        holder.rollback()
        holder.close()
    Counting.checked = 0
    check(posts, folder)
    assert Counting.checked == 0  # the entries written before the lock are still there


def test_a_database_damaged_after_it_opened_is_started_again(tmp_path: Path) -> None:
    posts = make_tree(tmp_path, 40)
    folder = tmp_path / "cache"
    first = check(posts, folder)
    path = folder / cache_module.DATABASE
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page : 2 * page] = b"\xff" * page  # a table page: the header still opens
    path.write_bytes(bytes(data))
    Counting.checked = 0
    assert check(posts, folder) == first and Counting.checked == 40
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    Counting.checked = 0
    assert check(posts, folder) == first and Counting.checked == 0  # hits again


def _used_days(folder: Path) -> list[int]:
    with sqlite3.connect(folder / cache_module.DATABASE) as db:
        days = [row[0] for row in db.execute("SELECT used FROM entries ORDER BY used")]
    db.close()
    return days


def test_entries_record_their_last_use_and_old_ones_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = make_tree(tmp_path, 3)
    folder = tmp_path / "cache"
    day = 20_000
    monkeypatch.setattr(cache_module, "today", lambda: day)
    check(posts, folder)
    assert _used_days(folder) == [day] * 3
    # A hit on a later day records that day, once.
    day += 10
    Counting.checked = 0
    check(posts, folder)
    assert Counting.checked == 0 and _used_days(folder) == [day] * 3
    # One file edited: its old entry is used no more, and goes after KEEP_DAYS.
    (posts / "p001.md").write_text(ARTICLE + "<!-- junk -->\n", encoding="utf-8")
    check(posts, folder)
    assert len(_used_days(folder)) == 4
    day += cache_module.KEEP_DAYS
    check(posts, folder)  # uses (and so keeps) the three current entries
    assert _used_days(folder) == [day] * 3
    assert Counting.checked == 1  # only the edited file was ever checked again


def test_databases_of_older_formats_are_removed(tmp_path: Path) -> None:
    posts = make_tree(tmp_path, 1)
    folder = tmp_path / "cache"
    folder.mkdir()
    old = folder / f"entries-{cache_module._FORMAT - 1}.sqlite3"
    old.write_bytes(b"an older format")
    check(posts, folder)
    assert not old.exists() and (folder / cache_module.DATABASE).exists()


def test_a_run_too_small_for_workers_starts_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint.run import runner

    monkeypatch.setattr(runner, "PARALLEL_AFTER", 0.15)  # the shipped threshold
    posts = make_tree(tmp_path, 300)  # 300 one-line articles: about 0.07 s of work

    def no_pool(*args: object, **kwargs: object) -> object:
        raise AssertionError("workers were started for a small run")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    result = invoke(["check", str(posts), "--jobs", "2", "--no-cache"])
    assert result.exit_code == 1 and result.output.count("AL101") == 300
    head, worth_it = runner._enough_work(iter(discover([str(posts)])))
    assert not worth_it and len(head) == 300
    big = tmp_path / "big"
    big.mkdir()
    for i in range(3):
        (big / f"b{i}.md").write_text(ARTICLE + "<p>x</p>\n" * 80_000, encoding="utf-8")
    head, worth_it = runner._enough_work(iter(discover([str(big)])))
    assert worth_it and len(head) == 1  # one 720 KB article is enough work already
