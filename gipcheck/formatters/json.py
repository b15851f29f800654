"""A JSON array of finding objects (path, line, column, end_line, end_column, code, name,
severity, message, plus text and fingerprint; the report's ``agency`` and ``report_year`` when
gipcheck could tell them; where the finding is in the original file)."""

from __future__ import annotations

from . import Formatter, dump_json


class JsonFormatter(Formatter):
    needs_text = False  # findings only: the runner need not keep the report texts

    def render(self, results, out) -> None:
        rows = []
        for r in results:
            about = {}
            if getattr(r, "agency", None):
                about["agency"] = r.agency.get("name")
            if getattr(r, "year", None):
                about["report_year"] = r.year
            for f in r.findings:
                rows.append({**f.as_dict(), **about})
        out.write(dump_json(rows) + "\n")
