"""The built-in rules, one module per rule in family packages.

``checks/<family>/GIPnnn_<name>.py`` holds exactly one rule class (its code and name give the
file name); ``checks/<family>/_common.py`` holds what the family's rules share. Each family
package exposes its rules through ``rules()``; ``FAMILY_PACKAGES`` lists the families (a new family
is also listed in pyproject.toml's packages), and :mod:`gipcheck.builtin` registers them all.
"""

from __future__ import annotations

import importlib
import pkgutil

from .. import rx

FAMILY_PACKAGES = ("processing", "sections", "period", "contact", "tables", "arithmetic", "text")

RULE_MODULE = rx.compile(r"^GIP\d{3}_[a-z0-9_]+$")


def discover(package: str) -> list:
    """The rule class of every ``GIPnnn_name`` module of ``package``, sorted by code."""
    from .base import Rule

    pkg = importlib.import_module(package)
    found = []
    for info in pkgutil.iter_modules(pkg.__path__):
        if not RULE_MODULE.match(info.name):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        rules = [v for v in vars(module).values()
                 if isinstance(v, type) and issubclass(v, Rule) and v.__module__ == module.__name__ and v.code]
        if len(rules) != 1:
            raise ImportError(f"{module.__name__} must define exactly one rule, found {len(rules)}")
        found.append(rules[0])
    return sorted(found, key=lambda r: r.code)


def builtin_rules() -> list:
    """Every built-in rule, family by family."""
    out = []
    for family in FAMILY_PACKAGES:
        out.extend(importlib.import_module(f"{__name__}.{family}").rules())
    return out
