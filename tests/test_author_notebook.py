"""The author's safety net: a case with a wrong expected verdict fails the nbval run, by name."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from confide.library import bundled_root

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "author.ipynb"


def run_nbval(content: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONFIDE_CONTENT": str(content)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
                           "--nbval-current-env", str(NOTEBOOK)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def test_wrong_expected_verdict_fails_the_notebook_naming_the_case(tmp_path):
    for folder in ("decision_trees", "casebook", "jurisdictions", "sources"):
        shutil.copytree(bundled_root() / folder, tmp_path / folder)
    assert run_nbval(tmp_path).returncode == 0
    wrong = (ROOT / "tests" / "bad_inputs" / "cases" / "wrong_expectation.yaml").read_text()
    (tmp_path / "casebook" / "a_new_case.yaml").write_text(wrong)
    result = run_nbval(tmp_path)
    assert result.returncode == 1
    assert "a_new_case.yaml:11: step 1 (Session 1) in california: expected 'must_disclose_or_act'" \
        in result.stdout
