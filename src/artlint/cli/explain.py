"""`artlint check --explain`: how artlint sees each article before any rule runs.

One line a file: whether its markup is imported or authored and why (artlint.document.provenance),
the lines of the imported regions of a hand-written file, the site generator and whether the
article counts as a post or a page there (artlint.document.generator). Nothing is checked, and the
exit status is 0 unless a path or the configuration is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from artlint.document.article import Unreadable
from artlint.document.generator import article_kind
from artlint.document.provenance import Provenance
from artlint.report.terminal import safe
from artlint.run.article import read_document
from artlint.run.config import Resolver
from artlint.run.files import Missing
from artlint.run.targets import targets


def explain(paths: Sequence[str], resolver: Resolver, force_exclude: bool, out: TextIO) -> int:
    status = 0
    for target in targets(paths, resolver, force_exclude=force_exclude):
        if isinstance(target, Missing):
            out.write(f"{safe(target.display)}: {target.reason}\n")
            status = 2
            continue
        settings = resolver.settings_for(target.path, is_dir=False)
        generator = settings.generator_for(target.path)
        provenance = settings.provenance_for(target.path)
        _, doc = read_document(target.path, target.display, generator, provenance)
        if isinstance(doc, Unreadable):
            out.write(f"{safe(target.display)}: unreadable: {doc.message}\n")
            continue
        origin = doc.origin
        kind = article_kind(target.path, generator)
        article = "an" if generator[:1] in "aeiou" else "a"
        where = (
            "no site generator found" if generator == "none" else f"{article} {generator} {kind}"
        )
        line = f"{safe(target.display)}: {origin.file.value} ({origin.reason}); {where}"
        if origin.file is Provenance.AUTHORED and origin.imported:
            regions = ", ".join(
                f"{doc.lines.position(start).line}-{doc.lines.position(max(start, end - 1)).line}"
                for start, end in origin.imported
            )
            line += f"; imported lines {regions}"
        out.write(safe(line) + "\n")
    return status
