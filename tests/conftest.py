import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from confide.library import bundled_root, load_library

ROOT = Path(__file__).resolve().parent.parent

# The tests (and the `confide` commands they start) keep their loaded-file cache to themselves.
os.environ.setdefault("CONFIDE_CACHE", tempfile.mkdtemp(prefix="confide-test-cache-"))


def pytest_collection_modifyitems(config, items):
    if shutil.which("dot"):
        return
    skip = pytest.mark.skip(reason="Graphviz `dot` is not installed (make setup installs it)")
    for item in items:
        if "exe" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def library():
    """The real bundled casebook."""
    lib = load_library()
    assert not lib.problems, "\n".join(map(str, lib.problems))
    return lib


@pytest.fixture
def content_root(tmp_path):
    """A scratch content folder with the real jurisdictions and sources, and no trees or cases."""
    shutil.copytree(bundled_root() / "jurisdictions", tmp_path / "jurisdictions")
    shutil.copytree(bundled_root() / "sources", tmp_path / "sources")
    (tmp_path / "decision_trees").mkdir()
    (tmp_path / "casebook").mkdir()
    return tmp_path


@pytest.fixture(scope="session")
def cli():
    """Run the real `confide` command in a subprocess."""
    def run(*args, cwd=None):
        return subprocess.run([sys.executable, "-m", "confide", *map(str, args)], capture_output=True,
                              text=True, cwd=cwd, timeout=120)
    return run


@pytest.fixture(scope="session")
def playwright():  # noqa: ANN201
    """One playwright driver for the whole run (tests/browser and tests/site): its sync API
    refuses a second driver while one is running. Drives /usr/bin/chromium; never downloads one."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as driver:
        yield driver

@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):  # noqa: ANN001, ANN201
    """Keep each phase's report on the test item, so ``page`` knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def screenshot_if_failed(request):
    """Call with a page after the test: saves what the browser showed if it failed."""
    def save(page) -> None:  # noqa: ANN001
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    return save
