"""GIP405 negative-value."""

from __future__ import annotations

from ._common import CellRule


class NegativeValue(CellRule):
    """检查内容：不允许为负数的单元格出现负数（只有 2019 格式表二的“本年增/减”可以为负）。

    What it checks: a negative number in a cell whose column cannot be negative. Only the 2019
    format's 本年增/减 may be negative. A lone "-" is a placeholder, not a sign.

    依据 / Why: 规范第 8.2 节、第 9 节 I-4、I-7、I-8。
    """

    code = "GIP405"
    name = "negative-value"
    summary = "单元格不应为负数"
    summary_en = "a negative value where none is allowed"
    default_severity = "error"
    messages = {"neg": ("{where}为负数（{raw}），该栏不能为负", "{where} is negative ({raw}); this column"
                        " cannot be negative")}

    cell_message = "neg"

    def flags(self, cell, col) -> bool:
        return cell.value is not None and cell.value < 0 and not col.signed
