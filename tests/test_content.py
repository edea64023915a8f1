"""The casebook is the test suite: every step of every case gives its expected verdict."""

import typing

import pytest

from confide.evaluate import evaluate
from confide.library import load_library
from confide.model import VERDICT_WORDS, VERDICTS, Verdict

_LIBRARY = load_library()
STEPS = [(case, index, jurisdiction, expected)
         for case in _LIBRARY.cases.values()
         for index, step in enumerate(case.steps)
         for jurisdiction, expected in {case.jurisdiction: step.expect, **step.expect_in}.items()]


@pytest.mark.parametrize("case,index,jurisdiction,expected", STEPS,
                         ids=[f"{c.id}.yaml:step{i + 1}:{j}" for c, i, j, _ in STEPS])
def test_step_gives_expected_verdict(case, index, jurisdiction, expected):
    result = evaluate(_LIBRARY.trees[case.tree], case.facts_at(index),
                      _LIBRARY.jurisdictions[jurisdiction], case.as_of)
    assert result.verdict == expected, f"path: {' -> '.join(result.nodes)}"


def test_casebook_size_and_shape():
    cases = list(_LIBRARY.cases.values())
    assert len(cases) >= 8
    changing = [c for c in cases if len({s.expect for s in c.steps}) > 1]
    assert len(changing) * 2 > len(cases), "most cases should change verdict across steps"
    for case in cases:
        assert len(case.discussion) >= 3, case.id
        assert case.teaching_notes.strip() and case.references, case.id


def test_each_first_tree_is_exercised():
    used = {c.tree for c in _LIBRARY.cases.values()}
    assert {"duty_to_protect", "child_abuse", "elder_abuse", "legal_process",
            "release_of_information"} <= used


def test_the_verdict_tables_agree_and_every_verdict_is_reached_by_some_tree():
    # Loading already rejects a verdict outside the Literal; what types do not enforce is that the
    # three tables (the tuple, the Literal, the words) agree and that no verdict is dead.
    assert typing.get_args(Verdict) == VERDICTS and set(VERDICT_WORDS) == set(VERDICTS)
    used = {o.verdict for tree in _LIBRARY.trees.values() for o in tree.outcomes.values()}
    assert used == set(VERDICTS)


def _expectations():
    for case in _LIBRARY.cases.values():
        for index, step in enumerate(case.steps):
            for jurisdiction, expected in {case.jurisdiction: step.expect, **step.expect_in}.items():
                yield case, index, jurisdiction, expected


def test_every_verdict_appears_in_at_least_three_cases():
    cases_by_verdict = {v: {c.id for c, _, _, e in _expectations() if e == v} for v in VERDICTS}
    thin = {v: len(ids) for v, ids in cases_by_verdict.items() if len(ids) < 3}
    assert not thin, thin


def test_every_outcome_node_is_reached_by_a_case_step():
    reached = set()
    for case, index, jurisdiction, _ in _expectations():
        result = evaluate(_LIBRARY.trees[case.tree], case.facts_at(index),
                          _LIBRARY.jurisdictions[jurisdiction], case.as_of)
        reached.add((case.tree, result.outcome_id))
    missing = [(t.id, o) for t in _LIBRARY.trees.values() for o in t.outcomes if (t.id, o) not in reached]
    assert not missing, missing


def test_every_jurisdiction_is_used_by_at_least_two_cases():
    used = {j: {c.id for c, _, jj, _ in _expectations() if jj == j} for j in _LIBRARY.jurisdictions}
    thin = {j: len(ids) for j, ids in used.items() if len(ids) < 2}
    assert not thin, thin
    assert len(_LIBRARY.jurisdictions) >= 12


def test_casebook_covers_every_topic_of_the_issue():
    trees = {c.tree for c in _LIBRARY.cases.values()}
    assert trees >= {"duty_to_protect", "danger_to_self", "child_abuse", "elder_abuse", "legal_process",
                     "release_of_information", "couples_family_group", "consultation_supervision",
                     "insurance_billing", "telehealth"}
    assert len(_LIBRARY.cases) >= 30
    steps = [len(c.steps) for c in _LIBRARY.cases.values()]
    assert min(steps) >= 2 and max(steps) <= 6


def test_myths_are_busted():
    myths = [c for c in _LIBRARY.cases.values() if any(t.startswith("myth") for t in c.topics)
             or c.id.startswith("myth_")]
    assert len(myths) >= 5
    assert "release_after_termination_myth" in _LIBRARY.cases  # "confidentiality ends when therapy ends"


def test_every_fact_parameter_and_worded_question_has_a_short_label():
    """Diagrams (the path view) show these few words at a projector's size; new content keeps them."""
    missing = [f"{tree.id}: fact '{name}'" for tree in _LIBRARY.trees.values()
               for name, fact in tree.facts.items() if not fact.short]
    missing += [f"{tree.id}: question '{node_id}' (has its own text)" for tree in _LIBRARY.trees.values()
                for node_id, question in tree.questions.items() if question.text and not question.short]
    missing += [f"_parameters: '{name}'" for name, parameter in _LIBRARY.parameter_names().items()
                if not parameter.short]
    assert _LIBRARY.parameter_names(), "no jurisdiction parameters were loaded"
    assert not missing, "add a short: label (1-48 characters) to\n" + "\n".join(missing)
