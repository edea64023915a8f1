"""`pip install .` into a clean venv, then `confide check` and `confide list` from another folder."""

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_the_content(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, ROOT],
                   check=True, timeout=300)
    wheel = next(wheels.glob("confide-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", wheel], check=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check = subprocess.run([env_dir / "bin" / "confide", "check"], cwd=elsewhere,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[-1].startswith("ok:")
    listing = subprocess.run([env_dir / "bin" / "confide", "list"], cwd=elsewhere,
                             capture_output=True, text=True, timeout=120)
    assert "angry_ex_boyfriend" in listing.stdout
    located = subprocess.run([python, "-c", "import confide.library as l; print(l.bundled_root())"],
                             cwd=elsewhere, capture_output=True, text=True, check=True)
    assert "site-packages" in located.stdout
