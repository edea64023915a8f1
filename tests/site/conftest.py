"""Serve the built JupyterLite site on 127.0.0.1 and drive Debian's Chromium with every other host
unreachable (design.md §5). No browser is downloaded: playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from confide import handout

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_site"
# design.md §5 (the handouts' flags), plus: no host but this one resolves, so anything fetched
# from elsewhere fails.
CHROMIUM_ARGS = [*handout.CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
CHROMIUM = handout.CHROMIUM
SOURCES = ["src", "decision_trees", "casebook", "jurisdictions", "sources", "site", "notebooks"]


def _stale() -> bool:
    built = SITE / "static" / "pyodide" / "pyodide-lock.json"
    if not built.is_file():
        return True
    sources = [p for name in SOURCES for p in (ROOT / name).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts]
    newest = max(p.stat().st_mtime for p in sources)
    return newest > built.stat().st_mtime


@pytest.fixture(scope="session")
def site_url():  # noqa: ANN201
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (make setup installs it)")
    if _stale():
        if not (shutil.which("npm") and shutil.which("dot")):
            pytest.skip("building the site needs npm and dot")
        subprocess.run(["make", "site"], cwd=ROOT, check=True, timeout=900)

    server = serve(SITE)
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


class Handler(http.server.SimpleHTTPRequestHandler):
    """The site's files, with its config served with ``exposeAppInBrowser`` so tests can drive
    Lab's commands (the built site itself does not expose it). Patched here rather than by
    intercepting requests in the browser, which would turn its HTTP cache off (and would not
    see what the site's service worker fetches)."""

    # Module workers refuse JavaScript served with another type, whatever /etc/mime.types says.
    extensions_map = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json", ".whl": "application/octet-stream"}

    def do_GET(self) -> None:
        if self.path.split("?")[0].endswith("/jupyter-lite.json"):
            path = Path(self.translate_path(self.path.split("?")[0]))
            if path.is_file():
                config = json.loads(path.read_text(encoding="utf-8"))
                config.setdefault("jupyter-config-data", {})["exposeAppInBrowser"] = "true"
                body = json.dumps(config).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def serve(folder: Path, handler: type[Handler] = Handler) -> http.server.ThreadingHTTPServer:
    """Serve ``folder`` on 127.0.0.1 (a free port) from a background thread."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def offline_chromium(playwright):  # noqa: ANN001, ANN201
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def page(offline_chromium, screenshot_if_failed):  # noqa: ANN001, ANN201
    """A page in a fresh browser context (an empty cache); every request to another host (they
    all fail: no other host resolves) is recorded in ``page.elsewhere``, including the service
    worker's. A screenshot is saved if the test fails."""
    context = offline_chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.elsewhere = []
    context.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
               else page.elsewhere.append(request.url))
    yield page
    screenshot_if_failed(page)
    context.close()
