"""GIP501 table3-balance."""

from __future__ import annotations

from ._identity import COLUMNS_MESSAGE, IdentityRule


class Table3Balance(IdentityRule):
    """检查内容：表三每一列“一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理”。

    What it checks: table 三's own identity, printed in its header, for every column:
    new + carried over = total handled + carried forward.

    依据 / Why: 表三表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”
    （国办公开办函〔2019〕60号、〔2021〕30号；规范第 9.1 节 I-1：error）。
    """

    code = "GIP501"
    name = "table3-balance"
    summary = "表三勾稽关系不平衡"
    summary_en = "table 三 does not balance"
    default_severity = "error"
    identities = ("I-1",)
    messages = {"columns": COLUMNS_MESSAGE}
