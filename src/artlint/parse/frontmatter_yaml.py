"""YAML front matter: parsed with PyYAML's loader (libyaml where built with it) into data and
per-key spans, after guards against what could take any amount of time or memory (size,
alias counts, alias expansion)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from artlint.model.diagnostics import Span
from artlint.parse.frontmatter_model import FrontMatter, FrontMatterError, KeySpan, error_at

if TYPE_CHECKING:
    import yaml


@functools.cache
def yaml_loader() -> type[yaml.SafeLoader]:
    """PyYAML's libyaml loader where PyYAML was built with it: ~10x faster, and its marks
    count code points like the pure loader's. PyYAML is imported at the first YAML front
    matter: it is a tenth of artlint's start-up, which a run of cache hits does without."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


MAX_FRONT_MATTER = 256 * 1024  # characters
MAX_ALIASES = 64
# Nodes that writing out every alias would add to the front matter. Aliases within the count
# limit can still nest (`&a2 [*a1, *a1]`...) into 2**32 nodes, and every walk of the values
# (comparing them after a fix, the schema, the oracle) would visit each one.
MAX_EXPANDED_NODES = 100_000


def too_big(raw: str) -> str | None:
    """Why a YAML front matter is refused before it is parsed: too large, or so many aliases
    that expanding them could take any amount of memory ("billion laughs")."""
    import yaml

    if len(raw) > MAX_FRONT_MATTER:
        return f"front matter is {len(raw) // 1024} KB; artlint reads at most 256 KB"
    if "*" in raw and "&" in raw:
        try:
            aliases = sum(
                isinstance(t, yaml.AliasToken) for t in yaml.scan(raw, Loader=yaml_loader())
            )
        except yaml.YAMLError:
            return None  # the parse reports the syntax error
        if aliases > MAX_ALIASES:
            return (
                f"front matter uses {aliases} YAML aliases; artlint refuses more than"
                f" {MAX_ALIASES}, which could expand without limit"
            )
    return None


def _added_by_aliases(node: Any, limit: int, distinct_bound: int) -> int:
    """How many nodes expanding `node`'s aliases would add to those the text spells out,
    counting no further than about `limit`; a node that holds itself through an alias
    (`&a [*a]`) adds without end. A long plain list adds none: only repetition counts.

    The composer hands back the anchored node itself for each alias, so sizes are memoised
    by identity and the count costs one visit per distinct node. `distinct_bound` is at
    least their number (the text's length will do), so that capping the sums at
    `limit + distinct_bound` still tells more than `limit` added nodes apart."""
    import yaml

    cap = limit + distinct_bound + 1
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        elif isinstance(current, yaml.MappingNode):
            children = [n for pair in current.value for n in pair]
        else:
            sizes[id(current)] = 1
            continue
        if done:
            open_nodes.discard(id(current))
            total = 1 + sum(sizes[id(c)] for c in children)
            sizes[id(current)] = min(total, cap)
        elif id(current) not in sizes:
            open_nodes.add(id(current))
            stack.append((current, True))
            for child in children:
                if id(child) in open_nodes:
                    return limit + 1
                stack.append((child, False))
    return sizes[id(node)] - len(sizes)


def _failing_value(loader: Any, node: Any) -> int:
    """The index of the first top-level value that cannot be built, or 0."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return 0
    probe = yaml_loader()("")
    try:
        for _, value_node in node.value:
            try:
                probe.construct_object(value_node, deep=True)
            except (ValueError, OverflowError, RecursionError, yaml.YAMLError):
                return int(value_node.start_mark.index)
    finally:
        probe.dispose()
    return 0


def expand_tabs(raw: str) -> tuple[str, list[int]]:
    """`raw` with each tab as two spaces, and for each index of that the index in `raw`."""
    back: list[int] = []
    out: list[str] = []
    for i, ch in enumerate(raw):
        if ch == "\t":
            out.append("  ")
            back.extend((i, i))
        else:
            out.append(ch)
            back.append(i)
    back.append(len(raw))
    return "".join(out), back


def parse_yaml(
    parsed: str, raw: str, span: Span, content: Span, back: list[int] | None = None
) -> FrontMatter:
    """Parse `parsed` (`raw`, or `raw` with tabs expanded and `back` mapping indexes)."""
    import yaml

    def at(index: int) -> int:
        return index if back is None else back[min(index, len(back) - 1)]

    loader = yaml_loader()(parsed)
    try:
        node = loader.get_single_node()
        # Only aliases repeat nodes: without one, the graph is the tree the text spells out.
        aliased = "*" in parsed and "&" in parsed
        if (
            aliased
            and node is not None
            and _added_by_aliases(node, MAX_EXPANDED_NODES, len(parsed)) > MAX_EXPANDED_NODES
        ):
            message = (
                f"invalid YAML front matter: its aliases refer to themselves or expand to more"
                f" than {MAX_EXPANDED_NODES:,} values; artlint refuses it rather than walk them"
            )
            return FrontMatter("yaml", span, content, error=error_at(content, 0, message))
        # construct_object, not construct_document, which forgets what it built: each
        # key's value below is the one in `data`, not built a second time.
        data = loader.construct_object(node, deep=True) if node is not None else None
        built = loader.constructed_objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = at(mark.index) if mark is not None else 0
        problem = exc.problem or "syntax error"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        if mark is not None and parsed[mark.index : mark.index + 1] == "\t":
            problem += "; YAML does not allow tabs here (Hexo reads them as two spaces)"
        err = error_at(content, where, f"invalid YAML front matter: {problem}")
        return FrontMatter("yaml", span, content, error=err)
    except yaml.YAMLError as exc:  # ReaderError (control characters) carries no mark
        where = getattr(exc, "position", 0) or 0
        if yaml_loader() is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes here, not characters
            where = len(parsed.encode("utf-8")[:where].decode("utf-8", "ignore"))
        where = at(where)
        reason = getattr(exc, "reason", None) or str(exc)
        err = error_at(content, where, f"invalid YAML front matter: {reason}")
        return FrontMatter("yaml", span, content, error=err)
    except (ValueError, OverflowError, RecursionError) as exc:
        # A value YAML reads but Python cannot build (`date: 2022-02-30`, absurd nesting).
        where = _failing_value(loader, node) if isinstance(exc, ValueError) else 0
        err = error_at(content, at(where), f"invalid YAML front matter: {exc}")
        return FrontMatter("yaml", span, content, error=err)
    finally:
        loader.dispose()
    if data is None:
        return FrontMatter("yaml", span, content)
    if not isinstance(data, dict):
        err = FrontMatterError(
            content,
            f"front matter is a YAML {type(data).__name__}, not a mapping of keys to values",
        )
        return FrontMatter("yaml", span, content, error=err)
    keys = []
    assert isinstance(node, yaml.MappingNode)
    for key_node, value_node in node.value:
        k_start = content.start + at(key_node.start_mark.index)
        k_end = content.start + at(key_node.end_mark.index)
        v_start = content.start + at(value_node.start_mark.index)
        v_end = content.start + at(value_node.end_mark.index)
        line_start = content.start + raw.rfind("\n", 0, k_start - content.start) + 1
        value_text = raw[v_start - content.start : v_end - content.start]
        v_end = v_start + len(value_text.rstrip())
        keys.append(
            KeySpan(
                str(key_node.value),
                Span(line_start, max(v_end, k_end)),
                Span(k_start, k_end),
                Span(v_start, max(v_start, v_end)),
                built[value_node],
            )
        )
    return FrontMatter("yaml", span, content, data=data, keys=tuple(keys))
