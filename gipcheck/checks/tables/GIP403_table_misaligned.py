"""GIP403 table-misaligned."""

from __future__ import annotations

from ..base import Rule
from ._common import outdated, short, table_title


class TableMisaligned(Rule):
    """检查内容：统计表中单元格数与格式不符、无法对齐的行（多出或缺少单元格）。

    What it checks: rows whose number of cells does not fit the template (extra non-empty
    cells, or too few). They are reported once per table and left out of every arithmetic
    check, so that no identity is built on a misaligned column.

    依据 / Why: 列由格式固定（规范第 6、7 节）；错位的行无法可靠读取。
    """

    code = "GIP403"
    name = "table-misaligned"
    summary = "统计表的行无法对齐"
    summary_en = "table rows cannot be aligned"
    default_severity = "warning"
    messages = {
        "rows": ("{table}有{count}行无法与格式对齐（未参与核对）：{rows}",
                 "{table_en}: {count} row(s) do not fit the template's columns and were not checked: {rows}"),
        "row": ("{row}（应有{want}格，读到{found}格）", "{row}（应有{want}格，读到{found}格）"),
        "sep": ("；", "；"),
    }

    def check(self, ctx):
        truncated = ctx.facts.truncated_at
        for tid, table in ctx.facts.tables.items():
            bad = [r for r in table.rows.values() if r.cells is None]
            if truncated is not None:
                # the row the text stops in is cut off, not misaligned: too few cells, or one too
                # many (the number that opens the next row's label, "2" of "2.其他法律…")
                bad = [r for r in bad if not (r.label and r.label.start >= truncated[0] - 400
                                              and (r.problem == "short" or r.found == len(table.columns_of(r.spec.id)) + 1))]
            if not bad or outdated(ctx) and tid == "t2":
                continue
            n = len(table.spec.columns) if not table.spec.blocks else None
            parts = []
            for r in bad:
                want = n if n is not None else len(table.columns_of(r.spec.id))
                parts.append(ctx.text("row", row=short(ctx, r.spec.label), want=want, found=r.found))
            anchor = next((r.label for r in bad if r.label is not None), None)
            s, e = (anchor.start, anchor.end) if anchor else (table.start, table.start)
            # rows of numbers without labels elsewhere in the table: labels and numbers were
            # separated (PDF text), so the row may be whole in the report: only a note
            yield ctx.report("rows", s, e, severity="info" if table.unplaced else None,
                             table=table_title(table.spec), table_en=table.spec.name_en,
                             count=len(bad), rows=ctx.text("sep").join(parts), fingerprint_extra=tid)
