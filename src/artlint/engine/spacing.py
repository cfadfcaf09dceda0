"""What a round of deletions leaves between the lines it keeps: no blank line where two
comments shared a line, and no longer run of blank lines than the text had where lines were
deleted.

Feed debris comes as lines separated by blank lines (`</p>`, blank, comment, blank, comment,
blank, `<style>`...). Deleting each line alone is right, but together they leave the blank
lines that separated them in one run: a hole in the source, noise in the diff, a finding of
markdownlint's MD012, and in imported markup one more round of fixes for AL110.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from artlint.document.article import Document
from artlint.model.diagnostics import Edit, Span


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    parts = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def join_emptied_lines(doc: Document, edits: list[Edit]) -> list[Edit]:
    """Deletions that together empty a line become one deletion of the line, so that two
    comments on one line leave no blank line behind (which would end an HTML block)."""
    text = doc.text
    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        if not e.replacement and "\n" not in text[e.start : e.end]:
            by_line.setdefault(doc.lines.bounds(e.start)[0], []).append(e)
    dropped: set[int] = set()  # ids: list.remove per edit was quadratic on a one-line body
    joined: list[Edit] = []
    for line_start, group in by_line.items():
        if len(group) < 2:
            continue
        _, line_end = doc.lines.bounds(line_start)
        kept = apply_edits(
            text[line_start:line_end],
            [Edit.deletion(e.start - line_start, e.end - line_start) for e in group],
        )
        if kept.strip() or not text[line_start:line_end].strip():
            continue
        dropped.update(id(e) for e in group)
        joined.append(doc.deletion(Span(min(e.start for e in group), max(e.end for e in group))))
    if not dropped:
        return list(edits)
    return [e for e in edits if id(e) not in dropped] + joined


def keep_blank_runs(doc: Document, edits: list[Edit]) -> list[Edit]:
    """`edits`, changed so that the lines they delete leave no longer run of blank lines than
    one piece of it had.

    A zone is a stretch of lines each either blank (and untouched) or replaced whole by an
    edit that leaves only blank lines (a deletion leaves none; AL110 leaves one), holding at
    least one such edit. After the edits its blank lines form one run, made of pieces: the
    groups of untouched blank lines between edits, and what each edit leaves. One piece is
    kept: the blank lines an edit leaves if any does (that edit chose the spacing there; the
    one leaving most), else the largest group. The other groups are deleted, and the other
    edits delete their lines. Only in Markdown bodies, and outside code and HTML blocks:
    there a blank line is content (a fenced block, a `<pre>`).
    """
    if not doc.is_markdown or not edits:
        return edits
    text = doc.text
    starts = doc.lines.starts
    whole: dict[int, Edit] = {}  # first line of an edit replacing whole lines -> the edit
    covered: set[int] = set()  # lines (numbered from 0) replaced whole, line ending included
    touched: set[int] = set()  # lines another edit changes
    for e in edits:
        first = bisect.bisect_right(starts, e.start) - 1
        after = bisect.bisect_left(starts, e.end)
        if (
            starts[first] == e.start
            and after < len(starts)
            and starts[after] == e.end
            and after > first
            and (not e.replacement or (e.replacement.endswith("\n") and _blank(e.replacement)))
        ):
            covered.update(range(first, after))
            whole[first] = e
        else:
            touched.update(range(first, bisect.bisect_right(starts, e.end)))
    if not whole:
        return edits
    body_line = bisect.bisect_left(starts, doc.body.start)  # the first line all in the body

    def blank(n: int) -> bool:
        if n in touched or n in covered or n < body_line or n + 1 >= len(starts):
            return False  # the last line has no ending to delete
        return _blank(text[starts[n] : starts[n + 1]])

    changed: dict[int, Edit] = {}  # id of an edit -> what it becomes
    extra: list[Edit] = []
    done: set[int] = set()
    for n in sorted(whole):
        if n in done:
            continue
        low = n
        while low - 1 in covered or blank(low - 1):
            low -= 1
        high = n
        while high + 1 in covered or blank(high + 1):
            high += 1
        done.update(range(low, high + 1))
        emptied, deleted = _one_piece(doc, range(low, high + 1), covered, whole)
        changed.update(emptied)
        extra.extend(deleted)
    if not changed and not extra:
        return edits
    return [changed.get(id(e), e) for e in edits] + extra


def _blank(line: str) -> bool:
    """Blank as Markdown means it: spaces and tabs only (a line of no-break spaces is a
    paragraph)."""
    return not line.strip(" \t\r\n")


def _one_piece(
    doc: Document, zone: range, covered: set[int], whole: dict[int, Edit]
) -> tuple[dict[int, Edit], list[Edit]]:
    """What keeps one piece of a zone: the edits leaving blank lines that become deletions
    (by id), and deletions of untouched blank lines. Nothing when the zone joins no two
    pieces, or would delete a line in code or an HTML block (a `<pre>` shows it)."""
    groups: list[list[int]] = []  # runs of untouched blank lines
    leaving: list[Edit] = []  # edits that leave blank lines of their own
    for k in zone:
        if k not in covered:
            if groups and groups[-1][-1] == k - 1:
                groups[-1].append(k)
            else:
                groups.append([k])
        elif k in whole and whole[k].replacement:
            leaving.append(whole[k])
    if len(groups) + len(leaving) < 2:
        return {}, []
    starts = doc.lines.starts
    kept = max(leaving, key=lambda e: e.replacement.count("\n"), default=None)
    emptied = [e for e in leaving if e is not kept]
    kept_group = max(groups, key=len) if kept is None else None
    dropped = [k for g in groups if g is not kept_group for k in g]
    lines = [*dropped]
    for e in emptied:
        lines.extend(
            range(bisect.bisect_right(starts, e.start) - 1, bisect.bisect_left(starts, e.end))
        )
    regions = doc.regions
    if any(regions.in_code(starts[k]) or regions.html_block_at(starts[k]) for k in lines):
        return {}, []
    return (
        {id(e): Edit.deletion(e.start, e.end) for e in emptied},
        [Edit.deletion(starts[k], starts[k + 1]) for k in dropped],
    )
