"""Helpers shared by the tables rules."""

from __future__ import annotations

import re


def short(label: str, limit: int = 14) -> str:
    """A row label for messages: its words before any bracketed explanation."""
    text = re.split(r"[（(]区分|[（(]只计", label)[0]
    return text if len(text) <= limit else text[:limit] + "…"


def table_title(spec) -> str:
    return f"表{spec.number}（{spec.name}）"


def outdated(ctx) -> bool:
    """The report uses another era's table template (GIP406): row checks would only repeat it."""
    return bool(ctx.facts.template_signals.foreign)


def aligned_cells(ctx):
    """Every aligned cell with its column spec and row: (table, row, column spec, cell)."""
    for table in ctx.facts.tables.values():
        for row in table.rows.values():
            if row.cells is None:
                continue
            for col, cell in zip(table.columns_of(row.spec.id), row.cells):
                yield table, row, col, cell


def _where(table, row, col) -> str:
    if table.spec.flat:
        return f"表{table.spec.number}“{col.label}”"
    return f"表{table.spec.number}“{short(row.spec.label)}”行“{col.label}”列"
