"""GIP202 period-missing."""

from __future__ import annotations

from ..base import Rule


class PeriodMissing(Rule):
    """检查内容：报告中没有说明统计期限（“本报告中所列数据的统计期限自……起至……止”）。

    What it checks: no sentence states the statistics period. The whole text is searched,
    including the last section, and line breaks inside the sentence are allowed.

    依据 / Why: 统计期限应为报告年度的 1月1日至12月31日（规范第 10 节，DB51/T 2660—2019
    第 2.1 条）；不写明期限，读者无法判断数据口径。惯例要求，故为 warning。
    """

    code = "GIP202"
    name = "period-missing"
    summary = "未说明统计期限"
    summary_en = "no statistics period is stated"
    default_severity = "warning"
    messages = {
        "missing": ("未找到统计期限说明；应写明“本报告中所列数据的统计期限自{year}1月1日起至{year}12月31日止”{note}",
                    "no statistics period is stated; expected a sentence such as"
                    " '本报告中所列数据的统计期限自{year}1月1日起至{year}12月31日止'{note_en}"),
        "year.known": ("{year}年", "{year}年"),
        "year.unknown": ("本年度", "本年度"),
    }

    def check(self, ctx):
        facts = ctx.facts
        if facts.periods or not facts.is_report:
            return
        sev = ctx.profile.period.required or ctx.severity
        truncated = ctx.truncated or not facts.tree.sections
        ry = facts.report_year
        pre = facts.tree.preamble  # where the period sentence usually stands
        s, e = ctx.opening(pre[0].start, pre[0].end) if pre else ctx.anchor()
        yield ctx.report("missing", s, e, severity="info" if truncated else sev,
                         year=ctx.text("year.known", year=ry.year) if ry else ctx.text("year.unknown"),
                         **ctx.note_if(truncated))
