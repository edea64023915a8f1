"""A tree as a networkx graph, and the words for its nodes and edges. Pure."""

from __future__ import annotations

import datetime

import networkx as nx

from . import model


def to_graph(tree: model.Tree, parameters: dict[str, model.Fact] | None = None) -> nx.DiGraph:
    """Questions and outcomes as nodes (``kind``, ``obj``), branches as edges (``branch``
    index, ``label``). A second branch to the same target keeps the first (check reports it)."""
    graph = nx.DiGraph(id=tree.id, title=tree.title)
    for node_id, question in tree.questions.items():
        graph.add_node(node_id, kind="question", obj=question)
    for node_id, outcome in tree.outcomes.items():
        graph.add_node(node_id, kind="outcome", obj=outcome)
    for node_id, question in tree.questions.items():
        for index, branch in enumerate(question.branches):
            if not graph.has_edge(node_id, branch.to):
                graph.add_edge(node_id, branch.to, branch=index,
                               label=branch_label(tree, question, branch, parameters))
    return graph


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
