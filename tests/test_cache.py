"""The loaded-file cache: keyed by bytes, so an unchanged file is not loaded again and any change is
seen at once. Each test gets its own cache folder and a tiny content folder made in the test."""

from __future__ import annotations

import os

import pytest

from confide import cache, load
from confide.library import load_library
from confide.problems import ContentError

SOURCES = """law: california
sources:
  cal-rule:
    source: Cal. Example Code 1
    url: https://leginfo.legislature.ca.gov/x
    unverified: made up for a test
"""
TREE = """title: Tiny
summary: A tree of one question.
root: q
facts:
  threat: {type: bool, question: Was there a threat?}
questions:
  q:
    ask: threat
    branches:
      - {when: {op: "==", value: true}, to: o_yes}
      - {when: {op: "==", value: false}, to: o_no}
    citations:
      - cite: cal-rule
outcomes:
  o_yes: {verdict: may_disclose_permitted_by_law, label: Yes, rationale: Because., citations: [{cite: cal-rule}]}
  o_no: {verdict: must_not_disclose, label: No, rationale: Because., citations: [{cite: cal-rule}]}
"""


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):  # noqa: ANN201
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONFIDE_CACHE", str(folder))
    return folder


@pytest.fixture
def counted(monkeypatch):  # noqa: ANN201
    """Count the trees really loaded (not served from the cache)."""
    calls = []
    real = load.load_tree
    monkeypatch.setattr(load, "load_tree", lambda path, registry=None: calls.append(path) or real(path, registry))
    return calls


def content(tmp_path, tree: str = TREE, sources: str = SOURCES):  # noqa: ANN001, ANN201
    root = tmp_path / "content"
    for folder in ("decision_trees", "casebook", "jurisdictions", "sources"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "decision_trees" / "tiny.yaml").write_text(tree)
    (root / "sources" / "california.yaml").write_text(sources)
    return root


def test_an_unchanged_file_is_loaded_once(tmp_path, cache_folder, counted) -> None:  # noqa: ANN001
    root = content(tmp_path)
    first, second = load_library(root), load_library(root)
    assert len(counted) == 1
    assert first.trees["tiny"] == second.trees["tiny"]


def test_changed_bytes_are_loaded_again(tmp_path, cache_folder, counted) -> None:  # noqa: ANN001
    root = content(tmp_path)
    load_library(root)
    content(tmp_path, TREE.replace("title: Tiny", "title: Smaller"))
    assert load_library(root).trees["tiny"].title == "Smaller"
    assert len(counted) == 2


def test_a_changed_source_registry_resolves_citations_again(tmp_path, cache_folder, counted) -> None:  # noqa: ANN001
    root = content(tmp_path)
    load_library(root)
    content(tmp_path, sources=SOURCES.replace("Cal. Example Code 1", "Cal. Example Code 2"))
    citation = load_library(root).trees["tiny"].questions["q"].citations[0]
    assert citation.source == "Cal. Example Code 2" and len(counted) == 2


def test_problems_are_cached_and_reported_the_same(tmp_path, cache_folder, counted) -> None:  # noqa: ANN001
    root = content(tmp_path, TREE.replace("    ask: threat", "    asks: threat"))
    first, second = load_library(root).problems, load_library(root).problems
    assert first == second and any("unknown key 'asks'" in p.message for p in first)
    assert len(counted) == 1


def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path, cache_folder, counted) -> None:  # noqa: ANN001
    root = content(tmp_path)
    load_library(root)
    entries = [p for p in cache_folder.glob("??/*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    assert load_library(root).trees["tiny"].title == "Tiny"
    assert len(counted) == 2


def test_off_means_every_load_reads_the_file(tmp_path, monkeypatch, counted) -> None:  # noqa: ANN001
    monkeypatch.setenv("CONFIDE_CACHE", "off")
    root = content(tmp_path)
    load_library(root), load_library(root)
    assert len(counted) == 2 and cache.folder() is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("CONFIDE_CACHE", str(locked / "cache"))
    assert load_library(content(tmp_path)).trees["tiny"].title == "Tiny"


def test_a_cache_path_that_is_a_file_is_skipped(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CONFIDE_CACHE", str(blocker))
    assert load_library(content(tmp_path)).trees["tiny"].title == "Tiny"


def test_entries_are_private_to_the_user(tmp_path, cache_folder) -> None:  # noqa: ANN001
    load_library(content(tmp_path))
    assert cache_folder.stat().st_mode & 0o077 == 0


def test_clear_removes_every_entry(tmp_path, cache_folder) -> None:  # noqa: ANN001
    load_library(content(tmp_path))
    assert cache.clear() > 0
    assert not [p for p in cache_folder.glob("??/*")]


def test_a_cached_problem_is_still_a_content_error(tmp_path, cache_folder) -> None:  # noqa: ANN001
    path = tmp_path / "bad.yaml"
    path.write_text("a: [\n")
    for _ in range(2):
        with pytest.raises(ContentError, match="invalid YAML"):
            cache.cached(load.load_case, "case", path)


def test_the_cache_command_counts_and_clears(tmp_path) -> None:  # noqa: ANN001
    import subprocess
    import sys

    env = {**os.environ, "CONFIDE_CACHE": str(tmp_path / "cache")}

    def confide(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "confide", *args], env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert " 0 cached files" in confide("cache")
    confide("list")  # loads, and so caches, every bundled file
    filled = int(confide("cache").split(": ")[1].split()[0])
    assert filled > 50
    assert confide("cache", "--clear").startswith(f"removed {filled} cached files")
    assert " 0 cached files" in confide("cache")
