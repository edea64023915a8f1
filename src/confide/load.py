"""YAML content files -> model objects, strictly, with every error as ``path:line: message``.

Validation uses pydantic, imported lazily: it is an authoring-path tool (compiled), while the
models themselves are plain dataclasses usable without it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, TypeVar

from . import model, shorthand
from .problems import ContentError, Problem, did_you_mean, one_of
from .yamlstrict import line_of, read_yaml

T = TypeVar("T")

_TYPE_WORDS = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "tuple_type": "a list",
    "dict_type": "a mapping of keys to values",
    "dataclass_type": "a mapping of keys to values",
    "dataclass_args_type": "a mapping of keys to values",
}


@functools.cache
def _adapter(cls: type):
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


@functools.cache
def _schema(cls: type) -> dict:
    schema = _adapter(cls).json_schema()
    if cls is model.Tree:  # the keys a tree may be written with include the shorthand's
        shorthand.written_schema(schema, _adapter(model.Target).json_schema())
    return schema


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _allowed_keys(cls: type, location: tuple) -> list[str]:
    """The keys the schema allows at ``location`` (for 'did you mean' and 'allowed:' lists)."""
    root = _schema(cls)
    candidates = [root]
    for part in location:
        following = []
        for schema in candidates:
            schema = _resolve(schema, root)
            for option in schema.get("anyOf", []) or [schema]:
                option = _resolve(option, root)
                if isinstance(part, str) and part in option.get("properties", {}):
                    following.append(option["properties"][part])
                elif isinstance(part, str) and isinstance(option.get("additionalProperties"), dict):
                    following.append(option["additionalProperties"])
                elif isinstance(part, int) and "items" in option:
                    following.append(option["items"])
        candidates = following
    keys: set[str] = set()
    for schema in candidates:
        schema = _resolve(schema, root)
        for option in schema.get("anyOf", []) or [schema]:
            keys.update(_resolve(option, root).get("properties", {}))
    return sorted(keys)


def _data_location(data: Any, loc: tuple) -> tuple:
    """Map a pydantic error location onto the document (skipping union member names)."""
    where: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node or isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            where.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in _UNION_TAGS:
            # A key that is not in the data: a missing or unknown key. Keep it for the message.
            where.append(part)
            node = None
    return tuple(where)


_UNION_TAGS = {"Setting", "tuple[Setting, ...]", "bool", "int", "str", "date", "tuple[...]"}


def _messages(cls: type, data: Any, errors: list[dict]) -> list[tuple[tuple, str]]:
    by_location: dict[tuple, list[dict]] = {}
    for error in errors:
        by_location.setdefault(_data_location(data, error["loc"]), []).append(error)
    # A union reports one error per member; the deepest location is the most specific.
    locations = [w for w in by_location if not any(o != w and o[: len(w)] == w for o in by_location)]
    found = []
    for where in sorted(locations, key=str):
        group = by_location[where]
        kinds = {e["type"] for e in group}
        name = ".".join(str(p) for p in where) or "document"
        first = group[0]
        if "missing_argument" in kinds or "missing" in kinds:
            found.append((where[:-1], f"missing required key '{where[-1]}'"))
        elif "unexpected_keyword_argument" in kinds or "extra_forbidden" in kinds:
            allowed = _allowed_keys(cls, tuple(p for p in where[:-1]))
            found.append((where, f"unknown key '{where[-1]}'{did_you_mean(where[-1], allowed)}; "
                                 f"allowed keys: {one_of(allowed)}"))
        elif "literal_error" in kinds:
            expected = first.get("ctx", {}).get("expected", "")
            options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
            found.append((where, f"{name}: {first['input']!r} is not allowed"
                                 f"{did_you_mean(first['input'], options)}; expected one of: "
                                 f"{', '.join(o for o in options if o)}"))
        else:
            wanted = sorted({_TYPE_WORDS.get(e["type"], e["msg"]) for e in group})
            found.append((where, f"{name}: expected {' or '.join(wanted)}, got {first['input']!r}"))
    return found


def _without_empty(data: Any) -> Any:
    """An empty value (``key:`` with nothing after it) counts as not given."""
    if isinstance(data, dict):
        return {k: _without_empty(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_without_empty(v) for v in data]
    return data


Registry = dict[str, dict]  # source id -> the citation's data (registry entry, law and id)


def registry_of(files: list[model.SourceFile]) -> Registry:
    """Every source id of the registry files, as the data a ``cite: id`` entry stands for."""
    import dataclasses

    return {source_id: {**{k: v for k, v in dataclasses.asdict(entry).items() if v is not None},
                        "law": file.law, "id": source_id}
            for file in files for source_id, entry in file.sources.items()}


CITATION_LISTS = ("citations", "references")


def resolve_citations(data: Any, registry: Registry | None, where: tuple = ()) -> tuple[Any, list]:
    """Replace each ``{cite: id}`` (optionally with a ``note``), and each plain id in a list of
    citations, by the registry entry it names.
    Returns the data and the (location, message) of every reference that does not resolve."""
    found: list = []
    if isinstance(data, list):
        items = [resolve_citations(v, registry, where + (i,)) for i, v in enumerate(data)]
        return [v for v, _ in items], [p for _, ps in items for p in ps]
    if not isinstance(data, dict):
        return data, found
    if "cite" in data:
        source_id, extra = data["cite"], set(data) - {"cite", "note"}
        if extra:
            found.append((where + (sorted(extra)[0],), f"a 'cite' entry takes only 'note' besides the id; "
                                                       f"unknown key '{sorted(extra)[0]}'"))
        entry = (registry or {}).get(source_id) if isinstance(source_id, str) else None
        if entry is None:
            found.append((where + ("cite",), f"unknown source '{source_id}'"
                          f"{did_you_mean(source_id, registry or {})}; sources are listed in sources/*.yaml"))
            return {"source": f"unknown source {source_id}", "law": ""}, found
        return {**entry, **({"note": data["note"]} if data.get("note") else {})}, found
    resolved = {}
    for key, value in data.items():
        if key in CITATION_LISTS and isinstance(value, list):  # a plain id is short for {cite: id}
            value = [{"cite": item} if isinstance(item, str) else item for item in value]
        resolved[key], more = resolve_citations(value, registry, where + (key,))
        found += more
    return resolved, found


def validate(cls: type[T], data: Any, lines: dict, source: str, registry: Registry | None = None,
             **extra: Any) -> T:
    """Validate plain data into ``cls``; raise ContentError with every problem. A tree may be
    written in the shorthand (confide.shorthand): it is expanded first, adding to ``lines``."""
    from pydantic import ValidationError

    if not isinstance(data, dict):
        raise ContentError([Problem(source, line_of(lines, ()), "the file must be a mapping of keys to values")])
    problems = shorthand.expand_tree(data, lines, source) if cls is model.Tree else []
    data = _without_empty(data)
    data, unresolved = resolve_citations(data, registry)
    problems += [Problem(source, line_of(lines, where), message) for where, message in unresolved]
    try:
        obj = _adapter(cls).validate_python({**data, **extra})
    except ValidationError as exc:
        errors = [e for e in exc.errors() if e["loc"][:1] not in {(k,) for k in extra}]
        problems += [Problem(source, line_of(lines, where), message)
                     for where, message in _messages(cls, data, errors)]
    if problems:
        raise ContentError(problems) from None
    return obj


def read_file(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(str(path), 1, f"cannot read: {exc.strerror or exc}")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError([Problem(str(path), line, "not valid UTF-8 text")]) from None


def load_document(cls: type[T], file: Path | str, registry: Registry | None = None,
                  **extra: Any) -> tuple[T, dict]:
    """Read one YAML file as ``cls``; return the object and the line map of the file."""
    file = Path(file)
    return load_text(cls, read_file(file), str(file), registry, **extra)


def load_text(cls: type[T], text: str, source: str, registry: Registry | None = None,
              **extra: Any) -> tuple[T, dict]:
    """Read YAML text as ``cls`` (``source`` names it in problems); the object and its line map."""
    data, lines = read_yaml(text, source)
    return validate(cls, data, lines, source, registry, **extra), lines


def load_tree(path: Path | str, registry: Registry | None = None) -> tuple[model.Tree, dict]:
    path = Path(path)
    return load_document(model.Tree, path, registry, id=path.stem, path=str(path))


def load_case(path: Path | str, registry: Registry | None = None) -> tuple[model.Case, dict]:
    path = Path(path)
    return load_document(model.Case, path, registry, id=path.stem, path=str(path))


def load_jurisdiction(path: Path | str, registry: Registry | None = None) -> tuple[model.Jurisdiction, dict]:
    path = Path(path)
    return load_document(model.Jurisdiction, path, registry, id=path.stem, path=str(path))


def load_sources(path: Path | str) -> tuple[model.SourceFile, dict]:
    return load_document(model.SourceFile, path, path=str(path))


def load_parameters(path: Path | str) -> tuple[model.ParameterDeclarations, dict]:
    return load_document(model.ParameterDeclarations, path, path=str(path))


def load_publishers(path: Path | str) -> tuple[model.Publishers, dict]:
    return load_document(model.Publishers, path)
