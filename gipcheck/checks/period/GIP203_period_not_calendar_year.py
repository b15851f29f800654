"""GIP203 period-not-calendar-year."""

from __future__ import annotations

from ..base import Rule
from ._common import _fmt, _fmt_en


class PeriodNotCalendarYear(Rule):
    """检查内容：统计期限是否为完整的自然年（Y年1月1日至Y年12月31日）。

    What it checks: the stated period covers the whole calendar year: Y-01-01 to Y-12-31.
    For 2008, a start on 2008-05-01 (the day the regulation took effect) is accepted too.

    依据 / Why: 年度报告统计的是上一年度 1月1日至12月31日的工作（规范第 10.1 节；四川
    DB51/T 2660—2019 第 2.1 条）。期限不完整时，数据与其他报告不可比。机构年中设立或撤销时
    期限可以合理地不完整，这时可以对该文件关闭本规则（``--ignore GIP203``）。
    """

    code = "GIP203"
    name = "period-not-calendar-year"
    summary = "统计期限不是完整的自然年"
    summary_en = "the statistics period is not the whole calendar year"
    default_severity = "error"
    messages = {
        "partial": ("统计期限为{start}至{end}，不是完整的自然年；应为{year}年1月1日至{year}年12月31日",
                    "the statistics period runs from {start_en} to {end_en}, not the whole calendar"
                    " year; expected {year}-01-01 to {year}-12-31"),
        "order": ("统计期限的起始日{start}晚于终止日{end}", "the statistics period starts ({start_en})"
                  " after it ends ({end_en})"),
    }

    def check(self, ctx):
        for p in ctx.facts.periods:
            if not p.readable:
                continue
            a, b = p.first.date, p.last.date
            y = a[0]
            args = dict(start=_fmt(a), end=_fmt(b), start_en=_fmt_en(a), end_en=_fmt_en(b), year=y)
            if a > b:
                yield ctx.report("order", p.start, p.end, **args)
                continue
            ok_starts = {tuple(int(x) for x in s.split("-")) for s in ctx.profile.period.starts(y) or ["01-01"]}
            ok_starts.add((1, 1))
            if (a[1], a[2]) not in ok_starts or b != (y, 12, 31):
                yield ctx.report("partial", p.start, p.end, **args)
