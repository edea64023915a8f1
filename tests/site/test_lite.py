"""The JupyterLite site (``make site``) served on 127.0.0.1 and run in Chromium with every other
host unreachable: the Pyodide kernel starts from the site's own files, the explorer renders,
stepping forward changes the highlighted path and the verdict, and predictions download as CSV.

The path is read from computed SVG styles, as in tests/browser/ (page_kit's helpers are
reused). The site is (re)built when missing or older than its sources; with a warm cache
(.cache/site/) that takes ~20 s.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from page_kit import STEP1_PATH, STEP2_PATH, only_in, verdict, wait_on_path  # noqa: E402

pytestmark = pytest.mark.site
ROOT = Path(__file__).resolve().parents[2]

KERNEL_TIMEOUT = 120_000  # ms; ~10 s measured, the rest is headroom for a loaded 2-core machine


# Runs code in the notebook's kernel (in the browser) and returns what it printed.
KERNEL_RUN_JS = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let out = '';
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  future.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') out += msg.content.text;
                               if (msg.header.msg_type === 'error') out += msg.content.ename + ': ' + msg.content.evalue; };
  await future.done;
  return out;
}"""


def open_and_run(page, site_url: str, notebook: str, reload: bool = False) -> tuple[float, float]:  # noqa: ANN001
    """Open a notebook in the site (or reload the page showing it), wait for the kernel, run all
    cells and wait until they are done without errors; returns the seconds until the kernel was
    ready and until the first diagram was drawn, both from opening the page."""
    start = time.monotonic()
    if reload:
        page.reload()
    else:
        page.goto(f"{site_url}/lab/index.html?path={notebook}")
    page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel"
                           "?.status === 'idle'", timeout=KERNEL_TIMEOUT, polling=100)
    kernel_ready = time.monotonic() - start
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(".confide-pathview").first.wait_for(timeout=KERNEL_TIMEOUT)
    rendered = time.monotonic() - start
    page.wait_for_function("() => { const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];"
                           " return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)); }",
                           timeout=KERNEL_TIMEOUT)  # every code cell has run
    errors = page.locator(".jp-OutputArea-output[data-mime-type*='stderr'], "
                          ".jp-OutputArea-output[data-mime-type*='error']")
    assert errors.count() == 0, errors.all_inner_texts()
    return kernel_ready, rendered


def test_explorer_offline(site_url, page) -> None:  # noqa: ANN001
    """Cold: a fresh browser context; then warm: the same page reloaded (the browser's cache
    serves the site). The times are printed; benchmarks/bench_site.py measures them properly."""
    kernel_ready, rendered = open_and_run(page, site_url, "explore.ipynb")
    times = f"kernel ready {kernel_ready:.1f} s, explorer drawn {rendered:.1f} s"

    wait_on_path(page, STEP1_PATH, only_in(STEP2_PATH, STEP1_PATH))
    assert verdict(page, "Must not disclose") == "Must not disclose"
    clicked = time.monotonic()
    page.locator(".confide .jupyter-button", has_text="Next").first.click()
    wait_on_path(page, STEP2_PATH, only_in(STEP1_PATH, STEP2_PATH))
    round_trip = time.monotonic() - clicked
    assert verdict(page, "Must disclose or act") == "Must disclose or act"
    assert "Step 2 of 2" in page.locator(".confide-session").inner_text()

    # The browser path never needs the authoring side's graph tools (networkx is not even shipped).
    loaded = page.evaluate(KERNEL_RUN_JS, "import sys; print(sorted(m for m in ('networkx', 'graphviz', "
                                          "'confide.explorer') if m in sys.modules))")
    assert loaded.strip() == "['confide.explorer']", loaded

    kernel_ready, rendered = open_and_run(page, site_url, "explore.ipynb", reload=True)
    wait_on_path(page, STEP1_PATH, only_in(STEP2_PATH, STEP1_PATH))
    assert page.elsewhere == [], f"the site tried to reach other hosts: {page.elsewhere}"
    print(f"\nlite, cold: {times}; warm (reloaded): kernel ready {kernel_ready:.1f} s, explorer drawn "
          f"{rendered:.1f} s after opening the page; Next → path repainted in {round_trip * 1000:.0f} ms")


def test_the_site_ships_no_authoring_tools(site_url) -> None:  # noqa: ANN001
    """networkx, graphviz, pydantic and PyYAML stay on the authoring side: no wheel of theirs in
    the site, and confide's entry in the kernel's lock does not depend on them."""
    folder = ROOT / "_site" / "static" / "pyodide"
    wheels = sorted(p.name.lower() for p in folder.glob("*.whl"))
    assert wheels and not [w for w in wheels if w.startswith(("networkx", "graphviz", "pydantic", "pyyaml"))], wheels
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert "networkx" not in lock["packages"]
    assert set(lock["packages"]["confide"]["depends"]) == {"ipywidgets", "markdown-it-py"}


def test_the_site_gives_students_the_student_version_of_predict(site_url, page) -> None:  # noqa: ANN001
    """What the site serves, as its file browser opens it: no reveal box, no self-check answers."""
    served = page.request.get(f"{site_url}/files/predict.ipynb").json()
    code = "\n".join("".join(cell["source"]) for cell in served["cells"] if cell["cell_type"] == "code")
    assert "predict=True" in code
    assert "instructor=True" not in code and "assert" not in code and "verdict" not in code
    assert not any("Instructor version" in "".join(cell["source"]) for cell in served["cells"])


def test_predictions_download_as_csv(site_url, page) -> None:  # noqa: ANN001
    open_and_run(page, site_url, "predict.ipynb")
    fresh = page.locator(".confide-predict").last
    fresh.locator("input[placeholder^='e.g. A. Student']").fill("s1234")
    fresh.locator(".widget-radio-box label", has_text="Must not disclose").first.click()
    fresh.locator(".jupyter-button", has_text="Commit prediction").click()
    link = fresh.locator("a[download]", has_text="Download your predictions")
    with page.expect_download(timeout=20_000) as download:
        link.click()
    rows = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert download.value.suggested_filename == "confide-predictions-s1234.csv"
    assert rows[0] == "student,case,step,jurisdiction,prediction,actual,correct,time"
    assert rows[1].startswith("s1234,angry_ex_boyfriend,1,california,must_not_disclose,must_not_disclose,True,")
    assert page.elsewhere == [], f"the site tried to reach other hosts: {page.elsewhere}"
