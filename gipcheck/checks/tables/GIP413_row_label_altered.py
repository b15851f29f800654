"""GIP413 row-label-altered."""

from __future__ import annotations

from ...facts.tables import core, one_edit
from ..base import Rule
from ._common import outdated, table_title


class RowLabelAltered(Rule):
    """检查内容：统计表的行名比格式少了、多了或错了一个字（“2.其他法律行政法禁止公开”），
    该行仍按格式读取并参与核对。

    What it checks: a row label of a standard table with one character lost, added or changed
    against the template ("2.其他法律行政法禁止公开" for "2.其他法律行政法规禁止公开"). The row
    is still read as that row and its numbers are checked; the label is only noted.

    依据 / Why: 表格的行名由格式固定（规范第 6、7 节）；改动的行名多是录入时的笔误。
    """

    code = "GIP413"
    name = "row-label-altered"
    summary = "统计表行名有错字或漏字"
    summary_en = "a table row label lost or changed a character"
    default_severity = "info"
    messages = {"label": ("{table}的行名“{found}”与格式不一致，应为“{expected}”",
                          "{table_en}: the row label '{found}' differs from the template's '{expected}'")}

    def check(self, ctx):
        if outdated(ctx):
            return
        for table in ctx.facts.tables.values():
            for row in table.rows.values():
                label = row.label
                if label is None or row.uncertain:
                    continue
                # the label's words without numbering or notes: "予以公开" for "（一）予以公开" is fine
                found = core(label.raw)
                labels = [core(v) for v in (row.spec.label, *row.spec.variants)]
                if found not in labels and any(len(v) >= 6 and one_edit(found, v) for v in labels):
                    yield ctx.report("label", label.start, label.end, table=table_title(table.spec),
                                     table_en=table.spec.name_en, found=label.raw, expected=row.spec.label)
