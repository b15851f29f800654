"""GIP110 declared-order."""

from __future__ import annotations

from ..base import Rule


class DeclaredOrder(Rule):
    """检查内容：引言列出各部分的顺序与正文章节的顺序不一致（引言先说复议诉讼、后说收费，正文却是
    “四、收费及减免”在“五、复议诉讼”之前）。

    What it checks: the introduction lists the parts in another order than the body's sections
    follow. Only parts that map to template sections, found both in the list and among the body's
    headings, are compared; the first part out of place is reported, at its heading.

    依据 / Why: 引言是报告的目录；目录与正文次序不同，读者按目录查找会出错（规范第 5.2 节）。
    """

    code = "GIP110"
    name = "declared-order"
    summary = "引言所列顺序与正文不一致"
    summary_en = "the introduction lists the parts in another order than the body"
    default_severity = "warning"
    messages = {
        "order": ("正文中“{this}”在“{other}”之前，而引言所列的顺序相反（引言：{declared}）",
                  "in the body '{this}' comes before '{other}', but the introduction lists them the other way"
                  " round ({declared})"),
        "sep": ("、", ", "),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None:
            return
        match = ctx.facts.sections
        declared = [p.section_id for p in decl.parts if p.section_id is not None]
        body = [(i, b) for b, i in zip(match.headings, match.ids) if i is not None]
        common = [i for i in dict.fromkeys(declared) if any(j == i for j, _ in body)]
        if len(common) < 3 or len(set(declared)) != len(declared):
            return
        rank = {sid: k for k, sid in enumerate(common)}
        seen = [(i, b) for i, b in body if i in rank]
        firsts = list(dict.fromkeys(i for i, _ in seen))
        if len(firsts) != len(seen):
            return  # a section heading twice: the order is ambiguous (GIP105 reports numbering)
        for (a, _), (b, block) in zip(seen, seen[1:]):
            if rank[b] < rank[a]:
                # block b stands after a in the body but is announced before it
                this = block.heading.title
                other = next(bl for i, bl in seen if i == a).heading.title
                yield ctx.report("order", block.heading.start, block.heading.end, this=other, other=this,
                                 declared=ctx.text("sep").join(p.label for p in decl.parts))
                return
