"""binder/ configuration: linted by repo2docker without building an image."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPO2DOCKER = shutil.which("repo2docker") or str(Path(sys.executable).parent / "repo2docker")


@pytest.mark.skipif(not Path(REPO2DOCKER).exists(), reason="repo2docker is not installed")
def test_repo2docker_accepts_the_binder_configuration():
    result = subprocess.run([REPO2DOCKER, "--no-build", "--no-run", "--debug", str(ROOT)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    dockerfile = result.stdout + result.stderr
    assert "graphviz" in dockerfile  # apt.txt
    assert "python=3.11" in dockerfile  # runtime.txt pins the Python
    assert "binder/requirements.txt" in dockerfile and "binder/postBuild" in dockerfile


def test_binder_requirements_install_this_package():
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert ".[lab]" in lines  # the package with keys that stay in the explorer
    assert (ROOT / "binder" / "postBuild").stat().st_mode & 0o111
