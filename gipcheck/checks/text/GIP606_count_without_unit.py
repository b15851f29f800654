"""GIP606 count-without-unit."""

from __future__ import annotations

from ...facts.sentences import counts_without_unit
from ..base import Rule


class CountWithoutUnit(Rule):
    """检查内容：统计数字在句末或分句末尾丢了量词（“主动公开政府信息260余”后面没有“条”），
    多半是编辑时删掉了一部分文字。

    What it checks: a count at the end of a clause without its unit ("主动公开政府信息260余"
    with no 条 after it): part of the sentence was probably lost in editing. Only counts right
    after what is counted (信息, 文件, 申请) following a verb of publishing or handling are read;
    zero is left alone (0 needs no unit).

    依据 / Why: 规范第 12 节 D14：残缺的句子是常见的文字错误，只作提示（info）。
    """

    code = "GIP606"
    name = "count-without-unit"
    summary = "数字缺少量词"
    summary_en = "a count lost its unit"
    default_severity = "info"
    messages = {"unit": ("“{number}”后面缺少量词（如“条”“件”），句子可能不完整",
                         "the count '{number}' has no unit (such as 条 or 件); the sentence may be incomplete")}

    def check(self, ctx):
        for start, end, number in counts_without_unit(ctx.facts):
            yield ctx.report("unit", start, end, number=number)
