"""How fast does the explorer redraw the path? (``make bench``; prints figures, asserts nothing.)

Measured side by side in one run, on the largest bundled tree:

(a) in the kernel: a fact toggled → both diagrams are ready (the whole tree's ``<style>`` block
    and the focused path view set on their widgets), against re-running ``dot`` for the same
    change (evaluate, to_dot, pipe);
(b) in Chromium, in a real JupyterLab: a click on a fact's checkbox → the path's new style is
    computed on the page (checked every animation frame, i.e. before the frame that paints it),
    against the same explorer re-sending the whole highlighted SVG on every change.

Targets (issue 11): (a) ≤ 1 ms and ≥ 30× faster than dot; (b) ≤ 30 ms.
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
    ui.pathview.observe(lambda _: stamps.append(time.perf_counter()), names="value")  # set after the style
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

CLICK_JS = """async ([index, label, probe, where]) => {
  const view = document.querySelectorAll('.confide')[index];
  const box = [...view.querySelectorAll('.confide-facts .widget-checkbox')].find(e => e.textContent.includes(label));
  const onPath = where === 'path'
    ? () => view.querySelector(`.confide-pathview [data-node="${probe.slice(5)}"]`) !== null
    : () => {
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


def browser(case, step: int, question: str, probe: str) -> tuple[float, float, float] | None:  # noqa: ANN001
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
            page.wait_for_function("() => document.querySelectorAll('.confide-pathview li.step').length > 0",
                                   timeout=60_000)
            # (view, what is watched): the path view (the default), the whole tree's style block
            # (its restyle, not shown by default), and the whole tree re-sent on every change.
            runs = [(0, "path"), (0, "tree"), (1, "tree")]
            samples: dict[int, list[float]] = {n: [] for n in range(len(runs))}
            for round_ in range(ROUNDS_BROWSER + 1):
                # Interleaved, in turn, so each sees the same machine state.
                order = list(range(len(runs)))
                for number in (order if round_ % 2 else order[::-1]):
                    index, where = runs[number]
                    elapsed = page.evaluate(CLICK_JS, [index, question, probe, where])
                    if round_:  # the first click of each warms caches
                        samples[number].append(elapsed)
                    page.wait_for_timeout(300)  # let the text panels that follow settle
            chromium.close()
        return tuple(statistics.median(samples[n]) for n in range(len(runs)))
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
    print(f"    restyle the cached layout: {restyle:8.3f} ms   (target ≤ 1 ms)")
    print(f"    re-run dot:                {redo:8.3f} ms")
    print(f"    ratio:                     {redo / restyle:8.1f}×  (target ≥ 30×)\n")
    measured = browser(case, step, tree.facts[fact].question, probe)
    if measured:
        path, style, whole = measured
        print("(b) Chromium + JupyterLab, median of click → path repainted")
        print(f"    the path view (default):   {path:8.1f} ms   (target ≤ 30 ms)")
        print(f"    whole tree, style block:   {style:8.1f} ms   (target ≤ 30 ms)")
        print(f"    whole tree, SVG re-sent:   {whole:8.1f} ms")
        print(f"    ratio (re-sent / style):   {whole / style:8.1f}×")


if __name__ == "__main__":
    main()
