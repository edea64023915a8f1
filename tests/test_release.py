"""Student and instructor versions of an exercise from one source notebook."""

from __future__ import annotations

import json

import pytest

from confide.release import release
from conftest import ROOT

SOURCE = ROOT / "notebooks" / "predict.ipynb"


def cell(kind: str, text: str, *tags: str) -> dict:
    found = {"cell_type": kind, "metadata": {"tags": list(tags)} if tags else {}, "source": [text]}
    if kind == "code":
        found.update(outputs=[{"output_type": "stream", "name": "stdout", "text": ["must_not_disclose"]}],
                     execution_count=3)
    return found


NOTEBOOK = {"cells": [cell("markdown", "intro"), cell("code", "student()", "student"),
                      cell("code", "instructor()", "instructor"), cell("code", "both()")],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def sources(notebook: dict) -> list[str]:
    return ["".join(c["source"]) for c in notebook["cells"]]


def test_each_version_keeps_its_own_cells_and_the_shared_ones() -> None:
    assert sources(release(NOTEBOOK, "student")) == ["intro", "student()", "both()"]
    assert sources(release(NOTEBOOK, "instructor")) == ["intro", "instructor()", "both()"]


def test_no_output_travels_in_either_version() -> None:
    for version in ("student", "instructor"):
        code = [c for c in release(NOTEBOOK, version)["cells"] if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None and "tags" not in c["metadata"] for c in code)


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="student"):
        release(NOTEBOOK, "teacher")


def test_the_bundled_student_exercise_has_no_answers_and_no_reveal() -> None:
    student = "\n".join(sources(release(json.loads(SOURCE.read_text()), "student")))
    assert "predict=True)" in student and "instructor=True" not in student
    assert "assert" not in student and "must_not_disclose" not in student


def test_the_cli_writes_both_and_never_overwrites(cli, tmp_path) -> None:  # noqa: ANN001
    done = cli("release", SOURCE, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    student = tmp_path / "student" / "predict.ipynb"
    instructor = tmp_path / "instructor" / "predict.ipynb"
    assert "instructor=True" in instructor.read_text() and "instructor=True" not in student.read_text()
    student.write_text("{}")
    again = cli("release", SOURCE, "-o", tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr and student.read_text() == "{}"
    assert "Traceback" not in again.stderr
    assert cli("release", SOURCE, "-o", tmp_path, "--force").returncode == 0
    assert "instructor=True" not in student.read_text() and student.read_text() != "{}"
    bad = cli("release", ROOT / "README.md", "-o", tmp_path)
    assert bad.returncode == 2 and "not a notebook" in bad.stderr
