"""Printable handouts: one self-contained HTML page set per case, printed to PDF by Chromium.

Each session is shown as the **focused path view** (confide.pathview): numbered steps, one per
question on the path, in a few words. The student version shows, per session, the narrative, the
questions the session raises with empty answer boxes and a prediction to tick (verdicts are
lettered once, at the top, so no step names one); the instructor version shows the path view
with the answers, where the other answers lead and the outcome, the expected verdict, actions and
deadlines, the reasons with their citations, and the teaching notes.

Sizes are in points so the handout reads the same on A4 and Letter (``paper``): body text 11 pt,
path-view labels at least 10 pt, nothing below 9 pt. Nothing forces a page break: pages fill.
The whole tree is not printed: no bundled tree fits one page with its labels at 9 pt or more
(docs/handouts.md). Nothing is fetched from the network: styles are inline.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from . import explain, model, pathview
from .cards import markdown_html, outcome_card
from .evaluate import Result, evaluate
from .library import Library
from .words import branch_label, question_text, short_question

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

#: The paper sizes `confide handout --paper` knows: the CSS @page size and Playwright's format.
PAPERS = {"a4": ("A4", "A4"), "letter": ("letter", "Letter")}

#: The verdicts in a fixed order, lettered: the student version names them once, in a key.
LETTERS = dict(zip(model.VERDICT_WORDS, "ABCDEFGHIJ", strict=False))

PAGE_MARGINS = "14mm 14mm 16mm"

PRINT_CSS = """
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
/* A long URL breaks rather than widen the page: Chromium shrinks a page whose content is too wide
   to fit, text and all (a reference's URL printed a handout at 6 pt). */
body { font: 11pt/1.4 "DejaVu Sans", Helvetica, Arial, sans-serif; color: #111827; margin: 0;
  overflow-wrap: anywhere; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 13pt; margin: 1em 0 .3em; break-after: avoid; }
h4 { font-size: 11pt; margin: .6em 0 .2em; }
p { margin: .4em 0; }
small, sub, sup { font-size: 9.5pt; }
.meta { color: #374151; font-size: 9.5pt; }
.step { border-top: 1px solid #9ca3af; padding-top: .2em; margin-top: .6em; }
.step > h2 { margin-top: .3em; }
.key { border: 1px solid #6b7280; padding: .3em .6em; margin: .6em 0; font-size: 10pt; }
.key ol { margin: .2em 0 0; padding: 0; list-style: none; columns: 2; column-gap: 1.5em; }
.key li { margin: .1em 0; break-inside: avoid; }
.letter { display: inline-block; min-width: 1.3em; font-weight: bold; }
.box { display: inline-block; width: .8em; height: .8em; border: 1pt solid #374151; vertical-align: -.08em;
  margin: 0 .2em 0 .5em; }
.choices { white-space: normal; }
.choice { display: inline-block; }
.why { display: block; border-bottom: 1pt solid #9ca3af; height: 1.4em; margin: .1em 0; }
.write { display: block; border-bottom: 1pt solid #9ca3af; height: 1.4em; font-size: 10pt; color: #374151; }
.confide-card { border: 1px solid #9ca3af; border-left: 8px solid #374151; padding: .3em .8em;
  margin: .4em 0; }
.confide-verdict { display: flex; gap: .5em; align-items: flex-start; }
.confide-verdict svg { flex: none; width: 20pt; height: 20pt; }
.confide-uncertain { border-left: 4px double #92400e; padding: .1em .5em; background: #fffbeb; }
.cites, .confide-nla, footer { font-size: 9pt; color: #374151; }
.cites small { font-size: 9pt; }
.expected { font-weight: bold; margin: .5em 0 .2em; }
.confide-quote { display: none; }  /* paper cannot open it; the badge still says what backs each source */
.confide-badge { border: 1px solid #374151; padding: 0 .3em; font-size: 9pt; }
details > summary { list-style: none; font-weight: bold; }
details > summary::-webkit-details-marker { display: none; }
/* The path view is drawn in px for a projector; on paper, in points: labels 11 pt, the rest 10. */
.confide-pathview { font-size: 11pt; line-height: 1.3; }
/* A grid, read left to right, not columns: a row of steps moves to the next page whole, where
   columns split across pages leave one column on the first page and the rest on the next. */
.confide-pathview ol.steps { columns: auto; display: grid; grid-template-columns: repeat(auto-fill, minmax(11.5em, 1fr));
  gap: .6em .7em; align-items: start; margin: .5em 0 .2em; }
.confide-pathview li.step { border-width: 1.5pt; border-radius: 5pt; margin: 0; }
.confide-pathview li.step { overflow-wrap: anywhere; }
/* The number in the flow, not hanging above the box: a hanging number can be split from its box
   at a column or page break. */
.confide-pathview li.step::before { font-size: 10pt; position: static; display: inline-block;
  margin: 0 .35em 0 0; padding: 0 .1em; }
.confide-pathview .law-name, .confide-pathview .rule + .rule,
.confide-pathview ul.alternatives { font-size: 10pt; }
.confide-pathview li.law { border-width: 3pt; grid-column: span 2; }  /* wordy rules: two columns wide */
.confide-pathview li.outcome { border-width: 3pt; }
.confide-pathview .choices { display: block; margin-top: .15em; font-size: 10pt; }
.confide-pathview .note { display: block; font-size: 10pt; font-style: italic; color: #374151; }
.confide-keys { display: none; }
footer { margin-top: 1.2em; }
"""


def _choices(labels: list[str]) -> str:
    e = html.escape
    return "<span class='choices'>" + " ".join(
        f"<span class='choice'><span class='box'></span>{e(label)}</span>" for label in labels) + "</span>"


def questions_html(result: Result, parameters: dict) -> str:
    """The questions a session raises, as the path view's numbered steps, each with an empty box
    per possible answer, then a prediction to tick by letter: nothing says which answer the case
    gives, nor the verdict. The jurisdiction's rules share one step, as in the path view."""
    tree, e = result.tree, html.escape
    items, law = [], []

    def asked(question: model.Question) -> tuple[str, list[str]]:
        labels = list(dict.fromkeys(branch_label(tree, question, b, parameters) for b in question.branches))
        full, short = question_text(tree, question, parameters), short_question(tree, question, parameters)
        words = e(short) if short == full else f"<abbr title='{e(full, quote=True)}'>{e(short)}</abbr>"
        return f"<span class='ask'>{words}</span>", labels

    def close_law() -> None:
        if law:
            items.append(f"<li class='step law'><span class='law-name'>{e(result.jurisdiction.name)}'s law"
                         f"</span>{''.join(law)}</li>")
            law.clear()

    nodes = [answer.node for answer in result.answers]
    assumed = {answer.node for answer in result.answers if answer.assumed}
    kinds = {answer.node: answer.kind for answer in result.answers}
    if result.outcome is None and result.stopped_at in tree.questions:
        nodes.append(result.stopped_at)
    for node in nodes:
        question = tree.questions[node]
        words, labels = asked(question)
        if kinds.get(node) == "parameter" or (node not in kinds and question.ask_parameter):
            # A rule's settings can be many and long (who the law protects, seven ways): a line to
            # write on keeps the box short enough to share a page.
            few = len(labels) <= 3 and all(len(label) <= 24 for label in labels)
            law.append(f"<span class='rule'>{words} "
                       + (_choices(labels) if few else "<span class='write'>its rule:</span>") + "</span>")
            continue
        close_law()
        note = "<span class='note'>The case does not say: what would you assume?</span>" if node in assumed else ""
        items.append(f"<li class='step question'>{words}{note}{_choices(labels)}</li>")
    close_law()
    letters = [LETTERS[v] for v in model.VERDICT_WORDS]
    items.append("<li class='step outcome'><span class='verdict'>Your prediction</span>"
                 f"{_choices(letters)}<span class='why'>Why?</span><span class='why'></span></li>")
    return (f"<div class='confide-pathview questions' role='region' aria-label='The questions this session raises'>"
            f"<ol class='steps'>{''.join(items)}</ol></div>")


def handout_html(library: Library, case: model.Case, jurisdiction: str | None = None,
                 instructor: bool = False, paper: str = "a4") -> str:
    """The whole handout as one HTML document, for ``paper`` "a4" or "letter"."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper '{paper}': choose {' or '.join(PAPERS)}")
    e = html.escape
    law = library.jurisdictions[jurisdiction or case.jurisdiction]
    tree, parameters = library.trees[case.tree], library.parameter_names()
    as_of = case.as_of
    version = "Instructor version" if instructor else "Student version"
    css = f"@page {{ size: {PAPERS[paper][0]}; margin: {PAGE_MARGINS}; }}{PRINT_CSS}"
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(case.title)}</title>",
             f"{pathview.CSS}<style>{css}</style></head><body>",
             f"<h1>{e(case.title)}</h1>",
             f"<p class='meta'>{e(version)} · {e(tree.title)} · {e(law.name)}"
             + (f" · law as of {as_of.isoformat()}" if as_of else "") + "</p>",
             f"<p>{e(case.summary)}</p>"]
    if instructor:
        parts.append("<p class='meta'>Each session's path: the questions in order, the answer the case "
                     "gives (bold), where the other answers lead (↳), then the outcome.</p>")
    else:
        key = "".join(f"<li><span class='letter'>{LETTERS[v]}</span>{e(words)}</li>"
                      for v, words in model.VERDICT_WORDS.items())
        parts.append("<div class='key'><b>For each session:</b> tick an answer to each question the "
                     "session raises, then predict the verdict by its letter and say why."
                     f"<ol class='verdicts'>{key}</ol></div>")
    for index, step in enumerate(case.steps):
        facts = case.facts_at(index)
        result = evaluate(tree, facts, law, as_of)
        parts.append(f"<section class='step'><h2>Step {index + 1} of {len(case.steps)}: "
                     f"{e(step.title)}</h2>{markdown_html(step.narrative)}")
        if instructor:
            expected = step.expect if law.id == case.jurisdiction else step.expect_in.get(law.id)
            if expected:
                parts.append(f"<p class='expected'>Expected verdict: {e(model.VERDICT_WORDS[expected])}</p>")
            parts.append(pathview.path_view_html(result, parameters))
            parts.append(outcome_card(result, parameters, elsewhere=explain.elsewhere_verdicts(
                result, facts, library.jurisdictions, parameters))
                .replace("<details>", "<details open>")
                .replace("<details class='confide-elsewhere'>", "<details class='confide-elsewhere' open>"))
        else:
            parts.append(questions_html(result, parameters))
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


def footer_html(case: model.Case, instructor: bool = False) -> str:
    """Chromium's footer template for each printed page: the case, the version and the page
    number, at 8.5 pt (Chromium fills the pageNumber and totalPages spans)."""
    e = html.escape
    version = "Instructor version" if instructor else "Student version"
    return ("<div style='font: 8.5pt \"DejaVu Sans\", Helvetica, Arial, sans-serif; color: #374151; "
            "width: 100%; margin: 0 14mm; display: flex; justify-content: space-between; gap: 2em'>"
            f"<span>{e(case.title)} · {version}</span>"
            "<span style='white-space: nowrap'>page <span class='pageNumber'></span> of "
            "<span class='totalPages'></span></span></div>")


class BrowserMissing(RuntimeError):
    """Chromium or the playwright package is not installed."""


def print_pdfs(jobs: list[tuple], paper: str = "a4") -> list[Path]:
    """Print each (html, path) or (html, path, footer template) to a PDF on ``paper`` ("a4" or
    "letter") with one headless Chromium."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper '{paper}': choose {' or '.join(PAPERS)}")
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
            for document, path, *footer in jobs:
                page.set_content(document, wait_until="load")
                page.pdf(path=str(path), format=PAPERS[paper][1], print_background=True,
                         prefer_css_page_size=True, display_header_footer=bool(footer),
                         header_template="<span></span>", footer_template=footer[0] if footer else "")
                written.append(path)
        finally:
            browser.close()
    return written
