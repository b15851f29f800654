"""GIP109 declared-parts-incomplete."""

from __future__ import annotations

from ..base import Rule


class DeclaredPartsIncomplete(Rule):
    """检查内容：引言完整列出了报告的组成部分，却漏掉了一个必备章节，而正文中有这一章节
    （或文本不完整、无从判断）。

    What it checks: the introduction lists the report's parts in full but leaves out a
    mandatory section (that the body has, or that a cut-off text cannot show). When the body
    lacks the section too, GIP101 reports that instead.

    依据 / Why: 引言列出的结构应与格式规定的章节一致（规范第 5.4 节）；漏列必备章节会误导读者。
    """

    code = "GIP109"
    name = "declared-parts-incomplete"
    summary = "引言列出的组成部分漏掉必备章节"
    summary_en = "the announced parts leave out a mandatory section"
    default_severity = "warning"
    messages = {
        "omitted": ("引言列出的组成部分中没有必备章节“{section}”（依据：{basis}）",
                    "the parts listed in the introduction leave out the mandatory section"
                    " '{section_en}' ({section}, required by {basis})"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None or len(decl.parts) < 3:
            return
        listed = len(decl.parts)
        if decl.count is not None and listed != decl.count:
            return  # GIP104 reports the list itself; an abbreviated list omits on purpose
        last_id = ctx.profile.sections[-1].id if ctx.profile.sections else None
        if decl.count is None and decl.etc and decl.parts[-1].section_id != last_id:
            return  # "A、B等部分" gives examples, unless it ends with the report's last section
        ids = {p.section_id for p in decl.parts}
        match = ctx.facts.sections
        for spec in ctx.profile.sections:
            if spec.id in ids or spec.severity != "error":
                continue
            in_body = spec.id in match.ids or spec.id in match.nested
            if not in_body and not ctx.truncated:
                continue  # the body lacks it too: GIP101 says so
            # a text that ends cleanly and is judged cut only because later parts never come:
            # a section that would follow the last one seen may be there after the cut, so the
            # list's omission is only a note
            order = [s.id for s in ctx.profile.sections]
            seen = [order.index(i) for i in match.ids if i in order]
            after_cut = (ctx.facts.truncated_at is not None and ctx.facts.cut_inferred and not in_body
                         and order.index(spec.id) > max(seen, default=-1))
            yield ctx.report("omitted", decl.start, decl.end, severity="info" if after_cut else None,
                             section=spec.name, section_en=spec.name_en,
                             basis=spec.basis or ctx.profile.basis, fingerprint_extra=spec.id)
