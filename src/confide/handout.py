"""Printable handouts: one self-contained HTML page set per case, printed to PDF by Chromium.

The student version shows each session's narrative, a blank tree and room to predict; the
instructor version adds, per session, the diagram with the path, the verdict, actions and
deadlines, the reasons with their citations, and the teaching notes. Nothing is fetched from the
network: styles and diagrams are inline.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from . import explain, model, render
from .cards import markdown_html, outcome_card
from .evaluate import evaluate
from .library import Library

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm; }
body { font: 11pt/1.4 "DejaVu Sans", Helvetica, Arial, sans-serif; color: #111827; }
h1 { font-size: 18pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1.2em 0 .3em; break-after: avoid; }
.meta { color: #374151; font-size: 9.5pt; }
.step { border-top: 1px solid #9ca3af; padding-top: .4em; margin-top: .8em; }
.diagram { break-inside: avoid; }
.diagram svg { max-width: 100%; height: auto; max-height: 240mm; }
.predict { border: 1px solid #6b7280; padding: .3em .6em; margin: .5em 0; }
.predict li { list-style: "☐  "; margin: .15em 0; }
.confide-card { border: 1px solid #9ca3af; border-left: 8px solid #374151; padding: .3em .8em; }
.confide-uncertain { border-left: 4px double #92400e; padding: .1em .5em; background: #fffbeb; }
.cites, .confide-nla, footer { font-size: 9pt; color: #374151; }
.expected { font-weight: bold; }
.confide-quote { display: none; }  /* paper cannot open it; the badge still says what backs each source */
.confide-badge { border: 1px solid #374151; padding: 0 .3em; font-size: 8.5pt; }
"""


def _diagram(result_or_tree, parameters: dict) -> str:
    tree = getattr(result_or_tree, "tree", result_or_tree)
    result = result_or_tree if tree is not result_or_tree else None
    svg = render.pipe(render.to_dot(tree, result, parameters, neutral=result is None), "svg").decode("utf-8")
    return f"<div class='diagram'>{svg.split('?>', 1)[-1]}</div>"


def handout_html(library: Library, case: model.Case, jurisdiction: str | None = None,
                 instructor: bool = False) -> str:
    """The whole handout as one HTML document (needs `dot` for the diagrams)."""
    e = html.escape
    law = library.jurisdictions[jurisdiction or case.jurisdiction]
    tree, parameters = library.trees[case.tree], library.parameter_names()
    as_of = case.as_of
    version = "Instructor version" if instructor else "Student version"
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(case.title)}</title>",
             f"<style>{PRINT_CSS}</style></head><body>",
             f"<h1>{e(case.title)}</h1>",
             f"<p class='meta'>{e(version)} · {e(tree.title)} · {e(law.name)}"
             + (f" · law as of {as_of.isoformat()}" if as_of else "") + "</p>",
             f"<p>{e(case.summary)}</p>"]
    if not instructor:
        parts.append("<h2>The decision tree</h2>" + _diagram(tree, parameters))
    for index, step in enumerate(case.steps):
        result = evaluate(tree, case.facts_at(index), law, as_of)
        parts.append(f"<section class='step'><h2>Step {index + 1} of {len(case.steps)}: "
                     f"{e(step.title)}</h2>{markdown_html(step.narrative)}")
        if instructor:
            expected = step.expect if law.id == case.jurisdiction else step.expect_in.get(law.id)
            if expected:
                parts.append(f"<p class='expected'>Expected verdict: {e(model.VERDICT_WORDS[expected])}</p>")
            parts.append(outcome_card(result, parameters, elsewhere=explain.elsewhere_verdicts(
                result, case.facts_at(index), library.jurisdictions, parameters))
                .replace("<details>", "<details open>")
                .replace("<details class='confide-elsewhere'>", "<details class='confide-elsewhere' open>"))
            parts.append(_diagram(result, parameters))
        else:
            choices = "".join(f"<li>{e(words)}</li>" for words in model.VERDICT_WORDS.values())
            parts.append(f"<div class='predict'><b>Your prediction</b><ul>{choices}</ul>"
                         "<p>Why? ____________________________________________</p></div>")
        parts.append("</section>")
    parts.append("<h2>Discussion</h2><ol>" + "".join(f"<li>{e(q)}</li>" for q in case.discussion) + "</ol>")
    if instructor:
        parts.append(f"<h2>Teaching notes</h2><p>{e(case.teaching_notes)}</p>")
    references = "".join(f"<li>{e(c.source)}" + (f" — {e(c.url)}" if c.url else "")
                         + f" [{e(explain.citation_status(c))}]</li>" for c in case.references)
    if references:
        parts.append(f"<h2>References</h2><ul class='cites'>{references}</ul>")
    parts.append(f"<footer><p>{e(model.NOT_LEGAL_ADVICE)}</p></footer></body></html>")
    return "".join(parts)


class BrowserMissing(RuntimeError):
    """Chromium or the playwright package is not installed."""


def print_pdfs(jobs: list[tuple[str, Path]]) -> list[Path]:
    """Print each (html, path) to an A4 PDF with one headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissing("handouts need the `playwright` package: pip install playwright "
                             "(never `playwright install`; Debian's chromium is used)") from None
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not executable:
        raise BrowserMissing("handouts need Chromium: run `sudo apt-get install chromium`, or `make test` as root")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for document, path in jobs:
                page.set_content(document, wait_until="load")
                page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
                written.append(path)
        finally:
            browser.close()
    return written
