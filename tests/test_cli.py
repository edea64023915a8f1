import json

import pytest


def test_list_json(cli, library):
    result = cli("list", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["id"] for r in rows} == set(library.cases)
    assert all(r["steps"] >= 1 and r["jurisdiction"] in library.jurisdictions for r in rows)


def test_show_json_has_verdict_path_actions_citations(cli):
    result = cli("show", "angry_ex_boyfriend", "--step", "2", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "must_disclose_or_act" and data["expected"] == "must_disclose_or_act"
    assert data["path"][0] == "q_serious_threat" and data["path"][-1] == "o_duty_applies"
    assert any(a["by_when"] == "within 24 hours" for a in data["actions"])
    assert all(c["status"] in {"official", "secondary", "unverified"} for c in data["citations"])
    assert data["not_legal_advice"]


def test_show_defaults_to_last_step_and_text_says_not_legal_advice(cli):
    result = cli("show", "angry_ex_boyfriend")
    assert result.returncode == 0
    assert "step 2 of 2" in result.stdout and "MUST DISCLOSE OR ACT" in result.stdout
    assert "not legal advice" in result.stdout


def test_show_another_jurisdiction_moves_the_verdict(cli):
    data = json.loads(cli("show", "angry_ex_boyfriend", "-j", "texas", "--format", "json").stdout)
    assert data["verdict"] == "must_not_disclose" and "q_imminent_personnel" in data["path"]


def test_show_as_of_uses_the_law_then(cli, tmp_path):
    case = tmp_path / "florida_draft.yaml"
    case.write_text("""title: Draft
tree: duty_to_protect
jurisdiction: florida
summary: s
steps:
  - title: S1
    narrative: n
    facts: {serious_threat_of_violence: true, threat_explicit: true, threat_source: client, victim_reasonably_identifiable: true,
            threat_imminent: true, apparent_intent_and_ability: true}
    expect: must_disclose_or_act
discussion: [a, b, c]
teaching_notes: t
references: []
""")
    now = json.loads(cli("show", case, "--as-of", "2024-01-01", "--format", "json").stdout)
    then = json.loads(cli("show", case, "--as-of", "2018-01-01", "--format", "json").stdout)
    assert now["verdict"] == "must_disclose_or_act" and then["verdict"] == "may_disclose_permitted_by_law"
    assert cli("check", case).returncode == 0


def test_unknown_case_and_bad_step_are_one_line_errors(cli):
    result = cli("show", "angry_ex_boyfrend")
    assert result.returncode == 2 and "did you mean 'angry_ex_boyfriend'" in result.stderr
    result = cli("show", "angry_ex_boyfriend", "--step", "9")
    assert result.returncode == 2 and "steps 1 to 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_flips(cli):
    result = cli("flips", "angry_ex_boyfriend", "--step", "2", "-j", "texas", "--format", "json")
    data = json.loads(result.stdout)
    assert data["verdict"] == "must_not_disclose"
    assert [(f["fact"], f["becomes"]) for f in data["flips"]] == [("threat_imminent", True)]


def test_check_clean_bundled_content(cli):
    result = cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith("ok: ") and "checked within" not in last, last  # the whole content, not 0 files
    assert "warning: " in result.stdout  # its warnings are shown, not filtered away


def test_check_without_paths_reports_the_whole_content_folder(cli, tmp_path):
    import shutil

    from confide.library import bundled_root

    for folder in ("decision_trees", "jurisdictions", "sources", "casebook"):
        shutil.copytree(bundled_root() / folder, tmp_path / folder)
    tree = tmp_path / "decision_trees" / "duty_to_protect.yaml"
    tree.write_text(tree.read_text().replace("root: q_serious_threat", "root: q_serious_thraet"))
    result = cli("--content", tmp_path, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{tree}:8: root 'q_serious_thraet' is not a node (did you mean 'q_serious_threat'?)" in result.stdout


def test_check_without_paths_checks_everything():
    from confide.cli import check_targets

    assert check_targets([]) == (None, (), None)


def test_check_json(cli):
    data = json.loads(cli("check", "--format", "json").stdout)
    assert data["ok"] is True


@pytest.mark.exe
@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_render_writes_files_and_never_overwrites(cli, tmp_path, suffix):
    out = tmp_path / f"tree.{suffix}"
    result = cli("render", "angry_ex_boyfriend", "--step", "1", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
    before = out.read_bytes()
    again = cli("render", "angry_ex_boyfriend", "-o", out)
    assert again.returncode == 2 and "exists" in again.stderr and out.read_bytes() == before


def test_missing_dot_is_a_one_line_hint(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on PATH
    result = cli("render", "angry_ex_boyfriend", "-o", tmp_path / "x.svg")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "apt-get install graphviz" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_check_a_tree_file_within_its_content_folder(cli, content_root):
    import shutil
    from pathlib import Path

    tree = content_root / "decision_trees" / "cycle.yaml"
    shutil.copy(Path(__file__).parent / "bad_inputs" / "trees" / "cycle.yaml", tree)
    result = cli("check", tree)
    assert result.returncode == 1 and f"{tree}:14: cycle: q1 -> q2 -> q1" in result.stdout


def test_show_elsewhere_compares_every_other_jurisdiction_only_when_asked(cli, library):
    plain = cli("show", "angry_ex_boyfriend", "--step", "2").stdout
    assert "Elsewhere — the same facts" not in plain
    text = cli("show", "angry_ex_boyfriend", "--step", "2", "--elsewhere").stdout
    comparison = text.split("Elsewhere — the same facts in other jurisdictions (a comparison, not California's law):")[1]
    names = {j.name for j in library.jurisdictions.values() if j.id != "california"}
    assert {line[2:].split(":")[0] for line in comparison.strip().splitlines()} == names
    data = json.loads(cli("show", "angry_ex_boyfriend", "--step", "2", "--elsewhere", "--format", "json").stdout)
    assert {row["jurisdiction"] for row in data["elsewhere_verdicts"]} == set(library.jurisdictions) - {"california"}
