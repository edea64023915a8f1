"""Lay out once, restyle per state: layout.py on the real tree with the real ``dot``."""

from __future__ import annotations

import dataclasses
import datetime
import shutil

import pytest

from confide import layout, load_library, render
from confide.evaluate import evaluate

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
CASE = "angry_ex_boyfriend"


@pytest.fixture(scope="module")
def library():  # noqa: ANN201
    return load_library()


@pytest.fixture(scope="module")
def tree(library):  # noqa: ANN001, ANN201
    return library.trees["duty_to_protect"]


@pytest.fixture
def fresh_cache(monkeypatch):  # noqa: ANN001, ANN201
    """Empty layout caches for one test, and a count of ``dot`` runs."""
    monkeypatch.setattr(layout, "_cache", {})
    monkeypatch.setattr(layout, "_precomputed", {})
    runs = []
    real_pipe = render.pipe

    def counting_pipe(digraph, fmt):  # noqa: ANN001, ANN202
        runs.append(fmt)
        return real_pipe(digraph, fmt)

    monkeypatch.setattr(render, "pipe", counting_pipe)
    return runs


def result_at(library, tree, step, jurisdiction="california"):  # noqa: ANN001, ANN201
    case = library.cases[CASE]
    return evaluate(tree, case.facts_at(step), library.jurisdictions[jurisdiction], case.as_of)


@pytest.mark.exe
@needs_dot
def test_dot_runs_once_per_tree_whatever_the_jurisdiction_or_step(library, tree, fresh_cache) -> None:  # noqa: ANN001
    first = layout.layout_for(tree, library.parameter_names())
    for jurisdiction in library.jurisdictions:
        for step in (0, 1):
            layout.path_style("v", result_at(library, tree, step, jurisdiction))
            assert layout.layout_for(tree, library.parameter_names()) is first
    assert fresh_cache == ["svg"]


@pytest.mark.exe
@needs_dot
def test_a_changed_tree_is_laid_out_again(library, tree, fresh_cache) -> None:  # noqa: ANN001
    layout.layout_for(tree, library.parameter_names())
    layout.layout_for(dataclasses.replace(tree, title="Another title"), library.parameter_names())
    assert len(fresh_cache) == 2


@pytest.mark.exe
@needs_dot
def test_the_layout_is_neutral_and_has_every_stable_id(library, tree, fresh_cache) -> None:  # noqa: ANN001
    found = layout.layout_for(tree, library.parameter_names())
    assert found.missing_nodes(tree) == set()
    first = tree.questions[tree.root].branches[0].to
    assert f"{tree.root}-{first}" in found.edge_ids
    assert "on&#45;path" not in found.svg and "off&#45;path" not in found.svg
    assert found.svg.startswith("<svg") and "<!DOCTYPE" not in found.svg
    assert 'width="100%"' in found.svg and "max-width:min(100%" in found.svg
    assert found.width_px > 100


def test_path_style_lists_the_path_not_the_tree(library, tree) -> None:  # noqa: ANN001
    result = result_at(library, tree, 1)
    style = layout.path_style("confide-view-7", result)
    assert style.startswith("<style>") and style.endswith("</style>")
    for node in result.nodes:
        assert f"#node-{node}" in style
    for source, target in result.edges:
        assert f"#edge-{source}-{target}" in style
    off_path = sorted(set(tree.questions) - set(result.nodes))[0]
    assert f"#node-{off_path}" not in style  # off the path: covered by :not(...)
    assert all(line.startswith("#confide-view-7 ") for line in style[7:-8].splitlines() if line)
    assert "stroke-dasharray" in style and "stroke-width" in style  # never colour alone
    assert len(style) < 4000


def test_path_style_marks_where_a_missing_fact_stopped_the_walk(library, tree) -> None:  # noqa: ANN001
    result = evaluate(tree, {"serious_threat_of_violence": True}, library.jurisdictions["california"],
                      datetime.date(2025, 1, 1))  # a fixed date: the law of the day the suite runs may differ
    assert result.stopped_at is not None
    style = layout.path_style("v1", result)
    assert f"#v1 #node-{result.stopped_at} :is(polygon,path)" in style


def test_path_style_outlines_where_the_paths_part_within_its_own_view(library, tree) -> None:  # noqa: ANN001
    result = result_at(library, tree, 1)
    at = result.nodes[1]
    style = layout.path_style("v3", result, parts_at=at)
    assert f"#v3 #node-{at} :is(polygon,path,ellipse) {{ stroke:#5b21b6; stroke-width:7px;" in style
    assert all(line.startswith("#v3 ") for line in style[7:-8].splitlines() if line)
    assert layout.path_style("v3", result, parts_at=None) == layout.path_style("v3", result)
    off_path = sorted(set(tree.questions) - set(result.nodes))[0]
    assert layout.path_style("v3", result, parts_at=off_path) == layout.path_style("v3", result)


def test_no_result_draws_every_node_alike() -> None:
    style = layout.path_style("v2", None)
    assert ":not(" not in style and "#v2" in style


def test_css_ids_are_escaped() -> None:
    assert layout._css_id("node-a.b") == "#node-a\\2e b"
    assert layout._css_id("1x") == "#\\31 x"


def test_scopes_are_unique() -> None:
    assert layout.new_scope() != layout.new_scope()


def test_precomputed_layout_is_used_where_dot_is_missing(library, tree, fresh_cache, monkeypatch,
                                                         tmp_path) -> None:  # noqa: ANN001
    if shutil.which("dot"):
        layout.export({tree.id: tree}, tmp_path, library.parameter_names())
    else:
        pytest.skip("needs dot once, to make the precomputed file")

    def no_dot(*_args):  # noqa: ANN202
        raise render.DotMissing(render.dot_hint())

    monkeypatch.setattr(render, "pipe", no_dot)
    monkeypatch.setattr(layout, "_cache", {})
    assert layout.layout_for(tree, library.parameter_names()) is None
    assert layout.NO_DIAGRAM in layout.view_html(None, "v3")
    assert layout.load_precomputed(tmp_path) == [tree.id]
    found = layout.layout_for(tree, library.parameter_names())
    assert found is not None and found.missing_nodes(tree) == set()
    assert "#v4" in layout.highlighted(found, result_at(library, tree, 1), "v4")


def test_layouts_shipped_in_the_content_folder_are_found_where_dot_is_missing(
        library, tree, fresh_cache, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """The browser build's wheel carries content/layouts/<tree>.svg: no load_precomputed call needed."""
    if not shutil.which("dot"):
        pytest.skip("needs dot once, to make the shipped file")
    layout.export({tree.id: tree}, tmp_path / "layouts", library.parameter_names())

    def no_dot(*_args):  # noqa: ANN202
        raise render.DotMissing(render.dot_hint())

    monkeypatch.setattr(render, "pipe", no_dot)
    monkeypatch.setattr("confide.library.bundled_root", lambda: tmp_path)
    found = layout.layout_for(tree, library.parameter_names())
    assert found is not None and found.missing_nodes(tree) == set()


@pytest.mark.parametrize("bad", ['<svg><script>alert(1)</script></svg>',
                                 '<svg><g onclick="alert(1)"/></svg>',
                                 '<svg><a href="javascript:alert(1)"/></svg>'])
def test_a_precomputed_svg_that_could_run_code_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="refused"):
        layout.Layout.from_svg("t", bad)


def test_a_malformed_svg_is_refused() -> None:
    with pytest.raises(Exception):  # noqa: B017 - ElementTree.ParseError or ValueError
        layout.Layout.from_svg("t", "<svg><g></svg>")
