"""How fast does the explorer redraw the path? (``make bench``; prints figures, asserts nothing.)

Measured side by side in one run, on the largest bundled tree:

(a) in the kernel: a fact toggled → the new diagram is ready (the path's ``<style>`` block set on
    its widget), against re-running ``dot`` for the same change (evaluate, to_dot, pipe);
(b) in Chromium, in a real JupyterLab: a click on a fact's checkbox → the path's new style is
    computed on the page (checked every animation frame, i.e. before the frame that paints it),
    against the same explorer re-sending the whole highlighted SVG on every change.

Targets (issue 4): (a) ≤ 2 ms and ≥ 10× faster than dot; (b) ≤ 50 ms.
"""

from __future__ import annotations

import json
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # reuse the browser tests' server helpers

from confide import load_library, render  # noqa: E402
from confide.evaluate import evaluate  # noqa: E402
from confide.explorer import explore  # noqa: E402

ROUNDS_KERNEL, ROUNDS_BROWSER = 201, 30


def scenario(library):  # noqa: ANN001, ANN201
    """The largest tree, a case on it, a step and a yes/no fact known there whose toggle moves
    the path; plus an element whose on/off state tells the two paths apart."""
    trees = sorted(library.trees.values(), key=lambda t: len(t.questions) + len(t.outcomes), reverse=True)
    for tree in trees:
        for case in (c for c in library.cases.values() if c.tree == tree.id):
            jurisdiction = library.jurisdictions[case.jurisdiction]
            for index in reversed(range(len(case.steps))):
                facts = case.facts_at(index)
                for name, value in facts.items():
                    if tree.facts.get(name) is None or tree.facts[name].type != "bool":
                        continue
                    a = evaluate(tree, facts, jurisdiction, case.as_of)
                    b = evaluate(tree, {**facts, name: not value}, jurisdiction, case.as_of)
                    moved = sorted(set(b.nodes) - set(a.nodes))
                    if moved:
                        return tree, case, index + 1, name, f"node-{moved[0]}"
    raise SystemExit("no bundled case has a yes/no fact that moves the path")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def kernel(library, tree, case, step, fact) -> tuple[float, float]:  # noqa: ANN001
    ui = explore(case.id, library=library, step=step)
    control = ui.facts.controls[fact]
    stamps: list[float] = []
    ui.diagram_style.observe(lambda _: stamps.append(time.perf_counter()), names="value")
    restyle, redo = [], []
    jurisdiction, params = library.jurisdictions[case.jurisdiction], library.parameter_names()
    for _ in range(ROUNDS_KERNEL):
        start = time.perf_counter()
        control.value = not control.value
        restyle.append(stamps[-1] - start)  # the diagram is ready; text panels follow
        start = time.perf_counter()
        result = evaluate(tree, ui.facts.values(), jurisdiction, case.as_of)
        render.pipe(render.to_dot(tree, result, params), "svg")
        redo.append(time.perf_counter() - start)
    return median_ms(restyle), median_ms(redo)


NOTEBOOK_CODE = """from confide import explore
views = []
for resend in (False, True):
    ui = explore({case!r}, step={step})
    ui.resend_svg = resend
    views.append(ui)
    display(ui)
"""

CLICK_JS = """async ([index, label, probe]) => {
  const view = document.querySelectorAll('.confide')[index];
  const box = [...view.querySelectorAll('.confide-facts .widget-checkbox')].find(e => e.textContent.includes(label));
  const onPath = () => {
    const g = view.querySelector(`.confide-diagram [id="${probe}"]`);
    const s = getComputedStyle(g.querySelector('polygon, path'));
    return s.strokeDasharray === 'none' && parseFloat(s.strokeWidth) >= 3;
  };
  const before = onPath();
  const start = performance.now();
  box.querySelector('input').click();
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no repaint within 5 s')), 5000);
    const tick = () => { if (onPath() !== before) { clearTimeout(timer); resolve(performance.now() - start); }
                         else requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
}"""


def browser(case, step: int, question: str, probe: str) -> tuple[float, float] | None:  # noqa: ANN001
    import conftest as support  # tests/browser/conftest.py: Server, free_port, Chromium flags

    if not Path(support.CHROMIUM).exists():
        print(f"(b) skipped: {support.CHROMIUM} is not installed")
        return None
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="confide-bench-"))
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": NOTEBOOK_CODE.format(case=case.id, step=step)}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (home / "nb").mkdir()
    (home / "nb" / "bench.ipynb").write_text(json.dumps(notebook))
    port, token = support.free_port(), secrets.token_hex(16)
    server = support.Server([str(support.BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
                             f"--port={port}", f"--IdentityProvider.token={token}", "--allow-root",
                             "--expose-app-in-browser", f"--ServerApp.root_dir={home / 'nb'}"],
                            home, port, token, home / "lab.log")
    try:
        server.wait_ready(f"/api/status?token={token}")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS)
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server.base}/lab/tree/bench.ipynb?token={token}")
            page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel",
                                   timeout=60_000)
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function("() => document.querySelectorAll('.confide-diagram svg').length == 2",
                                   timeout=60_000)
            samples: dict[int, list[float]] = {0: [], 1: []}
            for round_ in range(ROUNDS_BROWSER + 1):
                # Interleaved, first one then the other, so both see the same machine state.
                for index in ((0, 1) if round_ % 2 else (1, 0)):
                    elapsed = page.evaluate(CLICK_JS, [index, question, probe])
                    if round_:  # the first click of each warms caches
                        samples[index].append(elapsed)
                    page.wait_for_timeout(300)  # let the text panels that follow settle
            chromium.close()
        return statistics.median(samples[0]), statistics.median(samples[1])
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    library = load_library()
    tree, case, step, fact, probe = scenario(library)
    size = len(tree.questions) + len(tree.outcomes)
    print(f"Largest bundled tree: {tree.id} ({size} nodes); case {case.id}, session {step}, "
          f"toggling '{fact}'\n")
    restyle, redo = kernel(library, tree, case, step, fact)
    print("(a) kernel, median of toggle → new diagram")
    print(f"    restyle the cached layout: {restyle:8.3f} ms   (target ≤ 2 ms)")
    print(f"    re-run dot:                {redo:8.3f} ms")
    print(f"    ratio:                     {redo / restyle:8.1f}×  (target ≥ 10×)\n")
    measured = browser(case, step, tree.facts[fact].question, probe)
    if measured:
        style, whole = measured
        print("(b) Chromium + JupyterLab, median of click → path repainted")
        print(f"    send only the style block: {style:8.1f} ms   (target ≤ 50 ms)")
        print(f"    re-send the whole SVG:     {whole:8.1f} ms")
        print(f"    ratio:                     {whole / style:8.1f}×")


if __name__ == "__main__":
    main()
