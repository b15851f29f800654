"""The plugin manager: built-ins first, then external plugins, each loaded in isolation."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pluggy

from . import builtin, hookspecs

ENTRY_POINT_GROUP = "gipcheck"
NO_PLUGINS_ENV = "GIPCHECK_NO_PLUGINS"


@dataclass
class PluginError:
    name: str
    error: str


@dataclass
class Plugins:
    pm: pluggy.PluginManager
    errors: list[PluginError] = field(default_factory=list)

    @property
    def hook(self):
        return self.pm.hook


class _KeptEntryPoint:
    """An entry point as kept in the cache: its name and its "module:attribute" value."""

    def __init__(self, name: str, value: str):
        self.name, self.value = name, value

    def load(self):
        import importlib
        import re

        m = re.fullmatch(r"\s*(?P<module>[\w.]+)\s*(?::\s*(?P<attr>[\w.]+)\s*)?(?:\[.*\]\s*)?", self.value)
        if m is None:
            raise ValueError(f"invalid entry point value {self.value!r}")
        obj = importlib.import_module(m.group("module"))
        for part in m.group("attr").split(".") if m.group("attr") else ():
            obj = getattr(obj, part)
        return obj


def _places() -> list:
    """What decides which plugins Python finds: the interpreter and, for each entry of the
    path, every distribution's metadata in it (``*.dist-info``, ``*.egg-info`` and an ``.egg``
    folder's ``EGG-INFO``, each with the time and size of its ``entry_points.txt``) — installing,
    removing or editing a package changes one of them; a zip or egg file by its own time and size."""
    import sys

    out: list = [sys.version, sys.prefix]
    for entry in sys.path:
        here = entry or "."
        try:
            with os.scandir(here) as listing:
                names = sorted(d.name for d in listing if d.name.endswith((".dist-info", ".egg-info", ".egg")))
        except NotADirectoryError:  # a zip or egg file: its time and size stand for its contents
            try:
                st = os.stat(here)
                out.append([entry, st.st_mtime_ns, st.st_size])
            except OSError:
                out.append([entry, None])
            continue
        except OSError:
            out.append([entry, None])
            continue
        item: list = [entry]
        for name in names:
            meta = os.path.join(here, name, "EGG-INFO" if name.endswith(".egg") else "", "entry_points.txt")
            try:
                st = os.stat(meta)
                item.append([name, st.st_mtime_ns, st.st_size])
            except OSError:
                item.append([name, None])
        out.append(item)
    return out


def _kept_name(places: list) -> str:
    import hashlib

    # one file per interpreter and path (two virtual environments do not overwrite each other)
    key = repr(places[:2] + [p[0] for p in places[2:]]).encode("utf-8", "surrogatepass")
    return f"entry-points-{hashlib.sha1(key).hexdigest()[:16]}.json"


def _settled(places: list) -> bool:
    """Are all the times recorded at least two seconds old? A scan made while something is
    being installed (or on a file system with coarse times) could have missed it: not kept."""
    import time

    newest = max((t for p in places[2:] for t in _times(p)), default=0)
    return newest < (time.time() - 2) * 1e9


def _times(item: list):
    """The modification times recorded for one path entry (nanoseconds)."""
    if len(item) > 1 and isinstance(item[1], int):  # a zip or egg file: [entry, time, size]
        yield item[1]
        return
    for x in item[1:]:
        if isinstance(x, list) and len(x) > 1 and isinstance(x[1], int):
            yield x[1]


def _entry_points() -> list:
    """The installed plugins' entry points (group ``gipcheck``). Finding them means importing
    importlib.metadata and reading every installed distribution — a tenth of a cold start — so
    the names and values found are kept in the private cache folder (gipcheck/cachedir.py) with
    :func:`_places`, and read from there while those are unchanged."""
    from .cachedir import prune, read_json, write_json

    places = _places()
    name = _kept_name(places)
    kept = read_json(name)
    if isinstance(kept, dict) and kept.get("places") == places and isinstance(kept.get("points"), list):
        points = kept["points"]
        if all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in points):
            return [_KeptEntryPoint(n, v) for n, v in points]
    from importlib.metadata import entry_points

    eps = list(entry_points(group=ENTRY_POINT_GROUP))
    points = [[ep.name, ep.value] for ep in eps
              if isinstance(getattr(ep, "name", None), str) and isinstance(getattr(ep, "value", None), str)]
    if len(points) == len(eps) and _settled(places) and write_json(name, {"places": places, "points": points}):
        prune("entry-points-*.json", 8)
    return eps


def _load_entry_points(pm: pluggy.PluginManager, errors: list[PluginError]) -> None:
    try:
        eps = _entry_points()
    except Exception as exc:  # noqa: BLE001 - a broken installation must not stop the linter
        errors.append(PluginError("<entry points>", f"{type(exc).__name__}: {exc}"))
        return
    for ep in eps:
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
            # Call each hook of this plugin alone once, so that a plugin whose hooks fail is
            # caught here (reported once, skipped) rather than in the middle of a lint run.
            for hook_name in ("gipcheck_rules", "gipcheck_profiles", "gipcheck_formatters",
                              "gipcheck_source_suffixes", "gipcheck_default_config"):
                impl = getattr(plugin, hook_name, None)
                if impl is not None:
                    impl()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - isolate every failure of a plugin, SystemExit too
            if pm.get_plugin(ep.name) is not None:
                pm.unregister(name=ep.name)
            errors.append(PluginError(ep.name, f"{type(exc).__name__}: {exc}"))


def plugin_manager(load_external: bool = True, extra: list | None = None) -> Plugins:
    pm = pluggy.PluginManager("gipcheck")
    pm.add_hookspecs(hookspecs.GipcheckSpec)
    pm.register(builtin, name="gipcheck.builtin")
    for i, plugin in enumerate(extra or []):
        pm.register(plugin, name=f"extra-{i}")
    errors: list[PluginError] = []
    if load_external and not os.environ.get(NO_PLUGINS_ENV):
        _load_entry_points(pm, errors)
    return Plugins(pm, errors)
