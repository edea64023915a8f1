"""`confide.explain`: the path in words, on trees of two or three nodes built here."""

from __future__ import annotations

import datetime

from confide import explain, model
from confide.evaluate import Flip, evaluate
from engine_kit import CITE, ask, ask_parameter, branch, fact, jurisdiction, outcome, setting, tree, when

DAY = datetime.date(2021, 1, 1)
READ = datetime.date(2020, 5, 6)
FEDERAL = model.Citation(source="Fed §1", law="federal", id="fed", url="https://ecfr.gov/1", read=READ,
                         quote="  may disclose  ")
ALPHA_LAW = model.Citation(source="Alpha §2", law="alpha", id="alpha-2", read=READ, read_via="a casebook")
BETA_LAW = model.Citation(source="Beta §3", law="beta", id="beta-3", unverified="not found")
ETHICS = model.Citation(source="Code 4.05", law="ethics", id="code")

POLICE = model.Action(who="the police", what="Report.", by_when="within 24 hours")
PARENTS = model.Action(who="the parents", what="Tell them.", required=False)

PARAMETERS = {"rule": fact("enum", "Which rule applies?", values=("strict", "lenient"),
                           value_labels={"strict": "strict rule"})}


def small_tree() -> model.Tree:
    """q_who (enum who, with labels; a default): client -> q_rule, otherwise -> o_keep;
    q_rule (parameter rule): strict -> o_act, otherwise -> o_keep."""
    who = fact("enum", "Who told?", values=("client", "family"), value_labels={"client": "the client"},
               default="client")
    questions = {
        "q_who": ask("who", branch("q_rule", when("==", "client")), branch("o_keep", label="someone else"),
                     citations=(FEDERAL, BETA_LAW), uncertain="Who counts is debated."),
        "q_rule": ask_parameter("rule", branch("o_act", when("==", "strict")), branch("o_keep"),
                                citations=(ETHICS,)),
    }
    outcomes = {
        "o_act": outcome("must_disclose_or_act", label="Act now", rationale="  A duty.  ",
                         citations=(FEDERAL, BETA_LAW), actions=(PARENTS,), actions_from="rule",
                         uncertain="The discharge is unsettled."),
        "o_keep": outcome("must_not_disclose", label="Keep it", citations=(ETHICS,)),
    }
    return tree("q_who", {"who": who}, questions, outcomes, title="Small tree")


ALPHA = jurisdiction({"rule": setting("strict", citations=(ALPHA_LAW,), note="Strict since always.",
                                      uncertain="The statute was amended.", actions=(POLICE,))},
                     uncertain=("Alpha's courts disagree.",))
BETA = jurisdiction({"rule": setting("lenient", citations=(BETA_LAW,))}, name="Beta", id="beta")


def test_explain_tells_the_whole_path_outcome_actions_notes_and_sources():
    result = evaluate(small_tree(), {}, ALPHA, DAY)
    assert explain.explain(result, PARAMETERS) == "\n".join([
        "Small tree",
        "Jurisdiction: Alpha; law as of 2021-01-01",
        "",
        "1. Who told? — the client (assumed: the case does not say)",
        "2. Which rule applies? — strict rule",
        "   Strict since always.",
        "",
        "Verdict: MUST DISCLOSE OR ACT — Act now",
        "",
        "Why: A duty.",
        "",
        "What to do:",
        "- [must] the police: Report. (within 24 hours)",
        "- [may] the parents: Tell them.",
        "",
        "Uncertain — sources disagree or were not verified:",
        "- Who counts is debated.",
        "- The statute was amended.",
        "- The discharge is unsettled.",
        "- Alpha's courts disagree.",
        "",
        "Citations (Alpha law, federal law and professional codes):",
        '- Fed §1 [read 2020-05-06 at the official publisher] <https://ecfr.gov/1>\n    "may disclose"',
        "- Alpha §2 [read 2020-05-06 in a secondary copy (a casebook)]",
        "- Code 4.05 [UNVERIFIED: not read]",
        "",
        "Elsewhere (other states' law, for comparison only; not the law here):",
        "- [beta] Beta §3",
        "",
        model.NOT_LEGAL_ADVICE,
    ])


def test_explain_of_an_undecided_path_names_what_it_needs():
    result = evaluate(small_tree(), {"who": "client"}, jurisdiction({}), DAY)
    text = explain.explain(result, PARAMETERS)
    assert "1. Who told? — the client\n" in text
    assert "Not decided yet. The tree stops at: Which rule applies?\nIt needs the parameter 'rule'." in text
    assert "Verdict" not in text and "What to do:" not in text and "Elsewhere" in text  # q_who cites Beta's law


def test_the_answer_shows_the_value_and_only_the_notes_met_on_the_path():
    result = evaluate(small_tree(), {"who": "family"}, BETA, DAY)
    text = explain.explain(result, PARAMETERS)
    assert "1. Who told? — someone else" not in text  # the answer is the value, the label is the branch's
    assert "1. Who told? — family\n" in text
    assert "Uncertain —" in text  # q_who's own note
    keep_only = evaluate(small_tree(), {"who": "family"}, jurisdiction({}, name="Gamma", id="gamma"), DAY)
    assert explain.uncertain_notes(keep_only, PARAMETERS) == ["Who counts is debated."]


def test_reasons_one_entry_per_answer_with_scoped_citations():
    result = evaluate(small_tree(), {"who": "client"}, ALPHA, DAY)
    first, second = explain.reasons(result, PARAMETERS)
    assert first == {"node": "q_who", "question": "Who told?", "asked": "who", "kind": "fact",
                     "answer": "the client", "value": "the client", "assumed": False, "note": None,
                     "citations": [FEDERAL], "elsewhere": [BETA_LAW], "uncertain": ["Who counts is debated."]}
    assert second["kind"] == "parameter" and second["answer"] == "strict rule" and second["value"] == "strict rule"
    # The jurisdiction's setting is cited first, then the question's own citations.
    assert second["citations"] == [ALPHA_LAW, ETHICS] and second["elsewhere"] == []
    assert second["note"] == "Strict since always." and second["uncertain"] == ["The statute was amended."]


def test_in_beta_alphas_law_is_elsewhere_and_betas_is_cited():
    result = evaluate(small_tree(), {"who": "client"}, BETA, DAY)
    assert explain.all_citations(result, PARAMETERS) == [FEDERAL, BETA_LAW, ETHICS]
    assert explain.elsewhere(result, PARAMETERS) == []


def test_citations_are_listed_once_each():
    result = evaluate(small_tree(), {"who": "client"}, ALPHA, DAY)
    assert explain.all_citations(result, PARAMETERS) == [FEDERAL, ALPHA_LAW, ETHICS]
    assert explain.elsewhere(result, PARAMETERS) == [BETA_LAW]


def test_verdict_words():
    assert explain.verdict_words(None) == "Not yet decided: a fact is still unknown"
    assert explain.verdict_words("must_not_disclose") == "Must not disclose"


def test_citation_text_per_status():
    assert explain.citation_text(FEDERAL) == ('Fed §1 [read 2020-05-06 at the official publisher] <https://ecfr.gov/1>'
                                              '\n    "may disclose"')
    assert explain.citation_text(ALPHA_LAW) == "Alpha §2 [read 2020-05-06 in a secondary copy (a casebook)]"
    assert explain.citation_text(BETA_LAW) == "Beta §3 [UNVERIFIED: not found]"
    by_url = model.Citation(source="S", law="x", read=READ, read_url="https://copy.example/s")
    assert explain.citation_status(by_url) == "read 2020-05-06 in a secondary copy (https://copy.example/s)"


def test_as_dict_carries_the_result_for_json():
    result = evaluate(small_tree(), {}, ALPHA, DAY)
    data = explain.as_dict(result, PARAMETERS)
    assert {k: data[k] for k in ("tree", "jurisdiction", "as_of", "verdict", "verdict_words", "outcome", "label",
                                 "rationale", "path", "edges", "stopped_at", "missing", "missing_kind")} == {
        "tree": "t", "jurisdiction": "alpha", "as_of": "2021-01-01", "verdict": "must_disclose_or_act",
        "verdict_words": "Must disclose or act", "outcome": "o_act", "label": "Act now", "rationale": "A duty.",
        "path": ["q_who", "q_rule", "o_act"], "edges": [["q_who", "q_rule"], ["q_rule", "o_act"]],
        "stopped_at": None, "missing": None, "missing_kind": None}
    assert data["actions"] == [{"who": "the police", "what": "Report.", "by_when": "within 24 hours", "required": True},
                               {"who": "the parents", "what": "Tell them.", "by_when": None, "required": False}]
    assert [r["value"] for r in data["reasons"]] == ["the client (assumed: the case does not say)", "strict rule"]
    assert data["reasons"][0]["assumed"] is True
    assert data["reasons"][0]["elsewhere"][0]["id"] == "beta-3"
    assert data["citations"][0] == {"id": "fed", "source": "Fed §1", "law": "federal", "url": "https://ecfr.gov/1",
                                    "status": "official", "read": "2020-05-06", "quote": "  may disclose  ",
                                    "read_via": None, "read_url": None, "unverified": None, "note": None}
    assert [c["id"] for c in data["citations"]] == ["fed", "alpha-2", "code"]
    assert [c["status"] for c in data["citations"]] == ["official", "secondary", "unverified"]
    assert data["citations"][2]["read"] is None
    assert [c["id"] for c in data["elsewhere"]] == ["beta-3"]
    assert data["uncertain"][0] == "Who counts is debated." and len(data["uncertain"]) == 4
    assert data["not_legal_advice"] == model.NOT_LEGAL_ADVICE


def test_as_dict_of_an_undecided_path():
    data = explain.as_dict(evaluate(small_tree(), {"who": "client"}, jurisdiction({}), DAY), PARAMETERS)
    assert (data["verdict"], data["outcome"], data["label"], data["rationale"]) == (None, None, None, None)
    assert (data["stopped_at"], data["missing"], data["missing_kind"]) == ("q_rule", "rule", "parameter")
    assert data["verdict_words"] == "Not yet decided: a fact is still unknown" and data["actions"] == []


def test_elsewhere_verdicts_name_the_rule_that_decides_in_each_other_jurisdiction():
    gamma = jurisdiction({}, name="Gamma", id="gamma")
    result = evaluate(small_tree(), {"who": "client"}, ALPHA, DAY)
    rows = explain.elsewhere_verdicts(result, {"who": "client"}, {"alpha": ALPHA, "beta": BETA, "gamma": gamma},
                                      PARAMETERS)
    assert rows == [
        {"jurisdiction": "beta", "name": "Beta", "verdict": "must_not_disclose", "verdict_words": "Must not disclose",
         "rule": "Which rule applies? — lenient", "citations": [BETA_LAW, ETHICS]},
        {"jurisdiction": "gamma", "name": "Gamma", "verdict": None,
         "verdict_words": "Not yet decided: a fact is still unknown",
         "rule": "it also needs to know: Which rule applies?", "citations": []},
    ]
    assert explain.elsewhere_text(rows, ALPHA) == "\n".join([
        "Elsewhere — the same facts in other jurisdictions (a comparison, not Alpha's law):",
        "- Beta: Must not disclose. Which rule applies? — lenient [Beta §3; Code 4.05]",
        "- Gamma: Not yet decided: a fact is still unknown. it also needs to know: Which rule applies?",
    ])


def test_elsewhere_verdicts_with_the_same_rule_name_the_last_rule_asked():
    beta_strict = jurisdiction({"rule": setting("strict", citations=(BETA_LAW,))}, name="Beta", id="beta")
    result = evaluate(small_tree(), {"who": "client"}, ALPHA, DAY)
    (row,) = explain.elsewhere_verdicts(result, {"who": "client"}, {"beta": beta_strict}, PARAMETERS)
    assert row["rule"] == "Which rule applies? — strict rule" and row["verdict"] == "must_disclose_or_act"


def test_describe_change_says_what_would_differ():
    small = small_tree()
    result = evaluate(small, {"who": "family"}, ALPHA, DAY)
    assert explain.describe_change(small, Flip("who", "client", "family", result)) == "Who told? family, not the client"
    assert explain.describe_change(small, Flip("who", None, "client", result)) == "Who told? the client (the case does not say)"
    flag = tree("q", {"court_order": fact("bool", "Is there a court order?", short="Court order?")}, {}, {})
    assert explain.describe_change(flag, Flip("court_order", True, False, result)) == "Court order? no, not yes"


GAMMA_LAW = model.Citation(source="Gamma §5", law="gamma", id="gamma-5", unverified="not found")


def test_a_parameter_questions_own_note_and_its_settings_note_are_both_shown():
    small = small_tree()
    noted = model.Tree(**{**small.__dict__, "questions": {
        **small.questions, "q_rule": model.Question(**{**small.questions["q_rule"].__dict__, "uncertain": "Q note."})}})
    result = evaluate(noted, {"who": "client"}, ALPHA, DAY)
    assert explain.reasons(result, PARAMETERS)[1]["uncertain"] == ["Q note.", "The statute was amended."]


def test_elsewhere_gathers_foreign_law_of_the_path_and_of_the_outcome():
    small = small_tree()
    act = model.Outcome(**{**small.outcomes["o_act"].__dict__, "citations": (ALPHA_LAW, GAMMA_LAW, BETA_LAW)})
    both = model.Tree(**{**small.__dict__, "outcomes": {**small.outcomes, "o_act": act}})
    result = evaluate(both, {"who": "client"}, ALPHA, DAY)
    assert explain.elsewhere(result, PARAMETERS) == [BETA_LAW, GAMMA_LAW]
    assert explain.all_citations(result, PARAMETERS) == [FEDERAL, ALPHA_LAW, ETHICS]


def two_rules() -> model.Tree:
    """q_first (parameter first): yes -> q_second, otherwise -> o_keep;
    q_second (parameter second): yes -> q_fact, otherwise -> o_keep; q_fact (bool f): true -> o_act."""
    return tree("q_first", {"f": fact("bool", "Is F so?")}, {
        "q_first": ask_parameter("first", branch("q_second", when("==", "yes")), branch("o_keep")),
        "q_second": ask_parameter("second", branch("q_fact", when("==", "yes")), branch("o_keep")),
        "q_fact": ask("f", branch("o_act", when("==", True)), branch("o_keep")),
    }, {"o_keep": outcome("must_not_disclose"), "o_act": outcome("must_disclose_or_act")})


RULES = {"first": fact("enum", "First rule?", values=("yes", "no")),
         "second": fact("enum", "Second rule?", values=("yes", "no"))}
JULY = datetime.date(2020, 7, 1)


def law(first, second, id):  # noqa: ANN001, A002
    return jurisdiction({"first": first, "second": second}, name=id.title(), id=id)


def test_the_deciding_rule_elsewhere_is_the_first_that_differs():
    here = law(setting("yes"), setting("yes"), "here")
    own = [model.Citation(source=f"Other §{n}", law="other", id=f"other-{n}") for n in (1, 2)]
    other = law(setting("yes", citations=(GAMMA_LAW,)), setting("no", citations=(*own, BETA_LAW, ETHICS)), "other")
    result = evaluate(two_rules(), {"f": True}, here, DAY)
    (row,) = explain.elsewhere_verdicts(result, {"f": True}, {"here": here, "other": other}, RULES)
    assert (row["rule"], row["verdict"]) == ("Second rule? — no", "must_not_disclose")
    assert row["citations"] == [*own, ETHICS, CITE[0]]  # its own law and general law, not Beta's
    # The text names at most two sources of the rule.
    assert explain.elsewhere_text([row], here).endswith("- Other: Must not disclose. Second rule? — no [Other §1; Other §2]")


def test_elsewhere_verdicts_use_the_law_of_the_results_date():
    here = law(setting("yes"), setting("yes"), "here")
    other = law(setting("yes"), (setting("yes"), setting("no", JULY)), "other")
    result = evaluate(two_rules(), {"f": True}, here, JULY - datetime.timedelta(days=1))
    (row,) = explain.elsewhere_verdicts(result, {"f": True}, {"other": other}, RULES)
    assert row["verdict"] == "must_disclose_or_act" and row["rule"] == "Second rule? — yes"


def test_elsewhere_a_path_that_stops_at_a_fact_says_what_it_needs():
    here = law(setting("no"), setting("no"), "here")
    other = law(setting("yes"), setting("yes"), "other")
    result = evaluate(two_rules(), {}, here, DAY)
    (row,) = explain.elsewhere_verdicts(result, {}, {"other": other}, RULES)
    assert row["rule"] == "First rule? — yes; it also needs to know: Is F so?"
    text = explain.explain(evaluate(two_rules(), {}, other, DAY), RULES)
    assert "Not decided yet. The tree stops at: Is F so?\nIt needs the fact 'f'." in text


def test_as_dict_reasons_carry_citations_as_dicts():
    data = explain.as_dict(evaluate(small_tree(), {}, ALPHA, DAY), PARAMETERS)
    assert [[c["id"] for c in r["citations"]] for r in data["reasons"]] == [["fed"], ["alpha-2", "code"]]
    assert set(data["reasons"][0]) == {"node", "question", "asked", "kind", "answer", "value", "assumed", "note",
                                       "citations", "elsewhere", "uncertain"}


def test_describe_change_of_a_fact_without_a_short_label_uses_its_question():
    flag = tree("q", {"court_order": fact("bool", "Is there a court order?")}, {}, {})
    result = evaluate(small_tree(), {}, ALPHA, DAY)
    assert explain.describe_change(flag, Flip("court_order", None, True, result)) == \
        "Is there a court order? yes (the case does not say)"


def test_explain_names_the_trees_an_outcome_sends_the_reader_to():
    small = small_tree()
    keep = model.Outcome(**{**small.outcomes["o_keep"].__dict__, "see_also": ("danger_to_self", "child_abuse")})
    sending = model.Tree(**{**small.__dict__, "outcomes": {**small.outcomes, "o_keep": keep}})
    text = explain.explain(evaluate(sending, {"who": "family"}, ALPHA, DAY), PARAMETERS)
    assert "\n\nSee also: danger to self, child abuse\n" in text
    assert "See also" not in explain.explain(evaluate(small, {"who": "family"}, ALPHA, DAY), PARAMETERS)
