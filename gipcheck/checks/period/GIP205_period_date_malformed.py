"""GIP205 period-date-malformed."""

from __future__ import annotations

from ...facts.period import GARBLED_YEAR
from ..base import Rule
from ._common import _fmt, _fmt_en


class PeriodDateMalformed(Rule):
    """检查内容：统计期限中的日期丢失了“年/月/日”字样（如“自201811日起至20181231日止”）。

    What it checks: a date in the statistics period lost its 年/月/日 characters in
    conversion. When the digits allow only one reading it is shown (201811日 → 2018年1月1日);
    otherwise the period is reported as unverifiable. No "period missing" finding is added.

    依据 / Why: 网页转换常把“年”“月”吞掉，期限因而无法确认（规范第 10.3 节：warning）。
    """

    code = "GIP205"
    name = "period-date-malformed"
    summary = "统计期限中的日期残缺"
    summary_en = "a date in the statistics period is malformed"
    default_severity = "warning"
    messages = {
        "read": ("统计期限中的日期丢失了“年/月/日”字样：“{text}”，按数字只能读作{start}至{end}，请补全",
                 "a date in the statistics period lost its 年/月/日 characters: '{text}' can only be"
                 " read as {start_en} to {end_en}; please write it out in full"),
        "unverifiable": ("统计期限中的日期丢失了“年/月/日”字样：“{text}”，无法确定期限，请补全",
                         "a date in the statistics period lost its 年/月/日 characters: '{text}';"
                         " the period cannot be confirmed"),
        "garbled-year": ("统计期限中日期“{text}”的年份有误（不是四位数字），无法确定期限，请改正",
                         "the year of the date '{text}' in the statistics period is garbled (not four"
                         " digits); the period cannot be confirmed"),
    }

    def check(self, ctx):
        for p in ctx.facts.periods:
            if not p.malformed:
                continue
            text = "”“".join(d.text for d in (p.first, p.last) if d.malformed)
            if p.readable:
                a, b = p.first.date, p.last.date
                yield ctx.report("read", p.start, p.end, text=text, start=_fmt(a), end=_fmt(b),
                                 start_en=_fmt_en(a), end_en=_fmt_en(b))
            elif any(GARBLED_YEAR.match(d.text) for d in (p.first, p.last) if d.malformed):
                yield ctx.report("garbled-year", p.start, p.end, text=text)
            else:
                yield ctx.report("unverifiable", p.start, p.end, text=text)
