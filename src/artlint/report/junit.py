"""JUnit XML: one test case per checked file, failing with its findings."""

from __future__ import annotations

import re
from typing import TextIO

from artlint.model.results import FileResult
from artlint.report.base import Reporter, ReportOptions, Summary

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def escape(text: str) -> str:
    from xml.sax.saxutils import escape as xml_escape  # only JUnit reports need it

    return xml_escape(_clean(text))


def quoteattr(text: str) -> str:
    from xml.sax.saxutils import quoteattr as xml_quoteattr

    return xml_quoteattr(_clean(text))


class JunitReporter(Reporter):
    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        super().__init__(out, fixing=fixing, options=options)
        self.cases: list[str] = []
        self.failures = 0

    def file(self, result: FileResult) -> None:
        super().file(result)
        name = quoteattr(result.path)
        if not result.diagnostics:
            self.cases.append(f'    <testcase classname="artlint" name={name}/>\n')
            return
        self.failures += 1
        body = "\n".join(
            f"{d.start.line}:{d.start.column}: {d.code} {d.message}" for d in result.diagnostics
        )
        count = len(result.diagnostics)
        message = quoteattr(f"{count} problem{'s' if count != 1 else ''}")
        self.cases.append(
            f'    <testcase classname="artlint" name={name}>\n'
            f"      <failure message={message}>{escape(body)}</failure>\n"
            "    </testcase>\n"
        )

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        s = self.summary
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(
            f'<testsuites><testsuite name="artlint" tests="{s.files}"'
            f' failures="{self.failures}" errors="0">\n'
        )
        self.out.writelines(self.cases)
        self.out.write("</testsuite></testsuites>\n")
        return s
