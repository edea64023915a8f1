"""Build the offline JupyterLite site into _site/ (``make site``).

Run with the project's Python (it needs pydantic to validate the casebook and ``dot`` to lay out
the trees). Nothing in the built site is fetched from another host at run time:

- Pyodide's core comes from the npm registry (a default ``jupyter lite build`` points the kernel
  at a CDN, which fails offline);
- the kernel's pure-Python wheels (runtime.txt) and a confide wheel carrying the validated
  casebook as bundle.json plus every tree's SVG layout are listed in a rewritten
  ``pyodide-lock.json`` with their sha256, and the kernel preloads confide from it;
- ``disablePyPIFallback`` stops piplite from ever asking PyPI.

Downloads are cached under .cache/site/ (gitignored); the build works from an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from confide.release import release

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
CACHE = ROOT / ".cache" / "site"
TOOLS = CACHE / "venv"  # build-time tools, kept out of the project venv
LITE_DIR = CACHE / "lite"  # staged input of `jupyter lite build`, rebuilt every time
OUTPUT = ROOT / "_site"
NOTEBOOKS = ["explore.ipynb", "compare.ipynb", "predict.ipynb"]  # author.ipynb needs pydantic
# The site is what students open: each notebook goes in as its student version (confide release),
# so predict.ipynb carries neither the instructor's reveal box nor the self-checks' answers.

# The Pyodide release jupyterlite-pyodide-kernel (requirements.txt) was made for.
PYODIDE_VERSION = "314.0.6"
# Files of the npm package the kernel loads; the rest (consoles, typings, maps) is left out.
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide.js"]
# Requirements of confide that stay on the authoring side: content is validated into
# bundle.json and laid out by dot at build time (graphviz, and networkx for the checks and the
# DOT graph), so the browser never needs them and they are not shipped.
AUTHORING_ONLY = {"pyyaml", "pydantic", "graphviz", "networkx"}
# The kernel extension's own wheels (its static/pypi folder), listed in our lock too so the kernel
# can preload them instead of micropip-installing them through its index when it starts.
KERNEL_WHEELS = ["piplite", "ipykernel", "pyodide_kernel"]
# Loaded when the kernel starts, in one go from our lock, so notebooks need no install cell and
# the kernel installs nothing itself (for each of piplite, ipykernel, pyodide-kernel, ipython,
# comm and jedi missing here it would run micropip/piplite, which costs seconds).
PRELOAD = ["micropip", "piplite", "ipykernel", "pyodide-kernel", "ipython", "comm", "jedi", "confide"]
# What Pyodide's interpreter looks like to environment markers in Requires-Dist.
BROWSER_MARKERS = {"sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
                   "platform_machine": "wasm32", "python_version": "3.14", "python_full_version": "3.14.2",
                   "implementation_name": "cpython", "platform_python_implementation": "CPython",
                   "extra": ""}


def run(*argv: str | Path, **kwargs) -> None:  # noqa: ANN003
    print("+", " ".join(map(str, argv)), flush=True)
    subprocess.run([str(a) for a in argv], check=True, **kwargs)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tools() -> Path:
    """The build-tools venv, (re)installed when requirements.txt changes."""
    stamp, wanted = TOOLS / ".requirements", (SITE / "requirements.txt").read_text()
    if not (stamp.is_file() and stamp.read_text() == wanted):
        if not (TOOLS / "bin" / "python").exists():
            run(sys.executable, "-m", "venv", TOOLS)
        run(TOOLS / "bin" / "python", "-m", "pip", "install", "-q", "-r", SITE / "requirements.txt")
        stamp.write_text(wanted)
    return TOOLS / "bin"


def pyodide_core(dest: Path) -> dict:
    """Unpack Pyodide's core from the npm tarball into ``dest``; returns its upstream lock."""
    tarball = CACHE / "npm" / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.is_file():  # npm checks the registry's integrity hash as it downloads
        tarball.parent.mkdir(parents=True, exist_ok=True)
        run("npm", "pack", "--silent", f"pyodide@{PYODIDE_VERSION}", cwd=tarball.parent)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as tar:
        for name in PYODIDE_FILES:
            member = tar.extractfile(f"package/{name}")
            (dest / name).write_bytes(member.read())
        return json.load(tar.extractfile("package/pyodide-lock.json"))


def runtime_wheels() -> list[Path]:
    """The pinned pure-Python wheels of runtime.txt, downloaded once into the cache."""
    folder = CACHE / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    run(sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
        "--python-version", "3.14", "--implementation", "py", "--abi", "none", "--platform", "any",
        "-d", folder, "-r", SITE / "runtime.txt")
    pins = _pins()
    wheels = [w for w in sorted(folder.glob("*.whl")) if (_meta(w)["name"], _meta(w)["version"]) in pins]
    missing = pins - {(_meta(w)["name"], _meta(w)["version"]) for w in wheels}
    if missing:
        sys.exit(f"wheels missing after download: {sorted(missing)}")
    return wheels


def _pins() -> set[tuple[str, str]]:
    pins = set()
    for line in (SITE / "runtime.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            req = Requirement(line)
            pins.add((canonicalize_name(req.name), next(iter(req.specifier)).version))
    return pins


def confide_wheel(bin_dir: Path, dest: Path) -> Path:
    """confide's wheel built from a staging copy whose content folder also holds bundle.json
    (the casebook validated here, loadable without pydantic) and layouts/ (SVGs laid out by
    dot here, restyled in the browser). The repository and `pip install .` stay untouched."""
    stage = CACHE / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    for name in ("src", "decision_trees", "casebook", "jurisdictions", "sources"):
        shutil.copytree(ROOT / name, stage / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, stage / name)
    content = stage / "src" / "confide" / "content"  # merged with the force-included YAML folders
    content.mkdir()
    run(sys.executable, "-m", "confide", "bundle", "-o", content / "bundle.json")
    from confide import layout, load_library

    library = load_library()
    if library.problems:
        sys.exit("\n".join(map(str, library.problems)))
    layout.export(library.trees, content / "layouts", library.parameter_names())
    run(bin_dir / "python", "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
        "-w", dest, stage)
    return next(dest.glob("confide-*.whl"))


def precompiled(wheels: list[Path], core: Path) -> list[Path]:
    """The wheels with bytecode for the modules a session imports, made by the site's own Pyodide
    (site/precompile.py, run in Node from the lock written for the plain wheels); cached under
    one key for the whole set, as what is imported depends on all of them. Pyodide's standard
    library (``core/python_stdlib.zip``) is replaced likewise."""
    recipe = [PYODIDE_VERSION, *PRELOAD, (SITE / "precompile.py").read_text(),
              (SITE / "precompile.mjs").read_text(), *sorted(sha256(w) for w in wheels)]
    folder = CACHE / "pyc" / hashlib.sha256("\n".join(recipe).encode()).hexdigest()[:24]
    targets, stdlib = [folder / w.name for w in wheels], folder / "python_stdlib.zip"
    if not all(t.is_file() for t in [*targets, stdlib]):
        shutil.rmtree(CACHE / "pyc", ignore_errors=True)
        folder.mkdir(parents=True)
        run("node", SITE / "precompile.mjs", core, ",".join(PRELOAD), stdlib,
            *(path for pair in zip(wheels, targets, strict=True) for path in pair))
    shutil.copy(stdlib, core / "python_stdlib.zip")
    return targets


def _meta(wheel: Path) -> dict:
    """Name, version, requirements and top-level import names of a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = zf.read(meta_name).decode("utf-8")
    headers = text.split("\n\n", 1)[0].splitlines()
    field = lambda key: [h.split(":", 1)[1].strip() for h in headers if h.startswith(key + ":")]  # noqa: E731
    tops = {n.split("/")[0].removesuffix(".py") for n in names
            if not n.split("/")[0].endswith((".dist-info", ".data")) and n.split("/")[0] != "__pycache__"
            and (n.endswith(".py") or "/" in n)}
    return {"name": canonicalize_name(field("Name")[0]), "version": field("Version")[0],
            "requires": field("Requires-Dist"), "imports": sorted(tops)}


def write_lock(upstream: dict, wheels: list[Path], folder: Path) -> None:
    """pyodide-lock.json listing exactly our wheels, each with its sha256 and its dependencies
    as they apply in the browser; fails if any dependency is not shipped."""
    metas = {w: _meta(w) for w in wheels}
    shipped = {m["name"]: m["version"] for m in metas.values()}
    packages, problems = {}, []
    for wheel, meta in metas.items():
        depends = []
        for line in meta["requires"]:
            req = Requirement(line)
            name = canonicalize_name(req.name)
            if req.marker and not req.marker.evaluate(BROWSER_MARKERS):
                continue
            if meta["name"] == "confide" and name in AUTHORING_ONLY:
                continue
            if name not in shipped:
                problems.append(f"{meta['name']} needs {line}, which is not shipped")
            elif not req.specifier.contains(shipped[name], prereleases=True):
                problems.append(f"{meta['name']} needs {line}, but {name} {shipped[name]} is shipped")
            depends.append(name)
        shutil.copy(wheel, folder / wheel.name)
        packages[meta["name"]] = {
            "name": meta["name"], "version": meta["version"], "file_name": wheel.name,
            "install_dir": "site", "sha256": sha256(wheel), "package_type": "package",
            "imports": meta["imports"], "depends": sorted(set(depends)), "unvendored_tests": False}
    if problems:
        sys.exit("the browser's wheels are incomplete:\n  " + "\n  ".join(problems))
    lock = {"info": upstream["info"], "packages": dict(sorted(packages.items()))}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))


def main() -> None:
    bin_dir = tools()
    shutil.rmtree(LITE_DIR, ignore_errors=True)
    core = LITE_DIR / "static" / "pyodide"  # the kernel addon ships a Pyodide found here
    upstream = pyodide_core(core)

    # ipywidgets requires widgetsnbextension (the classic-notebook front end, 2 MB of JS); the
    # kernel extension ships an empty stand-in for the browser, which we reuse.
    shims = TOOLS / "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
    stand_in = next(shims.glob("widgetsnbextension-4.0.999-*.whl"))
    kernel_wheels = [next(shims.glob(f"{name}-*.whl")) for name in KERNEL_WHEELS]
    built = CACHE / "built"
    shutil.rmtree(built, ignore_errors=True)
    wheels = [*runtime_wheels(), stand_in, *kernel_wheels, confide_wheel(bin_dir, built)]
    write_lock(upstream, wheels, core)  # the plain wheels, for precompiled() to load
    wheels = precompiled(wheels, core)
    write_lock(upstream, wheels, core)
    assert {canonicalize_name(p) for p in PRELOAD} <= {_meta(w)["name"] for w in wheels}

    config = json.loads((SITE / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    kernel["loadPyodideOptions"] = {"packages": PRELOAD}
    (LITE_DIR / "jupyter-lite.json").write_text(json.dumps(config, indent=2))
    shutil.copy(SITE / "overrides.json", LITE_DIR / "overrides.json")

    shutil.rmtree(OUTPUT, ignore_errors=True)
    student = LITE_DIR / "student"
    student.mkdir(parents=True, exist_ok=True)
    for name in NOTEBOOKS:
        notebook = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
        (student / name).write_text(json.dumps(release(notebook, "student"), indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    contents = [arg for name in NOTEBOOKS for arg in ("--contents", student / name)]
    run(bin_dir / "jupyter", "lite", "build", "--lite-dir", LITE_DIR, "--output-dir", OUTPUT,
        "--apps", "lab", "--no-sourcemaps", *contents, cwd=LITE_DIR)
    size = sum(p.stat().st_size for p in OUTPUT.rglob("*") if p.is_file())
    print(f"built {OUTPUT} ({size / 1e6:.1f} MB); serve it with: python -m http.server -d _site")


if __name__ == "__main__":
    main()
