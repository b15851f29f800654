"""``path:line:col: CODE severity message`` — one finding per line, for editors and grep."""

from __future__ import annotations

from . import Formatter


class ConciseFormatter(Formatter):
    def render(self, results, out) -> None:
        for result in results:
            for f in result.findings:
                message = f.message.replace("\n", " ")
                out.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity} {message}\n")
