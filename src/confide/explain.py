"""The path in words: for the terminal, screen readers and JSON. Pure."""

from __future__ import annotations

from . import model
from .evaluate import Flip, Result
from .graph import branch_label, question_text, show_value


def verdict_words(verdict: str | None) -> str:
    if verdict is None:
        return "Not yet decided: a fact is still unknown"
    return model.VERDICT_WORDS[verdict]


def _citation_text(citation: model.Citation) -> str:
    text = f"{citation.source} (verified {citation.verified.isoformat()})"
    return f"{text} <{citation.url}>" if citation.url else text


def reasons(result: Result, parameters: dict[str, model.Fact]) -> list[dict]:
    """One entry per question answered on the path: question, answer, citations, notes."""
    tree, out = result.tree, []
    for answer in result.answers:
        question = tree.questions[answer.node]
        fact = tree.facts.get(answer.asked) if answer.kind == "fact" else parameters.get(answer.asked)
        citations = list(question.citations)
        notes = [question.uncertain] if question.uncertain else []
        if answer.setting is not None:
            citations = list(answer.setting.citations) + citations
            notes += [n for n in (answer.setting.uncertain,) if n]
        out.append({
            "node": answer.node,
            "question": question_text(tree, question, parameters),
            "asked": answer.asked,
            "kind": answer.kind,
            "answer": branch_label(tree, question, question.branches[answer.branch], parameters),
            "value": show_value(answer.value, fact),
            "note": answer.setting.note if answer.setting else None,
            "citations": citations,
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
    cited = [c for r in reasons(result, parameters) for c in r["citations"]]
    if result.outcome:
        cited += list(result.outcome.citations)
    return list(dict.fromkeys(cited))


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
            lines.append("Actions:")
            for action in result.actions:
                kind = "must" if action.required else "may"
                when = f" ({action.by_when})" if action.by_when else ""
                lines.append(f"- [{kind}] {action.who}: {action.what}{when}")
    notes = uncertain_notes(result, parameters)
    if notes:
        lines.append("")
        lines.append("Uncertain — sources disagree or were not verified:")
        lines += [f"- {note}" for note in notes]
    lines.append("")
    lines.append("Citations:")
    lines += [f"- {_citation_text(c)}" for c in all_citations(result, parameters)]
    lines.append("")
    lines.append(model.NOT_LEGAL_ADVICE)
    return "\n".join(lines)


def _citation_dict(citation: model.Citation) -> dict:
    return {"source": citation.source, "url": citation.url,
            "verified": citation.verified.isoformat(), "note": citation.note}


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
        "reasons": [{**r, "citations": [_citation_dict(c) for c in r["citations"]]}
                    for r in reasons(result, parameters)],
        "citations": [_citation_dict(c) for c in all_citations(result, parameters)],
        "uncertain": uncertain_notes(result, parameters),
        "not_legal_advice": model.NOT_LEGAL_ADVICE,
    }


def describe_change(tree: model.Tree, flip: Flip) -> str:
    fact = tree.facts[flip.fact]
    becomes = show_value(flip.becomes, fact)
    if flip.was is None:
        return f"{flip.fact.replace('_', ' ')} were known to be {becomes}"
    return f"{flip.fact.replace('_', ' ')} were {becomes} (not {show_value(flip.was, fact)})"
