"""GIP107 undeclared-section."""

from __future__ import annotations

from ...facts.sections import bigram_overlap, core
from ..base import Rule


class UndeclaredSection(Rule):
    """检查内容：正文中有引言没有列出的一级章节。

    What it checks: a top-level section of the body that the introduction's list of parts
    does not mention (only when the list is complete, not "A、B等六部分").

    依据 / Why: 引言列出的结构应与正文一致（规范第 5.4 节）。多出的章节通常是地方要求的
    内容（如“政务公开工作要点落实情况”），不算缺陷，因此只作提示。
    """

    code = "GIP107"
    name = "undeclared-section"
    summary = "正文章节未在引言中列出"
    summary_en = "a section the introduction does not announce"
    default_severity = "info"
    messages = {
        "extra": ("章节“{section}”没有列在引言的组成部分中", "section '{section}' is not among the"
                  " parts listed in the introduction"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None or len(decl.parts) < 3:
            return
        if decl.count is not None and len(decl.parts) < decl.count:
            return  # an abbreviated list says nothing about the other sections
        match = ctx.facts.sections
        ids = {p.section_id for p in decl.parts if p.section_id}
        cores = [core(p.label) for p in decl.parts]
        for block, sid in zip(match.headings, match.ids):
            if sid is not None and sid in ids:
                continue
            have = core(block.heading.title)
            if not have or any(c and (c in have or have in c or bigram_overlap(have, c) >= 0.5) for c in cores):
                continue
            yield ctx.report("extra", block.heading.start, block.heading.end, section=block.heading.title)
