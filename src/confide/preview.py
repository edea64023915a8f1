"""Notebook previews for authors: a case step by step, and the casebook's safety net."""

from __future__ import annotations

import html
from pathlib import Path

from . import explain, render
from .check import check_library
from .evaluate import evaluate
from .library import Library, load_library
from .model import VERDICT_WORDS


def casebook_problems(library: Library | None = None) -> list[str]:
    library = library or load_library()
    return [str(p) for p in check_library(library) if p.severity == "error"]


def assert_casebook_holds(library: Library | None = None) -> int:
    """Raise AssertionError naming every file and step that does not hold; else the case count."""
    library = library or load_library()
    problems = casebook_problems(library)
    if problems:
        raise AssertionError("the casebook does not hold:\n" + "\n".join(problems))
    return len(library.cases)


class CasePreview:
    """Each step of one case: narrative, expected vs actual verdict, diagram, findings."""

    def __init__(self, case: str | Path, library: Library | None = None):
        path = Path(case) if str(case).endswith((".yaml", ".yml")) else None
        self.library = library or load_library(extra_cases=(path,) if path else ())
        key = path.stem if path else str(case)
        if key not in self.library.cases:
            found = "\n".join(str(p) for p in self.library.problems) or f"unknown case '{case}'"
            raise ValueError(found)
        self.case = self.library.cases[key]
        self.findings = [p for p in check_library(self.library) if p.path == self.case.path]
        tree = self.library.trees.get(self.case.tree)
        jurisdiction = self.library.jurisdictions.get(self.case.jurisdiction)
        self.results = [evaluate(tree, self.case.facts_at(i), jurisdiction, self.case.as_of)
                        for i in range(len(self.case.steps))] if tree and jurisdiction else []

    @property
    def verdicts(self) -> list[str | None]:
        return [r.verdict for r in self.results]

    def _diagram(self, index: int) -> str:
        result = self.results[index]
        try:
            svg = render.pipe(render.to_dot(result.tree, result, self.library.parameter_names()), "svg")
        except render.DotMissing as exc:
            return f"<p><em>{html.escape(str(exc))}</em></p>"
        return f'<div style="max-width:100%;overflow:auto">{svg.decode().split("?>", 1)[-1]}</div>'

    def _repr_html_(self) -> str:
        parts = [f"<h3>{html.escape(self.case.title)}</h3>",
                 f"<p>{html.escape(self.case.summary)}</p>"]
        if self.findings:
            items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in self.findings)
            parts.append(f"<p><strong>check findings</strong></p><ul>{items}</ul>")
        for index, step in enumerate(self.case.steps):
            got = self.results[index].verdict if self.results else None
            mark = "✓" if got == step.expect else "✗"
            parts.append(f"<h4>Step {index + 1}: {html.escape(step.title)}</h4>")
            parts.append(f'<div style="white-space:pre-wrap">{html.escape(step.narrative)}</div>')
            parts.append(f"<p>{mark} expected <b>{VERDICT_WORDS[step.expect]}</b>; the tree gives "
                         f"<b>{html.escape(explain.verdict_words(got))}</b></p>")
            if self.results:
                parts.append(self._diagram(index))
        return "\n".join(parts)


def preview(case: str | Path, library: Library | None = None) -> CasePreview:
    return CasePreview(case, library)
