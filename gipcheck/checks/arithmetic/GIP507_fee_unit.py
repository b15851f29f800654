"""GIP507 fee-unit."""

from __future__ import annotations

from ..base import Option, Rule
from ..tables._common import aligned_cells, outdated
from ._common import _fmt


class FeeUnit(Rule):
    """检查内容：2021 格式表二“本年收费金额（单位：万元）”的数值大得不合常理（100 亿元以上），
    像是按“元”填写的。单元格中写了“元”的情形由 GIP407 报告。

    What it checks: the 2021 format's fee amount (in 万元) is implausibly large (one million
    万元, i.e. 10 billion 元, or more): it was probably written in 元. A cell that carries 元
    is GIP407's finding.

    依据 / Why: 规范第 9.3 节 I-11：warning。
    """

    code = "GIP507"
    name = "fee-unit"
    summary = "收费金额疑似单位错误"
    summary_en = "the fee amount looks like the wrong unit"
    default_severity = "warning"
    options = {"limit": Option(
        float, None, nullable=True, min=0.0, min_exclusive=True,
        help="金额（万元）达到这一数值即视为不合常理；不设时用规则配置中该列的 plausible_max（100 万万元）",
        help_en="an amount (in 万元) at or above this is implausible; unset, the column's"
                " plausible_max in the profile (1,000,000 万元) applies")}
    messages = {"large": ("表二“{column}”为{raw}万元，即{yuan}亿元，疑似按“元”填写",
                          "table 二's fee amount is {raw} 万元 ({yuan} hundred million 元); it looks like it"
                          " was written in 元")}

    def check(self, ctx):
        if outdated(ctx):
            return
        limit = ctx.options["limit"]
        for _, _, col, cell in aligned_cells(ctx):
            if col.plausible_max is None or cell.value is None or cell.unit is not None:
                continue
            if cell.value >= (limit if limit is not None else col.plausible_max):
                yield ctx.report("large", cell.start, cell.end, column=col.label, raw=cell.raw,
                                 yuan=_fmt(cell.value / 10000))
