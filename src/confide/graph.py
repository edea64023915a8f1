"""A tree as a networkx graph, for the authoring checks and the renderer (not the runtime path)."""

from __future__ import annotations

import networkx as nx

from . import model
from .words import branch_label


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
