"""GIP402 table-rows-missing."""

from __future__ import annotations

from ..base import Rule
from ._common import outdated, short, table_title


class TableRowsMissing(Rule):
    """检查内容：统计表中是否缺少格式规定的行（按行名识别，允许标注、截断和换行）。

    What it checks: rows of a standard table that the template requires but the text lacks.
    Rows are found by their labels (folded, by prefix, truncated prefix or fragment), in every
    layout: pipe rows, one cell per line, tabs, markdown, PDF text.

    依据 / Why: 表格的行由格式固定（规范第 6、7 节）；少了行，勾稽关系也无法核对。
    """

    code = "GIP402"
    name = "table-rows-missing"
    summary = "统计表缺少行"
    summary_en = "rows of a standard table are missing"
    default_severity = "warning"
    messages = {
        "rows": ("{table}缺少{count}行：{rows}", "{table_en} lacks {count} row(s): {rows}"),
        "unplaced": ("{table}未读到{count}行：{rows}；表中另有{orphans}行数字没有行名，可能是这些行的数字与行名分开了"
                     "（常见于从 PDF 复制的表格），请核对",
                     "{table_en}: {count} row(s) not read: {rows}; {orphans} row(s) of numbers have no label"
                     " (labels and numbers may have been separated, as in text copied from a PDF)"),
        "sep": ("、", "、"),
    }

    def check(self, ctx):
        if outdated(ctx):
            return
        for tid, table in ctx.facts.tables.items():
            if not table.found or not table.missing or ctx.truncated and not table.section_closed:
                continue
            first = next((r.label for r in table.rows.values() if r.label is not None), None)
            s, e = (first.start, first.end) if first else (table.start, table.start)
            rows = ctx.text("sep").join(short(ctx, r.label) for r in table.missing)
            if table.unplaced:
                # the rows may be there with their labels apart from their numbers: only a note
                yield ctx.report("unplaced", s, e, severity="info", table=table_title(table.spec),
                                 table_en=table.spec.name_en, count=len(table.missing), rows=rows,
                                 orphans=table.unplaced, fingerprint_extra=tid)
                continue
            yield ctx.report("rows", s, e, table=table_title(table.spec), table_en=table.spec.name_en,
                             count=len(table.missing), rows=rows, fingerprint_extra=tid)
