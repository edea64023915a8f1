"""Run inside Pyodide (by precompile.mjs, at build time): add bytecode to pure-Python wheels.

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


def imported() -> list[str]:
    """Import WARM_UP (and load the casebook); the site-packages files that were imported,
    relative to site-packages."""
    for name in WARM_UP:
        importlib.import_module(name)
    from confide.library import default_library

    default_library()
    files = (getattr(module, "__file__", None) for module in list(sys.modules.values()))
    return sorted(f[len(SITE_PACKAGES) + 1:] for f in files
                  if isinstance(f, str) and f.startswith(SITE_PACKAGES + "/") and f.endswith(".py"))


def precompile(source: str, target: str, wanted: list[str]) -> int:
    """Write ``target``: the wheel ``source`` plus a pyc per module in ``wanted``; returns how many."""
    wanted = set(wanted)
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
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. invalid escapes in third-party tests
                try:
                    code = compile(data, f"{SITE_PACKAGES}/{info.filename}", "exec", dont_inherit=True)
                except SyntaxError:
                    continue  # never importable anyway; Python reports it from the source
            pyc = importlib.util.cache_from_source(info.filename)
            entry = zipfile.ZipInfo(pyc, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(entry, bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)))
            added.append(pyc)
        lines = zin.read(record).decode("utf-8").rstrip("\n").split("\n")
        zout.writestr(zin.getinfo(record), "\n".join(lines + [f"{p},," for p in added]) + "\n")
    return len(added)
