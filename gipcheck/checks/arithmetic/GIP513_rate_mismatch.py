"""GIP513 rate-mismatch."""

from __future__ import annotations

from ..base import Rule
from ._common import _formulas, _n, _num, reproducible


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
        "sep": ("；", "；"),
    }

    def check(self, ctx):
        from ...facts.numbers import change_rate, named_rate

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
            elif named_rate(r.name) and r.related:  # a share (占比/比例) needs its whole named in the sentence
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
            tried = ctx.text("sep").join(f"{label.replace('a', _n(a)).replace('b', _n(b))} = {_num(v, d)}%"
                             for label, v in _formulas(a.value, b.value) if v >= 0)
            pct = f"{r.percent:.{r.decimals}f}" if r.decimals else str(int(r.percent))
            yield ctx.report("rate", r.start, r.end, name=r.name, pct=pct, tried=tried)
