"""The runtime path (what the browser build runs) imports no compiled graph tools, and the
package has no import cycles: dependencies flow model <- load/evaluate <- check/render <- explorer/cli."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "confide"
RUNTIME = ["confide.model", "confide.evaluate", "confide.explain", "confide.words", "confide.layout", "confide.pathview",
           "confide.cards", "confide.library", "confide.bundle", "confide.explorer", "confide.comparison"]

BLOCK_AND_IMPORT = """
import importlib, importlib.abc, sys
class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'networkx', 'graphviz'}:
            raise ImportError('blocked for this test: ' + name)
sys.meta_path.insert(0, Blocked())
for name in sys.argv[1:]:
    importlib.import_module(name)
print('imported', len(sys.argv) - 1)
"""


def test_runtime_modules_import_without_networkx_or_graphviz() -> None:
    done = subprocess.run([sys.executable, "-c", BLOCK_AND_IMPORT, *RUNTIME],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"imported {len(RUNTIME)}"


def _module_level_imports(path: Path) -> set[str]:
    """The package modules a module imports when it is imported (not inside functions)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_the_package_has_no_import_cycles() -> None:
    graph = nx.DiGraph()
    for path in PACKAGE.glob("*.py"):
        graph.add_node(path.stem)
        graph.add_edges_from((path.stem, target) for target in _module_level_imports(path)
                             if (PACKAGE / f"{target}.py").is_file())
    assert nx.is_directed_acyclic_graph(graph), list(nx.simple_cycles(graph))


def test_comparison_and_layout_do_not_depend_on_the_explorer_or_the_renderer() -> None:
    assert "explorer" not in _module_level_imports(PACKAGE / "comparison.py")
    assert "render" not in _module_level_imports(PACKAGE / "layout.py")


SHIPPED_LAYOUT_WITHOUT_GRAPH_TOOLS = BLOCK_AND_IMPORT.split("for name in")[0] + """
from confide import layout, load_library
library = load_library()
tree = library.trees[sys.argv[2]]
layout.load_precomputed(sys.argv[1])
found = layout.layout_for(tree, library.parameter_names())
assert found is not None and found.node_ids, found
print(sorted(m for m in sys.modules if m.split('.')[0] in {'networkx', 'graphviz'}))
"""


def test_the_browser_path_draws_a_shipped_layout_without_importing_networkx_or_graphviz(tmp_path: Path) -> None:
    """As in the offline site: no graphviz package, no networkx; layout_for must fall back to the
    shipped SVG without trying either (networkx is not shipped there, so an import would fail)."""
    import shutil

    import pytest

    from confide import layout, load_library

    if not shutil.which("dot"):
        pytest.skip("needs dot once, to make the shipped file")
    library = load_library()
    tree = sorted(library.trees)[0]
    layout.export({tree: library.trees[tree]}, tmp_path, library.parameter_names())
    done = subprocess.run([sys.executable, "-c", SHIPPED_LAYOUT_WITHOUT_GRAPH_TOOLS, str(tmp_path), tree],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
