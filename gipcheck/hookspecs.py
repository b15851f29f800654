"""Plugin hooks (pluggy, project name ``gipcheck``, entry-point group ``gipcheck``).

The built-in rules, profiles, sources and formatters are registered through exactly these
hooks (see :mod:`gipcheck.builtin`), so a third-party plugin has the same powers as the core.

A plugin is a module or object with functions marked ``@hookimpl``::

    from gipcheck import hookimpl

    @hookimpl
    def gipcheck_rules():
        from .rules import MyRule
        return [MyRule]

and an entry point in its ``pyproject.toml``::

    [project.entry-points.gipcheck]
    myplugin = "my_package.plugin"
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("gipcheck")
hookimpl = pluggy.HookimplMarker("gipcheck")


class GipcheckSpec:
    @hookspec
    def gipcheck_rules(self):
        """Return a list of rule classes (subclasses of :class:`gipcheck.checks.base.Rule`)."""

    @hookspec
    def gipcheck_profiles(self):
        """Return a list of paths to profile YAML files (the regulations of one era each)."""

    @hookspec(firstresult=True)
    def gipcheck_source(self, path: str, data: bytes):
        """Turn the bytes of ``path`` into a :class:`gipcheck.sources.Document`.

        Return None when the file is not of a kind this plugin reads; the first non-None
        result wins. A source must not raise for bad input: it returns a Document whose
        ``problems`` describe what went wrong.
        """

    @hookspec
    def gipcheck_source_suffixes(self):
        """Return the file suffixes (".txt", …) this plugin's source reads, for folder walks."""

    @hookspec
    def gipcheck_formatters(self):
        """Return a mapping of output format name to formatter class."""

    @hookspec
    def gipcheck_default_config(self):
        """Return a dict of default settings (e.g. ``{"fail_level": "warning"}``); later wins."""
