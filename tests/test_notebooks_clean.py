"""Notebooks are committed without outputs or widget state, and stay thin."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"explore.ipynb", "app.ipynb", "compare.ipynb", "predict.ipynb", "author.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stripped(path):
    result = subprocess.run([sys.executable, "-m", "nbstripout", "--verify", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"run `nbstripout {path}`: {result.stdout}{result.stderr}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_thin(path):
    cells = json.loads(path.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(len("".join(c["source"]).splitlines()) <= 15 for c in code), "keep logic in the package"
