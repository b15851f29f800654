"""GIP404 cell-not-number."""

from __future__ import annotations

from ...facts.tables import digit_count
from ...textutil import MAX_DIGITS
from ._common import CellRule


class CellNotNumber(CellRule):
    """检查内容：统计表的数据单元格是否为数字（空白、“/”“-”“—”“无”视为 0，其他文字不是数字）；
    超过 15 位的数字不可能是件数或金额，单独说明，不参与计算。

    What it checks: data cells of the standard tables that are not numbers. Blank, "/", "-",
    "—" and "无" count as zero; anything else that is not a number is reported. A number of more
    than 15 digits cannot be a count or an amount: it is reported as such and left out of sums.

    依据 / Why: 表格单元格应为数字（规范第 8、9 节 I-4、I-7、I-8）。
    """

    code = "GIP404"
    name = "cell-not-number"
    summary = "单元格不是数字"
    summary_en = "a table cell is not a number"
    default_severity = "error"
    messages = {"nan": ("{where}的内容“{raw}”不是数字", "{where}: '{raw}' is not a number"),
                "huge": ("{where}的数字“{raw}”有{digits}位，超出任何件数或金额的范围，未参与计算；请核对是否误填",
                         "{where}: '{raw}' has {digits} digits, beyond any count or amount; it was left out of"
                         " the sums; check what was meant")}

    cell_message = "nan"

    def flags(self, cell, col) -> bool:
        return cell.kind == "text"

    def message(self, cell) -> tuple[str, dict]:
        digits = digit_count(cell.raw)
        if digits <= MAX_DIGITS:
            return "nan", {"raw": cell.raw}
        raw = cell.raw.strip()
        return "huge", {"raw": raw if len(raw) <= 24 else raw[:12] + "…" + raw[-4:], "digits": f"{digits:,}"}
