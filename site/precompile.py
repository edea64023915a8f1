"""Run inside Pyodide (by precompile.mjs, at build time): add bytecode to the site's pure-Python
wheels and to Pyodide's standard library (which comes as source only).

The browser would otherwise compile every module from source on every visit (Pyodide's file
system lives in memory, so nothing is kept between visits); importing the kernel's IPython stack
and the explorer took about twice as long that way. Each module the kernel and the notebooks
import (``imported``: recorded here by importing them, about 500 files) gets
``__pycache__/x.cpython-314.pyc`` made by the very interpreter that will load it, as an
*unchecked* hash-based pyc (PEP 552): it is used without comparing file times, which the wheel's
unpacking does not keep. The sources stay, for tracebacks and completion; modules nobody imports
at start (most of Pygments' lexers, tests) get no pyc, which keeps the site small.
"""

import importlib
import importlib.util
import sys
import sysconfig
import warnings
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

SITE_PACKAGES = "/" + sysconfig.get_path("purelib").lstrip("/")  # Pyodide says //lib/...


# What a session imports before the first diagram: the kernel (as the kernel extension starts it),
# then the three notebooks' modules and the casebook.
WARM_UP = ["piplite.piplite", "pyodide_kernel", "ipywidgets", "confide.explorer", "confide.comparison"]


STDLIB = next(p for p in sys.path if p.endswith(".zip"))  # /lib/python314.zip: python_stdlib.zip

# Added to the standard library: Pyodide puts "" (the current folder) first on sys.path, and the
# kernel's current folder is the browser-storage drive, where every look-up is a synchronous
# request (~5 ms). Each top-level import looked there first: ~200 of them at start.
SITECUSTOMIZE = '''"""Added by Confide's site build (site/precompile.py): top-level imports look in the
interpreter's own folders (standard library, site-packages) before the current folder, which in
JupyterLite is the browser-storage drive, slow to look in. A module that is not installed is
still found in the current folder."""
import sys
from importlib.machinery import PathFinder


class InstalledFirst:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if path is not None:  # a submodule: its package's own folders, as usual
            return None
        return PathFinder.find_spec(name, [p for p in sys.path if p not in ("", ".")], target)

    @staticmethod
    def invalidate_caches():
        pass


sys.meta_path.insert(sys.meta_path.index(PathFinder), InstalledFirst)
'''


def imported() -> list[str]:
    """Import WARM_UP (and load the casebook); the files that were imported (absolute: in
    site-packages or in the standard library's zip)."""
    for name in WARM_UP:
        importlib.import_module(name)
    from confide.library import default_library

    default_library()
    files = (getattr(module, "__file__", None) for module in list(sys.modules.values()))
    return sorted(f for f in files if isinstance(f, str) and f.endswith(".py")
                  and f.startswith((SITE_PACKAGES + "/", STDLIB + "/")))


def _pyc(data: bytes, filename: str) -> bytes | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. invalid escapes in third-party tests
        try:
            code = compile(data, filename, "exec", dont_inherit=True)
        except SyntaxError:
            return None  # never importable anyway; Python reports it from the source
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))


def precompile_stdlib(target: str, wanted: list[str]) -> int:
    """Write ``target``: the standard library's zip with ``x.pyc`` in place of each imported
    ``x.py`` (the site stays within its size budget; tracebacks show no source lines for these),
    plus sitecustomize.py; returns how many pycs."""
    wanted = {f[len(STDLIB) + 1:] for f in wanted if f.startswith(STDLIB + "/")}
    count = 0
    with zipfile.ZipFile(STDLIB) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        extra = {"sitecustomize.py": SITECUSTOMIZE.encode("utf-8")}
        for info in zin.infolist():
            data = zin.read(info)
            compiled = _pyc(data, f"{STDLIB}/{info.filename}") if info.filename in wanted else None
            if compiled is None:
                zout.writestr(info, data)
            else:  # bytecode only, as Pyodide itself shipped its standard library until recently
                extra[info.filename[:-3] + ".pyc"] = compiled
        extra["sitecustomize.pyc"] = _pyc(extra["sitecustomize.py"], f"{STDLIB}/sitecustomize.py")
        for name, data in extra.items():
            if data is not None:
                entry = zipfile.ZipInfo(name, date_time=(2020, 2, 2, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(entry, data)
                count += name.endswith(".pyc")
    return count


def precompile(source: str, target: str, wanted: list[str]) -> int:
    """Write ``target``: the wheel ``source`` plus a pyc per module in ``wanted``; returns how many."""
    wanted = {f[len(SITE_PACKAGES) + 1:] for f in wanted if f.startswith(SITE_PACKAGES + "/")}
    added = []
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        record = next(n for n in zin.namelist() if n.endswith(".dist-info/RECORD"))
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == record:
                continue
            zout.writestr(info, data)
            if info.filename not in wanted:
                continue
            compiled = _pyc(data, f"{SITE_PACKAGES}/{info.filename}")
            if compiled is None:
                continue
            pyc = importlib.util.cache_from_source(info.filename)
            entry = zipfile.ZipInfo(pyc, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(entry, compiled)
            added.append(pyc)
        lines = zin.read(record).decode("utf-8").rstrip("\n").split("\n")
        zout.writestr(zin.getinfo(record), "\n".join(lines + [f"{p},," for p in added]) + "\n")
    return len(added)
