"""A student version and an instructor version of an exercise notebook, from one source (as
nbgrader's release step does). Cells tagged ``instructor`` (answers, self-checks, the reveal
box) go only into the instructor version; cells tagged ``student`` only into the student
version; every other cell into both. Outputs are dropped, so no answer travels in a file."""

from __future__ import annotations

import json
from pathlib import Path

VERSIONS = ("student", "instructor")


def release(notebook: dict, version: str) -> dict:
    """The ``version`` of ``notebook`` (nbformat 4 as a dict)."""
    if version not in VERSIONS:
        raise ValueError(f"version must be one of {VERSIONS}, not {version!r}")
    other = "instructor" if version == "student" else "student"
    cells = []
    for cell in notebook.get("cells", []):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if other in tags:
            continue
        cell = {**cell, "metadata": {k: v for k, v in cell.get("metadata", {}).items() if k != "tags"}}
        if cell.get("cell_type") == "code":
            cell.update(outputs=[], execution_count=None)
        cells.append(cell)
    return {**notebook, "cells": cells}


def write_versions(source: Path, folder: Path, force: bool = False) -> list[Path]:
    """Write ``folder``/student/NAME and ``folder``/instructor/NAME; never replace a file
    unless ``force``. Returns the paths written."""
    notebook = json.loads(source.read_text(encoding="utf-8"))
    targets = {version: folder / version / source.name for version in VERSIONS}
    existing = [str(path) for path in targets.values() if path.exists()]
    if existing and not force:
        raise FileExistsError(f"{', '.join(existing)} exist; pass --force to replace them")
    for version, path in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(release(notebook, version), indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    return list(targets.values())
