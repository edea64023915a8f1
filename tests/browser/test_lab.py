"""The explorer in a real JupyterLab and in Voilà: step forward, toggle a fact, and check on the
page that the highlighted path and the verdict change.

"On the path" is read from the computed style of the SVG shapes (solid and at least 3 px wide),
so these tests check what the student sees, not what the kernel meant to send.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from page_kit import NOT_IDENTIFIABLE_PATH, STEP1_PATH, STEP2_PATH, only_in, verdict, wait_on_path
from playwright.sync_api import expect

from conftest import run_notebook  # tests/browser/conftest.py

pytestmark = pytest.mark.browser

def step_forward_and_toggle(page) -> None:  # noqa: ANN001
    """The shared scenario: session 1 → 2 (a duty attaches), then the victim becomes unidentifiable."""
    wait_on_path(page, STEP1_PATH, only_in(STEP2_PATH, STEP1_PATH))
    assert verdict(page, "Must not disclose") == "Must not disclose"

    page.locator(".confide .jupyter-button", has_text="Next").first.click()
    wait_on_path(page, STEP2_PATH, only_in(STEP1_PATH, STEP2_PATH))
    assert verdict(page, "Must disclose or act") == "Must disclose or act"
    expect(page.locator(".confide-session")).to_contain_text("Step 2 of 2", timeout=10_000)

    checkbox = page.locator(".confide-facts .widget-checkbox", has_text="reasonably identifiable")
    checkbox.locator("input").click()
    wait_on_path(page, NOT_IDENTIFIABLE_PATH, only_in(STEP2_PATH, NOT_IDENTIFIABLE_PATH))
    assert verdict(page, "Must not disclose") == "Must not disclose"
    expect(checkbox).to_contain_text("changed", timeout=10_000)


def sources_are_marked_and_one_click_away(page) -> None:  # noqa: ANN001
    """Each citation carries a visible badge (read / secondary copy / UNVERIFIED); one click opens
    its quote or the reason; other jurisdictions wait, closed, under Elsewhere."""
    card = page.locator(".confide-card").first
    card.locator("summary", has_text="Why:").click()
    badge = card.locator(".confide-badge").first
    badge.wait_for(state="visible")
    assert badge.inner_text() in {"read", "secondary copy", "UNVERIFIED"}
    assert float(badge.evaluate("b => getComputedStyle(b).fontSize").rstrip("px")) >= 12
    quote = card.locator("details.confide-quote").first
    assert quote.evaluate("d => !d.open")
    quote.locator("summary").click()
    assert quote.evaluate("d => d.open")
    assert quote.inner_text().startswith(("quote\n“", "why\nNot verified:")), quote.inner_text()
    elsewhere = card.locator("details.confide-elsewhere")
    assert elsewhere.evaluate("d => !d.open") and "not the law of California" in elsewhere.inner_text()
    elsewhere.locator("> summary").click()
    assert "Texas:" in elsewhere.inner_text() and "New York:" in elsewhere.inner_text()
    assert "California's rules here:" in card.inner_text()


def test_explorer_in_jupyterlab(lab, page) -> None:  # noqa: ANN001
    page.goto(f"{lab.base}/lab/tree/explore.ipynb?token={lab.token}")
    page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-Notebook')",
                           timeout=60_000)
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel",
                           timeout=60_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(".confide-pathview li.step").first.wait_for(timeout=60_000)
    # The notebook's own self-check cells must have passed (they leave session 1 showing).
    page.wait_for_function("() => document.querySelectorAll('.jp-Cell .jp-InputPrompt').length >= 3 && "
                           "![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))",
                           timeout=60_000)
    assert page.locator(".jp-OutputArea-output[data-mime-type*='stderr'], .jp-OutputArea-output[data-mime-type*='error']").count() == 0
    step_forward_and_toggle(page)
    sources_are_marked_and_one_click_away(page)


# The path view's node labels: questions, answers, the law's rules, verdicts.
LABEL_SIZES_JS = """() => [...document.querySelectorAll(
  '.confide-pathview .ask, .confide-pathview .answer, .confide-pathview .verdict')]
  .filter(e => e.getClientRects().length).map(e => parseFloat(getComputedStyle(e).fontSize))"""
# Every piece of text in the path view, the other answers' stubs and the law's heading included.
ALL_TEXT_SIZES_JS = """() => [...document.querySelectorAll(
  '.confide-pathview .ask, .confide-pathview .answer, .confide-pathview .verdict, .confide-pathview .law-name, '
  + '.confide-pathview .alternatives li')]
  .filter(e => e.getClientRects().length).map(e => parseFloat(getComputedStyle(e).fontSize))"""


def open_explorer(lab, chromium, width: int, height: int):  # noqa: ANN001, ANN201
    page = run_notebook(lab, chromium, "explore.ipynb", width, height)
    page.locator(".confide-pathview li.step").first.wait_for(timeout=60_000)
    page.evaluate("() => document.querySelector('.confide').scrollIntoView({block: 'start'})")
    return page


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_the_path_view_is_legible_beside_the_verdict(lab, chromium, width, height) -> None:  # noqa: ANN001
    """Measured as rendered: the path's labels at least 18 px, the verdict and the first steps of
    the path on one screen; the whole tree one click away."""
    page = open_explorer(lab, chromium, width, height)
    try:
        sizes = sorted(page.evaluate(LABEL_SIZES_JS))
        assert sizes and sizes[len(sizes) // 2] >= 18, sizes
        assert min(page.evaluate(ALL_TEXT_SIZES_JS)) >= 14
        verdict_box = page.locator(".confide-card .confide-verdict").first.bounding_box()
        first_step = page.locator(".confide-pathview li.step").first.bounding_box()
        for box in (verdict_box, first_step):
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (box, height)
        assert first_step["x"] > verdict_box["x"] + verdict_box["width"] - 1, "the path sits beside the card"
        page.locator(".confide .widget-toggle-buttons button", has_text="Whole tree").click()
        page.locator(".confide-diagram svg").first.wait_for(state="visible", timeout=10_000)
        assert not page.locator(".confide-pathview").first.is_visible()
    finally:
        page.close()


def test_explorer_in_voila(voila, page) -> None:  # noqa: ANN001
    page.goto(f"{voila.base}/?token={voila.token}")
    page.locator(".confide-pathview li.step").first.wait_for(timeout=60_000)
    step_forward_and_toggle(page)
    sources_are_marked_and_one_click_away(page)


@pytest.mark.skipif(not os.environ.get("CONFIDE_DOCS_SCREENSHOT"),
                    reason="set CONFIDE_DOCS_SCREENSHOT=1 to retake the pictures in docs/")
def test_docs_screenshots(lab, chromium) -> None:  # noqa: ANN001
    """Retake docs/explorer*.png at a projector's 1280x720: the path view (session 2 in
    California), a what-if, the whole tree, presenter mode."""
    docs = Path(__file__).resolve().parents[2] / "docs"
    page = open_explorer(lab, chromium, 1280, 720)
    try:
        page.locator(".confide .jupyter-button", has_text="Next").first.click()
        verdict(page, "Must disclose or act")
        page.evaluate("() => document.querySelector('.confide').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(docs / "explorer.png"))
        page.locator(".confide-facts .widget-checkbox", has_text="reasonably identifiable").locator("input").click()
        verdict(page, "Must not disclose")
        page.evaluate("() => document.querySelector('.confide').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(docs / "explorer-what-if.png"))
        page.locator(".confide-whatif .jupyter-button", has_text="Back to the case").click()
        verdict(page, "Must disclose or act")
        page.locator(".confide .widget-toggle-buttons button", has_text="Whole tree").click()
        page.locator(".confide-diagram svg").first.wait_for(state="visible")
        page.evaluate("() => document.querySelector('.confide').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(docs / "explorer-tree.png"))
        page.locator(".confide .widget-toggle-buttons button", has_text="The path").click()
        page.locator(".confide .jupyter-button", has_text="Presenter").first.click()
        page.wait_for_timeout(800)
        page.screenshot(path=str(docs / "explorer-presenter.png"))
    finally:
        page.close()


CELLS_JS = "() => document.querySelectorAll('.jp-Notebook .jp-Cell').length"


def test_keys_pressed_in_the_explorer_stay_in_it(lab, chromium) -> None:  # noqa: ANN001
    """Lab's notebook shortcuts (d d deletes a cell, a/b insert, x cuts, arrows move) never see
    keys pressed inside the explorer; its own keys step and switch views."""
    page = open_explorer(lab, chromium, 1280, 720)
    try:
        page.wait_for_function("() => document.querySelector('.confide')?.hasAttribute('data-lm-suppress-shortcuts')",
                               timeout=30_000)
        cells = page.evaluate(CELLS_JS)
        page.locator(".confide-narrative").first.click()  # focus inside the explorer, on no control
        for key in ("d", "d", "a", "b", "x", "ArrowDown", "z"):
            page.keyboard.press(key)
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.confide-session').textContent.includes('Step 2 of 2')",
                               timeout=10_000)
        page.locator(".confide .jupyter-button", has_text="Previous").first.focus()  # a focused button too
        for key in ("d", "d", "x"):
            page.keyboard.press(key)
        page.keyboard.press("t")
        page.locator(".confide-diagram svg").first.wait_for(state="visible", timeout=10_000)
        checkbox = page.locator(".confide-facts .widget-checkbox input").first
        checkbox.focus()  # a fact toggle: Space flips it, d d still deletes nothing
        for key in ("d", "d", " "):
            page.keyboard.press(key)
        page.locator(".confide-whatif").wait_for(state="visible", timeout=10_000)
        page.wait_for_timeout(500)
        assert page.evaluate(CELLS_JS) == cells, "a key pressed in the explorer changed the notebook"
        assert "Step 2 of 2" in page.locator(".confide-session").inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_presenter_mode_fills_the_window_in_large_type(lab, chromium, width, height) -> None:  # noqa: ANN001
    page = open_explorer(lab, chromium, width, height)
    try:
        page.locator(".confide .jupyter-button", has_text="Presenter").first.click()
        page.wait_for_function("() => document.querySelector('.confide.confide-presenter')", timeout=10_000)
        page.wait_for_timeout(300)
        box = page.evaluate("() => { const r = document.querySelector('.confide').getBoundingClientRect();"
                            " return [r.left, r.top, r.width, r.height]; }")
        assert box == [0, 0, width, height], box
        sizes = sorted(page.evaluate(ALL_TEXT_SIZES_JS))
        assert sizes[0] >= 24, sizes
        verdict = page.locator(".confide-card .confide-verdict").first.bounding_box()
        assert verdict["y"] + verdict["height"] <= height
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('.confide.confide-presenter')", timeout=10_000)
    finally:
        page.close()


# Rendered size of the whole-tree diagram's node labels: font size times the drawing's scale.
TREE_LABEL_PX_JS = """() => { const svg = document.querySelector('.confide-diagram svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('g.node text')].map(t => parseFloat(t.getAttribute('font-size')) * scale); }"""
IN_VIEW_JS = """id => { const zoomed = document.querySelector('.confide-zoom');
  if (!zoomed) return false;
  const node = document.querySelector(`.confide-diagram [id="${id}"]`).getBoundingClientRect();
  const box = zoomed.getBoundingClientRect();
  return node.left >= box.left && node.right <= box.right && node.top >= box.top && node.bottom <= box.bottom; }"""


def test_the_whole_tree_at_full_size_is_legible_and_follows_the_path(lab, chromium) -> None:  # noqa: ANN001
    page = open_explorer(lab, chromium, 1280, 720)
    try:
        page.locator(".confide .widget-toggle-buttons button", has_text="Whole tree").click()
        page.locator(".confide .jupyter-button", has_text="Full size").click()
        outcome = next(i for i in reversed(STEP1_PATH) if i.startswith("node-"))
        page.wait_for_function(IN_VIEW_JS, arg=outcome, timeout=10_000)
        sizes = sorted(page.evaluate(TREE_LABEL_PX_JS))
        assert sizes[len(sizes) // 2] >= 18 and sizes[0] >= 14, sizes
        page.locator(".confide .jupyter-button", has_text="Next").first.click()  # the path moves on
        last = next(i for i in reversed(STEP2_PATH) if i.startswith("node-"))
        page.wait_for_function(IN_VIEW_JS, arg=last, timeout=10_000)
    finally:
        page.close()


def test_presenter_mode_in_the_voila_app(voila, chromium) -> None:  # noqa: ANN001
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{voila.base}/?token={voila.token}")
        page.locator(".confide-pathview li.step").first.wait_for(timeout=60_000)
        page.locator(".confide-narrative").first.click()
        page.keyboard.press("f")
        page.wait_for_function("() => document.querySelector('.confide.confide-presenter')", timeout=10_000)
        page.wait_for_timeout(300)
        box = page.evaluate("() => { const r = document.querySelector('.confide').getBoundingClientRect();"
                            " return [r.left, r.top, r.width, r.height]; }")
        assert box == [0, 0, 1280, 720], box
        assert sorted(page.evaluate(ALL_TEXT_SIZES_JS))[0] >= 24
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.confide-session').textContent.includes('Step 2 of 2')",
                               timeout=10_000)
    finally:
        page.close()
