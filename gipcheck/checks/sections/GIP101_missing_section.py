"""GIP101 missing-section."""

from __future__ import annotations

from ..base import Rule


class MissingSection(Rule):
    """检查内容：适用格式要求的每个章节是否都有对应的章节标题。

    章节按含义匹配，而非逐字比对：每个章节在规则配置（``rules/*.yaml``）中列出可接受的
    关键词组合，例如“其他需要报告的事项”也接受“需要说明的其他事项与附表”。2018 年及以前
    的报告（2008 年条例）没有统一标题，某项内容只在正文中提到时，由 GIP102 提示。

    What it checks: every section the profile requires has a heading, matched by meaning
    (keyword groups in ``rules/*.yaml``), not by exact wording.

    依据 / Why: 2008 年条例第三十二条列出年度报告应当包括的六项内容；2019 年条例第五十条和
    国办公开办函〔2019〕60号、〔2021〕30号规定的年度报告格式有六个固定章节。
    """

    code = "GIP101"
    name = "missing-section"
    summary = "缺少必备章节"
    summary_en = "a mandatory section is missing"
    default_severity = "error"
    messages = {
        "missing": ("缺少必备章节“{section}”（依据：{basis}）：未找到与之对应的章节标题",
                    "mandatory section '{section_en}' ({section}) is missing (required by {basis}):"
                    " no matching section heading was found"),
        "table": ("必备章节“{section}”没有标题（依据：{basis}）：它的统计表出现在“{heading}”一节之下",
                  "mandatory section '{section_en}' ({section}) has no heading (required by {basis}): its"
                  " table stands under the section '{heading}'"),
        "nested": ("必备章节“{section}”没有自己的一级标题（依据：{basis}），其内容出现在小标题“{heading}”之下；"
                   "应单列为一级章节",
                   "mandatory section '{section_en}' ({section}) has no top-level heading of its own"
                   " (required by {basis}); its content appears under the sub-heading '{heading}'"),
    }

    def check(self, ctx):
        facts = ctx.facts
        if not facts.tree.sections:
            return  # GIP006 says the text has no section structure
        match = facts.sections
        present = set(match.ids)
        profile = ctx.profile
        # In a text that is cut off (GIP007 names the sections not seen), only a section that
        # should stand before a later section seen is missing for sure.
        seen_numbers = [profile.section(i).number or 0 for i in match.ids if i is not None]
        cut_at_end_only = facts.truncated_at is not None and facts.starts_mid_report is None
        last_seen = max(seen_numbers, default=0) if cut_at_end_only and profile.ordered else None
        if ctx.truncated and last_seen is None:
            return
        for spec in profile.sections:
            if spec.id in present or spec.id in match.body_hits:
                continue
            mark = _table_without_heading(ctx, spec)
            if mark is not None:
                # the section's own table stands under another heading: its heading is missing,
                # whether or not the text goes on
                yield ctx.report("table", mark[0], mark[1], severity=spec.severity, section=spec.name,
                                 section_en=spec.name_en, basis=spec.basis or profile.basis,
                                 heading=mark[2], fingerprint_extra=spec.id)
                continue
            if last_seen is not None and (spec.number is None or spec.number >= last_seen):
                continue
            nested = match.nested.get(spec.id)
            if nested is not None:
                h = nested.heading
                yield ctx.report("nested", h.start, h.end, severity="warning", section=spec.name,
                                 section_en=spec.name_en, basis=spec.basis or profile.basis,
                                 heading=h.title, fingerprint_extra=spec.id)
                continue
            start, end = ctx.anchor()
            if profile.ordered and spec.number is not None:
                later = [b for b, i in zip(match.headings, match.ids)
                         if i is not None and (profile.section(i).number or 0) > spec.number]
                if later:
                    start, end = later[0].heading.start, later[0].heading.end
            yield ctx.report("missing", start, end, severity=spec.severity, section=spec.name,
                             section_en=spec.name_en, basis=spec.basis or profile.basis,
                             fingerprint_extra=spec.id)


def _table_without_heading(ctx, spec):
    """(start, end, heading title) of the header of ``spec``'s table standing under another
    section's heading ("(本列数据的勾稽关系为…" right after table 二), or None."""
    text = ctx.facts.folded
    for table in ctx.profile.tables:
        if table.section != spec.id:
            continue
        for mark in table.header_marks:
            pos = text.find(mark)
            if pos == -1:
                continue
            owner = next((b for b in reversed(ctx.tree.sections) if b.heading.start < pos), None)
            if owner is not None:
                return pos, pos + len(mark), owner.heading.title
    return None

