"""Compare: the same case side by side under several jurisdictions, differences called out.

Part of the explorer layer (with explorer.py, the only modules that import ipywidgets).

Each column shows one jurisdiction's path as numbered steps (pathview.py), the whole tree one
click away (one toggle for every column), and a compact outcome card. Where a column's path
parts from another column's, the step says so in words ("◆ paths part here") and the diagram
outlines that question. The summary above the columns states each jurisdiction's verdict and its
answer where the paths part: the value its law sets (with the rule's note), or the case's fact.
"""

from __future__ import annotations

import datetime
import html

import ipywidgets as widgets

from . import explain, layout, model, pathview
from .cards import CSS, TONES, icon, markdown_html, outcome_card
from .evaluate import Result, condition_value, evaluate
from .library import Library, default_library, usable_cases
from .words import question_text, show_value

COMPARE_CSS = """<style>
.confide-column .widget-html-content { min-width: 0; }
.confide-compare-summary ul { margin: .2em 0; padding-left: 1.2em; }
.confide-compare-summary li { margin: .15em 0; }
.confide-compare-summary .note { display: block; font-size: max(.88em, 13px); color: #374151; }
.confide-column-heading { display: flex; gap: .4em; align-items: center; border-bottom: 4px solid var(--tone, #6b7280);
  padding-bottom: .15em; }
</style>"""


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many nodes two paths share from the root."""
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def parting_points(results: dict[str, Result]) -> dict[str, list[str]]:
    """For each column, every node of its path where it parts from another column's path (the
    last node the two share), in path order; empty where every path is the same."""
    out: dict[str, list[str]] = {}
    for name, result in results.items():
        shared = {_shared(result.nodes, other.nodes) for key, other in results.items()
                  if key != name and other.nodes != result.nodes}
        out[name] = [result.nodes[count - 1] for count in sorted(shared) if count]
    return out


def parting_nodes(results: dict[str, Result]) -> dict[str, str | None]:
    """For each column, the first node of its path where it parts from another column's path
    (None: every path is the same)."""
    return {name: nodes[0] if nodes else None for name, nodes in parting_points(results).items()}


def answer_at(result: Result, node: str, parameters: dict[str, model.Fact]) -> tuple[str, str, str | None]:
    """This jurisdiction's answer at ``node``, in words: (who answers, the answer, the rule's note).
    For the jurisdiction's own question, the value its law sets (never a branch label such as
    'otherwise'); for a fact, the case's answer, and the jurisdiction's value it is compared with."""
    tree = result.tree
    answer = next((a for a in result.answers if a.node == node), None)
    if answer is None:
        if result.missing_kind == "parameter":
            return f"{result.jurisdiction.name}'s law", "sets no rule here: the path stops", None
        return "The case", "not known yet: the path waits here", None
    if answer.kind == "parameter":
        note = answer.setting.note if answer.setting and answer.setting.note else None
        return (f"{result.jurisdiction.name}'s law", show_value(answer.value, parameters.get(answer.asked)),
                note)
    said = show_value(answer.value, tree.facts.get(answer.asked))
    if answer.assumed:
        said += " (assumed: the case does not say)"
    when = tree.questions[node].branches[answer.branch].when
    if when is not None and when.parameter:  # the fact is weighed against this jurisdiction's value
        declared = parameters.get(when.parameter)
        rule = declared.question if declared else when.parameter.replace("_", " ")
        value = condition_value(when, result.jurisdiction, result.as_of)
        said += f", weighed against {result.jurisdiction.name}'s rule “{rule}”: {show_value(value, declared)}"
        setting = result.jurisdiction.setting(when.parameter, result.as_of)
        return "The case", said, setting.note if setting and setting.note else None
    return "The case", said, None


def summary_html(tree: model.Tree, results: dict[str, Result], names: dict[str, str],
                 parameters: dict[str, model.Fact]) -> str:
    """Each jurisdiction's verdict and its answer wherever its path parts from another's: the
    rule that decides it. 'Same verdict' is said once."""
    e = html.escape
    verdicts = {r.verdict for r in results.values()}
    lines = ([f"<p><b>Same verdict everywhere:</b> {e(explain.verdict_words(next(iter(verdicts))))}.</p>"]
             if len(verdicts) == 1 else ["<p><b>The verdicts differ.</b></p>"])
    points = parting_points(results)
    if not any(points.values()):
        lines.append("<p>The paths are the same.</p>")
        return "<div class='confide-compare-summary' role='status'>" + "".join(lines) + "</div>"

    def asked(node: str) -> str:
        question = tree.questions.get(node)
        return question_text(tree, question, parameters) if question else node

    everywhere = {tuple(nodes) for nodes in points.values()}
    one = next(iter(everywhere)) if len(everywhere) == 1 and len(next(iter(everywhere))) == 1 else None
    if one:
        lines.append(f"<p><b>The paths part at</b> “{e(asked(one[0]))}” (◆ in each column). "
                     "Each jurisdiction's answer there:</p>")
    else:
        lines.append("<p><b>The paths part</b> (◆ in each column where its path first leaves another). "
                     "Each jurisdiction's answers where its path parts from the others':</p>")
    items = []
    for key, result in results.items():
        said = []
        for node in points[key]:
            who, answer, note = answer_at(result, node, parameters)
            where = "" if one else f"At “{e(asked(node))}”, "
            if where and who == "The case":
                who = "the case"
            noted = f" <span class='note'>{e(note)}</span>" if note else ""
            said.append(f"{where}{e(who)}: <i>{e(answer)}</i>.{noted}")
        items.append(f"<li class='answer' data-jurisdiction='{e(key, quote=True)}'>"
                     f"<b>{e(names[key])}: {e(explain.verdict_words(result.verdict))}.</b> {' '.join(said)}</li>")
    lines.append("<ul>" + "".join(items) + "</ul>")
    return "<div class='confide-compare-summary' role='status'>" + "".join(lines) + "</div>"


def heading_html(name: str, verdict: str | None) -> str:
    """A column's heading: the jurisdiction and its verdict in words (with the verdict's icon)."""
    return (f"<h3 class='confide-column-heading' style='--tone:{TONES.get(verdict, '#6b7280')}'>"
            f"{icon(verdict, 24)}<span>{html.escape(name)} — {html.escape(explain.verdict_words(verdict))}"
            "</span></h3>")


class Comparison(widgets.VBox):
    """One case, one step, several jurisdictions side by side; each column's path, where the
    paths part, and each jurisdiction's verdict and deciding answer in the summary above."""

    def __init__(self, library: Library, case: str, jurisdictions: list[str] | None = None, *,
                 step: int | None = None, as_of: datetime.date | None = None) -> None:
        self.library, self.parameters = library, library.parameter_names()
        cases = usable_cases(library)
        if case not in cases:
            raise ValueError(f"unknown case '{case}'; choose one of: {', '.join(sorted(cases))}")
        self.case, self.tree = cases[case], library.trees[cases[case].tree]
        names = list(jurisdictions or sorted(library.jurisdictions))
        unknown = [j for j in names if j not in library.jurisdictions]
        if unknown:
            raise ValueError(f"unknown jurisdiction(s) {unknown}; choose from: {', '.join(sorted(library.jurisdictions))}")
        self.as_of = as_of or self.case.as_of or datetime.date.today()
        count = len(self.case.steps)
        self.step = widgets.IntSlider(min=1, max=count, value=step or count, description="Step",
                                      continuous_update=False)
        self.prev_step = widgets.Button(description="◀ Previous", tooltip="Previous step of the case")
        self.next_step = widgets.Button(description="Next ▶", tooltip="Next step of the case")
        self.prev_step.on_click(lambda _: setattr(self.step, "value", max(self.step.value - 1, 1)))
        self.next_step.on_click(lambda _: setattr(self.step, "value", min(self.step.value + 1, count)))
        self.summary, self.narrative = widgets.HTML(), widgets.HTML()
        self.view = widgets.ToggleButtons(options=[("The path", "path"), ("Whole tree", "tree")], value="path",
                                          tooltips=["Each jurisdiction's questions, answers and outcome, "
                                                    "where the paths part marked ◆",
                                                    "Every question and outcome of the tree, in each column"])
        self.zoom = widgets.ToggleButton(description="Full-size diagrams", icon="search-plus",
                                         tooltip="Show the diagrams at full size (scroll to move around)")
        found = layout.layout_for(self.tree, self.parameters)
        self.columns: dict[str, dict] = {}
        self.results: dict[str, Result] = {}
        self.parts: dict[str, str | None] = {}
        boxes = []
        for name in names:
            scope = layout.new_scope()
            column = {"scope": scope, "heading": widgets.HTML(), "pathview": widgets.HTML(),
                      "diagram_style": widgets.HTML(layout=widgets.Layout(height="0px", margin="0")),
                      "diagram": widgets.HTML(layout.view_html(found, scope, f"{self.tree.title} — {name}"),
                                              layout=widgets.Layout(width="100%", overflow="auto")),
                      "outcome": widgets.HTML()}
            column["tree_view"] = widgets.VBox([column["diagram"]])
            self.columns[name] = column
            box = widgets.VBox([column["heading"], column["diagram_style"], column["pathview"],
                                column["tree_view"], column["outcome"]],
                               layout=widgets.Layout(flex="1 1 0", min_width="18em"))
            box.add_class("confide-column")
            boxes.append(box)
        self.step.observe(lambda _: self.refresh(), names="value")
        self.zoom.observe(self._zoomed, names="value")
        self.view.observe(lambda _: self._show_view(), names="value")
        nav = widgets.HBox([self.prev_step, self.step, self.next_step, self.view, self.zoom],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        super().__init__([widgets.HTML(CSS + pathview.CSS + COMPARE_CSS),
                          widgets.HTML(f"<h3>{html.escape(self.case.title)}</h3>"), nav,
                          self.narrative, self.summary,
                          widgets.HBox(boxes, layout=widgets.Layout(flex_flow="row wrap", width="100%",
                                                                    grid_gap="0 1em"))])
        self.add_class("confide")
        self._show_view()
        self.refresh()

    def _zoomed(self, change) -> None:  # noqa: ANN001
        for column in self.columns.values():
            (column["diagram"].add_class if change["new"] else column["diagram"].remove_class)("confide-zoom")

    def _show_view(self) -> None:
        """The paths or the whole trees, in every column at once: both stay built."""
        whole = self.view.value == "tree"
        for column in self.columns.values():
            column["pathview"].layout.display = "none" if whole else None
            column["tree_view"].layout.display = None if whole else "none"
        self.zoom.layout.display = None if whole else "none"

    def refresh(self) -> None:
        number = self.step.value
        facts = self.case.facts_at(number - 1)
        self.prev_step.disabled, self.next_step.disabled = number <= 1, number >= len(self.case.steps)
        step = self.case.steps[number - 1]
        self.narrative.value = (f"<p><b>Step {number} of {len(self.case.steps)}</b> · "
                                f"{html.escape(step.title)}</p>{markdown_html(step.narrative)}")
        for name in self.columns:
            self.results[name] = evaluate(self.tree, facts, self.library.jurisdictions[name], self.as_of)
        self.parts = parting_nodes(self.results)
        for name, column in self.columns.items():
            result, parts_at = self.results[name], self.parts[name]
            column["diagram_style"].value = layout.path_style(column["scope"], result, parts_at)
            column["pathview"].value = pathview.path_view_html(result, self.parameters, parts_at)
            column["heading"].value = heading_html(self.library.jurisdictions[name].name, result.verdict)
            column["outcome"].value = outcome_card(result, self.parameters, compact=True)
        self.summary.value = self.differences_html()

    @property
    def verdicts(self) -> dict[str, str | None]:
        return {name: r.verdict for name, r in self.results.items()}

    def differences_html(self) -> str:
        names = {k: self.library.jurisdictions[k].name for k in self.results}
        return summary_html(self.tree, self.results, names, self.parameters)


def compare(case: str, jurisdictions: list[str] | None = None, *, library: Library | None = None,
            **kwargs):  # noqa: ANN201
    """The same case side by side under several jurisdictions (default: all of them)."""
    library = library or default_library()
    return Comparison(library, case, jurisdictions, **kwargs)
