"""A class's exported predictions become one chart: 30 students' files read from a folder, per
step how they predicted against the verdict, and the facts behind the wrong predictions."""

from __future__ import annotations

import csv
import re

import pytest

from confide.predictions import FIELDS, Predictions, class_chart_html, class_report

CASE = "angry_ex_boyfriend"  # step 1: must not disclose; step 2 (California): must disclose or act


def write_class(folder, predictions_by_step: dict[int, list[str]]) -> None:  # noqa: ANN001
    students = len(next(iter(predictions_by_step.values())))
    for index in range(students):
        records = Predictions(student=f"student {index:02d}")
        for step, predicted in predictions_by_step.items():
            records.add(CASE, step, "california", predicted[index], None)
        (folder / records.file_name()).write_text(records.csv(), encoding="utf-8")


@pytest.fixture
def class_folder(tmp_path):  # noqa: ANN201
    write_class(tmp_path, {1: ["must_not_disclose"] * 20 + ["must_disclose_or_act"] * 10,
                           2: ["must_disclose_or_act"] * 18 + ["must_not_disclose"] * 12})
    return tmp_path


def test_thirty_files_become_one_report(library, class_folder) -> None:  # noqa: ANN001
    assert len(list(class_folder.glob("*.csv"))) == 30
    report = class_report(library, class_folder)
    assert len(report.students) == 30 and report.problems == []
    first, second = report.steps
    assert (first.step, first.actual, first.students, first.right) == (1, "must_not_disclose", 30, 20)
    assert (second.step, second.actual, second.right) == (2, "must_disclose_or_act", 18)
    assert second.chosen == {"must_disclose_or_act": 18, "must_not_disclose": 12}


def test_the_reasons_missed_are_the_facts_that_would_have_made_them_right(library, class_folder) -> None:  # noqa: ANN001
    second = class_report(library, class_folder).steps[1]
    tree = library.trees["duty_to_protect"]
    identifiable = tree.facts["victim_reasonably_identifiable"]
    assert second.missed[identifiable.short or identifiable.question] == 12
    assert set(second.missed.values()) == {12}


def test_the_chart_has_a_bar_per_verdict_chosen_with_the_verdict_marked(library, class_folder) -> None:  # noqa: ANN001
    chart = class_chart_html(library, class_report(library, class_folder))
    sections = re.findall(r"<section class='confide-class-step'.*?</section>", chart)
    assert len(sections) == 2 and "<b>30 students</b>" in chart
    assert "20 of 30 (67%)" in sections[0] and "10 of 30 (33%)" in sections[0]
    assert re.search(r"<li class='bar verdict'>.*?Must not disclose — the verdict.*?width:66\.7%", sections[0])
    assert "18 of 30 predicted the verdict" in sections[1]
    assert "— 12 students</li>" in sections[1]


def test_each_students_first_prediction_counts_and_bad_files_are_named(library, tmp_path) -> None:  # noqa: ANN001
    write_class(tmp_path, {1: ["must_not_disclose", "must_disclose_or_act"]})
    again = tmp_path / "confide-predictions-student-00.csv"
    with again.open("a", encoding="utf-8", newline="") as stream:  # a later try by the same student
        csv.DictWriter(stream, fieldnames=FIELDS, lineterminator="\n").writerow(
            {"student": "student 00", "case": CASE, "step": 1, "jurisdiction": "california",
             "prediction": "must_disclose_or_act", "actual": "", "correct": "", "time": ""})
    (tmp_path / "notes.csv").write_text("name,grade\nA,1\n", encoding="utf-8")
    (tmp_path / "typo.csv").write_text("student,case,step,jurisdiction,prediction\nx,nope,1,california,must_not_disclose\n"
                                       "y,angry_ex_boyfriend,one,california,must_not_disclose\n", encoding="utf-8")
    report = class_report(library, tmp_path)
    assert report.steps[0].chosen == {"must_not_disclose": 1, "must_disclose_or_act": 1}
    assert report.problems == ["notes.csv: not a Confide export (no case, jurisdiction, prediction, step column)",
                               "typo.csv:3: step 'one' is not a number",
                               "x: unknown case, step or jurisdiction (nope, 1, california)"]
    assert "3 rows skipped" in class_chart_html(library, report)


def test_text_from_files_is_escaped(library, tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "evil.csv").write_text("student,case,step,jurisdiction,prediction\n"
                                       "<script>x</script>,angry_ex_boyfriend,1,california,<b>no</b>\n", encoding="utf-8")
    chart = class_chart_html(library, class_report(library, tmp_path))
    assert "<script>" not in chart and "&lt;script&gt;" in chart and "&lt;b&gt;no&lt;/b&gt;" in chart
