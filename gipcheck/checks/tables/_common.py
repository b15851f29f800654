"""Helpers shared by the tables rules."""

from __future__ import annotations

from ...textutil import cut_before_note
from ..base import Rule

# How messages name a table and a cell (the same in both languages: the template's own words).
PLACE_MESSAGES = {
    "title": "表{number}（{name}）",
    "cell": "表{table}“{row}”行“{column}”列",
    "flat": "表{table}“{column}”",
}


def short(ctx, label: str, limit: int = 14) -> str:
    """A row label for messages: its words before any bracketed explanation the profile names
    (``wording.label_notes``: （区分处理的…）), at most ``limit`` characters."""
    label = cut_before_note(label, ctx.profile.wording.label_notes)
    return label if len(label) <= limit else label[:limit] + "…"


def table_title(spec) -> str:
    return PLACE_MESSAGES["title"].format(number=spec.number, name=spec.name)


def outdated(ctx) -> bool:
    """The report uses another era's table template (GIP408): row checks would only repeat it."""
    return bool(ctx.facts.template_signals.foreign)


def aligned_cells(ctx):
    """Every aligned cell with its column spec and row: (table, row, column spec, cell)."""
    for table in ctx.facts.tables.values():
        for row in table.rows.values():
            if row.cells is None:
                continue
            for col, cell in zip(table.columns_of(row.spec.id), row.cells):
                yield table, row, col, cell


def cell_place(ctx, table, row, col) -> str:
    """Where a cell is, in the template's words: 表三“（一）予以公开”行“自然人”列."""
    if table.spec.flat:
        return PLACE_MESSAGES["flat"].format(table=table.spec.number, column=col.label)
    return PLACE_MESSAGES["cell"].format(table=table.spec.number, row=short(ctx, row.spec.label), column=col.label)


class CellRule(Rule):
    """A rule about single cells: reports message ``cell_message`` at every aligned cell for
    which ``flags(cell, column)`` is true, naming the cell's place and its raw text."""

    cell_message = ""

    def flags(self, cell, col) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def message(self, cell) -> tuple[str, dict]:
        """The message key and its arguments (besides ``where``) for a flagged cell."""
        return self.cell_message, {"raw": cell.raw}

    def check(self, ctx):
        for table, row, col, cell in aligned_cells(ctx):
            if self.flags(cell, col):
                key, args = self.message(cell)
                yield ctx.report(key, cell.start, cell.end, where=cell_place(ctx, table, row, col), **args)
