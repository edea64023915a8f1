from confide.check import check_library


def test_bundled_content_is_clean(library):
    problems = [p for p in check_library(library) if p.severity == "error"]
    assert problems == [], "\n".join(map(str, problems))


def test_every_question_and_outcome_cites_a_dated_source(library):
    for tree in library.trees.values():
        for node_id, node in {**tree.questions, **tree.outcomes}.items():
            assert node.citations, f"{tree.id}:{node_id}"
            assert all(c.source and c.verified for c in node.citations)


def test_every_jurisdiction_sets_every_parameter_with_citations(library):
    declared = set(library.parameter_names())
    for jurisdiction in library.jurisdictions.values():
        assert set(jurisdiction.parameters) == declared, jurisdiction.id
        for name in declared:
            assert all(s.citations for s in jurisdiction.history(name)), (jurisdiction.id, name)


def test_required_jurisdictions_are_present(library):
    assert {"california", "texas", "florida", "federal"} <= set(library.jurisdictions)
