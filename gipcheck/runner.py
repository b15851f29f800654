"""Lint many files: in parallel worker processes, with a cache of earlier results.

The API (the command line calls it for the files it has collected)::

    from gipcheck.runner import ResultCache, default_jobs, lint_files

    results = lint_files(linter, paths, jobs=None, cache=ResultCache(), progress=False,
                         config_key="...")

``lint_files(linter, paths, *, jobs=None, cache=None, progress=False, config_key="")``
    Returns one :class:`~gipcheck.engine.FileResult` per path, in the order of ``paths``
    (a path given twice is linted twice), each equal in content to ``linter.lint_path(path)``.

    ``jobs``: worker processes; ``None`` or ``0`` means :func:`default_jobs`. With ``jobs=1``
    every file is linted in this process, one after the other, exactly as ``lint_path`` does.
    With ``jobs > 1`` and more than one file to lint, the files are linted in a
    ``ProcessPoolExecutor`` of ``min(jobs, files)`` processes started with ``fork``: the
    workers inherit the linter (its plugins, rules and options, never pickled) and receive
    the files in chunks; each result comes back pickled (findings with ``extra`` and the
    checked ``text``). Where ``fork`` is not available or fails, or a worker dies, the files
    not yet done are linted in this process: no file is lost and no error from the pool
    reaches the caller. Ctrl-C shuts the pool down (pending chunks cancelled) and
    ``KeyboardInterrupt`` propagates; the workers ignore SIGINT, so they print nothing.
    Not thread-safe: one ``lint_files`` call at a time in a process.

    ``cache``: a :class:`ResultCache`, or ``None`` for no caching. A file whose result is
    cached is not linted again.

    ``progress``: ``True`` shows a progress bar (rich) counting files on standard error;
    with ``False`` nothing at all is written to standard error.

    ``config_key``: a string describing the effective configuration (selected rules, options,
    language, profile, references…) as the caller sees it; it is part of the cache key. The
    key also covers what the linter itself says about its configuration (selected rules,
    validated options, severities, language, profile, size limit, references, plugins), so
    an empty ``config_key`` is safe, only less explicit.

``ResultCache(folder=None)``
    Results as JSON files (``<sha256>.json``; never pickle, since the folder could be written
    by someone else) in ``folder``, by default the ``results`` folder inside the user cache
    folder: ``$GIPCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/gipcheck``, else
    ``~/.cache/gipcheck`` (the folder that also keeps the parsed profiles). With
    ``GIPCHECK_NO_CACHE`` set, the default cache is off. An entry's key is the SHA-256 of the
    file's bytes, the path as shown (findings carry it), ``gipcheck.__version__``, a digest
    of the source files of gipcheck, of the plugins and rule modules in use and of the
    profiles (``rules/*.yaml``), the linter's configuration and ``config_key``. Entries are
    written atomically (a temporary file in the same folder, then ``os.replace``). An entry
    that is damaged, truncated, of another schema or unreadable counts as a miss and is
    rewritten. The folder is created with mode 0o700; a folder owned by another user or
    writable by group or others is not used at all. A folder that cannot be created or
    written never fails a run: results are then just not stored. Unreadable inputs (missing,
    too large, not a regular file, unreadable format…) are never cached. The cache does not
    see changes in third-party libraries (lark, opencc, the document readers); ``clear()``
    empties it.

``default_jobs()``
    The number of CPUs this process may run on (``os.sched_getaffinity`` where available,
    else ``os.cpu_count()``), at least 1.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import signal
import stat
import sys
import time
import types
from dataclasses import fields
from pathlib import Path

from .checks.base import Finding
from .engine import FileResult

__all__ = ["ResultCache", "default_jobs", "lint_files"]

SCHEMA = "gipcheck-result/2"
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_RESULT_FIELDS = tuple(f.name for f in fields(FileResult))
# File bytes kept in memory for the workers; beyond this, a worker reads its file itself.
_DATA_BUDGET = 128 * 1024 * 1024
_MAX_CHUNK = 16  # files per task sent to a worker: balanced ends, a prompt Ctrl-C


def default_jobs() -> int:
    """The number of CPUs this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# -- the cache ---------------------------------------------------------------------------------

class ResultCache:
    """Lint results stored as JSON files, keyed by content, configuration and code.

    The folder is opened once, when first used, through :class:`gipcheck.cachedir.Folder` (its
    rules: a private folder of this user's, links on the way the user's or root's, files read
    and written relative to the folder's descriptor with ``O_NOFOLLOW``); the default folder is
    ``results`` inside gipcheck's cache folder, which must be private too."""

    def __init__(self, folder: Path | str | None = None):
        from .cachedir import cache_dir

        self._default = folder is None
        if folder is None:
            base = cache_dir()
            self.folder = None if base is None else base / "results"
        else:
            self.folder = Path(folder)
        self._dir = None  # the open folder (gipcheck.cachedir.Folder), once used
        self._usable: bool | None = None  # decided on first use
        self._writable = True
        self.hits = 0
        self.misses = 0

    def usable(self) -> bool:
        """Whether the folder may be used: created if missing (mode 0o700), owned by this user
        and not writable by group or others."""
        if self._usable is None:
            self._dir = self._open()
            self._usable = self._dir is not None
        return self._usable

    def _open(self):
        from .cachedir import Folder

        if self.folder is None:
            return None
        if not self._default:
            return Folder.open(self.folder, create=True)
        base = Folder.open(self.folder.parent, create=True)
        if base is None:
            return None
        with base:
            return base.sub(self.folder.name, create=True)

    # keys
    def key(self, base: hashlib._Hash, path: str, data: bytes) -> str:
        """The entry key of ``data`` shown as ``path``, given the run's base hash."""
        h = base.copy()
        shown = path.encode("utf-8", "surrogatepass")
        h.update(len(shown).to_bytes(8, "big"))
        h.update(shown)
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
        return h.hexdigest()

    # reading and writing
    def load(self, key: str) -> FileResult | None:
        """The cached result for ``key``, or None (a miss: absent, damaged or foreign)."""
        if not self.usable():
            return None
        try:
            raw = self._dir.read(f"{key}.json", limit=1 << 30)
            entry = json.loads(raw.decode("utf-8"))
            result = _result_from_json(entry, key)
        except Exception:  # noqa: BLE001 - any missing, damaged or foreign entry is a miss
            result = None
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def store(self, key: str, result: FileResult) -> bool:
        """Keep ``result`` under ``key``; False (and nothing raised) when it cannot be kept."""
        if result.unreadable or not self._writable or not self.usable():
            return False
        try:
            data = json.dumps(_result_to_json(result, key), ensure_ascii=False, allow_nan=False,
                              separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError):  # not exactly representable in JSON: not cached
            return False
        if not self._dir.write(f"{key}.json", data):
            self._writable = False  # a read-only or full disk, a removed folder…: stop trying
            return False
        return True

    def clear(self) -> int:
        """Remove every entry (and leftover temporary file); the number of files removed."""
        if not self.usable():
            return 0
        removed = 0
        for name in self._dir.names():
            if name.endswith((".json", ".tmp")) and self._dir.unlink(name):
                removed += 1
        return removed


def _exact(value) -> bool:
    """Whether ``value`` comes back from JSON as exactly the same value and types."""
    if value is None or type(value) in (str, bool, int):
        return True
    if type(value) is float:
        return math.isfinite(value)
    if type(value) is list:
        return all(_exact(v) for v in value)
    if type(value) is dict:
        return all(isinstance(k, str) and _exact(v) for k, v in value.items())
    return False  # tuples, sets, objects…


_FINDING_TYPES = {"line": int, "column": int, "end_line": int, "end_column": int, "extra": dict}


def _result_to_json(result: FileResult, key: str) -> dict:
    findings = []
    for f in result.findings:
        d = {name: getattr(f, name) for name in _FINDING_FIELDS}
        if type(f) is not Finding or not _exact(d):
            raise TypeError("finding not representable in JSON")
        findings.append(d)
    out = {name: getattr(result, name) for name in _RESULT_FIELDS if name != "findings"}
    if type(result) is not FileResult or not _exact(out):
        raise TypeError("result not representable in JSON")
    out["findings"] = findings
    return {"schema": SCHEMA, "key": key, "finding_fields": list(_FINDING_FIELDS),
            "result_fields": list(_RESULT_FIELDS), "result": out}


def _result_from_json(entry, key: str) -> FileResult | None:
    if (not isinstance(entry, dict) or entry.get("schema") != SCHEMA or entry.get("key") != key
            or entry.get("finding_fields") != list(_FINDING_FIELDS)
            or entry.get("result_fields") != list(_RESULT_FIELDS)):
        return None
    d = entry.get("result")
    if not isinstance(d, dict) or set(d) != set(_RESULT_FIELDS):
        return None
    findings = []
    for fd in d["findings"] if isinstance(d["findings"], list) else [None]:
        if not isinstance(fd, dict) or set(fd) != set(_FINDING_FIELDS):
            return None
        for name in _FINDING_FIELDS:
            want = _FINDING_TYPES.get(name, str)
            value = fd[name]
            if name == "fix" and value is None:
                continue
            if not isinstance(value, want) or isinstance(value, bool):
                return None
        findings.append(Finding(**fd))
    if (not isinstance(d["path"], str) or not isinstance(d["text"], str) or d["unreadable"] is not False
            or not (d["profile"] is None or isinstance(d["profile"], str))
            or not (d["year"] is None or (isinstance(d["year"], int) and not isinstance(d["year"], bool)))
            or not (d["view"] is None or isinstance(d["view"], dict))
            or not (d["summary"] is None or isinstance(d["summary"], dict))
            or not (d["agency"] is None or isinstance(d["agency"], dict))):
        return None
    return FileResult(**{**d, "findings": findings})


# -- what the key depends on besides the file ----------------------------------------------------

_CODE_DIGESTS: dict = {}


def _source_root(module) -> str | None:
    """The file or package folder that holds ``module``'s top-level package."""
    if not isinstance(module, types.ModuleType):
        return None
    top = sys.modules.get(module.__name__.partition(".")[0], module)
    paths = getattr(top, "__path__", None)
    if paths:
        return str(list(paths)[0])
    return getattr(top, "__file__", None) or getattr(module, "__file__", None)


def _code_digest(linter) -> str:
    """A digest of the code and data that decide the findings: gipcheck's package, the
    plugins' and the rules' packages, and the profiles' files."""
    import gipcheck

    roots = {str(Path(gipcheck.__file__).resolve().parent)}
    for _name, plugin in linter.plugins.pm.list_name_plugin():
        module = plugin if isinstance(plugin, types.ModuleType) else sys.modules.get(type(plugin).__module__)
        roots.add(_source_root(module))
    for rule in linter.all_rules:
        roots.add(_source_root(sys.modules.get(rule.__module__)))
    files = {str(getattr(p, "source", "") or "") for p in linter.profiles.profiles.values()}
    marker = (frozenset(r for r in roots if r), frozenset(f for f in files if f))
    if marker in _CODE_DIGESTS:
        return _CODE_DIGESTS[marker]
    found: set[str] = set(marker[1])
    for root in marker[0]:
        if os.path.isdir(root):
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
                found.update(os.path.join(dirpath, n) for n in filenames
                             if not n.endswith((".pyc", ".pyo")) and not n.startswith("."))
                if len(found) > 5000:  # an unusual installation: stop walking, still a digest
                    break
        else:
            found.add(root)
    h = hashlib.sha256()
    for name in sorted(found):
        h.update(name.encode("utf-8", "surrogatepass") + b"\0")
        try:
            with open(name, "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
        except OSError:
            h.update(b"-")
    _CODE_DIGESTS[marker] = digest = h.hexdigest()
    return digest


def _base_hash(linter, config_key: str) -> hashlib._Hash:
    from . import __version__

    config = {
        "lang": linter.lang,
        "profile": linter.profile,
        "max_size": linter.max_size,
        "rules": [r.code for r in linter.rules],
        "options": getattr(linter, "rule_options", {}),
        "severities": getattr(linter, "severities", {}),
        "references": [(n, hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest())
                       for n, t in linter.references],
        "plugins": sorted(name for name, _ in linter.plugins.pm.list_name_plugin()),
    }
    h = hashlib.sha256()
    for part in (SCHEMA, __version__, sys.version, _code_digest(linter),
                 json.dumps(config, sort_keys=True, default=repr, ensure_ascii=False), config_key):
        raw = part.encode("utf-8", "surrogatepass")
        h.update(len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h


# -- linting one file -------------------------------------------------------------------------------

def _read(linter, path: str) -> bytes | None:
    """The bytes of a regular file that ``lint_path`` would read and lint, or None when
    ``lint_path`` would not get that far (missing, unreadable, too large, not a regular file):
    ``linter.lint_path`` then gives the result, and it is not cached."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > linter.max_size:
            return None
        with open(path, "rb") as fh:
            return fh.read(linter.max_size + 1)
    except OSError:
        return None


def _lint_one(linter, cache: ResultCache | None, base, item: tuple) -> FileResult:
    """Lint one file: ``item`` is (path, data, key); data and key are None without a cache
    (and data is None when the file is to be read here)."""
    path, data, key = item
    if cache is None:
        return _trim(linter, linter.lint_path(path))
    if data is None:
        data = _read(linter, path)
        if data is None:
            return _trim(linter, linter.lint_path(path))
        key = cache.key(base, path, data)
    result = linter.lint_bytes(path, data)
    cache.store(key, result)
    return _trim(linter, result)


def _trim(linter, result: FileResult) -> FileResult:
    """Drop the checked text when the output does not show it (``Linter.keep_text`` False): the
    cache keeps it, the parent process never receives it, and a folder of ten thousand reports
    holds no documents in memory."""
    if not getattr(linter, "keep_text", True) and result.text:
        result.text = ""
    return result


# State inherited by forked workers (set before the pool starts, never pickled).
_STATE: tuple | None = None


def _init_worker() -> None:
    import gc

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    # a worker makes many short-lived objects per report and keeps none: collect less often
    # (about 3 % faster), and never scan what the parent had before the fork
    gc.freeze()
    gc.set_threshold(20000, 50, 50)


def _work(chunk: list[tuple]) -> list[FileResult]:
    linter, cache, base = _STATE
    return [_lint_one(linter, cache, base, item) for item in chunk]


# -- progress -----------------------------------------------------------------------------------------

class _Progress:
    """A rich progress bar on standard error, or nothing at all."""

    def __init__(self, enabled: bool, total: int):
        self._bar = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # no refresh thread (auto_refresh=False): nothing runs beside the fork of the workers
        self._bar = Progress(TextColumn("检查 (linting)"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                             console=Console(stderr=True), transient=True, auto_refresh=False,
                             redirect_stdout=False, redirect_stderr=False)
        self._task = self._bar.add_task("lint", total=total)
        self._last = 0.0
        self._bar.start()
        self._bar.refresh()

    def advance(self, n: int = 1) -> None:
        if self._bar is None or not n:
            return
        self._bar.advance(self._task, n)
        now = time.monotonic()
        if now - self._last >= 0.1:
            self._last = now
            self._bar.refresh()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


# -- the runner --------------------------------------------------------------------------------------

def lint_files(linter, paths: list[str], *, jobs: int | None = None, cache: ResultCache | None = None,
               progress: bool = False, config_key: str = "", on_result=None) -> list[FileResult]:
    """Lint ``paths`` (see the module documentation): results in the order of ``paths``.
    ``on_result(result)`` is called in this process as each result arrives (in any order), so
    that a caller can consume what it needs (the summaries of the checks across reports) and
    drop it while the workers go on."""
    if jobs is None or jobs == 0:
        jobs = default_jobs()
    if jobs < 0:
        raise ValueError(f"jobs must be a positive number, not {jobs}")
    paths = list(paths)
    results: list[FileResult | None] = _Results(len(paths), on_result)
    bar = _Progress(progress, len(paths))
    try:
        if cache is not None and not cache.usable():
            cache = None
        base = _base_hash(linter, config_key) if cache is not None else None
        todo: list[tuple[int, tuple]] = []  # (index, item) of the files left for the workers
        budget = _DATA_BUDGET
        for i, path in enumerate(paths):
            if cache is None:
                item = (path, None, None)
            else:
                data = _read(linter, path)
                if data is None:
                    results[i] = _trim(linter, linter.lint_path(path))  # unreadable: lint_path's own result
                    bar.advance()
                    continue
                key = cache.key(base, path, data)
                hit = cache.load(key)
                if hit is not None:
                    results[i] = _trim(linter, hit)
                    bar.advance()
                    continue
                if jobs > 1 and len(data) > budget:
                    data = None  # the worker reads it (and keys what it reads)
                elif jobs > 1:
                    budget -= len(data)
                item = (path, data, key)
            if jobs == 1:
                results[i] = _lint_one(linter, cache, base, item)
                bar.advance()
            else:
                todo.append((i, item))
        if len(todo) > 1:
            todo = _run_pool(linter, cache, base, todo, results, min(jobs, len(todo)), bar)
        for i, item in todo:  # a single file, or what the pool left undone
            results[i] = _lint_one(linter, cache, base, item)
            bar.advance()
    finally:
        bar.stop()
    return list(results)  # type: ignore[return-value]


class _Results(list):
    """The results list, calling ``on_result`` for each result put in it."""

    def __init__(self, n: int, on_result=None):
        super().__init__([None] * n)
        self.on_result = on_result

    def __setitem__(self, i, value):
        super().__setitem__(i, value)
        if self.on_result is not None and value is not None:
            self.on_result(value)


def _run_pool(linter, cache, base, todo, results, workers: int, bar: _Progress) -> list:
    """Lint ``todo`` in worker processes, filling ``results``; returns the items left undone
    (all of them when the pool cannot start, those of failed chunks when a worker dies)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _STATE
    size = max(1, min(len(todo) // (workers * 8), _MAX_CHUNK))
    chunks = [todo[k:k + size] for k in range(0, len(todo), size)]
    _STATE = (linter, cache, base)
    executor = None
    futures: dict = {}
    try:
        try:
            context = multiprocessing.get_context("fork")
            executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker)
            for n, chunk in enumerate(chunks):
                futures[executor.submit(_work, [item for _, item in chunk])] = n
        except Exception:  # noqa: BLE001 - no fork here, or it failed: lint in this process
            if not futures:
                if executor is not None:
                    executor.shutdown(wait=True, cancel_futures=True)
                return todo
        left: list = [chunk for n, chunk in enumerate(chunks) if n >= len(futures)]
        for future in as_completed(futures):
            chunk = chunks[futures[future]]
            try:
                done = future.result()
            except Exception:  # noqa: BLE001 - a dead worker (BrokenProcessPool) or any failure: redo here
                left.append(chunk)
                continue
            for (i, _item), result in zip(chunk, done):
                results[i] = result
            bar.advance(len(chunk))
        executor.shutdown(wait=True)
        return [pair for chunk in sorted(left, key=lambda c: c[0][0]) for pair in chunk]
    except BaseException:  # Ctrl-C: cancel what has not started, stop the workers, propagate
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _STATE = None
