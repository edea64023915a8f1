"""Author warnings beyond validity: identifiers in narratives, stale citations, nodes no case
reaches. Warnings by default; ``strict`` makes the identifier findings errors."""

from __future__ import annotations

import datetime
import re

from . import model
from .evaluate import evaluate
from .library import Library
from .problems import Problem
from .yamlstrict import line_of

# HIPAA Safe Harbor identifiers (45 CFR §164.514(b)(2)) that free text can carry. Context words
# keep statute numbers ("§11166") and law dates ("July 1, 2024") from matching.
IDENTIFIER_PATTERNS: dict[str, re.Pattern] = {
    "a phone or fax number": re.compile(r"(?<![\w§.])(?:\+?1[-.\s]?)?\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b"),
    "an email address": re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"),
    "a Social Security number": re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),
    "a street address": re.compile(
        r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
        r"Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle)\b"),
    "a ZIP code": re.compile(r"(?:\b[A-Z]{2}|\bZIP(?:\s+code)?:?)\s+\d{5}(?:-\d{4})?\b"),
    "a full date of birth": re.compile(
        r"\b(?:born(?:\s+on)?|DOB|date of birth|birthdate|birthday)\b[:\s,]*(?:"
        r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})", re.I),
    "a record or account number": re.compile(
        r"\b(?:MRN|medical record|record|chart|account|acct|policy|member(?:\s+ID)?|patient\s+ID|"
        r"case)\s*(?:no\.?|number|#|ID)\s*:?\s*(?=[A-Z0-9-]*\d)[A-Z0-9-]{4,}\b", re.I),
    "a URL": re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I),
    "an IP address": re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"),
    "a licence plate": re.compile(r"\blicen[cs]e\s+plate\s*(?:number|no\.?|#)?\s*:?\s*[A-Z0-9-]{4,8}\b", re.I),
}


def identifier_findings(text: str) -> list[tuple[int, str, str]]:
    """(character offset, kind, matched text) for each identifier-like span in ``text``."""
    found = []
    for kind, pattern in IDENTIFIER_PATTERNS.items():
        found += [(m.start(), kind, m.group(0)) for m in pattern.finditer(text)]
    return sorted(found)


def _case_texts(case: model.Case):
    """(location, text) for the free text an author writes in a case."""
    yield ("summary",), case.summary
    yield ("teaching_notes",), case.teaching_notes
    for index, question in enumerate(case.discussion):
        yield ("discussion", index), question
    for index, step in enumerate(case.steps):
        yield ("steps", index, "title"), step.title
        yield ("steps", index, "narrative"), step.narrative


RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?\s*>|javascript:", re.I)
AUTOLINK = re.compile(r"<https?://[^\s<>]+>")


def raw_html(library: Library) -> list[Problem]:
    """Raw HTML in content is an error: the explorer shows text, never markup."""
    problems = []
    for case in library.cases.values():
        texts = [(where, text) for where, text in _case_texts(case)]
        problems += _html_problems(library, case.path, texts)
    for tree in library.trees.values():
        texts = [(("title",), tree.title), (("summary",), tree.summary)]
        texts += [(("facts", n, "question"), f.question) for n, f in tree.facts.items()]
        texts += [(("facts", n, "help"), f.help) for n, f in tree.facts.items()]
        texts += [(("questions", n, "text"), q.text or "") for n, q in tree.questions.items()]
        for n, o in tree.outcomes.items():
            texts += [(("outcomes", n, "label"), o.label), (("outcomes", n, "rationale"), o.rationale)]
            texts += [(("outcomes", n, "actions", i), a.who + " " + a.what) for i, a in enumerate(o.actions)]
        problems += _html_problems(library, tree.path, texts)
    return problems


def _html_problems(library: Library, path: str, texts) -> list[Problem]:  # noqa: ANN001
    lines = library.lines.get(path, {})
    found = []
    for where, text in texts:
        match = RAW_HTML.search(AUTOLINK.sub("", text))
        if match:
            found.append(Problem(path, line_of(lines, where), f"raw HTML ({match.group(0)[:40]!r}) is "
                                 "not allowed; write plain text or Markdown"))
    return found


def deidentification(library: Library, case: model.Case, strict: bool = False) -> list[Problem]:
    lines = library.lines.get(case.path, {})
    problems = []
    for where, text in _case_texts(case):
        key_line = line_of(lines, where)
        block = "\n" in text.rstrip("\n")  # block scalars start on the line after the key
        for offset, kind, match in identifier_findings(text):
            line = key_line + (1 if block else 0) + text[:offset].count("\n")
            problems.append(Problem(case.path, line, f"looks like {kind} ({match!r}); cases must be "
                                    "de-identified (HIPAA Safe Harbor)", "error" if strict else "warning"))
    return problems


def stale_citations(library: Library, max_age_days: int, today: datetime.date | None = None) -> list[Problem]:
    """Sources read longer ago than ``max_age_days``, counted from the date they were read."""
    today = today or datetime.date.today()
    limit = today - datetime.timedelta(days=max_age_days)
    problems = []
    for path, file in library.sources.items():
        lines = library.lines.get(path, {})
        for source_id, entry in file.sources.items():
            if entry.read is not None and entry.read < limit:
                problems.append(Problem(path, line_of(lines, ("sources", source_id, "read")),
                    f"'{entry.source}' was last read {entry.read.isoformat()}, more than "
                    f"{max_age_days} days ago; read it again", "warning"))
    return problems


def visited(library: Library) -> dict[str, dict]:
    """Per tree: the nodes, edges, verdicts and jurisdictions the casebook's steps exercise."""
    seen = {t: {"nodes": set(), "edges": set(), "verdicts": set(), "jurisdictions": set()}
            for t in library.trees}
    for case in library.cases.values():
        tree = library.trees.get(case.tree)
        if tree is None:
            continue
        for index, step in enumerate(case.steps):
            for name in {case.jurisdiction, *step.expect_in}:
                jurisdiction = library.jurisdictions.get(name)
                if jurisdiction is None:
                    continue
                result = evaluate(tree, case.facts_at(index), jurisdiction, case.as_of)
                record = seen[tree.id]
                record["nodes"] |= set(result.nodes)
                record["edges"] |= set(result.edges)
                record["jurisdictions"].add(name)
                if result.verdict:
                    record["verdicts"].add(result.verdict)
    return seen


def unreached_nodes(library: Library) -> list[Problem]:
    problems = []
    for tree_id, record in visited(library).items():
        tree = library.trees[tree_id]
        lines = library.lines.get(tree.path, {})
        for kind, nodes in (("questions", tree.questions), ("outcomes", tree.outcomes)):
            for node_id in nodes:
                if node_id not in record["nodes"]:
                    problems.append(Problem(tree.path, line_of(lines, (kind, node_id)),
                                            f"no case step reaches node '{node_id}'", "warning"))
    return problems
