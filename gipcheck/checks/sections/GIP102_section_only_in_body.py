"""GIP102 section-only-in-body."""

from __future__ import annotations

from ..base import Rule


class SectionOnlyInBody(Rule):
    """检查内容：2008 年条例要求的某项内容没有单独成节，只在其他章节的正文中提到。

    What it checks: (2008 regulation) a required content has no section of its own and is
    only mentioned inside another section, e.g. "未收取任何费用" within the 依申请公开 section.

    依据 / Why: 2008 年条例第三十二条列出六项内容，但没有规定标题；内容写在正文中也算报告了，
    只是不便查找，因此只作提示。
    """

    code = "GIP102"
    name = "section-only-in-body"
    summary = "必备内容未单独成节"
    summary_en = "required content only mentioned in the body"
    default_severity = "info"
    messages = {
        "body": ("“{section}”没有单独成节，只在正文中提到（依据：{basis}）；建议单列章节，便于查阅",
                 "'{section_en}' has no section of its own and is only mentioned in the body"
                 " ({basis}); a section of its own makes it easier to find"),
    }

    def check(self, ctx):
        if ctx.truncated:
            return  # the section may well follow where the text stops
        match = ctx.facts.sections
        for spec in ctx.profile.sections:
            span = match.body_hits.get(spec.id)
            if span:
                yield ctx.report("body", span[0], span[1], section=spec.name, section_en=spec.name_en,
                                 basis=spec.basis or ctx.profile.basis)
