"""Each finding of `confide.check`, one at a time, on the tiny content of engine_kit: one change to
a clean file, and the exact ``path:line: message`` the check must give for it."""

from __future__ import annotations

import pytest

from confide.check import check_case, check_library, value_problem, verify_case
from confide.library import load_library
from confide.model import Fact
from engine_kit import ALPHA, BETA, CASE, PARAMETERS, TREE, content, line_of, write_content


def findings(root, **kwargs) -> list[str]:  # noqa: ANN001, ANN003
    library = content(root, **kwargs)
    assert not library.problems, library.problems  # the change must still load
    return [str(p) for p in check_library(library)]


def at(snippet: str | tuple) -> tuple:
    """A snippet, or (snippet, n) for its n-th line."""
    return snippet if isinstance(snippet, tuple) else (snippet,)


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_base_content_checks_clean(tmp_path):
    assert findings(tmp_path, case=CASE) == []


# -- trees --------------------------------------------------------------------------------------

ENUM_FACT = "source: {type: enum, values: [client, family], question: Who told the therapist?}"
Q_RULE = """\
  q_rule:
    ask_parameter: rule
    branches:
      - {when: {op: "==", value: strict}, to: q_age}
      - {to: o_may}
    citations: [{cite: s1}]
"""

Q_THREAT_BRANCHES = """\
    branches:
      - {when: {op: "==", value: true}, to: q_source}
      - {when: {op: "==", value: false}, to: o_keep}
"""
Q_SOURCE_BRANCHES = """\
    branches:
      - {when: {op: "==", value: client}, to: q_rule}
      - {when: {op: "==", value: family}, to: o_keep}
"""
Q_AGE_BRANCHES = """\
    branches:
      - {when: {op: ">=", parameter: age_of_consent}, to: o_consent}
      - {to: o_act}
"""

TREE_FINDINGS = [
    # (name, old, new, snippet whose line is reported, message)
    ("enum without values", ENUM_FACT, "source: {type: enum, question: Who told the therapist?}",
     "source: {type: enum", "enum fact 'source' needs a list of values"),
    ("values on a bool", "threat: {type: bool, question:", "threat: {type: bool, values: [a], question:",
     "threat: {type: bool", "only enum facts have values; 'threat' is bool"),
    ("label for an unknown value", ENUM_FACT, ENUM_FACT[:-1] + ", value_labels: {clinet: the client}}",
     "source: {type: enum", "label for unknown value 'clinet' (did you mean 'client'?)"),
    ("a value twice", "values: [client, family]", "values: [client, family, client]",
     "source: {type: enum", "'source' lists a value twice"),
    ("default of the wrong type", "age: {type: int,", "age: {type: int, default: '12',",
     "age: {type: int", "default of 'age': expected a whole number, got '12'"),
    ("default not among the values", ENUM_FACT, ENUM_FACT[:-1] + ", default: stranger}",
     "source: {type: enum", "default of 'source': 'stranger' is not one of: client, family"),
    ("fact asked by no question", "  age: {type: int,", "  unused: {type: bool, question: U?}\n  age: {type: int,",
     "unused:", "warning: fact 'unused' is declared but no question asks it"),
    ("root is not a node", "root: q_threat", "root: q_thraet",
     "root: q_thraet", "root 'q_thraet' is not a node (did you mean 'q_threat'?)"),
    ("question and outcome share an id", "outcomes:\n", "outcomes:\n  q_age: {verdict: must_not_disclose, label: L, "
     "rationale: R, citations: [{cite: s1}]}\n", "  q_age: {verdict", "node id 'q_age' is used by a question and an outcome"),
    ("outcome takes actions from an unknown parameter", "actions_from: duty", "actions_from: dutty",
     "actions_from: dutty", "unknown jurisdiction parameter 'dutty' (did you mean 'duty'?)"),
    ("outcome without citations", "rationale: Nothing to disclose., citations: [{cite: s1}]}",
     "rationale: Nothing to disclose., citations: []}", "o_keep:", "outcome 'o_keep' needs at least one citation"),
    ("see_also names an unknown tree", "rationale: Nothing to disclose.,", "rationale: Nothing to disclose., "
     "see_also: [tt],", "o_keep:", "see_also names unknown tree 'tt' (did you mean 't'?)"),
    ("unreachable outcome", "outcomes:\n", "outcomes:\n  o_orphan: {verdict: must_not_disclose, label: L, "
     "rationale: R, citations: [{cite: s1}]}\n", "o_orphan:", "node 'o_orphan' cannot be reached from the root 'q_threat'"),
    ("unreachable question", "questions:\n", "questions:\n  q_orphan:\n    ask: threat\n    branches: "
     "[{to: o_keep}]\n    citations: [{cite: s1}]\n", "q_orphan:", "node 'q_orphan' cannot be reached from the root 'q_threat'"),
    ("cycle", "      - {to: o_act}", "      - {to: q_threat}", "  q_threat:",
     "cycle: q_threat -> q_source -> q_rule -> q_age -> q_threat"),
    ("question without citations", Q_RULE, Q_RULE.replace("[{cite: s1}]", "[]"), "  q_rule:",
     "question 'q_rule' needs at least one citation"),
    ("question asks a fact and a parameter", "    ask_parameter: rule\n", "    ask_parameter: rule\n    ask: threat\n",
     "  q_rule:", "question 'q_rule' must have exactly one of 'ask' (a fact) or 'ask_parameter'"),
    ("question asks nothing", "    ask_parameter: rule\n", "", "  q_rule:",
     "question 'q_rule' must have exactly one of 'ask' (a fact) or 'ask_parameter'"),
    ("unknown fact", "ask: threat", "ask: thraet", "ask: thraet", "unknown fact 'thraet' (did you mean 'threat'?)"),
    ("unknown parameter asked", "ask_parameter: rule", "ask_parameter: rulle", "ask_parameter: rulle",
     "unknown jurisdiction parameter 'rulle' (did you mean 'rule'?)"),
    ("no branches", Q_RULE, Q_RULE.replace('      - {when: {op: "==", value: strict}, to: q_age}\n      - {to: o_may}\n',
                                           "").replace("branches:", "branches: []"),
     "  q_rule:", "question 'q_rule' has no branches"),
    ("two otherwise branches", "      - {to: o_may}\n", "      - {to: o_may}\n      - {to: o_keep}\n",
     "      - {to: o_keep}", "question 'q_rule' has more than one otherwise branch"),
    ("otherwise not last", '      - {when: {op: "==", value: strict}, to: q_age}\n      - {to: o_may}\n',
     '      - {to: o_may}\n      - {when: {op: "==", value: strict}, to: q_age}\n', "      - {to: o_may}",
     "the otherwise branch (no 'when') must come last; branches after it are never taken"),
    ("branch to an unknown node", "      - {to: o_may}", "      - {to: o_mya}", "{to: o_mya}",
     "branch leads to unknown node 'o_mya' (did you mean 'o_may'?)"),
    ("branch to itself", "      - {to: o_may}", "      - {to: q_rule}", "{to: q_rule}",
     "question 'q_rule' branches to itself"),
    ("two branches to one node", 'value: false}, to: o_keep}', 'value: false}, to: q_source}',
     'value: false}, to: q_source}', "two branches of 'q_threat' lead to 'q_source'; merge them (op: in)"),
    ("bool branches miss false", '      - {when: {op: "==", value: false}, to: o_keep}\n', "", ("    branches:", 1),
     "branches of 'q_threat' do not cover false; add it or an otherwise branch"),
    ("bool branches miss true", '      - {when: {op: "==", value: true}, to: q_source}\n', "", ("    branches:", 1),
     "branches of 'q_threat' do not cover true; add it or an otherwise branch"),
    ("enum branches miss a value", '      - {when: {op: "==", value: family}, to: o_keep}\n', "", ("    branches:", 2),
     "branches of 'q_source' do not cover: family; add them or an otherwise branch"),
    ("int question without otherwise", "      - {to: o_act}",
     '      - {when: {op: "<", parameter: age_of_consent}, to: o_act}', ("    branches:", 4),
     "'q_age' asks a int: it needs an otherwise branch"),
    ("condition with value and parameter", '{op: "==", value: strict}', '{op: "==", value: strict, parameter: rule}',
     "value: strict, parameter: rule", "a condition needs exactly one of 'value' or 'parameter'"),
    ("condition with neither", '{op: "==", value: strict}', '{op: "=="}', '{op: "=="}',
     "a condition needs exactly one of 'value' or 'parameter'"),
    ("ordering a bool", '{op: "==", value: true}', '{op: ">=", value: true}', '{op: ">=", value: true}',
     "'>=' compares numbers or dates; this bool fact needs == != or in"),
    ("condition on an unknown parameter", "parameter: age_of_consent}", "parameter: age_of_consnt}",
     "age_of_consnt", "unknown jurisdiction parameter 'age_of_consnt' (did you mean 'age_of_consent'?)"),
    ("condition on a parameter of another type", "parameter: age_of_consent}", "parameter: duty}",
     "parameter: duty", "parameter 'duty' is bool, the fact is int"),
    ("in without a list", '{op: "==", value: client}', "{op: in, value: client}", "{op: in, value: client}",
     "op 'in' needs a list of values"),
    ("== with a list", '{op: "==", value: client}', '{op: "==", value: [client]}', "value: [client]",
     "op '==' needs a single value, not a list"),
    ("a value of the wrong type", '{op: "==", value: true}', '{op: "==", value: "yes"}', 'value: "yes"',
     "expected true or false, got 'yes'"),
    ("an enum value not declared", '{op: "==", value: client}', '{op: "==", value: clinet}', "value: clinet",
     "'clinet' is not one of: client, family (did you mean 'client'?)"),
    ("a fact's short label too long", "threat: {type: bool, question:", f"threat: {{type: bool, short: {'x' * 49}, question:",
     "threat: {type: bool", "short label of 'threat' must be 1-48 characters (it has 49); diagrams show it at a "
     "projector's size"),
    ("a fact's short label empty", "threat: {type: bool, question:", "threat: {type: bool, short: '', question:",
     "threat: {type: bool", "short label of 'threat' must be 1-48 characters (it has 0); diagrams show it at a "
     "projector's size"),
    ("a question's short label too long", "    ask_parameter: rule\n", f"    ask_parameter: rule\n    short: {'y' * 49}\n",
     "short: yyy", "short label of 'q_rule' must be 1-48 characters (it has 49); diagrams show it at a "
     "projector's size"),
    ("a question's short label empty", "    ask_parameter: rule\n", "    ask_parameter: rule\n    short: ''\n",
     "short: ''", "short label of 'q_rule' must be 1-48 characters (it has 0); diagrams show it at a projector's size"),
    ("yes/no on an enum fact", Q_SOURCE_BRANCHES, "    yes: q_rule\n    no: o_keep\n", ("    yes: q_rule", 1),
     "'yes:' is for a true-or-false question; fact 'source' is enum: use cases:"),
    ("no: alone on an enum fact", Q_SOURCE_BRANCHES, "    no: o_keep\n    otherwise: q_rule\n", "    no: o_keep",
     "'no:' is for a true-or-false question; fact 'source' is enum: use cases:"),
    ("yes/no on an int fact", Q_AGE_BRANCHES, "    yes: o_consent\n    no: o_act\n", "    yes: o_consent",
     "'yes:' is for a true-or-false question; fact 'age' is int: use a branches list with conditions"),
    ("cases on a bool fact", Q_THREAT_BRANCHES, "    cases: {'true': q_source}\n    otherwise: o_keep\n",
     "    cases: {'true'", "'cases:' lists the values of an enum; fact 'threat' is bool: use yes: and no:"),
    ("cases on a parameter of another type", "ask_parameter: rule\n    branches:\n      - {when: {op: \"==\", value: strict}, to: q_age}\n      - {to: o_may}\n",
     "ask_parameter: duty\n    cases: {strict: q_age}\n    otherwise: o_may\n", "    cases: {strict",
     "'cases:' lists the values of an enum; parameter 'duty' is bool: use yes: and no:"),
]


@pytest.mark.parametrize("name,old,new,snippet,message", TREE_FINDINGS, ids=[f[0] for f in TREE_FINDINGS])
def test_a_tree_finding(tmp_path, name, old, new, snippet, message):  # noqa: ANN001
    text = changed(TREE, old, new)
    found = findings(tmp_path, tree=text)
    path = tmp_path / "decision_trees" / "t.yaml"
    assert f"{path}:{line_of(text, *at(snippet))}: {message}" in found, found


def test_a_finding_is_reported_once_and_alone(tmp_path):
    text = changed(TREE, "ask: threat", "ask: thraet")
    path = tmp_path / "decision_trees" / "t.yaml"
    assert findings(tmp_path, tree=text) == [
        f"{path}:{line_of(text, 'threat: {type: bool')}: warning: fact 'threat' is declared but no question asks it",
        f"{path}:{line_of(text, 'ask: thraet')}: unknown fact 'thraet' (did you mean 'threat'?)"]


@pytest.mark.parametrize("old,new", [
    # != on a bool covers the other value; in covers every listed value; an otherwise covers the rest
    ('{op: "==", value: true}', '{op: "!=", value: false}'),
    ('{op: "==", value: client}, to: q_rule}\n      - {when: {op: "==", value: family}, to: o_keep}',
     '{op: in, value: [client, family]}, to: q_rule}\n      - {to: o_keep}'),
    ('{op: "==", value: family}', '{op: "!=", value: client}'),
])
def test_conditions_that_cover_every_value_need_no_otherwise(tmp_path, old, new):  # noqa: ANN001
    assert findings(tmp_path, tree=changed(TREE, old, new)) == []


# -- jurisdictions and parameters ---------------------------------------------------------------

JURISDICTION_FINDINGS = [
    ("unknown parameter", "  duty:\n", "  rulle:\n    value: strict\n    citations: [{cite: s1}]\n  duty:\n",
     "  rulle:", "unknown parameter 'rulle' (did you mean 'rule'?)"),
    ("value of the wrong type", "    value: 12\n", "    value: twelve\n", "value: twelve",
     "parameter 'age_of_consent': expected a whole number, got 'twelve'"),
    ("enum value not declared", "    - value: lenient\n", "    - value: lenent\n", "value: lenent",
     "parameter 'rule': 'lenent' is not one of: lenient, strict (did you mean 'lenient'?)"),
    ("setting without citations", "    value: 12\n    citations: [{cite: s1}]\n", "    value: 12\n    citations: []\n",
     "citations: []", "parameter 'age_of_consent' needs at least one citation"),
    ("two settings with the same date", "      effective: 2020-07-01\n", "", "  rule:",
     "parameter 'rule' has two settings with the same effective date"),
    ("missing parameter", "  age_of_consent:\n    value: 12\n    citations: [{cite: s1}]\n", "", "parameters:",
     "missing parameter 'age_of_consent' (every jurisdiction sets every parameter in _parameters.yaml)"),
]


@pytest.mark.parametrize("name,old,new,snippet,message", JURISDICTION_FINDINGS,
                         ids=[f[0] for f in JURISDICTION_FINDINGS])
def test_a_jurisdiction_finding(tmp_path, name, old, new, snippet, message):  # noqa: ANN001
    text = changed(ALPHA, old, new)
    found = findings(tmp_path, alpha=text)
    path = tmp_path / "jurisdictions" / "alpha.yaml"
    assert f"{path}:{line_of(text, *at(snippet))}: {message}" in found, found


def test_two_dated_settings_on_the_same_day_are_a_finding(tmp_path):
    text = changed(ALPHA, "    - value: lenient\n", "    - value: lenient\n      effective: 2020-07-01\n")
    found = findings(tmp_path, alpha=text)
    assert (f"{tmp_path / 'jurisdictions' / 'alpha.yaml'}:{line_of(text, '  rule:')}: parameter 'rule' has two "
            f"settings with the same effective date") in found, found


def test_a_bad_parameter_declaration_is_reported_in_the_parameters_file(tmp_path):
    text = changed(PARAMETERS, "    values: [strict, lenient]\n", "")
    found = findings(tmp_path, parameters=text)
    path = tmp_path / "jurisdictions" / "_parameters.yaml"
    assert f"{path}:{line_of(text, 'type: enum')}: enum fact 'rule' needs a list of values" in found, found


DUTY_TREE = """\
title: Duty
summary: Asks the duty parameter.
root: q_duty
facts: {}
questions:
  q_duty:
    ask_parameter: duty
    branches:
      - {when: {op: "==", value: true}, to: o_act}
      - {to: o_keep}
    citations: [{cite: s1}]
outcomes:
  o_keep: {verdict: must_not_disclose, label: K, rationale: R, citations: [{cite: s1}]}
  o_act: {verdict: must_disclose_or_act, label: A, rationale: R, citations: [{cite: s1}], actions_from: duty}
"""


def test_a_jurisdiction_whose_setting_leads_to_an_outcome_needs_its_actions(tmp_path):
    no_actions = ALPHA[: ALPHA.index("    actions:\n")]
    found = findings(tmp_path, alpha=no_actions, trees={"d": DUTY_TREE})
    assert (f"{tmp_path / 'jurisdictions' / 'alpha.yaml'}:{line_of(no_actions, '  duty:')}: 'duty: True' needs "
            f"actions: outcome 'o_act' of tree 'd' takes its actions from it") in found, found
    # Beta's duty is false: its setting leads to o_keep, so it needs no actions.
    assert not [f for f in found if "beta.yaml" in f], found


def test_the_otherwise_branch_carries_the_values_no_other_branch_takes(tmp_path):
    # Swapped: false leads to o_act by the otherwise branch, so Beta (false) needs actions, Alpha not.
    swapped = changed(DUTY_TREE, '{when: {op: "==", value: true}, to: o_act}\n      - {to: o_keep}',
                      '{when: {op: "==", value: true}, to: o_keep}\n      - {to: o_act}')
    found = findings(tmp_path, trees={"d": swapped})
    assert found == [f"{tmp_path / 'jurisdictions' / 'beta.yaml'}:{line_of(BETA, '  duty:')}: 'duty: False' needs "
                     f"actions: outcome 'o_act' of tree 'd' takes its actions from it"]


def test_an_in_condition_on_a_parameter_covers_its_listed_values(tmp_path):
    listed = changed(DUTY_TREE, '{op: "==", value: true}', "{op: in, value: [false]}")
    found = findings(tmp_path, trees={"d": listed})
    assert [f.split(": ", 1)[1] for f in found] == ["'duty: False' needs actions: outcome 'o_act' of tree 'd' "
                                                    "takes its actions from it"]


# -- cases --------------------------------------------------------------------------------------

CASE_FINDINGS = [
    ("unknown tree", "tree: t\n", "tree: tt\n", "tree: tt", "unknown tree 'tt' (did you mean 't'?); trees: t"),
    ("unknown jurisdiction", "jurisdiction: alpha", "jurisdiction: alhpa", "jurisdiction: alhpa",
     "unknown jurisdiction 'alhpa' (did you mean 'alpha'?); jurisdictions: alpha, beta"),
    ("unknown jurisdiction in expect_in", "expect_in: {beta:", "expect_in: {bta:", "steps:",
     "unknown jurisdiction 'bta' (did you mean 'beta'?); jurisdictions: alpha, beta"),
    ("unknown fact in a step", "facts: {threat: false}", "facts: {thraet: false}", "facts: {thraet",
     "step 1: unknown fact 'thraet' for tree 't' (did you mean 'threat'?)"),
    ("fact of the wrong type", "facts: {threat: false}", "facts: {threat: 'no'}", "facts: {threat: 'no'}",
     "step 1: fact 'threat': expected true or false, got 'no'"),
    ("wrong expected verdict", "    expect: must_not_disclose", "    expect: must_disclose_or_act",
     "    expect: must_disclose_or_act", "step 1 (Session 1) in alpha: expected 'must_disclose_or_act' but the "
     "tree gives 'must_not_disclose'; path: q_threat -> o_keep"),
    ("step that stops short", "source: client, age: 11}", "source: client}", "    expect: must_disclose_or_act",
     "step 2 (Session 2) in alpha: expected 'must_disclose_or_act' but the tree stops at 'q_age', needing "
     "fact 'age'; path: q_threat -> q_source -> q_rule -> q_age"),
    ("wrong verdict elsewhere", "{beta: must_disclose_or_act}", "{beta: must_not_disclose}", "expect_in:",
     "step 2 (Session 2) in beta: expected 'must_not_disclose' but the tree gives 'must_disclose_or_act'; "
     "path: q_threat -> q_source -> q_rule -> q_age -> o_act"),
    ("the case's date decides the law", "as_of: 2021-01-01", "as_of: 2020-06-30", "    expect: must_disclose_or_act",
     "step 2 (Session 2) in alpha: expected 'must_disclose_or_act' but the tree gives "
     "'may_disclose_permitted_by_law'; path: q_threat -> q_source -> q_rule -> o_may"),
]


@pytest.mark.parametrize("name,old,new,snippet,message", CASE_FINDINGS, ids=[f[0] for f in CASE_FINDINGS])
def test_a_case_finding(tmp_path, name, old, new, snippet, message):  # noqa: ANN001
    text = changed(CASE, old, new)
    found = findings(tmp_path, case=text)
    path = tmp_path / "casebook" / "c.yaml"
    assert f"{path}:{line_of(text, *at(snippet))}: {message}" in found, found


def test_a_case_without_steps(tmp_path):
    text = CASE[: CASE.index("steps:")] + "steps: []\n" + CASE[CASE.index("discussion:"):]
    found = findings(tmp_path, case=text)
    assert found == [f"{tmp_path / 'casebook' / 'c.yaml'}:{line_of(text, 'steps: []')}: a case needs at least one step"]


def test_a_case_with_wrong_facts_is_not_also_verified(tmp_path):
    # A step with an unknown fact would also miss its verdict; only the fact is reported.
    text = changed(CASE, "facts: {threat: false}", "facts: {thraet: true}")
    found = [f.split(": ", 1)[1] for f in findings(tmp_path, case=text)]
    assert found == ["step 1: unknown fact 'thraet' for tree 't' (did you mean 'threat'?)"]


def test_a_case_of_an_unknown_tree_is_not_checked_further(tmp_path):
    text = changed(changed(CASE, "tree: t\n", "tree: nope\n"), "facts: {threat: false}", "facts: {thraet: 1}")
    found = [f.split(": ", 1)[1] for f in findings(tmp_path, case=text)]
    assert found == ["unknown tree 'nope'; trees: t"]


# -- value_problem ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind,value,problem", [
    ("bool", True, None),
    ("bool", 1, "expected true or false, got 1"),
    ("int", 3, None),
    ("int", True, "expected a whole number, got True"),
    ("int", "3", "expected a whole number, got '3'"),
    ("date", __import__("datetime").date(2020, 1, 1), None),
    ("date", __import__("datetime").datetime(2020, 1, 1), "expected a date (YYYY-MM-DD), got "
     "datetime.datetime(2020, 1, 1, 0, 0)"),
    ("enum", "b", None),
    ("enum", "c", "'c' is not one of: a, b"),
    ("enum", 1, "expected one of the listed values, got 1"),
])
def test_value_problem_is_exact_about_types(kind, value, problem):  # noqa: ANN001
    declared = Fact(type=kind, question="Q", values=("a", "b") if kind == "enum" else ())
    assert value_problem(declared, value) == problem


# -- where a finding points: keys written one per line ------------------------------------------

BLOCK_TREE_FINDINGS = [
    # Each finding names the key it is about, not only the mapping around it.
    ("values on a bool", "  threat: {type: bool, question: Was there a threat?}\n",
     "  threat:\n    type: bool\n    question: Was there a threat?\n    values: [a]\n", "    values: [a]",
     "only enum facts have values; 'threat' is bool"),
    ("label for an unknown value", f"  {ENUM_FACT}\n",
     "  source:\n    type: enum\n    values: [client, family]\n    question: Who?\n    value_labels:\n"
     "      clinet: the client\n", "      clinet:", "label for unknown value 'clinet' (did you mean 'client'?)"),
    ("a value twice", f"  {ENUM_FACT}\n",
     "  source:\n    type: enum\n    question: Who?\n    values: [client, family, client]\n", "    values: [client",
     "'source' lists a value twice"),
    ("see_also", "rationale: Nothing to disclose., citations: [{cite: s1}]}",
     "rationale: Nothing to disclose.,\n           citations: [{cite: s1}],\n           see_also: [tt]}", "see_also: [tt]",
     "see_also names unknown tree 'tt' (did you mean 't'?)"),
    ("branch to an unknown node", "      - {to: o_may}", "      - when:\n          op: '!='\n          value: strict\n"
     "        to: o_mya", "to: o_mya", "branch leads to unknown node 'o_mya' (did you mean 'o_may'?)"),
    ("branch to itself", "      - {to: o_may}", "      - label: again\n        to: q_rule", "        to: q_rule",
     "question 'q_rule' branches to itself"),
    ("ordering an enum", '      - {when: {op: "==", value: client}, to: q_rule}',
     "      - to: q_rule\n        when:\n          value: client\n          op: '<'", "op: '<'",
     "'<' compares numbers or dates; this enum fact needs == != or in"),
    ("condition with value and parameter", '      - {when: {op: "==", value: strict}, to: q_age}',
     "      - to: q_age\n        when:\n          op: '=='\n          value: strict\n          parameter: rule",
     "        when:", "a condition needs exactly one of 'value' or 'parameter'"),
    ("condition on an unknown parameter", '      - {when: {op: ">=", parameter: age_of_consent}, to: o_consent}',
     "      - to: o_consent\n        when:\n          op: '>='\n          parameter: age_of_consnt",
     "parameter: age_of_consnt", "unknown jurisdiction parameter 'age_of_consnt' (did you mean 'age_of_consent'?)"),
    ("condition on a parameter of another type", '      - {when: {op: ">=", parameter: age_of_consent}, to: o_consent}',
     "      - to: o_consent\n        when:\n          op: '>='\n          parameter: duty", "parameter: duty",
     "parameter 'duty' is bool, the fact is int"),
    ("in without a list", '      - {when: {op: "==", value: client}, to: q_rule}',
     "      - to: q_rule\n        when:\n          op: in\n          value: client", "value: client",
     "op 'in' needs a list of values"),
    ("== with a list", '      - {when: {op: "==", value: client}, to: q_rule}',
     "      - to: q_rule\n        when:\n          op: '=='\n          value: [client]", "value: [client]",
     "op '==' needs a single value, not a list"),
    ("a value of the wrong type", '      - {when: {op: "==", value: true}, to: q_source}',
     "      - to: q_source\n        when:\n          op: '=='\n          value: 'yes'", "value: 'yes'",
     "expected true or false, got 'yes'"),
]


@pytest.mark.parametrize("name,old,new,snippet,message", BLOCK_TREE_FINDINGS, ids=[f[0] for f in BLOCK_TREE_FINDINGS])
def test_a_finding_points_at_its_own_key(tmp_path, name, old, new, snippet, message):  # noqa: ANN001
    text = changed(TREE, old, new)
    found = findings(tmp_path, tree=text)
    path = tmp_path / "decision_trees" / "t.yaml"
    assert f"{path}:{line_of(text, snippet)}: {message}" in found, found


@pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
def test_every_ordering_operator_needs_a_number_or_a_date(tmp_path, op):  # noqa: ANN001
    text = changed(TREE, '{op: "==", value: true}', f'{{op: "{op}", value: true}}')
    found = findings(tmp_path, tree=text)
    assert (f"{tmp_path / 'decision_trees' / 't.yaml'}:{line_of(text, op + chr(34) + ', value: true')}: "
            f"'{op}' compares numbers or dates; this bool fact needs == != or in") in found, found


DATED = TREE.replace("  age: {type: int, question: How old is the client?}\n",
                     "  age: {type: int, question: How old is the client?}\n  since: {type: date, question: Since when?}\n"
                     ).replace("      - {to: o_act}", "      - {to: q_since}").replace(
    "outcomes:\n", "  q_since:\n    ask: since\n    branches:\n      - {when: {op: '<', value: 2020-01-01}, to: o_act}\n"
    "      - {to: o_may}\n    citations: [{cite: s1}]\noutcomes:\n")


def test_a_date_question_orders_dates_with_an_otherwise_branch(tmp_path):
    assert findings(tmp_path, tree=DATED) == []


def test_a_date_question_without_otherwise_is_a_finding(tmp_path):
    text = changed(DATED, "      - {to: o_may}\n    citations: [{cite: s1}]\noutcomes:",
                   "      - {when: {op: '>=', value: 2020-01-01}, to: o_may}\n    citations: [{cite: s1}]\noutcomes:")
    assert findings(tmp_path, tree=text) == [f"{tmp_path / 'decision_trees' / 't.yaml'}:{line_of(text, 'branches:', 5)}: "
                                             f"'q_since' asks a date: it needs an otherwise branch"]


def test_a_bool_question_that_covers_neither_value(tmp_path):
    text = changed(changed(TREE, '      - {when: {op: "==", value: false}, to: o_keep}\n', ""),
                   '{op: "==", value: true}', '{op: "==", value: "yes"}')
    found = findings(tmp_path, tree=text)
    assert (f"{tmp_path / 'decision_trees' / 't.yaml'}:{line_of(text, 'branches:')}: branches of 'q_threat' do not "
            f"cover true/false; add it or an otherwise branch") in found, found


@pytest.mark.parametrize("old,new", [
    ('{op: "==", value: true}, to: q_source}\n      - {when: {op: "==", value: false}',
     '{op: "!=", value: false}, to: q_source}\n      - {when: {op: "!=", value: true}'),
    ('{op: "==", value: client}, to: q_rule}\n      - {when: {op: "==", value: family}, to: o_keep}',
     '{op: in, value: [client, family]}, to: q_rule}'),
])
def test_not_equal_and_in_cover_values_without_an_otherwise(tmp_path, old, new):  # noqa: ANN001
    assert findings(tmp_path, tree=changed(TREE, old, new)) == []


def test_an_ordering_condition_covers_no_enum_value(tmp_path):
    # '<' on an enum is wrong, and it covers nothing: 'client' is still not covered.
    text = changed(TREE, '{op: "==", value: client}', '{op: "<", value: family}')
    found = [f.split(": ", 1)[1] for f in findings(tmp_path, tree=text)]
    assert "branches of 'q_source' do not cover: client; add them or an otherwise branch" in found, found


def test_not_equal_with_a_list_is_one_finding(tmp_path):
    text = changed(TREE, '      - {when: {op: "==", value: family}, to: o_keep}\n', "").replace(
        '{op: "==", value: client}', '{op: "!=", value: [client, family]}')
    found = [f.split(": ", 1)[1] for f in findings(tmp_path, tree=text)]
    assert found == ["op '!=' needs a single value, not a list"]


def test_findings_are_errors_except_the_unasked_fact_warning(tmp_path):
    text = changed(changed(TREE, "ask: threat", "ask: thraet"), "root: q_threat", "root: q_threat")
    library = content(tmp_path, tree=text)
    assert sorted((p.severity, p.message.split(" '")[0]) for p in check_library(library)) == [
        ("error", "unknown fact"), ("warning", "fact")]


def test_a_tree_made_in_code_is_checked_with_line_1():
    from confide import model
    from confide.check import check_tree
    from confide.library import Library

    cite = (model.Citation(source="S", law="federal"),)
    tree = model.Tree(title="T", summary="S", root="q", facts={}, outcomes={},
                      questions={"q": model.Question(ask="x", branches=(), citations=cite)}, path="made.yaml")
    assert [str(p) for p in check_tree(Library(), tree, {})] == [
        "made.yaml:1: unknown fact 'x'", "made.yaml:1: question 'q' has no branches"]


def test_check_library_keeps_load_problems_and_every_files_findings(tmp_path):
    text = changed(CASE, "    expect: must_not_disclose", "    expect: must_disclose_or_act")
    write_content(tmp_path, case=text, tree=changed(TREE, "ask: threat", "ask: thraet"),
                  parameters=PARAMETERS.replace("    values: [strict, lenient]\n", ""))
    (tmp_path / "decision_trees" / "broken.yaml").write_text("title: [\n")
    found = {(p.path.rsplit("/", 1)[1], p.message.split(" '")[0].split(":")[0]) for p in
             check_library(load_library(tmp_path))}
    assert {("broken.yaml", "invalid YAML"), ("_parameters.yaml", "enum fact"), ("t.yaml", "unknown fact"),
            ("c.yaml", "step 1 (Session 1) in alpha")} <= found, found


def test_verification_of_cases_can_be_left_out(tmp_path):
    text = changed(CASE, "    expect: must_not_disclose", "    expect: must_disclose_or_act")
    library = content(tmp_path, case=text)
    assert check_library(library, verify_cases=False) == []
    assert len(check_library(library)) == 1
    assert len(check_case(library, library.cases["c"])) == 1  # verified unless told not to


def test_verify_case_skips_a_jurisdiction_it_does_not_know_and_checks_the_rest(tmp_path):
    import dataclasses

    library = content(tmp_path, case=changed(CASE, "{beta: must_disclose_or_act}", "{beta: must_not_disclose}"))
    case = dataclasses.replace(library.cases["c"], jurisdiction="nowhere")
    assert [p.message.split(";")[0] for p in verify_case(library, case)] == [
        "step 2 (Session 2) in beta: expected 'must_not_disclose' but the tree gives 'must_disclose_or_act'"]


def test_an_unknown_parameter_does_not_stop_the_check_of_the_others(tmp_path):
    text = changed(ALPHA, "parameters:\n", "parameters:\n  aaa:\n    value: 1\n    citations: [{cite: s1}]\n").replace(
        "    value: 12\n    citations: [{cite: s1}]\n", "    value: 12\n    citations: []\n")
    found = [f.split(": ", 1)[1] for f in findings(tmp_path, alpha=text)]
    assert found == ["unknown parameter 'aaa'", "parameter 'age_of_consent' needs at least one citation"]


def test_three_undated_settings_are_one_finding(tmp_path):
    text = changed(ALPHA, "      effective: 2020-07-01\n", "").replace(
        "      note: Strict from July 2020.\n", "      note: x\n    - value: strict\n      citations: [{cite: s1}]\n")
    found = [f.split(": ", 1)[1] for f in findings(tmp_path, alpha=text)]
    assert found == ["parameter 'rule' has two settings with the same effective date"]


# -- which settings an outcome's actions_from reaches --------------------------------------------

RULE_TREE = """\
title: Rule
summary: Asks the rule parameter.
root: q_x
facts:
  x: {type: bool, question: X?}
questions:
  q_x:
    ask_parameter: age_of_consent
    branches:
      - {when: {op: ">=", value: 14}, to: q_rule}
      - {to: q_rule2}
    citations: [{cite: s1}]
  q_rule:
    ask_parameter: rule
    branches:
BRANCHES
    citations: [{cite: s1}]
  q_rule2:
    ask: x
    branches:
      - {to: q_rule}
    citations: [{cite: s1}]
  q_mid:
    ask: x
    branches:
      - {when: {op: "==", value: true}, to: o_act}
      - {to: o_keep}
    citations: [{cite: s1}]
outcomes:
  o_keep: {verdict: must_not_disclose, label: K, rationale: R, citations: [{cite: s1}]}
  o_may: {verdict: may_disclose_permitted_by_law, label: M, rationale: R, citations: [{cite: s1}]}
  o_act: {verdict: must_disclose_or_act, label: A, rationale: R, citations: [{cite: s1}], actions_from: rule}
"""


def needing_actions(tmp_path, branches: str) -> list[str]:  # noqa: ANN001
    text = RULE_TREE.replace("BRANCHES\n", branches)
    library = content(tmp_path, trees={"r": text})
    return sorted(p.message.split("'")[1].split(": ")[1] + " in " + p.path.rsplit("/", 1)[1]
                  for p in check_library(library) if "needs actions" in p.message)


def test_the_otherwise_branch_covers_the_enum_values_no_branch_before_it_took(tmp_path):
    # strict -> o_keep, lenient -> o_may, otherwise (nothing left) -> o_act: no setting reaches o_act.
    assert needing_actions(tmp_path, '      - {when: {op: "==", value: strict}, to: o_keep}\n'
                                     '      - {when: {op: "==", value: lenient}, to: o_may}\n'
                                     "      - {to: q_mid}\n") == []
    assert needing_actions(tmp_path, '      - {when: {op: "==", value: strict}, to: o_keep}\n'
                                     "      - {to: q_mid}\n") == ["lenient in alpha.yaml"]


def test_every_branch_that_can_reach_the_outcome_counts(tmp_path):
    assert needing_actions(tmp_path, '      - {when: {op: in, value: [strict]}, to: o_act}\n'
                                     "      - {to: q_mid}\n") == ["lenient in alpha.yaml", "strict in alpha.yaml",
                                                                 "strict in beta.yaml"]


def test_an_ordering_condition_on_a_parameter_covers_no_value(tmp_path):
    text = DUTY_TREE.replace("actions_from: duty", "actions_from: age_of_consent").replace(
        "ask_parameter: duty", "ask_parameter: age_of_consent").replace('{op: "==", value: true}', '{op: ">=", value: 14}')
    assert findings(tmp_path, trees={"d": text}) == []


def test_a_bool_otherwise_covers_true_when_false_is_taken(tmp_path):
    swapped = changed(DUTY_TREE, '{when: {op: "==", value: true}, to: o_act}\n      - {to: o_keep}',
                      '{when: {op: "==", value: false}, to: o_keep}\n      - {to: o_act}')
    no_actions = ALPHA[: ALPHA.index("    actions:\n")]
    found = [f.split(": ", 1)[1] for f in findings(tmp_path, alpha=no_actions, trees={"d": swapped})]
    assert found == ["'duty: True' needs actions: outcome 'o_act' of tree 'd' takes its actions from it"]


def test_an_int_parameter_of_1_is_not_taken_for_true(tmp_path):
    # An int parameter's otherwise branch covers no listed value; 1 == True in Python must not make
    # a setting of 1 look like one that reaches the outcome.
    text = DUTY_TREE.replace("actions_from: duty", "actions_from: age_of_consent").replace(
        "ask_parameter: duty", "ask_parameter: age_of_consent").replace(
        '{when: {op: "==", value: true}, to: o_act}\n      - {to: o_keep}',
        '{when: {op: ">=", value: 14}, to: o_keep}\n      - {to: o_act}')
    assert findings(tmp_path, alpha=ALPHA.replace("    value: 12\n", "    value: 1\n"), trees={"d": text}) == []


def test_short_labels_of_one_and_of_48_characters_are_accepted(tmp_path):
    text = changed(TREE, "threat: {type: bool, question:", f"threat: {{type: bool, short: {'x' * 48}, question:")
    text = changed(text, "    ask_parameter: rule\n", "    ask_parameter: rule\n    short: R\n")
    assert findings(tmp_path, tree=text) == []


def test_a_fact_short_label_of_one_character_and_a_question_short_label_of_48_are_accepted(tmp_path):
    text = changed(TREE, "threat: {type: bool, question:", "threat: {type: bool, short: T, question:")
    text = changed(text, "    ask_parameter: rule\n", f"    ask_parameter: rule\n    short: {'r' * 48}\n")
    assert findings(tmp_path, tree=text) == []


def test_a_block_fact_short_label_finding_points_at_the_short_line(tmp_path):
    text = changed(TREE, "  threat: {type: bool, question: Was there a threat?}\n",
                   "  threat:\n    type: bool\n    question: Was there a threat?\n    short: ''\n")
    path = tmp_path / "decision_trees" / "t.yaml"
    assert findings(tmp_path, tree=text) == [
        f"{path}:{line_of(text, '    short:')}: short label of 'threat' must be 1-48 characters (it has 0); "
        "diagrams show it at a projector's size"]


def test_the_shorthand_on_the_right_kind_of_question_checks_clean(tmp_path):
    text = changed(TREE, Q_THREAT_BRANCHES, "    yes: q_source\n    no: o_keep\n")
    text = changed(text, Q_SOURCE_BRANCHES, "    cases: {client: q_rule, family: o_keep}\n")
    assert findings(tmp_path, tree=text) == []


@pytest.mark.parametrize("old,new,message", [
    (Q_SOURCE_BRANCHES, "    yes: q_rule\n    no: o_keep\n", "'yes:' is for a true-or-false question"),
    (Q_THREAT_BRANCHES, "    cases: {'true': q_source, 'false': o_keep}\n", "'cases:' lists the values of an enum"),
])
def test_a_shorthand_misfit_is_the_questions_only_finding(tmp_path, old, new, message):  # noqa: ANN001
    found = findings(tmp_path, tree=changed(TREE, old, new))
    assert len(found) == 1 and message in found[0], found


def test_verify_case_on_its_own_uses_the_cases_date(tmp_path):
    """Before Alpha's rule became strict (2020-07-01) the tree permits; after, it requires."""
    early = changed(changed(CASE, "as_of: 2021-01-01", "as_of: 2020-01-01"),
                    "    expect: must_disclose_or_act\n    expect_in: {beta: must_disclose_or_act}\n",
                    "    expect: may_disclose_permitted_by_law\n")
    library = content(tmp_path, case=early)
    assert verify_case(library, library.cases["c"]) == []
