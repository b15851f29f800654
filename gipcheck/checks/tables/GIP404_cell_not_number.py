"""GIP404 cell-not-number."""

from __future__ import annotations

from ._common import CellRule


class CellNotNumber(CellRule):
    """检查内容：统计表的数据单元格是否为数字（空白、“/”“-”“—”“无”视为 0，其他文字不是数字）。

    What it checks: data cells of the standard tables that are not numbers. Blank, "/", "-",
    "—" and "无" count as zero; anything else that is not a number is reported.

    依据 / Why: 表格单元格应为数字（规范第 8、9 节 I-4、I-7、I-8）。
    """

    code = "GIP404"
    name = "cell-not-number"
    summary = "单元格不是数字"
    summary_en = "a table cell is not a number"
    default_severity = "error"
    messages = {"nan": ("{where}的内容“{raw}”不是数字", "{where}: '{raw}' is not a number")}

    cell_message = "nan"

    def flags(self, cell, col) -> bool:
        return cell.kind == "text"
