"""Draw a tree with Graphviz: an explicit mapping from the graph to DOT attributes.

Every node and edge has a stable ``id`` (``node-<id>``, ``edge-<from>-<to>``) and a ``class``
(``on-path``/``off-path``/``stopped``), so a laid-out SVG can be restyled without running ``dot``
again. The path never relies on colour alone: it is drawn thick and solid, the rest thin, dashed
and grey.
"""

from __future__ import annotations

import html
import textwrap

from . import model
from .evaluate import Result
from .words import edge_id, node_id, short_question

FONT = "Helvetica"
VERDICT_STYLE: dict[str, tuple[str, str]] = {  # verdict -> (fill colour, short tag)
    "must_not_disclose": ("#fde2e1", "MUST NOT DISCLOSE"),
    "may_disclose_with_consent": ("#e3f0ff", "WITH CONSENT"),
    "may_disclose_permitted_by_law": ("#e6f4ea", "MAY DISCLOSE"),
    "must_disclose_or_act": ("#fff0c2", "MUST ACT"),
    "must_respond_assert_privilege": ("#efe6ff", "RESPOND, ASSERT PRIVILEGE"),
    "disclose_court_order_minimum": ("#e0f4f4", "ONLY WHAT THE ORDER COVERS"),
}
ON_PATH = {"penwidth": "3", "color": "#1f2937", "fontcolor": "#111827"}
OFF_PATH = {"penwidth": "1", "color": "#9ca3af", "fontcolor": "#6b7280"}
NEUTRAL = {"penwidth": "1.5", "color": "#374151", "fontcolor": "#111827"}


class DotMissing(RuntimeError):
    """Graphviz's ``dot`` program is not installed."""


def dot_hint() -> str:
    return ("Graphviz's `dot` program is not installed: run `sudo apt-get install graphviz` "
            "(Debian/Ubuntu) or `brew install graphviz` (macOS), or `make lab` as root.")


def _graphviz():
    """The graphviz package (absent in the browser build: no `dot` there either)."""
    try:
        import graphviz
    except ImportError:
        raise DotMissing("the `graphviz` Python package is not installed here; diagrams need a "
                         "precomputed layout") from None
    return graphviz


def html_label(*lines: str, bold_first: bool = False, width: int = 24) -> str:
    """An HTML-like Graphviz label: escaped, wrapped, no raw user markup ever reaches DOT."""
    parts = []
    for index, line in enumerate(lines):
        wrapped = textwrap.wrap(" ".join(str(line).split()), width) or [""]
        text = "<BR/>".join(html.escape(w, quote=True) for w in wrapped)
        parts.append(f"<B>{text}</B>" if bold_first and index == 0 else text)
    return "<" + "<BR/>".join(parts) + ">"


def to_dot(tree: model.Tree, result: Result | None = None,
           parameters: dict[str, model.Fact] | None = None, *, neutral: bool = False):
    """A ``graphviz.Digraph`` of the tree; with a result, its path highlighted. Without one,
    every node is drawn as on the path (the base a cached layout restyles), or, with
    ``neutral``, all alike and thin (a blank tree for students)."""
    from .graph import to_graph  # networkx: the authoring path only

    graphviz = _graphviz()

    graph = to_graph(tree, parameters)
    on_nodes = set(result.nodes) if result else set(graph)
    on_edges = set(result.edges) if result else set(graph.edges)
    stopped = result.stopped_at if result else None
    dot = graphviz.Digraph(name=tree.id or "tree", graph_attr={
        "rankdir": "TB", "nodesep": "0.25", "ranksep": "0.35", "fontname": FONT,
        "label": html_label(tree.title, width=80), "labelloc": "t", "id": f"tree-{tree.id}",
    # Short labels at 14 pt (about 19 px at the drawing's natural size): legible on a projector.
    }, node_attr={"fontname": FONT, "fontsize": "14", "style": "filled", "margin": "0.12,0.06"},
        edge_attr={"fontname": FONT, "fontsize": "12"})
    for name, data in graph.nodes(data=True):
        on = name in on_nodes
        attrs = dict(NEUTRAL) if neutral else dict(ON_PATH if on else OFF_PATH)
        css = "stopped" if name == stopped else ("on-path" if on else "off-path")
        if data["kind"] == "question":
            question = data["obj"]
            attrs.update(shape="box", fillcolor="#ffffff" if on else "#f3f4f6")
            if question.ask_parameter:  # answered by the jurisdiction, not the user: drawn smaller
                label = html_label("⚖ " + short_question(tree, question, parameters), width=24)
                attrs.update(style="filled,rounded" if on else "filled,rounded,dashed", fontsize="12",
                             margin="0.06,0.02")
            else:
                label = html_label(short_question(tree, question, parameters), width=24)
        else:
            outcome: model.Outcome = data["obj"]
            fill, tag = VERDICT_STYLE[outcome.verdict]
            label = html_label(tag, outcome.label, bold_first=True)
            attrs.update(shape="box", peripheries="2", fillcolor=fill if on else "#f3f4f6")
        if not on and "style" not in attrs:
            attrs["style"] = "filled,dashed"
        if name == stopped:
            attrs.update(style="filled,bold", penwidth="4", fillcolor="#fff7d6")
        dot.node(name, label=label, id=node_id(name), **{"class": css}, **attrs)
    for source, target, data in graph.edges(data=True):
        on = (source, target) in on_edges
        attrs = {"penwidth": "3", "color": "#1f2937", "fontcolor": "#111827", "style": "bold"} if on \
            else {"penwidth": "1", "color": "#9ca3af", "fontcolor": "#6b7280", "style": "dashed"}
        if neutral:
            attrs = {**NEUTRAL, "style": "solid"}
        dot.edge(source, target, label=html_label(data["label"], width=16), id=edge_id(source, target),
                 **{"class": "on-path" if on else "off-path"}, **attrs)
    return dot


def pipe(digraph, fmt: str) -> bytes:  # noqa: ANN001
    """Lay out and render with ``dot``; a missing binary raises DotMissing with the hint."""
    graphviz = _graphviz()

    try:
        return digraph.pipe(format=fmt)
    except (graphviz.ExecutableNotFound, OSError):  # no `dot`, or no processes at all (Pyodide)
        raise DotMissing(dot_hint()) from None
