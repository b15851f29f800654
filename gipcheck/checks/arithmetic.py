"""GIP5xx — arithmetic: the identities of the standard tables (勾稽关系), and prose against tables.

The identities are data: each table template in ``rules/*.yaml`` lists them (``kind:
columns`` — for every column, Σ left rows = Σ right rows; ``kind: rows`` — in every row,
the total column = Σ part columns). A rule here names the identity ids it checks.
Rows that could not be aligned, or were placed only by their position (``uncertain``),
never produce an arithmetic finding.
"""

from __future__ import annotations

import re
from typing import ClassVar

from .base import Rule
from .tables import aligned_cells, outdated, short

_EPS = 1e-6


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return str(v)


def _row_name(spec) -> str:
    """"一、本年新收政府信息公开申请数量" → "一、本年新收"."""
    return short(re.split(r"政府信息公开", spec.label)[0] or spec.label, 14)


class IdentityRule(Rule):
    """Base of the identity rules: checks the identities whose id is in ``identities``."""

    identities: ClassVar[tuple[str, ...]] = ()

    def _specs(self, ctx):
        if outdated(ctx):
            return
        for table in ctx.facts.tables.values():
            for ident in table.spec.identities:
                if ident.id in self.identities:
                    yield table, ident

    def check(self, ctx):
        for table, ident in self._specs(ctx):
            if ident.kind == "columns":
                yield from self._columns(ctx, table, ident)
            else:
                yield from self._rows(ctx, table, ident)

    # Σ left rows = Σ right rows, for every column
    def _columns(self, ctx, table, ident):
        rows = table.rows

        def present(rid):
            r = rows.get(rid)
            return r is not None and r.cells is not None

        needed = [rid for rid in ident.left + ident.right if not table.spec.row(rid).optional
                  and not any(rid in o.replaces and present(o.id) for o in table.spec.rows if o.optional)]
        if not all(present(r) for r in needed):
            return  # a missing or misaligned row: GIP402/GIP403 say so
        used = [rid for rid in ident.left + ident.right if present(rid)]
        uncertain = any(rows[r].uncertain for r in used)
        implied = self._implied_totals(table)
        for i, col in enumerate(table.spec.columns):
            left = [(rid, rows[rid].cells[i]) for rid in ident.left if present(rid)]
            right = [(rid, rows[rid].cells[i]) for rid in ident.right if present(rid)]

            def value(rid, cell, i=i):
                # a blank total is GIP504's finding; here it stands for the sum of its row
                return implied.get(rid, cell.number) if i == implied.get("_col") else cell.number

            lsum = sum(value(r, c) for r, c in left)
            rsum = sum(value(r, c) for r, c in right)
            if abs(lsum - rsum) <= _EPS or uncertain:
                continue
            anchor = left[-1][1] if len(left) == 1 else right[0][1]
            terms = lambda side: " + ".join(_row_name(table.spec.row(r)) for r, _ in side)  # noqa: E731
            yield ctx.report(
                "columns", anchor.start, anchor.end, table=table.spec.number, column=col.label,
                left=terms(left), lsum=_fmt(lsum), right=terms(right) if len(right) <= 4 else
                f"{_row_name(table.spec.row(right[0][0]))} … {_row_name(table.spec.row(right[-1][0]))}（{len(right)}项）",
                rsum=_fmt(rsum), identity=ident.name, fingerprint_extra=f"{ident.id}:{col.id}")

    @staticmethod
    def _implied_totals(table) -> dict:
        """For rows whose row-total cell is blank: the sum of the row's parts ({row id: sum}),
        plus the total column's index under "_col"."""
        ident = next((i for i in table.spec.identities if i.kind == "rows" and i.total == table.spec.row_total), None)
        if ident is None:
            return {}
        cols = {c.id: i for i, c in enumerate(table.spec.columns)}
        out: dict = {"_col": cols[ident.total]}
        for row in table.rows.values():
            if row.cells is not None and row.cells[cols[ident.total]].kind == "blank":
                out[row.spec.id] = sum(row.cells[cols[p]].number for p in ident.parts)
        return out

    # the total column = Σ part columns, in every row
    def _rows(self, ctx, table, ident):
        cols = {c.id: i for i, c in enumerate(table.spec.columns)}
        for row in table.rows.values():
            if row.cells is None or row.uncertain:
                continue
            total = row.cells[cols[ident.total]]
            parts = [row.cells[cols[p]] for p in ident.parts]
            psum = sum(c.number for c in parts)
            if any(c.kind == "text" for c in parts + [total]):
                continue  # GIP404 reports the cell
            where = (f"表{table.spec.number}“{table.spec.column(ident.total).label}”" if table.spec.flat
                     else f"表{table.spec.number}“{_row_name(row.spec)}”行")
            if total.kind in ("blank", "placeholder"):
                if abs(psum) > _EPS and "blank" in self.messages:
                    yield ctx.report("blank", total.start, total.end, where=where, sum=_fmt(psum),
                                     fingerprint_extra=f"{ident.id}:{row.spec.id}:{ident.total}")
                continue
            if "rows" in self.messages and abs(total.number - psum) > _EPS:
                yield ctx.report("rows", total.start, total.end, where=where, total=_fmt(total.number),
                                 sum=_fmt(psum), parts=" + ".join(_fmt(c.number) for c in parts),
                                 identity=ident.name, fingerprint_extra=f"{ident.id}:{row.spec.id}:{ident.total}")


_COLUMNS_MSG = ("表{table}“{column}”列不平衡：{left} = {lsum}，{right} = {rsum}（勾稽关系：{identity}）",
                "table {table}, column '{column}' does not balance: {left} = {lsum}, {right} = {rsum}"
                " (identity: {identity})")


class Table3Balance(IdentityRule):
    """检查内容：表三每一列“一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理”。

    What it checks: table 三's own identity, printed in its header, for every column:
    new + carried over = total handled + carried forward.

    依据 / Why: 表三表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”
    （国办公开办函〔2019〕60号、〔2021〕30号；规范第 9.1 节 I-1：error）。

    错误示例 / Failing: 本年新收 20，上年结转 3，（七）总计 21，结转下年度 1：20 + 3 = 23 ≠ 22。

    正确示例 / Passing: 859 + 18 = 805 + 72 = 877。
    """

    code = "GIP501"
    name = "table3-balance"
    summary = "表三勾稽关系不平衡"
    summary_en = "table 三 does not balance"
    default_severity = "error"
    identities = ("I-1",)
    messages = {"columns": _COLUMNS_MSG}


class Table3ResultsTotal(IdentityRule):
    """检查内容：表三每一列“（七）总计”等于各项办理结果（（一）至（六）各行）之和。

    What it checks: for every column of table 三, （七）总计 equals the sum of all result rows
    （一）…（六） (in the 2021 format （六） is its three sub-rows).

    依据 / Why: （七）总计是办理结果的合计（规范第 9.1 节 I-2：error）。

    错误示例 / Failing: 予以公开 5，不予公开 2，其余为 0，（七）总计 8。

    正确示例 / Passing: 自然人 258+3+14+5+3+10+252+44+25+148+5 = 767。
    """

    code = "GIP502"
    name = "table3-results-total"
    summary = "表三（七）总计与办理结果之和不符"
    summary_en = "table 三's total differs from the sum of results"
    default_severity = "error"
    identities = ("I-2",)
    messages = {"columns": _COLUMNS_MSG}


class TableRowTotal(IdentityRule):
    """检查内容：表三每一行的“总计”等于六类申请人（自然人、商业企业、科研机构、社会公益组织、
    法律服务机构、其他）之和。

    What it checks: in every row of table 三, 总计 equals the sum of the six applicant columns.
    A blank 总计 with non-zero parts is GIP504 instead.

    依据 / Why: 规范第 9.1 节 I-3：error。

    错误示例 / Failing: “一、本年新收 | 10 | 2 | 0 | 0 | 1 | 0 | 12”（10+2+1 = 13）。

    正确示例 / Passing: 821 + 35 + 0 + 0 + 2 + 1 = 859。
    """

    code = "GIP503"
    name = "table3-row-total"
    summary = "表三行总计与各类申请人之和不符"
    summary_en = "a table 三 row total differs from its applicant columns"
    default_severity = "error"
    identities = ("I-3",)
    messages = {"rows": ("{where}总计为{total}，但各类申请人之和为{sum}（{parts}）",
                         "{where}: 总计 is {total} but the applicant columns sum to {sum} ({parts})")}


class TotalBlank(IdentityRule):
    """检查内容：合计单元格（表三“总计”列、表四“总计”）空着，而它的各项不全为 0。

    What it checks: a total cell left blank while its parts are not all zero. A blank total
    whose parts are all zero is fine (blank counts as zero).

    依据 / Why: 规范第 8.1 节：空白合计而分项不为零，报 warning（“missing total”）。

    错误示例 / Failing: “（一）予以公开 | 258 | 12 | | | 1 | 1 |”（总计空白）。

    正确示例 / Passing: “（一）予以公开 | 258 | 12 | 0 | 0 | 1 | 1 | 272”。
    """

    code = "GIP504"
    name = "total-blank"
    summary = "合计单元格空白"
    summary_en = "a total cell is blank"
    default_severity = "warning"
    identities = ("I-3", "I-6")
    messages = {"blank": ("{where}的总计空白，但各项之和为{sum}；请填写总计",
                          "{where}: the total is blank but its parts sum to {sum}")}


class Table4GroupTotal(IdentityRule):
    """检查内容：表四三组（行政复议、未经复议直接起诉、复议后起诉）各自的“总计”等于
    结果维持 + 结果纠正 + 其他结果 + 尚未审结。

    What it checks: in each of table 四's three groups, 总计 = 结果维持 + 结果纠正 + 其他结果 +
    尚未审结.

    依据 / Why: 规范第 9.2 节 I-6：error。表四与表三之间没有勾稽关系，不作比较。

    错误示例 / Failing: 行政复议 10 + 1 + 0 + 0，总计 0。

    正确示例 / Passing: 行政复议 5 + 0 + 0 + 2 = 7。
    """

    code = "GIP505"
    name = "table4-group-total"
    summary = "表四分组总计不符"
    summary_en = "a table 四 group total is wrong"
    default_severity = "error"
    identities = ("I-6",)
    messages = {"rows": ("{where}为{total}，但结果维持、结果纠正、其他结果、尚未审结之和为{sum}（{parts}）",
                         "{where} is {total} but upheld + corrected + other + pending = {sum} ({parts})")}


class Table2Plausibility(Rule):
    """检查内容：表二的合理性（2019 格式）：上一年项目数量 + 本年增/减 不应为负；对外公开总数量
    不应小于本年新公开数量。

    What it checks (2019 format): 上一年项目数量 + 本年增/减 ≥ 0, and 对外公开总数量 ≥
    本年新公开数量. 本年新公开数量 above 本年新制作数量 is plausible and not flagged; the
    project counts and 处理决定数量 are not additive.

    依据 / Why: 规范第 9.3 节 I-9、I-10：warning。

    错误示例 / Failing: “行政许可 | 20 | -30 | 5”（20 − 30 < 0）。

    正确示例 / Passing: “行政许可 | 716 | -417 | 298”。
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


class FeeUnit(Rule):
    """检查内容：2021 格式表二“本年收费金额（单位：万元）”的数值大得不合常理（100 亿元以上），
    像是按“元”填写的。单元格中写了“元”的情形由 GIP407 报告。

    What it checks: the 2021 format's fee amount (in 万元) is implausibly large (one million
    万元, i.e. 10 billion 元, or more): it was probably written in 元. A cell that carries 元
    is GIP407's finding.

    依据 / Why: 规范第 9.3 节 I-11：warning。

    错误示例 / Failing: “行政事业性收费 | 40682080”。

    正确示例 / Passing: “行政事业性收费 | 4068.208”。
    """

    code = "GIP507"
    name = "fee-unit"
    summary = "收费金额疑似单位错误"
    summary_en = "the fee amount looks like the wrong unit"
    default_severity = "warning"
    messages = {"large": ("表二“本年收费金额（单位：万元）”为{raw}万元，即{yuan}亿元，疑似按“元”填写",
                          "table 二's fee amount is {raw} 万元 ({yuan} hundred million 元); it looks like it"
                          " was written in 元")}

    def check(self, ctx):
        if outdated(ctx):
            return
        for _, _, col, cell in aligned_cells(ctx):
            if "万元" in col.units and cell.value is not None and cell.unit is None and cell.value >= 1_000_000:
                yield ctx.report("large", cell.start, cell.end, raw=cell.raw, yuan=_fmt(cell.value / 10000))


# -- prose against table 三 -------------------------------------------------------------------

_N = r"\s*(\d+)\s*"  # PDF text puts spaces around numbers ("受理政府信息公开申请 1295 件")
_PROSE = {
    "new": [re.compile(r"(?:新收|收到|受理|接收)(?:各类)?(?:政府)?信息公开申请(?:共计?|合计)?" + _N + r"件")],
    "carried": [re.compile(r"上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?" + _N + r"件")],
    "total": [re.compile(r"(?:办结|答复)(?:政府信息公开申请|信息公开申请|申请)?(?:共计?)?" + _N + r"件")],
    "forward": [re.compile(_N + r"件(?:申请)?(?:结转|顺延)(?:至|到)?\s*(?:下(?:一)?年度|\d{4}\s*年)"),
                re.compile(r"结转(?:至|到)?下(?:一)?年度(?:继续办理)?(?:的)?(?:申请)?" + _N + r"件")],
}
_ROW_ZH = {"new": "本年新收", "carried": "上年结转", "total": "（七）总计（办结）", "forward": "结转下年度继续办理"}


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

    错误示例 / Failing: 正文“全年新收政府信息公开申请 20 件”，表三本年新收总计 21。

    正确示例 / Passing: 正文“受理859件……答复805件（含上年结转18件）”，表三 859、18、805。
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
        for rid, patterns in _PROSE.items():
            row = table.rows.get(rid)
            if row is None or row.cells is None or row.uncertain or row.cells[col].kind not in ("int",):
                continue
            hits = []
            for node in ctx.tree.paragraphs():
                seg = text[node.start:node.end]
                for p in patterns:
                    hits.extend((node.start + m.start(1), node.start + m.end(1), int(m.group(1)))
                                for m in p.finditer(seg))
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
                yield ctx.report("mismatch", s, e, what=_ROW_ZH[rid], found=found, row=_ROW_ZH[rid],
                                 table=_fmt(row.cells[col].number), fingerprint_extra=rid)


RULES = [Table3Balance, Table3ResultsTotal, TableRowTotal, TotalBlank, Table4GroupTotal,
         Table2Plausibility, FeeUnit, ProseMatchesTable]
