"""A JSON array of finding objects (path, line, column, end_line, end_column, code, name,
severity, message, plus text and fingerprint)."""

from __future__ import annotations

from . import Formatter, dump_json


class JsonFormatter(Formatter):
    def render(self, results, out) -> None:
        out.write(dump_json([f.as_dict() for r in results for f in r.findings]) + "\n")
