"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Rules come from the run's rule set (`ReportOptions.rules`, and artlint.run.builtin for the
engine's own findings) with their documentation as help text; results carry
regions in 1-based lines and Unicode code point columns (`columnKind: unicodeCodePoints`) plus
byte offsets, and fixes as `artifactChanges` with byte-addressed replacements.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO
from urllib.parse import quote

from artlint import __version__
from artlint.model.diagnostics import Diagnostic
from artlint.model.results import FileResult
from artlint.report.base import Reporter, ReportOptions, Summary
from artlint.rules.base import Rule

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_WHAT = re.compile(r"## What it does\n(.*?)(?:\n\n|\n##|$)", re.DOTALL)


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"))


def help_uri(template: str | None, code: str, name: str) -> str | None:
    """A rule's page under the configured `docs-url`, if there is one (SARIF's helpUri, the
    editor's link on a diagnostic)."""
    return None if template is None else template.format(code=code, name=name)


def _rule_json(rule: Rule[Any], docs_url: str | None) -> dict[str, Any]:
    what = _WHAT.search(rule.doc)
    full = " ".join(what.group(1).split()) if what else rule.summary
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {"fixability": rule.fixability.value},
    }
    uri = help_uri(docs_url, rule.code, rule.name)
    if uri is not None:
        out["helpUri"] = uri
    return out


class SarifReporter(Reporter):
    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        super().__init__(out, fixing=fixing, options=options)
        self.rules: dict[str, Rule[Any]] = {r.code: r for r in self.options.rules}
        self.results: list[tuple[Diagnostic, str]] = []
        self.failed = False

    def file(self, result: FileResult) -> None:
        super().file(result)
        self.failed |= result.internal_error
        self.results.extend((d, result.path) for d in result.diagnostics)

    def _result(self, d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(d.path)},
                "region": {
                    "startLine": d.start.line,
                    "startColumn": d.start.column,
                    "endLine": d.end.line,
                    "endColumn": d.end.column,
                    "byteOffset": d.start.offset,
                    "byteLength": d.end.offset - d.start.offset,
                },
            }
        }
        out: dict[str, Any] = {
            "ruleId": d.code,
            "level": _LEVEL[d.severity.value],
            "message": {"text": d.message},
            "locations": [location],
        }
        if d.code in index:
            out["ruleIndex"] = index[d.code]
        if d.fix is not None:
            replacements = [
                {
                    "deletedRegion": {"byteOffset": start, "byteLength": end - start},
                    "insertedContent": {"text": e.replacement},
                }
                for e, (start, end) in zip(d.fix.edits, d.edit_offsets, strict=True)
            ]
            out["fixes"] = [
                {
                    "description": {"text": f"{d.fix.title} ({d.fix.applicability.value})"},
                    "artifactChanges": [
                        {"artifactLocation": {"uri": _uri(d.path)}, "replacements": replacements}
                    ],
                }
            ]
        return out

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        from artlint.run.builtin import lookup

        if self.options.more_rules is not None:
            for known in self.options.more_rules():
                self.rules.setdefault(known.code, known)
        for d, _ in self.results:  # findings the engine makes itself (AL001, AL999)
            if d.code not in self.rules:
                rule = lookup(d.code)
                if rule is not None:
                    self.rules[d.code] = rule
        rules = sorted(self.rules.values(), key=lambda r: r.code)
        index = {r.code: i for i, r in enumerate(rules)}
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "artlint",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "rules": [_rule_json(r, self.options.docs_url) for r in rules],
                        }
                    },
                    "invocations": [{"executionSuccessful": not self.failed}],
                    "columnKind": "unicodeCodePoints",
                    "results": [self._result(d, index) for d, _ in self.results],
                }
            ],
        }
        json.dump(log, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
        return self.summary
