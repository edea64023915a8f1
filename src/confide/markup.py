"""Raw HTML in content is an error: the explorer shows text, never markup."""

from __future__ import annotations

import re

from .deidentify import case_texts
from .library import Library
from .problems import Problem
from .yamlstrict import line_of

RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?\s*>|javascript:", re.I)
AUTOLINK = re.compile(r"<https?://[^\s<>]+>")


def raw_html(library: Library) -> list[Problem]:
    problems = []
    for case in library.cases.values():
        problems += _html_problems(library, case.path, list(case_texts(case)))
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
        if "<" not in text and "javascript:" not in text.lower():
            continue  # nothing the pattern could match
        match = RAW_HTML.search(AUTOLINK.sub("", text))
        if match:
            found.append(Problem(path, line_of(lines, where), f"raw HTML ({match.group(0)[:40]!r}) is "
                                 "not allowed; write plain text or Markdown"))
    return found
