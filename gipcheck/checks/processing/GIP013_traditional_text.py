"""GIP013 traditional-text."""

from __future__ import annotations

from ..base import Rule


class TraditionalText(Rule):
    """检查内容：报告以繁体字书写（或网站以繁体显示），gipcheck 已逐字转换为简体后检查；
    行号、列号与原文一致，引文仍是原文。

    What it checks: the report is in Traditional characters (or a web site showed it so); it was
    converted to Simplified character for character (OpenCC) and then checked, so positions and
    quotations are the original's.

    依据 / Why: 政府信息公开工作年度报告以规范汉字（简体）发布；章节、表格的行名都按简体识别。
    """

    code = "GIP013"
    name = "traditional-text"
    summary = "繁体字报告，已转换后检查"
    summary_en = "a Traditional-character report, checked converted"
    default_severity = "info"
    messages = {"converted": ("报告以繁体字书写，已逐字转换为简体后检查（位置与原文一致）",
                              "the report is in Traditional characters; it was checked converted to"
                              " Simplified, character for character (positions are the original's)")}
