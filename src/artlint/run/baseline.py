"""A baseline: the findings a project has accepted for now, kept outside its articles.

`artlint check --write-baseline` records every finding of the run; later runs (with
`baseline = "artlint-baseline.json"` in the configuration, or `--baseline PATH`) report only
what the baseline does not cover. Suppression comments would themselves be leftover HTML in
the published posts, so the baseline is a file of its own.

The format (version 1) is JSON, sorted, one entry per line group, so that it diffs well:

    {
      "artlint-baseline": 1,
      "files": {
        "content/posts/a.md": {
          "AL101": {"3f1c...": 2, "9ab0...": 1}
        }
      }
    }

Paths are relative to the baseline file's folder, with `/`. Under each path and rule code,
each key is the fingerprint of an offending snippet (the first 16 hex digits of SHA-256 over
the code and the text a reader sees in the snippet, see `normal`, which safe fixes never
change) and the value how many such findings the file had. Neither line numbers nor
messages are part of an entry: findings stay covered when lines are added above them, and
when a file is moved (an entry whose file is gone covers the same snippet in any file). A
new finding in a baselined file is reported, and so is one more of a kind the file already
had.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from artlint.model.diagnostics import Diagnostic
from artlint.model.results import FileResult
from artlint.run.files import within
from artlint.safe.regular import read_regular
from artlint.safe.writer import write_atomic

FORMAT = 1
DEFAULT_NAME = "artlint-baseline.json"
# Never accepted: a crashed rule or a refused fix says nothing stable about the article.
NEVER_BASELINED = frozenset({"AL998", "AL999"})
LIMIT = 256 * 1024 * 1024

Key = tuple[str, str, str]  # path relative to the baseline, code, fingerprint


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names it and says why."""


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*>")


def normal(snippet: str) -> str:
    """What a snippet's fingerprint is made of: the text a reader sees in it, which safe fixes
    never change (the oracle holds them to that), so that the baselined findings `fix --write`
    does not fix stay covered after it. A snippet with no visible text (a comment, an empty
    element) is taken as its markup without attributes, which are what fixes remove."""
    if snippet.lstrip().startswith("<!--"):
        return " ".join(snippet.split())  # a comment finding is its own text
    bare = _COMMENT.sub("", snippet)
    shown = html.unescape(html.unescape(_TAG.sub("", bare)))  # `&amp;nbsp;` as `&nbsp;`
    if shown.split():
        return " ".join(shown.split())
    return " ".join(_TAG.sub(lambda m: f"<{m[1]}{m[2].lower()}>", bare).split())


def fingerprint(code: str, snippet: str) -> str:
    return hashlib.sha256(f"{code}\0{normal(snippet)}".encode()).hexdigest()[:16]


def snippet(result: FileResult, d: Diagnostic) -> str:
    """The text a finding is about; its message when the text did not travel with it."""
    return result.text[d.span.start : d.span.end] if result.text is not None else d.message


@dataclass
class Baseline:
    path: str
    counts: Counter[Key] = field(default_factory=Counter)

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def key_path(self, path: str) -> str:
        """`path` (as a run names it) as the baseline names it."""
        return os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")

    def real_path(self, key_path: str) -> str:
        return os.path.normpath(os.path.join(self.folder, key_path))

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            raw = read_regular(path, LIMIT, "baselines")
        except FileNotFoundError:
            raise BaselineError(
                f"{path}: no such baseline (write one with `artlint check --write-baseline`)"
            ) from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: not a baseline: {exc}") from None
        if not isinstance(data, dict) or data.get("artlint-baseline") != FORMAT:
            raise BaselineError(f'{path}: not a baseline of format {FORMAT} ("artlint-baseline")')
        counts: Counter[Key] = Counter()
        files = data.get("files")
        if not isinstance(files, dict):
            raise BaselineError(f'{path}: "files" must be an object')
        for file, codes in files.items():
            for code, prints in codes.items() if isinstance(codes, dict) else ():
                for digest, n in prints.items() if isinstance(prints, dict) else ():
                    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                        raise BaselineError(f"{path}: {file}: {code}: {digest}: expected a count")
                    counts[(file, code, digest)] += n
        return cls(path, counts)

    def dumps(self) -> str:
        files: dict[str, dict[str, dict[str, int]]] = {}
        for (file, code, digest), n in sorted(self.counts.items()):
            if n > 0:
                files.setdefault(file, {}).setdefault(code, {})[digest] = n
        return (
            json.dumps({"artlint-baseline": FORMAT, "files": files}, indent=2, ensure_ascii=False)
            + "\n"
        )

    def write(self) -> None:
        write_atomic(self.path, self.dumps().encode("utf-8"), create=True)

    def keys_of(self, result: FileResult) -> list[tuple[Key, Diagnostic]]:
        file = self.key_path(result.path)
        return [
            ((file, d.code, fingerprint(d.code, snippet(result, d))), d)
            for d in result.diagnostics
            if d.code not in NEVER_BASELINED
        ]


class Matcher:
    """Filters one run's results through a baseline and remembers what it used."""

    def __init__(self, baseline: Baseline, roots: Iterable[str]) -> None:
        self.baseline = baseline
        self.roots = [os.path.abspath(r) for r in roots]
        self.left = Counter(baseline.counts)
        self.checked: set[str] = set()
        self.covered = 0
        # Files that are gone (each looked up once), by real path; their entries cover their
        # snippets wherever they turn up.
        files = {file for file, _, _ in baseline.counts}
        self.gone = {
            file: real for file in files if not os.path.exists(real := baseline.real_path(file))
        }
        self.moved: Counter[tuple[str, str]] = Counter()
        for (file, code, digest), n in baseline.counts.items():
            if file in self.gone:
                self.moved[(code, digest)] += n

    def filter(self, result: FileResult) -> FileResult:
        """`result` without the findings the baseline covers."""
        if result.rendered is not None:
            raise ValueError("a baseline needs findings, not rendered reports")
        self.checked.add(self.baseline.key_path(result.path))
        kept = []
        covered = {id(d) for d in self._covered(result)}
        for d in result.diagnostics:
            if id(d) not in covered:
                kept.append(d)
        self.covered += len(covered)
        return replace(result, diagnostics=tuple(kept))

    def _covered(self, result: FileResult) -> list[Diagnostic]:
        out = []
        for key, d in self.baseline.keys_of(result):
            if self.left[key] > 0:
                self.left[key] -= 1
                out.append(d)
            elif self.moved[key[1:]] > 0:
                self.moved[key[1:]] -= 1
                out.append(d)
        return out

    def stale(self) -> Counter[Key]:
        """Entries this run could have used and did not: their findings were fixed. Only
        files the run checked count, and files that are gone from inside its paths (entries
        used by a moved file are not stale)."""
        out: Counter[Key] = Counter()
        moved = Counter(self.moved)
        for key, n in self.left.items():
            file, code, digest = key
            if n <= 0:
                continue
            if file in self.checked:
                out[key] = n
            elif file in self.gone and within(self.gone[file], self.roots):
                # Gone, and not used elsewhere: whatever a moved copy used is not stale.
                unused = min(n, moved[(code, digest)])
                if unused > 0:
                    out[key] = unused
                    moved[(code, digest)] -= unused
        return out

    def pruned(self, stale: Counter[Key]) -> Baseline:
        """The baseline without `stale` (what `stale()` answered)."""
        return Baseline(self.baseline.path, self.baseline.counts - stale)


def keep_others(new: Baseline, old: Baseline, roots: Sequence[str]) -> None:
    """Add to `new` (a run's record) `old`'s entries for files outside the run's `roots`."""
    absolute = [os.path.abspath(r) for r in roots]
    for key, n in old.counts.items():
        if not within(new.real_path(key[0]), absolute):
            new.counts[key] += n
