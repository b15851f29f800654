"""GIP104 declared-count-mismatch."""

from __future__ import annotations

from ...textutil import LIST_SEP
from ..base import Rule


class DeclaredCountMismatch(Rule):
    """检查内容：引言声明的部分数量（“六部分”“五个方面”）与列出的部分数、正文章节数是否一致。

    What it checks: the number of parts the introduction states ("由……六部分组成") against
    the number of parts it lists and the number of sections in the body.

    依据 / Why: “八部分”只列了七项、“五部分”正文却有六节，都是常见的结构缺陷（规范第 5.4 节）。
    “由‘总体情况’、‘主动公开政府信息情况’等六个部分组成”这类只举例的写法不算不一致。
    """

    code = "GIP104"
    name = "declared-count-mismatch"
    summary = "引言声明的部分数量不一致"
    summary_en = "the announced number of parts does not match"
    default_severity = "warning"
    messages = {
        "listed": ("引言称报告由{count}部分组成，但列出了{listed}项：{parts}",
                   "the introduction states {count} parts but lists {listed}: {parts}"),
        "body": ("引言称报告由{count}部分组成，但正文有{sections}个一级章节{note}",
                 "the introduction states {count} parts but the body has {sections} top-level"
                 " sections{note_en}"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None or decl.count is None or decl.count_span is None:
            return
        listed = len(decl.parts)
        s, e = decl.count_span
        # "A、B等六部分" only gives examples, unless the last part named is the report's last
        # section ("……其他需要报告等八部分": nothing can follow it, so the list is complete).
        last_id = ctx.profile.sections[-1].id if ctx.profile.sections else None
        abbreviated = (decl.etc and listed < decl.count
                       and not (decl.parts and decl.parts[-1].section_id == last_id))
        if listed != decl.count and not abbreviated:
            yield ctx.report("listed", s, e, count=decl.count, listed=listed,
                             parts=LIST_SEP.join(p.label for p in decl.parts))
            return
        nsections = len(ctx.tree.sections)
        truncated = ctx.truncated
        if nsections > decl.count or (nsections < decl.count and abbreviated):
            short = truncated and nsections < decl.count
            yield ctx.report("body", s, e, count=decl.count, sections=nsections,
                             severity="info" if short else None, **ctx.note_if(short))
