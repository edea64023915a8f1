"""The explorer headless: set ``.value``, call ``.click()``, read the named attributes.

Real casebook, real ``dot``. The bundled case ``angry_ex_boyfriend`` (California) goes from
must_not_disclose at session 1 to must_disclose_or_act at session 2; Texas stays silent.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io

import ipywidgets as widgets
import pytest

from confide import NOT_LEGAL_ADVICE, layout, load_library, model
from confide import library as library_module
from confide.comparison import compare
from confide.explorer import Explorer, explore

CASE = "angry_ex_boyfriend"


@pytest.fixture(scope="module")
def library():  # noqa: ANN201
    return load_library()


@pytest.fixture
def ui(library):  # noqa: ANN001, ANN201
    return explore(CASE, library=library)


def sends(widget: widgets.Widget) -> list:
    """Record every new value a widget would send to the front end."""
    seen: list = []
    widget.observe(lambda change: seen.append(change["new"]), names="value")
    return seen


def test_the_named_attributes_are_widgets(ui) -> None:  # noqa: ANN001
    for name in ("case", "step", "jurisdiction", "as_of", "diagram", "outcome", "timeline"):
        assert isinstance(getattr(ui, name), widgets.Widget), name
    assert isinstance(ui.facts, widgets.Box) and isinstance(ui.flips, widgets.Box)
    assert ui.case.value == CASE and ui.jurisdiction.value == "california"
    assert ui.as_of.value == datetime.date(2025, 3, 1)


def test_top_level_names_still_work(library) -> None:  # noqa: ANN001
    import confide

    # The lazy functions in confide/__init__.py are not shadowed by a submodule of the same name.
    assert isinstance(confide.explore(CASE, library=library), Explorer)
    assert isinstance(confide.explore(CASE, library=library), Explorer)
    assert confide.compare(CASE, ["california"], library=library).verdicts == {"california": "must_disclose_or_act"}


def test_stepping_forward_changes_the_verdict_and_sends_only_the_style(ui) -> None:  # noqa: ANN001
    assert ui.step.value == 1 and ui.result.verdict == "must_not_disclose"
    assert "Step 1 of 2" in ui.step_label.value and ui.prev_step.disabled
    svg_sends, style_sends = sends(ui.diagram), sends(ui.diagram_style)
    ui.next_step.click()
    assert ui.step.value == 2 and ui.result.verdict == "must_disclose_or_act"
    assert "Step 2 of 2" in ui.step_label.value and ui.next_step.disabled
    assert svg_sends == [], "stepping must not re-send the SVG"
    assert len(style_sends) == 1 and f"#node-{ui.result.outcome_id}" in style_sends[0]
    assert "Must disclose or act" in ui.outcome.value
    assert "Sam" in ui.narrative.value
    ui.prev_step.click()
    assert ui.step.value == 1 and ui.result.verdict == "must_not_disclose"


def test_a_new_step_sends_its_path_and_verdict_once_and_before_its_fact_controls(ui) -> None:  # noqa: ANN001
    order: list[str] = []
    ui.pathview.observe(lambda _: order.append("path"), names="value")
    ui.outcome.observe(lambda _: order.append("verdict"), names="value")
    ui.facts.observe(lambda _: order.append("facts"), names="children")
    ui.next_step.click()
    assert order == ["path", "verdict", "facts"], "new widgets must not hold up the path"
    assert "Must disclose or act" in ui.outcome.value


def test_the_diagram_is_inline_svg_fitting_the_width(ui) -> None:  # noqa: ANN001
    assert "<svg" in ui.diagram.value and "max-width:min(100%" in ui.diagram.value
    assert f'id="{ui.scope}"' in ui.diagram.value and f"#{ui.scope} " in ui.diagram_style.value
    assert "The path in words" in ui.path_text.value and "Verdict: MUST NOT DISCLOSE" in ui.path_text.value


def test_toggling_a_fact_moves_the_path_marks_it_and_reset_restores(ui) -> None:  # noqa: ANN001
    ui.step.value = 2
    before = ui.result.nodes
    control = ui.facts.controls["victim_reasonably_identifiable"]
    assert isinstance(control, widgets.Checkbox) and control.value is True
    control.value = False
    assert ui.result.nodes != before
    assert ui.result.verdict == "must_not_disclose"
    assert ui.facts.changed == {"victim_reasonably_identifiable"}
    assert "changed" in control.description and "confide-changed" in control._dom_classes
    ui.facts.reset.click()
    assert ui.result.nodes == before and ui.facts.changed == set()
    assert "changed" not in control.description


def test_facts_not_yet_known_can_be_set_what_if(ui) -> None:  # noqa: ANN001
    control = ui.facts.controls["threat_source"]  # unknown at session 1
    assert isinstance(control, widgets.Dropdown) and control.value is None
    assert control.options[0][1] is None and "not known" in control.options[0][0]
    ui.facts.controls["serious_threat_of_violence"].value = True
    assert ui.result.verdict is None and ui.result.missing == "threat_source"
    assert "Not yet decided" in ui.outcome.value and "Who communicated the threat" in ui.outcome.value
    control.value = "client"
    assert ui.result.missing == "victim_reasonably_identifiable"


def test_jurisdiction_and_date_change_the_outcome(ui) -> None:  # noqa: ANN001
    ui.step.value = 2
    assert ui.result.verdict == "must_disclose_or_act"  # California, as of the case's date
    ui.jurisdiction.value = "texas"
    assert ui.result.verdict == "must_not_disclose"
    assert ui.timeline_verdicts == ["must_not_disclose", "must_not_disclose"]
    ui.jurisdiction.value = "new_york"
    assert ui.result.verdict == "must_disclose_or_act"  # New York's report (SAFE Act) since 2013-03-16
    ui.as_of.value = datetime.date(2013, 3, 15)  # the day before
    assert ui.result.as_of == datetime.date(2013, 3, 15)
    assert ui.result.verdict == "must_not_disclose"
    assert "Must not disclose" in ui.outcome.value
    ui.as_of.value = datetime.date(2013, 3, 16)
    assert ui.result.verdict == "must_disclose_or_act" and "Must disclose or act" in ui.outcome.value


def test_each_flip_is_a_button_that_applies_it(ui) -> None:  # noqa: ANN001
    ui.step.value = 2
    assert ui.flips.buttons, "a duty that hangs on single facts must offer flips"
    for button, flip in zip(ui.flips.buttons, ui.flips.entries, strict=True):
        fact = ui.tree.facts[flip.fact]
        assert button.description.startswith(fact.short or fact.question) and "_" not in button.description
        assert button.description.endswith("→ " + model.VERDICT_WORDS[flip.result.verdict]) and button.tooltip
    target = next(f for f in ui.flips.entries if f.fact == "victim_reasonably_identifiable")
    ui.flips.buttons[ui.flips.entries.index(target)].click()
    assert ui.result.verdict == target.result.verdict != "must_disclose_or_act"
    assert ui.facts.changed == {"victim_reasonably_identifiable"}


def test_the_outcome_card_has_everything_a_student_needs(ui) -> None:  # noqa: ANN001
    ui.step.value = 2
    card = ui.outcome.value
    assert "Must disclose or act" in card and "<svg" in card  # words and an icon
    assert "the intended victim(s)" in card and "within 24 hours" in card  # recipients, deadlines
    assert '<a href="https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&amp;sectionNum=43.92"' in card  # citations as links
    assert "Tarasoff" in card  # an outcome source without a URL still appears, as text
    assert "Uncertain" in card and "Ewing" in card
    assert NOT_LEGAL_ADVICE in card.replace("&#x27;", "'")


def test_the_timeline_marks_where_a_duty_first_attached(ui) -> None:  # noqa: ANN001
    assert ui.timeline_verdicts == ["must_not_disclose", "must_disclose_or_act"]
    assert "Step 2: Must disclose or act — ★ duty first attaches here" in ui.timeline.value
    assert "Step 1: Must not disclose ◀ you are here" in ui.timeline.value


def test_narratives_are_rendered_safely(library) -> None:  # noqa: ANN001
    case = library.cases[CASE]
    hostile = "**Bold** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"
    steps = (dataclasses.replace(case.steps[0], narrative=hostile), *case.steps[1:])
    risky = dataclasses.replace(library, cases={CASE: dataclasses.replace(case, steps=steps,
                                                                       title="<b>T</b>")})
    ui = explore(CASE, library=risky)
    assert "<strong>Bold</strong>" in ui.narrative.value
    assert "<script" not in ui.narrative.value and "<img" not in ui.narrative.value
    assert 'href="javascript' not in ui.narrative.value and "&lt;b&gt;T" in ui.narrative.value


def test_every_control_is_labelled(ui) -> None:  # noqa: ANN001
    controls = [ui.case, ui.jurisdiction, ui.as_of, ui.step, ui.prev_step, ui.next_step, ui.zoom,
                ui.facts.reset, *ui.facts.controls.values(), *ui.flips.buttons]
    for control in controls:
        assert control.description.strip(), control
    for control in (ui.prev_step, ui.next_step, ui.facts.reset):
        assert control.tooltip


def test_no_output_widgets_leak_into_cells(ui) -> None:  # noqa: ANN001
    def walk(widget):  # noqa: ANN001, ANN202
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    assert not any(isinstance(w, widgets.Output) for w in walk(ui))


def test_switching_case_resets_the_step(library) -> None:  # noqa: ANN001
    ui = explore(CASE, library=library, step=2, jurisdiction="texas")
    assert ui.step.value == 2
    ui.case.value = CASE  # same value: nothing happens
    assert (ui.step.value, ui.jurisdiction.value) == (2, "texas")
    assert all("·" in label for label, _ in ui.case.options)  # "Topic · Title"
    other = "child_teen_relationship"  # another tree, two steps too: the reset is not a clamp
    assert other != CASE and len(library.cases[other].steps) >= 2
    ui.case.value = other
    case = library.cases[other]
    assert (ui.step.value, ui.step.max) == (1, len(case.steps))
    assert (ui.jurisdiction.value, ui.as_of.value) == (case.jurisdiction, case.as_of)
    assert ui.result.tree.id == case.tree and ui.result.jurisdiction.id == case.jurisdiction
    assert ui.facts.values() == case.facts_at(0) and case.steps[0].title in ui.step_label.value
    ui.step.value = 2
    ui.case.value = CASE
    assert (ui.step.value, ui.result.verdict) == (1, "must_not_disclose")


def test_without_a_layout_the_text_explanation_still_shows(library, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(layout, "layout_for", lambda *_a, **_k: None)
    ui = explore(CASE, library=library)
    assert layout.NO_DIAGRAM.split(":")[0] in ui.diagram.value and "<svg" not in ui.diagram.value
    assert "Verdict: MUST NOT DISCLOSE" in ui.path_text.value


def test_unknown_case_lists_the_choices(library) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="angry_ex_boyfriend"):
        explore("no_such_case", library=library)


# -- predict mode -------------------------------------------------------------------------------

def test_predict_hides_the_outcome_until_committed_and_scores(library) -> None:  # noqa: ANN001
    ui = explore(CASE, library=library, predict=True)
    assert not ui.revealed and "Outcome hidden" in ui.outcome.value
    assert ":not(" not in ui.diagram_style.value, "the path must not give the answer away"
    assert "predict first" in ui.timeline.value and not ui.flips.buttons
    assert "li class='step" not in ui.pathview.value
    ui.predict.choice.value = "must_not_disclose"
    ui.predict.commit.click()  # no name yet
    assert "name or student id" in ui.predict.feedback.value and not ui.predict.records.rows
    ui.predict.student.value = "  s1234 "
    ui.predict.choice.value = None
    ui.predict.commit.click()  # nothing chosen yet
    assert "Choose a verdict" in ui.predict.feedback.value and not ui.predict.records.rows
    ui.predict.choice.value = "must_not_disclose"
    ui.predict.commit.click()
    assert ui.revealed and "Must not disclose" in ui.outcome.value and "Right" in ui.predict.feedback.value
    ui.next_step.click()
    assert not ui.revealed and ui.predict.choice.value is None
    assert ui.predict.feedback.value == "", "last step's feedback must not stay on screen"
    ui.predict.choice.value = "may_disclose_permitted_by_law"
    ui.predict.commit.click()
    ui.predict.choice.value = "must_disclose_or_act"
    ui.predict.commit.click()  # a second try after seeing the answer does not count
    rows = list(csv.DictReader(io.StringIO(ui.predictions_csv())))
    assert [(r["student"], r["step"], r["prediction"], r["actual"], r["correct"]) for r in rows] == [
        ("s1234", "1", "must_not_disclose", "must_not_disclose", "True"),
        ("s1234", "2", "may_disclose_permitted_by_law", "must_disclose_or_act", "False")]
    assert all(r["case"] == CASE and r["jurisdiction"] == "california" and r["time"] for r in rows)
    assert "1 of 2" in ui.predict.score.value and "data:text/csv" in ui.predict.export.value
    assert "confide-predictions-s1234.csv" in ui.predict.export.value


def test_facts_stay_locked_until_the_prediction_is_committed(library) -> None:  # noqa: ANN001
    ui = explore(CASE, library=library, predict=True)
    assert all(c.disabled for c in ui.facts.controls.values()) and ui.facts.reset.disabled
    assert ui.facts.locked_note.layout.display is None
    ui.predict.student.value, ui.predict.choice.value = "s1", "must_not_disclose"
    ui.predict.commit.click()
    assert not any(c.disabled for c in ui.facts.controls.values()) and not ui.facts.reset.disabled
    ui.next_step.click()
    assert all(c.disabled for c in ui.facts.controls.values())


def test_a_prediction_counts_for_its_own_jurisdiction_only(library) -> None:  # noqa: ANN001
    ui = explore(CASE, library=library, predict=True, step=2)
    ui.predict.student.value, ui.predict.choice.value = "s1", "must_disclose_or_act"
    ui.predict.commit.click()
    assert ui.revealed
    ui.jurisdiction.value = "texas"
    assert not ui.revealed and "Outcome hidden" in ui.outcome.value
    ui.predict.choice.value = "must_not_disclose"
    ui.predict.commit.click()
    assert [(r["jurisdiction"], r["correct"]) for r in ui.predict.records.rows] == [("california", True), ("texas", True)]


def test_only_the_instructor_version_can_reveal_everything(library) -> None:  # noqa: ANN001
    student = explore(CASE, library=library, predict=True)
    assert student.predict.reveal not in student.predict.children
    ui = explore(CASE, library=library, predict=True, instructor=True)
    assert ui.predict.reveal in ui.predict.children
    ui.predict.reveal.value = True
    assert ui.revealed and "Must not disclose" in ui.outcome.value and ":not(" in ui.diagram_style.value
    assert "predict first" not in ui.timeline.value


# -- compare ------------------------------------------------------------------------------------

def test_compare_calls_out_differing_verdicts_and_paths(library) -> None:  # noqa: ANN001
    view = compare(CASE, ["california", "texas"], library=library)
    assert view.step.value == 2
    assert view.verdicts == {"california": "must_disclose_or_act", "texas": "must_not_disclose"}
    summary = view.summary.value
    assert "The verdicts differ." in summary and "otherwise" not in summary
    assert "The paths part at</b> “What does this jurisdiction&#x27;s law require" in summary
    assert "California: Must disclose or act.</b> California&#x27;s law: <i>mandatory: warn victim and police</i>" in summary
    assert "Texas: Must not disclose.</b> Texas&#x27;s law: <i>permissive: medical, mental-health or police" in summary
    assert "§611.004(a)(2)" in summary  # the Texas rule's note
    scopes = [c["scope"] for c in view.columns.values()]
    assert len(set(scopes)) == 2
    for column in view.columns.values():
        assert f'id="{column["scope"]}"' in column["diagram"].value
        assert f'#{column["scope"]} ' in column["diagram_style"].value
        # Where the paths part: marked in the path view (shown) and outlined in the whole tree.
        assert "◆ paths part here" in column["pathview"].value
        assert "data-node='q_duty_rule'><span class='parts-marker'>" in column["pathview"].value
        assert f'#{column["scope"]} #node-q_duty_rule :is(polygon,path,ellipse) {{ stroke:#5b21b6' in \
            column["diagram_style"].value
        assert column["pathview"].layout.display is None and column["tree_view"].layout.display == "none"
    assert "Texas — Must not disclose" in view.columns["texas"]["heading"].value
    assert "California — Must disclose or act" in view.columns["california"]["heading"].value
    assert "differs" not in view.columns["texas"]["heading"].value
    view.view.value = "tree"  # the whole tree, in every column at once
    assert all(c["pathview"].layout.display == "none" and c["tree_view"].layout.display is None
               for c in view.columns.values())
    view.prev_step.click()
    assert set(view.verdicts.values()) == {"must_not_disclose"}
    assert view.summary.value.count("Same verdict everywhere") == 1 and "The paths are the same" in view.summary.value
    assert all("paths part" not in c["pathview"].value and "5b21b6" not in c["diagram_style"].value
               for c in view.columns.values())
    assert "Texas — Must not disclose" in view.columns["texas"]["heading"].value


def test_compare_defaults_to_every_jurisdiction_and_rejects_unknown_ones(library) -> None:  # noqa: ANN001
    assert set(compare(CASE, library=library).columns) == set(library.jurisdictions)
    with pytest.raises(ValueError, match="atlantis"):
        compare(CASE, ["atlantis"], library=library)


def test_the_bundled_library_is_loaded_once(monkeypatch) -> None:  # noqa: ANN001
    calls = []
    monkeypatch.setattr(library_module, "_default", None)
    monkeypatch.setattr(library_module, "load_library", lambda: calls.append(1) or load_library())
    explore(CASE)
    explore(CASE)
    assert calls == [1]


def test_a_changed_fact_is_named_above_the_card_with_one_click_back(ui) -> None:  # noqa: ANN001
    ui.step.value = 2
    assert ui.whatif.layout.display == "none" and ui.changes.value == ""
    fact = ui.tree.facts["victim_reasonably_identifiable"]
    ui.facts.controls["victim_reasonably_identifiable"].value = False
    assert ui.whatif.layout.display == "flex"
    assert f"<b>{fact.short or fact.question}</b> no <span class='was'>(the case: yes)</span>" in ui.changes.value
    assert "✎ what-if: Must not disclose" in ui.timeline.value and "class='current duty what-if'" in ui.timeline.value
    ui.back.click()
    assert ui.facts.changed == set() and ui.result.verdict == "must_disclose_or_act"
    assert ui.whatif.layout.display == "none" and "what-if" not in ui.timeline.value
