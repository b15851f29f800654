"""GIP206 date-malformed."""

from __future__ import annotations

from ...textutil import digits_like
from ..base import Rule
from ._common import _fmt


class DateMalformed(Rule):
    """检查内容：正文中丢失了“年/月/日”字样的日期，如“20186月”“516日”“截止1231日”、落款“2019131”。

    What it checks: dates elsewhere in the text that lost 年/月/日 in conversion ("20186月",
    "516日", a closing date "2019131"). Only digit runs next to 月/日 (or a closing-date line)
    whose digits form a valid date are reported; "15日" and "180日内" are not.

    依据 / Why: 残缺日期使读者无法确认时间（规范第 12 节 D14）。统计期限中的残缺日期由
    GIP205 报告，同一处不重复报告。

    修正 / Fix: 只有一种读法的日期，补上“年/月/日”是确定的修正（编辑器中的快速修复、SARIF 的
    fixes）；有两种读法（如“2018111日”）时不给修正。
    """

    code = "GIP206"
    name = "date-malformed"
    summary = "日期残缺（丢失年/月/日）"
    summary_en = "a date lost its 年/月/日 characters"
    default_severity = "warning"
    messages = {
        "ym": ("日期“{text}”丢失了“年”字，应为“{y}年{m}月”", "the date '{text}' lost its 年: expected"
               " '{y}年{m}月'"),
        "ymd": ("日期“{text}”丢失了“年/月”字样{reading}", "the date '{text}' lost its 年/月 characters{reading}"),
        "md": ("日期“{text}”丢失了“月”字{reading}", "the date '{text}' lost its 月{reading}"),
        "closing": ("落款日期“{text}”丢失了“年/月/日”字样{reading}", "the closing date '{text}' lost its"
                    " 年/月/日 characters{reading}"),
        "reading": ("，应为“{date}”", "; expected '{date}'"),
        "reading.none": ("，无法确定日期", "; the date cannot be determined"),
        "month-day": ("{0}月{1}日", "{0}月{1}日"),
        "year-month": ("{0}年{1}月", "{0}年{1}月"),
    }

    def check(self, ctx):
        # a date with exactly one reading has a certain fix: the same date written out
        for d in ctx.facts.malformed_dates:
            r = d.reading
            if d.kind == "year-month":
                yield ctx.report("ym", d.start, d.end, text=d.text, y=r[0], m=r[1],
                                 fix=digits_like(ctx.text("year-month", *r), d.text))
            elif d.kind in ("year-month-day", "closing-date"):
                reading = ctx.text("reading", date=_fmt(r)) if r else ctx.text("reading.none")
                key = "closing" if d.kind == "closing-date" else "ymd"
                yield ctx.report(key, d.start, d.end, text=d.text, reading=reading,
                                 fix=digits_like(_fmt(r), d.text) if r else None)
            elif d.kind == "month-day":
                day = ctx.text("month-day", *r[:2]) if r else None
                reading = ctx.text("reading", date=day) if r else ctx.text("reading.none")
                yield ctx.report("md", d.start, d.end, text=d.text, reading=reading,
                                 fix=digits_like(day, d.text) if day else None)
