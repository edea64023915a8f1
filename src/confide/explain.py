"""The path in words: for the terminal, screen readers and JSON. Pure."""

from __future__ import annotations

from . import model
from .evaluate import Flip, Result, evaluate
from .words import branch_label, question_text, show_value


def verdict_words(verdict: str | None) -> str:
    if verdict is None:
        return "Not yet decided: a fact is still unknown"
    return model.VERDICT_WORDS[verdict]


def citation_status(citation: model.Citation) -> str:
    """What backs a citation, in words: where and when it was read, or why it was not."""
    if citation.status == "official":
        return f"read {citation.read.isoformat()} at the official publisher"
    if citation.status == "secondary":
        return f"read {citation.read.isoformat()} in a secondary copy ({citation.read_via or citation.read_url})"
    return f"UNVERIFIED: {citation.unverified or 'not read'}"


def citation_text(citation: model.Citation) -> str:
    text = f"{citation.source} [{citation_status(citation)}]"
    text = f"{text} <{citation.url}>" if citation.url else text
    if citation.quote:
        text += f'\n    "{citation.quote.strip()}"'
    return text


def in_scope(citations, jurisdiction: model.Jurisdiction) -> list[model.Citation]:  # noqa: ANN001
    """The citations that are this jurisdiction's law, federal law, an ethics code or guidance."""
    return [c for c in citations if c.applies_in(jurisdiction.id)]


def reasons(result: Result, parameters: dict[str, model.Fact]) -> list[dict]:
    """One entry per question answered on the path: question, answer, citations, notes."""
    tree, out = result.tree, []
    for answer in result.answers:
        question = tree.questions[answer.node]
        fact = tree.facts.get(answer.asked) if answer.kind == "fact" else parameters.get(answer.asked)
        citations = list(question.citations)
        notes = [question.uncertain] if question.uncertain else []
        if answer.setting is not None:
            citations = list(dict.fromkeys(list(answer.setting.citations) + citations))
            notes += [n for n in (answer.setting.uncertain,) if n]
        shown = in_scope(citations, result.jurisdiction)
        out.append({
            "node": answer.node,
            "question": question_text(tree, question, parameters),
            "asked": answer.asked,
            "kind": answer.kind,
            "answer": branch_label(tree, question, question.branches[answer.branch], parameters),
            "value": show_value(answer.value, fact) + (" (assumed: the case does not say)" if answer.assumed else ""),
            "assumed": answer.assumed,
            "note": answer.setting.note if answer.setting else None,
            "citations": shown,
            "elsewhere": [c for c in citations if c not in shown],
            "uncertain": notes,
        })
    return out


def uncertain_notes(result: Result, parameters: dict[str, model.Fact]) -> list[str]:
    notes = [n for r in reasons(result, parameters) for n in r["uncertain"]]
    if result.outcome and result.outcome.uncertain:
        notes.append(result.outcome.uncertain)
    notes += list(result.jurisdiction.uncertain)
    return list(dict.fromkeys(notes))


def all_citations(result: Result, parameters: dict[str, model.Fact]) -> list[model.Citation]:
    """The sources shown for a result: the chosen jurisdiction's law and general law only."""
    cited = [c for r in reasons(result, parameters) for c in r["citations"]]
    if result.outcome:
        cited += in_scope(result.outcome.citations, result.jurisdiction)
    return list(dict.fromkeys(cited))


def elsewhere(result: Result, parameters: dict[str, model.Fact]) -> list[model.Citation]:
    """Other jurisdictions' law met on the path: for a labelled comparison, never a reason."""
    cited = [c for r in reasons(result, parameters) for c in r["elsewhere"]]
    if result.outcome:
        cited += [c for c in result.outcome.citations if not c.applies_in(result.jurisdiction.id)]
    return list(dict.fromkeys(cited))


def elsewhere_verdicts(result: Result, facts: dict, jurisdictions: dict[str, model.Jurisdiction],
                       parameters: dict[str, model.Fact]) -> list[dict]:
    """The same facts under every other jurisdiction, for a comparison the user opens: each one's
    verdict and the rule of its own that decides it (the first of its jurisdiction answers that
    differs from this path's, else its last), with that rule's own citations."""
    here = {(a.asked, a.value) for a in result.answers if a.kind == "parameter"}
    rows = []
    for other in jurisdictions.values():
        if other.id == result.jurisdiction.id:
            continue
        theirs = evaluate(result.tree, facts, other, result.as_of)
        ruled = [(a, r) for a, r in zip(theirs.answers, reasons(theirs, parameters), strict=True)
                 if a.kind == "parameter"]
        deciding = next(((a, r) for a, r in ruled if (a.asked, a.value) not in here), ruled[-1] if ruled else None)
        rule = f"{deciding[1]['question']} — {deciding[1]['value']}" if deciding else ""
        if theirs.outcome is None:
            question = result.tree.questions[theirs.stopped_at]
            rule = f"{rule}; it also needs to know: {question_text(result.tree, question, parameters)}".lstrip("; ")
        rows.append({"jurisdiction": other.id, "name": other.name, "verdict": theirs.verdict,
                     "verdict_words": verdict_words(theirs.verdict), "rule": rule,
                     "citations": deciding[1]["citations"] if deciding else []})
    return rows


def elsewhere_text(rows: list[dict], jurisdiction: model.Jurisdiction) -> str:
    """The comparison rows in words, labelled as not this jurisdiction's law."""
    lines = [f"Elsewhere — the same facts in other jurisdictions (a comparison, not {jurisdiction.name}'s law):"]
    for row in rows:
        cites = "; ".join(c.source for c in row["citations"][:2])
        lines.append(f"- {row['name']}: {row['verdict_words']}. {row['rule']}" + (f" [{cites}]" if cites else ""))
    return "\n".join(lines)


def explain(result: Result, parameters: dict[str, model.Fact]) -> str:
    """A plain-text account of the path, the outcome and its sources."""
    tree = result.tree
    lines = [f"{tree.title}", f"Jurisdiction: {result.jurisdiction.name}; law as of "
             f"{result.as_of.isoformat()}", ""]
    for number, reason in enumerate(reasons(result, parameters), 1):
        lines.append(f"{number}. {reason['question']} — {reason['value']}")
        if reason["note"]:
            lines.append(f"   {reason['note']}")
    lines.append("")
    outcome = result.outcome
    if outcome is None:
        question = tree.questions[result.stopped_at]
        lines.append(f"Not decided yet. The tree stops at: {question_text(tree, question, parameters)}")
        lines.append(f"It needs the {result.missing_kind} '{result.missing}'.")
    else:
        lines.append(f"Verdict: {verdict_words(outcome.verdict).upper()} — {outcome.label}")
        lines.append("")
        lines.append("Why: " + outcome.rationale.strip())
        if result.actions:
            lines.append("")
            lines.append("What to do:")
            for action in result.actions:
                kind = "must" if action.required else "may"
                when = f" ({action.by_when})" if action.by_when else ""
                lines.append(f"- [{kind}] {action.who}: {action.what}{when}")
        if outcome.see_also:
            lines.append("")
            lines.append("See also: " + ", ".join(t.replace("_", " ") for t in outcome.see_also))
    notes = uncertain_notes(result, parameters)
    if notes:
        lines.append("")
        lines.append("Uncertain — sources disagree or were not verified:")
        lines += [f"- {note}" for note in notes]
    lines.append("")
    lines.append(f"Citations ({result.jurisdiction.name} law, federal law and professional codes):")
    lines += [f"- {citation_text(c)}" for c in all_citations(result, parameters)]
    others = elsewhere(result, parameters)
    if others:
        lines.append("")
        lines.append("Elsewhere (other states' law, for comparison only; not the law here):")
        lines += [f"- [{c.law}] {c.source}" for c in others]
    lines.append("")
    lines.append(model.NOT_LEGAL_ADVICE)
    return "\n".join(lines)


def _citation_dict(citation: model.Citation) -> dict:
    return {"id": citation.id, "source": citation.source, "law": citation.law, "url": citation.url,
            "status": citation.status, "read": citation.read.isoformat() if citation.read else None,
            "quote": citation.quote, "read_via": citation.read_via, "read_url": citation.read_url,
            "unverified": citation.unverified, "note": citation.note}


def as_dict(result: Result, parameters: dict[str, model.Fact]) -> dict:
    outcome = result.outcome
    return {
        "tree": result.tree.id,
        "jurisdiction": result.jurisdiction.id,
        "as_of": result.as_of.isoformat(),
        "verdict": result.verdict,
        "verdict_words": verdict_words(result.verdict),
        "outcome": result.outcome_id,
        "label": outcome.label if outcome else None,
        "rationale": outcome.rationale.strip() if outcome else None,
        "path": list(result.nodes),
        "edges": [list(e) for e in result.edges],
        "stopped_at": result.stopped_at,
        "missing": result.missing,
        "missing_kind": result.missing_kind,
        "actions": [{"who": a.who, "what": a.what, "by_when": a.by_when, "required": a.required}
                    for a in result.actions],
        "reasons": [{**r, "citations": [_citation_dict(c) for c in r["citations"]],
                     "elsewhere": [_citation_dict(c) for c in r["elsewhere"]]}
                    for r in reasons(result, parameters)],
        "citations": [_citation_dict(c) for c in all_citations(result, parameters)],
        "elsewhere": [_citation_dict(c) for c in elsewhere(result, parameters)],
        "uncertain": uncertain_notes(result, parameters),
        "not_legal_advice": model.NOT_LEGAL_ADVICE,
    }


def describe_change(tree: model.Tree, flip: Flip) -> str:
    """A one-fact change in a student's words: the fact's short label (else its question), the
    new answer and the case's, e.g. "Victim identifiable? no, not yes"."""
    fact = tree.facts[flip.fact]
    asked = fact.short or fact.question
    becomes = show_value(flip.becomes, fact)
    if flip.was is None:
        return f"{asked} {becomes} (the case does not say)"
    return f"{asked} {becomes}, not {show_value(flip.was, fact)}"
