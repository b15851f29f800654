"""GIP111 section-empty."""

from __future__ import annotations

from ... import rx
from ..base import Rule

_PUNCT = rx.compile(r"[\W_]+")


class SectionEmpty(Rule):
    """检查内容：必须有实质内容的章节（“存在的主要问题及改进情况”）只写了“无”“暂无”之类的一两个字。

    What it checks: a section that must say something — the profile marks it
    ``content_required`` (problems and improvements) — holds only a word such as 无 or 暂无.
    Other sections may well say 无 (no reviews, nothing else to report).

    依据 / Why: 条例要求年度报告说明存在的主要问题及改进情况（2019 年条例第五十条第（四）项，
    2008 年条例第三十二条第（五）项）；“无”不是说明。
    """

    code = "GIP111"
    name = "section-empty"
    summary = "章节没有实质内容"
    summary_en = "a section says nothing"
    default_severity = "warning"
    messages = {"empty": ("“{section}”一节只写了“{text}”；该部分应说明存在的主要问题和改进措施（依据：{basis}）",
                          "the section '{section_en}' only says '{text}'; it must describe the main problems"
                          " and improvements (required by {basis})")}

    def check(self, ctx):
        match = ctx.facts.sections
        for block, sid in zip(match.headings, match.ids):
            spec = ctx.profile.section(sid) if sid else None
            if spec is None or not spec.content_required:
                continue
            paras = list(block.paragraphs())
            words = _PUNCT.sub("", "".join(ctx.facts.folded[p.start:p.end] for p in paras))
            if paras and len(words) <= 3 and not any(ch.isdigit() for ch in words):
                text = "".join(ctx.facts.text[p.start:p.end] for p in paras).strip()
                yield ctx.report("empty", block.heading.start, block.heading.end, section=spec.name,
                                 section_en=spec.name_en, text=text, basis=spec.basis or ctx.profile.basis)
