"""GIP207 year-missing-character."""

from __future__ import annotations

from ..base import Rule


class YearMissingCharacter(Rule):
    """检查内容：段首年份后丢失了“年”字，如“2016,开远市尚未收到……”。

    What it checks: a paragraph opens with a year followed by a comma, the 年 lost
    ("2016,开远市尚未收到").

    依据 / Why: 文字残缺（规范第 12 节 D14）；意思通常仍清楚，故只作提示。
    """

    code = "GIP207"
    name = "year-missing-character"
    summary = "年份后缺少“年”字"
    summary_en = "a year lost its 年"
    default_severity = "info"
    messages = {"year": ("“{text}”中年份后缺少“年”字，应为“{y}年”", "'{text}': the year lost its 年;"
                         " expected '{y}年'")}

    def check(self, ctx):
        for d in ctx.facts.malformed_dates:
            if d.kind == "year-comma":
                yield ctx.report("year", d.start, d.end, text=d.text, y=d.reading[0])
