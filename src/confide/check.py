"""Every problem in the content, all at once, as ``path:line: message``."""

from __future__ import annotations

import datetime

from . import model, reach, sources
from .evaluate import evaluate
from .library import Library
from .markup import raw_html
from .problems import Problem, did_you_mean, one_of
from .yamlstrict import line_of

SHORT_LIMIT = 48  # characters in a diagram's short label: two lines of a path-view step
_TYPE_OF = {"bool": bool, "int": int, "date": datetime.date, "enum": str}
_TYPE_WORDS = {"bool": "true or false", "int": "a whole number", "date": "a date (YYYY-MM-DD)",
               "enum": "one of the listed values"}


class _Findings:
    """Collects problems for one file, resolving locations to lines."""

    def __init__(self, library: Library, path: str):
        self.path, self.lines, self.found = path, library.lines.get(path, {}), []

    def add(self, where: tuple, message: str, severity: str = "error") -> None:
        self.found.append(Problem(self.path, line_of(self.lines, where), message, severity))


def value_problem(declared: model.Fact, value: object) -> str | None:
    """Why ``value`` does not fit the declared fact type, or None."""
    expected = _TYPE_OF[declared.type]
    if type(value) is not expected:  # exact: True is not an int, a datetime is not a date
        return f"expected {_TYPE_WORDS[declared.type]}, got {value!r}"
    if declared.type == "enum" and value not in declared.values:
        return f"{value!r} is not one of: {one_of(declared.values)}{did_you_mean(value, declared.values)}"
    return None


def check_library(library: Library, *, verify_cases: bool = True,
                  results: reach.Results | None = None) -> list[Problem]:
    """Every finding in the loaded content, all at once. ``results`` (``reach.case_results``) lets
    a caller that also needs the steps' evaluations share them instead of evaluating twice."""
    problems = list(library.problems)
    if verify_cases and results is None:
        results = reach.case_results(library)
    declared = library.parameter_names()
    if library.parameters:
        problems += _check_facts(library, library.parameters.path, declared, ("parameters",))
    for jurisdiction in library.jurisdictions.values():
        problems += check_jurisdiction(library, jurisdiction, declared)
    for tree in library.trees.values():
        problems += check_tree(library, tree, declared)
    for case in library.cases.values():
        problems += check_case(library, case, verify=verify_cases, results=results)
    problems += raw_html(library) + jurisdiction_actions(library, declared)
    problems += sources.check_registry(library) + sources.check_scope(library)
    return sorted(set(problems))


def _check_short(out: _Findings, where: tuple, name: str, short: str | None) -> None:
    if short is not None and not 0 < len(short) <= SHORT_LIMIT:
        out.add(where, f"short label of '{name}' must be 1-{SHORT_LIMIT} characters (it has {len(short)}); "
                       "diagrams show it at a projector's size")


def _check_facts(library: Library, path: str, facts: dict[str, model.Fact], where: tuple) -> list[Problem]:
    out = _Findings(library, path)
    for name, fact in facts.items():
        if fact.type == "enum" and not fact.values:
            out.add(where + (name, "type"), f"enum fact '{name}' needs a list of values")
        if fact.type != "enum" and fact.values:
            out.add(where + (name, "values"), f"only enum facts have values; '{name}' is {fact.type}")
        for key in fact.value_labels:
            if key not in fact.values:
                out.add(where + (name, "value_labels", key),
                        f"label for unknown value '{key}'{did_you_mean(key, fact.values)}")
        if len(set(fact.values)) != len(fact.values):
            out.add(where + (name, "values"), f"'{name}' lists a value twice")
        _check_short(out, where + (name, "short"), name, fact.short)
        if fact.default is not None:
            problem = value_problem(fact, fact.default)
            if problem:
                out.add(where + (name, "default"), f"default of '{name}': {problem}")
    return out.found


def check_jurisdiction(library: Library, jurisdiction: model.Jurisdiction,
                       declared: dict[str, model.Fact]) -> list[Problem]:
    out = _Findings(library, jurisdiction.path)
    for name in jurisdiction.parameters:
        if name not in declared:
            out.add(("parameters", name), f"unknown parameter '{name}'{did_you_mean(name, declared)}")
            continue
        history = jurisdiction.parameters[name]
        settings = history if isinstance(history, tuple) else (history,)
        for index, setting in enumerate(settings):
            where = ("parameters", name) + ((index,) if isinstance(history, tuple) else ())
            problem = value_problem(declared[name], setting.value)
            if problem:
                out.add(where + ("value",), f"parameter '{name}': {problem}")
            if not setting.citations:
                out.add(where + ("citations",), f"parameter '{name}' needs at least one citation")
        dates = [s.effective for s in settings]
        if dates.count(None) > 1 or len(set(dates)) != len(dates):
            out.add(("parameters", name), f"parameter '{name}' has two settings with the same effective date")
    for name in declared:
        if name not in jurisdiction.parameters:
            out.add(("parameters",), f"missing parameter '{name}' (every jurisdiction sets every "
                                     f"parameter in _parameters.yaml)")
    return out.found


def values_leading_to(tree: model.Tree, parameter: str, target: str, declared: dict[str, model.Fact]) -> set:
    """The values of ``parameter`` whose branch (at any question asking it) can reach ``target``."""
    import networkx as nx  # graph algorithms: imported only when a tree is checked

    from .graph import to_graph

    graph = to_graph(tree)
    found: set = set()
    for question in tree.questions.values():
        if question.ask_parameter != parameter or parameter not in declared:
            continue
        fact, taken = declared[parameter], set()
        every = set(fact.values) if fact.type == "enum" else {True, False} if fact.type == "bool" else set()
        for branch in question.branches:
            if branch.when is None:
                covered = every - taken
            elif branch.when.op == "in" and isinstance(branch.when.value, tuple):
                covered = set(branch.when.value)
            elif branch.when.op == "==":
                covered = {branch.when.value}
            else:
                covered = set()
            taken |= covered
            if branch.to in graph and (branch.to == target or target in nx.descendants(graph, branch.to)):
                found |= covered
    return found


def jurisdiction_actions(library: Library, declared: dict[str, model.Fact]) -> list[Problem]:
    """An outcome that takes its actions from a parameter needs them in every jurisdiction
    whose setting can lead there."""
    problems = []
    for tree in library.trees.values():
        for outcome_id, outcome in tree.outcomes.items():
            if not outcome.actions_from or outcome.actions_from not in declared:
                continue
            values = values_leading_to(tree, outcome.actions_from, outcome_id, declared)
            for jurisdiction in library.jurisdictions.values():
                out = _Findings(library, jurisdiction.path)
                for setting in jurisdiction.history(outcome.actions_from):
                    if setting.value in values and not setting.actions:
                        out.add(("parameters", outcome.actions_from),
                                f"'{outcome.actions_from}: {setting.value}' needs actions: outcome "
                                f"'{outcome_id}' of tree '{tree.id}' takes its actions from it")
                problems += out.found
    return problems


def check_tree(library: Library, tree: model.Tree, declared: dict[str, model.Fact]) -> list[Problem]:
    out = _Findings(library, tree.path)
    out.found += _check_facts(library, tree.path, tree.facts, ("facts",))
    node_ids = set(tree.questions) | set(tree.outcomes)
    for node_id in set(tree.questions) & set(tree.outcomes):
        out.add(("outcomes", node_id), f"node id '{node_id}' is used by a question and an outcome")
    if tree.root not in node_ids:
        out.add(("root",), f"root '{tree.root}' is not a node{did_you_mean(tree.root, node_ids)}")
    for node_id, question in tree.questions.items():
        _check_question(out, tree, node_id, question, node_ids, declared)
        _check_short(out, ("questions", node_id, "short"), node_id, question.short)
    for node_id, outcome in tree.outcomes.items():
        if outcome.actions_from and outcome.actions_from not in declared:
            out.add(("outcomes", node_id, "actions_from"), f"unknown jurisdiction parameter "
                    f"'{outcome.actions_from}'{did_you_mean(outcome.actions_from, declared)}")
        if not outcome.citations:
            out.add(("outcomes", node_id), f"outcome '{node_id}' needs at least one citation")
        for other in outcome.see_also:
            if other not in library.trees:
                out.add(("outcomes", node_id, "see_also"),
                        f"see_also names unknown tree '{other}'{did_you_mean(other, library.trees)}")
    import networkx as nx  # graph algorithms: imported only when a tree is checked

    from .graph import to_graph

    graph = to_graph(tree)
    if not nx.is_directed_acyclic_graph(graph):
        cycle = nx.find_cycle(graph)
        out.add(("questions", cycle[0][0]),
                "cycle: " + " -> ".join([a for a, _ in cycle] + [cycle[0][0]]))
    if tree.root in graph:
        unreachable = set(graph) - nx.descendants(graph, tree.root) - {tree.root}
        for node_id in sorted(unreachable):
            kind = "questions" if node_id in tree.questions else "outcomes"
            out.add((kind, node_id), f"node '{node_id}' cannot be reached from the root '{tree.root}'")
    used = {q.ask for q in tree.questions.values()}
    for name in tree.facts:
        if name not in used:
            out.add(("facts", name), f"fact '{name}' is declared but no question asks it", "warning")
    return out.found


def _check_question(out: _Findings, tree: model.Tree, node_id: str, question: model.Question,
                    node_ids: set[str], declared: dict[str, model.Fact]) -> None:
    here = ("questions", node_id)
    if not question.citations:
        out.add(here, f"question '{node_id}' needs at least one citation")
    fact = None
    if bool(question.ask) == bool(question.ask_parameter):
        out.add(here, f"question '{node_id}' must have exactly one of 'ask' (a fact) or 'ask_parameter'")
    elif question.ask:
        fact = tree.facts.get(question.ask)
        if fact is None:
            out.add(here + ("ask",), f"unknown fact '{question.ask}'{did_you_mean(question.ask, tree.facts)}")
    else:
        fact = declared.get(question.ask_parameter or "")
        if fact is None:
            out.add(here + ("ask_parameter",), f"unknown jurisdiction parameter "
                    f"'{question.ask_parameter}'{did_you_mean(question.ask_parameter, declared)}")
    if fact is not None and _shorthand_misfit(out, here, question, fact):
        fact = None  # its conditions were reported once, at the shorthand's line
    if not question.branches:
        out.add(here, f"question '{node_id}' has no branches")
    otherwise = [i for i, b in enumerate(question.branches) if b.when is None]
    if len(otherwise) > 1:
        out.add(here + ("branches", otherwise[1]), f"question '{node_id}' has more than one otherwise branch")
    if otherwise and otherwise[0] != len(question.branches) - 1:
        out.add(here + ("branches", otherwise[0]),
                "the otherwise branch (no 'when') must come last; branches after it are never taken")
    targets: dict[str, int] = {}
    covered: set = set()
    for index, branch in enumerate(question.branches):
        where = here + ("branches", index)
        if branch.to not in node_ids:
            out.add(where + ("to",), f"branch leads to unknown node '{branch.to}'{did_you_mean(branch.to, node_ids)}")
        elif branch.to == node_id:
            out.add(where + ("to",), f"question '{node_id}' branches to itself")
        if branch.to in targets:
            out.add(where, f"two branches of '{node_id}' lead to '{branch.to}'; merge them (op: in)")
        targets.setdefault(branch.to, index)
        if branch.when is not None and fact is not None:
            covered |= _check_when(out, where + ("when",), branch.when, fact, declared)
    if fact is not None and not otherwise and question.branches:
        if fact.type == "bool" and covered != {True, False}:
            missing = "/".join(show for show, v in (("true", True), ("false", False)) if v not in covered)
            out.add(here + ("branches",), f"branches of '{node_id}' do not cover {missing}; add it or an otherwise branch")
        elif fact.type == "enum" and not set(fact.values) <= covered:
            gaps = one_of(set(fact.values) - covered)
            out.add(here + ("branches",), f"branches of '{node_id}' do not cover: {gaps}; add them or an otherwise branch")
        elif fact.type in {"int", "date"}:
            out.add(here + ("branches",), f"'{node_id}' asks a {fact.type}: it needs an otherwise branch")


def _shorthand_misfit(out: _Findings, here: tuple, question: model.Question, fact: model.Fact) -> bool:
    """``yes:``/``no:`` answer a bool question, ``cases:`` an enum one: report a misfit (the line
    map records which keys were written)."""
    kind = "fact" if question.ask else "parameter"
    instead = {"bool": "yes: and no:", "enum": "cases:"}.get(fact.type, "a branches list with conditions")
    for key in ("yes", "no"):
        if here + (key,) in out.lines and fact.type != "bool":
            out.add(here + (key,), f"'{key}:' is for a true-or-false question; {kind} '{question.asked}' "
                                   f"is {fact.type}: use {instead}")
            return True
    if here + ("cases",) in out.lines and fact.type != "enum":
        out.add(here + ("cases",), f"'cases:' lists the values of an enum; {kind} '{question.asked}' "
                                   f"is {fact.type}: use {instead}")
        return True
    return False


def _check_when(out: _Findings, where: tuple, when: model.When, fact: model.Fact,
                declared: dict[str, model.Fact]) -> set:
    """Check one condition; return the values it covers (for bool and enum facts)."""
    if (when.value is None) == (when.parameter is None):
        out.add(where, "a condition needs exactly one of 'value' or 'parameter'")
        return set()
    if when.op in {"<", "<=", ">", ">="} and fact.type not in {"int", "date"}:
        out.add(where + ("op",), f"'{when.op}' compares numbers or dates; this {fact.type} fact needs == != or in")
    if when.parameter is not None:
        other = declared.get(when.parameter)
        if other is None:
            out.add(where + ("parameter",), f"unknown jurisdiction parameter '{when.parameter}'"
                    f"{did_you_mean(when.parameter, declared)}")
        elif other.type != fact.type:
            out.add(where + ("parameter",), f"parameter '{when.parameter}' is {other.type}, the fact is {fact.type}")
        return set()
    values = when.value if isinstance(when.value, tuple) else (when.value,)
    if when.op == "in" and not isinstance(when.value, tuple):
        out.add(where + ("value",), "op 'in' needs a list of values")
    if when.op != "in" and isinstance(when.value, tuple):
        out.add(where + ("value",), f"op '{when.op}' needs a single value, not a list")
    covered = set()
    for value in values:
        problem = value_problem(fact, value)
        if problem:
            out.add(where + ("value",), problem)
        elif when.op in {"==", "in"}:
            covered.add(value)
        elif when.op == "!=" and fact.type in {"bool", "enum"}:
            covered |= (set(fact.values) if fact.type == "enum" else {True, False}) - {value}
    return covered


def check_case(library: Library, case: model.Case, *, verify: bool = True,
               results: reach.Results | None = None) -> list[Problem]:
    out = _Findings(library, case.path)
    tree = library.trees.get(case.tree)
    if tree is None:
        out.add(("tree",), f"unknown tree '{case.tree}'{did_you_mean(case.tree, library.trees)}; "
                           f"trees: {one_of(library.trees)}")
    jurisdictions = [case.jurisdiction] + [j for s in case.steps for j in s.expect_in]
    for index, name in enumerate(jurisdictions):
        if name not in library.jurisdictions:
            out.add(("jurisdiction",) if index == 0 else ("steps",),
                    f"unknown jurisdiction '{name}'{did_you_mean(name, library.jurisdictions)}; "
                    f"jurisdictions: {one_of(library.jurisdictions)}")
    if not case.steps:
        out.add(("steps",), "a case needs at least one step")
    if tree is None:
        return out.found
    for index, step in enumerate(case.steps):
        for name, value in step.facts.items():
            where = ("steps", index, "facts", name)
            if name not in tree.facts:
                out.add(where, f"step {index + 1}: unknown fact '{name}' for tree '{tree.id}'"
                               f"{did_you_mean(name, tree.facts)}")
            else:
                problem = value_problem(tree.facts[name], value)
                if problem:
                    out.add(where, f"step {index + 1}: fact '{name}': {problem}")
    if verify and not out.found:
        out.found += verify_case(library, case, results)
    return out.found


def verify_case(library: Library, case: model.Case, results: reach.Results | None = None) -> list[Problem]:
    """Each step's expected verdicts against what the tree gives."""
    results = results or {}
    out = _Findings(library, case.path)
    tree = library.trees[case.tree]
    for index, step in enumerate(case.steps):
        expectations = {case.jurisdiction: step.expect, **step.expect_in}
        for name, expected in expectations.items():
            jurisdiction = library.jurisdictions.get(name)
            if jurisdiction is None:
                continue
            result = results.get((case.path, index, name))
            if result is None:
                result = evaluate(tree, case.facts_at(index), jurisdiction, case.as_of)
            if result.verdict == expected:
                continue
            where = ("steps", index, "expect" if name == case.jurisdiction else "expect_in")
            if result.verdict is None:
                actual = f"the tree stops at '{result.stopped_at}', needing {result.missing_kind} '{result.missing}'"
            else:
                actual = f"the tree gives '{result.verdict}'"
            out.add(where, f"step {index + 1} ({step.title}) in {name}: expected '{expected}' but "
                           f"{actual}; path: {' -> '.join(result.nodes)}")
    return out.found
