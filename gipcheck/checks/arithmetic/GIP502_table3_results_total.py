"""GIP502 table3-results-total."""

from __future__ import annotations

from ._identity import COLUMNS_MESSAGE, IdentityRule


class Table3ResultsTotal(IdentityRule):
    """检查内容：表三每一列“（七）总计”等于各项办理结果（（一）至（六）各行）之和。

    What it checks: for every column of table 三, （七）总计 equals the sum of all result rows
    （一）…（六） (in the 2021 format （六） is its three sub-rows).

    依据 / Why: （七）总计是办理结果的合计（规范第 9.1 节 I-2：error）。
    """

    code = "GIP502"
    name = "table3-results-total"
    summary = "表三（七）总计与办理结果之和不符"
    summary_en = "table 三's total differs from the sum of results"
    default_severity = "error"
    identities = ("I-2",)
    messages = {"columns": COLUMNS_MESSAGE}
