"""gipcheck's private cache folder: where it is, whether it may be used, and small JSON files in it.

Everything gipcheck keeps between runs is data (JSON), never code, and is read only from a folder
of this user's that nobody else can write (created 0o700 when missing), and only from a file this
user owns and alone can write. Any trouble (no home folder, a read-only disk, a damaged file) means
"no cache": gipcheck then works as if the cache were empty. This module imports nothing of
gipcheck's so that any part of it, even one imported early, may use it.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path


def cache_dir() -> Path | None:
    """Where gipcheck keeps derived data; None when caching is off (``GIPCHECK_NO_CACHE``) or
    there is no home folder to put it in."""
    if os.environ.get("GIPCHECK_NO_CACHE"):
        return None
    base = os.environ.get("GIPCHECK_CACHE_DIR")
    if base:
        return Path(base)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "gipcheck"
    try:
        return Path.home() / ".cache" / "gipcheck"
    except (RuntimeError, KeyError):  # no HOME and no passwd entry: run without a cache
        return None


def folder_usable(folder: Path | None) -> bool:
    """Whether ``folder`` may hold gipcheck's cache: created if missing (every folder made here
    0o700), a directory owned by this user and not writable by group or others."""
    if folder is None:
        return False
    try:
        missing = []
        here = folder
        while not os.path.lexists(here) and here != here.parent:
            missing.append(here)
            here = here.parent
        for here in reversed(missing):
            try:
                here.mkdir(mode=0o700)
            except FileExistsError:
                pass
        st = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def private_file(name: str) -> Path | None:
    """A path for cache file ``name`` — in the cache folder only when that folder is this user's
    alone and the file, if it exists, is owned by this user and writable by nobody else; else
    None (do without the cache)."""
    folder = cache_dir()
    if not folder_usable(folder):
        return None
    path = folder / name
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return path
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022 or (getuid is not None and st.st_uid != getuid()):
        return None
    return path


def read_json(name: str, limit: int = 16 << 20):
    """The JSON value kept as ``name``, or None (no such file, an unusable folder or file, more
    than ``limit`` bytes, not JSON)."""
    path = private_file(name)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
        if len(raw) > limit:
            return None
        return json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None


def write_json(name: str, value) -> bool:
    """Keep ``value`` as ``name`` (written to a private temporary file, then renamed into place,
    so a reader sees the old file or the new one, never half of one). False when it could not be
    written; the caller goes on without the cache."""
    path = private_file(name)
    if path is None:
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        data = json.dumps(value, separators=(",", ":")).encode("ascii")  # \u escapes: lone surrogates too
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except (OSError, ValueError, TypeError, RecursionError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def prune(pattern: str, keep: int) -> None:
    """Remove all but the ``keep`` most recently used files matching ``pattern`` (a glob) from the
    cache folder — a cache keyed by file paths would otherwise grow with every temporary file."""
    folder = cache_dir()
    if not folder_usable(folder):
        return
    try:
        entries = []
        for path in folder.glob(pattern):
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                pass
        entries.sort(reverse=True)
        for _, path in entries[keep:]:
            path.unlink()
    except OSError:
        pass
