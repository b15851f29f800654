"""GIP508 prose-table-mismatch."""

from __future__ import annotations

from ..base import Rule
from ..tables._common import outdated
from ._common import _fmt


class ProseMatchesTable(Rule):
    """检查内容：正文中关于依申请公开的数字（新收/受理、上年结转、办结/答复、结转下年度）与表三
    “总计”列是否一致。只有句子的口径明确、全文只有一个这样的数字时才比较。

    "受理/收到申请N件" may also count the applications carried over from the previous year, so
    new + carried is accepted too.

    What it checks: figures the prose states about requests — received (新收/收到/受理 …申请N件),
    carried over (上年结转N件), completed (办结/答复N件), carried forward (N件结转下年度) — against
    table 三's 总计 column. Only when the whole text states that figure once, unambiguously.

    依据 / Why: 规范第 9.4 节 I-13：正文复述表格数字时应与表格一致。正文口径常与表格不同（全部受理 vs
    表中数字），所以只作 warning，且有歧义时不报。
    """

    code = "GIP508"
    name = "prose-table-mismatch"
    summary = "正文数字与表三不一致"
    summary_en = "a figure in the prose differs from table 三"
    default_severity = "warning"
    messages = {"mismatch": ("正文称{what}{found}件，但表三“{row}”总计为{table}件",
                             "the prose states {found} for '{row}', but table 三's total is {table}")}

    def check(self, ctx):
        if outdated(ctx):
            return
        table = ctx.facts.tables.get("t3")
        if table is None or not table.found:
            return
        col = next((i for i, c in enumerate(table.spec.columns) if c.id == (table.spec.row_total or "total")), None)
        if col is None:
            return
        text = ctx.facts.folded
        for figure in table.spec.prose:  # the profile says how prose states each figure
            rid = figure.row
            row = table.rows.get(rid)
            if row is None or row.cells is None or row.uncertain or row.cells[col].kind not in ("int",):
                continue
            hits = [h for node in ctx.tree.paragraphs() for h in figure.matches(text, node.start, node.end)]
            values = {h[2] for h in hits}
            if len(values) != 1:
                continue  # none, or several different figures: the scope is ambiguous
            s, e, found = hits[0]
            accepted = {row.cells[col].number}
            carried = table.rows.get("carried")
            if rid == "new" and carried is not None and carried.cells is not None:
                # "受理申请749件" may count the applications carried over too (713 + 36)
                accepted.add(row.cells[col].number + carried.cells[col].number)
            if found not in accepted:
                yield ctx.report("mismatch", s, e, what=figure.name, found=found, row=figure.name,
                                 table=_fmt(row.cells[col].number), fingerprint_extra=rid)
