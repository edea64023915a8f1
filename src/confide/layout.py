"""Lay out a tree once, then show any path on it by restyling — never by running ``dot`` again.

A tree's layout does not depend on the jurisdiction, the date or the facts, only on the tree, so
it is computed once per tree (``dot`` via ``render.pipe``, or loaded from a precomputed SVG where
``dot`` is missing, as in the browser build) and cached. The SVG is then static: a path is shown
by a small ``<style>`` block scoped to one view's wrapper id (ids and CSS in inline SVG are
page-global, and one page may show the same tree several times). Only that block changes when
the student steps or toggles a fact, so only a few hundred bytes travel to the front end.

The path never relies on colour alone: on it, thick solid lines and bold edge labels; off it,
thin dashed lines and grey fills.

Pure Python (stdlib and our own modules), so it runs under Pyodide.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from . import model
from .evaluate import Result
from .words import edge_id, node_id

_ID = re.compile(r'\bid="((?:node|edge)(?:-|&#45;)[^"]*)"')
_PATH_CLASSES = re.compile(r'(class="(?:node|edge))(?: (?:on|off)(?:-|&#45;)path| stopped)+"')
_UNSAFE = re.compile(r"<\s*(script|foreignObject|iframe)\b|\bon[a-z]+\s*=|javascript:", re.I)
_view_numbers = itertools.count(1)

NO_DIAGRAM = ("The diagram is not available here: no precomputed layout was found and "
              "Graphviz (the dot program) is not installed. The path is explained in words below.")


@dataclass(frozen=True)
class Layout:
    """A laid-out tree: a neutral, static SVG whose nodes and edges carry ``node-<id>`` and
    ``edge-<from>-<to>`` ids."""

    tree_id: str
    svg: str
    node_ids: frozenset[str]
    edge_ids: frozenset[str]
    width_px: int = 800  # natural width, for a full-size view

    @classmethod
    def from_svg(cls, tree_id: str, svg: str) -> Layout:
        """Accept an SVG made by ``dot`` from ``render.to_dot`` (fresh or from a file). It is
        inlined into pages, so anything that could run code is refused."""
        if _UNSAFE.search(svg):
            raise ValueError(f"layout for '{tree_id}' contains scripts or event handlers; refused")
        start = svg.find("<svg")
        if start < 0:
            raise ValueError(f"layout for '{tree_id}' is not an SVG")
        svg = re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S).strip()
        ElementTree.fromstring(svg)  # well-formed, or ParseError says where not
        svg = _PATH_CLASSES.sub(r'\1"', svg)  # classes describe one path; this layout has none
        svg, width_px = _fit_width(svg)
        ids = {html.unescape(m) for m in _ID.findall(svg)}
        return cls(tree_id, svg,
                   frozenset(i[len("node-"):] for i in ids if i.startswith("node-")),
                   frozenset(i[len("edge-"):] for i in ids if i.startswith("edge-")), width_px)

    def missing_nodes(self, tree: model.Tree) -> set[str]:
        """Nodes of ``tree`` this layout does not draw (a stale precomputed file)."""
        return (set(tree.questions) | set(tree.outcomes)) - self.node_ids


def _fit_width(svg: str) -> tuple[str, int]:
    """Let the drawing shrink to its container but never blow up past its natural size
    (Graphviz gives points; 1pt = 4/3 px)."""
    head_end = svg.index(">") + 1
    head = svg[:head_end]
    natural = re.search(r'\bwidth="([\d.]+)pt"', head)
    width_px = round(float(natural.group(1)) * 4 / 3) if natural else 800
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    head = head.replace("<svg", f'<svg width="100%" style="max-width:min(100%, {width_px}px);height:auto;'
                        'display:block" role="img" focusable="false"', 1)
    return head + svg[head_end:], width_px


def fingerprint(tree: model.Tree, parameters: dict[str, model.Fact] | None) -> str:
    """Changes whenever anything drawn could change (labels come from the tree and the
    parameter declarations; never from a jurisdiction's values)."""
    text = repr(tree) + repr(sorted((parameters or {}).items()))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_cache: dict[tuple[str, str], Layout] = {}
_precomputed: dict[str, str] = {}


def register_precomputed(tree_id: str, svg: str) -> None:
    """Offer an SVG layout for a tree, for use where ``dot`` cannot run."""
    _precomputed[tree_id] = svg


def load_precomputed(folder: str | Path) -> list[str]:
    """Register every ``<tree>.svg`` in a folder; returns the tree ids found."""
    found = []
    for path in sorted(Path(folder).glob("*.svg")):
        register_precomputed(path.stem, path.read_text(encoding="utf-8"))
        found.append(path.stem)
    return found


def _shipped(tree_id: str) -> str | None:
    """A layout shipped in the content folder's ``layouts/`` (the browser build's wheel carries
    one per tree, so any notebook there gets diagrams without calling ``load_precomputed``)."""
    from .library import bundled_root

    try:
        path = bundled_root() / "layouts" / f"{tree_id}.svg"
    except FileNotFoundError:
        return None
    return path.read_text(encoding="utf-8") if path.is_file() else None


def compute(tree: model.Tree, parameters: dict[str, model.Fact] | None = None) -> Layout:
    """Run ``dot`` once on the tree (raises ``render.DotMissing`` without it)."""
    from . import render  # Graphviz: the authoring path only

    svg = render.pipe(render.to_dot(tree, None, parameters), "svg").decode("utf-8")
    return Layout.from_svg(tree.id, svg)


def layout_for(tree: model.Tree, parameters: dict[str, model.Fact] | None = None) -> Layout | None:
    """The tree's layout: cached, else ``dot``, else a precomputed SVG; None when neither
    exists (the caller shows ``NO_DIAGRAM`` and the text explanation)."""
    key = (tree.id, fingerprint(tree, parameters))
    if key in _cache:
        return _cache[key]
    from .render import DotMissing

    layout = None
    try:
        layout = compute(tree, parameters)
    except DotMissing:
        precomputed = _precomputed.get(tree.id) or _shipped(tree.id)
        if precomputed is not None:
            layout = Layout.from_svg(tree.id, precomputed)
    if layout is not None:
        _cache[key] = layout
    return layout


def export(trees: dict[str, model.Tree], folder: str | Path,
           parameters: dict[str, model.Fact] | None = None) -> list[Path]:
    """Write ``<tree>.svg`` layouts for a build without ``dot`` (see ``load_precomputed``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for tree in trees.values():
        path = folder / f"{tree.id}.svg"
        path.write_text(compute(tree, parameters).svg, encoding="utf-8")
        written.append(path)
    return written


def new_scope() -> str:
    """A wrapper id unique in this kernel, so one view's styles never touch another's."""
    return f"confide-view-{next(_view_numbers)}"


def _css_id(dom_id: str) -> str:
    """``#id`` as a CSS selector, escaping anything outside [A-Za-z0-9_-]."""
    escaped = "".join(c if c.isascii() and (c.isalnum() or c in "_-") else f"\\{ord(c):x} " for c in dom_id)
    return "#" + ("\\3" + escaped[0] + " " + escaped[1:] if escaped[:1].isdigit() else escaped)


def view_html(layout: Layout | None, scope: str, label: str = "Decision tree diagram") -> str:
    """The static part of one view: the SVG inside its scoped wrapper (sent once per tree)."""
    if layout is None:
        return (f'<div id="{html.escape(scope)}" class="confide-diagram" role="note">'
                f"<p>{html.escape(NO_DIAGRAM)}</p></div>")
    return (f'<div id="{html.escape(scope)}" class="confide-diagram" role="figure" '
            f'aria-label="{html.escape(label)}" style="--confide-natural-width:{layout.width_px}px">'
            f"{layout.svg}</div>")


OFF_RULES = """
{s} .node{nodes} :is(polygon,path,ellipse) {{ stroke:#9ca3af; stroke-width:1px; stroke-dasharray:4 3; }}
{s} .node{nodes} :is(polygon,path,ellipse):not([fill="none"]) {{ fill:#f3f4f6; }}
{s} .node{nodes} text {{ fill:#6b7280; }}
{s} .edge{edges} path {{ stroke:#9ca3af; stroke-width:1px; stroke-dasharray:5 4; }}
{s} .edge{edges} polygon {{ fill:#9ca3af; stroke:#9ca3af; stroke-width:1px; }}
{s} .edge{edges} text {{ fill:#6b7280; }}
"""
ON_RULES = """
{s} :is({edges}) text {{ font-weight:bold; }}
{s} :is({edges}) path {{ stroke-width:3.5px; }}
"""
STOPPED_RULE = """
{s} {node} :is(polygon,path) {{ stroke-width:5px; stroke-dasharray:10 4; fill:#fff7d6; }}
"""
PARTS_RULE = """
{s} {node} :is(polygon,path,ellipse) {{ stroke:#5b21b6; stroke-width:7px; stroke-dasharray:none; }}
{s} {node} text {{ font-weight:bold; }}
"""
NEUTRAL_RULES = """
{s} :is(.node,.edge) :is(polygon,path,ellipse) {{ stroke-width:1px; }}
"""


def path_style(scope: str, result: Result | None, parts_at: str | None = None) -> str:
    """The ``<style>`` block that shows ``result``'s path in the view ``scope``; with no result
    (e.g. while a student predicts) every node is drawn alike, thin and solid. Its size grows
    with the path, not with the tree. ``parts_at``: a node on the path where it parts from
    another path (a comparison), drawn with a thick outline."""
    s = _css_id(scope)
    if result is None:
        return "<style>" + NEUTRAL_RULES.format(s=s) + "</style>"
    node_sel = ",".join(_css_id(node_id(n)) for n in result.nodes)
    edge_sel = ",".join(_css_id(edge_id(a, b)) for a, b in result.edges)
    rules = OFF_RULES.format(s=s, nodes=f":not({node_sel})",
                             edges=f":not({edge_sel})" if edge_sel else "")
    if edge_sel:
        rules += ON_RULES.format(s=s, edges=edge_sel)
    if result.stopped_at:
        rules += STOPPED_RULE.format(s=s, node=_css_id(node_id(result.stopped_at)))
    if parts_at is not None and parts_at in result.nodes:
        rules += PARTS_RULE.format(s=s, node=_css_id(node_id(parts_at)))
    return "<style>" + rules + "</style>"


def highlighted(layout: Layout | None, result: Result | None, scope: str | None = None) -> str:
    """One self-contained HTML fragment (SVG + its style): for static output and for the
    comparison of re-sending the whole diagram in ``make bench``."""
    scope = scope or new_scope()
    return path_style(scope, result) + view_html(layout, scope)
