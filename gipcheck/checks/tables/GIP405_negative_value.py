"""GIP405 negative-value."""

from __future__ import annotations

from ..base import Rule
from ._common import aligned_cells, cell_place


class NegativeValue(Rule):
    """检查内容：不允许为负数的单元格出现负数（只有 2019 格式表二的“本年增/减”可以为负）。

    What it checks: a negative number in a cell whose column cannot be negative. Only the 2019
    format's 本年增/减 may be negative. A lone "-" is a placeholder, not a sign.

    依据 / Why: 规范第 8.2 节、第 9 节 I-4、I-7、I-8。

    错误示例 / Failing: 表三“自然人”列为“-2”。

    正确示例 / Passing: “行政许可 | 276 | -98 | 26878”（-98 在“本年增/减”列）。
    """

    code = "GIP405"
    name = "negative-value"
    summary = "单元格不应为负数"
    summary_en = "a negative value where none is allowed"
    default_severity = "error"
    messages = {"neg": ("{where}为负数（{raw}），该栏不能为负", "{where} is negative ({raw}); this column"
                        " cannot be negative")}

    def check(self, ctx):
        for table, row, col, cell in aligned_cells(ctx):
            if cell.value is not None and cell.value < 0 and not col.signed:
                yield ctx.report("neg", cell.start, cell.end, where=cell_place(ctx, table, row, col), raw=cell.raw)
