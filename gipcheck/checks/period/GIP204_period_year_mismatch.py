"""GIP204 period-year-mismatch."""

from __future__ import annotations

from ..base import Rule


class PeriodYearMismatch(Rule):
    """检查内容：统计期限的年份与报告年度（标题中的年份）是否一致。

    What it checks: the year of the statistics period equals the report year from the title
    (or from the introduction when there is no title).

    依据 / Why: Y年度报告统计的是Y年的数据（规范第 10.3 节）；年份不符通常是套用上一年
    报告时漏改。
    """

    code = "GIP204"
    name = "period-year-mismatch"
    summary = "统计期限年份与报告年度不符"
    summary_en = "the period's year differs from the report year"
    default_severity = "error"
    messages = {
        "mismatch": ("统计期限的年份是{found}年，但报告年度（{source}）是{year}年",
                     "the statistics period is in {found}, but the report year ({source}) is {year}"),
        "source.title": ("标题", "title"),
        "source.preamble": ("引言", "preamble"),
        "source.majority": ("正文中多数句子所说的年份", "the year most of the body speaks of"),
        "source.signature": ("落款日期", "the signature date"),
    }

    def check(self, ctx):
        ry = ctx.facts.report_year
        if ry is None or ry.source == "period":
            return
        key = f"source.{ry.source}"
        src = ctx.text(key) if key in self.messages else ry.source
        for p in ctx.facts.periods:
            years = {d[0] for d in (p.first.date, p.last.date) if d is not None}
            if not years and p.first.text[:4].isdigit():
                years = {int(p.first.text[:4])}
            for found in sorted(years):
                if found != ry.year:
                    yield ctx.report("mismatch", p.start, p.end, found=found, year=ry.year,
                                     source=src)
                    break
