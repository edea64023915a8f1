"""The focused path view: the questions on the path, each with the answer given; the one-step
alternatives as short stubs that say where they lead; the outcome (or the fact still needed).

Plain HTML and CSS sized in pixels, so it reads at a seminar projector's size (labels at least
18 px as rendered) and lays itself out to the width it is given: a grid of numbered steps that
wraps into columns, read left to right. Pure Python; escaped throughout.
"""

from __future__ import annotations

import html

from . import model
from .cards import TONES
from .evaluate import Result
from .words import branch_label, question_text, short_question, show_value

CSS = """<style>
.confide-pathview { font-size: 19px; line-height: 1.3; color: #111827; }
.confide-pathview ol.steps { list-style: none; margin: .5em 0 .2em; padding: 0 0 0 .3em; columns: 11em;
  column-gap: .7em; counter-reset: step; }
.confide-pathview li.step { counter-increment: step; border: 2px solid #374151; border-radius: 8px;
  padding: .2em .45em .25em; margin: 0 0 .5em; background: #fff; position: relative; break-inside: avoid; }
.confide-pathview abbr { text-decoration: none; cursor: help; }
.confide-pathview li.step::before { content: counter(step); position: absolute; top: 0; left: 0; transform: translate(-.45em, -.55em);
  background: #111827; color: #fff; border-radius: 1em; min-width: 1.25em; text-align: center;
  font-size: 16px; font-weight: bold; line-height: 1.25em; }
.confide-pathview .answer { font-weight: bold; overflow-wrap: anywhere; }
.confide-pathview .answer::before { content: "→\\00a0"; }
.confide-pathview li.law { background: #f3f4f6; border-style: double; border-width: 4px; }
.confide-pathview .law-name { display: block; font-size: 16px; font-weight: bold; text-transform: uppercase;
  letter-spacing: .03em; color: #374151; }
.confide-pathview .rule { display: block; margin: .1em 0; }
.confide-pathview .assumed { font-weight: normal; font-style: italic; }
.confide-pathview ul.alternatives { list-style: none; margin: .1em 0 0; padding: .05em 0 0;
  border-top: 1px dashed #9ca3af; font-size: 16px; line-height: 1.2; color: #374151; }
.confide-pathview ul.alternatives li::before { content: "↳ "; }
.confide-pathview li.outcome { border-width: 4px; border-color: var(--tone, #374151); background: #f9fafb; }
.confide-pathview li.outcome .verdict { font-weight: bold; display: block; }
.confide-pathview li.waiting { border-style: dashed; }
.confide-pathview .parts { outline: 4px solid #7c3aed; outline-offset: 2px; border-radius: 4px; }
.confide-pathview .parts-marker { display: block; width: fit-content; margin: 0 0 .15em; padding: 0 .35em;
  font-size: 16px; font-weight: bold; color: #fff; background: #5b21b6; border-radius: 4px; }
.confide-keys { font-size: 13px; color: #374151; margin: .6em 0 0; }
/* Presenter mode: the explorer fills the window, large type, high contrast. */
.confide.confide-presenter { position: fixed; inset: 0; z-index: 100000; margin: 0; padding: 10px 18px;
  overflow: auto; background: #fff; color: #000; font-size: 20px; box-sizing: border-box; }
.confide.confide-presenter > * { flex-shrink: 0; }
.confide-presenter .confide-pathview { font-size: 27px; color: #000; }
.confide-presenter .confide-pathview ul.alternatives, .confide-presenter .confide-pathview .law-name,
.confide-presenter .confide-pathview li.step::before { font-size: 24px; color: #000; }
.confide-presenter .confide-pathview li.step { border-color: #000; border-width: 3px; }
.confide-presenter .confide-card { font-size: 22px; border-color: #000; }
.confide-presenter .confide-keys { display: none; }
/* Lab contains its panels (contain: strict), which would hold a fixed element inside the notebook
   and under its neighbours: while presenting, the explorer's ancestors give that up. */
.lm-Widget:has(.confide-presenter), .jp-Cell:has(.confide-presenter) { contain: none !important;
  z-index: auto !important; }
</style>"""


def _leads_to(tree: model.Tree, target: str, parameters: dict[str, model.Fact]) -> str:
    """Where a branch leads, in a few words: an outcome's verdict, or the next question."""
    outcome = tree.outcomes.get(target)
    if outcome is not None:
        return model.VERDICT_WORDS[outcome.verdict].lower()
    question = tree.questions.get(target)
    return _short(short_question(tree, question, parameters)) if question else target


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


PARTS_MARKER = "◆ paths part here"


def path_view_html(result: Result, parameters: dict[str, model.Fact] | None = None,
                   parts_at: str | None = None) -> str:
    """The path of ``result`` as numbered steps; alternatives that lead elsewhere under each.
    Consecutive questions the jurisdiction's law answers share one step, headed by its name.
    ``parts_at``: a node on the path where this path parts from another (a comparison); that
    question gets the class ``parts`` and a visible marker in words."""
    parameters = parameters or {}
    tree, e = result.tree, html.escape

    def parts(node: str | None) -> tuple[str, str]:
        """The extra class and the marker for the node where the paths part (else nothing)."""
        if parts_at is None or node != parts_at:
            return "", ""
        return " parts", f"<span class='parts-marker'>{e(PARTS_MARKER)}</span>"
    items: list[str] = []
    law: list[str] = []

    def close_law() -> None:
        if law:
            items.append(f"<li class='step law'><span class='law-name'>{e(result.jurisdiction.name)}'s law"
                         f"</span>{''.join(law)}</li>")
            law.clear()

    for answer in result.answers:
        question = tree.questions[answer.node]
        chosen = question.branches[answer.branch]
        declared = tree.facts.get(answer.asked) if answer.kind == "fact" else parameters.get(answer.asked)
        said = chosen.label or show_value(answer.value, declared)
        full, short = question_text(tree, question, parameters), short_question(tree, question, parameters)
        # The diagram's few words; the full question on hover and for screen readers.
        asked = e(short) if short == full else f"<abbr title='{e(full, quote=True)}'>{e(short)}</abbr>"
        extra, marker = parts(answer.node)
        if answer.kind == "parameter":  # the jurisdiction's law, not a fact to change: no stubs
            law.append(f"<span class='rule{extra}' data-node='{e(answer.node, quote=True)}'>{marker}"
                       f"<span class='ask'>{asked}</span> <span class='answer'>{e(said)}</span></span>")
            continue
        close_law()
        assumed = " <span class='assumed'>(assumed: the case does not say)</span>" if answer.assumed else ""
        alternatives = [f"<li>{e(branch_label(tree, question, b, parameters))} → "
                        f"{e(_leads_to(tree, b.to, parameters))}</li>"
                        for i, b in enumerate(question.branches) if i != answer.branch and b.to != chosen.to]
        alts = f"<ul class='alternatives' aria-label='Other answers'>{''.join(alternatives)}</ul>" if alternatives else ""
        items.append(f"<li class='step question{extra}' data-node='{e(answer.node, quote=True)}'>{marker}"
                     f"<span class='ask'>{asked}</span> <span class='answer'>{e(said)}{assumed}</span>{alts}</li>")
    close_law()
    outcome = result.outcome
    if outcome is not None:
        items.append(f"<li class='step outcome' data-node='{e(result.outcome_id, quote=True)}' "
                     f"style='--tone: {TONES[outcome.verdict]}'>"
                     f"<span class='verdict'>{e(model.VERDICT_WORDS[outcome.verdict])}</span>"
                     f"{e(outcome.label)}</li>")
    elif result.stopped_at in tree.questions:
        question = tree.questions[result.stopped_at]
        extra, marker = parts(result.stopped_at)
        items.append(f"<li class='step waiting{extra}' data-node='{e(result.stopped_at, quote=True)}'>{marker}"
                     f"<span class='ask'>{e(question_text(tree, question, parameters))}</span> "
                     f"<span class='answer'>not known yet: the path waits here</span></li>")
    return (f"<div class='confide-pathview' role='region' aria-label='The path taken'>"
            f"<ol class='steps'>{''.join(items)}</ol></div>")
