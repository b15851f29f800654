"""Helpers for testing rules and plugins (for gipcheck itself and for plugin authors).

    from gipcheck.testing import check

    def test_my_rule():
        findings = check(TEXT, plugins=[my_plugin_module], select=["GIP901"])
        assert [f.code for f in findings] == ["GIP901"]
"""

from __future__ import annotations

from .engine import Linter
from .plugins import plugin_manager


def make_linter(*, plugins: list | None = None, **options) -> Linter:
    """A Linter with the built-ins plus the given plugin objects (no entry points loaded)."""
    return Linter(plugin_manager(load_external=False, extra=plugins or []), **options)


def check(text: str, *, plugins: list | None = None, path: str = "test.txt", **options):
    """Lint ``text`` and return its findings."""
    return make_linter(plugins=plugins, **options).lint_text(text, path).findings


def assert_finds(text: str, code: str, *, line: int | None = None, plugins: list | None = None, **options):
    """Assert that rule ``code`` reports ``text`` (on ``line`` when given); return the findings."""
    found = [f for f in check(text, plugins=plugins, **options) if f.code == code]
    assert found, f"{code} did not report the text"
    if line is not None:
        assert any(f.line == line for f in found), f"{code} reported lines {[f.line for f in found]}, not {line}"
    return found


def assert_silent(text: str, code: str, *, plugins: list | None = None, **options) -> None:
    """Assert that rule ``code`` does not report ``text``."""
    found = [f for f in check(text, plugins=plugins, **options) if f.code == code]
    assert not found, f"{code} reported: {found[0].message}"
