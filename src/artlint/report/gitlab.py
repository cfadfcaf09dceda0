"""GitLab Code Quality report: a JSON list of issues with stable fingerprints.

A fingerprint is a hash of the path, the rule, the text of the finding and how many identical
findings came before it in the file, so it survives lines added above it and two equal
findings on one page stay distinct.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from artlint.model.results import FileResult
from artlint.report.base import Reporter, ReportOptions, Summary

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(Reporter):
    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        super().__init__(out, fixing=fixing, options=options)
        self.issues: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        super().file(result)
        seen: dict[tuple[str, str], int] = {}
        for d in result.diagnostics:
            snippet = result.text[d.span.start : d.span.end] if result.text else d.message
            key = (d.code, snippet)
            seen[key] = seen.get(key, 0) + 1
            digest = hashlib.sha256(
                "\0".join([d.path, d.code, snippet, str(seen[key])]).encode()
            ).hexdigest()
            self.issues.append(
                {
                    "type": "issue",
                    "check_name": d.code,
                    "description": f"{d.code} {d.message}",
                    "categories": ["Style"],
                    "severity": _SEVERITY[d.severity.value],
                    "fingerprint": digest,
                    "location": {
                        "path": d.path,
                        "lines": {"begin": d.start.line, "end": d.end.line},
                    },
                }
            )

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        json.dump(self.issues, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
        return self.summary
