"""The tree shorthand: short ways to write a question's branches, expanded before validation.

Written                                 Expands to (the long form, which stays valid)
``yes: q_next``                         ``- {when: {op: "==", value: true}, to: q_next}``
``no: {to: o_keep, label: not yet}``    ``- {when: {op: "==", value: false}, to: o_keep, label: not yet}``
``cases: {all_persons: q_a, ...}``      one ``{when: {op: "==", value: all_persons}, to: q_a}`` per entry
``otherwise: o_keep``                   the last branch, without ``when``
``when: all_persons`` (in branches)     ``when: {op: "==", value: all_persons}``
``when: [a, b]`` (in branches)          ``when: {op: in, value: [a, b]}``

Branches come in the order written (``otherwise`` always last). A target is a node id or
``{to: id, label: words}``. Citations may be plain source ids (``citations: [id, ...]``); load.py
resolves those, in every kind of file.

Every location the expansion makes gets the line it was written on, so a finding about
``branches.0.to`` points at the ``yes:`` line, and one about the third case at that case's line.
Whether ``yes:``/``cases:`` suit the fact's type is checked by ``check`` (a parameter's type is
only known there); this module reports what is wrong with the shape alone.

No third-party imports: the written-form schema helpers work on plain dicts.
"""

from __future__ import annotations

import datetime
from typing import Any

from .problems import Problem, did_you_mean
from .yamlstrict import line_of

BOOL_KEYS = {"yes": True, "no": False}
SHORTHAND_KEYS = ("yes", "no", "cases", "otherwise")
TARGET_KEYS = ("to", "label")
_SCALARS = (str, int, bool, datetime.date)


def expand_tree(data: Any, lines: dict, path: str) -> list[Problem]:
    """Rewrite every question of a tree's data (in place) into the long form; add the line of
    every location made. Returns the problems found in the shorthand itself."""
    problems: list[Problem] = []
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, dict):
        return problems
    for node_id, question in questions.items():
        if isinstance(question, dict):
            _expand_question(str(node_id), question, lines, path, problems)
    return problems


def _name(where: tuple) -> str:
    return ".".join(str(part) for part in where)


def _expand_question(node_id: str, question: dict, lines: dict, path: str, problems: list[Problem]) -> None:
    here = ("questions", node_id)
    written = [key for key in question if key in SHORTHAND_KEYS and question[key] is not None]
    branches = question.get("branches")
    if branches is not None:
        if written:
            problems.append(Problem(path, line_of(lines, here + (written[0],)),
                f"question '{node_id}' has both '{written[0]}:' and 'branches:'; write its branches one way: "
                f"yes/no, cases and otherwise, or a branches list"))
            for key in written:
                del question[key]
        if isinstance(branches, list):
            for index, branch in enumerate(branches):
                if isinstance(branch, dict) and "when" in branch:
                    branch["when"] = _compact_when(branch["when"], here + ("branches", index, "when"), lines)
        return
    if not written:
        if not any(key in question for key in SHORTHAND_KEYS):  # else an empty `yes:`: check says what is missing
            problems.append(Problem(path, line_of(lines, here),
                f"question '{node_id}' has no branches: give yes/no, cases or otherwise, or a branches list"))
        question["branches"] = []
        return
    made: list[tuple[dict, int, tuple]] = []  # (branch, line, where the target was written)
    for key in [k for k in written if k != "otherwise"] + [k for k in written if k == "otherwise"]:
        where = here + (key,)
        if key == "cases":
            cases = question[key]
            if not isinstance(cases, dict) or not cases:
                problems.append(Problem(path, line_of(lines, where),
                    f"{_name(where)}: expected a mapping of values to nodes, e.g. {{value: q_next}}, "
                    f"got {cases!r}"))
                continue
            for value, target in cases.items():
                branch = _target(target, where + (value,), lines, path, problems)
                if branch is not None:
                    made.append(({"when": {"op": "==", "value": value}, **branch},
                                 line_of(lines, where + (value,)), where + (value,)))
            continue
        branch = _target(question[key], where, lines, path, problems)
        if branch is None:
            continue
        if key in BOOL_KEYS:
            branch = {"when": {"op": "==", "value": BOOL_KEYS[key]}, **branch}
        made.append((branch, line_of(lines, where), where))
    for key in SHORTHAND_KEYS:
        question.pop(key, None)
    question["branches"] = [branch for branch, _, _ in made]
    lines.setdefault(here + ("branches",), line_of(lines, here + (written[0],)))
    for index, (branch, line, written_at) in enumerate(made):
        at = here + ("branches", index)
        lines[at] = line
        for key in branch:
            lines[at + (key,)] = lines.get(written_at + (key,), line)
        if "when" in branch:
            lines[at + ("when", "op")] = line
            lines[at + ("when", "value")] = line


def _target(value: Any, where: tuple, lines: dict, path: str, problems: list[Problem]) -> dict | None:
    """``q_next`` or ``{to: q_next, label: words}`` as the keys of a branch, or None (reported)."""
    if isinstance(value, str) and value:
        return {"to": value}
    if isinstance(value, dict):
        unknown = [key for key in value if key not in TARGET_KEYS]
        if unknown:
            problems.append(Problem(path, line_of(lines, where + (unknown[0],)),
                f"{_name(where)}: unknown key '{unknown[0]}'{did_you_mean(unknown[0], TARGET_KEYS)}; "
                f"a target takes 'to' (a node id) and 'label'"))
            return None
        target = value.get("to")
        if not isinstance(target, str) or not target:
            problems.append(Problem(path, line_of(lines, where + ("to",)),
                f"{_name(where)}: 'to' must be a node id, got {target!r}" if "to" in value else
                f"{_name(where)}: missing required key 'to' (the node this answer leads to)"))
            return None
        label = value.get("label")
        if label is not None and not isinstance(label, str):
            problems.append(Problem(path, line_of(lines, where + ("label",)),
                f"{_name(where)}.label: expected text, got {label!r}"))
            return None
        return {"to": target, **({"label": label} if label is not None else {})}
    problems.append(Problem(path, line_of(lines, where),
        f"{_name(where)}: expected a node id or {{to: node_id, label: words}}, got {value!r}"))
    return None


def _compact_when(when: Any, where: tuple, lines: dict) -> Any:
    """``when: v`` -> ``{op: "==", value: v}``; ``when: [a, b]`` -> ``{op: in, value: [a, b]}``."""
    if isinstance(when, list):
        line = line_of(lines, where)
        lines[where + ("op",)] = line
        lines[where + ("value",)] = line
        for index in range(len(when)):
            lines[where + ("value", index)] = lines.get(where + (index,), line)
        return {"op": "in", "value": when}
    if isinstance(when, _SCALARS):
        lines[where + ("op",)] = lines[where + ("value",)] = line_of(lines, where)
        return {"op": "==", "value": when}
    return when  # the long form, or something pydantic will name


# The written form's JSON Schema: the model's schema plus the shorthand (schema.py, load.py).

def _target_schema() -> dict:
    return {"anyOf": [{"type": "string", "description": "the id of the node this answer leads to"},
                      {"$ref": "#/$defs/Target"}]}


def written_schema(schema: dict, target_schema: dict | None = None) -> dict:
    """Add the shorthand to a JSON Schema generated from ``model.Tree`` (in place, and returned):
    yes/no/cases/otherwise on questions, compact ``when``, and plain source ids as citations."""
    defs = schema.get("$defs", {})
    question = defs.get("Question")
    if question is not None:
        properties = question.setdefault("properties", {})
        properties["yes"] = {**_target_schema(), "description": "where a true answer leads (a bool fact)"}
        properties["no"] = {**_target_schema(), "description": "where a false answer leads (a bool fact)"}
        properties["cases"] = {
            "type": "object", "minProperties": 1, "additionalProperties": _target_schema(),
            "description": "value: target, one entry per enum value (or parameter value), tried in order"}
        properties["otherwise"] = {**_target_schema(),
                                   "description": "where any other answer leads (always tried last)"}
        question["required"] = [key for key in question.get("required", []) if key != "branches"]
        # Branches one way or the other, never both (under allOf/not: load.py reads only properties).
        question["allOf"] = [{"anyOf": [{"required": [key]} for key in ("branches", *SHORTHAND_KEYS)]}]
        question["not"] = {"anyOf": [{"required": ["branches", key]} for key in SHORTHAND_KEYS]}
        properties.get("branches", {})["description"] = (
            "the long form: {when, to, label} items, tried in order; not together with yes/no/cases/otherwise")
        if target_schema is not None:
            defs["Target"] = target_schema
    branch = defs.get("Branch")
    when = defs.get("When")
    if branch is not None and when is not None:
        compact = [option for option in when.get("properties", {}).get("value", {}).get("anyOf", [])
                   if option.get("type") != "null"]
        branch.setdefault("properties", {})["when"] = {
            "anyOf": [{"$ref": "#/$defs/When"}, *compact, {"type": "null"}],
            "description": "{op, value} or {op, parameter}; a single value means ==, a list means in",
            "default": None}
    citation = defs.get("Citation")
    if citation is not None:
        plain = {"type": "string", "description": "a source id from sources/*.yaml"}
        options = citation["anyOf"] if set(citation) == {"anyOf"} else [citation]
        defs["Citation"] = {"anyOf": [plain, *options]}
    return schema
