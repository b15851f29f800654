"""GIP103 declared-part-missing."""

from __future__ import annotations

from ...facts.sections import part_present
from ..base import Rule


class DeclaredPartMissing(Rule):
    """检查内容：引言中列出的组成部分（“本报告由……等六部分组成”）是否都出现在正文中。

    What it checks: every part the introduction announces ("本报告由A、B……组成",
    "全文包括A、B……") appears as a section of the body.

    依据 / Why: 报告应“内容全面、格式规范”；引言承诺的部分在正文中找不到，是审核中常见的
    结构缺陷（规范第 5.4 节）。
    """

    code = "GIP103"
    name = "declared-part-missing"
    summary = "引言列出的部分在正文中缺失"
    summary_en = "a part announced in the introduction never appears"
    default_severity = "warning"
    messages = {
        "missing": ("引言称报告包含“{part}”，但正文中没有与之对应的章节",
                    "the introduction announces a part '{part}' that no section of the body corresponds to"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None:
            return
        if ctx.truncated:
            return  # announced parts may well follow where the text stops
        match = ctx.facts.sections
        for part in decl.parts:
            if any(w in part.label for w in ctx.profile.wording.attachment_words):
                continue  # attached tables are not a section
            if not part_present(part, match):
                yield ctx.report("missing", part.start, part.end, part=part.label)
