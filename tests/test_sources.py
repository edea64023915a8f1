"""The sources registry, verification and jurisdiction scope, on small content made in each test."""

from __future__ import annotations

import datetime
import json
import textwrap

import pytest

from confide import cards, explain, sources
from confide.evaluate import evaluate
from confide.library import load_library

READ = datetime.date(2026, 12, 4)

PARAMETERS = """\
parameters:
  rule:
    type: enum
    values: [strict, lenient]
    question: Which rule?
"""

TREE = """\
title: T
summary: S
root: q_rule
facts:
  asked: {type: bool, question: "Asked?"}
questions:
  q_rule:
    ask_parameter: rule
    branches:
      - {when: {op: "==", value: strict}, to: q_strict}
      - {to: o_lenient}
    citations: [{cite: hipaa}]
  q_strict:
    ask: asked
    branches:
      - {when: {op: "==", value: true}, to: o_strict}
      - {to: o_lenient}
    citations: [{cite: ca-code}]
outcomes:
  o_strict: {verdict: must_not_disclose, label: L, rationale: R, citations: [{cite: hipaa}]}
  o_lenient: {verdict: may_disclose_permitted_by_law, label: L, rationale: R, citations: [{cite: hipaa}]}
"""

CALIFORNIA_SOURCES = """\
law: alpha
sources:
  ca-code:
    source: Alpha Code §1
    url: https://leg.alpha.gov/1
    read: 2026-12-04
    quote: "shall not disclose"
"""

FEDERAL_SOURCES = """\
law: federal
sources:
  hipaa:
    source: 45 CFR §164.512(j)
    url: https://www.ecfr.gov/current/title-45/section-164.512
    read: 2026-12-04
    quote: "serious and imminent threat"
    read_via: LII
    read_url: https://www.law.cornell.edu/cfr/text/45/164.512
"""

PUBLISHERS = """\
publishers:
  federal: [ecfr.gov]
  alpha: [leg.alpha.gov]
  beta: [leg.beta.gov]
  courts: [courtlistener.com]
"""


def jurisdiction(name: str, rule: str, cite: str) -> str:
    return textwrap.dedent(f"""\
        name: {name}
        summary: S
        parameters:
          rule:
            value: {rule}
            citations: [{{cite: {cite}}}]
        """)


def write_content(root, *, tree=TREE, alpha=CALIFORNIA_SOURCES, federal=FEDERAL_SOURCES, beta_rule="lenient",
                  extra_sources=""):
    for folder in ("decision_trees", "casebook", "jurisdictions", "sources"):
        (root / folder).mkdir(exist_ok=True)
    (root / "jurisdictions" / "_parameters.yaml").write_text(PARAMETERS)
    (root / "jurisdictions" / "alpha.yaml").write_text(jurisdiction("Alpha", "strict", "ca-code"))
    (root / "jurisdictions" / "beta.yaml").write_text(jurisdiction("Beta", beta_rule, "hipaa"))
    (root / "decision_trees" / "t.yaml").write_text(tree)
    (root / "sources" / "_publishers.yaml").write_text(PUBLISHERS)
    (root / "sources" / "alpha.yaml").write_text(alpha + extra_sources)
    (root / "sources" / "federal.yaml").write_text(federal)
    return load_library(root)


def messages(problems):
    return [str(p) for p in problems]


def test_a_cite_becomes_the_registry_entry_with_its_law_and_id(tmp_path):
    library = write_content(tmp_path)
    citation = library.trees["t"].questions["q_strict"].citations[0]
    assert (citation.id, citation.law, citation.source, citation.read) == ("ca-code", "alpha", "Alpha Code §1", READ)
    assert citation.status == "official"
    assert library.trees["t"].questions["q_rule"].citations[0].status == "secondary"


def test_an_unknown_cite_is_reported_at_its_line_with_a_suggestion(tmp_path):
    library = write_content(tmp_path, tree=TREE.replace("{cite: ca-code}", "{cite: ca-cod}"))
    assert messages(library.problems) == [
        f"{tmp_path / 'decision_trees' / 't.yaml'}:18: unknown source 'ca-cod' (did you mean 'ca-code'?); "
        "sources are listed in sources/*.yaml"]


def test_a_cite_takes_only_a_note(tmp_path):
    library = write_content(tmp_path, tree=TREE.replace("{cite: ca-code}", "{cite: ca-code, url: x}"))
    assert "a 'cite' entry takes only 'note'" in messages(library.problems)[0]


def test_a_note_on_a_cite_is_kept(tmp_path):
    library = write_content(tmp_path, tree=TREE.replace("{cite: ca-code}", "{cite: ca-code, note: here}"))
    assert library.trees["t"].questions["q_strict"].citations[0].note == "here"


@pytest.mark.parametrize(("edit", "expected"), [
    (('    quote: "shall not disclose"\n', ""), "'ca-code': marked read but has no quote"),
    (("    url: https://leg.alpha.gov/1\n", ""), "'ca-code': marked read but has no url"),
    (("    read: 2026-12-04\n", ""), "'ca-code': needs 'read'"),
    (("    read: 2026-12-04\n", "    read: 2026-12-04\n    unverified: not really\n"), "either read"),
    (("https://leg.alpha.gov/1", "https://blog.example.com/1"), "url is not an official publisher of alpha law"),
    (("Alpha Code §1", "Alpha Code §1 (facts.md §2)"), "cites the project's own notes"),
])
def test_verified_means_read_quoted_and_official(tmp_path, edit, expected):
    library = write_content(tmp_path, alpha=CALIFORNIA_SOURCES.replace(*edit))
    found = messages(sources.check_registry(library))
    assert [m for m in found if expected in m], found
    assert all(m.startswith(str(tmp_path / "sources" / "alpha.yaml")) for m in found)


def test_a_clean_registry_has_no_findings(tmp_path):
    assert sources.check_registry(write_content(tmp_path)) == []


def test_read_url_needs_the_name_of_the_copy(tmp_path):
    library = write_content(tmp_path, federal=FEDERAL_SOURCES.replace("    read_via: LII\n", ""))
    assert any("read_url needs read_via" in m for m in messages(sources.check_registry(library)))


def test_an_uncited_source_is_a_warning(tmp_path):
    extra = "  spare:\n    source: Alpha Code §2\n    unverified: not read\n"
    library = write_content(tmp_path, extra_sources=extra)
    found = sources.check_registry(library)
    assert [(p.severity, "spare" in p.message) for p in found] == [("warning", True)]


def test_an_inline_citation_is_checked_like_a_registry_entry(tmp_path):
    tree = TREE.replace("{cite: ca-code}", "{source: X, law: alpha, read: 2026-12-04, url: 'https://leg.alpha.gov/x'}")
    found = messages(sources.check_registry(write_content(tmp_path, tree=tree)))
    assert any(m.startswith(str(tmp_path / "decision_trees" / "t.yaml") + ":18:") and "no quote" in m for m in found)


def test_reachable_follows_the_jurisdictions_parameters_and_every_fact(tmp_path):
    library = write_content(tmp_path)
    tree = library.trees["t"]
    assert sources.reachable(tree, library.jurisdictions["alpha"]) == {"q_rule", "q_strict", "o_strict", "o_lenient"}
    assert sources.reachable(tree, library.jurisdictions["beta"]) == {"q_rule", "o_lenient"}


def test_state_law_at_a_node_only_that_state_reaches_is_in_scope(tmp_path):
    assert sources.check_scope(write_content(tmp_path)) == []


def test_state_law_at_a_node_another_state_reaches_is_a_finding(tmp_path):
    library = write_content(tmp_path, beta_rule="strict")
    assert messages(sources.check_scope(library)) == [
        f"{tmp_path / 'decision_trees' / 't.yaml'}:18: 'q_strict' cites alpha law (Alpha Code §1) but is also "
        "reached under beta; take the rule from a jurisdiction parameter, or ask the jurisdiction's rule "
        "before this node"]


def test_naming_another_state_in_shared_words_is_a_finding(tmp_path):
    tree = TREE.replace("outcomes:\n  o_strict: {verdict: must_not_disclose, label: L,",
                        "outcomes:\n  o_strict: {verdict: must_not_disclose, label: L,") \
               .replace("o_lenient: {verdict: may_disclose_permitted_by_law, label: L,",
                        "o_lenient: {verdict: may_disclose_permitted_by_law, label: Alpha's rule,")
    found = messages(sources.check_scope(write_content(tmp_path, tree=tree)))
    assert found == [f"{tmp_path / 'decision_trees' / 't.yaml'}:21: 'o_lenient' names Alpha in words also "
                     "shown under beta; move Alpha's rule into its jurisdiction file (a parameter's note)"]


def test_reasons_show_only_the_jurisdictions_law_and_general_law(tmp_path):
    library = write_content(tmp_path, beta_rule="strict")
    tree, beta = library.trees["t"], library.jurisdictions["beta"]
    result = evaluate(tree, {"asked": True}, beta, READ)
    declared = library.parameter_names()
    shown = {c.id for r in explain.reasons(result, declared) for c in r["citations"]}
    assert shown == {"hipaa"}
    assert [c.id for c in explain.elsewhere(result, declared)] == ["ca-code"]
    assert {c.id for c in explain.all_citations(result, declared)} == {"hipaa"}
    alpha_result = evaluate(tree, {"asked": True}, library.jurisdictions["alpha"], READ)
    assert {c.id for c in explain.all_citations(alpha_result, declared)} == {"ca-code", "hipaa"}
    assert explain.elsewhere(alpha_result, declared) == []


def test_the_text_explanation_labels_the_comparison_and_marks_each_citation(tmp_path):
    library = write_content(tmp_path, beta_rule="strict",
                            alpha=CALIFORNIA_SOURCES.replace("    read: 2026-12-04\n", "")
                                                    .replace('    quote: "shall not disclose"\n',
                                                             "    unverified: no copy found\n"))
    result = evaluate(library.trees["t"], {"asked": True}, library.jurisdictions["beta"], READ)
    text = explain.explain(result, library.parameter_names())
    citations, elsewhere = text.split("Citations (Beta law")[1].split("Elsewhere (other states' law")
    assert "Alpha Code" not in citations and "[alpha] Alpha Code §1" in elsewhere
    assert "read 2026-12-04 in a secondary copy (LII)" in citations and '"serious and imminent threat"' in citations
    alpha = evaluate(library.trees["t"], {"asked": True}, library.jurisdictions["alpha"], READ)
    assert "Alpha Code §1 [UNVERIFIED: no copy found]" in explain.explain(alpha, library.parameter_names())


def test_the_card_badges_each_citation_and_keeps_the_quote_one_click_away(tmp_path):
    library = write_content(tmp_path)
    hipaa = library.trees["t"].questions["q_rule"].citations[0]
    html = cards.link(hipaa)
    assert "confide-badge secondary" in html and ">secondary copy<" in html
    assert "<details class='confide-quote'><summary>quote</summary>“serious and imminent threat”" in html
    assert 'href="https://www.ecfr.gov/current/title-45/section-164.512"' in html


def test_stale_sources_count_from_the_read_date(tmp_path):
    library = write_content(tmp_path)
    assert sources.stale_citations(library, 10, today=READ + datetime.timedelta(days=10)) == []
    stale = sources.stale_citations(library, 10, today=READ + datetime.timedelta(days=11))
    assert {p.severity for p in stale} == {"warning"} and len(stale) == 2
    assert "was last read 2026-12-04, more than 10 days ago" in stale[0].message


def test_a_rule_rests_on_the_best_read_of_its_own_law(tmp_path):
    library = write_content(tmp_path)
    assert sources.trust(library, library.jurisdictions["alpha"]).rules == {"official": 1}
    # Beta cites only federal law for its rule, read in a copy.
    assert sources.trust(library, library.jurisdictions["beta"]).rules == {"secondary": 1}


def test_confide_sources_prints_the_picture_per_jurisdiction(cli, tmp_path):
    write_content(tmp_path)
    text = cli("--content", tmp_path, "sources").stdout
    assert "Alpha" in text and "Beta" in text and "official" in text
    data = json.loads(cli("--content", tmp_path, "sources", "--format", "json").stdout)
    rows = {row["jurisdiction"]: row for row in data["jurisdictions"]}
    assert rows["alpha"]["rules"] == {"official": 1, "secondary": 0, "unverified": 0}
    listing = cli("--content", tmp_path, "sources", "-j", "alpha").stdout
    assert "Alpha Code §1 [read 2026-12-04 at the official publisher]" in listing


def test_a_jurisdictions_rule_citing_another_states_law_is_a_finding(tmp_path):
    library = write_content(tmp_path)
    (tmp_path / "jurisdictions" / "beta.yaml").write_text(jurisdiction("Beta", "lenient", "ca-code"))
    found = messages(sources.check_scope(load_library(tmp_path)))
    assert found == [f"{tmp_path / 'jurisdictions' / 'beta.yaml'}:6: 'rule' cites alpha law (Alpha Code §1) "
                     "as Beta's rule; cite Beta's own law, federal law or an ethics code"]
    assert library  # the content before the edit was clean: see test_state_law_at_a_node_only_...


def test_a_jurisdictions_note_teaching_another_state_is_a_finding(tmp_path):
    write_content(tmp_path)
    text = jurisdiction("Beta", "lenient", "hipaa") + "    note: Unlike Alpha, no duty.\n"
    (tmp_path / "jurisdictions" / "beta.yaml").write_text(text)
    found = messages(sources.check_scope(load_library(tmp_path)))
    assert found == [f"{tmp_path / 'jurisdictions' / 'beta.yaml'}:7: 'rule' names Alpha in Beta's rule; "
                     "say what Beta's law provides (other states belong in their own files)"]


def test_the_report_counts_reasons_that_cite_only_another_states_law(tmp_path):
    library = write_content(tmp_path, beta_rule="strict")
    case = textwrap.dedent("""\
        title: C
        tree: t
        jurisdiction: beta
        summary: S
        steps:
          - {title: One, narrative: N, facts: {asked: true}, expect: must_not_disclose, expect_in: {alpha: must_not_disclose}}
        discussion: [a]
        teaching_notes: n
        references: []
        """)
    (tmp_path / "casebook" / "c.yaml").write_text(case)
    library = load_library(tmp_path)
    data = sources.report(library)
    # Beta's q_strict cites only Alpha's code; Alpha's own path has none foreign.
    assert (data["reasons"], data["reasons_citing_only_another_state"]) == (4, 1)


def test_elsewhere_compares_the_same_facts_under_each_other_jurisdiction(tmp_path):
    library = write_content(tmp_path)
    declared = library.parameter_names()
    alpha = evaluate(library.trees["t"], {"asked": True}, library.jurisdictions["alpha"], READ)
    rows = explain.elsewhere_verdicts(alpha, {"asked": True}, library.jurisdictions, declared)
    assert [(r["jurisdiction"], r["verdict"], r["rule"]) for r in rows] == [
        ("beta", "may_disclose_permitted_by_law", "Which rule? — lenient")]
    assert [c.id for c in rows[0]["citations"]] == ["hipaa"]  # Beta's own rule, not Alpha's
    html = cards.outcome_card(alpha, declared, elsewhere=rows)
    closed = html.split("<details class='confide-elsewhere'>")[1]
    assert closed.startswith("<summary>Elsewhere: the same facts in other jurisdictions — a comparison, not the law of Alpha")
    assert "<b>Beta</b>: May disclose: permitted by law." in closed


def test_elsewhere_says_what_another_jurisdiction_still_needs(tmp_path):
    library = write_content(tmp_path, beta_rule="strict")
    declared = library.parameter_names()
    alpha = evaluate(library.trees["t"], {"asked": True}, library.jurisdictions["alpha"], READ)
    unknown = evaluate(library.trees["t"], {}, library.jurisdictions["alpha"], READ)
    assert explain.elsewhere_verdicts(alpha, {"asked": True}, library.jurisdictions, declared)[0]["verdict"] \
        == "must_not_disclose"
    row = explain.elsewhere_verdicts(unknown, {}, library.jurisdictions, declared)[0]
    assert row["verdict"] is None and row["rule"].endswith("it also needs to know: Asked?")


def test_check_max_age_is_configurable(cli, tmp_path):
    # Ages count from each source's own read date: the sources here were read 100 days before the
    # run, whatever day that is (no fixed date is compared with the clock).
    read = (datetime.date.today() - datetime.timedelta(days=100)).isoformat()
    write_content(tmp_path, alpha=CALIFORNIA_SOURCES.replace("2026-12-04", read),
                  federal=FEDERAL_SOURCES.replace("2026-12-04", read))
    stale = cli("--content", tmp_path, "check", "--max-age-days", "90", "--format", "json")
    found = [p for p in json.loads(stale.stdout)["problems"] if "more than 90 days ago" in p["message"]]
    assert {(p["severity"], p["message"].split("'")[1]) for p in found} == {("warning", "Alpha Code §1"),
                                                                          ("warning", "45 CFR §164.512(j)")}, found
    assert f"was last read {read}, more than 90 days ago" in found[0]["message"]
    fresh = cli("--content", tmp_path, "check", "--max-age-days", "110", "--format", "json")
    assert not [p for p in json.loads(fresh.stdout)["problems"] if "days ago" in p["message"]]
