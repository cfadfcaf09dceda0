"""AL407 schema-violation: the front matter breaks the project's JSON Schema.

## What it does
When the configuration names a schema (`[tool.artlint.metadata] schema = "schemas/post.json"`,
relative to the configuration file), validates each article's front matter against it with
`jsonschema` and reports every violation with the schema's message, located at the offending
key, or at the front matter's first line when a required key is missing. Dates that YAML or
TOML read as dates are validated as their ISO 8601 strings. Without a schema the rule has
nothing to check.

## Why is this bad
A docs site or a dataset needs the same metadata in every article: a missing `description`
or a `tags` value that is a string instead of a list breaks the theme or the pipeline.

## Example
```markdown
---
title: Night buses
tags: transport
---
Body.
```

## Use instead
```markdown
---
title: Night buses
tags: [transport]
---
Body.
```

## Fix safety
No fix: what the value should be is for a person to decide.

## Options
- `schema`: path of the JSON Schema file (set through `[tool.artlint.metadata] schema`).
  It must be a regular file of at most 1 MB. A `$ref` resolves only within that file (its own
  `#/$defs/...` and embedded `$id` resources) and the drafts' meta-schemas: artlint never
  reads another file or the network for a schema, so a repository's configuration cannot
  make it read the machine it runs on.
"""

import contextvars
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urldefrag, urljoin

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.rules.base import Metadata, Rule
from artlint.rules.base import Options as RuleOptions
from artlint.safe import patterns
from artlint.safe.regular import CONFIG_LIMIT, NotReadable, read_regular


@dataclass(frozen=True)
class Options(RuleOptions):
    # Both set from `[metadata] schema`, not as options of the rule.
    schema: str = field(default="", metadata={"internal": True})
    digest: str = field(default="", metadata={"internal": True})  # of the schema's content,
    # so that editing the schema invalidates the cache


def load_schema(path: str) -> Any:
    """The schema's validator; raises ValueError with the reason when it cannot be used."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise ValueError(f"cannot read a JSON schema from {path}: {exc.strerror}") from exc
    return _validator(path, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _validator(path: str, mtime: int) -> Any:
    import jsonschema  # imported only for projects that configure a schema
    from referencing import Registry

    try:
        schema = json.loads(read_regular(path, CONFIG_LIMIT))
    except NotReadable as exc:
        raise ValueError(f"cannot read a JSON schema from {path}: {exc}") from exc
    except OSError as exc:
        raise ValueError(f"cannot read a JSON schema from {path}: {exc.strerror}") from exc
    except ValueError as exc:  # the decoder's message has a position, never the content
        raise ValueError(f"{path} is not JSON: {exc}") from exc
    except RecursionError as exc:
        raise ValueError(f"{path} is nested too deeply to be a JSON schema") from exc
    cls = jsonschema.validators.validator_for(schema)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise ValueError(f"{path} is not a valid JSON Schema: {exc.message}") from exc
    outside = _outside_references(schema)
    if outside:
        raise ValueError(
            f"{path}: $ref {outside!r} points outside the schema file; artlint resolves only"
            " references within it (it never reads other files or the network)"
        )
    bad = _bad_pattern(schema)
    if bad is not None:
        raise ValueError(f"{path}: pattern {bad[0]!r} is not a valid regular expression: {bad[1]}")
    guarded = jsonschema.validators.extend(
        cls,
        {
            "pattern": _pattern,
            "patternProperties": _pattern_properties,
            "additionalProperties": _additional_properties,
        },
    )
    # An empty registry with no way to retrieve: jsonschema's default fetches any URL a
    # $ref names, file:// included, which let a repository's configuration read the machine.
    return guarded(schema, registry=Registry())


# jsonschema matches `pattern` and `patternProperties` with `re`, which can backtrack for
# minutes on a pattern from an untrusted repository; these three keywords match under the
# time budget of artlint.safe.patterns instead. (`unevaluatedProperties` still matches property
# names with `re`; names are short, but see the README's Security section.)


# The patterns of the file being checked, each with the budget it has left for that file.
_GUARDS: contextvars.ContextVar[dict[str, patterns.Guarded]] = contextvars.ContextVar("guards")


def _search(pattern: str, text: str) -> bool:
    guards = _GUARDS.get()
    guard = guards.get(pattern)
    if guard is None:
        guard = guards[pattern] = patterns.Guarded(pattern)
    return guard.search(text) is not None


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, properties: Any, instance: Any, schema: Any) -> Any:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in properties.items():
        for k, v in instance.items():
            if _search(pattern, k):
                yield from validator.descend(v, subschema, path=k, schema_path=pattern)


def _additional_properties(validator: Any, allowed: Any, instance: Any, schema: Any) -> Any:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    known = schema.get("properties", {})
    named = list(schema.get("patternProperties", {}))
    extras = [k for k in instance if k not in known and not any(_search(p, k) for p in named)]
    if validator.is_type(allowed, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], allowed, path=extra)
    elif not allowed and extras:
        joined = ", ".join(repr(each) for each in sorted(extras, key=str))
        if named:
            verb = "does" if len(extras) == 1 else "do"
            listed = ", ".join(repr(each) for each in sorted(named))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {listed}")
        else:
            verb = "was" if len(extras) == 1 else "were"
            yield ValidationError(
                f"Additional properties are not allowed ({joined} {verb} unexpected)"
            )


def _bad_pattern(schema: Any) -> tuple[str, str] | None:
    """The first `pattern` or `patternProperties` key that does not compile, with why."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.append(node["pattern"])
            if isinstance(node.get("patternProperties"), dict):
                found.extend(str(k) for k in node["patternProperties"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    for pattern in found:
        try:
            patterns.compile(pattern)
        except patterns.error as exc:
            return pattern, str(exc)
    return None


def _outside_references(schema: Any) -> str | None:
    """The first $ref that no resource inside the schema answers, if any."""
    ids: set[str] = {""}
    refs: list[tuple[str, str]] = []

    def walk(node: Any, base: str) -> None:
        if isinstance(node, dict):
            own = node.get("$id")
            if isinstance(own, str):
                base = urljoin(base, own)
                ids.add(urldefrag(base).url)
            for key in ("$ref", "$dynamicRef", "$recursiveRef"):
                if isinstance(node.get(key), str):
                    refs.append((base, node[key]))
            for value in node.values():
                walk(value, base)
        elif isinstance(node, list):
            for value in node:
                walk(value, base)

    walk(schema, "")
    for base, ref in refs:
        target = urldefrag(urljoin(base, ref)).url
        if target not in ids and target not in _METASCHEMAS:
            return ref
    return None


# The drafts' own schemas, which jsonschema ships and resolves without reading anything.
_METASCHEMAS = frozenset(
    f"{scheme}://json-schema.org/{name}"
    for scheme in ("http", "https")
    for name in (
        "draft-03/schema",
        "draft-04/schema",
        "draft-06/schema",
        "draft-07/schema",
        "draft/2019-09/schema",
        "draft/2020-12/schema",
    )
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if not options.schema or doc.header.error is not None:
        return
    validator = load_schema(options.schema)
    fm = doc.header.front_matter
    data = _jsonable(dict(fm.data)) if fm is not None else {}
    opening = doc.header.opener
    keys = {k.name: k for k in fm.keys} if fm is not None else {}
    from referencing.exceptions import Unresolvable

    token = _GUARDS.set({})
    try:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    except Unresolvable as exc:  # a pointer into the schema that leads nowhere
        yield Violation(opening, f"the schema's $ref {exc.ref!r} cannot be resolved")
        return
    finally:
        _GUARDS.reset(token)
    for error in errors:
        top = str(error.path[0]) if error.path else None
        where = keys[top].span if top in keys else opening
        at = ".".join(str(p) for p in error.path)
        yield Violation(where, f"{at + ': ' if at else ''}{error.message}")


def from_metadata(options: Options, metadata: Metadata) -> Options | None:
    """`[metadata] schema`: the schema file, and a digest of its content for the cache."""
    if "schema" not in metadata.table:
        return None
    value = metadata.table["schema"]
    if not isinstance(value, str):
        raise ValueError("metadata.schema: expected a path string")
    path = metadata.resolve("metadata.schema", value)
    try:
        load_schema(path)
        digest = hashlib.blake2b(read_regular(path, CONFIG_LIMIT), digest_size=16).hexdigest()
    except (OSError, ValueError) as exc:
        raise ValueError(f"metadata.schema: {exc}") from exc
    return Options(schema=path, digest=digest)


RULE = Rule(
    code="AL407",
    name="schema-violation",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    check=check,
    options=Options,
    metadata=from_metadata,
    metadata_keys=("schema",),
)
