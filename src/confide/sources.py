"""Citations: are they read, quoted and official, and is each shown only where its law applies.

Checks of the sources registry (``sources/*.yaml``) and of where trees cite state law, and the
per-jurisdiction trust summary ``confide sources`` prints. Pure functions of a loaded Library.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlparse

from . import model
from .evaluate import choose_branch, evaluate
from .explain import all_citations, citation_text, reasons
from .library import Library
from .problems import Problem, did_you_mean, one_of
from .yamlstrict import line_of

PROJECT_NOTES = re.compile(r"facts\.md", re.IGNORECASE)
_FAR_FUTURE = datetime.date(9999, 12, 31)


def host(url: str | None) -> str:
    return urlparse(url or "").netloc.lower().removeprefix("www.")


def is_official(url: str | None, law: str, publishers: dict[str, tuple[str, ...]]) -> bool:
    """True when ``url`` is on a publisher listed for ``law`` or on a court-opinion archive."""
    name = host(url)
    allowed = publishers.get(law, ()) + publishers.get("courts", ())
    return bool(name) and any(name == h or name.endswith("." + h) for h in allowed)


def laws_known(library: Library) -> set[str]:
    return set(library.jurisdictions) | set(model.GENERAL_LAW)


def entry_problems(entry: model.Source, law: str, known: set[str],
                   publishers: dict[str, tuple[str, ...]]) -> list[tuple[tuple, str]]:
    """What is wrong with one source (a registry entry or an inline citation): (key, message)."""
    found: list[tuple[tuple, str]] = []
    if law not in known:
        found.append((("law",), f"unknown law '{law}'{did_you_mean(law, known)}; use a jurisdiction id "
                                f"or one of: {one_of(model.GENERAL_LAW)}"))
    if entry.read is not None and entry.unverified is not None:
        found.append((("read",), "a source is either read (with the date) or unverified (with why), not both"))
    elif entry.read is None and entry.unverified is None:
        found.append(((), "needs 'read' (the date it was read, with quote and url) or 'unverified' (why not)"))
    if entry.read is not None:
        for key in ("url", "quote"):
            if not getattr(entry, key):
                found.append(((), f"marked read but has no {key}: verified means read, with the "
                                  f"official url and a short quote of the operative words"))
    if entry.read_url and not entry.read_via:
        found.append((("read_url",), "read_url needs read_via: the name of the copy that was read"))
    if entry.url and law in known and not is_official(entry.url, law, publishers):
        found.append((("url",), f"url is not an official publisher of {law} law ({host(entry.url)}); point "
                                f"it at the publisher and name the copy you read in read_via/read_url"))
    for key in ("source", "url", "note", "quote"):
        if PROJECT_NOTES.search(getattr(entry, key) or ""):
            found.append(((key,), "cites the project's own notes (facts.md); cite the law itself"))
    return found


def check_registry(library: Library) -> list[Problem]:
    """Every source, in the registry or written inline: whose law, read with quote and official
    URL, or unverified with why."""
    problems: list[Problem] = []
    known, publishers = laws_known(library), library.publishers
    seen: dict[str, str] = {}
    used = {c.id for c in cited(library)}
    for path, file in library.sources.items():
        lines = library.lines.get(path, {})
        for source_id, entry in file.sources.items():
            here = ("sources", source_id)
            if source_id in seen:
                problems.append(Problem(path, line_of(lines, here),
                                        f"source id '{source_id}' is also defined in {seen[source_id]}"))
            seen[source_id] = path
            for key, message in entry_problems(entry, file.law, known, publishers):
                problems.append(Problem(path, line_of(lines, here + key), f"'{source_id}': {message}"))
            if source_id not in used:
                problems.append(Problem(path, line_of(lines, here), f"source '{source_id}' is not cited by "
                                        f"any tree, jurisdiction or case", "warning"))
    for document in [*library.trees.values(), *library.jurisdictions.values(), *library.cases.values()]:
        lines = library.lines.get(document.path, {})
        for where, citation in _located(document):
            if not citation.id:  # written inline, not from the registry
                for key, message in entry_problems(citation, citation.law, known, publishers):
                    problems.append(Problem(document.path, line_of(lines, where + key),
                                            f"'{citation.source}': {message}"))
    return problems


def _located(obj: object, where: tuple = ()):
    """(location, citation) for every Citation inside a model object."""
    if obj is None or isinstance(obj, (str, int, datetime.date)):
        return  # most of a document is text and values: nothing to walk into
    if isinstance(obj, model.Citation):
        yield where, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _located(value, where + (key,))
    elif isinstance(obj, tuple):
        for index, value in enumerate(obj):
            yield from _located(value, where + (index,))
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            if name not in {"id", "path"}:
                yield from _located(getattr(obj, name), where + (name,))


def cited(library: Library) -> list[model.Citation]:
    documents = [*library.trees.values(), *library.jurisdictions.values(), *library.cases.values()]
    return [c for d in documents for _, c in _located(d)]


def reachable(tree: model.Tree, jurisdiction: model.Jurisdiction) -> set[str]:
    """The nodes some facts can reach under this jurisdiction's law on some date: its parameters
    fix the branches of the questions that ask them; every fact is left free."""
    found, todo = set(), [tree.root]
    while todo:
        node = todo.pop()
        if node in found:
            continue
        found.add(node)
        question = tree.questions.get(node)
        if question is None:
            continue
        if question.ask_parameter:
            for setting in jurisdiction.history(question.ask_parameter):
                index = choose_branch(question, setting.value, jurisdiction, setting.effective or _FAR_FUTURE)
                if index is not None:
                    todo.append(question.branches[index].to)
        else:
            todo += [b.to for b in question.branches]
    return found


def _node_texts(tree: model.Tree, node_id: str) -> list[tuple[tuple, str]]:
    question, outcome = tree.questions.get(node_id), tree.outcomes.get(node_id)
    if question is not None:
        where = ("questions", node_id)
        out = [(where + ("text",), question.text), (where + ("uncertain",), question.uncertain)]
        out += [(where + ("branches", i, "label"), b.label) for i, b in enumerate(question.branches)]
        fact = tree.facts.get(question.ask or "")
        if fact is not None:
            fwhere = ("facts", question.ask)
            out += [(fwhere + ("question",), fact.question), (fwhere + ("help",), fact.help)]
            out += [(fwhere + ("value_labels", k), v) for k, v in fact.value_labels.items()]
        return [(w, t) for w, t in out if t]
    if outcome is None:
        return []
    where = ("outcomes", node_id)
    out = [(where + (k,), getattr(outcome, k)) for k in ("label", "rationale", "uncertain")]
    for i, action in enumerate(outcome.actions):
        out += [(where + ("actions", i, k), getattr(action, k)) for k in ("who", "what", "by_when")]
    return [(w, t) for w, t in out if t]


class _StateNames:
    """Which states a text names: one search for all of them, not one per state."""

    def __init__(self, states: list[model.Jurisdiction]):
        self.ids = {j.name: j.id for j in states}
        names = sorted(self.ids, key=len, reverse=True)  # "West Virginia" before "Virginia"
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")(?:'s)?\b") if names else None

    def __call__(self, text: str | None) -> set[str]:
        if not text or self.pattern is None:
            return set()
        return {self.ids[m.group(1)] for m in self.pattern.finditer(text)}


def check_scope(library: Library) -> list[Problem]:
    """A tree node shows one jurisdiction's law only where that jurisdiction decides the path:
    wherever a node is reachable under jurisdiction J, its citations must be J's law or general
    law (federal, ethics, guidance), and its words must not name another state."""
    problems: list[Problem] = []
    states = [j for j in library.jurisdictions.values() if j.id not in model.GENERAL_LAW]
    named = _StateNames(states)
    for tree in library.trees.values():
        lines = library.lines.get(tree.path, {})
        reach = {j.id: reachable(tree, j) for j in library.jurisdictions.values()}
        for node_id in [*tree.questions, *tree.outcomes]:
            kind = "questions" if node_id in tree.questions else "outcomes"
            node = tree.node(node_id)
            under = [j for j in library.jurisdictions if node_id in reach[j]]
            for index, citation in enumerate(node.citations):
                wrong = [j for j in under if not citation.applies_in(j)]
                if citation.law and wrong:
                    problems.append(Problem(tree.path, line_of(lines, (kind, node_id, "citations", index)),
                        f"'{node_id}' cites {citation.law} law ({citation.source}) but is also reached "
                        f"under {one_of(wrong)}; take the rule from a jurisdiction parameter, or ask "
                        f"the jurisdiction's rule before this node"))
            for where, text in _node_texts(tree, node_id):
                for state in (s for s in states if s.id in named(text)):
                    others = [j for j in under if j != state.id]
                    if others:
                        problems.append(Problem(tree.path, line_of(lines, where),
                            f"'{node_id}' names {state.name} in words also shown under {one_of(others)}; "
                            f"move {state.name}'s rule into its jurisdiction file (a parameter's note)"))
    for jurisdiction in library.jurisdictions.values():
        problems += _jurisdiction_scope(library, jurisdiction, states, named)
    return sorted(set(problems))


def _jurisdiction_scope(library: Library, jurisdiction: model.Jurisdiction, states: list,
                        named: _StateNames) -> list[Problem]:
    """A jurisdiction's rules are shown as its reasons: they cite its own law or general law,
    and their notes do not teach another state's rule."""
    problems, lines = [], library.lines.get(jurisdiction.path, {})
    for index, text in enumerate(jurisdiction.uncertain):
        found = named(text)
        for state in states:
            if state.id != jurisdiction.id and state.id in found:
                problems.append(Problem(jurisdiction.path, line_of(lines, ("uncertain", index)),
                    f"an uncertain note names {state.name} in {jurisdiction.name}'s file; say what "
                    f"{jurisdiction.name}'s law leaves open"))
    for name, entry in jurisdiction.parameters.items():
        for index, setting in enumerate(entry if isinstance(entry, tuple) else (entry,)):
            where = ("parameters", name) + ((index,) if isinstance(entry, tuple) else ())
            for number, citation in enumerate(setting.citations):
                if citation.law and not citation.applies_in(jurisdiction.id):
                    problems.append(Problem(jurisdiction.path, line_of(lines, where + ("citations", number)),
                        f"'{name}' cites {citation.law} law ({citation.source}) as {jurisdiction.name}'s rule; "
                        f"cite {jurisdiction.name}'s own law, federal law or an ethics code"))
            texts = [("note", setting.note), ("uncertain", setting.uncertain)]
            texts += [(("actions", i, k), getattr(a, k)) for i, a in enumerate(setting.actions)
                      for k in ("who", "what", "by_when")]
            for key, text in texts:
                found = named(text)
                for state in states:
                    if state.id != jurisdiction.id and state.id in found:
                        at = where + (key if isinstance(key, tuple) else (key,))
                        problems.append(Problem(jurisdiction.path, line_of(lines, at),
                            f"'{name}' names {state.name} in {jurisdiction.name}'s rule; say what "
                            f"{jurisdiction.name}'s law provides (other states belong in their own files)"))
    return problems


@dataclass(frozen=True)
class Trust:
    """How far one jurisdiction's rules rest on law that was read."""

    jurisdiction: model.Jurisdiction
    rules: Counter  # status -> number of parameter settings (rules) resting on it
    sources: dict[str, model.Citation]  # id -> each distinct source of this law the content cites

    def counts(self) -> Counter:
        return Counter(c.status for c in self.sources.values())


STATUSES = model.STATUSES


def trust(library: Library, jurisdiction: model.Jurisdiction) -> Trust:
    rules = model.rule_statuses(jurisdiction)
    own = {c.id or c.source: c for c in cited(library) if c.law == jurisdiction.id}
    return Trust(jurisdiction, rules, dict(sorted(own.items())))


def _taught_results(library: Library):
    """The result of every case step in every jurisdiction the case teaches it in."""
    for case in library.cases.values():
        tree = library.trees.get(case.tree)
        if tree is None:
            continue
        for index, step in enumerate(case.steps):
            for name in sorted({case.jurisdiction, *step.expect_in}):
                jurisdiction = library.jurisdictions.get(name)
                if jurisdiction is not None:
                    yield evaluate(tree, case.facts_at(index), jurisdiction, case.as_of)


def report(library: Library) -> dict:
    """``confide sources``: per jurisdiction, the rules by what backs them; over every case step
    in every taught jurisdiction, the reasons whose only sources are another state's law (before
    the product hides them) and the distinct citations shown."""
    declared = library.parameter_names()
    shown: set[model.Citation] = set()
    total_reasons = foreign_only = 0
    for result in _taught_results(library):
        shown |= set(all_citations(result, declared))
        for reason in reasons(result, declared):
            total_reasons += 1
            foreign_only += bool(reason["elsewhere"]) and not reason["citations"]
    official_links = [c for c in shown if is_official(c.url, c.law, library.publishers)]
    rows = []
    for jurisdiction in library.jurisdictions.values():
        t = trust(library, jurisdiction)
        rows.append({"jurisdiction": jurisdiction.id, "name": jurisdiction.name,
                     "rules": {k: t.rules.get(k, 0) for k in STATUSES},
                     "sources": {k: t.counts().get(k, 0) for k in STATUSES}})
    return {"jurisdictions": rows, "shown_citations": len({c.id or c.source for c in shown}),
            "shown_official_links": len({c.id or c.source for c in official_links}),
            "shown_citing_project_notes": sum(1 for c in shown if PROJECT_NOTES.search(c.source + (c.url or ""))),
            "reasons": total_reasons, "reasons_citing_only_another_state": foreign_only}


def report_text(data: dict) -> str:
    lines = ["How far to trust each jurisdiction: its rules (jurisdiction parameters, one per dated",
             "setting) by the best-read source of its own law behind them, and its distinct sources.",
             "official = read and quoted at the official publisher; secondary = read in a named copy;",
             "unverified = not read (the reason is given wherever it is cited).", "",
             f"{'jurisdiction':<28}{'rules: official':>16}{'secondary':>11}{'unverified':>12}"
             f"{'sources: official':>20}{'secondary':>11}{'unverified':>12}"]
    for row in data["jurisdictions"]:
        r, s = row["rules"], row["sources"]
        lines.append(f"{row['name']:<28}{r['official']:>16}{r['secondary']:>11}{r['unverified']:>12}"
                     f"{s['official']:>20}{s['secondary']:>11}{s['unverified']:>12}")
    total, official = data["shown_citations"], data["shown_official_links"]
    lines += ["", f"Distinct citations shown on case steps: {total}; linking to an official publisher or "
                  f"court archive: {official} ({100 * official // max(total, 1)}%); citing project notes: "
                  f"{data['shown_citing_project_notes']}.",
              f"Reasons over every case step and taught jurisdiction: {data['reasons']}; citing only another "
              f"state's law: {data['reasons_citing_only_another_state']}."]
    return "\n".join(lines)


def listing_text(library: Library, jurisdiction: model.Jurisdiction) -> str:
    """Each source of one jurisdiction's law with what backs it."""
    t = trust(library, jurisdiction)
    return "\n".join([f"{jurisdiction.name}: {len(t.sources)} sources"] +
                     [f"- {citation_text(c)}" for c in t.sources.values()])


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
