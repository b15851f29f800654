"""GIP506 table2-plausibility."""

from __future__ import annotations

from ..base import Rule
from ..tables._common import outdated
from ._common import _fmt


class Table2Plausibility(Rule):
    """检查内容：表二的合理性（2019 格式）：上一年项目数量 + 本年增/减 不应为负；对外公开总数量
    不应小于本年新公开数量。

    What it checks (2019 format): 上一年项目数量 + 本年增/减 ≥ 0, and 对外公开总数量 ≥
    本年新公开数量. 本年新公开数量 above 本年新制作数量 is plausible and not flagged; the
    project counts and 处理决定数量 are not additive.

    依据 / Why: 规范第 9.3 节 I-9、I-10：warning。
    """

    code = "GIP506"
    name = "table2-plausibility"
    summary = "表二数字不合常理"
    summary_en = "implausible table 二 figures"
    default_severity = "warning"
    messages = {
        "negative": ("表二“{row}”：上一年项目数量{prev}加本年增/减{change}为{sum}，项目数不能为负",
                     "table 二, '{row}': previous year's {prev} plus this year's change {change} is {sum};"
                     " a number of items cannot be negative"),
        "total": ("表二“{row}”：对外公开总数量{total}小于本年新公开数量{published}",
                  "table 二, '{row}': the published total {total} is below this year's {published}"),
    }

    def check(self, ctx):
        if outdated(ctx):
            return
        table = ctx.facts.tables.get("t2")
        if table is None:
            return
        for row in table.rows.values():
            if row.cells is None or row.uncertain:
                continue
            cells = {c.id: cell for c, cell in zip(table.columns_of(row.spec.id), row.cells)}
            prev, change = cells.get("previous"), cells.get("change")
            if prev and change and prev.kind == "int" and change.kind in ("int", "blank", "placeholder"):
                if prev.number + change.number < 0:
                    yield ctx.report("negative", change.start, change.end, row=row.spec.label, prev=prev.raw,
                                     change=change.raw, sum=_fmt(prev.number + change.number))
            total, published = cells.get("in-force"), cells.get("published")
            if total and published and total.kind == "int" and published.kind == "int":
                if total.number < published.number:
                    yield ctx.report("total", total.start, total.end, row=row.spec.label, total=total.raw,
                                     published=published.raw)
