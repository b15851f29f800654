"""GIP514 percent-over-100."""

from __future__ import annotations

from ..base import Option, Rule
from ._common import _num


class PercentOverHundred(Rule):
    """检查内容：不可能超过 100% 的比率（成功率、办结率、满意率、占比……）超过 100%，或同一句中几项占比之和超过 100%。

    What it checks: a rate that cannot exceed 100% (success, completion, satisfaction, a share)
    stated above 100%, or the shares of one whole in one sentence adding up to more than 100%
    (rounding allowed: up to ``share_limit``, 100.5% by default).

    依据 / Why: 规范第 9.5 节 I-15：“Also flag shares of one whole that add up to more than 100%”（warning）。
    """

    code = "GIP514"
    name = "percent-over-100"
    summary = "百分比超过100%"
    summary_en = "a percentage above 100"
    default_severity = "warning"
    options = {"share_limit": Option(
        float, 100.5, min=100.0,
        help="同一句中各项占比之和超过这一百分数才报告（为四舍五入留出余地）",
        help_en="the shares of one sentence are reported only when they add up to more than this"
                " percentage (room for rounding)")}
    messages = {
        "rate": ("“{name}{pct}%”超过100%", "'{name} {pct}%' is above 100%"),
        "shares": ("同一句中的各项占比之和为{sum}%，超过100%（{parts}）", "the shares in this sentence add up"
                   " to {sum}% ({parts}), more than 100%"),
    }

    def check(self, ctx):
        from ...facts.numbers import bounded_rate

        claims = ctx.facts.claims
        for r in claims.rates:
            if r.percent > 100 and bounded_rate(r.name):
                yield ctx.report("rate", r.start, r.end, name=r.name, pct=_num(r.percent, r.decimals))
        for _sent, shares in claims.shares:
            total = sum(v for _, _, v in shares)
            if total > ctx.options["share_limit"]:
                yield ctx.report("shares", shares[0][0], shares[-1][1], sum=_num(total, 2),
                                 parts=" + ".join(_num(v, 2) + "%" for _, _, v in shares))
