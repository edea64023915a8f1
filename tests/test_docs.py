"""The worked example in docs/authoring.md, run as an author would follow it: every command, the
finished case file and the messages the page quotes."""

import re

import pytest

from conftest import ROOT

GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
CASE_FILE = "casebook/overheard_threat.yaml"


def documented_case() -> str:
    marker = f"<!-- worked-example: {CASE_FILE} -->\n```yaml\n"
    start = GUIDE.index(marker) + len(marker)
    return GUIDE[start:GUIDE.index("```", start)]


def quoted_after(words: str) -> str:
    """The first `code` span after ``words`` in the guide's worked example."""
    section = GUIDE[GUIDE.index("## A worked example"):]
    after = section[section.index(words) + len(words):]
    return re.search(r"`([^`]+)`", after).group(1)


def pattern_of(quoted: str) -> re.Pattern:
    """A documented line as a pattern; its counts of trees, cases and jurisdictions may grow."""
    return re.compile(re.sub(r"\d+", r"\\d+", re.escape(quoted)))


@pytest.fixture
def author_folder(tmp_path):
    (tmp_path / "casebook").mkdir()
    return tmp_path


def test_new_writes_the_scaffold_and_never_overwrites(cli, author_folder):
    command = quoted_after("subfolder (the project, or your own), run").split()
    assert command[:2] == ["confide", "new"]
    first = cli(*command[1:], cwd=author_folder)
    assert first.returncode == 0, first.stderr
    scaffold = (author_folder / CASE_FILE).read_text()
    assert "tree: duty_to_protect" in scaffold and "# serious_threat_of_violence: true | false" in scaffold
    again = cli(*command[1:], cwd=author_folder)
    assert again.returncode != 0 and (author_folder / CASE_FILE).read_text() == scaffold


def test_the_finished_case_checks_clean(cli, author_folder):
    (author_folder / CASE_FILE).write_text(documented_case())
    done = cli("check", CASE_FILE, cwd=author_folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert pattern_of(quoted_after("confide check casebook/overheard_threat.yaml` prints")).fullmatch(
        done.stdout.strip()), done.stdout


def test_the_typo_gives_the_documented_finding(cli, author_folder):
    (author_folder / CASE_FILE).write_text(documented_case().replace("threat_source:", "threat_sorce:"))
    done = cli("check", CASE_FILE, cwd=author_folder)
    assert done.returncode == 1
    assert quoted_after("instead of `threat_source` reports") in done.stdout.splitlines()


def test_a_wrong_expectation_names_step_verdicts_and_path(cli, author_folder):
    wrong = documented_case().replace("expect: must_disclose_or_act", "expect: must_not_disclose")
    (author_folder / CASE_FILE).write_text(wrong)
    done = cli("check", CASE_FILE, cwd=author_folder)
    assert done.returncode == 1
    assert re.search(r"step 2 \(Session 2 — the sister calls\) in california: expected 'must_not_disclose' "
                     r"but the tree gives 'must_disclose_or_act'; path: q_", done.stdout), done.stdout


def test_show_ends_in_the_documented_verdict(cli, author_folder):
    (author_folder / CASE_FILE).write_text(documented_case())
    done = cli("show", CASE_FILE, "--step", "2", cwd=author_folder)
    assert done.returncode == 0, done.stderr
    assert quoted_after("ending in") in done.stdout
