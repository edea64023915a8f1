"""Author warnings beyond validity, gathered for `confide check`: identifiers in narratives
(``deidentify``), citations read too long ago (``sources.stale_citations``) and nodes no case
reaches (``reach``). Each job lives in its own module; this one only collects them."""

from __future__ import annotations

from . import deidentify, reach, sources
from .library import Library
from .problems import Problem


def author_findings(library: Library, *, max_age_days: int, strict: bool = False,
                    whole_library: bool = True, results: reach.Results | None = None) -> list[Problem]:
    """The warnings (errors for identifiers under ``strict``) an author should see. Unreached
    nodes are only meaningful when the whole casebook is checked and loads cleanly."""
    problems = sources.stale_citations(library, max_age_days)
    problems += [p for case in library.cases.values() for p in deidentify.deidentification(library, case, strict)]
    if whole_library and not library.problems:
        problems += reach.unreached_nodes(library, results)
    return problems
