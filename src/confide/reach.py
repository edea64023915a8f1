"""What the casebook's steps reach: each step evaluated once, in its own jurisdiction and in each
it compares (``expect_in``); checking the expected verdicts, the unreached-node warnings and the
coverage report all read the same results."""

from __future__ import annotations

from .evaluate import Result, evaluate
from .library import Library
from .problems import Problem
from .yamlstrict import line_of

Results = dict[tuple[str, int, str], Result]  # (case path, step index, jurisdiction) -> result


def case_results(library: Library) -> Results:
    results: Results = {}
    for case in library.cases.values():
        tree = library.trees.get(case.tree)
        if tree is None:
            continue
        for index, step in enumerate(case.steps):
            facts = case.facts_at(index)
            for name in dict.fromkeys([case.jurisdiction, *step.expect_in]):
                jurisdiction = library.jurisdictions.get(name)
                if jurisdiction is not None:
                    results[(case.path, index, name)] = evaluate(tree, facts, jurisdiction, case.as_of)
    return results


def visited(library: Library, results: Results | None = None) -> dict[str, dict]:
    """Per tree: the nodes, edges, verdicts and jurisdictions the casebook's steps exercise."""
    seen = {t: {"nodes": set(), "edges": set(), "verdicts": set(), "jurisdictions": set()}
            for t in library.trees}
    for (_, _, name), result in (case_results(library) if results is None else results).items():
        record = seen.get(result.tree.id)
        if record is None:
            continue
        record["nodes"].update(result.nodes)
        record["edges"].update(result.edges)
        record["jurisdictions"].add(name)
        if result.verdict:
            record["verdicts"].add(result.verdict)
    return seen


def unreached_nodes(library: Library, results: Results | None = None) -> list[Problem]:
    problems = []
    for tree_id, record in visited(library, results).items():
        tree = library.trees[tree_id]
        lines = library.lines.get(tree.path, {})
        for kind, nodes in (("questions", tree.questions), ("outcomes", tree.outcomes)):
            for node_id in nodes:
                if node_id not in record["nodes"]:
                    problems.append(Problem(tree.path, line_of(lines, (kind, node_id)),
                                            f"no case step reaches node '{node_id}'", "warning"))
    return problems
