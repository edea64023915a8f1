"""The browser build's content: one JSON bundle, rebuilt without pydantic, gives the same verdicts."""

import shutil
import subprocess
import sys

from confide.bundle import from_bundle, to_bundle
from confide.evaluate import evaluate


def test_round_trip_keeps_every_object_and_verdict(library):
    again = from_bundle(to_bundle(library))
    for key, tree in library.trees.items():
        assert (again.trees[key].questions, again.trees[key].outcomes, again.trees[key].facts) == (
            tree.questions, tree.outcomes, tree.facts)
    for key, jurisdiction in library.jurisdictions.items():
        assert again.jurisdictions[key].parameters == jurisdiction.parameters
    for case in library.cases.values():
        copy = again.cases[case.id]
        assert copy.steps == case.steps and copy.as_of == case.as_of
        for index, step in enumerate(case.steps):
            for name, expected in {case.jurisdiction: step.expect, **step.expect_in}.items():
                result = evaluate(again.trees[case.tree], copy.facts_at(index), again.jurisdictions[name], copy.as_of)
                assert result.verdict == expected, (case.id, index, name)


def test_runtime_without_pydantic_or_yaml_uses_the_bundle(cli, tmp_path):
    from confide.library import bundled_root

    root = tmp_path / "content"
    shutil.copytree(bundled_root() / "jurisdictions", root / "jurisdictions")
    shutil.copytree(bundled_root() / "sources", root / "sources")
    for folder in ("decision_trees", "casebook"):
        (root / folder).mkdir()
    assert cli("--content", bundled_root(), "bundle", "-o", root / "bundle.json").returncode == 0
    assert cli("--content", bundled_root(), "bundle", "-o", root / "bundle.json").returncode == 2  # no overwrite
    code = (
        "import sys; sys.modules['pydantic'] = None; sys.modules['yaml'] = None\n"
        "from confide.library import load_library; from confide.evaluate import evaluate\n"
        f"lib = load_library({str(root)!r}); case = lib.cases['angry_ex_boyfriend']\n"
        "print(evaluate(lib.trees[case.tree], case.facts_at(1), lib.jurisdictions['california'], case.as_of).verdict)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "must_disclose_or_act"
