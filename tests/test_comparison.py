"""The comparison's words on a tiny tree made here: where each column's path parts from the
others', and a summary that names each jurisdiction's verdict and its answer there — the value
its law sets in words (with the rule's note), never a branch label such as 'otherwise'."""

from __future__ import annotations

import datetime
import html
import re

from confide import comparison, model
from confide.evaluate import evaluate

DAY = datetime.date(2025, 1, 1)


def when(value=None, parameter=None, op="=="):  # noqa: ANN001, ANN201
    return model.When(op=op, value=value, parameter=parameter)


def tiny_tree() -> model.Tree:
    facts = {
        "threat": model.Fact(type="bool", question="Was there a serious threat?"),
        "age": model.Fact(type="int", question="How old is the client?"),
        "imminent": model.Fact(type="bool", question="Is the danger imminent?"),
    }
    questions = {
        "q_threat": model.Question(ask="threat", citations=(), branches=(
            model.Branch(to="q_rule", when=when(True)),
            model.Branch(to="o_keep", when=when(False)))),
        "q_rule": model.Question(ask_parameter="duty", citations=(), branches=(
            model.Branch(to="o_warn", when=when("mandatory")),
            model.Branch(to="q_needs_imminence"))),  # 'otherwise': a label a summary must never show
        "q_needs_imminence": model.Question(ask_parameter="needs_imminence", citations=(), branches=(
            model.Branch(to="q_imminent", when=when(True)),
            model.Branch(to="o_may", when=when(False)))),
        "q_imminent": model.Question(ask="imminent", citations=(), branches=(
            model.Branch(to="o_may", when=when(True)),
            model.Branch(to="o_keep", when=when(False)))),
        "q_age": model.Question(ask="age", citations=(), branches=(
            model.Branch(to="o_warn", when=when(parameter="majority", op=">=")),
            model.Branch(to="o_keep"))),
    }
    outcomes = {
        "o_keep": model.Outcome(verdict="must_not_disclose", label="Keep it", rationale="", citations=()),
        "o_warn": model.Outcome(verdict="must_disclose_or_act", label="Warn", rationale="", citations=()),
        "o_may": model.Outcome(verdict="may_disclose_permitted_by_law", label="You may warn", rationale="",
                               citations=()),
    }
    return model.Tree(title="t", summary="", root="q_threat", facts=facts, questions=questions,
                      outcomes=outcomes, id="tiny")


PARAMETERS = {
    "duty": model.Fact(type="enum", question="What does the <law> require?", values=("mandatory", "permissive"),
                       value_labels={"mandatory": "mandatory: warn the victim", "permissive": "permissive only"}),
    "majority": model.Fact(type="int", question="At what age is a client an adult?"),
    "needs_imminence": model.Fact(type="bool", question="Must the danger be imminent?"),
}


def place(key: str, name: str, duty: str, note: str | None = None, majority: int = 18,
          imminence: bool = True) -> model.Jurisdiction:
    return model.Jurisdiction(name=name, summary="", id=key, parameters={
        "duty": model.Setting(value=duty, citations=(), note=note),
        "majority": model.Setting(value=majority, citations=()),
        "needs_imminence": model.Setting(value=imminence, citations=(), note="Imminent means within days.")})


ALPHA = place("alpha", "Alpha", "mandatory", note="Warn within 24 hours & tell the police.")
BETA = place("beta", "Beta <State>", "permissive")
GAMMA = place("gamma", "Gamma", "permissive", imminence=False)


def results(facts: dict, *places: model.Jurisdiction, tree: model.Tree | None = None) -> dict:
    return {p.id: evaluate(tree or tiny_tree(), facts, p, DAY) for p in places}


def summary(found: dict) -> str:
    names = {k: r.jurisdiction.name for k, r in found.items()}
    return comparison.summary_html(next(iter(found.values())).tree, found, names, PARAMETERS)


def answers(text: str) -> dict[str, str]:
    """Each jurisdiction's line of the summary as a reader sees it (tags dropped)."""
    return {key: html.unescape(" ".join(re.sub(r"<[^>]+>", "", line).split()))
            for key, line in re.findall(r"<li class='answer' data-jurisdiction='(\w+)'>(.*?)</li>", text)}


def test_a_parameter_sends_the_paths_different_ways_and_the_summary_names_each_rule() -> None:
    found = results({"threat": True, "imminent": True}, ALPHA, BETA)
    assert comparison.parting_nodes(found) == {"alpha": "q_rule", "beta": "q_rule"}
    assert found["beta"].nodes[-2:] == ("q_imminent", "o_may")  # Beta's law went the 'otherwise' way
    text = summary(found)
    assert "The verdicts differ." in text and "Same verdict" not in text
    assert "The paths part at</b> “What does the &lt;law&gt; require?”" in text
    assert "<State>" not in text and "<law>" not in text and "Beta &lt;State&gt;" in text  # escaped
    lines = answers(text)
    assert lines["alpha"] == ("Alpha: Must disclose or act. Alpha's law: mandatory: warn the victim. "
                              "Warn within 24 hours & tell the police.")
    assert lines["beta"] == "Beta <State>: May disclose: permitted by law. Beta <State>'s law: permissive only."
    assert "otherwise" not in text


def test_the_same_verdict_is_said_once_and_same_paths_say_so() -> None:
    text = summary(results({"threat": False}, ALPHA, BETA))
    assert text.count("Same verdict everywhere") == 1 and "Must not disclose" in text
    assert "The paths are the same." in text and "part" not in text
    assert comparison.parting_nodes(results({"threat": False}, ALPHA, BETA)) == {"alpha": None, "beta": None}


def test_same_verdict_by_different_paths_still_shows_where_they_part() -> None:
    found = results({"threat": True, "imminent": False}, ALPHA, BETA)
    found["alpha"] = evaluate(tiny_tree(), {"threat": False}, ALPHA, DAY)  # kept confidential at once
    text = summary(found)
    assert "Same verdict everywhere:</b> Must not disclose." in text
    assert "The paths part at</b> “Was there a serious threat?”" in text
    lines = answers(text)
    assert lines["alpha"] == "Alpha: Must not disclose. The case: no."
    assert lines["beta"] == "Beta <State>: Must not disclose. The case: yes."


def test_each_column_parts_where_it_first_leaves_another_and_the_summary_gives_every_parting() -> None:
    # Alpha leaves both others at the first rule; Beta and Gamma agree there and part at the second.
    found = results({"threat": True, "imminent": False}, ALPHA, BETA, GAMMA)
    assert [r.verdict for r in found.values()] == ["must_disclose_or_act", "must_not_disclose",
                                                   "may_disclose_permitted_by_law"]
    assert comparison.parting_nodes(found) == {"alpha": "q_rule", "beta": "q_rule", "gamma": "q_rule"}
    assert comparison.parting_points(found) == {"alpha": ["q_rule"], "beta": ["q_rule", "q_needs_imminence"],
                                                "gamma": ["q_rule", "q_needs_imminence"]}
    text = summary(found)
    assert "The paths part at" not in text and "The paths part</b>" in text
    lines = answers(text)
    assert lines["alpha"] == ("Alpha: Must disclose or act. At “What does the <law> require?”, Alpha's law: "
                              "mandatory: warn the victim. Warn within 24 hours & tell the police.")
    assert lines["beta"] == ("Beta <State>: Must not disclose. At “What does the <law> require?”, "
                             "Beta <State>'s law: permissive only. At “Must the danger be imminent?”, "
                             "Beta <State>'s law: yes. Imminent means within days.")
    assert lines["gamma"].endswith("At “Must the danger be imminent?”, Gamma's law: no. Imminent means within days.")
    assert "otherwise" not in text


def test_a_path_waiting_for_a_fact_where_the_others_go_on_says_so() -> None:
    found = results({"threat": True}, ALPHA, BETA)
    assert found["beta"].verdict is None
    lines = answers(summary(found))
    assert lines["beta"] == ("Beta <State>: Not yet decided: a fact is still unknown. "
                             "Beta <State>'s law: permissive only.")
    same = results({"threat": True}, BETA, place("delta", "Delta", "permissive"))
    assert comparison.parting_nodes(same) == {"beta": None, "delta": None}
    assert "The paths are the same." in summary(same)


def test_a_jurisdiction_without_a_rule_where_another_goes_on_says_its_path_stops() -> None:
    silent = model.Jurisdiction(name="Delta", summary="", id="delta", parameters={
        "duty": model.Setting(value="permissive", citations=())})
    found = results({"threat": True, "imminent": True}, BETA, silent)
    assert comparison.parting_nodes(found) == {"beta": "q_needs_imminence", "delta": "q_needs_imminence"}
    lines = answers(summary(found))
    assert lines["delta"] == "Delta: Not yet decided: a fact is still unknown. Delta's law: sets no rule here: the path stops."
    assert lines["beta"] == ("Beta <State>: May disclose: permitted by law. Beta <State>'s law: yes. "
                             "Imminent means within days.")


def test_a_fact_weighed_against_each_jurisdictions_value_names_that_value() -> None:
    tree = tiny_tree()
    tree = model.Tree(**{**tree.__dict__, "root": "q_age"})
    found = results({"age": 17}, place("alpha", "Alpha", "mandatory", majority=16),
                    place("beta", "Beta", "mandatory", majority=18), tree=tree)
    lines = answers(summary(found))
    assert lines["alpha"] == ("Alpha: Must disclose or act. The case: 17, weighed against Alpha's rule "
                              "“At what age is a client an adult?”: 16.")
    assert lines["beta"].startswith("Beta: Must not disclose. The case: 17")


def test_column_headings_give_the_jurisdiction_and_its_own_verdict() -> None:
    heading = comparison.heading_html("Beta <State>", "must_not_disclose")
    assert "Beta &lt;State&gt; — Must not disclose" in heading and "differs" not in heading
    assert "Not yet decided" in comparison.heading_html("Gamma", None)
