"""GIP106 section-order."""

from __future__ import annotations

from ..base import Rule


class SectionOrder(Rule):
    """检查内容：章节顺序是否符合年度报告格式（一、总体情况 … 六、其他需要报告的事项）。

    What it checks: the template's sections appear in the template's order.

    依据 / Why: 国办公开办函〔2019〕60号和〔2021〕30号的格式规定了六个章节的顺序；顺序
    打乱不影响内容，但不符合“格式规范”，且不便比对（规范第 5.1 节：warning）。2018 年及以前的
    报告没有统一顺序，不检查。
    """

    code = "GIP106"
    name = "section-order"
    summary = "章节顺序与格式不一致"
    summary_en = "sections are out of the template's order"
    default_severity = "warning"
    messages = {
        "order": ("章节“{this}”出现在“{prev}”之后，格式规定它是第{number}部分，应排在前面",
                  "section '{this}' comes after '{prev}', but the format makes it part {number},"
                  " which comes earlier"),
    }

    def check(self, ctx):
        profile = ctx.profile
        if not profile.ordered:
            return
        numbers = [b.heading.number for b in ctx.tree.sections if b.heading.number is not None]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))) if numbers else False:
            return  # broken numbering (GIP105) makes the order ambiguous: stay silent
        match = ctx.facts.sections
        best = 0
        best_title = ""
        for block, sid in zip(match.headings, match.ids):
            if sid is None:
                continue
            number = profile.section(sid).number
            if number is None:
                continue
            if number < best:
                yield ctx.report("order", block.heading.start, block.heading.end,
                                 this=block.heading.title, prev=best_title, number=number)
            elif number > best:
                best, best_title = number, block.heading.title
