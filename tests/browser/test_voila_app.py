"""The Voilà app (`make app`) in Chromium: the explorer alone, and the kernels of closed pages culled.

Voilà 0.5.13 tries to shut a page's kernel down when the page closes (a beacon on
``beforeunload``), but the server refuses it ("'_xsrf' argument missing from POST", 403;
voila-dashboards/voila#1458), so without culling every page ever opened keeps a kernel. voila.json
culls kernels that have no page connected; the test shortens its times on the command line.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = 30
MOST_LEFT = 3


def instruction_lines() -> list[str]:
    """The words of explore.ipynb's markdown cells (instructions, self-check notes), line by line."""
    cells = json.loads((ROOT / "notebooks" / "explore.ipynb").read_text())["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                words = re.sub(r"[#*`_]", "", line).strip()
                if len(words) > 10:
                    lines.append(words)
    return lines


def page_text(page) -> str:  # noqa: ANN001
    return " ".join(page.evaluate("() => document.body.innerText").replace("\xa0", " ").split())


def test_the_voila_app_shows_the_explorer_and_no_instructions(voila, page) -> None:  # noqa: ANN001
    page.goto(f"{voila.base}/?token={voila.token}")
    page.locator(".confide-pathview li.step").first.wait_for(timeout=60_000)
    assert page.locator(".confide").count() == 1
    assert page.locator(".jp-Cell").count() == 1, "the app is one cell: the explorer"
    assert page.locator(".jp-MarkdownCell").count() == 0
    text = page_text(page)
    lines = instruction_lines()
    assert len(lines) >= 3 and "Self-checks" in lines
    shown = [line for line in lines if " ".join(line.split()) in text]
    assert not shown, f"the app shows explore.ipynb's instructions: {shown}"
    assert "Traceback" not in text


def test_voila_culls_the_kernels_of_closed_pages(voila_culling, chromium) -> None:  # noqa: ANN001
    """Open and close 30 pages (half closed as a tab is, running beforeunload; half as a crashed
    tab or a lost laptop, without it); after the cull interval at most 3 kernels are left, and the
    page still open keeps its kernel and still works."""
    server = voila_culling
    timeout, interval = server.cull_idle_timeout, server.cull_interval
    url = f"{server.base}/?token={server.token}"
    kernel_ids: list[str] = []

    def note_kernel(ws) -> None:  # noqa: ANN001
        if "/api/kernels/" in ws.url:
            kernel_ids.append(ws.url.split("/api/kernels/")[1].split("/")[0])

    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    try:
        staying = context.new_page()
        staying.on("websocket", note_kernel)
        staying.goto(url)
        staying.locator(".confide-pathview li.step").first.wait_for(timeout=60_000)
        staying_kernel = kernel_ids[0]

        most = 0
        for i in range(SESSIONS):
            page = context.new_page()
            page.on("websocket", note_kernel)
            page.goto(url)
            page.locator(".confide").first.wait_for(timeout=60_000)
            page.close(run_before_unload=i % 2 == 0)
            most = max(most, len(server.kernel_processes()))
        closed = list(dict.fromkeys(kernel_ids[1:]))
        assert len(closed) == SESSIONS, "every page started a kernel of its own"
        left_at_end = sum(server.kernel_alive(k) for k in closed)

        deadline = time.monotonic() + timeout + 3 * interval + 10
        while time.monotonic() < deadline and any(server.kernel_alive(k) for k in closed):
            time.sleep(1)
        left = [k for k in closed if server.kernel_alive(k)]
        processes = server.kernel_processes()
        print(f"kernels of closed pages: {left_at_end} alive when the last page closed, {len(left)} after culling; "
              f"kernel processes: at most {most} during the run, {len(processes)} after culling "
              f"(culled after {timeout} s idle, checked every {interval} s)")
        assert len(left) <= MOST_LEFT, left
        assert len(processes) <= MOST_LEFT, processes

        # The page still open was never culled: it has no activity, but it is connected.
        assert server.kernel_alive(staying_kernel)
        staying.locator(".confide .jupyter-button", has_text="Next").first.click()
        staying.wait_for_function(
            "() => document.querySelector('.confide-session').textContent.includes('Step 2 of 2')", timeout=10_000)
    finally:
        context.close()
    log = server.log.read_text()
    assert f"Culling kernels with idle durations > {timeout} seconds at {interval} second intervals" in log
    assert "Culling kernels even with connected clients" not in log  # voila.json: cull_connected false
