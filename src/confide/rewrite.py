"""``confide shorthand``: rewrite a tree's long forms into the shorthand (confide.shorthand).

Line-based and conservative. Only these block values are rewritten, each replaced whole:

* a question's ``branches:`` -> ``yes:``/``no:`` (bool conditions), ``cases:`` (``==`` on text
  values), ``otherwise:``; any other list keeps ``branches:``, one ``{when, to, label}`` a line,
  with ``when: v`` for ``==`` and ``when: [a, b]`` for ``in``;
* a node's ``citations:`` whose items are all ``- cite: id`` -> ``citations: [id, ...]``;
* an outcome's ``actions:`` -> one ``{who, what, by_when, required}`` mapping a line.

A value is left as it is when it holds a comment (``#`` anywhere in it), is not in block style,
or would not fit. Everything else in the file — comments, blank lines, block scalars, key order —
is kept byte for byte. The result is then loaded through the real loader and compared with the
tree loaded from the original: a rewrite that does not load to an equal model, or that loses a
comment line, is refused (``Refused``), never written.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import load, model
from .library import SOURCES, TREES, bundled_root, yaml_files
from .problems import ContentError
from .yamlstrict import read_yaml

WIDTH = 140  # a one-line form longer than this is written in block style instead


class Refused(Exception):
    """The file cannot be rewritten safely; the message says why (one line per reason)."""


@dataclass
class Rewrite:
    path: Path
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


# Scalars: plain when the strict loader reads the plain text back as the same value, else quoted.

_CONTEXTS = {"flow": "k: [{}]", "block": "k: {}", "key": "{}: x"}


def _reads_back(text: str, context: str, value: Any) -> bool:
    try:
        data, _ = read_yaml(_CONTEXTS[context].format(text), "scalar")
    except ContentError:
        return False
    got = next(iter(data)) if context == "key" else data.get("k")
    if context == "flow":
        got = got[0] if isinstance(got, list) and len(got) == 1 else object()
    return type(got) is type(value) and got == value


def scalar(value: Any, context: str = "flow") -> str:
    """``value`` as YAML text that reads back as exactly ``value`` in ``context``."""
    if isinstance(value, bool):
        plain = "true" if value else "false"
    elif isinstance(value, int | datetime.date):
        plain = value.isoformat() if isinstance(value, datetime.date) else str(value)
    elif isinstance(value, str):
        plain = value
    else:
        raise Refused(f"cannot write {value!r} in the shorthand")
    if plain and plain == plain.strip() and "\n" not in plain and _reads_back(plain, context, value):
        return plain
    quoted = json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars
    if isinstance(value, str) and _reads_back(quoted, context, value):
        return quoted
    raise Refused(f"cannot write {value!r} in the shorthand")


def flow(data: Any) -> str:
    """A flow-style mapping, list or scalar on one line."""
    if isinstance(data, dict):
        return "{" + ", ".join(f"{scalar(k, 'flow')}: {flow(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(flow(v) for v in data) + "]"
    return scalar(data, "flow")


# The spans of block values in the text.

def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _span(text_lines: list[str], key_line: int, key: str) -> tuple[int, int] | None:
    """The 0-based [start, end) lines of ``key:``'s block value starting at 1-based ``key_line``,
    or None when it is not a plain ``key:`` line followed by a block value without comments."""
    start = key_line - 1
    head = text_lines[start]
    indent = _indent(head)
    if head.rstrip() != " " * indent + f"{key}:":
        return None
    end = start + 1
    while end < len(text_lines):
        line = text_lines[end]
        stripped = line.strip()
        if stripped and _indent(line) < indent:
            break
        if stripped and _indent(line) == indent and not (stripped == "-" or stripped.startswith("- ")):
            break
        end += 1
    while end > start + 1 and (not text_lines[end - 1].strip() or text_lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments after the value belong to what follows
    if end == start + 1 or any("#" in line for line in text_lines[start:end]):
        return None
    return start, end


# What each value becomes.

def _when_long(when: Any) -> Any:
    """A branch's condition in the long form (the converter also reads compact ones)."""
    if isinstance(when, list):
        return {"op": "in", "value": when}
    if isinstance(when, str | int | bool | datetime.date):
        return {"op": "==", "value": when}
    return when


def _target(branch: dict) -> dict | str:
    return {k: branch[k] for k in ("to", "label") if branch.get(k) is not None} if branch.get("label") is not None \
        else branch["to"]


def _keyed(pad: str, key: str, value: dict | str) -> list[str]:
    """``key: value`` on one line when it fits, else ``key:`` with a block mapping under it."""
    one = f"{pad}{key}: {flow(value)}"
    if isinstance(value, str) or len(one) <= WIDTH:
        return [one]
    return [f"{pad}{key}:"] + [f"{pad}  {k}: {scalar(v, 'block')}" for k, v in value.items()]


def _items(pad: str, items: list[dict]) -> list[str]:
    """``- {k: v, ...}`` a line when every item fits, else every item as a block mapping (one
    list, one style)."""
    ones = [f"{pad}- {flow(item)}" for item in items]
    if all(len(one) <= WIDTH for one in ones):
        return ones
    out = []
    for item in items:
        for index, (k, v) in enumerate(item.items()):
            value = flow(v) if isinstance(v, dict | list) else scalar(v, "block")
            out.append(f"{pad}{'- ' if index == 0 else '  '}{k}: {value}")
    return out


def _only(branch: Any, keys: set) -> bool:
    return isinstance(branch, dict) and set(branch) <= keys and isinstance(branch.get("to"), str)


def branch_lines(branches: Any, pad: str) -> list[str] | None:
    """The shorthand for a question's branches list (None: leave it as it is)."""
    if not isinstance(branches, list) or not branches or not all(_only(b, {"when", "to", "label"}) for b in branches):
        return None
    branches = [{**b, "when": _when_long(b["when"])} if b.get("when") is not None else b for b in branches]
    otherwise = [i for i, b in enumerate(branches) if b.get("when") is None]
    conditions = [b["when"] for b in branches if b.get("when") is not None]
    if len(otherwise) > 1 or (otherwise and otherwise[0] != len(branches) - 1) \
            or not all(isinstance(w, dict) for w in conditions):
        return None  # check reports these; keep them visible as written
    equals = [w["value"] for w in conditions if set(w) == {"op", "value"} and w["op"] == "=="]
    simple = bool(conditions) and len(equals) == len(conditions) and len(set(map(repr, equals))) == len(equals)
    out: list[str] = []
    if simple and all(isinstance(v, bool) for v in equals):
        for branch in branches:
            key = "otherwise" if branch.get("when") is None else "yes" if branch["when"]["value"] else "no"
            out += _keyed(pad, key, _target(branch))
        return out
    if simple and all(isinstance(v, str) for v in equals):
        out.append(f"{pad}cases:")
        for branch in branches:
            if branch.get("when") is None:
                out += _keyed(pad, "otherwise", _target(branch))
            else:
                out += _keyed(pad + "  ", scalar(branch["when"]["value"], "key"), _target(branch))
        return out
    items = []
    for branch in branches:
        when = branch.get("when")
        if isinstance(when, dict) and set(when) == {"op", "value"}:
            single = when["op"] == "==" and isinstance(when["value"], str | int | bool | datetime.date)
            listed = when["op"] == "in" and isinstance(when["value"], list) and bool(when["value"])
            if single or listed:
                when = when["value"]
        items.append({**({"when": when} if when is not None else {}),
                      **{k: branch[k] for k in ("to", "label") if branch.get(k) is not None}})
    return [f"{pad}branches:", *_items(pad + "  ", items)]


def citation_lines(citations: Any, pad: str) -> list[str] | None:
    if not isinstance(citations, list) or not citations:
        return None
    if not all(isinstance(c, dict) and set(c) == {"cite"} and isinstance(c["cite"], str) for c in citations):
        return None  # a note, an inline citation or a plain id already: leave the list as written
    ids = [c["cite"] for c in citations]
    one = f"{pad}citations: {flow(ids)}"
    return [one] if len(one) <= WIDTH else [f"{pad}citations:"] + [f"{pad}  - {scalar(i, 'block')}" for i in ids]


def action_lines(actions: Any, pad: str) -> list[str] | None:
    if not isinstance(actions, list) or not actions or not all(isinstance(a, dict) and a for a in actions):
        return None
    return [f"{pad}actions:", *_items(pad + "  ", actions)]


_REWRITES = {("questions", "branches"): branch_lines, ("questions", "citations"): citation_lines,
             ("outcomes", "citations"): citation_lines, ("outcomes", "actions"): action_lines}


def convert_text(text: str, source: str = "tree.yaml") -> str:
    """The tree ``text`` with its long forms rewritten (not yet verified: see ``rewrite``)."""
    data, lines = read_yaml(text, source)
    text_lines = text.split("\n")
    edits: list[tuple[int, int, list[str]]] = []
    for (section, key), make in _REWRITES.items():
        nodes = data.get(section) if isinstance(data, dict) else None
        for node_id, node in (nodes or {}).items() if isinstance(nodes, dict) else ():
            if not isinstance(node, dict) or node.get(key) is None or (section, node_id, key) not in lines:
                continue
            span = _span(text_lines, lines[(section, node_id, key)], key)
            if span is None:
                continue
            replacement = make(node[key], " " * _indent(text_lines[span[0]]))
            if replacement is not None:
                edits.append((*span, replacement))
    for start, end, replacement in sorted(edits, reverse=True):
        text_lines[start:end] = replacement
    return "\n".join(text_lines)


def _comments(text: str) -> Counter:
    return Counter(line.strip() for line in text.splitlines() if "#" in line)


def _first_difference(old: model.Tree, new: model.Tree) -> str:
    for section in ("questions", "outcomes", "facts"):
        a, b = getattr(old, section), getattr(new, section)
        for key in list(a) + [k for k in b if k not in a]:
            if a.get(key) != b.get(key):
                return f"{section}.{key}"
    return "the tree's top-level keys"


def registry_for(path: Path) -> load.Registry:
    """The source registry a tree file cites through: its content folder's, else the bundled one."""
    parent = path.resolve().parent
    root = parent.parent if parent.name == TREES and (parent.parent / SOURCES).is_dir() else bundled_root()
    files = [load.load_sources(p)[0] for p in yaml_files(root / SOURCES) if not p.name.startswith("_")]
    return load.registry_of(files)


def rewrite(path: Path, registry: load.Registry | None) -> Rewrite:
    """The shorthand version of the tree at ``path``, verified to load to an equal model.
    Raises ContentError when the file does not load as it is, Refused when the rewrite is unsafe."""
    old_text = load.read_file(path)
    extra = {"id": path.stem, "path": str(path)}
    old_tree, _ = load.load_text(model.Tree, old_text, str(path), registry, **extra)
    new_text = convert_text(old_text, str(path))
    if new_text == old_text:
        return Rewrite(path, old_text, new_text)
    try:
        new_tree, _ = load.load_text(model.Tree, new_text, str(path), registry, **extra)
    except ContentError as exc:
        raise Refused(f"{path}: the shorthand would not load ({exc.problems[0].message}); left as it is") from None
    if new_tree != old_tree:
        raise Refused(f"{path}: the shorthand would load differently (first at {_first_difference(old_tree, new_tree)}); "
                      f"left as it is")
    if _comments(new_text) != _comments(old_text):
        raise Refused(f"{path}: the shorthand would lose a comment; left as it is")
    return Rewrite(path, old_text, new_text)


def write(result: Rewrite) -> None:
    """Replace the file with the rewrite, atomically, only if it still holds what was read."""
    if result.path.read_text(encoding="utf-8") != result.old:
        raise Refused(f"{result.path}: changed on disk while being rewritten; not written (run again)")
    handle, temporary = tempfile.mkstemp(dir=result.path.parent, prefix=f".{result.path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(result.new)
        os.chmod(temporary, result.path.stat().st_mode & 0o777)
        os.replace(temporary, result.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
