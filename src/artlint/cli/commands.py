"""The `artlint` commands besides `check` and `fix`: rules and their pages, the effective
configuration, the cache, `init` and the language server."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from artlint.cli.options import EXIT_CLEAN, EXIT_ERROR, config_errors
from artlint.report.terminal import safe
from artlint.rules.base import Rule
from artlint.run.config import Overrides, Resolver


def list_rules(output_format: str, all_packs: bool = False, docs: str | None = None) -> int:
    """List the rules: code, name, default severity, fixability; then the rules of the packs
    enabled in this folder's configuration (with --all, of every shipped pack). With --docs
    DIR, write a Markdown page per rule there instead."""
    from artlint.rules import packs
    from artlint.run.builtin import RULES

    if docs is not None:
        from artlint.report.rule_pages import write_pages

        written = write_pages(docs)
        print(f"Wrote {len(written) - 1} rule pages and an index to {docs}")
        return EXIT_CLEAN

    enabled = {e.rule.code for e in Resolver().settings_for(os.getcwd(), is_dir=True).rules}
    groups: list[tuple[str | None, bool, tuple[Rule[Any], ...]]] = [(None, True, RULES)]
    for name, path in packs.available().items():
        rules = packs.load(path).rules
        on = any(r.code in enabled for r in rules)
        if on or all_packs:
            groups.append((name, on, rules))

    if output_format == "json":
        entries = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fixability": r.fixability.value,
                "summary": r.summary,
                "pack": pack,
                "enabled": on,
                "documentation": r.doc.strip(),
            }
            for pack, on, rules in groups
            for r in rules
        ]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        return EXIT_CLEAN

    header = ("code", "name", "severity", "fix", "summary")
    every = [
        (r.code, r.name, r.severity.value, r.fixability.value) for _, _, g in groups for r in g
    ]
    widths = [max(len(str(row[i])) for row in [header, *every]) for i in range(4)]

    def show(row: tuple[str, ...]) -> None:
        cells = [str(c).ljust(w) for c, w in zip(row[:4], widths, strict=True)]
        print("  ".join([*cells, row[4]]).rstrip())

    show(header)
    for pack, on, rules in groups:
        if pack is not None:
            state = "enabled" if on else f'not enabled: add packs = ["{pack}"]'
            print(f"\npack {pack} ({state})")
        for r in rules:
            show((r.code, r.name, r.severity.value, r.fixability.value, r.summary))
    if not all_packs:
        print("\n(`artlint rules --all` also lists the rules of the packs not enabled here)")
    return EXIT_CLEAN


def show_rule(key: str) -> int:
    """Print a rule's documentation."""
    from artlint.report.rule_pages import find

    page = find(key)
    if page is None:
        print(f"artlint: unknown rule '{key}' (see `artlint rules`)", file=sys.stderr)
        return EXIT_ERROR
    rule = page.rule
    print(f"{rule.code} {rule.name}")
    print(f"Default severity: {rule.severity.value}. Fix: {rule.fixability.value}.\n")
    print(page.doc)
    return EXIT_CLEAN


def clean(cache_dir: str | None) -> int:
    """Remove the result cache (.artlint_cache in this folder, or --cache-dir)."""
    import shutil

    from artlint.run.cache import CACHE_DIR

    folder = cache_dir or CACHE_DIR
    if os.path.isdir(folder):
        shutil.rmtree(folder)
        print(f"Removed {folder}")
    return EXIT_CLEAN


def show_config(path: str, config: str | None, isolated: bool, output_format: str = "toml") -> int:
    """Print the effective configuration for a path, as TOML that can be pasted into an
    artlint.toml (or JSON), and the files it came from."""
    from artlint.cli import config_output

    with config_errors():
        settings = Resolver(Overrides(config_file=config, isolated=isolated)).settings_for(path)
    table = config_output.effective(settings, path)
    if output_format == "json":
        print(config_output.as_json({"path": path, "sources": list(settings.sources), **table}))
        return EXIT_CLEAN
    print(f"# for {safe(path)}")
    if settings.sources:
        print("# from " + " <- ".join(safe(s) for s in settings.sources))
    else:
        print("# from built-in defaults (no configuration file found)")
    print(config_output.as_toml(table))
    return EXIT_CLEAN


def init(path: str, force: bool) -> int:
    """Look at the articles and write a commented starting configuration (artlint.toml)."""
    from artlint.cli import init as setup

    if not os.path.isdir(path):
        print(f"artlint: {safe(path)} is not a folder", file=sys.stderr)
        return EXIT_ERROR
    survey = setup.survey(path)
    for line in setup.describe(survey):
        print(safe(line))
    written, refused = setup.write(path, setup.render(survey), force)
    if refused is not None:
        print(f"artlint: {safe(refused)}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote {safe(written)}")
    return EXIT_CLEAN


def serve(tcp: str | None) -> int:
    """Run the language server for editors (LSP on stdio; --tcp HOST:PORT)."""
    try:
        from artlint.server.lsp import main as serve_lsp
    except ImportError as exc:
        print(
            f"artlint: the server needs the 'server' extra ({exc.name} is missing):"
            " pip install 'artlint[server]'",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return serve_lsp(tcp)
