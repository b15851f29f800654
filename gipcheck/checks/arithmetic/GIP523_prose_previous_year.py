"""GIP523 prose-previous-year."""

from __future__ import annotations

import os

from ..base import Rule
from ._pairs import _fmt, across_identities, label, year_name


class ProsePreviousYear(Rule):
    """检查内容：正文复述上一年度结转的数字（如“上年结转 N 件”）时，应等于上一年度报告表三
    “四、结转下年度继续办理”的总计。只在两份报告配对（同一机关相邻年度，或 ``--previous``）、
    全文只有一个这样的数字、且本年度表三读不到“二、上年结转”的总计时比较（读得到时由 GIP521
    和 GIP508 比较，不重复报告）。

    What it checks: a figure the prose gives for last year's carry-over ("上年结转 N 件") against
    the previous report's table 三, row "四、结转下年度继续办理", 总计 column. Only for paired
    reports, when the text states that figure once, and when the report's own table 三 gives no
    二、上年结转 total (when it does, GIP521 and GIP508 say what differs, once).

    依据 / Why: 规范第 9.4 节 I-13 与 9.1 节 I-5：正文复述的数字应与表格一致；上年结转就是上一年度报告
    的结转下年度。正文口径可能不同，所以只作 warning。
    """

    code = "GIP523"
    name = "prose-previous-year"
    summary = "正文中的上年结转数与上一年度报告不符"
    summary_en = "the prose's carried-over figure differs from last year's report"
    default_severity = "warning"
    messages = {"prose": ("正文称{what}{value}件，但{year}报告（{other}）表三“{row}”总计为{other_value}件",
                          "the prose states {value} for '{what}', but {year}'s report ({other}) has {other_value}"
                          " in table 三 '{row}' (总计)")}

    def check(self, ctx):
        return ()  # needs two reports: check_pair

    def check_pair(self, pair):
        earlier, later = pair.earlier, pair.later
        figures = later.summary.get("prose") or {}
        for table, ident in across_identities(pair, "across"):
            total = table.row_total or "total"
            for left, right in zip(ident.left, ident.right):
                figure = figures.get(right)
                cell = earlier.cell(table.id, left, total)
                if figure is None or cell is None or earlier.uncertain(table.id, left):
                    continue
                if later.cell(table.id, right, total) is not None:
                    continue  # its own table has the figure: GIP521 and GIP508 say what differs
                if abs(float(figure[0]) - float(cell[0])) < 1e-9:
                    continue
                yield pair.report("prose", later, figure[2:], against=earlier, against_place=cell, what=figure[1],
                                  value=_fmt(figure[0]), year=year_name(earlier, pair.lang),
                                  other=os.path.basename(earlier.path), row=label(table, left),
                                  other_value=_fmt(cell[0]), fingerprint_extra=right)
