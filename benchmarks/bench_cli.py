"""How fast does the `confide` command answer, and does checking grow linearly with the casebook?
(``make bench``; prints figures measured side by side in one run, asserts nothing.)

(a) Latency, median of five runs each: `confide show <case>` and `confide check` on the bundled
    content, with the loaded-file cache warm (the usual case: nothing changed since the last run)
    and off (every file parsed and validated).
(b) Scale: copies of the bundled content with N case files (the bundled cases, copied under new
    names until there are N), checked with an empty cache (cold) and again (warm); the time per
    case file should stay flat as N grows tenfold.

Targets (issue 13): show ≤ 0.25 s, check ≤ 0.6 s; 1,000 case files ≤ 2 s, 10,000 ≤ 15 s, linear.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from confide.library import bundled_root

SIZES = (1_000, 10_000)


def run(args: list[str], env: dict, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "confide", *args], env=env, cwd=cwd,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"confide {' '.join(args)} failed:\n{done.stderr}")
    return elapsed


def median(args: list[str], env: dict, rounds: int = 5, cwd: Path | None = None) -> float:
    run(args, env, cwd)  # the first run fills the cache (when on)
    return statistics.median(run(args, env, cwd) for _ in range(rounds))


def content_with(cases: int, folder: Path) -> Path:
    root = bundled_root()
    for name in ("decision_trees", "jurisdictions", "sources"):
        shutil.copytree(root / name, folder / name)
    (folder / "casebook").mkdir()
    originals = sorted((root / "casebook").glob("*.yaml"))
    for index in range(cases):
        source = originals[index % len(originals)]
        shutil.copy(source, folder / "casebook" / f"{source.stem}_{index:05d}.yaml")
    return folder


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="confide-bench-"))
    warm = {**os.environ, "CONFIDE_CACHE": str(scratch / "cache")}
    off = {**os.environ, "CONFIDE_CACHE": "off"}
    case = sorted(p.stem for p in (bundled_root() / "casebook").glob("*.yaml"))[0]
    print("(a) latency, median of 5 runs          cache warm   cache off   target")
    for label, args, target in ((f"confide show {case}", ["show", case], 0.25),
                                ("confide check (bundled)", ["check"], 0.6)):
        print(f"    {label:<36} {median(args, warm):8.2f} s  {median(args, off, 3):8.2f} s   ≤ {target} s")
    print("\n(b) scale: confide check on N case files   cold       warm    per file (cold)")
    per_file = {}
    for size in SIZES:
        folder = content_with(size, scratch / f"n{size}")
        env = {**os.environ, "CONFIDE_CACHE": str(scratch / f"cache{size}")}
        cold = run(["check", str(folder)], env)
        again = run(["check", str(folder)], env)
        per_file[size] = cold / size
        print(f"    N = {size:>6,}                       {cold:7.2f} s  {again:7.2f} s   {1000 * cold / size:.2f} ms")
    ratio = per_file[SIZES[-1]] / per_file[SIZES[0]]
    print(f"    per-file time at {SIZES[-1]:,} vs {SIZES[0]:,}: {ratio:.2f}× (1.0 = linear)")
    print("    targets: 1,000 files ≤ 2 s, 10,000 ≤ 15 s")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
