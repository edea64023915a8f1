"""Predict-then-reveal records, and the class view an instructor makes of them.

A student's predictions are kept one per (case, step, jurisdiction) — the first counts — with the
student's name or id and the time, and exported as CSV. ``class_report`` reads a folder of those
files (a class's exports) and ``class_chart_html`` draws, per step, how the class predicted
against the verdict — a bar per verdict chosen — and the facts that would have made each wrong
prediction right (the reasons missed). Pure Python: it runs in the browser build too.
"""

from __future__ import annotations

import base64
import csv
import datetime
import html
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .cards import TONES, icon
from .evaluate import evaluate, flips
from .library import Library

FIELDS = ("student", "case", "step", "jurisdiction", "prediction", "actual", "correct", "time")


class Predictions:
    """Predicted verdicts, one per (case, step, jurisdiction): the first one counts."""

    FIELDS = FIELDS

    def __init__(self, student: str = "") -> None:
        self.rows: list[dict] = []
        self.student = student

    def has(self, case: str, step: int, jurisdiction: str) -> bool:
        return any((r["case"], r["step"], r["jurisdiction"]) == (case, step, jurisdiction) for r in self.rows)

    def add(self, case: str, step: int, jurisdiction: str, prediction: str, actual: str | None) -> dict:
        row = {"student": self.student, "case": case, "step": step, "jurisdiction": jurisdiction,
               "prediction": prediction, "actual": actual, "correct": prediction == actual,
               "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")}
        self.rows.append(row)
        return row

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()

    def summary_html(self) -> str:
        right = sum(r["correct"] for r in self.rows)
        total = len(self.rows)
        return (f"<p role='status'><b>Score: {right} of {total} predictions right</b>"
                f" ({100 * right // max(total, 1)}%).</p>")

    def file_name(self) -> str:
        who = "".join(c if c.isalnum() or c in "-_" else "-" for c in self.student.strip())[:40] or "student"
        return f"confide-predictions-{who}.csv"

    def download_link(self) -> str:
        data = base64.b64encode(self.csv().encode("utf-8")).decode("ascii")
        return (f"<a download='{html.escape(self.file_name(), quote=True)}' "
                f"href='data:text/csv;charset=utf-8;base64,{data}'>Download your predictions (CSV)</a>")


@dataclass
class StepReport:
    """How a class predicted one step of one case in one jurisdiction."""

    case: str
    step: int
    jurisdiction: str
    actual: str | None
    chosen: Counter = field(default_factory=Counter)  # verdict -> number of students
    missed: Counter = field(default_factory=Counter)  # fact that would have made a wrong prediction right -> count

    @property
    def students(self) -> int:
        return sum(self.chosen.values())

    @property
    def right(self) -> int:
        return self.chosen.get(self.actual, 0) if self.actual else 0


@dataclass
class ClassReport:
    steps: list[StepReport]
    students: list[str]
    problems: list[str]  # files or rows that could not be read, in words


def read_exports(folder: Path) -> tuple[list[dict], list[str]]:
    """Every row of every CSV export in ``folder``; unreadable files and rows are named, not fatal."""
    rows, problems = [], []
    for path in sorted(Path(folder).glob("*.csv")):
        try:
            with path.open(encoding="utf-8", newline="") as stream:
                reader = csv.DictReader(stream)
                missing = {"case", "step", "jurisdiction", "prediction"} - set(reader.fieldnames or ())
                if missing:
                    problems.append(f"{path.name}: not a Confide export (no {', '.join(sorted(missing))} column)")
                    continue
                for number, row in enumerate(reader, start=2):
                    try:
                        row["step"] = int(row["step"])
                    except (TypeError, ValueError):
                        problems.append(f"{path.name}:{number}: step {row.get('step')!r} is not a number")
                        continue
                    row["student"] = row.get("student") or path.stem
                    rows.append(row)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            problems.append(f"{path.name}: cannot be read ({exc})")
    return rows, problems


def class_report(library: Library, folder: Path) -> ClassReport:
    """Per (case, step, jurisdiction): the verdict, what the class chose, and for each wrong
    prediction the facts whose single change would have given it (what was likely misjudged)."""
    rows, problems = read_exports(folder)
    first: dict[tuple, dict] = {}
    for row in rows:  # each student's first prediction for a step counts
        first.setdefault((row["student"], row["case"], row["step"], row["jurisdiction"]), row)
    steps: dict[tuple, StepReport] = {}
    changes: dict[tuple, list] = {}  # the step's flips: (verdict it gives, the fact's words)
    for (student, case_id, step, name), row in sorted(first.items(), key=lambda item: item[0][1:]):
        case, jurisdiction = library.cases.get(case_id), library.jurisdictions.get(name)
        if case is None or jurisdiction is None or not 1 <= step <= len(case.steps):
            problems.append(f"{student}: unknown case, step or jurisdiction ({case_id}, {step}, {name})")
            continue
        if row["prediction"] not in model.VERDICTS:
            problems.append(f"{student}: {row['prediction']!r} is not a verdict")
            continue
        key = (case_id, step, name)
        if key not in steps:
            tree, facts = library.trees[case.tree], case.facts_at(step - 1)
            steps[key] = StepReport(case_id, step, name, evaluate(tree, facts, jurisdiction, case.as_of).verdict)
            changes[key] = [(f.result.verdict, tree.facts[f.fact].short or tree.facts[f.fact].question)
                            for f in flips(tree, facts, jurisdiction, case.as_of)]
        report = steps[key]
        report.chosen[row["prediction"]] += 1
        if row["prediction"] != report.actual:
            report.missed.update(words for verdict, words in changes[key] if verdict == row["prediction"])
    return ClassReport(list(steps.values()), sorted({key[0] for key in first}), problems)


def class_chart_html(library: Library, report: ClassReport) -> str:
    """One bar chart per step: a bar per verdict the class chose, as a share of the class, the
    tree's verdict marked (by a thick outline and the words, not colour alone); then the facts
    behind the wrong predictions."""
    e = html.escape
    blocks = []
    for step in report.steps:
        case = library.cases[step.case]
        title = case.steps[step.step - 1].title
        bars = []
        for verdict in model.VERDICTS:
            count = step.chosen.get(verdict, 0)
            if not count and verdict != step.actual:
                continue
            share = 100 * count / max(step.students, 1)
            is_verdict = verdict == step.actual
            bars.append(
                f"<li class='bar{' verdict' if is_verdict else ''}'>"
                f"<span class='name'>{icon(verdict, 22)} {e(model.VERDICT_WORDS[verdict])}"
                f"{' — the verdict' if is_verdict else ''}</span>"
                f"<span class='track'><span class='fill' style='width:{share:.1f}%;"
                f"background:{TONES[verdict]}'></span></span>"
                f"<span class='count'>{count} of {step.students} ({share:.0f}%)</span></li>")
        missed = "".join(f"<li>{e(words)} — {n} student{'' if n == 1 else 's'}</li>"
                         for words, n in step.missed.most_common(5))
        missed_html = (f"<p class='missed-head'>Wrong predictions would have been right if this had been "
                       f"different:</p><ul class='missed'>{missed}</ul>") if missed else ""
        name = library.jurisdictions[step.jurisdiction].name
        blocks.append(f"<section class='confide-class-step' aria-label='{e(case.title, quote=True)}, step {step.step}'>"
                      f"<h4>{e(case.title)} — step {step.step}: {e(title)} ({e(name)})</h4>"
                      f"<p class='right'>{step.right} of {step.students} predicted the verdict</p>"
                      f"<ol class='bars'>{''.join(bars)}</ol>{missed_html}</section>")
    problems = "".join(f"<li>{e(p)}</li>" for p in report.problems)
    notes = f"<details class='problems'><summary>{len(report.problems)} rows skipped</summary><ul>{problems}</ul></details>" \
        if report.problems else ""
    head = f"<p><b>{len(report.students)} students</b>, {len(report.steps)} steps.</p>"
    return f"{CHART_CSS}<div class='confide-class'>{head}{''.join(blocks) or '<p>No predictions found.</p>'}{notes}</div>"


CHART_CSS = """<style>
.confide-class { font-size: 18px; color: #111827; max-width: 60em; }
.confide-class h4 { font-size: 20px; margin: 1em 0 .2em; }
.confide-class .right { margin: 0 0 .3em; }
.confide-class ol.bars { list-style: none; padding: 0; margin: 0; }
.confide-class li.bar { display: grid; grid-template-columns: minmax(12em, 18em) 1fr 8em; gap: .6em;
  align-items: center; margin: .25em 0; padding: .15em .3em; border: 2px solid transparent; border-radius: 6px; }
.confide-class li.bar.verdict { border: 3px solid #111827; font-weight: bold; }
.confide-class .name { display: flex; align-items: center; gap: .3em; }
.confide-class .track { height: 1.3em; background: #e5e7eb; border-radius: 4px; overflow: hidden; }
.confide-class .fill { display: block; height: 100%; }
.confide-class .count { text-align: right; font-variant-numeric: tabular-nums; }
.confide-class ul.missed { margin: .2em 0 0; }
</style>"""


class ClassChart:
    """What ``class_chart`` returns: shown as the chart in Jupyter, its parts kept for checks."""

    def __init__(self, html_text: str, report: ClassReport | None) -> None:
        self.html, self.report = html_text, report

    def _repr_html_(self) -> str:
        return self.html


def class_chart(folder: Path | str, library: Library | None = None) -> ClassChart:
    """The chart of a folder of students' exported predictions (their CSV files)."""
    from .library import default_library

    folder = Path(folder)
    if not folder.is_dir():
        return ClassChart(f"<p role='status'>No folder <code>{html.escape(str(folder))}</code> yet: put the "
                          "students' CSV files (Download your predictions) in it and run this cell again.</p>", None)
    library = library or default_library()
    report = class_report(library, folder)
    return ClassChart(class_chart_html(library, report), report)
