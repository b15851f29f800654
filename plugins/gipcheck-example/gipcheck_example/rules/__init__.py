"""The plugin's rules, one module each (GIPnnn_name.py), found as gipcheck finds its own."""

from __future__ import annotations

from gipcheck.checks import discover


def rules():
    return discover(__name__)
