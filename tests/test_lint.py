"""The project's own code passes ruff with the configuration in pyproject.toml ([tool.ruff]):
every ``# noqa`` comment in the code is one ruff checks (RUF100 reports unused ones)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def test_ruff_passes():
    # the ruff of this environment (pinned by the test extras) before any other on PATH
    try:
        import ruff  # noqa: F401 - installed with the test extras
        cmd = [sys.executable, "-m", "ruff"]
    except ImportError:
        found = shutil.which("ruff")
        if found is None:
            pytest.fail("ruff is not installed: pip install -e '.[test]'")
        cmd = [found]
    proc = subprocess.run([*cmd, "check", "--output-format", "concise", "gipcheck", "scripts", "tests", "plugins"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
