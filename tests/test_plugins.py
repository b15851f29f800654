"""Plugins: built-ins and third-party plugins share the hooks; a broken plugin is skipped."""

from __future__ import annotations

import os
import sys
import types

import pytest

import gipcheck.plugins
from conftest import GOOD_2021, ROOT
from gipcheck import hookimpl
from gipcheck.checks.base import Rule
from gipcheck.plugins import plugin_manager
from gipcheck.testing import assert_finds, assert_silent, case_params, check, make_linter, run_case


class SaysHello(Rule):
    """检查内容：测试用规则。"""

    code = "GIP990"
    name = "says-hello"
    summary = "测试"
    summary_en = "test"
    default_severity = "info"
    messages = {"hi": ("你好，{who}", "hello, {who}")}

    def check(self, ctx):
        if ctx.tree.title:
            t = ctx.tree.title[0]
            yield ctx.report("hi", t.start, t.end, who=ctx.profile.id)


class Crashes(Rule):
    """检查内容：测试用规则（总是出错）。"""

    code = "GIP991"
    name = "crashes"
    default_severity = "error"

    def check(self, ctx):
        raise ValueError("bad rule")
        yield  # pragma: no cover


good_plugin = types.SimpleNamespace(gipcheck_rules=hookimpl(lambda: [SaysHello]))
crash_plugin = types.SimpleNamespace(gipcheck_rules=hookimpl(lambda: [Crashes]))


def test_plugin_rule_runs_with_the_builtins():
    found = assert_finds(GOOD_2021, "GIP990", line=1, plugins=[good_plugin])
    assert found[0].message == "你好，gip-2021"
    assert check(GOOD_2021, plugins=[good_plugin], lang="en", select=["says-hello"])[0].message == "hello, gip-2021"


def test_crashing_rule_is_reported_and_the_others_still_run():
    text = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日")
    found = check(text, plugins=[crash_plugin])
    crash = [f for f in found if f.code == "GIP009"]
    assert len(crash) == 1 and "GIP991" in crash[0].message and "bad rule" in crash[0].message
    assert any(f.code == "GIP203" for f in found)


def test_duplicate_rule_code_is_a_usage_error():
    from gipcheck.engine import UsageError

    twin = types.SimpleNamespace(gipcheck_rules=hookimpl(lambda: [type("Twin", (SaysHello,), {"code": "GIP101"})]))
    with pytest.raises(UsageError):
        make_linter(plugins=[twin])


class _EP:
    def __init__(self, name, obj=None, error=None):
        self.name, self._obj, self._error = name, obj, error

    def load(self):
        if self._error:
            raise self._error
        return self._obj


def test_broken_plugins_are_reported_once_and_skipped(monkeypatch):
    bad_hooks = types.SimpleNamespace(gipcheck_rules=hookimpl(lambda: 1 / 0))
    eps = [_EP("fails-import", error=ImportError("no module named x")), _EP("fails-hook", bad_hooks),
           _EP("works", good_plugin)]
    monkeypatch.setattr(gipcheck.plugins, "_entry_points", lambda: eps)
    plugins = plugin_manager(load_external=True)
    assert [e.name for e in plugins.errors] == ["fails-import", "fails-hook"]
    assert "ImportError" in plugins.errors[0].error and "ZeroDivisionError" in plugins.errors[1].error
    from gipcheck.engine import Linter

    linter = Linter(plugins)
    assert "GIP990" in {r.code for r in linter.rules}
    assert linter.lint_text(GOOD_2021).findings  # GIP990 reports; the broken ones are gone


def test_no_plugins_environment_variable(monkeypatch):
    monkeypatch.setattr(gipcheck.plugins, "_entry_points", lambda: [_EP("works", good_plugin)])
    monkeypatch.setenv("GIPCHECK_NO_PLUGINS", "1")
    assert plugin_manager(load_external=True).pm.get_plugin("works") is None


def test_cli_reports_a_broken_plugin_once(monkeypatch, capsys, tmp_path):
    from gipcheck.cli import run

    monkeypatch.setattr(gipcheck.plugins, "_entry_points", lambda: [_EP("broken", error=RuntimeError("x"))])
    monkeypatch.delenv("GIPCHECK_NO_PLUGINS", raising=False)
    (tmp_path / "r.txt").write_text(GOOD_2021, encoding="utf-8")
    assert run([str(tmp_path / "r.txt")]) == 0
    err = capsys.readouterr().err
    assert err.count("broken") == 1 and "已跳过" in err


def test_builtins_register_through_the_public_hooks():
    plugins = plugin_manager(load_external=False)
    names = {plugins.pm.get_name(p) for p in plugins.pm.get_plugins()}
    assert names == {"gipcheck.builtin"}
    assert {"text", "concise", "json"} <= {k for b in plugins.hook.gipcheck_formatters() for k in b}
    assert len([p for b in plugins.hook.gipcheck_profiles() for p in b]) == 3


def test_example_plugin_when_installed():
    pytest.importorskip("gipcheck_example", reason="plugins/gipcheck-example is not installed")
    from gipcheck.engine import Linter

    linter = Linter(plugin_manager(load_external=True))
    assert "GIP901" in {r.code for r in linter.rules}
    assert linter.profiles.get("example-province-2021") is not None
    # a plugin profile marked "select: explicit" never replaces the national one by year
    assert linter.lint_text(GOOD_2021).profile == "gip-2021"
    text = GOOD_2021.replace("2023年，我局未收取信息处理费。", "无。")
    assert [f.code for f in linter.lint_text(text).findings] == ["GIP901"]
    strict = Linter(plugin_manager(load_external=True), profile="example-province-2021")
    no_contact = GOOD_2021.replace("如对本报告有疑问，请联系县交通运输局办公室（地址：松阳湾县滨江路18号，邮编：323400，电话：0578-8061234）。", "")
    assert [f.severity for f in strict.lint_text(no_contact).findings if f.code == "GIP301"] == ["error"]


def test_testing_helpers():
    assert_silent(GOOD_2021, "GIP203")
    assert_finds(GOOD_2021.replace("至2023年12月31日", "至2023年6月30日"), "GIP203", line=3)


# -- the example plugin's case file, run by the same loader as the built-ins' ----------------------

_EXAMPLE_CASES = ROOT / "plugins" / "gipcheck-example" / "tests" / "rules"


@pytest.mark.parametrize("case", case_params(_EXAMPLE_CASES))
def test_example_plugin_cases(case):
    from gipcheck_example import plugin

    run_case(case, plugins=[plugin])


def test_example_plugin_cases_need_the_plugin():
    """Without the plugin its failing case cannot hold: the loader really runs the plugin's rule."""
    failing = [p.values[0] for p in case_params(_EXAMPLE_CASES) if p.values[0].failing]
    assert failing
    with pytest.raises(AssertionError):
        run_case(failing[0])


def test_a_case_of_an_unregistered_or_disabled_rule_fails_loudly(tmp_path):
    """A passing case must not pass because its rule never ran."""
    from gipcheck.testing import load_cases

    path = tmp_path / "GIP511.yaml"
    path.write_text("rule: GIP511\ncases:\n  - {name: off, base: clean-2021, linter: {ignore: [GIP511]}, expect: []}\n"
                    "  - {name: typo, base: clean-2021, expect: []}\n", encoding="utf-8")
    off, typo = load_cases(path)
    with pytest.raises(AssertionError, match="not enabled"):
        run_case(off)
    typo.rule = "GIP5l1"
    with pytest.raises(AssertionError, match="not registered"):
        run_case(typo)


def test_linters_of_different_plugin_lists_are_not_confused():
    from gipcheck.testing import _linter, crashing_plugin, load_cases
    from gipcheck_example import plugin

    case = load_cases(_EXAMPLE_CASES / "GIP901.yaml")[0]
    first = _linter(case, [plugin])
    second = _linter(case, [crashing_plugin])
    assert "GIP901" in first.by_code and "GIP999" in second.by_code and "GIP901" not in second.by_code


def test_a_plugin_raising_system_exit_at_import_is_skipped_not_an_exit(monkeypatch, capsys, tmp_path):
    from gipcheck.cli import run

    monkeypatch.setattr(gipcheck.plugins, "_entry_points", lambda: [_EP("quits", error=SystemExit(0))])
    monkeypatch.delenv("GIPCHECK_NO_PLUGINS", raising=False)
    (tmp_path / "r.txt").write_text(GOOD_2021.replace("至2023年12月31日", "至2023年11月20日"), encoding="utf-8")
    assert run(["--no-cache", "-f", "concise", str(tmp_path / "r.txt")]) == 1
    out, err = capsys.readouterr()
    assert "GIP203" in out and err.count("quits") == 1


def test_installed_entry_points_are_kept_and_follow_installs(monkeypatch, tmp_path):
    """Entry points are found through importlib.metadata once, then read from the private cache
    while the path is unchanged; installing or removing a package, editing a distribution's
    entry_points.txt in place, or a changed path finds them again; a scan made while times are
    fresh (an install may be under way) is not kept."""
    import time
    from importlib import metadata

    import gipcheck.plugins as plugins

    monkeypatch.setenv("GIPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GIPCHECK_NO_CACHE", raising=False)
    site = tmp_path / "site"
    info = site / "myplug-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[gipcheck]\nexample = types:SimpleNamespace\n", encoding="utf-8")
    old = time.time() - 3600

    def age(*paths, when=old):
        for p in paths:
            os.utime(p, (when, when))

    age(info / "entry_points.txt", info, site)
    monkeypatch.setattr(sys, "path", [str(site)])  # (nothing else on the path can change meanwhile)
    calls = []

    def scan(group=None):
        calls.append(group)
        return [metadata.EntryPoint("example", "types:SimpleNamespace", "gipcheck")]

    monkeypatch.setattr(metadata, "entry_points", scan)
    first = plugins._entry_points()
    again = plugins._entry_points()
    assert len(calls) == 1 and [e.name for e in again] == ["example"] and again[0].value == first[0].value
    assert again[0].load() is types.SimpleNamespace
    # an entry point added to the distribution's file in place (no folder's time changes)
    (info / "entry_points.txt").write_text("[gipcheck]\nexample = types:SimpleNamespace\nb = os:sep\n",
                                           encoding="utf-8")
    age(info / "entry_points.txt", when=old + 1)
    age(info, site)
    plugins._entry_points()
    plugins._entry_points()
    assert len(calls) == 2
    # a package installed, then removed (the folder's time put back each time)
    (site / "newpkg-1.0.dist-info").mkdir()
    age(site / "newpkg-1.0.dist-info", site)
    plugins._entry_points()
    (site / "newpkg-1.0.dist-info").rmdir()
    age(site)
    plugins._entry_points()
    plugins._entry_points()
    assert len(calls) == 4
    # a distribution renamed (an upgrade), nothing else changed
    info = info.rename(site / "myplug-1.1.dist-info")
    age(info, site)
    plugins._entry_points()
    assert len(calls) == 5
    # another folder on the path
    sys.path.insert(0, str(tmp_path / "nowhere"))
    plugins._entry_points()
    plugins._entry_points()
    assert len(calls) == 6
    # an entry_points.txt written in the last two seconds: scanned every time until it settles
    age(info / "entry_points.txt", when=time.time())
    plugins._entry_points()
    plugins._entry_points()
    assert len(calls) == 8


def test_a_kept_entry_point_loads_as_importlib_would():
    from importlib import metadata

    from gipcheck.plugins import _KeptEntryPoint

    for value in ("os.path:join", "gipcheck.plugins", "os.path : join [extra]", "os:path.join"):
        assert _KeptEntryPoint("a", value).load() is metadata.EntryPoint("a", value, "gipcheck").load()
    with pytest.raises(ValueError):
        _KeptEntryPoint("d", "not a value!").load()
