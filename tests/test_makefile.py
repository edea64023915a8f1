"""The two commands and their neighbours, as make would run them (``make -n``: printed, not run)."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(*args: str) -> str:
    """The last command `make -n` would run for ``args`` (the target's own, after setup)."""
    done = subprocess.run(["make", "--no-print-directory", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_make_lab_opens_the_explorer_notebook() -> None:
    assert "--LabApp.default_url=/lab/tree/notebooks/explore.ipynb" in planned("lab")


def test_lab_and_app_ports_can_be_chosen_and_differ_by_default() -> None:
    lab, app = planned("lab"), planned("app")
    lab_port, app_port = (next(a for a in c.split() if a.startswith("--port=")) for c in (lab, app))
    assert lab_port != app_port
    assert "--port=9100" in planned("lab", "LAB_PORT=9100") and "--port=9101" in planned("app", "APP_PORT=9101")


# Voilà as `make app` starts it, initialised (not served) in a process of its own with empty
# Jupyter directories: which notebook, which config files, and the kernel manager's culling.
VOILA_AS_MAKE_APP_RUNS_IT = """
import json, shlex, sys
from voila.app import Voila
app = Voila()
app.initialize(shlex.split(sys.argv[1])[1:])
app.init_settings()
km = app.kernel_manager
print(json.dumps({"notebook": app.notebook_path, "config_file_paths": app.config_file_paths,
                  "cull": [km.cull_idle_timeout, km.cull_interval, km.cull_connected, km.cull_busy]}))
"""


def test_make_app_serves_the_explorer_alone_and_culls_idle_kernels(tmp_path) -> None:
    command = planned("app")
    assert "--Voila.ip=127.0.0.1" in command and "--no-browser" in command
    env = {**os.environ, **{name: str(tmp_path / name) for name in
                            ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR")}}
    done = subprocess.run([sys.executable, "-c", VOILA_AS_MAKE_APP_RUNS_IT, command], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    app = json.loads(done.stdout.strip().splitlines()[-1])
    assert app["notebook"] == "notebooks/app.ipynb"
    assert app["config_file_paths"] == [str(ROOT)]
    culling = json.loads((ROOT / "voila.json").read_text())["MappingKernelManager"]
    assert app["cull"] == [culling["cull_idle_timeout"], culling["cull_interval"], False, False]
    assert 0 < culling["cull_interval"] <= culling["cull_idle_timeout"] <= 3600


def test_the_app_notebook_is_the_explorer_alone() -> None:
    cells = json.loads((ROOT / "notebooks" / "app.ipynb").read_text())["cells"]
    assert [c["cell_type"] for c in cells] == ["code"]
    code = [line for line in "".join(cells[0]["source"]).splitlines() if line and not line.startswith("#")]
    assert code == ["from confide import explore", 'explore("angry_ex_boyfriend")']
