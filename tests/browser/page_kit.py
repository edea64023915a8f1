"""What the page shows of the path and the verdict, read as a student sees it (computed SVG styles),
shared by the JupyterLab/Voila tests and the offline-site tests. The expected paths come from the
engine on the bundled case, so the tests follow the tree's content."""

from __future__ import annotations

from confide import evaluate, load_library

# Computed style of each node's outline / edge's line, by stable id inside the explorer.
PATH_STATE_JS = """ids => Object.fromEntries(ids.map(id => {
  const g = document.querySelector(`.confide-diagram [id="${id}"]`);
  if (!g) return [id, null];
  const shape = g.querySelector(g.classList.contains('edge') ? 'path' : 'polygon, path');
  const style = getComputedStyle(shape);
  return [id, style.strokeDasharray === 'none' && parseFloat(style.strokeWidth) >= 3];
}))"""



def _path_ids(result) -> list[str]:  # noqa: ANN001
    return [f"node-{n}" for n in result.nodes] + [f"edge-{a}-{b}" for a, b in result.edges]


def _scenario() -> tuple[list[str], list[str], list[str]]:
    """The paths the page must show, from the engine (the tree's content keeps growing):
    session 1, session 2, and session 2 with no identifiable victim."""
    library = load_library()
    case = library.cases["angry_ex_boyfriend"]
    tree, california = library.trees[case.tree], library.jurisdictions["california"]
    first, second = (evaluate(tree, case.facts_at(i), california, case.as_of) for i in (0, 1))
    toggled = evaluate(tree, {**case.facts_at(1), "victim_reasonably_identifiable": False}, california, case.as_of)
    assert (first.verdict, second.verdict, toggled.verdict) == (
        "must_not_disclose", "must_disclose_or_act", "must_not_disclose")
    return _path_ids(first), _path_ids(second), _path_ids(toggled)


STEP1_PATH, STEP2_PATH, NOT_IDENTIFIABLE_PATH = _scenario()


def only_in(path: list[str], other: list[str]) -> list[str]:
    return [i for i in path if i not in other]


def path_state(page, ids: list[str]) -> dict[str, bool | None]:  # noqa: ANN001
    return page.evaluate(PATH_STATE_JS, ids)


def wait_on_path(page, on: list[str], off: list[str], timeout: float = 20_000) -> None:  # noqa: ANN001
    """Wait until exactly these elements are drawn on / off the path."""
    page.wait_for_function(
        f"([on, off]) => {{ const s = ({PATH_STATE_JS})(on.concat(off));"
        " return on.every(i => s[i] === true) && off.every(i => s[i] === false); }",
        arg=[on, off], timeout=timeout)


def verdict(page, expected: str) -> str:  # noqa: ANN001
    """The card's verdict once it reads ``expected`` (the card follows the path by a few ms)."""
    page.wait_for_function("words => document.querySelector('.confide-card .confide-verdict b')?.textContent === words",
                           arg=expected, timeout=10_000)
    return page.locator(".confide-card .confide-verdict b").first.inner_text()
