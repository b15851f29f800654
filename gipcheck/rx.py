"""Regular expressions compiled once per machine instead of once per process.

gipcheck's rules and facts use about two hundred regular expressions, most with classes of CJK
characters such as ``[\\u4e00-\\u9fff]``; Python's ``re`` builds such a class character by
character, so compiling them all took a fifth of a cold command line's time. :func:`compile`
keeps what ``re``'s compiler produces for a pattern (its instruction list and group names —
numbers and strings, kept as JSON in gipcheck's private cache folder, see
:mod:`gipcheck.cachedir`) and, in later processes, hands that list straight to the regular
expression engine. The result is the same ``re.Pattern`` that ``re.compile`` returns.

Trust: the engine checks that a list is well formed (a malformed one is refused, and the
pattern is then compiled as usual) but not that it belongs to its pattern; the file is trusted
as the user's own files are (only a private folder and file of this user's are read).

The instruction list belongs to one build of CPython: the file is named after the interpreter's
version and the engine's format number, and on another implementation, with ``re.DEBUG``, for
bytes patterns, for a pattern ``re`` may warn about (the warning must show in every process), or
when anything about the cache goes wrong, this is plain ``re.compile``.
"""

from __future__ import annotations

import re
import sys
import threading

_LOCK = threading.Lock()
_known: dict[str, list] | None = None  # key -> [flags, code, groups, groupindex, indexgroup]
_added: dict[str, list] = {}
_made: dict[str, re.Pattern] = {}  # this process's patterns, as re keeps its own
_MAX_ENTRIES = 5000  # user profiles bring their own patterns; a bigger file starts afresh
_MAX_CODE = 20_000  # a pattern compiling to more instructions is not kept (gipcheck's: < 3,000)
_KEEP_BUILDS = 3  # files of other Python builds kept besides this one's
# What re's parser warns about (FutureWarning: a possible nested set or set operation;
# DeprecationWarning: odd group references): such a pattern is not kept, so that it warns in
# every process as with re.compile. (Not warnings.catch_warnings: it swaps process-wide state,
# and the language server compiles from several threads.)
_MAY_WARN = ("[[", "--", "&&", "~~", "||", "(?(", "(?P=")

try:  # CPython's engine and compiler; anything else uses re.compile
    import _sre
    from re import _compiler, _parser

    _NAME = "regex-" + "".join(
        c if c.isalnum() else "_" for c in f"{sys.implementation.name}-{sys.version}-{_sre.MAGIC}-{_sre.CODESIZE}"
    )[:120] + ".json"
    _OK = sys.implementation.name == "cpython" and callable(getattr(_compiler, "_code", None))
except (ImportError, AttributeError):  # pragma: no cover - other interpreters
    _OK = False


def _key(pattern: str, flags: int) -> str:
    return f"{flags}\x00{pattern}"


def _load() -> dict[str, list]:
    from .cachedir import read_json

    data = read_json(_NAME)
    if not isinstance(data, dict) or len(data) > _MAX_ENTRIES:
        return {}
    return data


def _build(pattern: str, entry) -> re.Pattern | None:
    """The pattern from a kept entry, or None when the entry is not usable."""
    try:
        flags, code, groups, groupindex, indexgroup = entry
        if not (isinstance(code, list) and isinstance(groupindex, dict) and isinstance(indexgroup, list)):
            return None
        compiled = _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    except (TypeError, ValueError, RuntimeError, OverflowError):  # "invalid SRE code" among them
        return None
    return compiled if isinstance(compiled, re.Pattern) else None


def _fresh(pattern: str, flags: int) -> tuple[re.Pattern, list]:
    """Compile as ``re._compiler.compile`` does, keeping the pieces."""
    p = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(p, flags)]
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = [flags | p.state.flags, code, p.state.groups - 1, groupindex, indexgroup]
    return _sre.compile(pattern, entry[0], code, entry[2], groupindex, tuple(indexgroup)), entry


def compile(pattern, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the kept instruction list when there is one."""
    if isinstance(flags, re.RegexFlag):
        flags = flags.value
    if not _OK or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    global _known
    key = _key(pattern, flags)
    made = _made.get(key)
    if made is not None:
        return made
    with _LOCK:
        if _known is None:
            _known = _load()
            import atexit

            atexit.register(save)
        entry = _known.get(key)
    if entry is not None:
        compiled = _build(pattern, entry)
        if compiled is not None:
            _made[key] = compiled
            return compiled
    if any(mark in pattern for mark in _MAY_WARN):
        return re.compile(pattern, flags)  # re may warn about it: it must, in every process
    try:
        compiled, entry = _fresh(pattern, flags)
    except Exception:  # noqa: BLE001 - re.error, or the private compiler changed: re decides
        return re.compile(pattern, flags)
    if len(entry[1]) > _MAX_CODE:
        return compiled
    with _LOCK:
        _known[key] = entry
        _added[key] = entry
        _made[key] = compiled
    return compiled


def save() -> None:
    """Keep the patterns compiled in this process (run at exit; a no-op when nothing is new)."""
    from .cachedir import read_json, write_json

    with _LOCK:
        if not _added:
            return
        added = dict(_added)
        _added.clear()
    merged = read_json(_NAME)  # another process may have kept patterns meanwhile
    if not isinstance(merged, dict) or len(merged) + len(added) > _MAX_ENTRIES:
        merged = {}
    merged.update(added)
    if write_json(_NAME, merged):
        from .cachedir import prune

        prune("regex-*.json", _KEEP_BUILDS + 1)
