"""The plugin's rule cases, run by gipcheck's own case loader (python -m pytest in this folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gipcheck.testing import case_params, run_case
from gipcheck_example import plugin


@pytest.mark.parametrize("case", case_params(Path(__file__).parent / "rules"))
def test_rule_case(case):
    run_case(case, plugins=[plugin])
