"""Rule options are a contract: declared once, validated when the linter is built, read from ctx."""

from __future__ import annotations

import types

import pytest

from conftest import GOOD_2021, ROOT, linter
from gipcheck import hookimpl
from gipcheck.cli import run
from gipcheck.engine import Linter, UsageError
from gipcheck.options import Option, OptionError, resolve_options
from gipcheck.plugins import plugin_manager
from gipcheck.testing import load_cases

RULES = linter().all_rules
WITH_OPTIONS = [(r, key) for r in RULES for key in r.options]


def test_the_rules_declare_their_thresholds():
    declared = {(r.code, k) for r, k in WITH_OPTIONS}
    assert {("GIP511", "min_coverage"), ("GIP514", "share_limit"), ("GIP507", "limit"),
            ("GIP603", "min_length"), ("GIP603", "similarity"), ("GIP604", "threshold")} <= declared
    for rule, key in WITH_OPTIONS:
        opt = rule.options[key]
        assert isinstance(opt, Option) and opt.help and opt.help_en, f"{rule.code}.{key} lacks help"
        assert opt.convert(opt.default) == opt.default, f"{rule.code}.{key}: the default is not a valid value"


@pytest.mark.parametrize("rule,key", WITH_OPTIONS, ids=[f"{r.code}.{k}" for r, k in WITH_OPTIONS])
def test_every_option_changes_a_verdict_in_the_case_file(rule, key):
    """Each declared option has a case whose expected findings hold only with the override (the
    case runs in test_rule_cases; here: the same input without the override gives another result)."""
    from gipcheck.testing import lint_case

    cases = [c for c in load_cases(ROOT / "tests" / "rules" / f"{rule.code}.yaml")
             if key in (c.data.get("options") or {})]
    assert cases, f"{rule.code}: no case sets the option {key}"

    def verdict(case):
        found, _ = lint_case(case)
        return sorted((f.line, f.severity, f.message) for f in found if f.code == rule.code)

    changed = False
    for case in cases:
        plain = type(case)(case.rule, case.name, case.source, {k: v for k, v in case.data.items() if k != "options"},
                           case.folder, case.expect)
        changed |= verdict(case) != verdict(plain)
    assert changed, f"{rule.code}.{key}: no case shows that the override changes the result"


@pytest.mark.parametrize("opt,value,expected", [
    (Option(float, 0.5, "", ""), "0.8", 0.8),
    (Option(float, 0.5, "", ""), 1, 1.0),
    (Option(int, 20, "", "", min=1), "7", 7),
    (Option(bool, False, "", ""), "true", True),
    (Option(bool, False, "", ""), "off", False),
    (Option(str, "a", "", "", choices=("a", "b")), "b", "b"),
    (Option(float, None, "", "", nullable=True), None, None),
])
def test_option_values_are_converted(opt, value, expected):
    assert opt.convert(value) == expected


@pytest.mark.parametrize("opt,value,words", [
    (Option(float, 0.5, "", "", min=0.0, max=1.0), "1.5", "≤ 1.0"),
    (Option(float, 0.5, "", "", min=0.0, min_exclusive=True), 0, "> 0.0"),
    (Option(int, 20, "", "", min=1), "x", "整数"),
    (Option(int, 20, "", ""), 2.5, "整数"),
    (Option(int, 20, "", ""), True, "整数"),
    (Option(bool, False, "", ""), "maybe", "布尔值"),
    (Option(str, "a", "", "", choices=("a", "b")), "c", "a / b"),
    (Option(float, 0.5, "", ""), None, "不能为空"),
])
def test_bad_option_values_are_rejected(opt, value, words):
    with pytest.raises(OptionError) as exc:
        opt.convert(value)
    assert words in str(exc.value)


def test_resolve_names_rule_key_and_origin():
    with pytest.raises(OptionError) as exc:
        resolve_options(RULES, {"GIP999": {"x": 1}}, {"GIP999": ".gipcheck.yaml:3:1"})
    assert str(exc.value).startswith(".gipcheck.yaml:3:1: ") and "GIP999" in str(exc.value)
    with pytest.raises(OptionError) as exc:
        resolve_options(RULES, {"GIP603": {"min_lenght": 5}}, {("GIP603", "min_lenght"): "命令行"})
    msg = str(exc.value)
    assert "GIP603" in msg and "min_lenght" in msg and "min_length" in msg and msg.startswith("命令行: ")
    with pytest.raises(OptionError) as exc:
        resolve_options(RULES, {"repeated-paragraph": {"similarity": "high"}})
    assert "GIP603" in str(exc.value) and "similarity" in str(exc.value)
    with pytest.raises(OptionError) as exc:
        resolve_options(RULES, {"GIP603": 5})
    assert "映射" in str(exc.value)


def test_defaults_and_overrides_reach_the_context():
    resolved = resolve_options(RULES, {"breakdown-sum": {"min_coverage": "0.5"}})
    assert resolved["GIP511"] == {"min_coverage": 0.5}
    assert resolved["GIP603"] == {"min_length": 20, "similarity": 0.9}


def test_the_linter_rejects_bad_options_when_it_is_built():
    with pytest.raises(UsageError) as exc:
        Linter(rule_options={"GIP511": {"coverage": 0.5}})
    assert "GIP511" in str(exc.value) and "coverage" in str(exc.value)


TEXT = GOOD_2021.replace("全年主动公开政府信息412条。", "全年主动公开政府信息412条，其中政策文件100条、规划计划230条。")


def test_an_override_from_the_command_line(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    assert run([str(report), "-f", "concise", "--select", "GIP511"]) == 0  # 330 of 412: a selection
    capsys.readouterr()
    assert run([str(report), "-f", "concise", "--select", "GIP511", "--option", "GIP511.min_coverage=0.5"]) == 1
    assert "GIP511" in capsys.readouterr().out


@pytest.mark.parametrize("args,words", [
    (["--option", "GIP511.min_coverage=much"], ["GIP511", "min_coverage", "--option", "much"]),
    (["--option", "GIP511.coverage=0.5"], ["GIP511", "coverage", "min_coverage"]),
    (["--option", "GIP999.x=1"], ["GIP999"]),
    (["--option", "min_coverage=0.5"], ["规则.选项=值"]),
    (["--repeat-threshold", "2"], ["GIP604", "threshold", "--repeat-threshold"]),
])
def test_bad_options_on_the_command_line(tmp_path, capsys, args, words):
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    assert run([str(report), *args]) == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words) and "Traceback" not in err


def test_a_plugin_sets_options_through_its_default_config():
    plugin = types.SimpleNamespace(gipcheck_default_config=hookimpl(
        lambda: {"options": {"GIP511": {"min_coverage": 0.5}}}))
    lin = Linter(plugin_manager(load_external=False, extra=[plugin]))
    assert lin.rule_options["GIP511"]["min_coverage"] == 0.5
    assert [f.code for f in lin.lint_text(TEXT).findings if f.code == "GIP511"] == ["GIP511"]
    bad = types.SimpleNamespace(gipcheck_default_config=hookimpl(lambda: {"options": {"GIP511": {"x": 1}}}))
    with pytest.raises(UsageError) as exc:
        Linter(plugin_manager(load_external=False, extra=[bad]))
    assert "插件" in str(exc.value) and "GIP511" in str(exc.value)


def test_rule_docs_render_the_declared_options():
    from gipcheck import ruledoc

    rule = next(r for r in RULES if r.code == "GIP603")
    page = ruledoc.markdown(rule)
    assert "## 选项 / Options" in page and "`min_length`" in page and "默认 20" in page
    assert "--option GIP603.KEY=VALUE" in page


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", float("nan"), "1_0"])
def test_numbers_must_be_finite_and_plain(value):
    with pytest.raises(OptionError):
        Option(float, 0.5, "", "", min=0.0, max=1.0).convert(value)


def test_a_rule_with_undeclared_options_is_refused_by_name():
    from gipcheck.checks.base import Rule

    class OldStyle(Rule):
        """检查内容：旧式选项。"""

        code = "GIP995"
        name = "old-style"
        default_severity = "info"
        options = {"threshold": 0.5}
        messages = {"x": ("x", "x")}

    plugin = types.SimpleNamespace(gipcheck_rules=hookimpl(lambda: [OldStyle]))
    with pytest.raises(UsageError) as exc:
        Linter(plugin_manager(load_external=False, extra=[plugin]))
    assert "GIP995" in str(exc.value) and "threshold" in str(exc.value) and "Option" in str(exc.value)


def test_each_value_keeps_its_own_origin():
    plugin = types.SimpleNamespace(gipcheck_default_config=hookimpl(lambda: {"options": {"GIP603": {"similarity": 5}}}))
    with pytest.raises(UsageError) as exc:
        Linter(plugin_manager(load_external=False, extra=[plugin]), rule_options={"GIP603": {"min_length": 10}},
               option_origins={("GIP603", "min_length"): "命令行"})
    msg = str(exc.value)
    assert "similarity" in msg and "插件 extra-0" in msg and "命令行" not in msg


def test_plugin_options_that_are_not_a_mapping():
    plugin = types.SimpleNamespace(gipcheck_default_config=hookimpl(lambda: {"options": ["GIP603"]}))
    with pytest.raises(UsageError) as exc:
        Linter(plugin_manager(load_external=False, extra=[plugin]))
    assert "options" in str(exc.value)
