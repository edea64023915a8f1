"""The words for a tree's questions, branches and values: pure Python, no graph library,
so the runtime path (explain, cards, explorer) can use them in the browser."""

from __future__ import annotations

import datetime

from . import model


def show_value(value: object, fact: model.Fact | None = None) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return " / ".join(show_value(v, fact) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if fact is not None and isinstance(value, str):
        return fact.value_labels.get(value, value.replace("_", " "))
    return str(value).replace("_", " ") if isinstance(value, str) else str(value)


def branch_label(tree: model.Tree, question: model.Question, branch: model.Branch,
                 parameters: dict[str, model.Fact] | None = None) -> str:
    if branch.label:
        return branch.label
    if branch.when is None:
        return "otherwise"
    fact = tree.facts.get(question.ask or "") or (parameters or {}).get(question.ask_parameter or "")
    when = branch.when
    right = f"the {when.parameter.replace('_', ' ')}" if when.parameter else show_value(when.value, fact)
    if when.op in {"==", "in"}:
        return right
    if when.op == "!=":
        return f"not {right}"
    return f"{when.op} {right}"


def question_text(tree: model.Tree, question: model.Question,
                  parameters: dict[str, model.Fact] | None = None) -> str:
    if question.text:
        return question.text
    if question.ask and question.ask in tree.facts:
        return tree.facts[question.ask].question
    declared = (parameters or {}).get(question.ask_parameter or "")
    return declared.question if declared else question.asked


def short_question(tree: model.Tree, question: model.Question,
                   parameters: dict[str, model.Fact] | None = None) -> str:
    """A few words for a diagram: the node's own ``short``, else (when the node keeps the fact's
    wording) the fact's or parameter's ``short``, else the full question."""
    if question.short:
        return question.short
    declared = tree.facts.get(question.ask or "") or (parameters or {}).get(question.ask_parameter or "")
    if not question.text and declared is not None and declared.short:
        return declared.short
    return question_text(tree, question, parameters)


def node_id(name: str) -> str:
    """The stable SVG id of a node, shared by the renderer and the layouts that restyle it."""
    return f"node-{name}"


def edge_id(source: str, target: str) -> str:
    return f"edge-{source}-{target}"
