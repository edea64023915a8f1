"""The focused path view on a tiny tree made here: what each step says, where the other answers
lead, the outcome or the fact still needed, and text escaped."""

from __future__ import annotations

import datetime
import re

from confide import model, pathview
from confide.evaluate import evaluate

DAY = datetime.date(2025, 1, 1)


def when(value):  # noqa: ANN001, ANN201
    return model.When(op="==", value=value)


def tiny_tree(threat_question: str = "Was there a serious threat?") -> model.Tree:
    facts = {
        "threat": model.Fact(type="bool", question=threat_question),
        "source": model.Fact(type="enum", question="Who said it?", values=("client", "family"),
                             value_labels={"family": "a family member"}),
        "court_order": model.Fact(type="bool", question="Is there a court order?", default=False),
    }
    questions = {
        "q_threat": model.Question(ask="threat", citations=(), branches=(
            model.Branch(to="q_source", when=when(True)),
            model.Branch(to="o_keep", when=when(False)))),
        "q_source": model.Question(ask="source", citations=(), branches=(
            model.Branch(to="q_rule", when=when("client")),
            model.Branch(to="q_order", label="anyone else"))),
        "q_order": model.Question(ask="court_order", citations=(), branches=(
            model.Branch(to="o_court", when=when(True)),
            model.Branch(to="o_keep", when=when(False)))),
        "q_rule": model.Question(ask_parameter="duty", citations=(), branches=(
            model.Branch(to="q_whom", when=when("mandatory"), label="the law requires a warning"),
            model.Branch(to="o_keep", when=when("none")))),
        "q_whom": model.Question(ask_parameter="whom", citations=(), branches=(
            model.Branch(to="o_warn"),)),
    }
    outcomes = {
        "o_keep": model.Outcome(verdict="must_not_disclose", label="Keep it <b>confidential</b>",
                                rationale="", citations=()),
        "o_warn": model.Outcome(verdict="must_disclose_or_act", label="Warn", rationale="", citations=()),
        "o_court": model.Outcome(verdict="disclose_court_order_minimum", label="Obey the order",
                                 rationale="", citations=()),
    }
    return model.Tree(title="t", summary="", root="q_threat", facts=facts, questions=questions,
                      outcomes=outcomes, id="tiny")


def jurisdiction(duty: str) -> model.Jurisdiction:
    return model.Jurisdiction(name="Alpha", summary="", id="alpha",
                              parameters={"duty": model.Setting(value=duty, citations=()),
                                          "whom": model.Setting(value="the_victim", citations=())})


def steps(view: str) -> list[str]:
    """Each step's text as a reader sees it (tags dropped, entities kept)."""
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li class='step.*?</li>(?=<li class='step|</ol>)", view)]


PARAMETERS = {"duty": model.Fact(type="enum", question="What does the law require?", values=("mandatory", "none")),
              "whom": model.Fact(type="enum", question="Whom must you warn?", values=("the_victim",))}


def view_of(facts: dict, duty: str = "mandatory", tree: model.Tree | None = None) -> str:
    return pathview.path_view_html(evaluate(tree or tiny_tree(), facts, jurisdiction(duty), DAY), PARAMETERS)


def test_each_question_on_the_path_shows_the_answer_given() -> None:
    shown = steps(view_of({"threat": True, "source": "client"}))
    assert shown[0].startswith("Was there a serious threat? yes")
    assert shown[1].startswith("Who said it? client")


def test_the_other_answers_say_where_they_lead() -> None:
    shown = steps(view_of({"threat": True, "source": "client"}))
    assert shown[0].endswith("no → must not disclose")
    assert shown[1].endswith("anyone else → Is there a court order?")


def test_the_jurisdictions_rules_in_a_row_share_one_step_without_alternatives() -> None:
    shown = steps(view_of({"threat": True, "source": "client"}))
    assert len(shown) == 4
    assert shown[2] == ("Alpha's law What does the law require? the law requires a warning "
                        "Whom must you warn? the victim")


def test_the_outcome_comes_last_with_its_verdict_in_words() -> None:
    view = view_of({"threat": True, "source": "client"})
    assert steps(view)[-1] == "Must disclose or act Warn"
    assert "class='step outcome'" in view and "--tone: #b45309" in view


def test_an_assumed_default_is_marked() -> None:
    shown = steps(view_of({"threat": True, "source": "family"}))
    assert shown[2].startswith("Is there a court order? no (assumed: the case does not say)")


def test_a_path_waiting_for_a_fact_ends_there() -> None:
    view = view_of({"threat": True})
    assert steps(view)[-1] == "Who said it? not known yet: the path waits here"
    assert "outcome" not in view


def test_text_from_content_is_escaped() -> None:
    view = view_of({"threat": False}, tree=tiny_tree("<script>alert(1)</script>?"))
    assert "<script>" not in view and "&lt;script&gt;" in view
    assert "Keep it &lt;b&gt;confidential&lt;/b&gt;" in view


def test_a_short_label_stands_in_the_diagram_with_the_full_question_on_hover() -> None:
    tree = tiny_tree()
    facts = dict(tree.facts)
    facts["threat"] = model.Fact(type="bool", question="Was there a serious threat?", short="Serious threat?")
    view = view_of({"threat": False}, tree=model.Tree(**{**tree.__dict__, "facts": facts}))
    assert steps(view)[0].startswith("Serious threat? no")
    assert "<abbr title='Was there a serious threat?'>Serious threat?</abbr>" in view


# -- where the paths part (a comparison) ---------------------------------------------------------

def test_the_question_where_the_paths_part_is_marked_in_words() -> None:
    result = evaluate(tiny_tree(), {"threat": True, "source": "client"}, jurisdiction("mandatory"), DAY)
    view = pathview.path_view_html(result, PARAMETERS, parts_at="q_source")
    shown = steps(view)
    assert shown[1].startswith("◆ paths part here Who said it? client")
    assert view.count("◆ paths part here") == 1 and "class='step question parts' data-node='q_source'" in view
    assert not any("paths part" in s for i, s in enumerate(shown) if i != 1)


def test_a_rule_of_the_jurisdiction_where_the_paths_part_is_marked_inside_its_step() -> None:
    result = evaluate(tiny_tree(), {"threat": True, "source": "client"}, jurisdiction("mandatory"), DAY)
    view = pathview.path_view_html(result, PARAMETERS, parts_at="q_rule")
    assert "<span class='rule parts' data-node='q_rule'><span class='parts-marker'>◆ paths part here</span>" in view
    assert steps(view)[2] == ("Alpha's law ◆ paths part here What does the law require? the law requires a warning "
                              "Whom must you warn? the victim")


def test_a_path_waiting_where_the_paths_part_is_marked_there() -> None:
    result = evaluate(tiny_tree(), {"threat": True}, jurisdiction("mandatory"), DAY)
    view = pathview.path_view_html(result, PARAMETERS, parts_at="q_source")
    assert steps(view)[-1] == "◆ paths part here Who said it? not known yet: the path waits here"
    assert "class='step waiting parts'" in view


def test_without_a_parting_node_on_the_path_nothing_is_marked() -> None:
    result = evaluate(tiny_tree(), {"threat": False}, jurisdiction("mandatory"), DAY)
    plain = pathview.path_view_html(result, PARAMETERS)
    assert pathview.path_view_html(result, PARAMETERS, parts_at=None) == plain
    assert pathview.path_view_html(result, PARAMETERS, parts_at="q_source") == plain  # not on this path
    assert "parts" not in plain
