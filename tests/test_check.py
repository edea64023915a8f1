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


def test_a_short_label_too_long_for_a_diagram_is_reported(content_root):
    from confide.library import load_library

    (content_root / "decision_trees" / "tiny.yaml").write_text(
        "title: Tiny\nsummary: s\nroot: q\nfacts:\n"
        "  threat: {type: bool, question: Was there a threat?, short: " + "x" * 49 + "}\n"
        "questions:\n  q:\n    ask: threat\n    short: ''\n    yes: o\n    no: o\n    citations: [42-cfr-2-12]\n"
        "outcomes:\n  o: {verdict: must_not_disclose, label: Keep it, rationale: r, citations: [42-cfr-2-12]}\n")
    found = [str(p) for p in check_library(load_library(content_root)) if p.path.endswith("tiny.yaml")]
    assert any(f.endswith("tiny.yaml:5: short label of 'threat' must be 1-48 characters (it has 49); "
                          "diagrams show it at a projector's size") for f in found), found
    assert any(":9: short label of 'q' must be 1-48 characters (it has 0)" in f for f in found), found
