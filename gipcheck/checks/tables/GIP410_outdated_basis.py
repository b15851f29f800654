"""GIP410 outdated-basis."""

from __future__ import annotations

from ..base import Rule


class OutdatedBasis(Rule):
    """检查内容：引言引用的编制依据是否过时或无关：2021 年起的报告引用国办公开办函〔2019〕60号，
    或引用与年度报告格式无关的通知（如关于政府网站的国办函〔2018〕12号）。

    What it checks: the introduction cites an outdated or unrelated basis: a 2021+ report
    citing No. 60 of 2019, a 2019–2020 report citing No. 30 of 2021, or an unrelated notice
    (国办函〔2018〕12号 is about government websites).

    依据 / Why: 规范第 4 节：“Outdated basis (warning)”。
    """

    code = "GIP410"
    name = "outdated-basis"
    summary = "编制依据过时或无关"
    summary_en = "an outdated or unrelated basis is cited"
    default_severity = "warning"
    messages = {
        "cites": ("引言引用了{cited}作为依据；{year}年度报告的格式依据是{expected}",
                  "the introduction cites {cited}; the format for a report on {year} is {expected}"),
        "unrelated": ("引言引用的{cited}是关于政府网站年度报表的通知，不是政府信息公开年度报告的格式依据",
                      "the introduction cites {cited}, a notice on government websites, not the basis of"
                      " this report's format"),
    }

    def check(self, ctx):
        sig = ctx.facts.template_signals
        ry = ctx.facts.report_year
        expected = ctx.profile.template.cites
        for kind, start, end, cited in sig.citations:
            if kind == "unrelated":
                yield ctx.report("unrelated", start, end, cited=cited)
            elif ry is not None and expected:
                yield ctx.report("cites", start, end, cited=cited, year=ry.year, expected=expected)
