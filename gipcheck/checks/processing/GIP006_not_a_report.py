"""GIP006 not-a-report."""

from __future__ import annotations

from ..base import Rule


class NotAReport(Rule):
    """检查内容：文本既没有报告标题，也没有“一、二、……”形式的章节标题。

    What it checks: the text has no section headings (一、二、…). When it has neither a title
    nor the words of a report it does not look like an annual report (warning); when it
    does, its line breaks were probably lost or it is only part of a report (info).

    依据 / Why: 其他检查都以报告的章节结构为前提；结构无法识别时，先说清这一点，
    而不是报告一长串缺失的章节。
    """

    code = "GIP006"
    name = "not-a-report"
    summary = "文本看起来不是年度报告"
    summary_en = "the text does not look like an annual report"
    default_severity = "warning"
    messages = {
        "structure": ("未识别到报告标题和章节标题（一、二、……），文本看起来不是政府信息公开工作年度报告；"
                      "已跳过全部内容检查",
                      "no report title and no section headings (一、二、…) found: the text does"
                      " not look like a GIP annual report; content checks were skipped"),
        "flat": ("未识别到章节标题（一、二、……）：文本没有按章节分行（可能是复制时丢失了换行，或只是报告的一部分），"
                 "章节检查已跳过",
                 "no section headings (一、二、…) found: the text is not laid out in sections (line"
                 " breaks may have been lost in copying, or this is only part of a report); section"
                 " checks were skipped"),
    }

    def check(self, ctx):
        tree = ctx.tree
        if not tree.sections:
            s, e = ctx.anchor()
            if ctx.facts.is_report:
                yield ctx.report("flat", s, e, severity="info")
            else:
                yield ctx.report("structure", s, e)
