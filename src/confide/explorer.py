"""The explorer: step through a case in Jupyter and watch the path and the outcome change.

The only module that imports ipywidgets. Tests drive it through named attributes (``case``,
``step``, ``facts``, ``jurisdiction``, ``as_of``, ``diagram``, ``outcome``, ``flips``,
``timeline``), never by indexing children.

Speed: the SVG of a tree is sent to the front end once (``diagram``); a step or a toggle only
re-sends the small ``<style>`` block that draws the path (``diagram_style``, see layout.py),
and it is sent first, before the slower text panels are rebuilt.

Safety: narratives are Markdown rendered with raw HTML disabled; everything else we generate
is escaped, and only http(s) links are made clickable.
"""

from __future__ import annotations

import contextlib
import datetime
import html

import ipywidgets as widgets

from . import explain, keys, layout, model, pathview
from .cards import (
    CSS,
    case_label,
    markdown_html,
    outcome_card,
    timeline_html,
)
from .evaluate import Result, candidate_values, evaluate, flips
from .library import Library, default_library, usable_cases
from .predictions import Predictions
from .words import show_value

NOT_KNOWN = "— not known —"


def _wide(**kw) -> widgets.Layout:
    return widgets.Layout(width="auto", **kw)


class FactsPanel(widgets.VBox):
    """Each fact known at this step with its value, what-if controls for every fact the tree
    declares, changed facts marked in words and by a border, and a reset."""

    def __init__(self, on_change) -> None:  # noqa: ANN001
        self.controls: dict[str, widgets.Widget] = {}
        self.base: dict[str, model.Scalar] = {}
        self.reset = widgets.Button(description="Reset to the case's facts", icon="undo",
                                    tooltip="Undo every what-if change", layout=_wide())
        self.reset.on_click(lambda _: self.restore())
        self._on_change = on_change
        self._names: dict[str, str] = {}
        self.locked_note = widgets.HTML("<p role='note'><i>The facts unlock once you commit your prediction.</i></p>",
                                        layout=widgets.Layout(display="none"))
        super().__init__()
        self.add_class("confide-facts")

    @property
    def changed(self) -> set[str]:
        values = self.values(include_unknown=True)
        return {n for n in self.controls if values[n] != self.base.get(n)
                or type(values[n]) is not type(self.base.get(n))}

    def values(self, include_unknown: bool = False) -> dict[str, model.Scalar]:
        out = {name: control.value for name, control in self.controls.items()}
        return out if include_unknown else {k: v for k, v in out.items() if v is not None}

    def show(self, tree: model.Tree, base: dict[str, model.Scalar], jurisdiction: model.Jurisdiction,
             as_of: datetime.date) -> None:
        self.base, self.controls, self._names = dict(base), {}, {}
        known, unknown = [], []
        for name, fact in tree.facts.items():
            control = self._control(tree, name, fact, base.get(name), jurisdiction, as_of)
            self.controls[name] = control
            self._names[name] = control.description
            control.observe(self._changed, names="value")
            (known if name in base else unknown).append(control)
        heading = widgets.HTML("<h4>Facts known at this session</h4>")
        later = widgets.HTML("<h4>Not known yet — what if…</h4>") if unknown else widgets.HTML()
        self.children = [heading, self.locked_note, *known, later, *unknown, self.reset]

    @staticmethod
    def _control(tree, name, fact, value, jurisdiction, as_of):  # noqa: ANN001, ANN205
        label = fact.question
        common = dict(description=label, style={"description_width": "initial"}, layout=_wide(),
                      tooltip=fact.help or label)
        if fact.type == "bool" and value is not None:
            return widgets.Checkbox(value=bool(value), indent=False, **common)
        if fact.type == "enum":
            options = [(fact.value_labels.get(v, show_value(v, fact)), v) for v in fact.values]
        elif fact.type == "bool":
            options = [("yes", True), ("no", False)]
        else:
            candidates = candidate_values(tree, name, jurisdiction, as_of)
            options = [(show_value(v, fact), v) for v in sorted(set(candidates) | ({value} - {None}))]
        if value is None:
            options = [(NOT_KNOWN, None), *options]
        return widgets.Dropdown(options=options, value=value, **common)

    def _changed(self, _change=None) -> None:  # noqa: ANN001
        self._on_change()  # the path first; marking what changed can follow
        changed = self.changed
        for name, control in self.controls.items():
            mark = name in changed
            control.description = ("✎ changed — " if mark else "") + self._names[name]
            (control.add_class if mark else control.remove_class)("confide-changed")

    def lock(self, locked: bool) -> None:
        """In predict mode, no what-if before the prediction is committed."""
        for control in (*self.controls.values(), self.reset):
            if control.disabled != locked:
                control.disabled = locked
        self.locked_note.layout.display = None if locked else "none"

    def restore(self) -> None:
        with self.hold_sync():
            for name, control in self.controls.items():
                if control.value != self.base.get(name) or type(control.value) is not type(self.base.get(name)):
                    control.unobserve(self._changed, names="value")
                    control.value = self.base.get(name)
                    control.observe(self._changed, names="value")
        self._changed()


class FlipsPanel(widgets.VBox):
    """"The verdict would change if…": each entry a button that applies the change. Buttons
    are reused between refreshes (new widgets cost the front end far more than new text)."""

    def __init__(self, apply) -> None:  # noqa: ANN001
        self.entries: list = []
        self._pool: list[widgets.Button] = []
        self._apply = apply
        self.heading = widgets.HTML()
        super().__init__([self.heading])
        self.add_class("confide-flips")

    @property
    def buttons(self) -> list[widgets.Button]:
        return self._pool[:len(self.entries)]

    def _clicked(self, button: widgets.Button) -> None:
        self._apply(self.entries[self._pool.index(button)])

    def show(self, tree: model.Tree, found: list | None) -> None:
        self.entries = list(found or [])
        while len(self._pool) < len(self.entries):
            button = widgets.Button(layout=_wide())
            button.on_click(self._clicked)
            self._pool.append(button)
        for button, flip in zip(self._pool, self.entries, strict=False):  # the pool may be longer
            text = f"{explain.describe_change(tree, flip)} → {explain.verdict_words(flip.result.verdict)}"
            button.description, button.tooltip = text, f"Apply: {text}"
        note = {None: "<p>Hidden until you commit a prediction.</p>",
                False: "<p>No single fact changes this verdict.</p>"}.get(found if found is None else bool(found), "")
        self.heading.value = f"<h4>The verdict would change if…</h4>{note}"
        children = (self.heading, *self.buttons)
        if self.children != children:
            self.children = children


class PredictPanel(widgets.VBox):
    """Commit a predicted verdict before the outcome is shown. The student gives a name or id
    (it goes into the export); only the instructor's version can reveal every outcome."""

    def __init__(self, on_commit, on_reveal, instructor: bool = False) -> None:  # noqa: ANN001
        self.student = widgets.Text(description="Your name or student id", placeholder="e.g. A. Student or s1234",
                                    style={"description_width": "initial"}, layout=_wide())
        self.choice = widgets.RadioButtons(
            options=[(model.VERDICT_WORDS[v], v) for v in model.VERDICTS], value=None,
            description="Your prediction", style={"description_width": "initial"}, layout=_wide())
        self.commit = widgets.Button(description="Commit prediction", button_style="primary",
                                     tooltip="Record your prediction and show the outcome")
        self.reveal = widgets.Checkbox(description="Instructor: reveal every outcome", value=False,
                                       indent=False, layout=_wide())
        self.feedback, self.score, self.export = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.records = Predictions()
        self.commit.on_click(lambda _: on_commit())
        self.reveal.observe(lambda _: on_reveal(), names="value")
        children = [widgets.HTML("<h4>Predict first</h4>"), self.student, self.choice, self.commit,
                    self.feedback, self.score, self.export]
        super().__init__(children + ([self.reveal] if instructor else []))
        self.add_class("confide-predict")


class Explorer(widgets.VBox):
    """One case, one jurisdiction, one step at a time. See the module docstring."""

    def __init__(self, library: Library, case: str, *, jurisdiction: str | None = None,
                 as_of: datetime.date | None = None, step: int = 1, predict: bool = False,
                 instructor: bool = False) -> None:
        self.library, self.parameters = library, library.parameter_names()
        self.cases = usable_cases(library)
        if case not in self.cases:
            raise ValueError(f"unknown case '{case}'; choose one of: {', '.join(sorted(self.cases))}")
        self.scope = layout.new_scope()
        self.result: Result | None = None
        self._follows = 0  # how many times the full-size diagram was asked to follow the path
        self._quiet = False
        self._tree_id: str | None = None
        self._layout: layout.Layout | None = None
        # Measurement only (make bench): re-send the whole SVG on every change, the slow way.
        self.resend_svg = False
        ordered = sorted(self.cases.values(), key=lambda c: (c.topics[:1], c.title))
        self.case = widgets.Dropdown(options=[(case_label(c), c.id) for c in ordered], value=case,
                                     description="Case", layout=_wide(min_width="20em", flex="1 1 24em"))
        self.jurisdiction = widgets.Dropdown(
            options=[(j.name, j.id) for j in sorted(library.jurisdictions.values(), key=lambda j: j.name)],
            description="Jurisdiction")
        self.as_of = widgets.DatePicker(description="Law as of")
        self.step = widgets.IntSlider(min=1, max=1, value=1, description="Step",
                                      continuous_update=False, layout=_wide(min_width="16em"))
        self.prev_step = widgets.Button(description="◀ Previous", tooltip="Previous step of the case")
        self.next_step = widgets.Button(description="Next ▶", tooltip="Next step of the case")
        self.step_label, self.narrative = widgets.HTML(), widgets.HTML()
        self.diagram = widgets.HTML(layout=widgets.Layout(width="100%", overflow="auto"))
        self.zoom = widgets.ToggleButton(description="Full size", icon="search-plus",
                                         tooltip="The diagram at its natural size, labels about 19 px; "
                                                 "it scrolls to the node the path reached (drag the bars to pan)")
        self.view = widgets.ToggleButtons(options=[("The path", "path"), ("Whole tree", "tree")], value="path",
                                          tooltips=["The questions on the path, the answers and where the "
                                                    "others lead", "Every question and outcome of the tree"])
        self.pathview = widgets.HTML()
        self.presenter = widgets.ToggleButton(description="Presenter", icon="expand",
                                              tooltip="Fill the window with large type for a projector (key f; Esc leaves)")
        self.key_help = widgets.HTML(f"<p class='confide-keys'>{html.escape(keys.HELP)}</p>")
        self.key_catcher = keys.catcher(self.press)
        self.diagram_style = widgets.HTML(layout=widgets.Layout(height="0px", margin="0"))
        self.path_text, self.outcome, self.timeline = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.facts = FactsPanel(self._refresh)
        # What differs from the case, above the card: which fact, from what, and one click back.
        self.changes = widgets.HTML()
        self.back = widgets.Button(description="Back to the case", icon="undo",
                                   tooltip="Undo every what-if change: the case's own facts again")
        self.back.on_click(lambda _: self.facts.restore())
        self.whatif = widgets.HBox([self.changes, self.back], layout=widgets.Layout(
            display="none", align_items="center", flex_flow="row wrap", grid_gap=".2em .8em"))
        self.whatif.add_class("confide-whatif")
        self.flips = FlipsPanel(self.apply_flip)
        self.predict = PredictPanel(self._commit, self._refresh, instructor) if predict else None
        self._wire()
        super().__init__(self._arrange())
        self.add_class("confide")
        self._load_case(jurisdiction=jurisdiction, as_of=as_of, step=step)

    # -- structure ---------------------------------------------------------------------------
    def _wire(self) -> None:
        self.case.observe(lambda _: self._load_case(), names="value")
        self.step.observe(lambda _: self._load_step(), names="value")
        self.jurisdiction.observe(lambda _: self._refresh(), names="value")
        self.as_of.observe(lambda _: self._refresh(), names="value")
        self.prev_step.on_click(lambda _: self.go(-1))
        self.next_step.on_click(lambda _: self.go(+1))
        self.zoom.observe(self._zoomed, names="value")
        self.view.observe(lambda _: self._show_view(), names="value")
        self.presenter.observe(self._present, names="value")

    def _arrange(self) -> list[widgets.Widget]:
        top = widgets.HBox([self.case, self.jurisdiction, self.as_of], layout=widgets.Layout(flex_flow="row wrap"))
        self.jurisdiction.layout = widgets.Layout(width="15em")
        self.as_of.layout = widgets.Layout(width="14em")
        nav = widgets.HBox([self.prev_step, self.step, self.next_step, self.step_label],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        side = [self.narrative] + ([self.predict] if self.predict else []) + [self.whatif, self.outcome,
                                                                                self.facts, self.flips]
        left = widgets.VBox(side, layout=widgets.Layout(flex="1 1 19em", max_width="32em", min_width="0"))
        self.tree_view = widgets.VBox([self.zoom, self.diagram, self.path_text])
        views = widgets.HBox([self.view, self.presenter], layout=widgets.Layout(flex_flow="row wrap",
                                                                                 align_items="center"))
        right = widgets.VBox([self.diagram_style, views, self.pathview, self.tree_view],
                             layout=widgets.Layout(flex="1.6 1 24em", min_width="0"))
        body = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap", width="100%",
                                                                 grid_gap="0 1.5em"))
        self._show_view()
        extra = [self.key_catcher, self.key_help] if self.key_catcher is not None else []
        return [widgets.HTML(CSS + pathview.CSS), top, nav, self.timeline, body, *extra]

    def press(self, action: str) -> None:
        """A key pressed inside the explorer (keys.KEYS says which key does what)."""
        if action in {"next", "previous"}:
            self.go(+1 if action == "next" else -1)
        elif action == "view":
            self.view.value = "tree" if self.view.value == "path" else "path"
        elif action == "presenter":
            self.presenter.value = not self.presenter.value
        elif action == "leave":
            self.presenter.value = False

    def _present(self, change) -> None:  # noqa: ANN001
        (self.add_class if change["new"] else self.remove_class)("confide-presenter")

    def _show_view(self) -> None:
        """The focused path or the whole tree: both stay built, so switching only hides one."""
        whole = self.view.value == "tree"
        self.pathview.layout.display = "none" if whole else None
        self.tree_view.layout.display = None if whole else "none"
        self._follow()

    def _zoomed(self, change) -> None:  # noqa: ANN001
        (self.diagram.add_class if change["new"] else self.diagram.remove_class)("confide-zoom")
        self._follow()

    def _follow(self) -> None:
        """At full size, keep the node the path reached in the middle of the diagram's box."""
        if self.key_catcher is None or self.result is None or not self.zoom.value or self.view.value != "tree":
            return
        self._follows += 1
        self.key_catcher.focus = f"node-{self.result.nodes[-1]}#{self._follows}"

    @contextlib.contextmanager
    def _hold(self):  # noqa: ANN202
        """Set several controls without each one triggering a refresh."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    # -- state -------------------------------------------------------------------------------
    @property
    def current_case(self) -> model.Case:
        return self.cases[self.case.value]

    @property
    def tree(self) -> model.Tree:
        return self.library.trees[self.current_case.tree]

    @property
    def revealed(self) -> bool:
        """Outside predict mode always; in it, once this step is predicted or the instructor
        reveals."""
        if self.predict is None or self.predict.reveal.value:
            return True
        return self.predict.records.has(self.case.value, self.step.value, self.jurisdiction.value)

    def go(self, delta: int) -> None:
        self.step.value = min(max(self.step.value + delta, self.step.min), self.step.max)

    def apply_flip(self, flip) -> None:  # noqa: ANN001
        self.facts.controls[flip.fact].value = flip.becomes

    def _load_case(self, jurisdiction: str | None = None, as_of: datetime.date | None = None,
                   step: int = 1) -> None:
        if self._quiet:
            return
        case = self.current_case
        with self._hold():
            self.step.max = len(case.steps)
            self.step.value = min(max(step, 1), len(case.steps))
            self.jurisdiction.value = jurisdiction or case.jurisdiction
            self.as_of.value = as_of or case.as_of or datetime.date.today()
        if self._tree_id != self.tree.id:  # the only time the whole SVG travels
            self._tree_id = self.tree.id
            self._layout = layout.layout_for(self.tree, self.parameters)
            self.diagram.value = layout.view_html(self._layout, self.scope, f"Decision tree: {self.tree.title}")
        self._load_step()

    def _load_step(self) -> None:
        if self._quiet:
            return
        case, number = self.current_case, self.step.value
        step = case.steps[number - 1]
        self.prev_step.disabled, self.next_step.disabled = number <= 1, number >= len(case.steps)
        self.step_label.value = (f"<span class='confide-session'><b>Step {number} of {len(case.steps)}"
                                 f"</b> · {html.escape(step.title)}</span>")
        self.narrative.value = (f"<h3>{html.escape(case.title)}</h3><div class='confide-narrative'>"
                                f"{markdown_html(step.narrative)}</div>")
        if self.predict is not None:  # a new step: a fresh choice, and last step's feedback goes
            self.predict.choice.value = None
            self.predict.feedback.value = ""
        base = case.facts_at(number - 1)
        # The path first, from the step's facts: building the new step's fact controls costs the
        # front end ~40 ms of new widgets, and the path should not wait for them. The controls
        # then hold the same facts, so the refresh reuses this result instead of computing it again.
        drawn = evaluate(self.tree, base, self._jurisdiction(), self._as_of())
        self._draw_path(drawn, base)
        self.facts.show(self.tree, base, self._jurisdiction(), self._as_of())
        self._refresh(drawn)

    def _jurisdiction(self) -> model.Jurisdiction:
        return self.library.jurisdictions[self.jurisdiction.value]

    def _as_of(self) -> datetime.date:
        return self.as_of.value or self.current_case.as_of or datetime.date.today()

    def _refresh(self, drawn: Result | None = None) -> None:
        """Everything the facts decide. ``drawn``: a result already computed and drawn from these
        facts (a new step's), so neither is done again."""
        if self._quiet:
            return
        tree, jurisdiction, as_of = self.tree, self._jurisdiction(), self._as_of()
        self.result = drawn or evaluate(tree, self.facts.values(), jurisdiction, as_of)
        shown = self.revealed
        if self.predict is not None:
            self.facts.lock(not shown)
        if drawn is None:
            self._draw_path(self.result, self.facts.values())
        text = explain.explain(self.result, self.parameters) if shown else "Hidden until you commit a prediction."
        self.path_text.value = ("<div class='confide-explain' role='region' aria-label='The path in words' "
                                f"tabindex='0'><h4>The path in words</h4><pre>{html.escape(text)}</pre></div>")
        self.flips.show(tree, flips(tree, self.facts.values(), jurisdiction, as_of) if shown else None)
        self._follow()
        changed = self._show_changes()
        what_if = self.result.verdict if changed and shown else None
        self.timeline.value = timeline_html(self._timeline(), self.step.value, what_if=what_if)

    def _draw_path(self, result, facts: dict) -> None:  # noqa: ANN001
        """The path and the verdict first: they are what the eye follows, and a few hundred bytes."""
        shown = self.revealed
        style = layout.path_style(self.scope, result if shown else None)
        if self.resend_svg:
            self.diagram_style.value = ""  # unchanged values are not re-sent
            self.diagram.value = style + layout.view_html(self._layout, self.scope)
        else:
            self.diagram_style.value = style
        self.pathview.value = pathview.path_view_html(result, self.parameters) if shown else (
            "<div class='confide-pathview'><p>The path is hidden until you commit a prediction.</p></div>")
        others = explain.elsewhere_verdicts(result, facts, self.library.jurisdictions, self.parameters) if shown else None
        self.outcome.value = outcome_card(result, self.parameters, elsewhere=others) if shown else (
            "<div class='confide-card' role='region' aria-label='Outcome'><p><b>Outcome hidden.</b> "
            "Commit your prediction to see the verdict and the path.</p></div>")

    def _show_changes(self) -> list[str]:
        """Say above the card which facts differ from the case's, and from what."""
        changed = [n for n in self.tree.facts if n in self.facts.changed]
        values = self.facts.values(include_unknown=True)
        parts = []
        for name in changed:
            fact = self.tree.facts[name]
            was = self.facts.base.get(name)
            now = values.get(name)
            parts.append(f"<b>{html.escape(fact.short or fact.question)}</b> "
                         f"{html.escape(NOT_KNOWN if now is None else show_value(now, fact))} "
                         f"<span class='was'>(the case: {html.escape('not said' if was is None else show_value(was, fact))})</span>")
        self.changes.value = ("<div role='status'><b>✎ What if</b> — changed from the case: "
                              + "; ".join(parts) + "</div>") if parts else ""
        self.whatif.layout.display = "flex" if parts else "none"
        return changed

    def _timeline(self) -> list[str | None | bool]:
        """The verdict at each step under the case's own facts (False: not yet revealed)."""
        case, jurisdiction, as_of = self.current_case, self._jurisdiction(), self._as_of()
        out: list = []
        for index, _ in enumerate(case.steps):
            if self.predict is not None and not self.predict.reveal.value and \
                    not self.predict.records.has(case.id, index + 1, jurisdiction.id):
                out.append(False)
            else:
                out.append(evaluate(self.tree, case.facts_at(index), jurisdiction, as_of).verdict)
        return out

    @property
    def timeline_verdicts(self) -> list[str | None | bool]:
        return self._timeline()

    # -- predict mode ------------------------------------------------------------------------
    def _commit(self) -> None:
        panel = self.predict
        if panel.records.has(self.case.value, self.step.value, self.jurisdiction.value):
            panel.feedback.value = "<p role='status'>Already predicted; the first prediction counts.</p>"
            return
        student = panel.student.value.strip()
        if not student:
            panel.feedback.value = "<p role='alert'>Type your name or student id first (it goes into your export).</p>"
            return
        if panel.choice.value is None:
            panel.feedback.value = "<p role='alert'>Choose a verdict first.</p>"
            return
        panel.records.student = student
        actual = self.result.verdict  # kept current by every refresh
        record = panel.records.add(self.case.value, self.step.value, self.jurisdiction.value,
                                   panel.choice.value, actual)
        right = "✔ Right" if record["correct"] else "✘ Not this time"
        panel.feedback.value = (f"<p role='status'><b>{right}.</b> You predicted "
                                f"<i>{html.escape(model.VERDICT_WORDS[record['prediction']])}</i>; "
                                f"the tree says <i>{html.escape(explain.verdict_words(actual))}</i>.</p>")
        panel.score.value = panel.records.summary_html()
        panel.export.value = panel.records.download_link()
        self._refresh()

    def predictions_csv(self) -> str:
        return self.predict.records.csv() if self.predict else ""


def explore(case: str | None = None, *, library: Library | None = None, **kwargs) -> Explorer:
    """The explorer for one case (default: the first in the picker). Keyword arguments:
    ``jurisdiction``, ``as_of`` (a date), ``step`` (1-based), ``predict`` (hide each outcome
    until the student commits a prediction), ``instructor`` (with predict: a box that reveals
    every outcome)."""
    library = library or default_library()
    cases = usable_cases(library)
    if not cases:
        raise ValueError("no usable cases: run `confide check` to see what failed to load")
    if case is None:
        case = sorted(cases.values(), key=lambda c: (c.topics[:1], c.title))[0].id
    return Explorer(library, case, **kwargs)
