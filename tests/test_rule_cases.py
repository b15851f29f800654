"""The rule case files: tests/rules/GIPnnn.yaml, one per rule, run by gipcheck.testing.

Every rule has at least one failing and one passing case, and the first of each become the
examples on its documentation page (scripts/gen_rule_docs.py).
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, linter
from gipcheck.testing import case_files, case_params, load_cases, run_case

CASES = ROOT / "tests" / "rules"
RULES = linter().all_rules


@pytest.mark.parametrize("case", case_params(CASES))
def test_rule_case(case):
    run_case(case)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_failing_and_passing_cases(rule):
    path = CASES / f"{rule.code}.yaml"
    assert path.is_file(), f"{rule.code} has no case file {path.relative_to(ROOT)}"
    cases = load_cases(path)
    assert all(c.rule == rule.code for c in cases)
    assert any(c.failing for c in cases), f"{rule.code}: no failing case"
    assert any(not c.failing for c in cases), f"{rule.code}: no passing case"


def test_case_files_name_known_rules():
    codes = {r.code for r in RULES}
    for path in case_files(CASES):
        assert path.stem in codes, f"{path.name} names no built-in rule"
        assert all(c.rule == path.stem for c in load_cases(path)), f"{path.name}: rule differs from file name"


def test_rule_files_are_named_by_code_and_name():
    """checks/<family>/GIPnnn_<name>.py holds exactly the rule GIPnnn <name>, in its family."""
    from gipcheck.checks import FAMILY_PACKAGES

    checks = ROOT / "gipcheck" / "checks"
    files = sorted(p for fam in FAMILY_PACKAGES for p in (checks / fam).glob("*.py")
                   if re.match(r"GIP\d{3}_", p.name))
    by_file = {}
    for rule in RULES:
        module = rule.__module__.split(".")
        by_file[(module[-2], module[-1])] = rule
    assert len(files) == len(RULES)
    for path in files:
        rule = by_file[(path.parent.name, path.stem)]
        assert path.stem == f"{rule.code}_{rule.name.replace('-', '_')}", path
        assert FAMILY_PACKAGES.index(path.parent.name) == rule.family(), f"{path} is not in family {rule.family()}"
    # nothing but packages, shared helpers and rule files in checks/
    loose = [p.name for p in checks.glob("*.py") if p.name not in ("__init__.py", "base.py")]
    assert loose == [], f"rule modules outside a family package: {loose}"
