"""``confide new``: a commented case file listing the tree's facts. Never overwrites."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from . import model
from .schema import schema_path

CASE_ID = re.compile(r"^[a-z][a-z0-9_]{2,60}$")


def _fact_lines(name: str, fact: model.Fact) -> list[str]:
    if fact.type == "enum":
        choices = " | ".join(fact.values)
    else:
        choices = {"bool": "true | false", "int": "a whole number", "date": "YYYY-MM-DD"}[fact.type]
    return [f"      # {name}: {choices}", f"      #   {fact.question}"]


def _own_source(jurisdiction: model.Jurisdiction) -> model.Citation | None:
    """A registry source of the jurisdiction's own law, to show how a reference is written."""
    for name in jurisdiction.parameters:
        for setting in jurisdiction.history(name):
            for citation in setting.citations:
                if citation.id and citation.law == jurisdiction.id:
                    return citation
    return None


def case_scaffold(case_id: str, tree: model.Tree, jurisdiction: model.Jurisdiction, target: Path) -> str:
    schema = os.path.relpath(schema_path("case"), target.resolve().parent)
    verdicts = " | ".join(model.VERDICTS)
    facts = [line for name, fact in tree.facts.items() for line in _fact_lines(name, fact)]
    today = datetime.date.today().isoformat()
    example = _own_source(jurisdiction)
    return "\n".join([
        f"# yaml-language-server: $schema={schema}",
        f"# A Confide case for the tree '{tree.id}' ({tree.title}).",
        "# Fill in every TODO, then run: confide check " + target.name,
        "# Fictional people only: no real names, phone numbers, addresses, dates of birth or record numbers.",
        "title: TODO a short title",
        f"tree: {tree.id}",
        f"jurisdiction: {jurisdiction.id}",
        f"as_of: {today}  # the date whose law applies",
        "topics: [TODO]",
        "summary: >-",
        "  TODO one paragraph: what the case teaches.",
        "steps:",
        "  - title: Session 1 — TODO",
        "    narrative: |",
        "      TODO what the therapist hears (Markdown).",
        "    facts:  # the facts this session reveals or changes; later steps add to them",
        *facts,
        f"    expect: TODO  # one of: {verdicts}",
        "discussion:",
        "  - TODO a question for the seminar",
        "  - TODO a second question",
        "  - TODO a third question",
        "teaching_notes: >-",
        "  TODO what the instructor should draw out.",
        f"references:  # ids from sources/*.yaml (`confide sources -j {jurisdiction.id}` lists them)",
        *([f"  - cite: {example.id}  # {example.source}"] if example else []),
        "  # or a source not yet in the registry (docs/sources.md):",
        "  # - source: TODO statute, regulation, case or ethics-code section",
        f"  #   law: {jurisdiction.id}",
        "  #   url: https://TODO the official publisher's page",
        f"  #   read: {today}  # only if you read it today; then quote the operative words:",
        "  #   quote: TODO",
        "  #   # otherwise, instead of read and quote: unverified: TODO why",
        "",
    ])


def write_new_case(case_id: str, tree: model.Tree, jurisdiction: model.Jurisdiction, target: Path) -> Path:
    """Create ``target`` with the scaffold; FileExistsError if anything is already there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": refuses to overwrite, atomically
        handle.write(case_scaffold(case_id, tree, jurisdiction, target))
    return target

