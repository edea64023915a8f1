"""The bad-input corpus: each file names, in its first line, the `line: message` it must produce."""

import shutil
from pathlib import Path

import pytest

from confide.check import check_library
from confide.library import load_library

CORPUS = Path(__file__).parent / "bad_inputs"


def expectation(path: Path) -> tuple[int, str]:
    first = path.read_text().splitlines()[0] if path.read_text() else ""
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: LINE: message'"
    line, message = first.removeprefix("# expect: ").split(": ", 1)
    return int(line), message


def findings_for(library, path: Path) -> list[str]:
    return [f"{p.line}: {p.message}" for p in check_library(library)
            if Path(p.path).name == path.name and p.severity == "error"]


@pytest.mark.parametrize("path", sorted((CORPUS / "cases").glob("*.yaml")), ids=lambda p: p.name)
def test_bad_case(path):
    line, message = expectation(path)
    found = findings_for(load_library(extra_cases=(path,)), path)
    assert any(f.startswith(f"{line}: ") and message in f for f in found), found


@pytest.mark.parametrize("path", sorted((CORPUS / "trees").glob("*.yaml")), ids=lambda p: p.name)
def test_bad_tree(path, content_root):
    line, message = expectation(path)
    shutil.copy(path, content_root / "decision_trees" / path.name)
    found = findings_for(load_library(content_root), path)
    assert any(f.startswith(f"{line}: ") and message in f for f in found), found


@pytest.mark.parametrize("path", sorted((CORPUS / "cases").glob("*.yaml")), ids=lambda p: p.name)
def test_cli_check_reports_path_line_and_exits_1(path, cli):
    result = cli("check", str(path))
    line, message = expectation(path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{path}:{line}: " in result.stdout and message in result.stdout
