"""The tree shorthand (confide.shorthand) and its converter (confide.rewrite, `confide shorthand`):
every form loads to the same model as its long form, findings point at the shorthand's lines,
mistakes are `path:line: message`, and the converter never writes a tree that loads differently."""

import dataclasses
import json
from pathlib import Path

import pytest

from confide import load, model, rewrite, schema
from confide.check import check_library
from confide.library import bundled_root, load_library, yaml_files
from confide.problems import ContentError

HEAD = """\
title: T
summary: s
root: q1
facts:
  flag:
    type: bool
    question: Flag?
  other:
    type: bool
    question: Other?
  kind:
    type: enum
    values: [a, b, c]
    question: Kind?
  age:
    type: int
    question: Age?
"""

OUTCOMES = """\
outcomes:
  o1: {verdict: must_not_disclose, label: L, rationale: R, citations: [{cite: 45-cfr-164-512-12}]}
  o2: {verdict: must_disclose_or_act, label: L, rationale: R, citations: [{cite: 45-cfr-164-512-12}]}
  o3: {verdict: may_disclose_with_consent, label: L, rationale: R, citations: [{cite: 45-cfr-164-512-12}]}
"""


@pytest.fixture(scope="module")
def registry():
    files = [load.load_sources(p)[0] for p in yaml_files(bundled_root() / "sources") if not p.name.startswith("_")]
    return load.registry_of(files)


def tree_of(text: str, registry, name: str = "t.yaml") -> model.Tree:
    """Load through the real loader; the id and path (from the file name) are set aside."""
    tree, _ = load.load_text(model.Tree, text, name, registry, id="t", path=name)
    return tree


def same_tree(short: str, long: str, registry) -> None:
    assert tree_of(HEAD + short + OUTCOMES, registry) == tree_of(HEAD + long + OUTCOMES, registry)


def problems_of(text: str, registry) -> list[str]:
    with pytest.raises(ContentError) as caught:
        tree_of(text, registry)
    return [f"{p.line}: {p.message}" for p in caught.value.problems]


# Each form loads to the model of its long form.

def test_yes_and_no_with_ids_and_labels(registry):
    same_tree("""\
questions:
  q1:
    ask: flag
    yes: o1
    no: {to: o2, label: not flagged}
    citations: [45-cfr-164-512-12]
""", """\
questions:
  q1:
    ask: flag
    branches:
      - when: {op: "==", value: true}
        to: o1
      - when: {op: "==", value: false}
        to: o2
        label: not flagged
    citations:
      - cite: 45-cfr-164-512-12
""", registry)


def test_branches_keep_the_order_written_and_otherwise_comes_last(registry):
    same_tree("""\
questions:
  q1:
    ask: flag
    otherwise: {to: o3, label: anything else}
    no: o2
    yes:
      to: o1
      label: flagged
    citations: [45-cfr-164-512-12]
""", """\
questions:
  q1:
    ask: flag
    branches:
      - {when: {op: "==", value: false}, to: o2}
      - {when: {op: "==", value: true}, to: o1, label: flagged}
      - {to: o3, label: anything else}
    citations: [{cite: 45-cfr-164-512-12}]
""", registry)


def test_cases_and_otherwise(registry):
    same_tree("""\
questions:
  q1:
    ask: kind
    cases:
      b: o2
      a: {to: o1, label: the a kind}
    otherwise: o3
    citations: [45-cfr-164-512-12]
""", """\
questions:
  q1:
    ask: kind
    branches:
      - {when: {op: "==", value: b}, to: o2}
      - {when: {op: "==", value: a}, to: o1, label: the a kind}
      - {to: o3}
    citations: [{cite: 45-cfr-164-512-12}]
""", registry)


def test_compact_when_in_a_branches_list(registry):
    same_tree("""\
questions:
  q1:
    ask: kind
    branches:
      - {when: [a, b], to: o1, label: a or b}
      - {when: c, to: o2}
    citations: [45-cfr-164-512-12]
  q2:
    ask: age
    branches:
      - {when: 18, to: o1}
      - {when: {op: ">=", value: 65}, to: o2}
      - {to: o3}
    citations: [45-cfr-164-512-12]
""", """\
questions:
  q1:
    ask: kind
    branches:
      - {when: {op: in, value: [a, b]}, to: o1, label: a or b}
      - {when: {op: "==", value: c}, to: o2}
    citations: [{cite: 45-cfr-164-512-12}]
  q2:
    ask: age
    branches:
      - {when: {op: "==", value: 18}, to: o1}
      - {when: {op: ">=", value: 65}, to: o2}
      - {to: o3}
    citations: [{cite: 45-cfr-164-512-12}]
""", registry)


def test_plain_source_ids_mix_with_noted_citations(registry):
    same_tree("""\
questions:
  q1:
    ask: flag
    yes: o1
    no: o2
    citations:
      - 45-cfr-164-512-12
      - {cite: 45-cfr-164-512-13, note: why here}
""", """\
questions:
  q1:
    ask: flag
    yes: o1
    no: o2
    citations:
      - cite: 45-cfr-164-512-12
      - cite: 45-cfr-164-512-13
        note: why here
""", registry)


def test_plain_source_ids_in_jurisdictions_and_cases_too(library):
    jurisdiction = next(iter(library.jurisdictions.values()))
    path = Path(jurisdiction.path)
    text = path.read_text()
    assert "- cite: " in text
    short = text.replace("- cite: ", "- ")
    registry = load.registry_of(list(library.sources.values()))
    again, _ = load.load_text(model.Jurisdiction, short, str(path), registry, id=path.stem, path=str(path))
    assert again == jurisdiction


# Findings point at the line the shorthand was written on.

def write_tree(root: Path, body: str) -> Path:
    path = root / "decision_trees" / "t.yaml"
    path.write_text(HEAD + body + OUTCOMES)
    return path


def findings(root: Path) -> list[str]:
    return [f"{p.line}: {p.message}" for p in check_library(load_library(root))
            if p.path.endswith("t.yaml") and p.severity == "error"]


def test_findings_point_at_the_shorthand_lines(content_root):
    body = """\
questions:
  q1:
    ask: flag
    yes: q_typo
    no: {to: q2, label: on}
    citations: [45-cfr-164-512-12]
  q2:
    ask: kind
    cases:
      a: o1
      b: o_two
    otherwise:
      to: o3x
      label: else
    citations: [45-cfr-164-512-12, not-a-source]
"""
    start = HEAD.count("\n")
    write_tree(content_root, body)
    with pytest.raises(ContentError) as caught:  # the unknown source stops the load
        load.load_tree(content_root / "decision_trees" / "t.yaml", load.registry_of(
            list(load_library(content_root).sources.values())))
    assert [p.line for p in caught.value.problems] == [start + 15]
    write_tree(content_root, body.replace(", not-a-source", ""))
    found = findings(content_root)
    assert f"{start + 4}: branch leads to unknown node 'q_typo'" in found
    assert any(f.startswith(f"{start + 11}: branch leads to unknown node 'o_two'") for f in found)
    assert any(f.startswith(f"{start + 13}: branch leads to unknown node 'o3x'") for f in found)
    assert any(f.startswith(f"{start + 9}: branches of 'q2' do not cover") for f in found) is False


def test_an_enum_value_typo_in_cases_points_at_its_line(content_root):
    write_tree(content_root, """\
questions:
  q1:
    ask: kind
    cases:
      a: o1
      bb: o2
      c: o3
    citations: [45-cfr-164-512-12]
""")
    line = HEAD.count("\n") + 6
    found = findings(content_root)
    assert any(f.startswith(f"{line}: 'bb' is not one of: a, b, c") for f in found), found


# Mistakes in the shorthand: one clear path:line: message each.

@pytest.mark.parametrize(("body", "line", "message"), [
    ("    yes: o1\n    branches: [{when: false, to: o2}]\n", 3,
     "question 'q1' has both 'yes:' and 'branches:'"),
    ("    otherwise: o1\n    branches: [{when: false, to: o2}]\n", 3,
     "question 'q1' has both 'otherwise:' and 'branches:'"),
    ("    yes: 5\n    no: o2\n", 3, "questions.q1.yes: expected a node id or {to: node_id, label: words}, got 5"),
    ("    yes: {label: flagged}\n    no: o2\n", 3, "questions.q1.yes: missing required key 'to'"),
    ("    yes: {to: o1, lable: x}\n    no: o2\n", 3, "unknown key 'lable' (did you mean 'label'?)"),
    ("    yes: {to: o1, label: [x]}\n    no: o2\n", 3, "questions.q1.yes.label: expected text"),
    ("    cases: [a, b]\n", 3, "questions.q1.cases: expected a mapping of values to nodes"),
    ("    text: no branches at all\n", 1, "question 'q1' has no branches"),
    ("    yse: o1\n    no: o2\n", 3, "unknown key 'yse' (did you mean 'yes'?)"),
])
def test_shorthand_mistakes_are_reported_at_their_line(registry, body, line, message):
    text = HEAD + "questions:\n  q1:\n    ask: flag\n" + body + "    citations: [45-cfr-164-512-12]\n" + OUTCOMES
    found = problems_of(text, registry)
    start = HEAD.count("\n") + 1
    assert any(f.startswith(f"{start + line}: ") and message in f for f in found), found


def test_yes_on_an_enum_fact_and_cases_on_a_bool_fact(content_root):
    write_tree(content_root, """\
questions:
  q1:
    ask: kind
    yes: q2
    no: o2
    citations: [45-cfr-164-512-12]
  q2:
    ask: flag
    cases: {a: o1}
    citations: [45-cfr-164-512-12]
  q3:
    ask: age
    yes: o1
    otherwise: o2
    citations: [45-cfr-164-512-12]
""")
    start = HEAD.count("\n")
    found = findings(content_root)
    assert f"{start + 4}: 'yes:' is for a true-or-false question; fact 'kind' is enum: use cases:" in found
    assert f"{start + 9}: 'cases:' lists the values of an enum; fact 'flag' is bool: use yes: and no:" in found
    assert (f"{start + 13}: 'yes:' is for a true-or-false question; fact 'age' is int: use a branches list "
            f"with conditions") in found
    assert not any("expected" in f for f in found), found  # reported once, not per condition


def test_cli_check_reports_shorthand_mistakes_without_a_traceback(cli, content_root):
    write_tree(content_root, "questions:\n  q1:\n    ask: flag\n    yes: [o1]\n    no: o2\n"
                             "    citations: [45-cfr-164-512-12]\n")
    result = cli("check", content_root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"t.yaml:{HEAD.count(chr(10)) + 4}: questions.q1.yes: expected a node id" in result.stdout


# The converter.

LONG = HEAD + """\
questions:
  q1:
    ask: flag
    text: 'A question with a "quoted" word, a colon: and a dash — here.'
    branches:
      - when: {op: "==", value: false}
        to: q2
        label: "no: not flagged, go on"
      - when: {op: "==", value: true}
        to: q3
    citations:
      - cite: 45-cfr-164-512-12
      - cite: 45-cfr-164-512-13
  q2:
    ask: kind
    branches:  # a comment here keeps this list as written
      - when: {op: "==", value: a}
        to: o1
      - to: o2
    citations:
      - cite: 45-cfr-164-512-12
        note: a note keeps the long form
  q3:
    ask: kind
    uncertain: >-
      A folded block scalar that must survive
      exactly as written.

    branches:
      - when: {op: "==", value: c}
        to: q4
        label: "true"
      - when: {op: "==", value: b}
        to: o1
      - to: o3
        label: 'anything # else'
    citations:
      - cite: 45-cfr-164-512-12
  q4:
    ask: age
    branches:
      - when: {op: in, value: [18, 19]}
        to: o1
      - when: {op: "==", value: 21}
        to: o2
      - when: {op: ">=", value: 65}
        to: q5
      - to: o3
    citations:
      - cite: 45-cfr-164-512-12
  q5:
    ask: other
    branches:
      - when: {op: "==", value: true}
        to: o1
      - to: o2
        label: otherwise
    citations:
      - cite: 45-cfr-164-512-12
outcomes:
  o1:
    verdict: must_not_disclose
    label: L
    rationale: |
      A literal block scalar,
        with indentation inside.
    actions:
      - who: the therapist
        what: Document it, and why.
        required: false
      - who: "the client: always"
        what: Tell them.
        by_when: promptly
    citations:
      - cite: 45-cfr-164-512-12
  o2:
    verdict: must_disclose_or_act
    label: L
    rationale: R
    actions:
      - who: someone with a very long name that goes on and on so that the action cannot fit on one line at all
        what: Something that also takes a great many words to say, so the item is written as a block.
    citations:
      - cite: 45-cfr-164-512-12
  # a comment between nodes
  o3:
    verdict: may_disclose_with_consent
    label: L
    rationale: R
    citations:
      - cite: 45-cfr-164-512-12
"""


def test_converting_a_sample_tree_yields_an_equal_model(registry, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(LONG)
    result = rewrite.rewrite(path, registry)
    assert result.changed and result.new.count("\n") < LONG.count("\n")
    assert tree_of(result.new, registry) == tree_of(LONG, registry)
    new = result.new
    assert "    no: {to: q2, label: \"no: not flagged, go on\"}\n    yes: q3\n" in new
    assert "    citations: [45-cfr-164-512-12, 45-cfr-164-512-13]\n" in new
    assert "    branches:  # a comment here keeps this list as written\n" in new  # untouched
    assert "        note: a note keeps the long form\n" in new
    assert "      A folded block scalar that must survive\n      exactly as written.\n\n" in new
    assert "label: 'anything # else'" in new  # a value holding '#' is left as written
    assert "      c: {to: q4, label: \"true\"}\n" not in new  # q3 holds a '#': whole branches list kept
    assert "      - {when: [18, 19], to: o1}\n      - {when: 21, to: o2}\n" in new
    assert "    yes: o1\n    otherwise: {to: o2, label: otherwise}\n" in new
    assert "      - {who: the therapist, what: \"Document it, and why.\", required: false}\n" in new
    assert "      - who: someone with a very long name" in new  # too long for one line: a block
    assert "  # a comment between nodes\n" in new
    assert "    rationale: |\n      A literal block scalar,\n        with indentation inside.\n" in new
    assert rewrite.convert_text(new) == new  # converting again changes nothing


def test_cases_form_from_a_converted_enum_question(registry):
    text = LONG.replace("label: 'anything # else'", "label: anything else")
    new = rewrite.convert_text(text)
    assert "    cases:\n      c: {to: q4, label: \"true\"}\n      b: o1\n    otherwise: {to: o3, label: anything else}\n" in new
    assert tree_of(new, registry) == tree_of(text, registry)


def test_the_bundled_trees_are_in_the_shorthand(cli):
    result = cli("shorthand", "--check", bundled_root() / "decision_trees")
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_prints_then_writes_and_says_so(cli, content_root):
    path = content_root / "decision_trees" / "t.yaml"
    path.write_text(LONG)
    shown = cli("shorthand", path)
    assert shown.returncode == 0, shown.stderr
    assert path.read_text() == LONG  # printing never writes
    assert "yes: q3" in shown.stdout
    assert cli("shorthand", "--check", path).returncode == 1
    written = cli("shorthand", "--write", path)
    assert written.returncode == 0, written.stderr
    assert path.read_text() == shown.stdout
    assert f"{path}: {LONG.count(chr(10))} -> {shown.stdout.count(chr(10))} lines" in written.stdout
    assert cli("shorthand", "--check", path).returncode == 0
    assert cli("check", content_root).returncode == 0


def test_cli_refuses_a_tree_that_does_not_load(cli, content_root):
    path = content_root / "decision_trees" / "t.yaml"
    broken = LONG.replace("to: q2\n", "to: q2\n        to: q3\n", 1)  # a duplicate key
    path.write_text(broken)
    result = cli("shorthand", "--write", path)
    assert result.returncode == 1
    assert "does not load as a tree" in result.stderr and "duplicate key 'to'" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text() == broken


def test_a_rewrite_that_would_load_differently_is_refused(registry, tmp_path, monkeypatch):
    path = tmp_path / "t.yaml"
    path.write_text(LONG)
    monkeypatch.setattr(rewrite, "convert_text", lambda text, source="": text.replace("to: q3", "to: o3", 1))
    with pytest.raises(rewrite.Refused, match="would load differently .*questions.q1"):
        rewrite.rewrite(path, registry)
    monkeypatch.setattr(rewrite, "convert_text", lambda text, source="": text.replace("  # a comment between nodes\n", "", 1))
    with pytest.raises(rewrite.Refused, match="would lose a comment"):
        rewrite.rewrite(path, registry)
    assert path.read_text() == LONG


def test_a_file_changed_since_it_was_read_is_not_written(registry, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(LONG)
    result = rewrite.rewrite(path, registry)
    path.write_text(LONG + "# edited meanwhile\n")
    with pytest.raises(rewrite.Refused, match="changed on disk"):
        rewrite.write(result)
    assert path.read_text().endswith("# edited meanwhile\n")


def test_scalars_read_back_as_written():
    import datetime

    for value in ["yes", "no", "true", "null", "12", "1.5", "a: b", "a #b", "- x", "[x]", "{x}", "'q'", '"q"',
                  "", " padded ", "é — ü", "line\nbreak", "*alias", "&anchor", "!tag", "%", "@x", "`x`",
                  True, False, 0, -7, datetime.date(2024, 7, 1)]:
        for context in ("flow", "block"):
            text = rewrite.scalar(value, context)
            data, _ = load.read_yaml(f"k: [{text}]" if context == "flow" else f"k: {text}", "x.yaml")
            got = data["k"][0] if context == "flow" else data["k"]
            assert got == value and type(got) is type(value), (value, context, text)


# The JSON Schema describes the written form.

def test_the_tree_schema_accepts_the_bundled_trees_and_refuses_mixing():
    jsonschema = pytest.importorskip("jsonschema")
    tree_schema = json.loads(schema.schema_path("tree").read_text())
    for path in yaml_files(bundled_root() / "decision_trees"):
        data, _ = load.read_yaml(path.read_text(), str(path))
        jsonschema.validate(data, tree_schema)
    data, _ = load.read_yaml(LONG, "t.yaml")
    jsonschema.validate(data, tree_schema)
    data["questions"]["q1"]["yes"] = "o1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, tree_schema)
    question = tree_schema["$defs"]["Question"]["properties"]
    assert {"yes", "no", "cases", "otherwise"} <= set(question)


def test_dataclass_equality_is_what_the_converter_relies_on(registry):
    tree = tree_of(LONG, registry)
    other = dataclasses.replace(tree, questions={**tree.questions, "q1": dataclasses.replace(
        tree.questions["q1"], branches=tuple(reversed(tree.questions["q1"].branches)))})
    assert other != tree  # branch order is part of the model


def test_the_documented_example_loads(registry):
    text = (Path(__file__).resolve().parent.parent / "docs" / "authoring.md").read_text()
    example = text.split("## Shorthand", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    tree = tree_of(HEAD + example.replace("questions:\n", "questions:\n  q1: {ask: flag, yes: o1, no: o2, "
                                          "citations: [45-cfr-164-512-12]}\n", 1) + OUTCOMES, registry)
    child = tree.questions["q_child_now"]
    assert [(b.when.value, b.to, b.label) for b in child.branches] == [
        (True, "q_suspicion", None), (False, "q_current_child", "an adult now")]
    assert [c.id for c in child.citations] == ["42-u-s-c-5106a-5", "child-welfare-information-gateway-mandatory-repo"]
    rule = tree.questions["q_rule"]
    assert [(b.when and (b.when.op, b.when.value), b.to) for b in rule.branches] == [
        (("==", "all_persons"), "o_report"), (("==", "professional_role_only"), "q_capacity"), (None, "o_no_duty")]
    assert tree.questions["q_age"].branches[0].when == model.When(op="in", value=(16, 17))


def test_a_shorthand_mistake_names_its_file(registry):
    text = HEAD + "questions:\n  q1:\n    ask: flag\n    cases: [a, b]\n    citations: [45-cfr-164-512-12]\n" + OUTCOMES
    with pytest.raises(ContentError) as caught:
        tree_of(text, registry, name="trees/mine.yaml")
    assert {p.path for p in caught.value.problems} == {"trees/mine.yaml"}
