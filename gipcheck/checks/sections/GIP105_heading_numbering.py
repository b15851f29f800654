"""GIP105 heading-numbering."""

from __future__ import annotations

from ..base import Rule


class HeadingNumbering(Rule):
    """检查内容：一级章节编号（一、二、三……）是否连续：没有跳号，没有重号。

    What it checks: top-level heading numbers run 一、二、三… without gaps or repeats.

    依据 / Why: 跳号（一、二、四、）往往说明一节被删掉或漏掉；重号常见于“一、总体情况”
    下面又用“一、二、三、”编小节，使章节结构无法辨认（规范第 5.3 节：应报 warning）。
    """

    code = "GIP105"
    name = "heading-numbering"
    summary = "章节编号跳号或重号"
    summary_en = "section numbers skip or repeat"
    default_severity = "warning"
    messages = {
        "gap": ("章节编号跳号：上一个是“{prev}”，这里是“{this}”，应为“{expected}”",
                "section numbering skips: the previous heading is '{prev}', this one is '{this}',"
                " expected '{expected}'"),
        "first": ("第一个一级章节编号是“{this}”，应从“一、”开始",
                  "the first top-level section is numbered '{this}'; numbering should start at 一、"),
        "repeat": ("章节编号重复：“{this}”在前面已经用过（第{line}行）；如果这是上一节的小标题，"
                   "请改用“（一）”等下级编号",
                   "section number '{this}' is used again (first at line {line}); if this is a"
                   " sub-heading of the previous section, use （一） and so on"),
        "back": ("章节编号倒退：上一个是“{prev}”，这里是“{this}”", "section numbering goes back:"
                 " the previous heading is '{prev}', this one is '{this}'"),
    }

    def check(self, ctx):
        from ...textutil import LIST_SEP, cn_numeral

        def cn(n: int) -> str:
            return cn_numeral(n) + LIST_SEP

        prev = 0
        prev_marker = ""
        seen: dict[int, int] = {}
        match = ctx.facts.sections
        numbered = [b for b in ctx.tree.sections if b.heading.number is not None]
        for block, sid in zip(ctx.tree.sections, match.ids):
            h = block.heading
            n = h.number
            if n is None:
                continue
            line = ctx.facts.position(h.start)[0]
            # A heading numbered as its template section ("六、其他需要报告的事项") may be right while
            # the sequence around it is not (a section without its heading, sub-items numbered
            # 一、二、…): which heading is wrong is then uncertain, so it is only a note.
            spec = ctx.profile.section(sid) if sid else None
            sev = "info" if ctx.profile.ordered and spec is not None and spec.number == n else None
            if n == prev + 1:
                pass
            elif prev == 0:
                # one numbered heading makes no sequence ("六、年度政府信息公开工作报告0600" is a
                # web page's column label above a report without numbered sections)
                if ctx.facts.starts_mid_report is None and len(numbered) >= 2:
                    yield ctx.report("first", h.start, h.end, this=h.marker)
            elif n in seen:
                yield ctx.report("repeat", h.start, h.end, severity=sev, this=h.marker, line=seen[n])
            elif n > prev + 1:
                yield ctx.report("gap", h.start, h.end, severity=sev, prev=prev_marker, this=h.marker,
                                 expected=cn(prev + 1))
            else:
                yield ctx.report("back", h.start, h.end, severity=sev, prev=prev_marker, this=h.marker)
            seen.setdefault(n, line)
            prev, prev_marker = n, h.marker
