"""Every rule documents itself: docs/rules is generated from the rules' docstrings, declared
options and case files (whose examples are run while the pages are made)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, linter

RULES = linter().all_rules


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_contract(rule):
    assert rule.code.startswith("GIP") and len(rule.code) == 6 and rule.code[3:].isdigit()
    assert rule.name and rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and rule.summary_en and rule.default_severity in ("error", "warning", "info")
    assert rule.messages, "a rule needs at least one message"
    for zh, en in rule.messages.values():
        assert zh and en
    doc = rule.doc()
    for section in ("检查内容", "What it checks", "依据"):
        assert section in doc, f"{rule.code} docstring lacks {section}"
    # examples come from the case file and options from the declaration, so that every
    # documented example is executed and every documented option exists
    for section in ("错误示例", "正确示例", "选项 / Options"):
        assert section not in doc, f"{rule.code}: '{section}' belongs in its case file or its options"
    page = (ROOT / "docs" / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
    assert "## 错误示例 / Failing example" in page and "## 正确示例 / Passing example" in page
    for key in rule.options:
        assert f"`{key}`" in page


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)


def test_rule_pages_are_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_plugin_walkthrough_works_as_written(tmp_path, monkeypatch):
    """docs/plugins.md: every code block that starts with a file name comment is written out
    as that file; the plugin is imported from there and its case file is run with the loader,
    so the page a plugin author follows is known to work."""
    import importlib
    import re as _re

    from gipcheck.testing import case_params, run_case

    page = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    written = []
    for _lang, body in _re.findall(r"```(\w+)\n(.*?)```", page, flags=_re.S):
        first = body.split("\n", 1)[0]
        m = _re.match(r"#\s*(\S+\.(?:py|toml|yaml))", first)
        if not m:
            continue
        target = tmp_path / "my-plugin" / m.group(1)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        written.append(m.group(1))
    assert {"my_plugin/plugin.py", "my_plugin/rules/__init__.py", "tests/rules/GIP902.yaml",
            "my_plugin/rules/GIP902_fee_above_limit.py", "tests/test_cases.py"} <= set(written)
    (tmp_path / "my-plugin" / "my_plugin" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "my-plugin"))
    plugin = importlib.import_module("my_plugin.plugin")
    params = case_params(tmp_path / "my-plugin" / "tests" / "rules")
    assert len(params) == 3
    for p in params:
        run_case(p.values[0], plugins=[plugin])
    # and the scaffold's own output is a loadable rule with a case file
    import subprocess
    import sys

    dest, cases = tmp_path / "scaffold" / "rules", tmp_path / "scaffold" / "cases"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_rule.py"), "GIP903", "some-check",
                           "--dest", str(dest), "--cases", str(cases)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (dest / "GIP903_some_check.py").is_file() and (cases / "GIP903.yaml").is_file()
    spec = importlib.util.spec_from_file_location("scaffolded", dest / "GIP903_some_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.SomeCheck.code == "GIP903" and module.SomeCheck.name == "some-check"
