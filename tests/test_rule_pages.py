"""Rule pages (`artlint rules --docs DIR`) and the `docs-url` links to them in reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from artlint.rules import packs
from artlint.run.builtin import RULES
from cli_runner import invoke

FRONT = "---\ntitle: t\ndate: 2024-01-01\nartlint-provenance: imported\n---\n"


def _every_code() -> list[str]:
    codes = [r.code for r in RULES]
    for path in packs.available().values():
        codes += [r.code for r in packs.load(path).rules]
    return codes


def test_every_rule_gets_a_page_and_an_index_row(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    result = invoke(["rules", "--docs", str(out)])
    assert result.exit_code == 0, result.output
    codes = _every_code()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{c}.md" for c in codes] + ["index.md"]
    )
    index = (out / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"^\| \[(\w+)\]\(\1\.md\) \|", index, re.M) == codes
    page = (out / "RSS101.md").read_text(encoding="utf-8")
    assert page.startswith("# RSS101 qr-promo-block\n\nDefault severity: warning. Fix: unsafe.")
    assert "Rule set: pack `rss-portal`." in page and "## Use instead\n```html\n" in page
    # A shipped pack's page does not name the folder artlint happens to be installed in.
    assert "(shipped with artlint)" in page and str(packs.builtin_folder()) not in page
    al101 = (out / "AL101.md").read_text(encoding="utf-8")
    assert "Rule set: built-in." in al101 and "## Why is this bad" in al101


def test_sarif_links_each_rule_to_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Report settings come from the configuration of the folder artlint runs in, as in ruff.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "artlint.toml").write_text(
        'docs-url = "https://lint.example.org/rules/{code}.html"\n', encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(FRONT + "<p>a</p>\n<!-- ad -->\n", encoding="utf-8")
    result = invoke(["check", str(tmp_path), "--output-format", "sarif", "--no-cache"])
    rules = json.loads(result.output)["runs"][0]["tool"]["driver"]["rules"]
    al101 = next(r for r in rules if r["id"] == "AL101")
    assert al101["helpUri"] == "https://lint.example.org/rules/AL101.html"
    assert all(r["helpUri"].endswith(f"/{r['id']}.html") for r in rules)


def test_without_docs_url_sarif_has_no_help_uri(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(FRONT + "<p>a</p>\n<!-- ad -->\n", encoding="utf-8")
    result = invoke(["check", str(tmp_path), "--output-format", "sarif", "--no-cache"])
    rules = json.loads(result.output)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not any("helpUri" in r for r in rules)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"https://x.org/rules"', "expected an http(s) URL with {code} or {name} in it"),
        ('"file:///etc/{code}"', "expected an http(s) URL with {code} or {name} in it"),
        ("3", "expected an http(s) URL with {code} or {name} in it"),
        ('"https://x.org/{code}/{path}"', "only {code} and {name} may be filled in"),
    ],
)
def test_a_bad_docs_url_stops_the_run(tmp_path: Path, value: str, expected: str) -> None:
    (tmp_path / "artlint.toml").write_text(f"docs-url = {value}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(FRONT + "x\n", encoding="utf-8")
    result = invoke(["check", str(tmp_path)])
    assert result.exit_code == 2
    assert f"artlint.toml: docs-url: {expected}" in result.output


def test_docs_url_round_trips_through_artlint_config(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text('docs-url = "https://x.org/{name}"\n', encoding="utf-8")
    result = invoke(["config", str(tmp_path)])
    assert 'docs-url = "https://x.org/{name}"' in result.output
