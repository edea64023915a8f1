"""What the paths given on the command line mean: files, folders, content subfolders and globs,
relative or absolute, all compared resolved (``confide check PATHS`` and the commands that take
paths)."""

from __future__ import annotations

import glob
from pathlib import Path

from .library import CASES, JURISDICTIONS, SOURCES, TREES, yaml_files


class UsageError(Exception):
    """A mistake in the command line (unknown case, bad step): one line, exit 2."""


CONTENT_FOLDERS = (TREES, CASES, JURISDICTIONS, SOURCES)


def _is_content_root(folder: Path) -> bool:
    # Trees make a content folder; a folder of cases alone (an author's own casebook/) holds
    # drafts, checked against the bundled trees.
    return (folder / TREES).is_dir()


def expand_paths(texts: list[str]) -> list[Path]:
    """The files and folders named, with globs expanded where the shell did not (quoted, or on
    Windows): ``'casebook/*.yaml'``, ``'drafts/**/*.yaml'``."""
    found: list[Path] = []
    for text in texts:
        if Path(text).exists():
            found.append(Path(text))
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise UsageError(f"no file matches {text}")
            found += [Path(m) for m in matches]
        else:
            raise UsageError(f"no such file or folder: {text}")
    return found


def check_targets(texts: list[str]) -> tuple[Path | None, tuple[Path, ...], set[Path] | None]:
    """What `confide check PATHS` means: the content folder to load (None: the bundled one), the
    draft case files to add, and the files whose findings to report (None: all of them).

    A folder with decision_trees/ is a content folder, checked whole. One of its
    subfolders, or a file in one, is checked within that content folder. Any other folder is a
    folder of draft cases; any other file a draft case (checked against the bundled content, or the
    content folder also given). Relative and absolute paths alike: all are compared resolved.
    No paths: the bundled content, whole."""
    if not texts:
        return None, (), None
    roots: dict[Path, Path] = {}  # resolved -> as given, so findings name files the way the user did
    whole = False
    drafts: list[Path] = []
    only: set[Path] = set()
    for path in expand_paths(texts):
        resolved = path.resolve()
        if path.is_dir() and _is_content_root(path):
            roots.setdefault(resolved, path)
            whole = True
        elif path.is_dir() and path.name in CONTENT_FOLDERS and _is_content_root(resolved.parent):
            roots.setdefault(resolved.parent, path.parent)
            only.update(p.resolve() for p in yaml_files(path))
        elif path.is_dir():
            files = yaml_files(path)
            if not files:
                raise UsageError(f"{path} has no .yaml files (and no decision_trees/ folder)")
            drafts += files
            only.update(p.resolve() for p in files)
        elif path.suffix not in {".yaml", ".yml"}:
            raise UsageError(f"{path} is not a YAML file (.yaml or .yml)")
        elif resolved.parent.name in CONTENT_FOLDERS and _is_content_root(resolved.parent.parent):
            roots.setdefault(resolved.parent.parent, path.parent.parent)
            only.add(resolved)
        else:
            drafts.append(path)
            only.add(resolved)
    if len(roots) > 1:
        raise UsageError("the paths come from more than one content folder "
                         f"({', '.join(sorted(str(r) for r in roots))}); check one at a time")
    root = next(iter(roots.values())) if roots else None
    return root, tuple(drafts), (None if whole or not texts else only)


def tree_files(texts: list[str]) -> list[Path]:
    """The tree files `confide shorthand PATHS` works on: files as given; a folder's own YAML
    files, or those of its decision_trees/ when it is a content folder."""
    files: list[Path] = []
    for path in expand_paths(texts):
        if path.is_dir():
            found = yaml_files(path / TREES if (path / TREES).is_dir() else path)
            if not found:
                raise UsageError(f"{path} has no .yaml files")
            files += found
        elif path.suffix not in {".yaml", ".yml"}:
            raise UsageError(f"{path} is not a YAML file (.yaml or .yml)")
        else:
            files.append(path)
    return files
