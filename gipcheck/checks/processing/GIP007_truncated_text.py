"""GIP007 truncated-text."""

from __future__ import annotations

from ..base import Rule


class TruncatedText(Rule):
    """检查内容：文本在句子中间结束，报告可能不完整（复制或导出时被截断）。

    What it checks: the text ends in the middle of a sentence (or inside a table while
    template sections are missing), or it starts at a later section without a title: the
    report may be truncated.

    依据 / Why: 被截断的报告自然会“缺少”后面的章节、表格和联系方式。先说明这一点，
    并把因此产生的“缺少章节”类问题降为提示，避免把截断误报为报告本身的缺陷。
    """

    code = "GIP007"
    name = "truncated-text"
    summary = "文本可能被截断"
    summary_en = "the text may be truncated"
    default_severity = "info"
    messages = {
        "truncated": ("文本在句子或表格中间结束，报告可能不完整；{unseen}缺少章节、联系方式等问题仅作提示或不报告",
                      "the text ends mid-sentence or mid-table and may be truncated; {unseen_en}missing"
                      " sections, contact details and the like are only noted, if at all"),
        "head": ("文本没有标题，且从“{marker}”开始，似乎只是报告的后半部分；{unseen}缺少章节等问题仅作提示或不报告",
                 "the text has no title and starts at '{marker}': it seems to be only the later part"
                 " of a report; {unseen_en}missing sections are only noted, if at all"),
        "unseen": ("文中未见的必备章节：{names}；", "mandatory sections not seen: {names}; "),
        "sep": ("、", ", "),
    }

    def check(self, ctx):
        facts = ctx.facts
        t, h = facts.truncated_at, facts.starts_mid_report
        if t is None and h is None:
            return
        unseen = [s for s in ctx.profile.sections if s.id not in facts.sections.ids]
        args = {
            "unseen": _unseen(self, "zh", [s.name for s in unseen]),
            "unseen_en": _unseen(self, "en", [s.name_en for s in unseen]),
        }
        if t is not None:
            yield ctx.report("truncated", t[0], t[1], **args)
        if h is not None:
            yield ctx.report("head", h[0], h[1], marker=ctx.tree.sections[0].heading.marker, **args)


def _unseen(rule, lang: str, names: list[str]) -> str:
    """The sections not seen, for the message in ``lang`` (both languages are filled in)."""
    if not names:
        return ""
    i = 1 if lang == "en" else 0
    return rule.messages["unseen"][i].format(names=rule.messages["sep"][i].join(names))
