"""GIP208 period-date-invalid."""

from __future__ import annotations

from ..base import Rule


class PeriodDateInvalid(Rule):
    """检查内容：统计期限中的日期不存在（如“2月30日”“13月1日”）。

    What it checks: a date in the statistics period that does not exist (2月30日, 13月1日).

    依据 / Why: 不存在的日期是笔误，期限因此无法确认（规范第 10.3 节：error）。
    """

    code = "GIP208"
    name = "period-date-invalid"
    summary = "统计期限中的日期不存在"
    summary_en = "a date in the statistics period does not exist"
    default_severity = "error"
    messages = {"invalid": ("统计期限中的日期“{text}”不存在", "the date '{text}' in the statistics period"
                            " does not exist")}

    def check(self, ctx):
        for p in ctx.facts.periods:
            for d in (p.first, p.last):
                if d.invalid:
                    yield ctx.report("invalid", p.start, p.end, text=d.text)
