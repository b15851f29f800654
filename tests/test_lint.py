"""The project's own code passes ruff with the configuration in pyproject.toml ([tool.ruff]):
every ``# noqa`` comment in the code is one ruff checks (RUF100 reports unused ones)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def test_ruff_passes():
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(ROOT / ".venv" / "bin"))
    if ruff is None:
        try:
            import ruff as _ruff  # noqa: F401 - installed with the test extras
        except ImportError:
            pytest.fail("ruff is not installed: pip install -e '.[test]'")
        cmd = [sys.executable, "-m", "ruff"]
    else:
        cmd = [ruff]
    proc = subprocess.run([*cmd, "check", "--output-format", "concise", "gipcheck", "scripts", "tests", "plugins"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
