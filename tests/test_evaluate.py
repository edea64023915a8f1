import datetime

from confide.evaluate import compare, evaluate, flips

THREAT = {"serious_threat_of_violence": True, "threat_explicit": True, "threat_source": "client",
          "victim_reasonably_identifiable": True, "threat_imminent": True,
          "apparent_intent_and_ability": True}


def run(library, facts, jurisdiction, as_of=datetime.date(2025, 1, 1)):
    return evaluate(library.trees["duty_to_protect"], facts, library.jurisdictions[jurisdiction], as_of)


def test_jurisdiction_moves_the_path(library):
    verdicts = {j: run(library, THREAT, j).verdict for j in ("california", "texas", "florida", "federal")}
    assert verdicts == {"california": "must_disclose_or_act", "texas": "may_disclose_permitted_by_law",
                        "florida": "must_disclose_or_act", "federal": "may_disclose_permitted_by_law"}
    california = run(library, THREAT, "california")
    assert california.outcome_id == "o_duty_applies"
    assert [a.by_when for a in california.actions if a.who == "local law enforcement"] == ["within 24 hours"]
    assert run(library, THREAT, "texas").outcome_id == "o_may_tell_personnel"


def test_effective_dates_choose_the_law_in_force(library):
    before = run(library, THREAT, "florida", datetime.date(2019, 6, 30))
    after = run(library, THREAT, "florida", datetime.date(2019, 7, 1))
    assert before.verdict == "may_disclose_permitted_by_law"
    assert after.outcome_id == "o_duty_applies"
    assert after.actions[0].who == "a law enforcement agency" and not after.actions[1].required
    setting = [a.setting for a in after.answers if a.kind == "parameter"][0]
    assert setting.effective == datetime.date(2019, 7, 1)


def test_path_nodes_and_edges_agree(library):
    result = run(library, THREAT, "california")
    assert result.nodes[0] == "q_serious_threat" and result.nodes[-1] == result.outcome_id
    assert list(result.edges) == list(zip(result.nodes, result.nodes[1:], strict=False))
    assert [a.node for a in result.answers] == list(result.nodes[:-1])


def test_unknown_fact_stops_at_the_question_that_needs_it(library):
    result = run(library, {"serious_threat_of_violence": True, "threat_source": "family_member"}, "california")
    assert result.outcome is None and result.verdict is None
    assert result.stopped_at == "q_family_purpose"
    assert (result.missing, result.missing_kind) == ("informant_purpose_advance_therapy", "fact")
    assert result.nodes == ("q_serious_threat", "q_source", "q_family_counts", "q_family_purpose")


def test_family_member_counts_in_california_not_in_florida(library):
    facts = {**THREAT, "threat_source": "family_member", "threat_imminent": False,
             "informant_purpose_advance_therapy": True}
    assert run(library, facts, "california").verdict == "must_disclose_or_act"
    assert run(library, facts, "florida").verdict == "must_not_disclose"


def test_flips_are_single_fact_changes_that_change_the_verdict(library):
    facts = {**THREAT, "threat_imminent": False}
    found = {(f.fact, f.becomes): f.result.verdict for f in
             flips(library.trees["duty_to_protect"], facts, library.jurisdictions["texas"],
                   datetime.date(2025, 1, 1))}
    assert found == {("threat_imminent", True): "may_disclose_permitted_by_law"}
    base = run(library, facts, "texas").verdict
    assert base == "must_not_disclose"


def test_compare_never_matches_across_types():
    assert compare("==", True, True) and not compare("==", 1, True) and not compare("==", "1", 1)
    assert compare("in", "a", ("a", "b")) and not compare("in", "a", "abc")
    assert compare(">=", 12, 12) and not compare(">", "b", "a")
    assert compare("<", datetime.date(2024, 1, 1), datetime.date(2024, 7, 1))


def test_each_jurisdiction_prescribes_its_own_discharge(library):
    recipients = {j: [a.who for a in run(library, {**THREAT, "profession": "psychologist"}, j).actions]
                  for j in library.jurisdictions}
    assert "local law enforcement" in recipients["california"]  # W&I §8105(c)
    assert "local law enforcement" not in recipients["washington"]
    assert recipients["pennsylvania"][0] == "the intended victim"
    assert recipients["new_york"][0] == "the county director of community services"
    assert recipients["texas"][0].startswith("medical, mental-health or law-enforcement personnel")
