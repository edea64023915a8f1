"""The data model: trees, jurisdictions and cases as frozen dataclasses.

No I/O and no rendering here, and no third-party imports: this module must run in the browser
(Pyodide). ``load`` validates YAML into these classes; ``__pydantic_config__`` is a plain dict that
pydantic reads on the authoring path (unknown keys are rejected), and is inert everywhere else.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar, Literal

VERDICTS: tuple[str, ...] = (
    "must_not_disclose",
    "may_disclose_with_consent",
    "may_disclose_permitted_by_law",
    "must_disclose_or_act",
    "must_respond_assert_privilege",
    "disclose_court_order_minimum",
)
Verdict = Literal[
    "must_not_disclose",
    "may_disclose_with_consent",
    "may_disclose_permitted_by_law",
    "must_disclose_or_act",
    "must_respond_assert_privilege",
    "disclose_court_order_minimum",
]
VERDICT_WORDS: dict[str, str] = {
    "must_not_disclose": "Must not disclose",
    "may_disclose_with_consent": "May disclose with the client's consent",
    "may_disclose_permitted_by_law": "May disclose: permitted by law",
    "must_disclose_or_act": "Must disclose or act",
    "must_respond_assert_privilege": "Must respond and assert the privilege",
    "disclose_court_order_minimum": "Disclose only what the court order covers",
}

FactType = Literal["bool", "enum", "int", "date"]
Op = Literal["==", "!=", "<", "<=", ">", ">=", "in"]
OPS: tuple[str, ...] = ("==", "!=", "<", "<=", ">", ">=", "in")
ORDERED_OPS: frozenset[str] = frozenset({"<", "<=", ">", ">="})

Scalar = bool | int | str | datetime.date
Value = Scalar | tuple[Scalar, ...]

NOT_LEGAL_ADVICE = (
    "Educational material, not legal advice. Laws change and vary: check the cited sources and "
    "consult your licensing board, professional association or a lawyer about a real situation."
)

_STRICT: dict = {"extra": "forbid"}


GENERAL_LAW: tuple[str, ...] = ("federal", "ethics", "guidance")
"""Whose law a citation states, besides the jurisdictions: federal law, a profession's ethics code,
and non-binding professional guidance. These apply (or inform) in every jurisdiction."""


@dataclass(frozen=True)
class Source:
    """One entry of the sources registry (``sources/<law>.yaml``): what was read, where, when.

    Verified means read: ``read`` (the date) with ``quote`` (the operative words) and ``url`` (the
    official publisher). ``read_via``/``read_url`` name a secondary copy when that is what was read.
    Otherwise ``unverified`` says why it was not read."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    source: str
    url: str | None = None
    read: datetime.date | None = None
    quote: str | None = None
    read_via: str | None = None
    read_url: str | None = None
    unverified: str | None = None
    seen_at: str | None = None  # a secondary page the entry was drafted from (never the citation)
    note: str | None = None


@dataclass(frozen=True)
class SourceFile:
    """``sources/<name>.yaml``: the sources of one law (a jurisdiction id, or one of GENERAL_LAW)."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    law: str
    sources: dict[str, Source]
    path: str = ""


@dataclass(frozen=True)
class CitationRef:
    """How content cites a registry entry: ``- cite: <id>`` (resolved by ``load`` into a Citation).
    Only the JSON Schema uses this class; the loaded model never holds one."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    cite: str
    note: str | None = None


@dataclass(frozen=True)
class Publishers:
    """``sources/_publishers.yaml``: the official hosts for each law, and court archives."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    publishers: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Citation(Source):
    """A source as cited by content: the registry entry (``cite: id``) with whose law it is."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    law: str = ""
    id: str = ""

    @property
    def verified(self) -> bool:
        return self.read is not None and self.unverified is None

    @property
    def status(self) -> str:
        """"official" (read at the publisher), "secondary" (read in a named copy) or "unverified"."""
        if not self.verified:
            return "unverified"
        return "secondary" if self.read_via or self.read_url else "official"

    def applies_in(self, jurisdiction_id: str) -> bool:
        """True when this is the jurisdiction's own law, federal law, an ethics code or guidance."""
        return self.law == jurisdiction_id or self.law in GENERAL_LAW


@dataclass(frozen=True)
class Fact:
    """A typed fact a question asks, with the words a student sees."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    type: FactType
    question: str
    help: str = ""
    # A few words for diagrams (the path view, the whole tree), e.g. "Serious threat?"; the full
    # question is shown beside them and wherever there is room.
    short: str | None = None
    values: tuple[str, ...] = ()
    value_labels: dict[str, str] = field(default_factory=dict)
    # What the tree assumes when a case does not state this fact: only for a fact whose ordinary
    # answer goes without saying (no court order, no past crime). Shown as assumed on the path.
    default: Scalar | None = None


@dataclass(frozen=True)
class When:
    """A condition on the asked fact: ``{op, value}`` or ``{op, parameter}`` (compare to a
    jurisdiction parameter). Data, never an expression."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    op: Op
    value: Value | None = None
    parameter: str | None = None


@dataclass(frozen=True)
class Branch:
    """An edge out of a question; a branch without ``when`` is the otherwise branch."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    to: str
    when: When | None = None
    label: str | None = None


@dataclass(frozen=True)
class Target:
    """Where an answer leads in the shorthand (``yes: {to: q_next, label: words}``, or just the
    id). Only the JSON Schema uses this class: the loader expands it into a Branch."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    to: str
    label: str | None = None


@dataclass(frozen=True)
class Question:
    """A node that asks exactly one fact (``ask``) or one jurisdiction parameter."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    branches: tuple[Branch, ...]
    citations: tuple[Citation, ...]
    ask: str | None = None
    ask_parameter: str | None = None
    text: str | None = None
    short: str | None = None  # a few words for diagrams, where this node's own text needs them
    uncertain: str | None = None

    @property
    def asked(self) -> str:
        return self.ask or self.ask_parameter or ""


@dataclass(frozen=True)
class Action:
    """Something the therapist does: who is told or reported to, what, by when."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    who: str
    what: str
    by_when: str | None = None
    required: bool = True


@dataclass(frozen=True)
class Outcome:
    __pydantic_config__: ClassVar[dict] = _STRICT
    verdict: Verdict
    label: str
    rationale: str
    citations: tuple[Citation, ...]
    actions: tuple[Action, ...] = ()
    actions_from: str | None = None  # a parameter whose setting adds the jurisdiction's own actions
    uncertain: str | None = None
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tree:
    __pydantic_config__: ClassVar[dict] = _STRICT
    title: str
    summary: str
    root: str
    facts: dict[str, Fact]
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]
    topics: tuple[str, ...] = ()
    id: str = ""
    path: str = ""

    def node(self, node_id: str) -> Question | Outcome | None:
        return self.questions.get(node_id) or self.outcomes.get(node_id)


@dataclass(frozen=True)
class Setting:
    """One jurisdiction's value for a parameter, from ``effective`` on (None: as far back as
    the content goes)."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    value: Scalar
    citations: tuple[Citation, ...]
    effective: datetime.date | None = None
    note: str | None = None
    uncertain: str | None = None
    actions: tuple[Action, ...] = ()  # what this jurisdiction prescribes (see Outcome.actions_from)


@dataclass(frozen=True)
class Jurisdiction:
    __pydantic_config__: ClassVar[dict] = _STRICT
    name: str
    summary: str
    parameters: dict[str, Setting | tuple[Setting, ...]]
    uncertain: tuple[str, ...] = ()
    id: str = ""
    path: str = ""

    def history(self, name: str) -> tuple[Setting, ...]:
        """The settings of one parameter, oldest first."""
        return self._histories.get(name, ())

    @functools.cached_property
    def _histories(self) -> dict[str, tuple[Setting, ...]]:
        # Sorted once: evaluation asks for a parameter's history at every step of every case.
        return {name: tuple(sorted(entry if isinstance(entry, tuple) else (entry,),
                                   key=lambda s: s.effective or datetime.date.min))
                for name, entry in self.parameters.items()}

    def setting(self, name: str, as_of: datetime.date) -> Setting | None:
        """The setting in force on ``as_of``; None when the parameter is absent or not yet in
        force on that date."""
        current = None
        for candidate in self.history(name):
            if candidate.effective is None or candidate.effective <= as_of:
                current = candidate
        return current


STATUSES: tuple[str, ...] = ("official", "secondary", "unverified")


def rule_status(setting: Setting, law: str) -> str:
    """What a rule rests on: the best-read of its citations of its own law (of any, when it cites
    none of its own) — official, secondary or unverified."""
    own = [c for c in setting.citations if c.law == law] or list(setting.citations)
    return min((c.status for c in own), key=STATUSES.index, default="unverified")


def rule_statuses(jurisdiction: Jurisdiction) -> Counter:
    """How many of a jurisdiction's rules (dated parameter settings) rest on each status."""
    return Counter(rule_status(s, jurisdiction.id) for name in jurisdiction.parameters
                   for s in jurisdiction.history(name))


@dataclass(frozen=True)
class Step:
    __pydantic_config__: ClassVar[dict] = _STRICT
    title: str
    narrative: str
    expect: Verdict
    facts: dict[str, Scalar] = field(default_factory=dict)
    expect_in: dict[str, Verdict] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    __pydantic_config__: ClassVar[dict] = _STRICT
    title: str
    tree: str
    jurisdiction: str
    summary: str
    steps: tuple[Step, ...]
    discussion: tuple[str, ...]
    teaching_notes: str
    references: tuple[Citation, ...]
    topics: tuple[str, ...] = ()
    as_of: datetime.date | None = None
    id: str = ""
    path: str = ""

    def facts_at(self, step: int) -> dict[str, Scalar]:
        """Facts known at step ``step`` (0-based): each step adds to or changes the last."""
        known: dict[str, Scalar] = {}
        for s in self.steps[: step + 1]:
            known.update(s.facts)
        return known


@dataclass(frozen=True)
class ParameterDeclarations:
    """The typed jurisdiction parameters trees may ask (``jurisdictions/_parameters.yaml``)."""

    __pydantic_config__: ClassVar[dict] = _STRICT
    parameters: dict[str, Fact]
    path: str = ""
