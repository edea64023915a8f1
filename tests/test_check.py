from confide.check import check_library


def test_bundled_content_is_clean(library):
    problems = [p for p in check_library(library) if p.severity == "error"]
    assert problems == [], "\n".join(map(str, problems))


def test_every_question_and_outcome_cites_a_source_read_on_a_date_or_says_why_not(library):
    # A citation is dated (read: when it was read) or says why it was not read; none is silent.
    silent = [(t.id, n, c.id) for t in library.trees.values()
              for n, node in {**t.questions, **t.outcomes}.items()
              for c in node.citations if c.read is None and not (c.unverified or "").strip()]
    assert not silent, silent
    uncited = [(t.id, n) for t in library.trees.values() for n, node in {**t.questions, **t.outcomes}.items()
               if not node.citations]
    assert not uncited, uncited


def test_every_jurisdiction_sets_every_parameter_with_citations(library):
    declared = set(library.parameter_names())
    for jurisdiction in library.jurisdictions.values():
        assert set(jurisdiction.parameters) == declared, jurisdiction.id
        for name in declared:
            assert all(s.citations for s in jurisdiction.history(name)), (jurisdiction.id, name)


def test_required_jurisdictions_are_present(library):
    assert {"california", "texas", "florida", "federal"} <= set(library.jurisdictions)


def test_a_jurisdiction_without_the_actions_an_outcome_takes_is_reported(content_root):
    import shutil
    from pathlib import Path

    from confide.library import bundled_root, load_library

    shutil.copy(bundled_root() / "decision_trees" / "duty_to_protect.yaml", content_root / "decision_trees")
    path = content_root / "jurisdictions" / "pennsylvania.yaml"
    text = path.read_text()
    start = text.index("    actions:\n", text.index("  duty_to_protect:"))
    end = text.index("\n  duty_needs_identifiable_victim:")
    path.write_text(text[:start] + text[end + 1:])
    found = [str(p) for p in check_library(load_library(content_root)) if Path(p.path).name == "pennsylvania.yaml"]
    assert any("'duty_to_protect: mandatory_warn_victim' needs actions: outcome 'o_duty_applies'" in f
               for f in found), found


def test_every_node_cites_a_source_with_a_url(library):
    missing = [(t.id, n) for t in library.trees.values()
               for n, node in {**t.questions, **t.outcomes}.items() if not any(c.url for c in node.citations)]
    assert not missing, missing
