"""Coverage-guided fuzzing of the document model and the fixer (atheris).

    pip install -e '.[fuzz]'
    mkdir -p /tmp/fuzz-corpus
    python fuzz/fuzz_document.py /tmp/fuzz-corpus examples/ -max_total_time=300 -max_len=4096

(the first folder collects new inputs; `examples/` seeds it).

For any bytes: reading never raises; every rule runs without crashing; tokens and code regions
tile the body; and a safe fix is refused, or gives text whose second fix changes nothing.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from artlint.document import Document, Unreadable
    from artlint.engine.check import check_document
    from artlint.engine.fixer import fix_document
    from artlint.run.builtin import RULES as BUILTIN
    from artlint.run.builtin import default_rules

RULES = default_rules()


def one(data: bytes) -> None:
    doc = Document.from_bytes(data, "fuzz.md")
    if isinstance(doc, Unreadable):
        return
    checked = check_document(doc, RULES, known=BUILTIN)
    assert not checked.crashed, checked.tracebacks
    pieces = sorted(
        [(t.start, t.end) for t in doc.markup.tokens] + [(r.start, r.end) for r in doc.regions.code]
    )
    pos = doc.body.start
    for start, end in pieces:
        assert start == pos, (start, pos)
        pos = end
    assert pos == doc.body.end
    result = fix_document(doc, RULES, known=BUILTIN)
    assert not result.crashed, result
    if result.changed and not result.refused:
        again = fix_document(result.document, RULES, known=BUILTIN)
        assert not again.changed, (doc.text, result.document.text, again.document.text)


def main() -> None:
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
