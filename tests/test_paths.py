"""Every command that takes paths reads them the same way: relative or absolute, files, folders
and globs (quoted, so the shell does not expand them). Run in a scratch copy of the content with
one broken case, so a command that does not really check the path it was given cannot pass."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from confide.library import bundled_root

BROKEN = "casebook/angry_ex_boyfriend.yaml"


@pytest.fixture(scope="module")
def project(tmp_path_factory):  # noqa: ANN201
    root = tmp_path_factory.mktemp("project")
    for folder in ("decision_trees", "casebook", "jurisdictions", "sources"):
        shutil.copytree(bundled_root() / folder, root / folder)
    case = root / BROKEN
    case.write_text(case.read_text().replace("tree: duty_to_protect", "tree: duty_to_protec", 1))
    drafts = root / "drafts"
    drafts.mkdir()
    shutil.copy(case, drafts / "draft_broken.yaml")
    return root


@pytest.mark.parametrize("given", ["casebook", "casebook/", "./casebook", "casebook/*.yaml", BROKEN,
                                   f"./{BROKEN}", "*/angry_*.yaml", "."])
def test_check_finds_the_broken_case_through_a_relative_path(cli, project, given) -> None:  # noqa: ANN001
    result = cli("check", given, cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{BROKEN}:2: unknown tree 'duty_to_protec'" in result.stdout


@pytest.mark.parametrize("given", ["casebook", BROKEN, "."])
def test_check_finds_the_broken_case_through_an_absolute_path(cli, project, given) -> None:  # noqa: ANN001
    result = cli("check", (project / given).resolve(), cwd=project.parent)
    assert result.returncode == 1
    assert f"{project / BROKEN}:2: unknown tree" in result.stdout


def test_check_a_folder_of_drafts_relative_and_absolute(cli, project) -> None:  # noqa: ANN001
    for given in ("drafts", str(project / "drafts"), "drafts/*.yaml"):
        result = cli("check", given, cwd=project)
        assert result.returncode == 1
        assert "draft_broken.yaml:2: unknown tree" in result.stdout
        assert "angry_ex_boyfriend" not in result.stdout  # only the drafts were asked about


def test_check_a_tree_file_reports_only_that_file(cli, project) -> None:  # noqa: ANN001
    for given in ("decision_trees/telehealth.yaml", "decision_trees", "decision_trees/*.yaml"):
        result = cli("check", given, cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "checked within" in result.stdout  # the broken case is not among them


def test_a_glob_that_matches_nothing_and_a_missing_path_are_one_line_errors(cli, project) -> None:  # noqa: ANN001
    for given, message in (("casebook/nothing_*.yaml", "no file matches"), ("nowhere", "no such file or folder"),
                           ("README.md", "no such file")):
        result = cli("check", given, cwd=project)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_paths_from_two_content_folders_are_refused(cli, project) -> None:  # noqa: ANN001
    result = cli("check", "casebook", bundled_root() / "casebook", cwd=project)
    assert result.returncode == 2 and "more than one content folder" in result.stderr


@pytest.mark.parametrize("relative", [True, False])
def test_show_and_flips_take_a_case_file_relative_or_absolute(cli, project, relative) -> None:  # noqa: ANN001
    case = "casebook/myth_hipaa_duty_to_warn.yaml"
    given = case if relative else str(project / case)
    for command in ("show", "flips"):
        result = cli(command, given, cwd=project)
        assert result.returncode == 0, result.stderr
    assert "HIPAA" in cli("show", given, cwd=project).stdout


@pytest.mark.parametrize("given", ["casebook/myth_*.yaml", "casebook/myth_hipaa_duty_to_warn.yaml"])
def test_coverage_of_some_case_files(cli, project, given) -> None:  # noqa: ANN001
    some = cli("coverage", "--format", "json", given, cwd=project)
    whole = cli("coverage", "--format", "json", ".", cwd=project)
    assert some.returncode == 0 and whole.returncode == 0
    assert 0 < json.loads(some.stdout)["percent"] < json.loads(whole.stdout)["percent"]


def test_an_authors_own_casebook_folder_is_checked_against_the_bundled_trees(cli, tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "casebook").mkdir()
    shutil.copy(bundled_root() / "casebook" / "duty_texas_no_duty.yaml", tmp_path / "casebook" / "mine.yaml")
    for given in ("casebook", "casebook/mine.yaml"):
        result = cli("check", given, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert re.search(r"1 file checked within [1-9]\d* trees", result.stdout), result.stdout
