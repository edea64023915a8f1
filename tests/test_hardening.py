"""Hostile input never produces a traceback, a hang or unbounded memory: only our own errors."""

import resource
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from confide import model
from confide.check import check_library
from confide.library import Library, load_library
from confide.load import validate
from confide.problems import ContentError
from confide.yamlstrict import read_yaml


def test_huge_and_deep_files_give_one_line_errors(cli, tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_text("title: " + "x" * 3_000_000 + "\n")
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: " + "[" * 100_000 + "]" * 100_000 + "\n")
    for path, message in ((huge, "larger than"), (deep, "nesting deeper than")):
        result = cli("check", path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{path}:1: " in result.stdout and message in result.stdout


def test_binary_garbage_is_a_clean_error(cli, tmp_path):
    path = tmp_path / "garbage.yaml"
    path.write_bytes(b"title: ok\n\xff\xfe\x00bad")
    result = cli("check", path)
    assert result.returncode == 1 and f"{path}:2: not valid UTF-8 text" in result.stdout


def test_alias_bomb_is_refused_with_bounded_memory(tmp_path):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        read_yaml(bomb, "bomb.yaml")
    except ContentError as exc:
        assert "aliases" in str(exc)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB


yaml_text = st.text(alphabet=string.printable + "äé§—\u2028", max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_text)
def test_any_text_reads_or_fails_cleanly(text):
    try:
        read_yaml(text, "fuzz.yaml")
    except ContentError as exc:
        assert all(p.path == "fuzz.yaml" and p.line >= 1 for p in exc.problems)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=8),
                    st.dates(), st.sampled_from(["must_not_disclose", "client", "california",
                                                 "duty_to_protect", "NO"]))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["title", "tree", "jurisdiction", "summary", "steps", "facts",
                                     "expect", "narrative", "discussion", "teaching_notes",
                                     "references", "source", "cite", "read", "law", "expect_in", "as_of",
                                     "serious_threat_of_violence", "threat_source", "x"]),
                    inner, max_size=8)), max_leaves=30)


_LIBRARY = load_library()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_document_validates_and_checks_cleanly(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        data, lines = read_yaml(text, "case.yaml")
        case = validate(model.Case, data, lines, "case.yaml", id="fuzz", path="case.yaml")
    except ContentError as exc:
        assert all(p.path == "case.yaml" for p in exc.problems)
        return
    library = Library(trees=_LIBRARY.trees, jurisdictions=_LIBRARY.jurisdictions,
                      parameters=_LIBRARY.parameters, cases={"fuzz": case},
                      lines={**_LIBRARY.lines, "case.yaml": lines})
    for problem in check_library(library):
        assert problem.line >= 1 and problem.message


question_parts = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["to", "label", "when", "op", "value", "a", "b", "cite"]), inner, max_size=4)),
    max_leaves=12)
questions = st.dictionaries(
    st.sampled_from(["ask", "yes", "no", "cases", "otherwise", "branches", "citations", "text"]),
    question_parts, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions)
def test_any_shorthand_question_validates_and_checks_cleanly(question):
    document = {"title": "T", "summary": "s", "root": "q1",
                "facts": {"flag": {"type": "bool", "question": "F?"}},
                "questions": {"q1": question},
                "outcomes": {"a": {"verdict": "must_not_disclose", "label": "L", "rationale": "R",
                                   "citations": [{"source": "S", "law": "federal", "unverified": "test"}]}}}
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        data, lines = read_yaml(text, "tree.yaml")
        tree = validate(model.Tree, data, lines, "tree.yaml", id="fuzz", path="tree.yaml")
    except ContentError as exc:
        assert all(p.path == "tree.yaml" and p.line >= 1 for p in exc.problems)
        return
    library = Library(trees={"fuzz": tree}, jurisdictions=_LIBRARY.jurisdictions,
                      parameters=_LIBRARY.parameters, lines={**_LIBRARY.lines, "tree.yaml": lines})
    for problem in check_library(library):
        assert problem.line >= 1 and problem.message
