"""Output formats. Each formatter renders a list of FileResult to a text stream.

Formats are registered through the ``gipcheck_formatters`` hook (a registry, not an
if-chain), so plugins can add SARIF, JUnit and so on.
"""

from __future__ import annotations

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


class Formatter:
    def __init__(self, *, lang: str = "zh", color: bool = False):
        self.lang = lang
        self.color = color

    def render(self, results, out) -> None:  # pragma: no cover - interface
        raise NotImplementedError
