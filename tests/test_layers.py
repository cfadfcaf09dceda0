"""The import direction: each package imports only the layers below it, so the packages form
no cycle and the tree shows what depends on what. Read from the source (every import, lazy
ones inside functions included), not from what a run happens to load."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "artlint"

# Bottom to top. A package may import its own modules and those of lower layers; packages of
# one layer do not import each other.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"safe", "model"}),
    frozenset({"parse"}),
    frozenset({"document"}),
    frozenset({"rules"}),
    frozenset({"engine"}),
    frozenset({"run"}),
    frozenset({"report"}),
    frozenset({"api"}),
    frozenset({"records", "server"}),
    frozenset({"integrations"}),
    frozenset({"cli"}),
    frozenset({"__main__"}),
)
RANK = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}

# Imports made for type annotations only (under TYPE_CHECKING) that point up, with the reason.
TYPE_ONLY_UPWARD = {
    # A fix run's FileResult carries the fixer's own result (documents before and after) for
    # library callers; the value is built by the fixer, the type named here.
    ("artlint.model.results", "artlint.engine.fixer"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str) -> str | None:
    """The layer package of `artlint.x.y` (x); None for the package root (its version)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] != "__version__" else None


def _imports(path: Path) -> list[tuple[str, bool]]:
    """What `path` imports of artlint's (`from a.b import c` as `a.b.c`: a module or a name
    in one), each with whether it is for type checking only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(n) for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "artlint":
                names = [f"artlint.{a.name}" for a in node.names]
            elif node.module.startswith("artlint."):
                names = [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("artlint.")]
        else:
            continue
        found += [(name, id(node) in type_only) for name in names]
    return found


MODULES = sorted(SRC.rglob("*.py"))


def test_every_package_has_a_layer() -> None:
    packages = {_package(_module_name(p)) for p in MODULES} - {None}
    assert packages == set(RANK), "a new package needs its place in LAYERS"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: Path) -> None:
    module = _module_name(path)
    own = _package(module)
    assert own is not None or path.name == "__init__.py"
    for target, type_only in _imports(path):
        other = _package(target)
        if own is None or other is None or other == own:
            continue
        if type_only and (module, target.rpartition(".")[0]) in TYPE_ONLY_UPWARD:
            continue
        assert RANK[other] < RANK[own], f"{module} imports {target}: up or sideways"


def test_no_relative_imports() -> None:
    """Absolute imports only, so that the test above sees every one."""
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
        assert not relative, path


@pytest.mark.parametrize("package", sorted(RANK), ids=str)
def test_each_package_says_what_it_owns_and_may_import(package: str) -> None:
    init = SRC / package / "__init__.py"
    if not init.exists():  # a single module at its layer (api, records, __main__)
        return
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc, f"{package} has no docstring"
    assert "May import" in doc, f"{package}'s docstring does not say what it may import"


def _names_a_rule(target: str) -> bool:
    """Whether an import reaches the rule list or one concrete rule module."""
    return bool(re.match(r"artlint\.(rules\.registry\b|(rules|engine\.own)\.al\d{3}_)", target))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_the_rule_set_is_passed_in(path: Path) -> None:
    """Only artlint.run.builtin assembles the built-in rules (a rule module may build on
    another, and artlint.engine.own lists the engine's own): the engine and the
    configuration get the rule set from their callers, and the layers above look rules up
    in artlint.run.builtin, never in the registry or a rule module."""
    module = _module_name(path)
    if module in ("artlint.run.builtin", "artlint.engine.own") or module.startswith(
        "artlint.rules."
    ):
        return
    for target, _ in _imports(path):
        assert not _names_a_rule(target), f"{module} imports {target}"
