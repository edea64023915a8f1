"""The explorer's HTML, without widgets: outcome card, timeline, verdict icons, citation links,
safe Markdown and prediction records. Pure Python (also used by handouts and in the browser).

Everything generated here is escaped; narratives are Markdown with raw HTML disabled, and only
http(s) links are made clickable.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

from . import explain, model
from .evaluate import Result
from .words import question_text

_markdown = MarkdownIt("commonmark", {"html": False})


def markdown_html(text: str) -> str:
    """Markdown to HTML with raw HTML disabled: a narrative can never inject markup or scripts."""
    return _markdown.render(text or "")


# -- pure HTML (escaped; shown in HTML widgets) ---------------------------------------------
CSS = """<style>
.confide { font-size: 15px; line-height: 1.4; }
.confide .widget-html-content { line-height: 1.4; }
.confide h3 { margin: .2em 0 .3em; font-size: 1.3em; }
.confide h4 { margin: .6em 0 .2em; font-size: 1.05em; }
.confide-card { border: 1px solid #9ca3af; border-left: 10px solid var(--tone, #6b7280); border-radius: 6px;
  padding: .5em .9em; margin: .4em 0; background: #fff; color: #111827; }
.confide-verdict { display: flex; gap: .6em; align-items: center; font-size: 1.3em; }
.confide-card .cites { font-size: max(.88em, 13px); color: #374151; }
.confide-card a { color: #1d4ed8; text-decoration: underline; }
.confide-uncertain { border-left: 5px double #92400e; padding: .2em .6em; background: #fffbeb; color: #111827; }
.confide-nla { font-size: .85em; font-style: italic; color: #374151; }
.confide-explain pre { white-space: pre-wrap; font-size: .8em; max-height: 16em; overflow: auto;
  border: 1px solid #d1d5db; padding: .4em; background: #f9fafb; color: #111827; }
.confide-timeline { display: flex; flex-wrap: wrap; gap: .4em; list-style: none; padding: 0; margin: .3em 0; }
.confide-timeline li { border: 1px solid #6b7280; border-radius: 6px; padding: .2em .6em; display: flex;
  gap: .35em; align-items: center; background: #fff; color: #111827; }
.confide-timeline li.current { border-width: 3px; border-color: #111827; font-weight: bold; }
.confide-timeline li.duty { border-style: double; border-width: 5px; }
.confide-timeline li.what-if { border-style: dashed; }
.confide-whatif { border: 3px dashed #b45309; border-radius: 6px; padding: .3em .6em; margin: .3em 0;
  background: #fffbeb; color: #111827; }
.confide-whatif .was { color: #374151; }
.confide-changed { outline: 3px dashed #b45309; outline-offset: 2px; font-weight: bold; }
.confide-facts .widget-label, .confide-facts .widget-label-basic, .confide-facts .widget-label-basic span {
  white-space: normal !important; overflow: visible !important; height: auto !important; line-height: 1.25; }
.confide-facts .widget-checkbox, .confide-facts .widget-dropdown { height: auto; margin: .25em 0; }
.confide-facts .widget-dropdown { flex-wrap: wrap; }
.confide-facts .widget-dropdown > select { max-width: 20em; }
.confide-flips .jupyter-button, .confide-predict .jupyter-button { white-space: normal; height: auto;
  text-align: left; padding: .3em .8em; line-height: 1.3; }
.confide :focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px; }
.confide-zoom { max-height: 70vh; }
.confide-zoom svg { max-width: none !important; width: var(--confide-natural-width) !important; }
.confide-badge { font-size: max(.85em, 12px); border-radius: 4px; padding: 0 .35em; border: 1px solid; white-space: nowrap; }
.confide-badge.official { color: #14532d; border-color: #15803d; }
.confide-badge.secondary { color: #1e3a8a; border-color: #1d4ed8; border-style: dashed; }
.confide-badge.unverified { color: #7c2d12; border-color: #b45309; border-width: 2px; font-weight: bold; }
.confide-quote { display: inline-block; margin-left: .3em; }
.confide-quote[open] { display: block; border-left: 3px solid #9ca3af; padding-left: .5em; }
.confide-card ul.cites { margin: .1em 0 .3em; padding-left: 1.2em; }
.confide-elsewhere { margin-top: .4em; border-top: 1px dashed #9ca3af; padding-top: .2em; }
.confide-trust { font-size: .9em; margin: .2em 0; }
.confide-compare-summary { border: 2px solid #111827; border-radius: 6px; padding: .3em .8em; margin: .3em 0; }
</style>"""

TONES = {"must_not_disclose": "#b91c1c", "may_disclose_with_consent": "#1d4ed8",
         "may_disclose_permitted_by_law": "#15803d", "must_disclose_or_act": "#b45309",
         "must_respond_assert_privilege": "#6d28d9", "disclose_court_order_minimum": "#0f766e"}
# Distinct shapes, so the verdict is never told by colour alone.
_SHAPES = {
    "must_not_disclose": '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>',
    "may_disclose_with_consent": '<rect x="3" y="3" width="18" height="18" rx="3"/><path d="M7 12l3.5 3.5L17 9"/>',
    "may_disclose_permitted_by_law": '<circle cx="12" cy="12" r="9"/><path d="M7 12h10M13 8l4 4-4 4"/>',
    "must_disclose_or_act": '<path d="M12 3L22 20H2z"/><path d="M12 9v5M12 16.5v1"/>',
    "must_respond_assert_privilege": '<path d="M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z"/>',
    "disclose_court_order_minimum": '<path d="M6 2h9l4 4v16H6z"/><path d="M9 10h7M9 14h7M9 18h4"/>',
    None: '<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.4-1 .9-1 1.7M12 16.5v1"/>',
}
DUTIES = {"must_disclose_or_act", "must_respond_assert_privilege", "disclose_court_order_minimum"}


def icon(verdict: str | None, size: int = 30) -> str:
    return (f'<svg width="{size}" height="{size}" viewBox="0 0 24 24" aria-hidden="true" fill="none" '
            f'stroke="{TONES.get(verdict, "#374151")}" stroke-width="2.2" stroke-linecap="round" '
            f'stroke-linejoin="round">{_SHAPES[verdict]}</svg>')


def _href(url: str | None, text: str) -> str:
    if url and url.startswith(("https://", "http://")):
        return (f'<a href="{html.escape(url, quote=True)}" target="_blank" '
                f'rel="noopener noreferrer">{text}</a>')
    return text


BADGES = {"official": ("read", "read and quoted at the official publisher"),
          "secondary": ("secondary copy", "read in a secondary copy, not at the publisher"),
          "unverified": ("UNVERIFIED", "not read: see why")}


def link(citation: model.Citation) -> str:
    """A citation: its source linked to the official text, a badge saying what backs it, and
    the quote (or why it is unverified) one click away."""
    e = html.escape
    text = _href(citation.url, e(citation.source))
    word, title = BADGES[citation.status]
    badge = f"<span class='confide-badge {citation.status}' title='{e(title, quote=True)}'>{e(word)}</span>"
    if citation.status == "unverified":
        detail = f"Not verified: {e(citation.unverified or 'not read')}"
    else:
        where = ("the official publisher" if citation.status == "official"
                 else _href(citation.read_url, e(citation.read_via or citation.read_url or "a copy")))
        detail = f"“{e((citation.quote or '').strip())}” — read {citation.read.isoformat()} at {where}"
    note = f"<br><small>{e(citation.note)}</small>" if citation.note else ""
    return (f"<span class='confide-cite'>{text} {badge}"
            f"<details class='confide-quote'><summary>{'quote' if citation.verified else 'why'}</summary>"
            f"{detail}{note}</details></span>")


def trust_html(jurisdiction: model.Jurisdiction, rules: dict) -> str:
    """One line for the chosen jurisdiction: how many of its rules rest on law that was read."""
    total = sum(rules.values()) or 1
    parts = [f"{rules.get(k, 0)} {w}" for k, w in (("official", "read at the official source"),
                                                   ("secondary", "read in a copy"),
                                                   ("unverified", "unverified"))]
    share = 100 * (rules.get("official", 0) + rules.get("secondary", 0)) // total
    return (f"<p class='confide-trust' role='note'><b>{html.escape(jurisdiction.name)}'s rules here:</b> "
            f"{', '.join(parts)} ({share}% read).</p>")


def case_label(case: model.Case) -> str:
    topic = case.topics[0].replace("_", " ").capitalize() if case.topics else "Other"
    return f"{topic} · {case.title}"


def outcome_card(result: Result, parameters: dict, compact: bool = False,
                 elsewhere: list[dict] | None = None) -> str:
    """Verdict in words and with an icon, actions, reasons with sources, uncertain notes, a closed
    comparison with other jurisdictions (``elsewhere``: rows from explain.elsewhere_verdicts) and
    the not-legal-advice line."""
    e, outcome, verdict = html.escape, result.outcome, result.verdict
    parts = [f"<div class='confide-card' role='region' aria-label='Outcome' "
             f"style='--tone:{TONES.get(verdict, '#6b7280')}'>",
             f"<div class='confide-verdict'>{icon(verdict)}<div><b>{e(explain.verdict_words(verdict))}</b>"]
    if outcome is None:
        question = result.tree.questions[result.stopped_at]
        parts.append(f"<br><small>The tree needs to know: {e(question_text(result.tree, question, parameters))}"
                     "</small></div></div>")
    else:
        parts.append(f"<br><small>{e(outcome.label)}</small></div></div>")
        if result.actions:
            parts.append("<h4>What to do</h4><ul>")
            for a in result.actions:
                when = f" <i>({e(a.by_when)})</i>" if a.by_when else ""
                parts.append(f"<li><b>{'must' if a.required else 'may'}</b> — <b>{e(a.who)}</b>: "
                             f"{e(a.what)}{when}</li>")
            parts.append("</ul>")
        if outcome.see_also:
            names = ", ".join(f"<b>{e(tree_id.replace('_', ' '))}</b>" for tree_id in outcome.see_also)
            parts.append(f"<p class='confide-see-also'>See also: {names} (choose a case on that tree)</p>")
        if not compact:
            parts.append(f"<p>{e(outcome.rationale.strip())}</p>")
    reasons = explain.reasons(result, parameters)
    count = f"{len(reasons)} answer{'' if len(reasons) == 1 else 's'}"
    parts.append(f"<details><summary>Why: {count} along the path, with their sources (open)</summary><ol>")
    for r in reasons:
        note = f"<br><small>{e(r['note'])}</small>" if r["note"] else ""
        cites = "".join(f"<li>{link(c)}</li>" for c in r["citations"])
        parts.append(f"<li>{e(r['question'])} — <b>{e(r['answer'])}</b>{note}"
                     f"<ul class='cites'>{cites or '<li>no source of this jurisdiction given</li>'}</ul></li>")
    parts.append("</ol>")
    if outcome is not None:
        cites = "".join(f"<li>{link(c)}</li>" for c in explain.in_scope(outcome.citations, result.jurisdiction))
        if cites:
            parts.append(f"<p class='cites'>Outcome sources:</p><ul class='cites'>{cites}</ul>")
    parts.append("</details>")
    others = explain.elsewhere(result, parameters)
    if others or elsewhere:
        items = "".join(f"<li><b>{e(row['name'])}</b>: {e(row['verdict_words'])}. {e(row['rule'])}"
                        + "".join(f"<br>{link(c)}" for c in row["citations"][:1]) + "</li>"
                        for row in elsewhere or [])
        items += "".join(f"<li>[{e(c.law.replace('_', ' ').title())}] {link(c)}</li>" for c in others)
        parts.append(f"<details class='confide-elsewhere'><summary>Elsewhere: the same facts in other "
                     f"jurisdictions — a comparison, not the law of {e(result.jurisdiction.name)} (open)"
                     f"</summary><ul class='cites'>{items}</ul></details>")
    notes = explain.uncertain_notes(result, parameters)
    if notes:
        parts.append("<div class='confide-uncertain' role='note'><b>Uncertain</b> — sources disagree or "
                     "were not verified:<ul>" + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul></div>")
    parts.append(trust_html(result.jurisdiction, model.rule_statuses(result.jurisdiction)))
    parts.append(f"<p class='confide-nla'>{e(model.NOT_LEGAL_ADVICE)}</p></div>")
    return "".join(parts)


def timeline_html(verdicts: list, current: int, what_if: str | None = None) -> str:
    """The verdict at each step under the case's facts (False: hidden until predicted), where a
    duty first attached; ``what_if``: the verdict the current step has under changed facts."""
    first_duty = next((i for i, v in enumerate(verdicts) if v in DUTIES), None)
    items = []
    for index, verdict in enumerate(verdicts):
        classes = (["current"] if index + 1 == current else []) + (["duty"] if index == first_duty else [])
        words = "predict first" if verdict is False else explain.verdict_words(verdict)
        mark = " — ★ duty first attaches here" if index == first_duty else ""
        here = " ◀ you are here" if index + 1 == current else ""
        if index + 1 == current and what_if:
            classes.append("what-if")
            here += f" · ✎ what-if: {html.escape(explain.verdict_words(what_if))}"
        items.append(f"<li class='{' '.join(classes)}'>{icon(None if verdict is False else verdict, 18)}"
                     f"<span>Step {index + 1}: {html.escape(words)}{mark}{here}</span></li>")
    return ("<div role='region' aria-label='Timeline: the verdict at each step'>"
            f"<ol class='confide-timeline'>{''.join(items)}</ol></div>")
