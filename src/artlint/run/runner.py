"""A run over many files: the result cache, and worker processes for large runs.

Work is handed out in chunks so that per-file overhead stays small, and results come back in
the order of the files, so `--jobs 4` prints exactly what `--jobs 1` prints. `--jobs 1` (and
any run too small to pay for starting workers, judged by its files' count and sizes) stays in
this process, which is easier to debug and cheaper than starting workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from artlint.document.article import Document, Unreadable
from artlint.engine.check import RuleLike, configured
from artlint.model.diagnostics import Diagnostic
from artlint.model.results import FileResult, Renderer, fix_counts
from artlint.model.results import render as render_result
from artlint.rules.base import Configured
from artlint.run import article
from artlint.run.cache import CACHE_DIR, Cache, entry_key, settings_key
from artlint.run.config import Overrides, Resolver, Settings
from artlint.run.files import Missing, Target

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# Starting two workers costs about 0.1 s of wall time. A run is estimated at PER_FILE for each
# file and PER_BYTE for each of its bytes (measured on one-line and 2.5 KB articles, CPU of a
# check, 2026-12); below PARALLEL_AFTER seconds of estimated work, one process finishes first.
PER_FILE = 200e-6
PER_BYTE = 0.26e-6
PARALLEL_AFTER = 0.15
CHUNK = 32  # files a worker takes at a time
AHEAD = 4  # chunks (or cache hits) per worker handed out before the first is done


@dataclass(frozen=True)
class RunOptions:
    jobs: int = 1
    cache: bool = True
    cache_dir: str | None = None  # default: .artlint_cache at each project root
    fix: bool = False
    write: bool = False
    unsafe: bool = False
    keep_text: bool = True  # False: results travel without the file's text (cheaper)
    roots: tuple[str, ...] | None = None  # real paths a fix may write under
    rules: tuple[RuleLike, ...] | None = None  # instead of each file's configured rules
    # Results carry the file's report text instead of its findings (see Reporter.renderer).
    render: Renderer | None = None


def roots_of(paths: Sequence[str]) -> tuple[str, ...]:
    """Where a fix may write: inside each folder named, and beside each file named. A named
    file that is a symlink (a shell glob names links as readily as files) is written through
    only when its target is in the same real folder, as the walk does for the links it meets:
    `fix --write sl/post.md` must not rewrite a file outside the tree."""
    return tuple(
        os.path.realpath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)))
        for p in paths
    )


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class _Setup:
    """What checking a file needs besides the file."""

    settings: Settings
    rules: tuple[Configured[Any], ...]
    generator: str
    provenance: str
    unsafe: bool
    cache: Cache | None
    settings_key: str


class Worker:
    """Checks or fixes one file at a time, with the settings and cache of its project."""

    def __init__(self, resolver: Resolver, options: RunOptions) -> None:
        self.resolver = resolver
        self.options = options
        self._caches: dict[str, Cache] = {}
        self._keys: dict[tuple[int, tuple[str, ...], str], str] = {}
        self._setups: dict[str, _Setup] = {}

    def _cache(self, settings: Settings) -> Cache | None:
        if not self.options.cache:
            return None
        # The project root: the configuration file's folder, or where artlint was started.
        root = settings.root if settings.sources else os.getcwd()
        folder = self.options.cache_dir or os.path.join(root, CACHE_DIR)
        if folder not in self._caches:
            self._caches[folder] = Cache(folder)
        return self._caches[folder]

    def _settings_key(
        self, settings: Settings, rules: Sequence[Configured[Any]], generator: str, provenance: str
    ) -> str:
        memo = (id(settings), tuple(c.rule.code for c in rules), f"{generator}\0{provenance}")
        if memo not in self._keys:
            self._keys[memo] = settings_key(rules, memo[2])
        return self._keys[memo]

    def _setup(self, path: str) -> _Setup:
        # Every file of a folder has the same settings; only per-file-ignores tell them apart.
        folder = os.path.dirname(path)
        setup = self._setups.get(folder)
        if setup is None:
            settings = self.resolver.settings_for(path, is_dir=False)
            generator = settings.generator_for(path)
            rules = configured(self.options.rules or settings.rules)
            setup = _Setup(
                settings,
                rules,
                generator,
                settings.provenance,
                self.options.unsafe or settings.unsafe_fixes,
                self._cache(settings),
                ""
                if not self.options.cache
                else self._settings_key(settings, rules, generator, settings.provenance),
            )
            self._setups[folder] = setup
        settings = setup.settings
        if settings.per_file_provenance:
            setup = replace(setup, provenance=settings.provenance_for(path))
        if self.options.rules is None and settings.per_file_ignores:
            setup = replace(setup, rules=configured(settings.rules_for(path)))
        if setup.cache is not None and (settings.per_file_provenance or settings.per_file_ignores):
            key = self._settings_key(settings, setup.rules, setup.generator, setup.provenance)
            setup = replace(setup, settings_key=key)
        return setup

    def probe(self, targets: Sequence[Target | Missing]) -> list[FileResult | None]:
        """For each target, the result when it needs no checking: a cache hit, a missing or
        unreadable file. None otherwise; without a cache the file is not even read. The
        cache is asked about all of them at once."""
        out: list[FileResult | None] = []
        loaded: list[tuple[int, _Setup, bytes, bytes, str]] = []
        for target in targets:
            if isinstance(target, Missing):
                out.append(article.missing(target))
                continue
            setup = self._setup(target.path)
            found = None if setup.cache is None else self._read(target, setup)
            if isinstance(found, tuple):
                loaded.append((len(out), setup, found[1], found[0], target.display))
                found = None
            out.append(found)
        for cache in {id(s.cache): s.cache for _, s, *_ in loaded}.values():
            assert cache is not None
            cache.prefetch([key for _, s, key, *_ in loaded if s.cache is cache])
        for i, setup, key, raw, display in loaded:
            out[i] = self._hit(setup, key, raw, display)
        return out

    def _read(self, target: Target, setup: _Setup) -> tuple[bytes, bytes] | FileResult:
        """The file's bytes and its cache key (empty without a cache); or the finding that it
        cannot be read. Decoding waits for a miss: an undecodable file is never stored."""
        raw = article.read_bytes(target.path, target.display)
        if isinstance(raw, Unreadable):
            return article.check_loaded(raw, setup.rules)
        key = entry_key(setup.settings_key, raw, target.display) if setup.cache else b""
        return raw, key

    def _hit(self, setup: _Setup, key: bytes, raw: bytes, display: str) -> FileResult | None:
        assert setup.cache is not None
        render = self.options.render
        if render is not None and not self.options.fix:  # a fix run must see what is fixable
            rendered = setup.cache.get_rendered(key, render.tag)
            if rendered is not None:
                return FileResult(display, (), rendered=rendered)
        hit = setup.cache.get(key, display)
        if hit is None or (self.options.fix and _fixable(hit, setup.unsafe)):
            return None  # a fix run must fix what the cache says is fixable
        text = None
        if self.options.keep_text:
            doc = Document.from_bytes(raw, display, setup.generator, setup.provenance)
            if isinstance(doc, Unreadable):
                return None
            text = doc.text
        result = FileResult(display, hit, text=text)
        return result if render is None else render_result(result, render)

    def one(self, target: Target | Missing, probed: bool = False) -> FileResult:
        """Check or fix the file; `probed`: `probe` found no usable cache entry for it."""
        if isinstance(target, Missing):
            return article.missing(target)
        setup = self._setup(target.path)
        loaded = self._read(target, setup)
        if isinstance(loaded, FileResult):
            return loaded
        raw, key = loaded
        if setup.cache is not None and not probed:
            hit = self._hit(setup, key, raw, target.display)
            if hit is not None:
                return hit
        doc = Document.from_bytes(raw, target.display, setup.generator, setup.provenance)
        if isinstance(doc, Unreadable):
            return article.check_loaded(doc, setup.rules)
        if self.options.fix:
            result = article.fix_loaded(
                target.path,
                raw,
                doc,
                setup.rules,
                unsafe=setup.unsafe,
                write=self.options.write,
                roots=self.options.roots,
            )
        else:
            result = article.check_loaded(doc, setup.rules)
        render = self.options.render
        rendered = None if render is None else render_result(result, render)
        if setup.cache is not None and not result.internal_error and result.fixed_bytes is None:
            report = None if rendered is None else rendered.rendered
            setup.cache.put(key, result.diagnostics, report, render.tag if render else "")
        return result if rendered is None else rendered

    def flush(self) -> None:
        """Write the cache entries still held back (they are written in batches)."""
        for cache in self._caches.values():
            cache.flush()

    def close(self, prune: bool = True) -> None:
        for cache in self._caches.values():
            cache.close(prune)


def _fixable(found: Sequence[Diagnostic], unsafe: bool) -> bool:
    safe, unsafe_only = fix_counts(found)
    return safe > 0 or (unsafe and unsafe_only > 0)


_worker: Worker | None = None


def _start(overrides: Overrides, options: RunOptions) -> None:
    global _worker
    _worker = Worker(Resolver(overrides), options)


def _chunk(items: list[Target | Missing]) -> list[FileResult]:
    assert _worker is not None
    # This process's probe found these files missing from the cache.
    results = [_worker.one(t, probed=True) for t in items]
    _worker.flush()
    if _worker.options.keep_text:
        return results
    if _worker.options.write:
        # A written file's texts (as read, as fixed, and the fix's documents) stay here:
        # shipping three copies of every fixed file cost a sixth of a `fix --write` run.
        # `applied` and `written` say what happened.
        return [replace(r, text=None, fix=None, fixed_bytes=None) for r in results]
    return [replace(r, text=None) if r.text is not None else r for r in results]


def _enough_work(items: Iterator[Target | Missing]) -> tuple[list[Target | Missing], bool]:
    """The items read so far, and whether they already make enough work for workers (it reads
    on only until they do, so a long walk still streams)."""
    head: list[Target | Missing] = []
    estimate = 0.0
    for item in items:
        head.append(item)
        if isinstance(item, Target):
            try:
                size = os.stat(item.path).st_size
            except OSError:
                size = 0
            estimate += PER_FILE + PER_BYTE * size
            if estimate >= PARALLEL_AFTER:
                return head, True
    return head, False


def run(
    items: Iterable[Target | Missing], resolver: Resolver, options: RunOptions
) -> Iterator[FileResult]:
    """Results for `items`, in order; `items` may be a walk still going on. `resolver` is the
    one the walk used: each configuration file is read once in this process (worker processes
    make their own from its overrides)."""
    items = iter(items)
    head, worth_it = _enough_work(items) if options.jobs > 1 else ([], False)
    items = chain(head, items)
    if not worth_it:
        worker = Worker(resolver, options)
        try:
            for item in items:
                yield worker.one(item)
        finally:
            worker.close()
        return
    # This process answers what needs no checking (cache hits above all) and hands the rest
    # to the workers in chunks as it goes. The workers start at the first miss: a run of hits
    # starts none.
    here = Worker(resolver, options)
    queue: deque[FileResult | Future[list[FileResult]]] = deque()
    misses: list[Target | Missing] = []
    pool: ProcessPoolExecutor | None = None

    def hand_out() -> None:
        nonlocal pool
        if pool is None:
            from concurrent.futures import ProcessPoolExecutor

            # Workers are forked: they must not inherit an open database connection. Pruning
            # waits for the end of the run, off the way to the first result.
            here.close(prune=False)

            pool = ProcessPoolExecutor(
                max_workers=options.jobs, initializer=_start, initargs=(resolver.overrides, options)
            )
        queue.append(pool.submit(_chunk, misses.copy()))
        misses.clear()

    try:
        while batch := list(islice(items, CHUNK)):
            for item, found in zip(batch, here.probe(batch), strict=True):
                if found is None:
                    misses.append(item)
                    if len(misses) == CHUNK:
                        hand_out()
                else:
                    if misses:
                        hand_out()  # results leave in order: earlier misses go first
                    queue.append(found)
            # Results leave as soon as they are ready, and no more than AHEAD chunks per
            # worker wait: memory stays flat however long the walk.
            while queue and (
                isinstance(queue[0], FileResult)
                or queue[0].done()
                or len(queue) > AHEAD * options.jobs
            ):
                yield from _results(queue.popleft())
        if misses:
            hand_out()
        while queue:
            yield from _results(queue.popleft())
    finally:
        if pool is not None:
            # Cancels what is still queued when the caller stops early.
            pool.shutdown(cancel_futures=True)
        here.close()


def _results(entry: FileResult | Future[list[FileResult]]) -> list[FileResult]:
    return [entry] if isinstance(entry, FileResult) else entry.result()
