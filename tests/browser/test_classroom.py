"""Classroom modes in a real JupyterLab: the student version of the predict exercise shows no
answer after Run All; a folder of 30 students' exports becomes one legible chart."""

from __future__ import annotations

import json

import pytest

from confide import model
from confide.predictions import Predictions
from confide.release import release
from conftest import ROOT, run_notebook  # tests/browser/conftest.py (on sys.path)

pytestmark = pytest.mark.browser


def test_the_student_version_shows_no_answer_after_run_all(lab, chromium, notebook_dir) -> None:  # noqa: ANN001
    source = json.loads((ROOT / "notebooks" / "predict.ipynb").read_text())
    (notebook_dir / "student").mkdir(exist_ok=True)
    (notebook_dir / "student" / "predict.ipynb").write_text(json.dumps(release(source, "student")))
    page = run_notebook(lab, chromium, "student/predict.ipynb", workspace="confide-student")
    try:
        page.locator(".confide-predict").first.wait_for(timeout=60_000)
        assert page.locator(".confide-card").first.inner_text().startswith("Outcome hidden")
        assert page.locator(".confide-pathview li.step").count() == 0
        assert "reveal every outcome" not in page.locator(".jp-Notebook").inner_text()
        # Verdict words appear only as the choices offered, never as an answer.
        outside_choices = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output')]
          .map(o => { const c = o.cloneNode(true); c.querySelectorAll('.widget-radio-box').forEach(r => r.remove());
                      return c.innerText; }).join('\\n')""")
        assert not [w for w in model.VERDICT_WORDS.values() if w in outside_choices], outside_choices
        assert page.locator(".confide-facts input:disabled").count() > 0  # no what-if before predicting
    finally:
        page.close()


def test_thirty_exports_become_one_chart(lab, chromium, notebook_dir) -> None:  # noqa: ANN001
    folder = notebook_dir / "class_answers"
    folder.mkdir(exist_ok=True)
    for index in range(30):
        records = Predictions(student=f"s{index:02d}")
        records.add("angry_ex_boyfriend", 1, "california", "must_not_disclose" if index < 24 else "must_disclose_or_act", None)
        records.add("angry_ex_boyfriend", 2, "california", "must_disclose_or_act" if index < 15 else "must_not_disclose", None)
        (folder / records.file_name()).write_text(records.csv())
    page = run_notebook(lab, chromium, "class_results.ipynb", workspace="confide-class")
    try:
        chart = page.locator(".confide-class")
        chart.wait_for(timeout=60_000)
        assert "30 students" in chart.inner_text()
        assert page.locator(".confide-class-step").count() == 2
        widths = page.evaluate("() => [...document.querySelectorAll('.confide-class-step')].map(s => "
                               "[...s.querySelectorAll('.fill')].map(f => f.getBoundingClientRect().width / "
                               "f.parentElement.getBoundingClientRect().width))")
        assert [round(w, 2) for w in widths[0]] == [0.8, 0.2] and [round(w, 2) for w in widths[1]] == [0.5, 0.5]
        sizes = page.evaluate("() => [...document.querySelectorAll('.confide-class .name, .confide-class .count')]"
                              ".map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert min(sizes) >= 18, sizes
        assert "15 of 30 predicted the verdict" in chart.inner_text()
    finally:
        page.close()
