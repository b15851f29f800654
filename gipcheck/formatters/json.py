"""A JSON array of finding objects (path, line, column, end_line, end_column, code, name,
severity, message, plus text and fingerprint)."""

from __future__ import annotations

import json
import re

from . import Formatter

_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class JsonFormatter(Formatter):
    def render(self, results, out) -> None:
        data = [f.as_dict() for r in results for f in r.findings]
        text = json.dumps(data, ensure_ascii=False, indent=2)
        # json escapes C0 controls itself; DEL, C1 controls and bidi overrides would reach a
        # terminal raw with ensure_ascii=False
        out.write(_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
