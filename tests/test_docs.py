"""Every rule documents itself, and docs/rules is generated from those docstrings."""

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
    for section in ("检查内容", "What it checks", "依据", "错误示例", "正确示例"):
        assert section in doc, f"{rule.code} docstring lacks {section}"


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)


def test_rule_pages_are_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
