"""De-identification: free text in a case that looks like one of HIPAA's Safe Harbor identifiers
(45 CFR §164.514(b)(2)). Warnings by default; errors under ``strict``."""

from __future__ import annotations

import re

from . import model
from .library import Library
from .problems import Problem
from .yamlstrict import line_of

# Context words keep statute numbers ("§11166") and law dates ("July 1, 2024") from matching.
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
# Each pattern cannot match without some word or character (its clue), found far faster than the
# pattern runs (most narrative has none of them): a pattern runs only when its clue is in the text.
_THREE_DIGITS = re.compile(r"\d{3}")
_DIGIT = re.compile(r"\d")
_DOTTED_DIGITS = re.compile(r"\d\.\d")
_CLUES: dict[str, re.Pattern | tuple[str, ...]] = {
    "a phone or fax number": _THREE_DIGITS,
    "an email address": ("@",),
    "a Social Security number": _THREE_DIGITS,
    "a street address": _DIGIT,
    "a ZIP code": _THREE_DIGITS,
    "a full date of birth": ("born", "dob", "birth"),
    "a record or account number": ("mrn", "record", "chart", "account", "acct", "policy", "member",
                                   "patient", "case"),
    "a URL": ("http", "www."),
    "an IP address": _DOTTED_DIGITS,
    "a licence plate": ("plate",),
}

_WORD_CLUE = re.compile("|".join(re.escape(w) for c in _CLUES.values() if isinstance(c, tuple) for w in c), re.I)


def identifier_findings(text: str) -> list[tuple[int, str, str]]:
    """(character offset, kind, matched text) for each identifier-like span in ``text``."""
    if not _DIGIT.search(text) and "@" not in text and not _WORD_CLUE.search(text):
        return []
    lowered = text.lower()
    found = []
    for kind, pattern in IDENTIFIER_PATTERNS.items():
        clue = _CLUES[kind]
        present = clue.search(text) if isinstance(clue, re.Pattern) else any(w in lowered for w in clue)
        if present:
            found += [(m.start(), kind, m.group(0)) for m in pattern.finditer(text)]
    return sorted(found)



def case_texts(case: model.Case):
    """(location, text) for the free text an author writes in a case."""
    yield ("summary",), case.summary
    yield ("teaching_notes",), case.teaching_notes
    for index, question in enumerate(case.discussion):
        yield ("discussion", index), question
    for index, step in enumerate(case.steps):
        yield ("steps", index, "title"), step.title
        yield ("steps", index, "narrative"), step.narrative


def deidentification(library: Library, case: model.Case, strict: bool = False) -> list[Problem]:
    lines = library.lines.get(case.path, {})
    problems = []
    for where, text in case_texts(case):
        key_line = line_of(lines, where)
        block = "\n" in text.rstrip("\n")  # block scalars start on the line after the key
        for offset, kind, match in identifier_findings(text):
            line = key_line + (1 if block else 0) + text[:offset].count("\n")
            problems.append(Problem(case.path, line, f"looks like {kind} ({match!r}); cases must be "
                                    "de-identified (HIPAA Safe Harbor)", "error" if strict else "warning"))
    return problems
