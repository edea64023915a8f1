import datetime
from xml.etree import ElementTree

import pytest

from confide import model
from confide.evaluate import evaluate
from confide.render import html_label, pipe, to_dot

THREAT = {"serious_threat_of_violence": True, "threat_source": "client",
          "victim_reasonably_identifiable": True, "threat_imminent": False}


@pytest.fixture
def dot_source(library):
    tree = library.trees["duty_to_protect"]
    result = evaluate(tree, THREAT, library.jurisdictions["california"], datetime.date(2025, 1, 1))
    return to_dot(tree, result, library.parameter_names()).source


def node_line(source, name):
    return next(line for line in source.splitlines() if line.strip().startswith(f"{name} ["))


def test_every_node_and_edge_has_a_stable_id(library, dot_source):
    tree = library.trees["duty_to_protect"]
    for name in list(tree.questions) + list(tree.outcomes):
        assert f'id="node-{name}"' in node_line(dot_source, name)
    assert 'id="edge-q_serious_threat-q_source"' in dot_source


def test_path_is_marked_by_width_and_style_not_colour_alone(dot_source):
    on = node_line(dot_source, "q_victim")
    off = node_line(dot_source, "q_imminent_personnel")
    assert "penwidth=3" in on and 'class="on-path"' in on
    assert "penwidth=1" in off and "dashed" in off and 'class="off-path"' in off
    edge_on = next(line for line in dot_source.splitlines() if "edge-q_source-q_victim" in line)
    edge_off = next(line for line in dot_source.splitlines() if "edge-q_source-q_family_counts" in line)
    assert "penwidth=3" in edge_on and "bold" in edge_on
    assert "penwidth=1" in edge_off and "dashed" in edge_off


def test_stopped_question_is_marked(library):
    tree = library.trees["duty_to_protect"]
    result = evaluate(tree, {"serious_threat_of_violence": True}, library.jurisdictions["california"],
                      datetime.date(2025, 1, 1))  # a fixed date: the law of the day the suite runs may differ
    assert "class=stopped" in node_line(to_dot(tree, result).source, "q_source")


def test_labels_are_escaped():
    label = html_label('He said "<script>alert(1)</script>" {x} & left\nnow')
    assert "<script>" not in label and "&lt;script&gt;" in label and "&quot;" in label
    assert "&amp;" in label and "\n" not in label
    assert label.startswith("<") and label.endswith(">")


@pytest.mark.exe
def test_hostile_labels_still_produce_valid_dot(library):
    """Quotes, brackets, braces, markup and backslashes in labels: the real `dot` accepts the source
    and draws the label as the same text."""
    import shutil
    import subprocess

    tree = library.trees["duty_to_protect"]
    label = '"; ] } <b> \\ x'
    hostile = model.Outcome(verdict="must_not_disclose", label=label,
                            rationale="r", citations=tree.outcomes["o_keep_confidential"].citations)
    bad_tree = model.Tree(**{**tree.__dict__, "outcomes": {**tree.outcomes, "o_keep_confidential": hostile}})
    source = to_dot(bad_tree).source
    assert '&quot;; ] } &lt;b&gt;' in source
    run = subprocess.run([shutil.which("dot"), "-Tsvg"], input=source, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    svg = ElementTree.fromstring(run.stdout)
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert any(label in text for text in texts), texts


@pytest.mark.exe
def test_real_dot_renders_svg_with_ids(library, dot_source):
    tree = library.trees["duty_to_protect"]
    result = evaluate(tree, THREAT, library.jurisdictions["california"], datetime.date(2025, 1, 1))
    svg = ElementTree.fromstring(pipe(to_dot(tree, result), "svg"))
    groups = {g.get("id"): g.get("class") for g in svg.iter("{http://www.w3.org/2000/svg}g")}
    assert groups["node-q_victim"] == "node on-path"
    assert groups["node-q_imminent_personnel"] == "node off-path"
    assert groups["edge-q_source-q_victim"] == "edge on-path"
