"""The library surface: check and fix text, files and trees of files. A facade over
artlint.run (and artlint.engine for text): import from here, not from the layers.

>>> from artlint.api import check_text
>>> [d.code for d in check_text("<p>a</p>\\n<!-- ad -->\\n")]
['AL101']
"""

from __future__ import annotations

__all__ = [
    "Diagnostic",
    "FileResult",
    "FixResult",
    "check_bytes",
    "check_file",
    "check_paths",
    "check_text",
    "fix_bytes",
    "fix_file",
    "fix_paths",
    "fix_text",
]

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from artlint.document import Document
from artlint.engine.check import RuleLike, check_document
from artlint.model.diagnostics import Diagnostic
from artlint.model.results import FileResult
from artlint.run.article import (
    check_bytes,
    check_file,
    fix_bytes,
    fix_file,
)
from artlint.run.builtin import RULES, default_rules
from artlint.run.config import Resolver
from artlint.run.targets import targets

if TYPE_CHECKING:
    from artlint.engine.fixer import FixResult


def __getattr__(name: str) -> object:
    # FixResult is public, but importing the fixer (and its oracle) costs every check run
    # that never fixes: it is imported when asked for.
    if name == "FixResult":
        from artlint.engine.fixer import FixResult

        return FixResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_text(
    text: str,
    path: str = "-",
    rules: Sequence[RuleLike] | None = None,
    *,
    provenance: str = "auto",
    resolver: Resolver | None = None,
) -> list[Diagnostic]:
    """The findings on `text`, an article's content, sorted by position.

    `path` names the article in the findings. When it is a real path (not "-") and `rules` is
    not given, the project's configuration is discovered from it, as `check_paths` does: its
    rules and packs, per-file-ignores, generator and provenance. Settings given here win:
    `rules` (see `artlint.run.builtin.default_rules`) and `provenance` ("imported", "authored" or
    "auto": see artlint.document.provenance). Pass one `resolver` to many calls so that each
    configuration file is read once. Raises `artlint.run.config.ConfigError` for a broken
    configuration.
    """
    doc, chosen = _text_document(text, path, rules, provenance, resolver)
    return list(check_document(doc, chosen, known=RULES).diagnostics)


def fix_text(
    text: str,
    path: str = "-",
    *,
    unsafe: bool = False,
    rules: Sequence[RuleLike] | None = None,
    provenance: str = "auto",
    resolver: Resolver | None = None,
) -> FixResult:
    """`text` with its fixes applied (safe ones; unsafe ones too with `unsafe`), as
    `artlint fix` would write it: `result.document.text` is the fixed text, `result.applied`
    and `result.remaining` the findings fixed and left. Settings as in `check_text`."""
    from artlint.engine.fixer import fix_document  # the fixer and its oracle: only when fixing

    doc, chosen = _text_document(text, path, rules, provenance, resolver)
    return fix_document(doc, chosen, unsafe=unsafe, known=RULES)


def _text_document(
    text: str,
    path: str,
    rules: Sequence[RuleLike] | None,
    provenance: str,
    resolver: Resolver | None,
) -> tuple[Document, Sequence[RuleLike]]:
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    if rules is not None or path == "-":
        chosen = default_rules() if rules is None else rules
        return Document(path, body, bom, provenance=provenance), chosen
    settings = (resolver or Resolver()).settings_for(path, is_dir=False)
    if provenance == "auto":
        provenance = settings.provenance_for(path)
    generator = settings.generator_for(path)
    doc = Document(path, body, bom, generator=generator, provenance=provenance)
    return doc, settings.rules_for(path)


def check_paths(
    paths: Iterable[str],
    rules: Sequence[RuleLike] | None = None,
    resolver: Resolver | None = None,
) -> Iterator[FileResult]:
    """Check files and folders, in this process and without the cache. Rules come from
    `rules` when given, else from the configuration found for each file."""
    from artlint.run.runner import RunOptions, run  # the one per-file pipeline the CLI uses too

    resolver = resolver or Resolver()
    options = RunOptions(cache=False, rules=None if rules is None else tuple(rules))
    yield from run(targets(paths, resolver), resolver, options)


def fix_paths(
    paths: Iterable[str],
    *,
    unsafe: bool = False,
    write: bool = False,
    rules: Sequence[RuleLike] | None = None,
    resolver: Resolver | None = None,
) -> Iterator[FileResult]:
    """Fix files and folders; with `write`, replace the files whose fixes apply."""
    from artlint.run.runner import RunOptions, roots_of, run

    paths = list(paths)
    resolver = resolver or Resolver()
    options = RunOptions(
        cache=False,
        fix=True,
        write=write,
        unsafe=unsafe,
        roots=roots_of(paths),
        rules=None if rules is None else tuple(rules),
    )
    # The whole walk first: a configuration error must stop the run before any write.
    yield from run(list(targets(paths, resolver)), resolver, options)
