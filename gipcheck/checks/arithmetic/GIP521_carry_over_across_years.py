"""GIP521 carry-over-across-years."""

from __future__ import annotations

import os

from ..base import Rule
from ._pairs import _fmt, across_identities, label, year_name


class CarryOverAcrossYears(Rule):
    """检查内容：同一机关相邻两年的报告中，上一年度表三“四、结转下年度继续办理”每一列的数字，
    应等于下一年度表三“二、上年结转政府信息公开申请数量”同一列的数字。检查目录（或用
    ``--previous 上年报告`` 指定上一年度报告）时，按报告机关和年度配对。两份报告都报告：各在自己的
    单元格上，并指向另一份报告的对应单元格。

    What it checks: for two reports of one agency for consecutive years, every column of table
    三's row "四、结转下年度继续办理" of year Y equals the same column of row "二、上年结转" of year
    Y+1. Reports in a folder are paired by agency and year (or explicitly with ``--previous``);
    both reports get a finding at their own cell, pointing at the other report's cell.

    依据 / Why: 规范第 9.1 节 I-5：上一年度结转的申请就是下一年度的上年结转；模板没有写明，但由行的
    含义决定。机构改革（职能划转、合并）可能合理地打破这一关系，所以只作 warning。
    """

    code = "GIP521"
    name = "carry-over-across-years"
    summary = "上年结转与上一年度报告的结转下年度不一致"
    summary_en = "carried over differs from last year's carried forward"
    default_severity = "warning"
    messages = {
        "later": ("表三“{row}”“{column}”为{value}，但{year}报告（{other}）的“{other_row}”为{other_value}"
                  "（{identity}；机构改革等可能合理地造成差异）",
                  "table 三 '{row}', column '{column}' is {value}, but {year}'s report ({other}) has {other_value}"
                  " in '{other_row}' (identity: {identity}; a reorganisation may explain it)"),
        "earlier": ("表三“{row}”“{column}”为{value}，但{year}报告（{other}）的“{other_row}”为{other_value}"
                    "（{identity}；机构改革等可能合理地造成差异）",
                    "table 三 '{row}', column '{column}' is {value}, but {year}'s report ({other}) has"
                    " {other_value} in '{other_row}' (identity: {identity}; a reorganisation may explain it)"),
    }

    def check(self, ctx):
        return ()  # needs two reports: check_pair

    def check_pair(self, pair):
        earlier, later = pair.earlier, pair.later
        for table, ident in across_identities(pair, "across"):
            for left, right in zip(ident.left, ident.right):
                if earlier.uncertain(table.id, left) or later.uncertain(table.id, right):
                    continue
                for col in table.columns:
                    a = earlier.cell(table.id, left, col.id)
                    b = later.cell(table.id, right, col.id)
                    if a is None or b is None or abs(float(a[0]) - float(b[0])) < 1e-9:
                        continue
                    args = {"column": col.label, "identity": ident.name, "fingerprint_extra": f"{ident.id}:{col.id}"}
                    yield pair.report("later", later, b, against=earlier, against_place=a, row=label(table, right),
                                      value=_fmt(b[0]), year=year_name(earlier, pair.lang),
                                      other=os.path.basename(earlier.path), other_row=label(table, left),
                                      other_value=_fmt(a[0]), **args)
                    yield pair.report("earlier", earlier, a, against=later, against_place=b, row=label(table, left),
                                      value=_fmt(a[0]), year=year_name(later, pair.lang),
                                      other=os.path.basename(later.path), other_row=label(table, right),
                                      other_value=_fmt(b[0]), **args)
