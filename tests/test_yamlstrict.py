import datetime

import pytest

from confide.problems import ContentError
from confide.yamlstrict import read_yaml


def test_yaml_1_1_booleans_stay_text():
    data, _ = read_yaml("a: NO\nb: yes\nc: on\nd: true\ne: False\n", "x.yaml")
    assert data == {"a": "NO", "b": "yes", "c": "on", "d": True, "e": False}


def test_sexagesimal_and_dates():
    data, _ = read_yaml("t: 12:30\nd: 2024-07-01\nn: 12\n", "x.yaml")
    assert data == {"t": "12:30", "d": datetime.date(2024, 7, 1), "n": 12}


def test_lines_are_remembered_for_keys_and_items():
    _, lines = read_yaml("a:\n  - x\n  - y: 1\n", "x.yaml")
    assert lines[("a",)] == 1 and lines[("a", 1)] == 3 and lines[("a", 1, "y")] == 3


def test_duplicate_keys_are_all_reported():
    with pytest.raises(ContentError) as caught:
        read_yaml("a: 1\nb: 2\na: 3\nb: 4\n", "x.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "x.yaml:3: duplicate key 'a' (first defined on line 1)",
        "x.yaml:4: duplicate key 'b' (first defined on line 2)",
    ]


def test_deep_nesting_is_refused_quickly():
    with pytest.raises(ContentError) as caught:
        read_yaml("a: " + "[" * 5000 + "]" * 5000, "x.yaml")
    assert "nesting deeper than" in str(caught.value)


def test_huge_file_is_refused_before_parsing():
    with pytest.raises(ContentError) as caught:
        read_yaml("a: " + "x" * 2_000_000, "x.yaml")
    assert "larger than" in str(caught.value)


@pytest.mark.parametrize("text", ["!!python/object:os.system {}", "a: !!binary aGVsbG8=", "a: !custom 1"])
def test_tags_are_refused(text):
    with pytest.raises(ContentError) as caught:
        read_yaml(text, "x.yaml")
    assert "is not allowed" in str(caught.value)


SAMPLES = {
    "nested": "a:\n  - b: 1\n    c: [x, 2024-07-01, true, ~]\n  - 'quoted'\nd: |\n  two\n  lines\n",
    "duplicate": "a: 1\nb:\n  c: 2\n  c: 3\n",
    "alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!python/object:os.system {}\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "non-text key": "[1, 2]: x\n",
}


def _outcome(text: str) -> str:
    try:
        return repr(read_yaml(text, "x.yaml"))
    except ContentError as exc:
        return repr([str(p) for p in exc.problems])


def test_the_pure_python_parser_reads_as_libyaml_does():
    """In the browser PyYAML has no libyaml: the same data, lines and findings either way."""
    import json
    import subprocess
    import sys

    script = ("import json, sys; sys.modules['yaml._yaml'] = None\n"
              "from confide import yamlstrict\n"
              "assert 'Reader' in [c.__name__ for c in yamlstrict._Parser.__mro__]\n"
              "from tests.test_yamlstrict import SAMPLES, _outcome\n"
              "print(json.dumps({k: _outcome(v) for k, v in SAMPLES.items()}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=__import__("pathlib").Path(__file__).parent.parent)
    assert json.loads(done.stdout) == {k: _outcome(v) for k, v in SAMPLES.items()}
