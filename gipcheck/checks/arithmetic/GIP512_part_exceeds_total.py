"""GIP512 part-exceeds-total."""

from __future__ import annotations

from ..base import Rule
from ._common import _n


class PartExceedsTotal(Rule):
    """检查内容：“共X…，其中A…”中的某一分项大于总数。

    What it checks: a single part ("其中A") larger than its total, with the same unit. Also
    applies when the list gives only examples.

    依据 / Why: 规范第 9.5 节：分项不可能大于总数（warning）。
    """

    code = "GIP512"
    name = "part-exceeds-total"
    summary = "分项大于总数"
    summary_en = "a part exceeds its total"
    default_severity = "warning"
    messages = {"part": ("分项{part}{unit}大于总数{total}{unit}", "the part {part}{unit} exceeds its total {total}{unit}")}

    def check(self, ctx):
        for b in ctx.facts.claims.breakdowns:
            t = b.total
            if t.approx in ("lower", "rough"):
                continue
            for p in b.parts:
                if p.approx in ("upper", "rough"):
                    continue
                if p.value > t.value + 1e-9 and (len(b.parts) == 1 or b.selection):
                    yield ctx.report("part", p.start, p.end, part=_n(p), total=_n(t), unit=t.unit)
