"""GIP408 outdated-template."""

from __future__ import annotations

from ..base import Rule


class OutdatedTemplate(Rule):
    """检查内容：统计表使用了其他时期的格式，例如 2021 年起的报告仍用 2019 年格式（本年新制作数量、
    上一年项目数量、第二十条第（九）项）；2019—2020 年的报告用了 2021 年的栏目；或 2018 年及以前的报告
    出现 2019 年起才有的表格。

    What it checks: the tables use another era's template: a 2021+ report with the 2019 labels
    (本年新制作数量, 上一年项目数量, 第二十条第（九）项 …), a 2019–2020 report with the 2021
    labels, or a report on 2018 or earlier with the 2019+ tables. Two labels of the other era
    are needed, so a single word in prose does not trigger it.

    依据 / Why: 适用格式取决于报告年度（规范第 4 节）：2019—2020 年按国办公开办函〔2019〕60号，
    2021 年起按国办公开办函〔2021〕30号。
    """

    code = "GIP408"
    name = "outdated-template"
    summary = "统计表使用了其他时期的格式"
    summary_en = "the tables follow another era's template"
    default_severity = "error"
    messages = {
        "foreign": ("{year}年度报告应使用{expected}，但统计表使用了{era}格式的栏目：{labels}",
                    "a report on {year} should use {expected_en}, but its tables use the {era_en} labels: {labels}"),
        "this-year": ("本", "本"),
        "sep": ("、", "、"),
    }

    def check(self, ctx):
        sig = ctx.facts.template_signals
        if not sig.foreign:
            return
        era = sig.foreign[0][0]
        ry = ctx.facts.report_year
        year = ry.year if ry else ctx.text("this-year")
        # what this era's report should use: the profile's format, or its own words for an era
        # without national tables (the 2008 regulation)
        tpl = ctx.profile.template
        expected = tpl.expected or ctx.profile.name
        expected_en = tpl.expected_en or ctx.profile.name_en
        other = ctx.facts.profiles.era_profile(era)
        era_zh = other.template.era_label if other is not None and other.template.era_label else era
        era_en = other.template.era_label_en if other is not None and other.template.era_label_en else era
        s, e = sig.foreign[0][1], sig.foreign[0][2]
        labels = ctx.text("sep").join(dict.fromkeys(label for _, _, _, label in sig.foreign))
        yield ctx.report("foreign", s, e, year=year, expected=expected, expected_en=expected_en,
                         era=era_zh, era_en=era_en, labels=labels)
