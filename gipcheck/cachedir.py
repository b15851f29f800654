"""gipcheck's private cache folder: where it is, whether it may be used, and small JSON files in it.

Everything gipcheck keeps between runs is data (JSON), never code. It is trusted at the level of
the user's own files, no further: it is read only from a folder that this user owns and nobody
else can write (created 0o700 when missing), and only from a file this user owns and alone can
write. A folder reached through a symbolic link counts only when the link is the user's too.
The JSON files are read and written through a descriptor of the folder opened once (the file
names cannot be redirected between the check and the use), with ``O_NOFOLLOW``, and written to
a fresh temporary name and renamed into place (a reader sees the old file or the new one).

Any trouble (no home folder, a read-only disk, a damaged file, a platform without descriptor-
relative file calls such as Windows) means "no cache": gipcheck then works as if the cache were
empty. Folders are created only when something is written, and only inside a folder this user
owns (or a shared one such as /tmp with its sticky bit): ``sudo`` keeping another user's HOME
creates nothing there. This module imports nothing of gipcheck's, so any part of it, even one
imported early, may use it.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)  # (looked up each time: not on Windows)
    return getuid() if getuid is not None else None

_FD_CALLS = (hasattr(os, "O_DIRECTORY") and hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd
             and os.unlink in os.supports_dir_fd and os.rename in os.supports_dir_fd)  # (os.replace: renameat too)


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


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    uid = _uid()
    return not st.st_mode & 0o022 and (uid is None or st.st_uid == uid)


def _may_create_in(parent: Path) -> bool:
    """Folders are made only inside a folder of this user's, or a shared one with the sticky bit
    (/tmp): never, say, in another user's home that ``sudo`` kept as HOME."""
    st = os.stat(parent)
    uid = _uid()
    return uid is None or st.st_uid == uid or (st.st_uid == 0 and bool(st.st_mode & stat.S_ISVTX))


def folder_usable(folder: Path | None, create: bool = True) -> bool:
    """Whether ``folder`` may hold gipcheck's cache: a directory owned by this user and not
    writable by group or others (a symbolic link to one counts only when the link is this
    user's too); created, every missing folder 0o700, when ``create`` is set."""
    if folder is None:
        return False
    try:
        if not os.path.lexists(folder):
            if not create:
                return False
            missing = []
            here = folder
            while not os.path.lexists(here) and here != here.parent:
                missing.append(here)
                here = here.parent
            if not _may_create_in(here):
                return False
            for here in reversed(missing):  # every folder made here is private, not just the last
                try:
                    here.mkdir(mode=0o700)
                except FileExistsError:
                    pass
        link = os.lstat(folder)
        if stat.S_ISLNK(link.st_mode) and _uid() is not None and link.st_uid != _uid():
            return False  # a link someone else made (in /tmp, say) could point anywhere
        st = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def _open_folder(create: bool) -> int | None:
    """A descriptor of the cache folder, checked through the descriptor itself; None when
    there is no usable one."""
    if not _FD_CALLS:
        return None
    folder = cache_dir()
    if not folder_usable(folder, create):
        return None
    try:
        fd = os.open(os.path.realpath(folder), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if _private(os.fstat(fd)):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def read_json(name: str, limit: int = 16 << 20):
    """The JSON value kept as ``name``, or None (no such file, an unusable folder or file, more
    than ``limit`` bytes, not JSON)."""
    folder = _open_folder(create=False)
    if folder is None:
        return None
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=folder)
    except OSError:
        os.close(folder)
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _private(st) or st.st_size > limit:
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            raw = fh.read(limit + 1)
        return json.loads(raw) if len(raw) <= limit else None
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        if fd != -1:
            os.close(fd)
        os.close(folder)


def write_json(name: str, value) -> bool:
    """Keep ``value`` as ``name`` (written to a fresh temporary name, then renamed into place).
    False when it could not be written; the caller goes on without the cache."""
    try:  # \u escapes: any text, lone surrogates too, is ASCII
        data = json.dumps(value, separators=(",", ":")).encode("ascii")
    except (ValueError, TypeError, RecursionError):
        return False
    folder = _open_folder(create=True)
    if folder is None:
        return False
    tmp = f".{name}.{os.urandom(8).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
        return True
    except OSError:
        try:
            os.unlink(tmp, dir_fd=folder)
        except OSError:
            pass
        return False
    finally:
        os.close(folder)


def prune(pattern: str, keep: int) -> None:
    """Remove all but the ``keep`` most recently written files matching ``pattern`` (a glob),
    and temporary files a crashed writer left more than an hour ago — a cache keyed by file
    paths would otherwise grow with every temporary file."""
    from fnmatch import fnmatch

    folder = _open_folder(create=False)
    if folder is None:
        return
    try:
        entries, stale = [], []
        now = time.time()
        for name in os.listdir(folder):
            tmp = name.startswith(".") and name.endswith(".tmp")
            if not (tmp or fnmatch(name, pattern)):
                continue
            try:
                st = os.stat(name, dir_fd=folder, follow_symlinks=False)
            except OSError:
                continue
            if tmp:
                if now - st.st_mtime > 3600:
                    stale.append(name)
            elif stat.S_ISREG(st.st_mode):
                entries.append((st.st_mtime, name))
        entries.sort(reverse=True)
        for name in [n for _, n in entries[keep:]] + stale:
            try:
                os.unlink(name, dir_fd=folder)
            except OSError:
                pass
    except OSError:
        pass
    finally:
        os.close(folder)
