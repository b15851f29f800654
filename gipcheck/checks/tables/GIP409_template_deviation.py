"""GIP409 template-deviation."""

from __future__ import annotations

from ...facts.tables import norm
from ..base import Rule
from ._common import outdated


class TemplateDeviation(Rule):
    """检查内容：2021 年起的报告对格式的局部改动：表三“（六）其他处理”只写一行（应分三项），
    表二用“规范性文件”而非“行政规范性文件”。

    What it checks: local deviations from the 2021 template: table 三's （六）其他处理 as one row
    instead of its three sub-rows (the identities still use it as one term), and table 二's
    old row label 规范性文件 instead of 行政规范性文件.

    依据 / Why: 国办公开办函〔2021〕30号的 Word 模板（规范第 7.2、7.3 节：warning）。
    """

    code = "GIP409"
    name = "template-deviation"
    summary = "统计表与格式有局部出入"
    summary_en = "a local deviation from the table template"
    default_severity = "warning"
    messages = {
        "collapsed": ("表三“（六）其他处理”只有一行；{format}要求分为三项（逾期不补正、逾期未缴费、其他）",
                      "table 三's （六）其他处理 is a single row; {format_en} splits it into three sub-rows"),
        "label": ("表二的行名“{found}”已改为“{expected}”（{format}）", "table 二's row label '{found}' is"
                  " '{expected}' in {format_en}"),
    }

    def check(self, ctx):
        if outdated(ctx):
            return
        profile = ctx.profile
        for table in ctx.facts.tables.values():
            for row in table.rows.values():
                if row.label is None or row.uncertain:
                    continue
                if row.spec.optional and row.spec.replaces:
                    yield ctx.report("collapsed", row.label.start, row.label.end, format=profile.name,
                                     format_en=profile.name_en)
                elif row.spec.variants and norm(row.label.raw) in {norm(v) for v in row.spec.variants}:
                    yield ctx.report("label", row.label.start, row.label.end, found=row.label.raw,
                                     expected=row.spec.label, format=profile.name, format_en=profile.name_en)
