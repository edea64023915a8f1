"""Find and load the bundled content (or another folder of it) as one Library."""

from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .problems import ContentError, Problem

TREES, CASES, JURISDICTIONS, SOURCES = "decision_trees", "casebook", "jurisdictions", "sources"
PARAMETERS_FILE = "_parameters.yaml"
PUBLISHERS_FILE = "_publishers.yaml"  # official hosts per law (sources/)
BUNDLE_FILE = "bundle.json"  # the validated content as JSON, for runtimes without pydantic


def bundled_root() -> Path:
    """The content folder: $CONFIDE_CONTENT if set (an author's own casebook), else the content
    shipped with the package (inside the wheel, or the source checkout)."""
    if os.environ.get("CONFIDE_CONTENT"):
        return Path(os.environ["CONFIDE_CONTENT"])
    here = Path(__file__).resolve().parent
    for candidate in (here / "content", here.parent.parent):
        if (candidate / TREES).is_dir():
            return candidate
    raise FileNotFoundError("confide's bundled content is missing; reinstall the package")


@dataclass
class Library:
    trees: dict[str, model.Tree] = field(default_factory=dict)
    cases: dict[str, model.Case] = field(default_factory=dict)
    jurisdictions: dict[str, model.Jurisdiction] = field(default_factory=dict)
    parameters: model.ParameterDeclarations | None = None
    sources: dict[str, model.SourceFile] = field(default_factory=dict)  # path -> registry file
    publishers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # law -> official hosts
    lines: dict[str, dict] = field(default_factory=dict)  # file path -> {location: line}
    problems: list[Problem] = field(default_factory=list)  # files that did not load

    def parameter_names(self) -> dict[str, model.Fact]:
        return dict(self.parameters.parameters) if self.parameters else {}


def _load_into(library: Library, loader, path: Path, bucket: dict | None) -> None:  # noqa: ANN001
    try:
        obj, lines = loader(path)
    except ContentError as exc:
        library.problems.extend(exc.problems)
        return
    library.lines[str(path)] = lines
    if bucket is None:
        library.parameters = obj
        return
    if obj.id in bucket:
        library.problems.append(Problem(str(path), 1, f"id '{obj.id}' is already used by {bucket[obj.id].path}"))
        return
    bucket[obj.id] = obj


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in {".yaml", ".yml"})


def load_library(root: Path | str | None = None, extra_cases: tuple[Path, ...] = ()) -> Library:
    """Load every tree, jurisdiction and case under ``root`` (default: the bundled content),
    plus case files given by path. Files that fail to load are recorded in ``problems``.
    Files whose bytes were loaded before come from the cache (confide.cache)."""
    root = Path(root) if root else bundled_root()
    if not _can_validate():
        return _load_prebuilt(root)
    from . import load  # YAML and pydantic: the authoring path only
    from .cache import cached, salt_of

    library = Library()
    source_files = [p for p in yaml_files(root / SOURCES) if not p.name.startswith("_")]
    for path in source_files:
        try:
            library.sources[str(path)], library.lines[str(path)] = cached(load.load_sources, "sources", path)
        except ContentError as exc:
            library.problems.extend(exc.problems)
    registry = load.registry_of(list(library.sources.values()))
    salt = salt_of(source_files)  # trees, jurisdictions and cases resolve their citations here

    def citing(loader, kind: str):  # noqa: ANN001, ANN202
        return lambda path: cached(functools.partial(loader, registry=registry), kind, path, salt)

    if (root / SOURCES / PUBLISHERS_FILE).is_file():
        try:
            library.publishers = cached(load.load_publishers, "publishers",
                                        root / SOURCES / PUBLISHERS_FILE)[0].publishers
        except ContentError as exc:
            library.problems.extend(exc.problems)
    _load_into(library, lambda path: cached(load.load_parameters, "parameters", path),
               root / JURISDICTIONS / PARAMETERS_FILE, None)
    for path in yaml_files(root / JURISDICTIONS):
        if not path.name.startswith("_"):
            _load_into(library, citing(load.load_jurisdiction, "jurisdiction"), path, library.jurisdictions)
    for path in yaml_files(root / TREES):
        _load_into(library, citing(load.load_tree, "tree"), path, library.trees)
    for path in yaml_files(root / CASES):
        _load_into(library, citing(load.load_case, "case"), path, library.cases)
    loaded = {Path(c.path).resolve() for c in library.cases.values()} if extra_cases else set()
    for path in extra_cases:
        path = Path(path)
        if path.resolve() not in loaded:
            library.cases.pop(path.stem, None)  # a draft by path replaces the bundled case
            _load_into(library, citing(load.load_case, "case"), path, library.cases)
            loaded.add(path.resolve())
    return library


_default: Library | None = None


def default_library() -> Library:
    """The bundled casebook, loaded once per kernel (restart the kernel to see new content)."""
    global _default
    if _default is None:
        _default = load_library()
    return _default


def usable_cases(library: Library) -> dict[str, model.Case]:
    """Cases whose tree and jurisdiction loaded (others may be mid-edit)."""
    return {k: c for k, c in library.cases.items()
            if c.tree in library.trees and c.jurisdiction in library.jurisdictions}


def _can_validate() -> bool:
    # Look, don't import: pydantic is imported only when a file is not in the cache.
    return all(importlib.util.find_spec(name) is not None for name in ("pydantic", "yaml"))


def _load_prebuilt(root: Path) -> Library:
    """Where pydantic cannot run (Pyodide), load the validated bundle `confide bundle` wrote."""
    from .bundle import load_bundle

    path = root / BUNDLE_FILE
    if not path.is_file():
        raise FileNotFoundError(f"pydantic is not available to validate the YAML content, and there is "
                                f"no prebuilt {path}; create it with `confide bundle -o {path}`")
    return load_bundle(path)
