"""GIP411 table-not-filled."""

from __future__ import annotations

from ..base import Rule
from ._common import table_title


class TableNotFilled(Rule):
    """检查内容：统计表有表格，但所有数据格都是空的——表格没有填写（常见于直接提交模板）。

    What it checks: a standard table whose data cells are all empty: the template was not
    filled in. (Zeros should be written as 0.)

    依据 / Why: 表格数据是报告的法定内容（条例第五十条）；空表无法核对，也不能说明“没有发生”。
    """

    code = "GIP411"
    name = "table-not-filled"
    summary = "统计表未填写"
    summary_en = "a standard table is not filled in"
    default_severity = "warning"
    messages = {"empty": ("{table}的数据格全部为空，表格未填写；没有发生的事项请填写 0",
                          "all data cells of {table_en} are empty: the table was not filled in; write 0 for none")}

    def check(self, ctx):
        for tid, table in ctx.facts.tables.items():
            if not table.empty or ctx.truncated and not table.section_closed:
                continue  # a table where a cut-off text stops may just lack its rows
            first = next((r.label for r in table.rows.values() if r.label is not None), None)
            if first is not None:
                s, e = first.start, first.end
            else:
                block = ctx.facts.sections.blocks_for(table.spec.section)
                s, e = (block[0].heading.start, block[0].heading.end) if block else (table.start, table.start)
            yield ctx.report("empty", s, e, table=table_title(table.spec), table_en=table.spec.name_en,
                             fingerprint_extra=tid)
