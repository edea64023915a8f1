"""Walk a tree with a case's facts under one jurisdiction on one date. Pure functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import model
from .model import Scalar


@dataclass(frozen=True)
class Answer:
    """One question on the path and the value that chose its branch."""

    node: str
    asked: str
    kind: str  # "fact" or "parameter"
    value: Scalar
    branch: int
    setting: model.Setting | None = None  # the jurisdiction's setting, for parameters
    assumed: bool = False  # the fact's default: the case did not state it


@dataclass(frozen=True)
class Result:
    tree: model.Tree
    jurisdiction: model.Jurisdiction
    as_of: datetime.date
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    answers: tuple[Answer, ...]
    outcome_id: str | None = None
    missing: str | None = None  # the fact or parameter needed to go on
    missing_kind: str | None = None  # "fact" or "parameter"

    @property
    def outcome(self) -> model.Outcome | None:
        return self.tree.outcomes.get(self.outcome_id) if self.outcome_id else None

    @property
    def verdict(self) -> str | None:
        return self.outcome.verdict if self.outcome else None

    @property
    def stopped_at(self) -> str | None:
        return None if self.outcome_id else self.nodes[-1]

    @property
    def actions(self) -> tuple[model.Action, ...]:
        """The outcome's actions, then those the jurisdiction prescribes (``actions_from``)."""
        outcome = self.outcome
        if outcome is None:
            return ()
        setting = self.jurisdiction.setting(outcome.actions_from, self.as_of) if outcome.actions_from else None
        return tuple(setting.actions if setting else ()) + outcome.actions


def compare(op: str, left: Scalar, right: model.Value) -> bool:
    """Apply one operator from the fixed table; values of mismatched types never match."""
    if op == "in":
        return isinstance(right, tuple) and any(_same(left, r) for r in right)
    if op == "==":
        return _same(left, right)
    if op == "!=":
        return not _same(left, right)
    if type(left) is not type(right) or isinstance(left, (bool, str)):
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


def _same(left: object, right: object) -> bool:
    return type(left) is type(right) and left == right


def condition_value(when: model.When, jurisdiction: model.Jurisdiction, as_of: datetime.date):
    """The right-hand side of a condition: its value, or the jurisdiction parameter's."""
    if when.parameter is None:
        return when.value
    setting = jurisdiction.setting(when.parameter, as_of)
    return setting.value if setting else None


def choose_branch(question: model.Question, value: Scalar, jurisdiction: model.Jurisdiction,
                  as_of: datetime.date) -> int | None:
    for index, branch in enumerate(question.branches):
        if branch.when is None:
            return index
        right = condition_value(branch.when, jurisdiction, as_of)
        if right is not None and compare(branch.when.op, value, right):
            return index
    return None


def evaluate(tree: model.Tree, facts: dict[str, Scalar], jurisdiction: model.Jurisdiction,
             as_of: datetime.date | None = None) -> Result:
    """The path from the root as far as the facts and the jurisdiction's law on ``as_of`` go."""
    as_of = as_of or datetime.date.today()
    nodes, edges, answers = [tree.root], [], []
    missing = missing_kind = None
    for _ in range(len(tree.questions) + 1):  # bounded even if a tree had a cycle
        current = nodes[-1]
        question = tree.questions.get(current)
        if question is None:
            break
        setting = None
        if question.ask_parameter:
            setting = jurisdiction.setting(question.ask_parameter, as_of)
            value = setting.value if setting else None
            kind, asked = "parameter", question.ask_parameter
        else:
            value, kind, asked = facts.get(question.ask or ""), "fact", question.ask or ""
        fact = tree.facts.get(asked) if kind == "fact" else None
        assumed = value is None and fact is not None and fact.default is not None
        if assumed:
            value = fact.default
        index = None if value is None else choose_branch(question, value, jurisdiction, as_of)
        if index is None:
            missing, missing_kind = asked, kind
            break
        answers.append(Answer(current, asked, kind, value, index, setting, assumed))
        target = question.branches[index].to
        edges.append((current, target))
        nodes.append(target)
    outcome_id = nodes[-1] if nodes[-1] in tree.outcomes else None
    return Result(tree, jurisdiction, as_of, tuple(nodes), tuple(edges), tuple(answers),
                  outcome_id, missing, missing_kind)


@dataclass(frozen=True)
class Flip:
    """A single-fact change that changes the verdict."""

    fact: str
    was: Scalar | None
    becomes: Scalar
    result: Result


def candidate_values(tree: model.Tree, fact_name: str, jurisdiction: model.Jurisdiction,
                     as_of: datetime.date) -> list[Scalar]:
    """Values worth trying for a fact: every enum value; both booleans; for numbers and dates,
    each threshold the tree compares with and its neighbours."""
    fact = tree.facts[fact_name]
    if fact.type == "bool":
        return [True, False]
    if fact.type == "enum":
        return list(fact.values)
    step = 1 if fact.type == "int" else datetime.timedelta(days=1)
    found: list[Scalar] = []
    for question in tree.questions.values():
        if question.ask != fact_name:
            continue
        for branch in question.branches:
            if branch.when is None:
                continue
            right = condition_value(branch.when, jurisdiction, as_of)
            for point in right if isinstance(right, tuple) else (right,):
                if point is not None and not isinstance(point, (bool, str)):
                    found.extend([point - step, point, point + step])
    return sorted(set(found))


def flips(tree: model.Tree, facts: dict[str, Scalar], jurisdiction: model.Jurisdiction,
          as_of: datetime.date | None = None) -> list[Flip]:
    """Every single-fact change (to a fact the tree declares) that changes the verdict."""
    as_of = as_of or datetime.date.today()
    base = evaluate(tree, facts, jurisdiction, as_of)
    found = []
    for name in tree.facts:
        for value in candidate_values(tree, name, jurisdiction, as_of):
            if facts.get(name) == value and type(facts.get(name)) is type(value):
                continue
            changed = evaluate(tree, {**facts, name: value}, jurisdiction, as_of)
            # A change that leaves the tree waiting for another fact is not (yet) a flip.
            if changed.verdict not in {None, base.verdict}:
                found.append(Flip(name, facts.get(name), value, changed))
    return found
