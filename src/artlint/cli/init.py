"""`artlint init`: look at a content repository and write a commented starting configuration.

It finds the site generator (and so the content roots), suggests the shipped packs whose rules
find something in enough of the articles (a news portal's promo boxes: `rss-portal`; WordPress
block comments and shortcodes: `wordpress`), and lists as required the front-matter fields
that nearly every post already has. It prints what it found and why, writes `artlint.toml`
(or a `[tool.artlint]` table at the end of an existing `pyproject.toml`), and never replaces a
configuration without `--force`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from artlint.document.article import Document
from artlint.document.generator import LAYOUTS, detect_project
from artlint.document.images import IMAGE_FIELDS
from artlint.run.baseline import DEFAULT_NAME
from artlint.run.builtin import RULES as BUILTIN_RULES
from artlint.run.config import Resolver
from artlint.run.files import Target

REQUIRED_SHARE = 0.95  # a field most posts have: at least this share of them
# A pack is suggested when its signs are in at least this share of the articles: a docs site
# that mentions `[caption]` twice in 457 pages is not a WordPress import.
PACK_SHARE = 0.05


@dataclass(frozen=True)
class Survey:
    generator: str
    project: str  # the generator's project root, "" for none
    articles: int
    packs: dict[str, int]  # pack -> articles in which its rules find something
    required: tuple[str, ...]
    field_counts: dict[str, int]

    @property
    def suggested(self) -> list[str]:
        return sorted(p for p, n in self.packs.items() if n >= max(2, PACK_SHARE * self.articles))


def survey(root: str) -> Survey:
    """Read each article once, as `artlint check` would, and run every shipped pack's rules on
    it: a pack "shows" in an article when one of its rules finds something there."""
    from artlint.engine.check import check_document
    from artlint.rules import packs as shipped
    from artlint.run.article import read_document
    from artlint.run.targets import targets

    generator, project = detect_project(root)
    rules = {name: shipped.load(path).rules for name, path in shipped.available().items()}
    resolver = Resolver()
    showing: Counter[str] = Counter()
    fields: Counter[str] = Counter()
    articles = 0
    for target in targets([root], resolver):
        if not isinstance(target, Target):
            continue
        setting = resolver.settings_for(target.path, is_dir=False)
        generator_here = setting.generator_for(target.path)
        provenance = setting.provenance_for(target.path)
        _, doc = read_document(target.path, target.display, generator_here, provenance)
        if not isinstance(doc, Document):
            continue  # unreadable: `artlint check` reports it
        articles += 1
        for pack, pack_rules in rules.items():
            if check_document(doc, pack_rules, known=BUILTIN_RULES).diagnostics:
                showing[pack] += 1
        fm = doc.header.parsed
        if fm is not None:
            fields.update({key.name for key in fm.keys if _describes(key.name, key.parsed)})
    needed = max(1, int(articles * REQUIRED_SHARE + 0.999)) if articles else 1
    required = tuple(sorted(k for k, n in fields.items() if n >= needed and not _internal(k)))
    return Survey(generator, project, articles, dict(showing), required, dict(fields))


def _internal(key: str) -> bool:
    return key.startswith("artlint")


def _describes(name: str, value: object) -> bool:
    """Whether a field says something about the article that a post should not lack: not a
    switch (`comments: false`) and not a cover image, which feed importers fill with
    placeholders that AL305 and AL306 then remove."""
    return not isinstance(value, bool) and name not in IMAGE_FIELDS


def render(s: Survey) -> str:
    """The configuration, commented with where each line came from."""
    lines = ["# Written by `artlint init`; each setting says why it is here."]
    if s.generator != "none":
        roots = ", ".join(
            f"{c}/" if c else "the project root" for c in LAYOUTS[s.generator].content
        )
        lines += [
            f"# The site is {s.generator}: articles are read under {roots}.",
            f'generator = "{s.generator}"',
        ]
    else:
        lines.append("# No site generator found: every Markdown and HTML file is an article.")
    if s.packs:
        lines.append("# Packs, from the articles showing each pack's signs:")
        for pack, n in sorted(s.packs.items()):
            verdict = "" if pack in s.suggested else f" (under {PACK_SHARE:.0%}: not turned on)"
            lines.append(f"#   {pack}: {n} of {s.articles}{verdict}")
    names = ", ".join(f'"{p}"' for p in s.suggested)
    lines.append(f"packs = [{names}]" + ("" if names else "  # see `artlint rules --all`"))
    lines += [
        "# To accept what the articles hold today and see only new problems, run",
        "# `artlint check --write-baseline`, then uncomment:",
        f'# baseline = "{DEFAULT_NAME}"',
        "",
        "[metadata]",
    ]
    if s.required:
        lines.append(
            f"# Fields at least {REQUIRED_SHARE:.0%} of the {s.articles} articles already have:"
        )
        lines.append("#   " + ", ".join(f"{k} ({s.field_counts[k]})" for k in s.required))
        lines.append("required = [" + ", ".join(f'"{k}"' for k in s.required) + "]")
    else:
        lines.append('# No field is in nearly every article yet. required = ["title", "date"]')
        lines.append("required = []")
    return "\n".join(lines) + "\n"


def write(root: str, text: str, force: bool) -> tuple[str, str | None]:
    """Write the configuration into `root`: (the file written, or why nothing was)."""
    pyproject = os.path.join(root, "pyproject.toml")
    toml = os.path.join(root, "artlint.toml")
    if os.path.exists(toml) and not force:
        return toml, f"{toml} exists; run with --force to replace it"
    if os.path.exists(pyproject) and not os.path.exists(toml):
        with open(pyproject, encoding="utf-8") as fh:
            current = fh.read()
        if "[tool.artlint]" in current:
            if not force:
                return pyproject, f"{pyproject} has a [tool.artlint] table; run with --force"
            return pyproject, (
                f"{pyproject} has a [tool.artlint] table; --force replaces only artlint.toml,"
                " so edit that table by hand"
            )
        with open(pyproject, "a", encoding="utf-8") as fh:
            fh.write("\n" + _as_tool_table(text))
        return pyproject, None
    if os.path.exists(toml):  # --force
        from artlint.safe.writer import write_atomic

        write_atomic(toml, text.encode("utf-8"))
    else:
        with open(toml, "x", encoding="utf-8") as fh:
            fh.write(text)
    return toml, None


def _as_tool_table(text: str) -> str:
    """The same settings as a `[tool.artlint]` table and its `[tool.artlint.metadata]`."""
    return "[tool.artlint]\n" + text.replace("\n[metadata]\n", "\n[tool.artlint.metadata]\n")


def describe(s: Survey) -> Iterable[str]:
    yield f"artlint init: {s.articles} article(s)"
    if s.generator != "none":
        yield f"  site generator: {s.generator} (project at {s.project})"
    for pack, n in sorted(s.packs.items()):
        verdict = "suggested" if pack in s.suggested else "too few to suggest"
        yield f"  pack {pack}: its signs are in {n} article(s): {verdict}"
    if s.required:
        yield f"  required: {', '.join(s.required)}"
