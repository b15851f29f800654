"""GIP504 total-blank."""

from __future__ import annotations

from ._identity import IdentityRule


class TotalBlank(IdentityRule):
    """检查内容：合计单元格（表三“总计”列、表四“总计”）空着，而它的各项不全为 0。

    What it checks: a total cell left blank while its parts are not all zero. A blank total
    whose parts are all zero is fine (blank counts as zero).

    依据 / Why: 规范第 8.1 节：空白合计而分项不为零，报 warning（“missing total”）。
    """

    code = "GIP504"
    name = "total-blank"
    summary = "合计单元格空白"
    summary_en = "a total cell is blank"
    default_severity = "warning"
    identities = ("I-3", "I-6")
    messages = {"blank": ("{where}的总计空白，但各项之和为{sum}；请填写总计",
                          "{where}: the total is blank but its parts sum to {sum}")}
