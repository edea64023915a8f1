"""The whole validated casebook as one JSON file, loadable without pydantic or PyYAML.

The browser build (Pyodide) cannot ship pydantic's compiled core, so content is validated on the
authoring side (``confide bundle``) and the runtime rebuilds the frozen dataclasses from this
trusted, generated JSON. Dates are tagged (``{"$date": "2024-07-01"}``) so a date fact never comes
back as text.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Union

from . import model
from .library import Library

FORMAT = 1


def _encode(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name != "path"}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def to_bundle(library: Library) -> dict:
    return {
        "format": FORMAT,
        "parameters": _encode(library.parameters),
        "trees": {k: _encode(v) for k, v in library.trees.items()},
        "jurisdictions": {k: _encode(v) for k, v in library.jurisdictions.items()},
        "cases": {k: _encode(v) for k, v in library.cases.items()},
    }


def write_bundle(library: Library, path: Path) -> Path:
    path.write_text(json.dumps(to_bundle(library), ensure_ascii=False, sort_keys=True))
    return path


def _is_date(value: Any) -> bool:
    return type(value) is dict and len(value) == 1 and "$date" in value


def _build(kind: Any, value: Any) -> Any:
    """Rebuild ``value`` (decoded JSON) as the annotated type ``kind``."""
    return _builder(kind)(value)


@functools.cache
def _builder(kind: Any) -> Callable[[Any], Any]:
    """A function that rebuilds decoded JSON as ``kind``, made once per annotated type: the
    browser loads a few thousand dataclasses at start-up, and evaluating their annotations
    again for each one (``typing.get_type_hints``) took most of that time."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = typing.get_args(kind)

        def union(value: Any) -> Any:
            if _is_date(value):
                return datetime.date.fromisoformat(value["$date"])
            if value is None:
                return None
            for option in options:  # the first member whose shape fits the JSON value
                if _fits(option, value):
                    return _builder(option)(value)
            raise ValueError(f"no member of {kind} fits {value!r}")
        return union
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return _dated(lambda value: tuple(map(_builder(item), value)))
    if origin is dict:
        _, item = typing.get_args(kind)
        return _dated(lambda value: {k: _builder(item)(v) for k, v in value.items()})
    if origin is Literal or kind in (str, int, bool, Any) or not dataclasses.is_dataclass(kind):
        return _dated(lambda value: value)
    fields: dict[str, Callable[[Any], Any]] = {}  # filled on first use: types may refer to themselves

    def dataclass(value: Any) -> Any:
        if not fields:
            fields.update({name: _builder(hint) for name, hint in typing.get_type_hints(kind).items()})
        return kind(**{name: fields[name](v) for name, v in value.items()})
    return _dated(dataclass)


def _dated(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Any value tagged ``{"$date": ...}`` is a date, whatever the annotation says."""
    return lambda value: datetime.date.fromisoformat(value["$date"]) if _is_date(value) else build(value)


def _fits(kind: Any, value: Any) -> bool:
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        return isinstance(value, dict) and "$date" not in value
    if origin is tuple:
        return isinstance(value, list)
    if origin is dict:
        return isinstance(value, dict) and "$date" not in value
    if kind is datetime.date:
        return isinstance(value, dict) and set(value) == {"$date"}
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is str or origin is Literal:
        return isinstance(value, str)
    if kind is type(None):
        return value is None
    return False


def from_bundle(data: dict) -> Library:
    if data.get("format") != FORMAT:
        raise ValueError(f"bundle format {data.get('format')!r} is not {FORMAT}; rebuild it with `confide bundle`")
    return Library(
        parameters=_build(model.ParameterDeclarations, data["parameters"]),
        trees={k: _build(model.Tree, v) for k, v in data["trees"].items()},
        jurisdictions={k: _build(model.Jurisdiction, v) for k, v in data["jurisdictions"].items()},
        cases={k: _build(model.Case, v) for k, v in data["cases"].items()},
    )


def load_bundle(path: Path | str) -> Library:
    return from_bundle(json.loads(Path(path).read_text(encoding="utf-8")))
