"""Measure artlint's precision on real, hand-written article repositories.

    python benchmarks/precision.py [--held-out] [--fix] [--json FILE] [--examples FILE]

The repositories are listed, with pinned commits, in benchmarks/corpora.toml. Each one is
materialized from a bare mirror (``--mirrors``, one ``owner+name/repo`` git directory per
repository, as the ``fetch`` tool lays them out) into ``--out/<name>`` when that folder is
missing: the whole tree at the pinned commit, layouts and templates included, because artlint
is run on the repository root as a user would run it (``artlint check .``) and must leave
everything that is not an article alone.

Almost every finding on these files is a false positive: the authors meant their HTML
comments, styles and entities. Per repository it reports the article files under the content
roots, the files artlint reported on, the findings (total, per 100 content files, by code) and
how many findings fall outside the content roots (templates, theme files, READMEs). With
``--fix`` it also copies each repository to a temporary folder, runs ``artlint fix --write``
there and counts the files it changed and the fixes it refused (AL998).

Held-out repositories (``held_out = true``) are only measured with ``--held-out``, so that
tuning never sees them. Nothing is written to this repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora.toml"
ARTICLE_SUFFIXES = (".md", ".markdown", ".html")
SKIPPED_DIRS = frozenset({"node_modules"})
ARTLINT = [sys.executable, "-m", "artlint"]
REFUSED = "AL998"


@dataclass(frozen=True)
class Repo:
    name: str
    github: str
    commit: str
    generator: str
    held_out: bool
    content_roots: tuple[str, ...]


@dataclass
class Measure:
    name: str
    generator: str
    held_out: bool
    content_files: int = 0
    files_checked: int = 0
    files_reported: int = 0
    content_files_reported: int = 0
    findings: int = 0
    findings_outside: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
    by_code_outside: dict[str, int] = field(default_factory=dict)
    files_by_code: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    exit_status: int = 0
    error: str = ""
    fix: dict[str, Any] | None = None

    @property
    def per_100(self) -> float:
        return 100.0 * self.findings / self.content_files if self.content_files else 0.0


@dataclass(frozen=True)
class Finding:
    repo: str
    path: str  # relative to the repository root, POSIX separators
    line: int
    code: str
    message: str
    source: str
    outside: bool


def load_corpora(path: Path) -> list[Repo]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    repos: list[Repo] = []
    for entry in data.get("repo", []):
        commit = str(entry["commit"])
        if not re.fullmatch(r"[0-9a-f]{40}", commit):
            raise SystemExit(f"{path}: {entry['name']}: commit must be 40 hex digits")
        name = str(entry["name"])
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
            raise SystemExit(f"{path}: bad repository name {name!r}")
        repos.append(
            Repo(
                name=name,
                github=str(entry["github"]),
                commit=commit,
                generator=str(entry["generator"]),
                held_out=bool(entry.get("held_out", False)),
                content_roots=tuple(str(r).strip("/") for r in entry["content_roots"]),
            )
        )
    return repos


# --- materializing ------------------------------------------------------------------------


def mirror_of(repo: Repo, mirrors: Path) -> Path:
    """The bare git directory of a repository: mirrors/owner+name/repo (or mirrors/owner+name)."""
    base = mirrors / repo.github.replace("/", "+")
    for candidate in (base / "repo", base):
        if (candidate / "objects").is_dir() and (candidate / "HEAD").exists():
            return candidate
    raise SystemExit(f"{repo.name}: no mirror of {repo.github} under {mirrors}")


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True
    ).stdout


def _safe_relpath(raw: bytes) -> str | None:
    path = os.fsdecode(raw)
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or any(p in ("..", ".", "") for p in parts):
        return None
    if ".git" in parts:
        return None
    return path


def materialize(repo: Repo, mirrors: Path, out: Path) -> Path:
    """Write the repository's tree at its commit to out/<name> unless that folder exists.

    The tree is read with ls-tree and cat-file, not git archive, so that export-ignore
    attributes do not drop files. Submodules are left out, and so are symlinks that point
    outside the repository and blobs the mirror lacks (a snapshot omits very large files).
    The tree is written to a temporary sibling and renamed, so an interrupted run leaves no
    half tree that a later run would take for a whole one.
    """
    dest = out / repo.name
    if dest.exists():
        return dest
    git_dir = mirror_of(repo, mirrors)
    _git(git_dir, "cat-file", "-e", f"{repo.commit}^{{commit}}")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{repo.name}-", dir=out))
    skipped: Counter[str] = Counter()
    try:
        listing = _git(git_dir, "ls-tree", "-r", "-z", "--full-tree", repo.commit)
        entries: list[tuple[str, str, str]] = []
        for record in listing.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, kind, sha = meta.decode().split()
            rel = _safe_relpath(raw_path)
            if rel is None:
                skipped["unsafe path"] += 1
            elif kind != "blob":
                skipped["submodule"] += 1
            else:
                entries.append((mode, sha, rel))
        with subprocess.Popen(
            ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        ) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            for mode, sha, rel in entries:
                proc.stdin.write(sha.encode() + b"\n")
                proc.stdin.flush()
                header = proc.stdout.readline().split()
                if len(header) < 3 or header[1] != b"blob":
                    skipped["missing blob"] += 1
                    continue
                data = proc.stdout.read(int(header[2]))
                proc.stdout.read(1)  # the newline after each object
                target = tmp / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if mode == "120000":
                    link = os.fsdecode(data)
                    resolved = os.path.normpath(os.path.join(os.path.dirname(rel), link))
                    if os.path.isabs(link) or resolved == ".." or resolved.startswith("../"):
                        skipped["symlink out of the tree"] += 1
                        continue
                    os.symlink(link, target)
                else:
                    target.write_bytes(data)
                    if mode == "100755":
                        target.chmod(0o755)
            proc.stdin.close()
        tmp.chmod(0o755)  # mkdtemp makes it private; a checkout is not
        tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    note = ", ".join(f"{n} {what}" for what, n in sorted(skipped.items()))
    print(
        f"materialized {repo.name} @ {repo.commit[:12]}: {len(entries)} files"
        + (f" (left out: {note})" if note else ""),
        file=sys.stderr,
    )
    return dest


# --- measuring ----------------------------------------------------------------------------


def content_files(root: Path, roots: tuple[str, ...]) -> set[str]:
    """Article files under the content roots, walked as artlint walks (no hidden folders)."""
    found: set[str] = set()
    for content_root in roots:
        top = root / content_root
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS]
            for name in files:
                path = Path(folder) / name
                if name.lower().endswith(ARTICLE_SUFFIXES) and path.is_file():
                    found.add(path.relative_to(root).as_posix())
    return found


def in_roots(rel: str, roots: tuple[str, ...]) -> bool:
    return any(rel == r or rel.startswith(r + "/") for r in roots)


def run_artlint(args: list[str], cwd: Path) -> tuple[dict[str, Any], int, float, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [*ARTLINT, *args, ".", "--format", "json", "--no-cache"],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {}, proc.returncode, elapsed, stderr or "no JSON report"
    return report, proc.returncode, elapsed, stderr if proc.returncode == 2 else ""


def artlint_version() -> str:
    proc = subprocess.run([*ARTLINT, "--version"], capture_output=True, check=False)
    return proc.stdout.decode("utf-8", "replace").strip()


def relpath(display: str) -> str:
    return PurePosixPath(os.path.normpath(display).replace(os.sep, "/")).as_posix()


def source_line(root: Path, rel: str, line: int, cache: dict[str, list[str]]) -> str:
    if rel not in cache:
        try:
            text = (root / rel).read_bytes().decode("utf-8", "replace")
        except OSError:
            text = ""
        cache[rel] = text.split("\n")
    lines = cache[rel]
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""


def measure(repo: Repo, root: Path) -> tuple[Measure, list[Finding]]:
    m = Measure(repo.name, repo.generator, repo.held_out)
    articles = content_files(root, repo.content_roots)
    m.content_files = len(articles)
    report, m.exit_status, m.seconds, m.error = run_artlint(["check"], root)
    diagnostics: list[dict[str, Any]] = report.get("diagnostics", [])
    m.files_checked = int(report.get("summary", {}).get("files", 0))
    by_code: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    reported: set[str] = set()
    code_files: set[tuple[str, str]] = set()
    lines: dict[str, list[str]] = {}
    findings: list[Finding] = []
    for d in diagnostics:
        rel = relpath(str(d["path"]))
        code = str(d["code"])
        line = int(d.get("line") or 0)
        is_outside = not in_roots(rel, repo.content_roots)
        by_code[code] += 1
        if is_outside:
            outside[code] += 1
        reported.add(rel)
        code_files.add((code, rel))
        findings.append(
            Finding(
                repo.name,
                rel,
                line,
                code,
                str(d.get("message", "")),
                source_line(root, rel, line, lines),
                is_outside,
            )
        )
    m.findings = len(diagnostics)
    m.findings_outside = sum(outside.values())
    m.files_reported = len(reported)
    m.content_files_reported = sum(1 for r in reported if in_roots(r, repo.content_roots))
    m.by_code = dict(sorted(by_code.items()))
    m.by_code_outside = dict(sorted(outside.items()))
    m.files_by_code = dict(sorted(Counter(code for code, _ in code_files).items()))
    return m, findings


def _digests(root: Path) -> dict[str, str]:
    digests: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            path = Path(folder) / name
            if name.lower().endswith(ARTICLE_SUFFIXES) and not path.is_symlink():
                rel = path.relative_to(root).as_posix()
                digests[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def measure_fix(repo: Repo, root: Path) -> dict[str, Any]:
    """Run `artlint fix --write` on a copy: files changed, fixes refused (AL998)."""
    with tempfile.TemporaryDirectory(prefix=f"artlint-fix-{repo.name}-") as tmp:
        copy = Path(tmp) / repo.name
        shutil.copytree(root, copy, symlinks=True)
        before = _digests(copy)
        report, status, seconds, error = run_artlint(["fix", "--write"], copy)
        after = _digests(copy)
    changed = sorted(p for p, h in after.items() if before.get(p) != h)
    diagnostics: list[dict[str, Any]] = report.get("diagnostics", [])
    refused = [d for d in diagnostics if d.get("code") == REFUSED]
    summary = report.get("summary", {})
    return {
        "files_changed": len(changed),
        "files_changed_outside": sum(1 for p in changed if not in_roots(p, repo.content_roots)),
        "fixed": int(summary.get("fixed", 0)),
        "refused": len(refused),
        "refused_files": len({relpath(str(d["path"])) for d in refused}),
        "left": len(diagnostics),
        "changed": changed,
        "exit_status": status,
        "seconds": round(seconds, 2),
        "error": error,
    }


# --- reporting ----------------------------------------------------------------------------


def top_codes(by_code: dict[str, int], n: int = 4) -> str:
    ranked = sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f"{code} {count}" for code, count in ranked) or "-"


def table(measures: list[Measure], with_fix: bool) -> str:
    head = [
        "repo",
        "generator",
        "content files",
        "checked",
        "files reported",
        "findings",
        "per 100",
        "outside roots",
        "top codes",
    ]
    if with_fix:
        head += ["fixed files", "changed outside", "AL998", "AL998 files"]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]

    def row(m: Measure, label: str) -> str:
        cells = [
            label,
            m.generator,
            str(m.content_files),
            str(m.files_checked),
            str(m.files_reported),
            str(m.findings),
            f"{m.per_100:.1f}",
            str(m.findings_outside),
            top_codes(m.by_code),
        ]
        if with_fix:
            fix = m.fix or {}
            cells += [
                str(fix.get(k, "-"))
                for k in ("files_changed", "files_changed_outside", "refused", "refused_files")
            ]
        return "| " + " | ".join(cells) + " |"

    for m in measures:
        rows.append(row(m, m.name + (" (held out)" if m.held_out else "")))
    total = Measure("total", "", False)
    codes: Counter[str] = Counter()
    fix_total: Counter[str] = Counter()
    for m in measures:
        for attr in (
            "content_files",
            "files_checked",
            "files_reported",
            "findings",
            "findings_outside",
        ):
            setattr(total, attr, getattr(total, attr) + getattr(m, attr))
        codes.update(m.by_code)
        for k in ("files_changed", "files_changed_outside", "refused", "refused_files"):
            fix_total[k] += int((m.fix or {}).get(k, 0))
    total.by_code = dict(codes)
    total.generator = f"{len({m.generator for m in measures})} generators"
    total.fix = dict(fix_total) if with_fix else None
    rows.append(row(total, f"**total ({len(measures)} repos)**"))
    return "\n".join(rows)


def code_table(measures: list[Measure]) -> str:
    codes = sorted({c for m in measures for c in m.by_code})
    rows = [
        "| code | findings | outside roots | repos | files |",
        "| --- | --- | --- | --- | --- |",
    ]
    for code in codes:
        total = sum(m.by_code.get(code, 0) for m in measures)
        outside = sum(m.by_code_outside.get(code, 0) for m in measures)
        repos = sum(1 for m in measures if m.by_code.get(code))
        files = sum(m.files_by_code.get(code, 0) for m in measures)
        rows.append(f"| {code} | {total} | {outside} | {repos} | {files} |")
    return "\n".join(rows)


COMMENT = re.compile(r"<!--\s*([^\s`>]{1,40}(?:\s+[A-Za-z][\w-]{0,20})?)")
STYLE_PROPERTY = re.compile(r"([a-zA-Z-]+)\s*:")
ELEMENT = re.compile(r" on <([a-zA-Z0-9-]+)>")


def _shape(text: str) -> str:
    return re.sub(r"\d+", "N", text)


def pattern_of(finding: Finding) -> str:
    """What kind of finding this is, to group alike ones: the message with its specifics
    taken out, keeping the part that tells authorial markup apart (a comment's first words,
    a style's element and properties, a field's name)."""
    message = finding.message
    if finding.code in ("AL101", "AL105"):
        found = COMMENT.search(message)
        head = _shape(found.group(1)) if found else "?"
        return f"<!-- {head} …"
    if finding.code == "AL103":
        element = ELEMENT.search(message)
        quoted = message.split("`")[1] if message.count("`") >= 2 else ""
        props = sorted({p.lower() for p in STYLE_PROPERTY.findall(quoted)})[:3]
        tail = message.rsplit(">", 1)[-1].strip()
        name = element.group(1) if element else "?"
        return f"<{name} style=…{','.join(props)}…>" + (f" {tail}" if tail else "")
    # a short name in backticks (a field, a key) stays; quoted text, entities and markup go
    text = re.sub(
        r"`([^`]*)`",
        lambda m: (
            f"`{m.group(1)}`" if re.fullmatch(r"[A-Za-z_][\w.-]{0,23}", m.group(1)) else "`…`"
        ),
        message,
    )
    return _shape(text)


def _fence(text: str) -> list[str]:
    ticks = "````" if "```" in text else "```"
    return [f"  {ticks}text", f"  {text}", f"  {ticks}"]


def examples_markdown(findings: list[Finding], per_code: int, numbers: str = "") -> str:
    out = [
        "# artlint findings on authored repositories (tuning set)",
        "",
        "Generated by `benchmarks/precision.py --examples`. Almost every finding here is on",
        "markup the authors meant. For each code: the repositories, the most common patterns",
        "(grouped by the comment's first words, the styled element and its CSS properties, or the",
        "message with its specifics taken out) with how many fall outside the content roots",
        "(templates, themes, READMEs, test fixtures), then concrete examples spread over",
        "patterns and repositories: file:line, message, the source line. Held-out repositories",
        "are not shown.",
        "",
    ]
    if numbers:
        out += ["## Numbers", "", numbers, ""]
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    for code in sorted(by_code):
        items = by_code[code]
        repos = Counter(f.repo for f in items)
        outside = sum(f.outside for f in items)
        out += [f"## {code}: {len(items)} findings ({outside} outside content roots)", ""]
        out += ["By repository: " + ", ".join(f"{r} {n}" for r, n in repos.most_common()), ""]
        groups: dict[str, list[Finding]] = {}
        for f in items:
            groups.setdefault(pattern_of(f), []).append(f)
        ranked = sorted(groups, key=lambda p: (-len(groups[p]), p))
        out += [
            "| count | outside roots | repos | pattern | e.g. |",
            "| --- | --- | --- | --- | --- |",
        ]
        for pattern in ranked[:15]:
            group = groups[pattern]
            cell = pattern.replace("|", "\\|")
            first = group[0]
            out.append(
                f"| {len(group)} | {sum(f.outside for f in group)} | "
                f"{len({f.repo for f in group})} | {cell} | "
                f"{first.repo}/{first.path}:{first.line} |"
            )
        if len(ranked) > 15:
            out.append(f"| … | | | {len(ranked) - 15} more patterns | |")
        out.append("")
        chosen: list[Finding] = []
        used: set[tuple[str, str]] = set()
        used_patterns: set[str] = set()
        wanted = max(per_code, min(len(repos), 2 * per_code))
        # first each repository's most common pattern (most findings first), then round-robin
        # over the patterns overall
        for repo, _ in repos.most_common():
            if len(chosen) >= wanted:
                break
            mine = Counter(p for p, g in groups.items() for f in g if f.repo == repo)
            top = next((p for p, _ in mine.most_common() if p not in used_patterns), None)
            if top is None:
                continue
            pick = next(f for f in groups[top] if f.repo == repo)
            chosen.append(pick)
            used.add((pick.repo, pick.path))
            used_patterns.add(top)
        while len(chosen) < wanted:
            before = len(chosen)
            for pattern in ranked:
                if len(chosen) >= wanted:
                    break
                pool = [f for f in groups[pattern] if (f.repo, f.path) not in used]
                if not pool:
                    continue
                shown = {c.repo for c in chosen}
                pick = next((f for f in pool if f.repo not in shown), pool[0])
                chosen.append(pick)
                used.add((pick.repo, pick.path))
            if len(chosen) == before:
                break
        for f in chosen:
            where = "outside roots" if f.outside else "content"
            src = f.source.strip()
            if len(src) > 300:
                src = src[:300] + " …"
            out += [f"- {f.repo}/{f.path}:{f.line} ({where}): {f.message}", "", *_fence(src)]
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=Path("/work/calib/authored"))
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="also measure the held-out repositories (the final figure only)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="measure only these repositories (repeatable)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="also run `artlint fix --write` on a copy of each repository",
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="only materialize the repositories (held-out ones too) and run nothing",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the raw numbers here")
    parser.add_argument(
        "--examples",
        type=Path,
        metavar="FILE",
        help="write example findings per code (Markdown) here",
    )
    parser.add_argument(
        "--per-code",
        type=int,
        default=5,
        help="examples per code (default 5; up to twice that for codes found in many repositories)",
    )
    args = parser.parse_args(argv)

    if args.prepare:
        for repo in load_corpora(args.corpora):
            materialize(repo, args.mirrors, args.out)
        return 0
    repos = [r for r in load_corpora(args.corpora) if args.held_out or not r.held_out]
    if args.only:
        unknown = set(args.only) - {r.name for r in repos}
        if unknown:
            parser.error(f"unknown or held-out repositories: {', '.join(sorted(unknown))}")
        repos = [r for r in repos if r.name in args.only]
    measures: list[Measure] = []
    findings: list[Finding] = []
    for repo in repos:
        root = materialize(repo, args.mirrors, args.out)
        m, found = measure(repo, root)
        if args.fix:
            m.fix = measure_fix(repo, root)
        measures.append(m)
        findings.extend(found)
        print(
            f"{repo.name}: {m.findings} findings in {m.files_reported} of {m.files_checked} "
            f"files ({m.seconds:.1f} s)" + (f"; error: {m.error}" if m.error else ""),
            file=sys.stderr,
        )

    print(table(measures, args.fix))
    print()
    print(code_table(measures))
    if args.json:
        raw = {
            "corpora": str(args.corpora),
            "held_out_included": args.held_out,
            "artlint": artlint_version(),
            "repos": [
                {**vars(m), "per_100": round(m.per_100, 2), "seconds": round(m.seconds, 2)}
                for m in measures
            ],
        }
        args.json.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n")
    if args.examples:
        shown = [f for f in findings if not any(m.held_out for m in measures if m.name == f.repo)]
        tuning = [m for m in measures if not m.held_out]
        numbers = table(tuning, args.fix) + "\n\n" + code_table(tuning)
        args.examples.write_text(examples_markdown(shown, args.per_code, numbers) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
