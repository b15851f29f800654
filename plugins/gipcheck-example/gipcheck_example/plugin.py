"""Hook implementations: the same hooks the gipcheck core registers its built-ins with."""

from __future__ import annotations

from pathlib import Path

from gipcheck import hookimpl


@hookimpl
def gipcheck_rules():
    from .rules import rules

    return rules()


@hookimpl
def gipcheck_profiles():
    return [Path(__file__).with_name("example-province-2021.yaml")]
