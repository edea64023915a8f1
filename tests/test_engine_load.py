"""`confide.load`: YAML files into model objects, and every problem as ``path:line: message``.
Tiny files written here; the loader functions are called directly (no cache in between)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

import confide
from confide import load, model
from confide.problems import ContentError
from engine_kit import ALPHA, CASE, PARAMETERS, TREE, line_of, write_content


@pytest.fixture
def root(tmp_path) -> Path:  # noqa: ANN001
    return write_content(tmp_path)


@pytest.fixture
def registry(root) -> load.Registry:  # noqa: ANN001
    return load.registry_of([load.load_sources(root / "sources" / "federal.yaml")[0]])


def test_the_engine_under_test_is_this_checkout():
    here = Path(confide.__file__).resolve()
    assert here.parent.name == "confide" and here.parent.parent.name == "src", here
    assert Path(load.__file__).resolve().parent == here.parent
    if "MUTANT_UNDER_TEST" in os.environ:  # under `make mutate`: the mutated copy, not the editable install
        assert here.parent.parent.parent.name == "mutants", here


def test_a_tree_loads_with_its_id_and_path_from_the_file_name(root, registry):  # noqa: ANN001
    path = root / "decision_trees" / "t.yaml"
    tree, lines = load.load_tree(path, registry)
    assert (tree.id, tree.path, tree.root, tree.title) == ("t", str(path), "q_threat", "Test tree")
    assert list(tree.questions) == ["q_threat", "q_source", "q_rule", "q_age"]
    assert tree.facts["source"] == model.Fact(type="enum", question="Who told the therapist?", values=("client", "family"))
    q_age = tree.questions["q_age"]
    assert q_age.branches == (model.Branch(to="o_consent", when=model.When(op=">=", parameter="age_of_consent")),
                              model.Branch(to="o_act"))
    assert tree.outcomes["o_act"].actions == (model.Action(who="the parents", what="Tell them.", required=False),)
    assert lines[("questions", "q_age")] == line_of(TREE, "  q_age:")


def test_a_cite_becomes_the_registry_entry_with_its_law_and_id(root, registry):  # noqa: ANN001
    tree, _ = load.load_tree(root / "decision_trees" / "t.yaml", registry)
    assert tree.questions["q_threat"].citations == (model.Citation(
        source="Test Act §1", url="https://www.ecfr.gov/current/title-1/section-1", unverified="made up for a test",
        law="federal", id="s1"),)


def test_a_cite_note_is_kept_on_the_citation(root, registry):  # noqa: ANN001
    path = root / "decision_trees" / "t.yaml"
    path.write_text(TREE.replace("[{cite: s1}]", "[{cite: s2, note: para. 3}]", 1))
    citation = load.load_tree(path, registry)[0].questions["q_threat"].citations[0]
    assert (citation.id, citation.source, citation.note) == ("s2", "Test Act §2", "para. 3")


def test_a_jurisdiction_loads_single_and_dated_settings(root, registry):  # noqa: ANN001
    alpha, _ = load.load_jurisdiction(root / "jurisdictions" / "alpha.yaml", registry)
    assert (alpha.id, alpha.name) == ("alpha", "Alpha")
    assert [(s.value, s.effective) for s in alpha.history("rule")] == [("lenient", None),
                                                                       ("strict", datetime.date(2020, 7, 1))]
    assert alpha.parameters["age_of_consent"].value == 12
    assert alpha.parameters["duty"].value is True


def test_a_case_loads_with_typed_facts(root, registry):  # noqa: ANN001
    path = root / "casebook" / "c.yaml"
    path.write_text(CASE)
    case, _ = load.load_case(path, registry)
    assert (case.id, case.tree, case.as_of) == ("c", "t", datetime.date(2021, 1, 1))
    assert case.steps[1].facts == {"threat": True, "source": "client", "age": 11}
    assert case.steps[1].expect_in == {"beta": "must_disclose_or_act"}


def test_parameters_sources_and_publishers_load(root):  # noqa: ANN001
    sources, _ = load.load_sources(root / "sources" / "federal.yaml")
    assert (sources.law, sources.path, list(sources.sources)) == ("federal", str(root / "sources" / "federal.yaml"),
                                                                  ["s1", "s2"])
    declared, _ = load.load_parameters(root / "jurisdictions" / "_parameters.yaml")
    assert list(declared.parameters) == ["rule", "age_of_consent", "duty"]
    assert declared.parameters["rule"].values == ("strict", "lenient")
    publishers, _ = load.load_publishers(root / "sources" / "_publishers.yaml")
    assert publishers.publishers["federal"] == ("ecfr.gov",)


def test_an_empty_value_counts_as_not_given(root, registry):  # noqa: ANN001
    path = root / "decision_trees" / "t.yaml"
    path.write_text(TREE.replace("root: q_threat\n", "root: q_threat\ntopics:\n"))
    assert load.load_tree(path, registry)[0].topics == ()


def test_empty_values_inside_lists_are_dropped_too():
    assert load._without_empty({"a": None, "b": [{"c": None, "d": 1}], "e": 0}) == {"b": [{"d": 1}], "e": 0}


# -- problems -------------------------------------------------------------------------------------

LOAD_PROBLEMS = [
    # (name, loader, text, old, new, snippet whose line is reported, message)
    ("unknown key", "tree", TREE, '{when: {op: "==", value: true}', '{whn: {op: "==", value: true}',
     "{whn:", "unknown key 'whn' (did you mean 'when'?); allowed keys: label, to, when"),
    ("unknown top-level key", "tree", TREE, "root: q_threat\n", "root: q_threat\nrooot: x\n", "rooot:",
     "unknown key 'rooot' (did you mean 'root'?); allowed keys: facts, id, outcomes, path, questions, root, "
     "summary, title, topics"),
    ("missing key", "tree", TREE, "    rationale: A duty.\n", "", "  o_act:", "missing required key 'rationale'"),
    ("missing top-level key", "tree", TREE, "title: Test tree\n", "title:\n", "title:", "missing required key 'title'"),
    ("verdict not allowed", "tree", TREE, "verdict: must_not_disclose", "verdict: must_not_disclos",
     "must_not_disclos", "outcomes.o_keep.verdict: 'must_not_disclos' is not allowed (did you mean "
     "'must_not_disclose'?); expected one of: must_not_disclose, may_disclose_with_consent, "
     "may_disclose_permitted_by_law, must_disclose_or_act, must_respond_assert_privilege, disclose_court_order_minimum"),
    ("operator not allowed", "tree", TREE, '{op: "==", value: true}', '{op: "=~", value: true}', '"=~"',
     "questions.q_threat.branches.0.when.op: '=~' is not allowed; expected one of: ==, !=, <, <=, >, >=, in"),
    ("unknown source", "tree", TREE, "[{cite: s1}]", "[{cite: s11}]", "s11",
     "unknown source 's11' (did you mean 's1'?); sources are listed in sources/*.yaml"),
    ("cite with another key", "tree", TREE, "[{cite: s1}]", "[{cite: s1, page: 3}]", "page: 3",
     "a 'cite' entry takes only 'note' besides the id; unknown key 'page'"),
    ("not a list", "tree", TREE, "root: q_threat\n", "root: q_threat\ntopics: 3\n", "topics: 3",
     "topics: expected a list, got 3"),
    ("not a mapping", "tree", TREE, "  q_rule:\n    ask_parameter: rule\n", "  q_rule: 3\n  q_x:\n    ask_parameter: rule\n",
     "q_rule: 3", "questions.q_rule: expected a mapping of keys to values, got 3"),
    ("not a whole number", "jurisdiction", ALPHA, "value: 12", "value: [12]", "value: [12]",
     "parameters.age_of_consent.value: expected a date (YYYY-MM-DD) or a whole number or text or true or false, got [12]"),
    ("a date with a time", "case", CASE, "as_of: 2021-01-01", "as_of: 2021-01-01 10:00:00", "as_of:",
     "as_of: expected a date without a time, got datetime.datetime(2021, 1, 1, 10, 0)"),
    ("text expected", "parameters", PARAMETERS, "question: Is there a duty to act?", "question: [a]", "question: [a]",
     "parameters.duty.question: expected text, got ['a']"),
    ("a date expected", "jurisdiction", ALPHA, "effective: 2020-07-01", "effective: soon", "effective: soon",
     "parameters.rule.1.effective: expected a date (YYYY-MM-DD), got 'soon'"),
    ("a fraction for a whole number", "jurisdiction", ALPHA, "value: 12", "value: 1.5", "value: 1.5",
     "parameters.age_of_consent.value: expected a date without a time or a whole number or text or true or false, "
     "got 1.5"),
    ("not true or false", "tree", TREE, "required: false", "required: sometimes", "required: sometimes",
     "outcomes.o_act.actions.0.required: expected true or false, got 'sometimes'"),
]


@pytest.mark.parametrize("name,kind,text,old,new,snippet,message", LOAD_PROBLEMS, ids=[p[0] for p in LOAD_PROBLEMS])
def test_a_load_problem_names_the_line(root, registry, name, kind, text, old, new, snippet, message):  # noqa: ANN001
    assert text.count(old) >= 1
    changed = text.replace(old, new, 1)
    path = root / "x.yaml"
    path.write_text(changed)
    loader = {"tree": load.load_tree, "jurisdiction": load.load_jurisdiction, "case": load.load_case,
              "parameters": lambda p, _registry: load.load_parameters(p)}[kind]
    with pytest.raises(ContentError) as caught:
        loader(path, registry)
    assert f"{path}:{line_of(changed, snippet)}: {message}" in [str(p) for p in caught.value.problems]


def test_every_problem_of_a_file_is_reported_at_once_in_line_order(root, registry):  # noqa: ANN001
    text = TREE.replace("[{cite: s1}]", "[{cite: nope}]", 1).replace("verdict: must_not_disclose", "verdict: no")
    path = root / "x.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        load.load_tree(path, registry)
    assert [p.line for p in caught.value.problems] == [line_of(text, "nope"), line_of(text, "verdict: no")]
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)


def test_invalid_yaml_names_the_file_and_line(root):  # noqa: ANN001
    path = root / "x.yaml"
    path.write_text("title: T\nsummary: [unclosed\n")
    with pytest.raises(ContentError) as caught:
        load.load_tree(path)
    assert str(caught.value).startswith(f"{path}:3: invalid YAML: ")


def test_a_cite_of_a_list_is_an_unknown_source_not_a_crash(root, registry):  # noqa: ANN001
    path = root / "x.yaml"
    path.write_text(TREE.replace("[{cite: s1}]", "[{cite: [s1, s2]}]", 1))
    with pytest.raises(ContentError) as caught:
        load.load_tree(path, registry)
    assert [p.message for p in caught.value.problems] == [
        "unknown source '['s1', 's2']'; sources are listed in sources/*.yaml"]


def test_a_file_that_is_not_a_mapping(root):  # noqa: ANN001
    path = root / "x.yaml"
    path.write_text("- a\n- b\n")
    with pytest.raises(ContentError) as caught:
        load.load_tree(path)
    assert str(caught.value) == f"{path}:1: the file must be a mapping of keys to values"


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(root):  # noqa: ANN001
    path = root / "x.yaml"
    path.write_bytes(b"title: T\nsummary: S\nroot: \xff\n")
    with pytest.raises(ContentError) as caught:
        load.load_tree(path)
    assert str(caught.value) == f"{path}:3: not valid UTF-8 text"


def test_a_missing_file_is_a_problem_not_a_traceback(root):  # noqa: ANN001
    path = root / "nothing.yaml"
    with pytest.raises(ContentError) as caught:
        load.load_tree(path)
    assert str(caught.value) == f"{path}:1: cannot read: No such file or directory"


def test_a_cite_without_a_registry_is_an_unknown_source(root):  # noqa: ANN001
    with pytest.raises(ContentError) as caught:
        load.load_tree(root / "decision_trees" / "t.yaml")
    assert {p.message for p in caught.value.problems} == {"unknown source 's1'; sources are listed in sources/*.yaml"}


def test_registry_of_keeps_the_entry_its_law_and_id_and_drops_empty_fields(root):  # noqa: ANN001
    file, _ = load.load_sources(root / "sources" / "federal.yaml")
    assert load.registry_of([file])["s2"] == {"source": "Test Act §2", "url": "https://www.ecfr.gov/current/title-1/section-2",
                                              "unverified": "made up for a test", "law": "federal", "id": "s2"}


def test_resolve_citations_reports_each_unresolved_reference_with_its_location():
    data = {"a": [{"cite": "x"}, {"cite": "s1", "note": "n"}], "b": {"cite": 3}}
    resolved, problems = load.resolve_citations(data, {"s1": {"source": "S", "law": "federal", "id": "s1"}})
    assert resolved["a"][1] == {"source": "S", "law": "federal", "id": "s1", "note": "n"}
    assert resolved["a"][0] == {"source": "unknown source x", "law": ""}
    assert problems == [(("a", 0, "cite"), "unknown source 'x'; sources are listed in sources/*.yaml"),
                        (("b", "cite"), "unknown source '3'; sources are listed in sources/*.yaml")]


def test_allowed_keys_follow_the_schema_into_nested_and_union_places():
    assert load._allowed_keys(model.Tree, ("questions", "q", "branches", 0)) == ["label", "to", "when"]
    assert load._allowed_keys(model.Jurisdiction, ("parameters", "p")) == [
        "actions", "citations", "effective", "note", "uncertain", "value"]
    assert load._allowed_keys(model.Jurisdiction, ("parameters", "p", 0)) == [
        "actions", "citations", "effective", "note", "uncertain", "value"]
