"""gipcheck — a compliance linter for 政府信息公开工作年度报告.

Public API for embedding and for plugin authors::

    from gipcheck import Linter, hookimpl
    result = Linter().lint_text(text, path="report.txt")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Linter", "hookimpl", "__version__"]


def __getattr__(name):  # lazy: keep `gipcheck --version` and start-up fast
    if name == "Linter":
        from .engine import Linter

        return Linter
    if name == "hookimpl":
        from .hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
