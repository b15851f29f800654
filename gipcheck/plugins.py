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


def _load_entry_points(pm: pluggy.PluginManager, errors: list[PluginError]) -> None:
    from importlib.metadata import entry_points

    try:
        eps = entry_points(group=ENTRY_POINT_GROUP)
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
