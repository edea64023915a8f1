"""The two commands and their neighbours, as make would run them (``make -n``: printed, not run)."""

import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(*args: str) -> str:
    """The last command `make -n` would run for ``args`` (the target's own, after setup)."""
    done = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_make_lab_opens_the_explorer_notebook() -> None:
    assert "--LabApp.default_url=/lab/tree/notebooks/explore.ipynb" in planned("lab")


def test_lab_and_app_ports_can_be_chosen_and_differ_by_default() -> None:
    lab, app = planned("lab"), planned("app")
    lab_port, app_port = (next(a for a in c.split() if a.startswith("--port=")) for c in (lab, app))
    assert lab_port != app_port
    assert "--port=9100" in planned("lab", "LAB_PORT=9100") and "--port=9101" in planned("app", "APP_PORT=9101")
