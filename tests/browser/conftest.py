"""Real JupyterLab and Voilà on 127.0.0.1, driven by Debian's Chromium through playwright.

Everything a server writes (config, data, runtime, IPython, the notebooks it may autosave) lives
in a temporary directory, so a run never touches the user's Jupyter set-up or the committed
notebooks. Servers are stopped by PID so their kernels end with them. No browser is downloaded:
playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from confide import handout

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CONFIDE_CHROMIUM", handout.CHROMIUM)
CHROMIUM_ARGS = handout.CHROMIUM_ARGS  # design.md §5
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_env(home: Path) -> dict[str, str]:
    """Jupyter's and IPython's directories inside ``home``; Lab's news toast silenced."""
    env = dict(os.environ)
    for name, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    labconfig = home / "config" / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "default_setting_overrides.json").write_text(json.dumps(
        {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}))
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Server:
    """A Jupyter server process we started, and how to reach and stop it."""

    def __init__(self, argv: list[str], home: Path, port: int, token: str, log: Path) -> None:
        self.port, self.token, self.log = port, token, log
        self.base = f"http://127.0.0.1:{port}"
        self._log = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(argv, cwd=home, env=jupyter_env(home), stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}{path}", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answered; that is all "ready" means here
            except OSError:
                time.sleep(0.25)
        raise TimeoutError(f"server did not answer within {timeout}s; see {self.log}")

    def kernel_alive(self, kernel_id: str) -> bool:
        """Whether the server still has this kernel (``GET /api/kernels/<id>`` with the token)."""
        request = urllib.request.Request(f"{self.base}/api/kernels/{kernel_id}",
                                         headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)["id"] == kernel_id
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return False
            raise

    def kernel_processes(self) -> list[int]:
        """PIDs of the ipykernel processes this server started (its children, read from /proc)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat, cmdline = (entry / "stat").read_text(), (entry / "cmdline").read_bytes()
            except OSError:
                continue  # ended meanwhile
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.proc.pid and b"ipykernel" in cmdline:
                pids.append(int(entry.name))
        return pids

    def stop(self) -> None:
        """Stop this server's process group by its PID (the kernels it started are in it)."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self._log.close()


@pytest.fixture(scope="session")
def notebook_dir(tmp_path_factory) -> Path:
    """A copy of the notebooks: Lab may autosave what it runs, and must not write to ours."""
    folder = tmp_path_factory.mktemp("notebooks")
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)
    return folder


def _needs(program: str) -> None:
    if not (Path(program).exists() or shutil.which(program)):
        pytest.skip(f"{program} is not installed (make setup installs it)")


@pytest.fixture(scope="session")
def lab(tmp_path_factory, notebook_dir):  # noqa: ANN201
    _needs(CHROMIUM)
    home, port, token = tmp_path_factory.mktemp("lab-home"), free_port(), secrets.token_hex(16)
    server = Server([str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                     f"--IdentityProvider.token={token}", "--allow-root", "--expose-app-in-browser",
                     f"--ServerApp.root_dir={notebook_dir}"], home, port, token, home / "lab.log")
    try:
        server.wait_ready(f"/api/status?token={token}")
        yield server
    finally:
        server.stop()


def start_voila(tmp_path_factory, notebook_dir: Path, *options: str) -> Server:  # noqa: ANN001
    """Voilà as `make app` runs it: the thin app notebook, the repository's voila.json (so its
    culling settings), 127.0.0.1; ``options`` override settings for a test."""
    home, port, token = tmp_path_factory.mktemp("voila-home"), free_port(), secrets.token_hex(16)
    server = Server([str(BIN / "voila"), str(notebook_dir / "app.ipynb"), "--no-browser",
                     f"--Voila.config_file_paths={ROOT}", "--Voila.ip=127.0.0.1", f"--port={port}",
                     f"--token={token}", *options], home, port, token, home / "voila.log")
    try:
        server.wait_ready("/api/status")
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def voila(tmp_path_factory, notebook_dir):  # noqa: ANN201
    _needs(CHROMIUM)
    server = start_voila(tmp_path_factory, notebook_dir)
    try:
        yield server
    finally:
        server.stop()


# Short culling for the test (voila.json says 300 s idle, checked every 60 s).
CULL_IDLE_TIMEOUT, CULL_INTERVAL = 10, 5


@pytest.fixture
def voila_culling(tmp_path_factory, notebook_dir):  # noqa: ANN201
    """A Voilà of its own whose idle kernels are culled within seconds."""
    _needs(CHROMIUM)
    server = start_voila(tmp_path_factory, notebook_dir,
                         f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
                         f"--MappingKernelManager.cull_interval={CULL_INTERVAL}")
    server.cull_idle_timeout, server.cull_interval = CULL_IDLE_TIMEOUT, CULL_INTERVAL
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium(playwright):  # noqa: ANN001, ANN201
    _needs(CHROMIUM)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def page(chromium, screenshot_if_failed):  # noqa: ANN001, ANN201
    """A fresh page that cannot reach the internet; a screenshot is saved if the test fails."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "data:", "blob:")) else route.abort())
    yield page
    screenshot_if_failed(page)
    context.close()


def run_notebook(lab, chromium, path: str, width: int = 1280, height: int = 720, *,  # noqa: ANN001, ANN201
                 workspace: str | None = None, **context):
    """A new page at this viewport with the notebook at ``path`` opened in Lab and Run All done
    (no cell still running, at least one run, no error output). ``workspace``: Lab restores a
    workspace's open tabs, so a test opening another notebook uses a workspace of its own."""
    page = chromium.new_page(viewport={"width": width, "height": height}, **context)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "data:", "blob:")) else route.abort())
    where = f"/lab/workspaces/{workspace}/tree/{path}" if workspace else f"/lab/tree/{path}"
    page.goto(f"{lab.base}{where}?token={lab.token}")
    page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel",
                           timeout=60_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function("() => { const prompts = [...document.querySelectorAll('.jp-InputPrompt')];"
                           " return prompts.some(p => /\\d/.test(p.textContent))"
                           " && !prompts.some(p => p.textContent.includes('*')); }", timeout=90_000)
    errors = page.locator(".jp-OutputArea-output[data-mime-type*='stderr'], "
                          ".jp-OutputArea-output[data-mime-type*='error']")
    assert errors.count() == 0, errors.all_inner_texts()
    return page
