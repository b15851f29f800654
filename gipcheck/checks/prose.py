"""GIP511–514 — arithmetic in the prose: breakdowns, parts, rates and shares (spec §9.5)."""

from __future__ import annotations

from .base import Rule


def _n(q) -> str:
    v = q.value
    text = f"{v:.{q.decimals}f}" if q.decimals else str(int(v))
    return text + ("余" if q.approx == "lower" else "")


def _num(v: float, decimals: int = 2) -> str:
    text = f"{v:.{decimals}f}".rstrip("0").rstrip(".") if decimals else str(round(v))
    return text or "0"


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

    错误示例 / Failing: “共受理投资项目360个，其中审批类89个，备案类261个”（89 + 261 = 350）。

    正确示例 / Passing: “市政府24个工作部门、4个事业单位、1个其他行政机构、7个乡镇、1个事业单位共37家单位”（单位不同，不核对；其和也是37）。

    选项 / Options: ``min_coverage``（默认 0.9）：分项之和不足总数的 90% 时，视为“其中”只列举了部分类别，不报告。
    """

    code = "GIP511"
    name = "breakdown-sum"
    summary = "分项之和与总数不符"
    summary_en = "the parts do not add up to the stated total"
    default_severity = "warning"
    # Parts that cover less than this share of the total are taken as a few kinds named among
    # many ("发布各类信息3659条，其中政策文件352条、新闻类信息854条……"), not as a slip.
    options = {"min_coverage": 0.9}
    messages = {
        "sum": ("总数{total}{unit}与分项之和不符：{parts} = {sum}{unit}", "the stated total {total}{unit} differs"
                " from the sum of its parts: {parts} = {sum}{unit}"),
        "below": ("总数{total}{unit}与分项之和不符：各分项至少为 {parts} = {sum}{unit}，已超过总数",
                  "the parts come to at least {parts} = {sum}{unit}, more than the stated total {total}{unit}"),
        "short": ("总数为{total}{unit}以上，但各分项之和只有 {parts} = {sum}{unit}", "the total is at least"
                  " {total}{unit} but its parts sum to only {parts} = {sum}{unit}"),
    }

    def check(self, ctx):
        for b in ctx.facts.claims.breakdowns:
            if b.selection or len(b.parts) < 2:
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
                if low < t.value and low < self.options["min_coverage"] * t.value:
                    continue  # "其中" naming a few kinds among many: a selection, not a slip
                yield ctx.report("sum", t.start, t.end, **args)
            elif t.exact and not exact_parts and low > t.value + tol:
                yield ctx.report("below", t.start, t.end, **args)
            elif t.approx == "lower" and exact_parts and low < t.value - tol:
                yield ctx.report("short", t.start, t.end, **args)


class PartExceedsTotal(Rule):
    """检查内容：“共X…，其中A…”中的某一分项大于总数。

    What it checks: a single part ("其中A") larger than its total, with the same unit. Also
    applies when the list gives only examples.

    依据 / Why: 规范第 9.5 节：分项不可能大于总数（warning）。

    错误示例 / Failing: “全年受理申请12件，其中依申请公开15件”。

    正确示例 / Passing: “全年受理申请12件，其中予以公开7件”。
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


def _formulas(a: float, b: float):
    """(label, value in %) for the plausible ways a rate is computed from two amounts."""
    out = []
    if b:
        out.append(("a/b", a / b * 100))
        out.append(("(b−a)/b", (b - a) / b * 100))
        if a > b:
            out.append(("(a−b)/b", (a - b) / b * 100))
    if a + b:
        out.append(("a/(a+b)", a / (a + b) * 100))
    if b > a:
        out.append(("a/(b−a)", a / (b - a) * 100))
    return out


def reproducible(percent: float, decimals: int, a: float, b: float, formulas=None) -> bool:
    unit = 10 ** -decimals
    for label, v in _formulas(a, b):
        if formulas is not None and label not in formulas:
            continue
        if abs(v - percent) <= unit / 2 + 1e-9 or percent <= v < percent + unit:  # rounded or cut off
            return True
    return False


class RateMismatch(Rule):
    """检查内容：“节约率、成功率、办结率、占比……X%”能否由同一分句中的数字算出。

    依次尝试常见算法：a/b、a/(a+b)（如节约资金相对于节约前的金额）、a/(b−a)（如增值相对于基数）、
    (b−a)/b，按所写的小数位四舍五入或截断后比较。只在分句中恰好有两个同单位的数字，或有一个数字的说法与比率
    名称相同（“节约资金……节约率”“转接成功……转接成功率”）时才核对；同比、环比等增减率不核对。

    What it checks: a stated rate that no plausible formula reproduces from the amounts in
    the same clause (a/b, a/(a+b), a/(b−a), (b−a)/b; rounded or cut to the stated precision).
    Checked only when the clause holds exactly two amounts of one unit, or an amount named like
    the rate. Year-on-year changes are not checked.

    依据 / Why: 规范第 9.5 节 I-15（warning）。“节约率8.25%”等于 916.07/(10183.05+916.07)，而不是
    916.07/10183.05，所以必须尝试多种算法。

    错误示例 / Failing: “转接电话551次，转接成功337次，转接成功率97%”（337/551 = 61%）。

    正确示例 / Passing: “累计交易额10183.05万元，累计节约资金916.07万元，节约率8.25%”。

    “共X条，其中A 2条，占0.01%”这类分项后的占比，按“分项/总数”核对。
    """

    code = "GIP513"
    name = "rate-mismatch"
    summary = "比率无法由所列数字算出"
    summary_en = "a rate cannot be reproduced from its amounts"
    default_severity = "warning"
    messages = {
        "rate": ("“{name}{pct}%”无法由同句数字算出：{tried}", "'{name} {pct}%' cannot be reproduced from"
                 " the amounts in the sentence: {tried}"),
        "share": ("“占{pct}%”与分项占总数的比例不符：{part}/{total} = {value}%", "the stated share {pct}% differs"
                  " from the part over its total: {part}/{total} = {value}%"),
    }

    def check(self, ctx):
        from ..facts.numbers import change_rate

        for b in ctx.facts.claims.breakdowns:
            t = b.total
            if not t.exact or not t.value:
                continue
            for p, s, e, pct, decimals in b.shares:
                if p.exact and not reproducible(pct, decimals, p.value, t.value, formulas=("a/b",)):
                    text = f"{pct:.{decimals}f}" if decimals else str(int(pct))
                    yield ctx.report("share", s, e, pct=text, part=_n(p), total=_n(t),
                                     value=_num(p.value / t.value * 100, max(decimals, 1) + 1))
        for r in ctx.facts.claims.rates:
            if change_rate(r.name):
                continue
            pairs = []
            if r.stem is not None and r.stem.exact:
                others = [q for q in r.amounts if q is not r.stem and q.unit == r.stem.unit and q.exact]
                pairs = [(r.stem, q) for q in others]
            elif r.name.endswith("率"):  # a share (占比/比例) needs its whole named in the sentence
                units = {}
                for q in r.amounts:
                    units.setdefault(q.unit, []).append(q)
                same = [qs for qs in units.values() if len(qs) == 2]
                if len(same) == 1 and len(r.amounts) <= 3 and all(q.exact for q in same[0]):
                    x, y = same[0]
                    pairs = [(x, y), (y, x)]
            if not pairs:
                continue
            if any(reproducible(r.percent, r.decimals, a.value, b.value) for a, b in pairs):
                continue
            a, b = min(pairs, key=lambda p: p[0].value > p[1].value)  # show the part over the whole
            d = max(r.decimals, 1) + 1
            tried = "；".join(f"{label.replace('a', _n(a)).replace('b', _n(b))} = {_num(v, d)}%"
                             for label, v in _formulas(a.value, b.value) if v >= 0)
            pct = f"{r.percent:.{r.decimals}f}" if r.decimals else str(int(r.percent))
            yield ctx.report("rate", r.start, r.end, name=r.name, pct=pct, tried=tried)


class PercentOverHundred(Rule):
    """检查内容：不可能超过 100% 的比率（成功率、办结率、满意率、占比……）超过 100%，或同一句中几项占比之和超过 100%。

    What it checks: a rate that cannot exceed 100% (success, completion, satisfaction, a share)
    stated above 100%, or the shares of one whole in one sentence adding up to more than 100%
    (rounding allowed: up to 100.5%).

    依据 / Why: 规范第 9.5 节 I-15：“Also flag shares of one whole that add up to more than 100%”（warning）。

    错误示例 / Failing: “网上公开20条，所占比例为30%；公告栏公开45条，所占比例为75%”（30% + 75% = 105%）。

    正确示例 / Passing: “予以公开258件，占32.0%；不予公开19件，占2.4%”。
    """

    code = "GIP514"
    name = "percent-over-100"
    summary = "百分比超过100%"
    summary_en = "a percentage above 100"
    default_severity = "warning"
    messages = {
        "rate": ("“{name}{pct}%”超过100%", "'{name} {pct}%' is above 100%"),
        "shares": ("同一句中的各项占比之和为{sum}%，超过100%（{parts}）", "the shares in this sentence add up"
                   " to {sum}% ({parts}), more than 100%"),
    }

    def check(self, ctx):
        from ..facts.numbers import bounded_rate

        claims = ctx.facts.claims
        for r in claims.rates:
            if r.percent > 100 and bounded_rate(r.name):
                yield ctx.report("rate", r.start, r.end, name=r.name, pct=_num(r.percent, r.decimals))
        for sent, shares in claims.shares:
            total = sum(v for _, _, v in shares)
            if total > 100.5:
                yield ctx.report("shares", shares[0][0], shares[-1][1], sum=_num(total, 2),
                                 parts=" + ".join(_num(v, 2) + "%" for _, _, v in shares))


RULES = [BreakdownSum, PartExceedsTotal, RateMismatch, PercentOverHundred]
