"""GIP108 missing-title."""

from __future__ import annotations

from ..base import Rule


class MissingTitle(Rule):
    """检查内容：未识别到报告标题（“××× 20XX 年政府信息公开工作年度报告”）。

    What it checks: no report title was recognised before the first section.

    依据 / Why: 标题是判断报告年度的首要依据（规范第 5.4 节）。从网页复制时标题常常丢失，
    此时报告年度改由引言或统计期限推断，因此只作提示。
    """

    code = "GIP108"
    name = "missing-title"
    summary = "未识别到报告标题"
    summary_en = "no report title found"
    default_severity = "info"
    messages = {
        "title": ("未识别到报告标题（应为“机关名称＋年度＋政府信息公开工作年度报告”）；{year}",
                  "no report title found (expected '<agency><year>年政府信息公开工作年度报告'); {year}"),
        "year.unknown": ("报告年度无法确定", "the report year cannot be determined"),
        "year.inferred": ("报告年度按{source}推断为{year}年", "report year {year} taken from the {source}"),
        "source.preamble": ("引言", "preamble"),
        "source.period": ("统计期限", "period"),
        "source.body": ("正文开头", "body"),
        "source.majority": ("正文中多数句子所说的年份", "the year most of the body speaks of"),
        "source.signature": ("落款日期", "the signature date"),
    }

    def check(self, ctx):
        tree = ctx.tree
        if tree.title or not tree.sections:
            return
        ry = ctx.facts.report_year
        if ry is None:
            year = ctx.text("year.unknown")
        else:
            key = f"source.{ry.source}"
            year = ctx.text("year.inferred", year=ry.year, source=ctx.text(key) if key in self.messages else ry.source)
        s, e = ctx.anchor()
        yield ctx.report("title", s, e, year=year)
