"""`confide.evaluate.flips` and `candidate_values`, per fact type, on trees of one or two questions."""

from __future__ import annotations

import datetime

from confide import model
from confide.evaluate import candidate_values, evaluate, flips
from engine_kit import DAY, ask, branch, fact, jurisdiction, outcome, setting, tree, when

NONE = jurisdiction()
KEEP, ACT = outcome("must_not_disclose"), outcome("must_disclose_or_act")
ONE_DAY = datetime.timedelta(days=1)
JULY = datetime.date(2020, 7, 1)


def one_question(kind: str, condition, **fact_kwargs):  # noqa: ANN001, ANN003, ANN201
    """q (fact x of ``kind``): ``condition`` -> o_act, otherwise -> o_keep."""
    return tree("q", {"x": fact(kind, **fact_kwargs)},
                {"q": ask("x", branch("o_act", condition), branch("o_keep"))}, {"o_keep": KEEP, "o_act": ACT})


def changes(found) -> list[tuple]:  # noqa: ANN001
    return [(f.fact, f.was, f.becomes, f.result.verdict) for f in found]


# -- bool -----------------------------------------------------------------------------------------

def test_a_bool_flips_to_its_other_value():
    bool_tree = one_question("bool", when("==", True))
    assert candidate_values(bool_tree, "x", NONE, DAY) == [True, False]
    assert changes(flips(bool_tree, {"x": False}, NONE, DAY)) == [("x", False, True, "must_disclose_or_act")]
    assert changes(flips(bool_tree, {"x": True}, NONE, DAY)) == [("x", True, False, "must_not_disclose")]


def test_an_unknown_fact_has_flips_from_none():
    bool_tree = one_question("bool", when("==", True))
    # Undecided now; knowing either value decides it, and both differ from "undecided".
    assert changes(flips(bool_tree, {}, NONE, DAY)) == [("x", None, True, "must_disclose_or_act"),
                                                       ("x", None, False, "must_not_disclose")]


def test_a_flip_result_is_the_full_evaluation_of_the_changed_facts():
    bool_tree = one_question("bool", when("==", True))
    (flip,) = flips(bool_tree, {"x": False}, NONE, DAY)
    assert flip.result == evaluate(bool_tree, {"x": True}, NONE, DAY)


def test_a_value_of_another_type_is_not_taken_as_the_same_value():
    # 1 == True in Python, but a case that says 1 for a bool fact has not stated True.
    bool_tree = one_question("bool", when("==", True))
    assert evaluate(bool_tree, {"x": 1}, NONE, DAY).verdict == "must_not_disclose"  # by the otherwise branch
    assert changes(flips(bool_tree, {"x": 1}, NONE, DAY)) == [("x", 1, True, "must_disclose_or_act")]


# -- enum -----------------------------------------------------------------------------------------

def test_an_enum_tries_every_value_and_lists_those_that_change_the_verdict():
    enum_tree = one_question("enum", when("in", ("client", "family")), values=("client", "family", "other"))
    assert candidate_values(enum_tree, "x", NONE, DAY) == ["client", "family", "other"]
    assert changes(flips(enum_tree, {"x": "client"}, NONE, DAY)) == [("x", "client", "other", "must_not_disclose")]
    assert changes(flips(enum_tree, {"x": "other"}, NONE, DAY)) == [
        ("x", "other", "client", "must_disclose_or_act"), ("x", "other", "family", "must_disclose_or_act")]


# -- int: the threshold and one either side -------------------------------------------------------

def test_an_int_threshold_gives_the_value_and_its_neighbours():
    int_tree = one_question("int", when(">=", 12))
    assert candidate_values(int_tree, "x", NONE, DAY) == [11, 12, 13]


def test_an_int_one_below_a_greater_or_equal_threshold_flips_up_to_it():
    int_tree = one_question("int", when(">=", 12))
    assert changes(flips(int_tree, {"x": 11}, NONE, DAY)) == [("x", 11, 12, "must_disclose_or_act"),
                                                             ("x", 11, 13, "must_disclose_or_act")]
    assert changes(flips(int_tree, {"x": 12}, NONE, DAY)) == [("x", 12, 11, "must_not_disclose")]


def test_an_int_strictly_greater_threshold_flips_one_above_it():
    int_tree = one_question("int", when(">", 12))
    assert changes(flips(int_tree, {"x": 12}, NONE, DAY)) == [("x", 12, 13, "must_disclose_or_act")]
    assert changes(flips(int_tree, {"x": 13}, NONE, DAY)) == [("x", 13, 11, "must_not_disclose"),
                                                             ("x", 13, 12, "must_not_disclose")]


def test_an_int_equality_flips_only_to_the_value_itself():
    int_tree = one_question("int", when("==", 12))
    assert changes(flips(int_tree, {"x": 40}, NONE, DAY)) == [("x", 40, 12, "must_disclose_or_act")]


def test_an_int_threshold_from_a_parameter_is_the_setting_on_the_date():
    int_tree = one_question("int", when(">=", parameter="age"))
    law = jurisdiction({"age": (setting(16), setting(12, JULY))})
    assert candidate_values(int_tree, "x", law, JULY - ONE_DAY) == [15, 16, 17]
    assert candidate_values(int_tree, "x", law, JULY) == [11, 12, 13]
    assert candidate_values(int_tree, "x", jurisdiction(), JULY) == []  # no setting, no threshold


def test_every_listed_int_of_an_in_condition_is_a_threshold():
    int_tree = one_question("int", when("in", (3, 10)))
    assert candidate_values(int_tree, "x", NONE, DAY) == [2, 3, 4, 9, 10, 11]


def test_thresholds_of_every_question_asking_the_fact_are_merged_and_sorted():
    twice = tree("q1", {"x": fact("int"), "y": fact("int")},
                 {"q1": ask("x", branch("q2", when("<", 10)), branch("o_keep")),
                  "q2": ask("x", branch("o_act", when(">=", 5)), branch("o_keep")),
                  "q3": ask("y", branch("o_act", when(">=", 100)), branch("o_keep"))},
                 {"o_keep": KEEP, "o_act": ACT})
    assert candidate_values(twice, "x", NONE, DAY) == [4, 5, 6, 9, 10, 11]
    assert candidate_values(twice, "y", NONE, DAY) == [99, 100, 101]


# -- date: the threshold and one day either side -------------------------------------------------

def test_a_date_threshold_gives_the_day_before_and_after():
    date_tree = one_question("date", when(">=", JULY))
    assert candidate_values(date_tree, "x", NONE, DAY) == [JULY - ONE_DAY, JULY, JULY + ONE_DAY]


def test_a_date_one_day_before_the_threshold_flips_to_it():
    date_tree = one_question("date", when(">=", JULY))
    assert changes(flips(date_tree, {"x": JULY - ONE_DAY}, NONE, DAY)) == [
        ("x", JULY - ONE_DAY, JULY, "must_disclose_or_act"), ("x", JULY - ONE_DAY, JULY + ONE_DAY, "must_disclose_or_act")]
    assert changes(flips(date_tree, {"x": JULY}, NONE, DAY)) == [("x", JULY, JULY - ONE_DAY, "must_not_disclose")]


def test_a_date_before_threshold_flips_on_the_day_after():
    date_tree = one_question("date", when("<=", JULY))
    assert changes(flips(date_tree, {"x": JULY}, NONE, DAY)) == [("x", JULY, JULY + ONE_DAY, "must_not_disclose")]


# -- what does not count ------------------------------------------------------------------------

def test_a_change_that_leaves_the_tree_waiting_is_not_a_flip():
    waiting = tree("q_a", {"a": fact("bool"), "b": fact("bool")},
                   {"q_a": ask("a", branch("q_b", when("==", True)), branch("o_keep")),
                    "q_b": ask("b", branch("o_act", when("==", True)), branch("o_keep"))},
                   {"o_keep": KEEP, "o_act": ACT})
    # a: false -> true only reaches q_b, which needs b: not a flip; b is not asked yet but a change
    # to it does not change the verdict either.
    assert flips(waiting, {"a": False}, NONE, DAY) == []
    assert changes(flips(waiting, {"a": False, "b": True}, NONE, DAY)) == [("a", False, True, "must_disclose_or_act")]


def test_a_change_to_the_same_verdict_by_another_path_is_not_a_flip():
    same = tree("q", {"x": fact("bool")},
                {"q": ask("x", branch("o_one", when("==", True)), branch("o_two"))},
                {"o_one": KEEP, "o_two": outcome("must_not_disclose", label="Other")})
    assert flips(same, {"x": True}, NONE, DAY) == []


def test_only_facts_the_tree_declares_are_changed():
    bool_tree = one_question("bool", when("==", True))
    found = flips(bool_tree, {"x": False, "unrelated": 5}, NONE, DAY)
    assert {f.fact for f in found} == {"x"}
    assert found[0].result.answers[0].value is True


def test_flips_without_a_date_use_todays_law():
    law = jurisdiction({"age": (setting(99, datetime.date.today() + ONE_DAY),)})
    int_tree = one_question("int", when(">=", parameter="age"))
    assert flips(int_tree, {"x": 1}, law) == []  # no threshold in force today: nothing to try


def test_flips_compare_with_the_verdict_on_the_given_date_not_today():
    # x: true -> q_rule; false -> o_keep (whose verdict is also today's strict verdict).
    # Lenient until July 2020, strict since: on 2020-01-01 the case is "may", and x: false changes it.
    dated = tree("q_x", {"x": fact("bool")},
                 {"q_x": ask("x", branch("q_rule", when("==", True)), branch("o_keep")),
                  "q_rule": model.Question(ask_parameter="rule", citations=(), branches=(
                      branch("o_act", when("==", "strict")), branch("o_may")))},
                 {"o_keep": outcome("must_disclose_or_act", label="Keep"), "o_act": ACT,
                  "o_may": outcome("may_disclose_permitted_by_law")})
    law = jurisdiction({"rule": (setting("lenient"), setting("strict", JULY))})
    assert changes(flips(dated, {"x": True}, law, datetime.date(2020, 1, 1))) == [
        ("x", True, False, "must_disclose_or_act")]
    assert flips(dated, {"x": True}, law, JULY) == []
