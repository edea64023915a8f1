"""binder/ configuration: linted by repo2docker without building an image."""

import json
import os
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


def test_postbuild_gives_the_jupyter_server_the_app_culling(tmp_path):
    """Voilà pages opened through Binder's or a hub's Jupyter server get voila.json's culling: postBuild
    merges it into the server environment's jupyter_server_config.json, which a server then loads."""
    prefix = tmp_path / "prefix"
    (prefix / "etc" / "jupyter").mkdir(parents=True)
    (prefix / "etc" / "jupyter" / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"ip": "0.0.0.0"}, "MappingKernelManager": {"cull_busy": True}}))
    env = {**os.environ, "NB_PYTHON_PREFIX": str(prefix),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(ROOT / "binder" / "postBuild")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    load = ("from jupyter_server.serverapp import ServerApp; import json; app = ServerApp(); "
            "app.load_config_file(); print(json.dumps({k: dict(v) for k, v in app.config.items()}))")
    jupyter = {"JUPYTER_CONFIG_DIR": str(tmp_path / "user"), "JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter")}
    loaded = subprocess.run([sys.executable, "-c", load], env={**os.environ, **jupyter},
                            capture_output=True, text=True, timeout=120, check=True)
    config = json.loads(loaded.stdout)
    assert config["MappingKernelManager"] == json.loads((ROOT / "voila.json").read_text())["MappingKernelManager"]
    assert config["ServerApp"] == {"ip": "0.0.0.0"}  # what the file said before is kept
