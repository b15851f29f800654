"""A JSON array of finding objects (path, line, column, end_line, end_column, code, name,
severity, message, plus text and fingerprint)."""

from __future__ import annotations

import json

from . import Formatter


class JsonFormatter(Formatter):
    def render(self, results, out) -> None:
        data = [f.as_dict() for r in results for f in r.findings]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
