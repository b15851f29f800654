"""GIP412 rules-by-township."""

from __future__ import annotations

from ..base import Rule
from ._common import cell_place, outdated


class RulesByTownship(Rule):
    """检查内容：乡镇人民政府或街道办事处的报告在表二“规章”一行填了不为 0 的数字。

    What it checks: a township government or street office reports 规章 (made, repealed or in
    force) in table 二. The agency is a township when the title names one (镇人民政府, 街道办事处 …)
    or, without a title, when the text calls itself so at least twice (我镇, 本街道 …); the words
    are the profile's ``wording.township_titles`` / ``township_self``.

    依据 / Why: 规章只能由国务院部门和省、设区的市、自治州人民政府制定（《立法法》第九十一条、
    第九十三条），乡镇、街道无权制定规章；这一行应为 0（规范第 6.1 节表二）。
    """

    code = "GIP412"
    name = "rules-by-township"
    summary = "乡镇（街道）填报了规章"
    summary_en = "a township reports rules (规章)"
    default_severity = "warning"
    messages = {"rules": ("{where}为{raw}，但乡镇人民政府、街道办事处无权制定规章，这一行应为 0",
                          "{where} is {raw}, but a township or street office cannot make rules (规章);"
                          " the row should be 0")}

    def check(self, ctx):
        words = ctx.profile.wording
        if outdated(ctx) or not words.township_titles or not _township(ctx, words):
            return
        table = ctx.facts.tables.get("t2")
        row = table.rows.get("rules") if table is not None else None
        if row is None or row.cells is None or row.uncertain:
            return
        for col, cell in zip(table.columns_of("rules"), row.cells):
            if cell.kind == "int" and cell.number > 0:
                # the whole row is wrong for this agency: from its label to the cell
                start = row.label.start if row.label is not None else cell.start
                yield ctx.report("rules", start, cell.end, where=cell_place(ctx, table, row, col), raw=cell.raw)


def _township(ctx, words) -> bool:
    title = "".join(n.text for n in ctx.tree.title)
    if title:
        return any(w in title for w in words.township_titles)
    text = ctx.facts.text
    return sum(text.count(w) for w in words.township_self) >= 2
