"""gipcheck's private cache folder: where it is, whether it may be used, and files in it.

Everything gipcheck keeps between runs is data (JSON), never code. It is trusted at the level of
the user's own files, no further:

* a cache folder is used only when it is a directory this user owns and nobody else can write;
  every symbolic link on the way to it must be this user's or root's (a link another user made
  in /tmp could point anywhere);
* folders are created (0o700) only when something is written, and only inside a folder this user
  owns or a shared one with the sticky bit (/tmp): ``sudo`` keeping another user's HOME creates
  nothing there;
* the folder is opened once and its files are read, written and removed relative to that
  descriptor, with ``O_NOFOLLOW``; the descriptor is checked to be the folder that was checked
  (device and inode), a file to be a regular file this user owns and alone can write (a FIFO
  cannot block: reads open with ``O_NONBLOCK``); a file is written under a fresh temporary name
  and renamed into place, so a reader sees the old file or the new one.

Any trouble (no home folder, a read-only disk, a damaged file, a platform without descriptor-
relative file calls such as Windows) means "no cache": gipcheck then works as if the cache were
empty. This module imports nothing of gipcheck's, so any part of it, even one imported early,
may use it.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from pathlib import Path

_FD_CALLS = (hasattr(os, "O_DIRECTORY") and hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd
             and os.unlink in os.supports_dir_fd and os.mkdir in os.supports_dir_fd
             and os.rename in os.supports_dir_fd)  # (os.replace is renameat too)
_TMP = re.compile(r"\..+\.[0-9a-f]{16}\.tmp")  # what write() leaves behind when a run dies


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)  # (looked up each time: not on Windows)
    return getuid() if getuid is not None else None


def cache_dir() -> Path | None:
    """Where gipcheck keeps derived data; None when caching is off (``GIPCHECK_NO_CACHE``) or
    there is no home folder to put it in. A relative ``XDG_CACHE_HOME`` is ignored (as the XDG
    specification says); a relative ``GIPCHECK_CACHE_DIR`` is taken from the current folder."""
    if os.environ.get("GIPCHECK_NO_CACHE"):
        return None
    base = os.environ.get("GIPCHECK_CACHE_DIR")
    if base:
        return Path(os.path.abspath(base))
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "gipcheck"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no passwd entry: run without a cache
        return None
    if not home.is_absolute() or home == Path(home.anchor):  # HOME="" or "/": no home folder
        return None
    return home / ".cache" / "gipcheck"


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    uid = _uid()
    return not st.st_mode & 0o022 and (uid is None or st.st_uid == uid)


def _links_trusted(path: Path) -> bool:
    """Is every symbolic link on the way to ``path`` (that exists) this user's or root's?"""
    uid = _uid()
    if uid is None:
        return True
    here = Path(path.anchor)
    for part in path.parts[1:]:
        here = here / part
        try:
            st = os.lstat(here)
        except FileNotFoundError:
            return True  # the rest is still to be made
        if stat.S_ISLNK(st.st_mode) and st.st_uid not in (uid, 0):
            return False
    return True


def _may_create_in(parent: Path) -> bool:
    """Folders are made only inside a folder of this user's, or a shared one with the sticky bit
    (/tmp): never, say, in another user's home that ``sudo`` kept as HOME."""
    st = os.stat(parent)
    uid = _uid()
    return uid is None or st.st_uid == uid or (st.st_uid == 0 and bool(st.st_mode & stat.S_ISVTX))


def _checked(folder: Path | None, create: bool) -> os.stat_result | None:
    """The folder's status when it may hold gipcheck's cache (see the module's rules), else
    None; missing folders are made when ``create`` is set."""
    if folder is None:
        return None
    folder = Path(os.path.abspath(folder))
    try:
        if not _links_trusted(folder):
            return None
        if not os.path.lexists(folder):
            if not create:
                return None
            missing = []
            here = folder
            while not os.path.lexists(here) and here != here.parent:
                missing.append(here)
                here = here.parent
            if not _may_create_in(here):
                return None
            for here in reversed(missing):  # every folder made here is private, not just the last
                try:
                    here.mkdir(mode=0o700)
                except FileExistsError:
                    pass
            if not _links_trusted(folder):
                return None
        st = os.stat(folder)
    except OSError:
        return None
    return st if stat.S_ISDIR(st.st_mode) and _private(st) else None


def folder_usable(folder: Path | None, create: bool = True) -> bool:
    """Whether ``folder`` may hold gipcheck's cache (made when missing and ``create`` is set)."""
    return _checked(folder, create) is not None


def _plain(name: str) -> bool:
    """A file name of the folder itself (no separator, not . or ..)."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\0" not in name \
        and (os.sep == "/" or os.sep not in name)


class Folder:
    """A checked cache folder, open: its files are read, written and removed relative to the
    folder's descriptor. ``Folder.open`` gives None when there is no usable folder."""

    def __init__(self, fd: int):
        self.fd = fd

    @classmethod
    def open(cls, path: Path | None, create: bool = False) -> Folder | None:
        if not _FD_CALLS:
            return None
        st = _checked(path, create)
        if st is None:
            return None
        try:
            fd = os.open(os.path.abspath(path), os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return None
        try:
            now = os.fstat(fd)
            if (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino) and _private(now):
                return cls(fd)  # the folder that was checked, still private
        except OSError:
            pass
        os.close(fd)
        return None

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sub(self, name: str, create: bool = False) -> Folder | None:
        """A private folder inside this one (made 0o700 when missing and ``create`` is set)."""
        if not _plain(name):
            return None
        if create:
            try:
                os.mkdir(name, 0o700, dir_fd=self.fd)
            except FileExistsError:
                pass
            except OSError:
                return None
        try:
            fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=self.fd)
        except OSError:
            return None
        try:
            if _private(os.fstat(fd)):
                return Folder(fd)
        except OSError:
            pass
        os.close(fd)
        return None

    def read(self, name: str, limit: int = 16 << 20) -> bytes | None:
        """The bytes of file ``name``, or None (missing, not a regular private file, larger than
        ``limit``, unreadable)."""
        if not _plain(name):
            return None
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=self.fd)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not _private(st) or st.st_size > limit:
                return None
            with os.fdopen(fd, "rb") as fh:
                fd = -1
                raw = fh.read(limit + 1)
            return raw if len(raw) <= limit else None
        except OSError:
            return None
        finally:
            if fd != -1:
                os.close(fd)

    def write(self, name: str, data: bytes) -> bool:
        """Keep ``data`` as ``name`` (a fresh temporary file renamed into place); False when it
        could not be written."""
        if not _plain(name):
            return False
        tmp = f".{name}.{os.urandom(8).hex()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=self.fd)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
            return True
        except OSError:
            self.unlink(tmp)
            return False

    def names(self) -> list[str]:
        try:
            return os.listdir(self.fd)
        except OSError:
            return []

    def stat(self, name: str) -> os.stat_result | None:
        try:
            return os.stat(name, dir_fd=self.fd, follow_symlinks=False) if _plain(name) else None
        except OSError:
            return None

    def unlink(self, name: str) -> bool:
        try:
            os.unlink(name, dir_fd=self.fd)
            return True
        except OSError:
            return False

    def prune(self, pattern: str, keep: int) -> None:
        """Remove all but the ``keep`` most recently written files matching ``pattern`` (a glob),
        and temporary files a crashed writer left more than an hour ago."""
        from fnmatch import fnmatchcase

        entries, stale = [], []
        now = time.time()
        for name in self.names():
            tmp = _TMP.fullmatch(name) is not None
            if not (tmp or fnmatchcase(name, pattern)):
                continue
            st = self.stat(name)
            if st is None or not stat.S_ISREG(st.st_mode):
                continue
            if tmp:
                if now - st.st_mtime > 3600:
                    stale.append(name)
            else:
                entries.append((st.st_mtime, name))
        entries.sort(reverse=True)
        for name in [n for _, n in entries[keep:]] + stale:
            self.unlink(name)


def read_json(name: str, limit: int = 16 << 20):
    """The JSON value kept as ``name`` in the cache folder, or None (no such file, an unusable
    folder or file, more than ``limit`` bytes, not JSON)."""
    folder = Folder.open(cache_dir())
    if folder is None:
        return None
    with folder:
        raw = folder.read(name, limit)
    try:
        return None if raw is None else json.loads(raw)
    except (ValueError, RecursionError):
        return None


def write_json(name: str, value) -> bool:
    """Keep ``value`` as ``name`` in the cache folder; False when it could not be written (the
    caller goes on without the cache)."""
    try:  # \u escapes: any text, lone surrogates too, is ASCII
        data = json.dumps(value, separators=(",", ":")).encode("ascii")
    except (ValueError, TypeError, RecursionError):
        return False
    folder = Folder.open(cache_dir(), create=True)
    if folder is None:
        return False
    with folder:
        return folder.write(name, data)


def prune(pattern: str, keep: int) -> None:
    """:meth:`Folder.prune` in the cache folder — a cache keyed by file paths would otherwise
    grow with every temporary file."""
    folder = Folder.open(cache_dir())
    if folder is not None:
        with folder:
            folder.prune(pattern, keep)
