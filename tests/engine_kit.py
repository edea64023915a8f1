"""Small content for the engine tests (tests/test_engine_*.py): a tiny tree, two jurisdictions
and a sources registry, written as YAML into a test's tmp_path and loaded by the real loader, plus
builders for model objects. Nothing here is the engine: it only makes inputs for it.

The base tree (TREE) is clean under `check_library`; each check test changes one thing in it.

    q_threat (bool threat)        true -> q_source     false -> o_keep
    q_source (enum source)        == client -> q_rule  == family -> o_keep
    q_rule (parameter rule)       == strict -> q_age   otherwise -> o_may
    q_age (int age)               >= parameter age_of_consent -> o_consent   otherwise -> o_act
"""

from __future__ import annotations

import datetime
from pathlib import Path

from confide import model
from confide.library import load_library

SOURCES = """\
law: federal
sources:
  s1:
    source: Test Act §1
    url: https://www.ecfr.gov/current/title-1/section-1
    unverified: made up for a test
  s2:
    source: Test Act §2
    url: https://www.ecfr.gov/current/title-1/section-2
    unverified: made up for a test
"""

PUBLISHERS = """\
publishers:
  federal: [ecfr.gov]
  alpha: [alpha.gov]
  beta: [beta.gov]
"""

PARAMETERS = """\
parameters:
  rule:
    type: enum
    values: [strict, lenient]
    question: Which rule applies here?
  age_of_consent:
    type: int
    question: From what age may a minor consent?
  duty:
    type: bool
    question: Is there a duty to act?
"""

ALPHA = """\
name: Alpha
summary: A test state whose rule became strict on 2020-07-01.
parameters:
  rule:
    - value: lenient
      citations: [{cite: s1}]
    - value: strict
      effective: 2020-07-01
      citations: [{cite: s1}]
      note: Strict from July 2020.
  age_of_consent:
    value: 12
    citations: [{cite: s1}]
  duty:
    value: true
    citations: [{cite: s1}]
    actions:
      - {who: the police, what: Report the threat., by_when: within 24 hours}
"""

BETA = """\
name: Beta
summary: A test state, always strict, consent from 16.
parameters:
  rule:
    value: strict
    citations: [{cite: s2}]
  age_of_consent:
    value: 16
    citations: [{cite: s2}]
  duty:
    value: false
    citations: [{cite: s2}]
"""

TREE = """\
title: Test tree
summary: A tiny tree for the engine tests.
root: q_threat
facts:
  threat: {type: bool, question: Was there a threat?}
  source: {type: enum, values: [client, family], question: Who told the therapist?}
  age: {type: int, question: How old is the client?}
questions:
  q_threat:
    ask: threat
    branches:
      - {when: {op: "==", value: true}, to: q_source}
      - {when: {op: "==", value: false}, to: o_keep}
    citations: [{cite: s1}]
  q_source:
    ask: source
    branches:
      - {when: {op: "==", value: client}, to: q_rule}
      - {when: {op: "==", value: family}, to: o_keep}
    citations: [{cite: s1}]
  q_rule:
    ask_parameter: rule
    branches:
      - {when: {op: "==", value: strict}, to: q_age}
      - {to: o_may}
    citations: [{cite: s1}]
  q_age:
    ask: age
    branches:
      - {when: {op: ">=", parameter: age_of_consent}, to: o_consent}
      - {to: o_act}
    citations: [{cite: s1}]
outcomes:
  o_keep: {verdict: must_not_disclose, label: Keep it, rationale: Nothing to disclose., citations: [{cite: s1}]}
  o_may: {verdict: may_disclose_permitted_by_law, label: May, rationale: Permitted., citations: [{cite: s1}]}
  o_consent: {verdict: may_disclose_with_consent, label: Consent, rationale: Ask., citations: [{cite: s1}]}
  o_act:
    verdict: must_disclose_or_act
    label: Act
    rationale: A duty.
    citations: [{cite: s1}]
    actions_from: duty
    actions:
      - {who: the parents, what: Tell them., required: false}
"""

CASE = """\
title: A test case
tree: t
jurisdiction: alpha
summary: S.
as_of: 2021-01-01
steps:
  - title: Session 1
    narrative: Nothing yet.
    facts: {threat: false}
    expect: must_not_disclose
  - title: Session 2
    narrative: A threat, from the client, who is 11.
    facts: {threat: true, source: client, age: 11}
    expect: must_disclose_or_act
    expect_in: {beta: must_disclose_or_act}
discussion: [a, b, c]
teaching_notes: T.
references: [{cite: s2}]
"""


def write_content(root: Path, *, tree: str | None = TREE, case: str | None = None,
                  alpha: str | None = ALPHA, beta: str | None = BETA, parameters: str = PARAMETERS,
                  trees: dict[str, str] | None = None) -> Path:
    """Write the content folders under ``root``: tree ``t``, jurisdictions alpha and beta, and
    (when given) case ``c``. Returns ``root``."""
    for folder in ("decision_trees", "casebook", "jurisdictions", "sources"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "sources" / "federal.yaml").write_text(SOURCES)
    (root / "sources" / "_publishers.yaml").write_text(PUBLISHERS)
    (root / "jurisdictions" / "_parameters.yaml").write_text(parameters)
    for name, text in (("alpha", alpha), ("beta", beta)):
        if text is not None:
            (root / "jurisdictions" / f"{name}.yaml").write_text(text)
    all_trees = dict(trees or {})
    if tree is not None:
        all_trees["t"] = tree
    for name, text in all_trees.items():
        (root / "decision_trees" / f"{name}.yaml").write_text(text)
    if case is not None:
        (root / "casebook" / "c.yaml").write_text(case)
    return root


def content(root: Path, **kwargs):  # noqa: ANN201
    """The written content, loaded by the real loader."""
    return load_library(write_content(root, **kwargs))


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line of ``text`` containing ``snippet``."""
    hits = [number for number, line in enumerate(text.splitlines(), 1) if snippet in line]
    assert len(hits) >= nth, f"{snippet!r} is not in the text {nth} time(s)"
    return hits[nth - 1]


# -- model objects --------------------------------------------------------------------------------

CITE = (model.Citation(source="Test Act §1", law="federal", id="s1", unverified="test"),)
DAY = datetime.date(2021, 1, 1)


def when(op: str, value=None, parameter: str | None = None) -> model.When:  # noqa: ANN001
    return model.When(op=op, value=value, parameter=parameter)


def branch(to: str, condition: model.When | None = None, label: str | None = None) -> model.Branch:
    return model.Branch(to=to, when=condition, label=label)


def ask(fact: str, *branches: model.Branch, text: str | None = None, uncertain: str | None = None,
        citations: tuple = CITE) -> model.Question:
    return model.Question(ask=fact, branches=branches, citations=citations, text=text, uncertain=uncertain)


def ask_parameter(name: str, *branches: model.Branch, citations: tuple = CITE) -> model.Question:
    return model.Question(ask_parameter=name, branches=branches, citations=citations)


def outcome(verdict: str, label: str = "L", **kwargs) -> model.Outcome:  # noqa: ANN003
    kwargs.setdefault("citations", CITE)
    return model.Outcome(verdict=verdict, label=label, rationale=kwargs.pop("rationale", "R"), **kwargs)


def tree(root: str, facts: dict[str, model.Fact], questions: dict[str, model.Question],
         outcomes: dict[str, model.Outcome], title: str = "T") -> model.Tree:
    return model.Tree(title=title, summary="S", root=root, facts=facts, questions=questions,
                      outcomes=outcomes, id="t")


def fact(kind: str, question: str = "Q?", **kwargs) -> model.Fact:  # noqa: ANN003
    return model.Fact(type=kind, question=question, **kwargs)


def setting(value, effective: datetime.date | None = None, **kwargs) -> model.Setting:  # noqa: ANN001, ANN003
    kwargs.setdefault("citations", CITE)
    return model.Setting(value=value, effective=effective, **kwargs)


def jurisdiction(parameters: dict | None = None, name: str = "Alpha", id: str = "alpha",  # noqa: A002
                 **kwargs) -> model.Jurisdiction:  # noqa: ANN003
    return model.Jurisdiction(name=name, summary="S", parameters=parameters or {}, id=id, **kwargs)
