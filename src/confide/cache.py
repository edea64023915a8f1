"""Loaded content files kept between runs, keyed by their bytes: an unchanged casebook is not parsed
and validated again, so `confide show` and `confide check` answer in a blink.

The key of a file is a hash of: the loader code (the modules that turn YAML into model objects),
the loader's kind, the path as given, the file's bytes, and the bytes of every source registry file
the content cites through. Any change to one of these makes a new key; stale entries are simply
never read again (`confide cache --clear`, or deleting the folder, reclaims the space).

Where: ``$CONFIDE_CACHE`` if set (``off`` turns the cache off), else ``$XDG_CACHE_HOME/confide``
or ``~/.cache/confide``. Entries are pickles this program wrote into a folder only its user can
write (mode 0700); they are never taken from content, and a file that fails to unpickle is
ignored and rewritten. Problems found in a file are cached too, so a broken file is reported the
same way, just as fast.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .problems import ContentError

# The modules whose code decides what a file loads to: a change to any of them is a new cache.
_LOADER_MODULES = ("model.py", "load.py", "yamlstrict.py", "problems.py", "cache.py", "shorthand.py")
_HERE = Path(__file__).resolve().parent


def _code_version() -> bytes:
    digest = hashlib.sha256(sys.version.encode())
    for name in _LOADER_MODULES:
        path = _HERE / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


_CODE: bytes | None = None


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    setting = os.environ.get("CONFIDE_CACHE", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "confide"


def salt_of(paths: list[Path]) -> bytes:
    """A fingerprint of files every cached load depends on (the source registry)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(unreadable)")
    return digest.digest()


def cached(loader: Callable[[Path], Any], kind: str, path: Path, salt: bytes = b"") -> Any:
    """``loader(path)``, or what it returned (or raised as ContentError) for the same bytes before."""
    global _CODE
    where = folder()
    try:
        raw = path.read_bytes()
    except OSError:
        where = None  # let the loader report it
    if where is None:
        return loader(path)
    if _CODE is None:
        _CODE = _code_version()
    key = hashlib.sha256(b"\0".join([_CODE, kind.encode(), str(path).encode(), salt, raw])).hexdigest()
    entry = where / key[:2] / key
    try:
        with entry.open("rb") as stream:
            outcome, value = pickle.load(stream)  # noqa: S301 - our own entries, see the docstring
    except Exception:  # noqa: BLE001 - missing, partial or from another version: load afresh
        pass
    else:
        if outcome == "problems":
            raise ContentError(value)
        return value
    try:
        value = loader(path)
    except ContentError as exc:
        _store(entry, ("problems", exc.problems))
        raise
    _store(entry, ("ok", value))
    return value


def _store(entry: Path, item: tuple) -> None:
    """Write atomically; a cache that cannot be written (read-only home, full disk) is skipped."""
    try:
        entry.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        entry.parent.mkdir(mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(item, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except (OSError, pickle.PicklingError):
        pass


def clear() -> int:
    """Delete every cached entry; returns how many were removed."""
    where = folder()
    removed = 0
    if where is None or not where.is_dir():
        return 0
    for entry in where.glob("??/*"):
        try:
            entry.unlink()
            removed += 1
        except OSError:
            pass
    return removed
