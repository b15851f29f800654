"""GIP503 table3-row-total."""

from __future__ import annotations

from ._identity import IdentityRule


class TableRowTotal(IdentityRule):
    """检查内容：表三每一行的“总计”等于六类申请人（自然人、商业企业、科研机构、社会公益组织、
    法律服务机构、其他）之和。

    What it checks: in every row of table 三, 总计 equals the sum of the six applicant columns.
    A blank 总计 with non-zero parts is GIP504 instead.

    依据 / Why: 规范第 9.1 节 I-3：error。
    """

    code = "GIP503"
    name = "table3-row-total"
    summary = "表三行总计与各类申请人之和不符"
    summary_en = "a table 三 row total differs from its applicant columns"
    default_severity = "error"
    identities = ("I-3",)
    messages = {"rows": ("{where}总计为{total}，但各类申请人之和为{sum}（{parts}）",
                         "{where}: 总计 is {total} but the applicant columns sum to {sum} ({parts})")}
