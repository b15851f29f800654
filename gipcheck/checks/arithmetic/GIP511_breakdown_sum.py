"""GIP511 breakdown-sum."""

from __future__ import annotations

from ..base import Option, Rule
from ._common import _n, _num


class BreakdownSum(Rule):
    """检查内容：正文中“共X…，其中A…、B…、C…”（或“A…、B…共X…”）的各项之和是否等于总数。

    只比较单位完全相同的数字（“24个部门、7个乡镇共梳理出检查事项237项”计量的不是同一种东西，不比较）；
    日期、文号、电话、序号、引号中的号码不算数量；“余、多、以上”是下限，“近、约、左右”不作精确值，
    只在任何理解下都不可能相等时才报告；“主要有……”“……等”只是举例，不核对总和。

    What it checks: a stated total with its breakdown ("共X，其中A、B、C" or "A、B共X") whose
    parts do not add up. Only parts with exactly the total's unit count; approximate numbers
    are bounds and only what no reading allows is reported; examples ("主要有", "…等") are not
    a breakdown.

    依据 / Why: 规范第 9.5 节 I-14（warning）：正文常有“合计—分项”的数字，分项之和与合计不符是审核中常见的数据错误。
    """

    code = "GIP511"
    name = "breakdown-sum"
    summary = "分项之和与总数不符"
    summary_en = "the parts do not add up to the stated total"
    default_severity = "warning"
    # Parts that cover less than this share of the total are taken as a few kinds named among
    # many ("发布各类信息3659条，其中政策文件352条、新闻类信息854条……"), not as a slip.
    options = {"min_coverage": Option(
        float, 0.9, min=0.0, max=1.0,
        help="分项之和不足总数的这一比例时，视为“其中”只列举了部分类别，不报告",
        help_en="parts that cover less than this share of the total are taken as examples named"
                " among many, not as a breakdown, and are not reported")}
    messages = {
        "sum": ("总数{total}{unit}与分项之和不符：{parts} = {sum}{unit}", "the stated total {total}{unit} differs"
                " from the sum of its parts: {parts} = {sum}{unit}"),
        "below": ("总数{total}{unit}与分项之和不符：各分项至少为 {parts} = {sum}{unit}，已超过总数",
                  "the parts come to at least {parts} = {sum}{unit}, more than the stated total {total}{unit}"),
        "over": ("总数{total}{unit}小于其下所列各类之和：{parts} = {sum}{unit}",
                 "the total {total}{unit} is less than the categories listed under it: {parts} = {sum}{unit}"),
        "short": ("总数为{total}{unit}以上，但各分项之和只有 {parts} = {sum}{unit}", "the total is at least"
                  " {total}{unit} but its parts sum to only {parts} = {sum}{unit}"),
    }

    def check(self, ctx):
        for b in ctx.facts.claims.breakdowns:
            if len(b.parts) < 2:
                continue
            if b.selection:
                # examples need not add up, but categories of a total cannot exceed it
                low = sum(p.value for p in b.parts)
                if b.bounded and b.total.exact and low > b.total.value:
                    yield ctx.report("over", b.total.start, b.total.end, total=_n(b.total), unit=b.total.unit,
                                     parts=" + ".join(_n(p) for p in b.parts), sum=_num(low, 0))
                continue
            t = b.total
            if t.approx in ("rough", "upper") or any(p.approx in ("rough", "upper") for p in b.parts):
                continue
            low = sum(p.value for p in b.parts)
            exact_parts = all(p.exact for p in b.parts)
            tol = 0.5 * 10 ** -max([t.decimals] + [p.decimals for p in b.parts]) + 1e-9
            args = dict(total=_n(t), unit=t.unit, parts=" + ".join(_n(p) for p in b.parts),
                        sum=_num(low, max([t.decimals] + [p.decimals for p in b.parts])))
            if t.exact and exact_parts and abs(low - t.value) > tol:
                if low < t.value and low < ctx.options["min_coverage"] * t.value:
                    continue  # "其中" naming a few kinds among many: a selection, not a slip
                yield ctx.report("sum", t.start, t.end, **args)
            elif t.exact and not exact_parts and low > t.value + tol:
                yield ctx.report("below", t.start, t.end, **args)
            elif t.approx == "lower" and exact_parts and low < t.value - tol:
                yield ctx.report("short", t.start, t.end, **args)
