"""The casebook is the test suite: every step of every case gives its expected verdict."""

import pytest

from confide.evaluate import evaluate
from confide.library import load_library
from confide.model import VERDICTS

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


def test_verdicts_are_the_fixed_six():
    for tree in _LIBRARY.trees.values():
        assert {o.verdict for o in tree.outcomes.values()} <= set(VERDICTS)
