"""What the casebook exercises: nodes, edges, verdicts and jurisdictions."""

from __future__ import annotations

from .graph import to_graph
from .library import Library
from .model import VERDICTS
from .reach import visited


def coverage(library: Library) -> dict:
    seen = visited(library)
    trees = {}
    for tree_id, tree in sorted(library.trees.items()):
        graph = to_graph(tree)
        record = seen[tree_id]
        trees[tree_id] = {
            "nodes": {"covered": len(record["nodes"] & set(graph)), "total": graph.number_of_nodes(),
                      "missing": sorted(set(graph) - record["nodes"])},
            "edges": {"covered": len(record["edges"] & set(graph.edges)), "total": graph.number_of_edges(),
                      "missing": sorted(f"{a}->{b}" for a, b in set(graph.edges) - record["edges"])},
            "verdicts": sorted(record["verdicts"]),
        }
    covered = sum(t["nodes"]["covered"] + t["edges"]["covered"] for t in trees.values())
    total = sum(t["nodes"]["total"] + t["edges"]["total"] for t in trees.values())
    verdicts = {v: sum(1 for c in library.cases.values() if v in {s.expect for s in c.steps}
                       | {e for s in c.steps for e in s.expect_in.values()}) for v in VERDICTS}
    jurisdictions = {j: sum(1 for c in library.cases.values()
                            if j == c.jurisdiction or any(j in s.expect_in for s in c.steps))
                     for j in sorted(library.jurisdictions)}
    return {
        "percent": round(100 * covered / total, 1) if total else 100.0,
        "trees": trees,
        "verdicts": verdicts,  # verdict -> number of cases expecting it
        "jurisdictions": jurisdictions,  # jurisdiction -> number of cases using it
    }


def as_table(report: dict) -> str:
    rows = [f"{'tree':<28} {'nodes':>9} {'edges':>9}  verdicts reached"]
    for tree_id, t in report["trees"].items():
        rows.append(f"{tree_id:<28} {t['nodes']['covered']:>4}/{t['nodes']['total']:<4} "
                    f"{t['edges']['covered']:>4}/{t['edges']['total']:<4}  {len(t['verdicts'])}/{len(VERDICTS)}")
        for name in t["nodes"]["missing"]:
            rows.append(f"    not reached: {name}")
    rows.append("")
    rows.append("cases per verdict:      " + ", ".join(f"{v} {n}" for v, n in report["verdicts"].items()))
    rows.append("cases per jurisdiction: " + ", ".join(f"{j} {n}" for j, n in report["jurisdictions"].items()))
    rows.append(f"\ncoverage of nodes and edges: {report['percent']}%")
    return "\n".join(rows)
