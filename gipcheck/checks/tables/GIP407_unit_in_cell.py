"""GIP407 unit-in-cell."""

from __future__ import annotations

from ...textutil import LIST_SEP
from ..base import Rule
from ._common import aligned_cells, cell_place


class UnitInCell(Rule):
    """检查内容：单元格中写了该栏没有规定的单位（如计数栏写“件”，万元栏写“元”）。

    What it checks: a unit written in a cell that its column does not take: "件" in a count
    column (noted, info), "元" in a 万元 column (warning: the amount is probably off by 10,000).
    A unit the column allows (采购总金额 "3292078元") is fine.

    依据 / Why: 规范第 8.2 节与第 9 节 I-11：2021 格式“本年收费金额”的单位是万元。
    """

    code = "GIP407"
    name = "unit-in-cell"
    summary = "单元格中的单位与该栏不符"
    summary_en = "a unit in a cell that its column does not take"
    default_severity = "info"
    messages = {
        "unit": ("{where}写有单位“{unit}”；该栏{expect}", "{where} carries the unit '{unit}'; the column {expect}"),
        "expect.units": ("的单位是{units}，数值可能差了单位换算", "is in {units_en}; the value may be off by the unit"),
        "expect.number": ("只填数字", "takes a number only"),
    }

    def check(self, ctx):
        for table, row, col, cell in aligned_cells(ctx):
            if not cell.unit or cell.unit in col.units:
                continue
            if col.units:
                yield ctx.report("unit", cell.start, cell.end, severity="warning", where=cell_place(ctx, table, row, col),
                                 unit=cell.unit, expect=ctx.text("expect.units", units=LIST_SEP.join(col.units),
                                                                  units_en=", ".join(col.units)))
            else:
                yield ctx.report("unit", cell.start, cell.end, where=cell_place(ctx, table, row, col), unit=cell.unit,
                                 expect=ctx.text("expect.number"))
