"""``path:line:col: CODE severity message`` — one finding per line, for editors and grep."""

from __future__ import annotations

from ..textutil import visible
from . import Formatter


class ConciseFormatter(Formatter):
    needs_text = False  # findings only: the runner need not keep the report texts

    def render(self, results, out) -> None:
        for result in results:
            for f in result.findings:
                message = visible(f.message.replace("\n", " "))
                out.write(f"{visible(f.path, keep='')}:{f.line}:{f.column}: {f.code} {f.severity} {message}\n")
