"""A fact's default: what the tree assumes when a case does not say (small trees made here)."""

from __future__ import annotations

import datetime

from confide import explain, model
from confide.check import _check_facts, value_problem
from confide.evaluate import evaluate
from confide.library import Library

DAY = datetime.date(2026, 12, 4)
CITE = (model.Citation(source="S", law="federal", unverified="test"),)


def tree(default):  # noqa: ANN001
    flag = model.Fact(type="bool", question="A court order?", default=default)
    question = model.Question(ask="order", citations=CITE, branches=(
        model.Branch(to="o_no", when=model.When(op="==", value=True)),
        model.Branch(to="o_yes", when=model.When(op="==", value=False))))
    outcomes = {"o_no": model.Outcome(verdict="must_not_disclose", label="L", rationale="R", citations=CITE),
                "o_yes": model.Outcome(verdict="may_disclose_with_consent", label="L", rationale="R", citations=CITE)}
    return model.Tree(title="T", summary="S", root="q", facts={"order": flag}, questions={"q": question},
                      outcomes=outcomes, id="t")


LAW = model.Jurisdiction(name="Federal", summary="S", parameters={}, id="federal")


def test_an_unstated_fact_with_a_default_takes_it_and_is_marked_assumed():
    result = evaluate(tree(False), {}, LAW, DAY)
    assert result.verdict == "may_disclose_with_consent"
    assert [(a.value, a.assumed) for a in result.answers] == [(False, True)]
    assert explain.reasons(result, {})[0]["value"] == "no (assumed: the case does not say)"


def test_a_stated_fact_overrides_the_default():
    result = evaluate(tree(False), {"order": True}, LAW, DAY)
    assert result.verdict == "must_not_disclose" and not result.answers[0].assumed


def test_without_a_default_the_tree_waits_for_the_fact():
    result = evaluate(tree(None), {}, LAW, DAY)
    assert (result.verdict, result.missing) == (None, "order")


def test_a_default_of_the_wrong_type_is_a_finding():
    assert value_problem(model.Fact(type="bool", question="Q"), "no") == "expected true or false, got 'no'"
    library = Library(lines={"t.yaml": {("facts", "order", "default"): 7}})
    facts = {"order": model.Fact(type="bool", question="Q", default="no")}
    found = _check_facts(library, "t.yaml", facts, ("facts",))
    assert [str(p) for p in found] == ["t.yaml:7: default of 'order': expected true or false, got 'no'"]
