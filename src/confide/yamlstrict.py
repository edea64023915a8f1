"""Read YAML safely and strictly, remembering the line of every key and item.

* Only the safe types: maps, lists, text, integers, true/false, null, dates. No tags of any other
  kind (``!!python/object`` is refused), no anchors or aliases (no alias bombs), bounded size and
  nesting depth.
* YAML 1.2 booleans: only ``true``/``false``. ``NO``, ``yes``, ``on`` stay text, so a Norway
  country code or an answer "no" is never silently a boolean; the checker then compares the value
  with the declared type of the fact and says what is wrong.
* Duplicate keys are an error, naming both lines.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .problems import ContentError, Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
Location = tuple  # a path into the document: keys and list indices

_STR = "tag:yaml.org,2002:str"
_ALLOWED_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


try:  # libyaml's C parser makes the events about 10x faster; the composing below stays ours
    from yaml._yaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml (e.g. in the browser)
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


class _StrictLoader(_Parser, SafeConstructor, Resolver):
    """Events from the parser (libyaml's when present), tags resolved with YAML 1.2-style booleans
    and integers, values built by ``_Builder`` straight from the events: no node tree in between."""

    def __init__(self, stream: str):
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


# Replace YAML 1.1's implicit booleans (yes/no/on/off) and sexagesimal numbers (12:30 -> 750).
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789."))


def read_yaml(text: str, path: str) -> tuple[Any, dict[Location, int]]:
    """Parse ``text``; return the data and a map from each location to its line.

    Raises ContentError with every structural problem found (the first syntax error stops
    parsing, as any YAML parser must; duplicate keys and bad tags are all collected)."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise ContentError([Problem(path, 1, f"file is larger than {MAX_BYTES:,} bytes")])
    lines: dict[Location, int] = {}
    problems: list[Problem] = []
    try:
        loader = _StrictLoader(text)
        try:
            data = _Builder(loader, path, lines, problems).document()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:  # a control character, raised before any mark exists
        line = text[: exc.position].count("\n") + 1
        character = chr(exc.character) if isinstance(exc.character, int) else exc.character  # libyaml: a code
        raise ContentError([Problem(path, line, f"character {character!r} is not allowed in YAML")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "maximum nesting depth" in message:  # libyaml's own limit, met while scanning ahead
            message = f"nesting deeper than {MAX_DEPTH} levels"
        raise ContentError([Problem(path, line, f"invalid YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(path, 1, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise ContentError([Problem(path, 1, "invalid YAML: nesting too deep")]) from None
    if data is _EMPTY:
        raise ContentError([Problem(path, 1, "the file is empty")])
    if problems:
        raise ContentError(problems)
    return data, lines


_EMPTY = object()
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Builder:
    """Python values from parser events, remembering each key's and item's line. Does what
    PyYAML's Composer and SafeConstructor do for the allowed types, and refuses the rest: aliases,
    other tags, non-text keys, duplicate keys, nesting deeper than MAX_DEPTH."""

    def __init__(self, loader: _StrictLoader, path: str, lines: dict, problems: list):
        self.loader, self.path, self.lines, self.problems = loader, path, lines, problems
        self.depth = 0

    def refuse(self, event, message: str) -> None:  # noqa: ANN001
        self.problems.append(Problem(self.path, event.start_mark.line + 1, message))

    def document(self):  # noqa: ANN201
        loader = self.loader
        loader.get_event()  # StreamStartEvent
        if loader.check_event(StreamEndEvent):
            return _EMPTY
        start = loader.get_event()  # DocumentStartEvent
        self.lines[()] = loader.peek_event().start_mark.line + 1
        data = self.value(())
        loader.get_event()  # DocumentEndEvent
        if not loader.check_event(StreamEndEvent):
            extra = loader.peek_event()
            if isinstance(extra, DocumentStartEvent):
                raise yaml.MarkedYAMLError("expected a single document in the stream", start.start_mark,
                                           "but found another document", extra.start_mark)
        return data

    def value(self, where: Location):  # noqa: ANN201
        loader = self.loader
        event = loader.peek_event()
        if isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases (*name) are not allowed in content "
                                       "files", event.start_mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(None, None, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
        try:
            if isinstance(event, ScalarEvent):
                return self.scalar(loader.get_event())
            if isinstance(event, SequenceStartEvent):
                return self.sequence(where)
            return self.mapping(where)
        finally:
            self.depth -= 1

    def scalar(self, event):  # noqa: ANN001, ANN201
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value  # what SafeConstructor would return (most scalars)
        if tag not in _ALLOWED_SCALAR_TAGS:
            self.refuse(event, f"tag '{tag}' is not allowed")
            return None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            self.refuse(event, f"invalid value {event.value!r}: {exc}")
            return None

    def sequence(self, where: Location) -> list:
        start = self.loader.get_event()
        items: list = []
        index = 0
        while not self.loader.check_event(SequenceEndEvent):
            self.lines[where + (index,)] = self.loader.peek_event().start_mark.line + 1
            items.append(self.value(where + (index,)))
            index += 1
        self.loader.get_event()
        if start.tag not in (None, "!", _SEQ):
            self.refuse(start, f"tag '{start.tag}' is not allowed")
            return []
        return items

    def mapping(self, where: Location) -> dict:
        start = self.loader.get_event()
        if not isinstance(start, MappingStartEvent):  # the parser yields nothing else here
            raise yaml.MarkedYAMLError(None, None, f"unexpected {start!r}", start.start_mark)
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        while not self.loader.check_event(MappingEndEvent):
            key_event = self.loader.peek_event()
            line = key_event.start_mark.line + 1
            key = self.value(where)
            if not isinstance(key, str):
                self.problems.append(Problem(self.path, line, f"key {key!r} must be text; quote it"))
                self.value(where + (None,))  # read past its value; the file is refused anyway
                continue
            if key in result:
                self.problems.append(Problem(self.path, line,
                                             f"duplicate key '{key}' (first defined on line {first_line[key]})"))
                self.value(where + (None,))
                continue
            first_line[key] = line
            self.lines[where + (key,)] = line
            result[key] = self.value(where + (key,))
        self.loader.get_event()
        if start.tag not in (None, "!", _MAP):
            self.refuse(start, f"tag '{start.tag}' is not allowed")
            return {}
        return result


def line_of(lines: dict[Location, int], location: Location) -> int:
    """The line of ``location`` or of its nearest ancestor that has one."""
    location = tuple(location)
    while location and location not in lines:
        location = location[:-1]
    return lines.get(location, 1)
