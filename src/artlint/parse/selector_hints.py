"""The selector pre-check: literals a CSS selector needs in the source text to match.

A selector rule runs on every document, and most documents hold nothing it could match.
Before any matching, `Markup.select` asks whether the body contains, for some part of the
selector, all of that part's classes, ids, attribute names, plain value words and type names;
if not, nothing can match. The check may let through a document that has no match; it must
never turn away one that has.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Literals a selector needs in the source to match: classes, ids, attribute names and quoted
# values, and type selectors (as "<name").
_SELECTOR_PART = re.compile(
    r"[.#]([-\w]+)|\[\s*([-\w]+)\s*(?:[~|^$*]?=\s*[\"']([^\"']+)[\"'])?|(?:^|[\s>+~])([a-zA-Z][-\w]*)"
)


@lru_cache(maxsize=256)  # a pack asks the same few selectors of every document
def hint_groups(selector: str) -> tuple[tuple[tuple[str, bool], ...], ...]:
    """For each comma-separated part of a selector, literals that must all be in the text, and
    whether they may be in any case (tag and attribute names)."""
    groups = []
    # What :not(...) and other pseudo-classes name is not required; drop them. Values compared
    # without case (`[a="b" i]`) may be written in any case; keep only their attribute name.
    selector = re.sub(r":[-\w]+\([^)]*\)", "", selector)
    selector = re.sub(r"=\s*(\"[^\"]*\"|'[^']*')\s+[iI]\s*\]", "]", selector)
    for part in selector.split(","):
        hints: list[tuple[str, bool]] = []
        for cls_or_id, attr, value, tag in _SELECTOR_PART.findall(part.strip()):
            # A value may be written with references (`a&amp;b`) or other spacing
            # (`class=" a  b "`): only its words without `&` must be there as they are.
            words = [(w, False) for w in value.split() if "&" not in w]
            if words:
                hints.extend(words)
            elif cls_or_id:
                hints.append((cls_or_id, False))
            elif attr:
                hints.append((attr.lower(), True))
            elif tag:
                hints.append((f"<{tag.lower()}", True))
        groups.append(tuple(hints))
    return tuple(groups)
