"""GIP406 non-integer."""

from __future__ import annotations

from ._common import CellRule


class NonInteger(CellRule):
    """检查内容：计数栏（件数、申请数、案件数）出现小数。金额栏（采购总金额、本年收费金额）可以有小数。

    What it checks: a fractional number in a count column. Amount columns (采购总金额,
    本年收费金额) may be fractional.

    依据 / Why: 规范第 8.2 节、第 9 节 I-4、I-7、I-8。
    """

    code = "GIP406"
    name = "non-integer"
    summary = "计数栏出现小数"
    summary_en = "a fraction in a count column"
    default_severity = "error"
    messages = {"frac": ("{where}为小数（{raw}），该栏应为整数", "{where} is fractional ({raw}); this column"
                         " counts and must be a whole number")}

    cell_message = "frac"

    def flags(self, cell, col) -> bool:
        return cell.kind == "decimal" and not col.decimal and cell.value != int(cell.value)
