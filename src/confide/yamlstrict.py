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
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
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


class _StrictLoader(_Parser, Composer, SafeConstructor, Resolver):
    """A safe loader with YAML 1.2-style booleans and integers, refusing aliases and deep nesting.
    Composing is PyYAML's Python Composer (whatever parser makes the events), so the checks in
    ``compose_node`` see every event."""

    def __init__(self, stream: str):
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def get_single_node(self):  # noqa: ANN201 - libyaml's CParser has its own; use the checked one
        return Composer.get_single_node(self)

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "anchors and aliases (*name) are not allowed in content files",
                event.start_mark,
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                None, None, f"nesting deeper than {MAX_DEPTH} levels", self.peek_event().start_mark
            )
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


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


def _line(node) -> int:  # noqa: ANN001
    return node.start_mark.line + 1


def read_yaml(text: str, path: str) -> tuple[Any, dict[Location, int]]:
    """Parse ``text``; return the data and a map from each location to its line.

    Raises ContentError with every structural problem found (the first syntax error stops
    parsing, as any YAML parser must; duplicate keys and bad tags are all collected)."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise ContentError([Problem(path, 1, f"file is larger than {MAX_BYTES:,} bytes")])
    try:
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
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
    if node is None:
        raise ContentError([Problem(path, 1, "the file is empty")])
    lines: dict[Location, int] = {(): _line(node)}
    problems: list[Problem] = []
    data = _build(node, (), lines, problems, path, loader)
    if problems:
        raise ContentError(problems)
    return data, lines


def _build(node, where: Location, lines, problems, path, loader):  # noqa: ANN001
    if isinstance(node, MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            problems.append(Problem(path, _line(node), f"tag '{node.tag}' is not allowed"))
            return {}
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, where, lines, problems, path, loader)
            if not isinstance(key, str):
                problems.append(Problem(path, _line(key_node), f"key {key!r} must be text; quote it"))
                continue
            if key in result:
                problems.append(Problem(path, _line(key_node),
                    f"duplicate key '{key}' (first defined on line {first_line[key]})"))
                continue
            first_line[key] = _line(key_node)
            lines[where + (key,)] = _line(key_node)
            result[key] = _build(value_node, where + (key,), lines, problems, path, loader)
        return result
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            problems.append(Problem(path, _line(node), f"tag '{node.tag}' is not allowed"))
            return []
        items = []
        for index, item in enumerate(node.value):
            lines[where + (index,)] = _line(item)
            items.append(_build(item, where + (index,), lines, problems, path, loader))
        return items
    assert isinstance(node, ScalarNode)
    if node.tag == _STR:
        return node.value  # what SafeConstructor would return, without its bookkeeping (most scalars)
    if node.tag not in _ALLOWED_SCALAR_TAGS:
        problems.append(Problem(path, _line(node), f"tag '{node.tag}' is not allowed"))
        return None
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        problems.append(Problem(path, _line(node), f"invalid value {node.value!r}: {exc}"))
        return None


def line_of(lines: dict[Location, int], location: Location) -> int:
    """The line of ``location`` or of its nearest ancestor that has one."""
    location = tuple(location)
    while location and location not in lines:
        location = location[:-1]
    return lines.get(location, 1)
