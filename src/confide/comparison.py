"""Compare: the same case side by side under several jurisdictions, differences called out.

Part of the explorer layer (with explorer.py, the only modules that import ipywidgets).
"""

from __future__ import annotations

import datetime
import html

import ipywidgets as widgets

from . import explain, layout
from .cards import CSS, markdown_html, outcome_card
from .evaluate import Result, evaluate
from .library import Library, default_library, usable_cases
from .words import question_text


class Comparison(widgets.VBox):
    """One case, one step, several jurisdictions side by side; differing verdicts and the
    question where the paths part are called out above the columns."""

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
        self.step = widgets.IntSlider(min=1, max=count, value=step or count, description="Session",
                                      continuous_update=False)
        self.prev_step = widgets.Button(description="◀ Previous", tooltip="Previous session")
        self.next_step = widgets.Button(description="Next ▶", tooltip="Next session")
        self.prev_step.on_click(lambda _: setattr(self.step, "value", max(self.step.value - 1, 1)))
        self.next_step.on_click(lambda _: setattr(self.step, "value", min(self.step.value + 1, count)))
        self.summary, self.narrative = widgets.HTML(), widgets.HTML()
        found = layout.layout_for(self.tree, self.parameters)
        self.columns: dict[str, dict] = {}
        self.results: dict[str, Result] = {}
        for name in names:
            scope = layout.new_scope()
            column = {"scope": scope, "heading": widgets.HTML(), "diagram_style": widgets.HTML(),
                      "diagram": widgets.HTML(layout.view_html(found, scope, f"{self.tree.title} — {name}"),
                                              layout=widgets.Layout(width="100%", overflow="auto")),
                      "outcome": widgets.HTML()}
            self.columns[name] = column
        boxes = [widgets.VBox([c["heading"], c["diagram_style"], c["outcome"], c["diagram"]],
                              layout=widgets.Layout(flex="1 1 0", min_width="18em"))
                 for c in self.columns.values()]
        self.step.observe(lambda _: self.refresh(), names="value")
        self.zoom = widgets.ToggleButton(description="Full-size diagrams", icon="search-plus",
                                         tooltip="Show the diagrams at full size (scroll to move around)")
        self.zoom.observe(self._zoomed, names="value")
        nav = widgets.HBox([self.prev_step, self.step, self.next_step, self.zoom])
        super().__init__([widgets.HTML(CSS), widgets.HTML(f"<h3>{html.escape(self.case.title)}</h3>"), nav,
                          self.narrative, self.summary,
                          widgets.HBox(boxes, layout=widgets.Layout(flex_flow="row wrap", width="100%"))])
        self.add_class("confide")
        self.refresh()

    def _zoomed(self, change) -> None:  # noqa: ANN001
        for column in self.columns.values():
            (column["diagram"].add_class if change["new"] else column["diagram"].remove_class)("confide-zoom")

    def refresh(self) -> None:
        number = self.step.value
        facts = self.case.facts_at(number - 1)
        self.prev_step.disabled, self.next_step.disabled = number <= 1, number >= len(self.case.steps)
        step = self.case.steps[number - 1]
        self.narrative.value = (f"<p><b>Session {number} of {len(self.case.steps)}</b> · "
                                f"{html.escape(step.title)}</p>{markdown_html(step.narrative)}")
        for name, column in self.columns.items():
            result = evaluate(self.tree, facts, self.library.jurisdictions[name], self.as_of)
            self.results[name] = result
            column["diagram_style"].value = layout.path_style(column["scope"], result)
            column["outcome"].value = outcome_card(result, self.parameters, compact=True)
        verdicts = {r.verdict for r in self.results.values()}
        for name, column in self.columns.items():
            differs = len(verdicts) > 1
            column["heading"].value = (f"<h3>{html.escape(self.library.jurisdictions[name].name)}"
                                       f"{' — ✱ verdict differs' if differs else ''}</h3>")
        self.summary.value = self.differences_html()

    @property
    def verdicts(self) -> dict[str, str | None]:
        return {name: r.verdict for name, r in self.results.items()}

    def differences_html(self) -> str:
        e, results = html.escape, self.results
        names = {k: self.library.jurisdictions[k].name for k in results}
        if len({r.verdict for r in results.values()}) > 1:
            lines = ["<b>The verdicts differ:</b> " + "; ".join(
                f"{e(names[k])} — {e(explain.verdict_words(r.verdict))}" for k, r in results.items())]
        else:
            only = next(iter(results.values())).verdict
            lines = [f"<b>Same verdict everywhere:</b> {e(explain.verdict_words(only))}"]
        paths = [r.nodes for r in results.values()]
        common = 0
        while all(len(p) > common for p in paths) and len({p[common] for p in paths}) == 1:
            common += 1
        if len({p for p in paths}) > 1 and common:
            at = paths[0][common - 1]
            question = self.tree.questions.get(at)
            answers = []
            for k, r in results.items():
                answer = next((a for a in r.answers if a.node == at), None)
                words = explain.reasons(r, self.parameters)[r.answers.index(answer)]["answer"] if answer else "stops"
                answers.append(f"{e(names[k])}: {e(words)}")
            text = question_text(self.tree, question, self.parameters) if question else at
            lines.append(f"<b>The paths part at</b> “{e(text)}” — " + "; ".join(answers))
        elif len({p for p in paths}) == 1:
            lines.append("The paths are the same.")
        return "<div class='confide-compare-summary' role='status'>" + "<br>".join(lines) + "</div>"


def compare(case: str, jurisdictions: list[str] | None = None, *, library: Library | None = None,
            **kwargs):  # noqa: ANN201
    """The same case side by side under several jurisdictions (default: all of them)."""
    library = library or default_library()
    return Comparison(library, case, jurisdictions, **kwargs)


