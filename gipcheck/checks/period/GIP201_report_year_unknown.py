"""GIP201 report-year-unknown."""

from __future__ import annotations

from ..base import Rule


class ReportYearUnknown(Rule):
    """检查内容：无法确定报告年度（标题、引言和统计期限中都没有年份）。

    What it checks: the report year cannot be determined from the title, the introduction
    or the statistics period. The newest profile is then used; ``--profile`` chooses another.

    依据 / Why: 适用哪种格式取决于报告年度（2018 年及以前按 2008 年条例，2019—2020 年按
    60号格式，2021 年起按 30号格式，规范第 4 节）。
    """

    code = "GIP201"
    name = "report-year-unknown"
    summary = "无法确定报告年度"
    summary_en = "the report year cannot be determined"
    default_severity = "info"
    messages = {
        "unknown": ("无法从标题、引言或统计期限确定报告年度，已按最新格式“{profile}”检查；"
                    "可用 --profile 指定", "the report year cannot be determined from the title,"
                    " introduction or statistics period; checked against the newest profile"
                    " '{profile}' (use --profile to choose)"),
    }

    def check(self, ctx):
        facts = ctx.facts
        if facts.report_year is None and facts.profile_override is None and facts.is_report:
            s, e = ctx.anchor()
            yield ctx.report("unknown", s, e, profile=ctx.profile.id)
