"""`confide.evaluate` on trees of two to five nodes built here as model objects, one behaviour a test."""

from __future__ import annotations

import datetime

import pytest

from confide import model
from confide.evaluate import choose_branch, compare, condition_value, evaluate
from engine_kit import (
    DAY,
    ask,
    ask_parameter,
    branch,
    fact,
    jurisdiction,
    outcome,
    setting,
    tree,
    when,
)

NONE = jurisdiction()
KEEP, ACT = outcome("must_not_disclose"), outcome("must_disclose_or_act")


def two_questions(**facts_of) -> model.Tree:  # noqa: ANN003
    """q_a (bool a): true -> q_b, false -> o_keep; q_b (bool b): true -> o_act, otherwise -> o_keep."""
    return tree("q_a", {"a": fact("bool", **facts_of.get("a", {})), "b": fact("bool", **facts_of.get("b", {}))},
                {"q_a": ask("a", branch("q_b", when("==", True)), branch("o_keep", when("==", False))),
                 "q_b": ask("b", branch("o_act", when("==", True)), branch("o_keep"))},
                {"o_keep": KEEP, "o_act": ACT})


def test_the_path_follows_the_facts_to_an_outcome():
    result = evaluate(two_questions(), {"a": True, "b": True}, NONE, DAY)
    assert result.nodes == ("q_a", "q_b", "o_act")
    assert result.edges == (("q_a", "q_b"), ("q_b", "o_act"))
    assert [(a.node, a.asked, a.kind, a.value, a.branch, a.assumed) for a in result.answers] == [
        ("q_a", "a", "fact", True, 0, False), ("q_b", "b", "fact", True, 0, False)]
    assert (result.outcome_id, result.outcome, result.verdict) == ("o_act", ACT, "must_disclose_or_act")
    assert (result.missing, result.missing_kind, result.stopped_at) == (None, None, None)
    assert result.as_of == DAY and result.jurisdiction is NONE


def test_a_second_branch_is_taken_when_the_first_does_not_match():
    result = evaluate(two_questions(), {"a": False}, NONE, DAY)
    assert result.nodes == ("q_a", "o_keep") and result.answers[0].branch == 1
    assert result.verdict == "must_not_disclose"


def test_an_unlabelled_branch_without_when_is_the_otherwise_fallback():
    result = evaluate(two_questions(), {"a": True, "b": False}, NONE, DAY)
    assert result.nodes == ("q_a", "q_b", "o_keep") and result.answers[1].branch == 1


def test_an_unknown_fact_stops_the_walk_at_the_question_that_needs_it():
    result = evaluate(two_questions(), {"a": True}, NONE, DAY)
    assert result.nodes == ("q_a", "q_b") and result.edges == (("q_a", "q_b"),)
    assert (result.missing, result.missing_kind, result.stopped_at) == ("b", "fact", "q_b")
    assert (result.outcome_id, result.outcome, result.verdict) == (None, None, None)
    assert result.actions == ()


def test_the_root_question_is_where_a_walk_without_facts_stops():
    result = evaluate(two_questions(), {}, NONE, DAY)
    assert result.nodes == ("q_a",) and result.answers == () and result.stopped_at == "q_a"


def test_an_otherwise_branch_does_not_make_an_unknown_fact_known():
    # q_b has an otherwise branch, but an unknown fact still stops the walk there.
    assert evaluate(two_questions(), {"a": True}, NONE, DAY).missing == "b"


def test_a_known_value_that_no_branch_takes_stops_the_walk():
    only_true = tree("q", {"a": fact("bool")}, {"q": ask("a", branch("o", when("==", True)))}, {"o": KEEP})
    result = evaluate(only_true, {"a": False}, NONE, DAY)
    assert (result.nodes, result.missing, result.missing_kind) == (("q",), "a", "fact")


def test_a_default_stands_in_for_an_unstated_fact_and_is_marked_assumed():
    result = evaluate(two_questions(b={"default": False}), {"a": True}, NONE, DAY)
    assert result.verdict == "must_not_disclose"
    assert [(a.value, a.assumed) for a in result.answers] == [(True, False), (False, True)]


def test_a_stated_fact_wins_over_the_default():
    result = evaluate(two_questions(b={"default": False}), {"a": True, "b": True}, NONE, DAY)
    assert result.verdict == "must_disclose_or_act" and not result.answers[1].assumed


def test_a_fact_the_tree_does_not_declare_has_no_default_and_stops_the_walk():
    undeclared = tree("q", {}, {"q": ask("a", branch("o", when("==", True)))}, {"o": KEEP})
    result = evaluate(undeclared, {}, NONE, DAY)
    assert (result.missing, result.missing_kind) == ("a", "fact")
    assert evaluate(undeclared, {"a": True}, NONE, DAY).verdict == "must_not_disclose"


def test_a_facts_dict_with_other_facts_does_not_answer_the_question():
    result = evaluate(two_questions(), {"b": True, "c": True}, NONE, DAY)
    assert result.missing == "a"


# -- parameters and effective dates --------------------------------------------------------------

JULY = datetime.date(2020, 7, 1)
RULE_HISTORY = (setting("lenient", note="old"), setting("strict", JULY, note="new"))


def by_rule() -> model.Tree:
    return tree("q_rule", {}, {"q_rule": ask_parameter("rule", branch("o_act", when("==", "strict")),
                                                         branch("o_keep"))},
                {"o_keep": KEEP, "o_act": ACT})


@pytest.mark.parametrize("as_of,value,verdict", [
    (JULY - datetime.timedelta(days=1), "lenient", "must_not_disclose"),
    (JULY, "strict", "must_disclose_or_act"),
    (JULY + datetime.timedelta(days=1), "strict", "must_disclose_or_act"),
])
def test_a_parameter_takes_the_setting_in_force_on_the_date(as_of, value, verdict):  # noqa: ANN001
    law = jurisdiction({"rule": RULE_HISTORY})
    result = evaluate(by_rule(), {}, law, as_of)
    (answer,) = result.answers
    assert (answer.kind, answer.asked, answer.value, result.verdict) == ("parameter", "rule", value, verdict)
    assert answer.setting is RULE_HISTORY[value == "strict"] and not answer.assumed


def test_settings_given_out_of_order_still_apply_by_date():
    law = jurisdiction({"rule": tuple(reversed(RULE_HISTORY))})
    assert evaluate(by_rule(), {}, law, JULY).answers[0].value == "strict"
    assert evaluate(by_rule(), {}, law, JULY - datetime.timedelta(days=1)).answers[0].value == "lenient"


def test_a_parameter_not_yet_in_force_stops_the_walk_as_a_missing_parameter():
    law = jurisdiction({"rule": (setting("strict", JULY),)})
    result = evaluate(by_rule(), {}, law, JULY - datetime.timedelta(days=1))
    assert (result.missing, result.missing_kind, result.stopped_at) == ("rule", "parameter", "q_rule")
    assert evaluate(by_rule(), {}, law, JULY).verdict == "must_disclose_or_act"


def test_a_parameter_the_jurisdiction_does_not_set_is_missing():
    result = evaluate(by_rule(), {"rule": "strict"}, NONE, DAY)  # a fact of that name does not stand in
    assert (result.missing, result.missing_kind) == ("rule", "parameter")


def by_age() -> model.Tree:
    return tree("q_age", {"age": fact("int")},
                {"q_age": ask("age", branch("o_keep", when(">=", parameter="age_of_consent")), branch("o_act"))},
                {"o_keep": KEEP, "o_act": ACT})


@pytest.mark.parametrize("age,verdict", [(11, "must_disclose_or_act"), (12, "must_not_disclose"),
                                         (13, "must_not_disclose")])
def test_a_condition_compares_with_the_jurisdictions_parameter(age, verdict):  # noqa: ANN001
    law = jurisdiction({"age_of_consent": setting(12)})
    assert evaluate(by_age(), {"age": age}, law, DAY).verdict == verdict


def test_a_condition_on_a_parameter_follows_its_effective_date():
    law = jurisdiction({"age_of_consent": (setting(16), setting(12, JULY))})
    assert evaluate(by_age(), {"age": 14}, law, JULY - datetime.timedelta(days=1)).verdict == "must_disclose_or_act"
    assert evaluate(by_age(), {"age": 14}, law, JULY).verdict == "must_not_disclose"


def test_a_condition_on_a_parameter_not_in_force_falls_through_to_otherwise():
    law = jurisdiction({"age_of_consent": (setting(12, JULY),)})
    result = evaluate(by_age(), {"age": 40}, law, JULY - datetime.timedelta(days=1))
    assert result.verdict == "must_disclose_or_act" and result.answers[0].branch == 1


def test_condition_value_is_the_value_or_the_parameter_setting():
    law = jurisdiction({"age_of_consent": (setting(16), setting(12, JULY))})
    assert condition_value(when("==", 5), law, DAY) == 5
    assert condition_value(when(">=", parameter="age_of_consent"), law, DAY) == 12
    assert condition_value(when(">=", parameter="age_of_consent"), law, datetime.date(2000, 1, 1)) == 16
    assert condition_value(when(">=", parameter="nothing"), law, DAY) is None


def test_choose_branch_gives_the_first_match_or_none():
    question = ask("n", branch("a", when("<", 5)), branch("b", when("<", 10)))
    assert choose_branch(question, 3, NONE, DAY) == 0
    assert choose_branch(question, 7, NONE, DAY) == 1
    assert choose_branch(question, 10, NONE, DAY) is None


def test_dates_compare_by_day():
    by_date = tree("q", {"d": fact("date")},
                   {"q": ask("d", branch("o_act", when(">=", JULY)), branch("o_keep"))},
                   {"o_keep": KEEP, "o_act": ACT})
    day = datetime.timedelta(days=1)
    assert evaluate(by_date, {"d": JULY - day}, NONE, DAY).verdict == "must_not_disclose"
    assert evaluate(by_date, {"d": JULY}, NONE, DAY).verdict == "must_disclose_or_act"


def test_an_enum_in_a_list_takes_the_in_branch():
    source = tree("q", {"s": fact("enum", values=("client", "family", "other"))},
                  {"q": ask("s", branch("o_act", when("in", ("client", "family"))), branch("o_keep"))},
                  {"o_keep": KEEP, "o_act": ACT})
    assert [evaluate(source, {"s": s}, NONE, DAY).verdict for s in ("client", "family", "other")] == [
        "must_disclose_or_act", "must_disclose_or_act", "must_not_disclose"]


def test_without_a_date_the_law_of_today_applies():
    law = jurisdiction({"rule": (setting("strict", datetime.date.today() + datetime.timedelta(days=1)),)})
    before = datetime.date.today()
    result = evaluate(by_rule(), {}, law)
    assert before <= result.as_of <= datetime.date.today()
    assert result.missing == "rule"  # tomorrow's rule is not yet in force


def test_a_cycle_cannot_make_the_walk_run_forever():
    loop = tree("q_a", {"a": fact("bool"), "b": fact("bool")},
                {"q_a": ask("a", branch("q_b")), "q_b": ask("b", branch("q_a"))}, {})
    result = evaluate(loop, {"a": True, "b": True}, NONE, DAY)
    # Each question may be asked once more than there are questions, then the walk gives up.
    assert result.nodes == ("q_a", "q_b", "q_a", "q_b") and result.outcome_id is None
    assert result.missing is None


# -- actions -------------------------------------------------------------------------------------

POLICE = model.Action(who="the police", what="Report.", by_when="within 24 hours")
PARENTS = model.Action(who="the parents", what="Tell them.", required=False)


def with_actions() -> model.Tree:
    act = outcome("must_disclose_or_act", actions=(PARENTS,), actions_from="duty")
    return tree("q", {"a": fact("bool")}, {"q": ask("a", branch("o_act", when("==", True)), branch("o_keep"))},
                {"o_keep": KEEP, "o_act": act})


def test_the_jurisdictions_actions_come_before_the_outcomes_own():
    law = jurisdiction({"duty": setting(True, actions=(POLICE,))})
    assert evaluate(with_actions(), {"a": True}, law, DAY).actions == (POLICE, PARENTS)


def test_the_jurisdictions_actions_follow_the_date():
    law = jurisdiction({"duty": (setting(False), setting(True, JULY, actions=(POLICE,)))})
    assert evaluate(with_actions(), {"a": True}, law, JULY - datetime.timedelta(days=1)).actions == (PARENTS,)
    assert evaluate(with_actions(), {"a": True}, law, JULY).actions == (POLICE, PARENTS)


def test_an_outcome_without_actions_from_has_only_its_own():
    law = jurisdiction({"duty": setting(True, actions=(POLICE,))})
    own = tree("q", {}, {}, {"q": outcome("must_disclose_or_act", actions=(PARENTS,))})
    assert evaluate(own, {}, law, DAY).actions == (PARENTS,)
    assert evaluate(with_actions(), {"a": False}, law, DAY).actions == ()


def test_a_jurisdiction_without_the_parameter_adds_no_actions():
    assert evaluate(with_actions(), {"a": True}, NONE, DAY).actions == (PARENTS,)


def test_a_root_that_is_an_outcome_is_the_verdict():
    only = tree("o", {}, {}, {"o": KEEP})
    result = evaluate(only, {}, NONE, DAY)
    assert (result.nodes, result.edges, result.verdict, result.stopped_at) == (("o",), (), "must_not_disclose", None)


# -- compare --------------------------------------------------------------------------------------

@pytest.mark.parametrize("op,left,right,expected", [
    ("==", 3, 3, True), ("==", 3, 4, False), ("==", True, 1, False), ("==", 1, True, False),
    ("!=", 3, 4, True), ("!=", 3, 3, False), ("!=", 1, True, True),
    ("<", 3, 4, True), ("<", 4, 4, False), ("<", 5, 4, False),
    ("<=", 4, 4, True), ("<=", 3, 4, True), ("<=", 5, 4, False),
    (">", 5, 4, True), (">", 4, 4, False), (">", 3, 4, False),
    (">=", 4, 4, True), (">=", 5, 4, True), (">=", 3, 4, False),
    ("<", 3, 4.5, False),  # mismatched types never match
    ("<", "a", "b", False), (">", True, False, False),  # text and booleans have no order
    ("<", datetime.date(2020, 1, 1), datetime.date(2020, 1, 2), True),
    ("<", datetime.date(2020, 1, 1), 5, False),
    ("in", "a", ("a", "b"), True), ("in", "c", ("a", "b"), False), ("in", "a", "abc", False),
    ("in", 1, (True,), False), ("in", True, (1, True), True),
])
def test_compare_applies_the_fixed_operator_table(op, left, right, expected):  # noqa: ANN001
    assert compare(op, left, right) is expected


def test_a_question_that_asks_nothing_stops_the_walk():
    # `confide check` reports such a question; the walk stops there rather than guessing.
    empty = tree("q", {}, {"q": model.Question(branches=(branch("o"),), citations=())}, {"o": KEEP})
    result = evaluate(empty, {"x": True}, NONE, DAY)
    assert (result.nodes, result.missing, result.missing_kind) == (("q",), "", "fact")


def test_a_facts_default_never_stands_in_for_a_parameter_of_the_same_name():
    clash = tree("q", {"rule": fact("enum", values=("strict", "lenient"), default="strict")},
                 {"q": ask_parameter("rule", branch("o_act", when("==", "strict")), branch("o_keep"))},
                 {"o_keep": KEEP, "o_act": ACT})
    result = evaluate(clash, {}, NONE, DAY)
    assert (result.missing, result.missing_kind, result.answers) == ("rule", "parameter", ())
