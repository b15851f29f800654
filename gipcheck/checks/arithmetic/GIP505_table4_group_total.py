"""GIP505 table4-group-total."""

from __future__ import annotations

from ._identity import IdentityRule


class Table4GroupTotal(IdentityRule):
    """检查内容：表四三组（行政复议、未经复议直接起诉、复议后起诉）各自的“总计”等于
    结果维持 + 结果纠正 + 其他结果 + 尚未审结。

    What it checks: in each of table 四's three groups, 总计 = 结果维持 + 结果纠正 + 其他结果 +
    尚未审结.

    依据 / Why: 规范第 9.2 节 I-6：error。表四与表三之间没有勾稽关系，不作比较。
    """

    code = "GIP505"
    name = "table4-group-total"
    summary = "表四分组总计不符"
    summary_en = "a table 四 group total is wrong"
    default_severity = "error"
    identities = ("I-6",)
    messages = {"rows": ("{where}为{total}，但结果维持、结果纠正、其他结果、尚未审结之和为{sum}（{parts}）",
                         "{where} is {total} but upheld + corrected + other + pending = {sum} ({parts})")}
