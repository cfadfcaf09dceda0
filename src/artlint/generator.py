"""Which site generator a project is for, from the files it keeps at its root."""

from __future__ import annotations

import os
from functools import lru_cache

GENERATORS = ("hexo", "hugo", "jekyll", "none")


def _has(folder: str, *names: str) -> bool:
    return any(os.path.exists(os.path.join(folder, n)) for n in names)


@lru_cache(maxsize=1024)
def detect_generator(folder: str) -> str:
    """The site generator of the project at or above `folder`, from its files."""
    probe = os.path.abspath(folder)
    while True:
        if _has(probe, "hugo.toml", "hugo.yaml", "hugo.json") or (
            _has(probe, "config.toml")
            and _has(probe, "archetypes", "layouts")
            and _has(probe, "content")
        ):
            return "hugo"
        if _has(probe, "_config.yml"):
            if _has(probe, "scaffolds", os.path.join("source", "_posts")):
                return "hexo"
            if _has(probe, "_posts", "Gemfile", "_layouts"):
                return "jekyll"
        parent = os.path.dirname(probe)
        if parent == probe:
            return "none"
        probe = parent
