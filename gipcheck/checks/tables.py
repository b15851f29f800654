"""GIP4xx — the standard tables: presence, completeness, cell values and template version."""

from __future__ import annotations

import re

from ..facts.tables import norm
from .base import Rule


def short(label: str, limit: int = 14) -> str:
    """A row label for messages: its words before any bracketed explanation."""
    text = re.split(r"[（(]区分|[（(]只计", label)[0]
    return text if len(text) <= limit else text[:limit] + "…"


def table_title(spec) -> str:
    return f"表{spec.number}（{spec.name}）"


def outdated(ctx) -> bool:
    """The report uses another era's table template (GIP406): row checks would only repeat it."""
    return bool(ctx.facts.template_signals.foreign)


class TableMissing(Rule):
    """检查内容：适用格式要求的统计表（表二、表三、表四）在其章节下是否有表格文字。

    What it checks: the section that must hold a standard table (二, 三 or 四) has a heading but
    no table text under it — often because the table was published as an image.

    依据 / Why: 国办公开办函〔2019〕60号和〔2021〕30号的格式规定第二、三、四部分以统一表格报告
    （规范第 5.1 节）。以图片发布的表格无法检索、核对（规范第 12 节 D8：warning）。缺少整个章节时由 GIP101 报告。

    错误示例 / Failing: “二、主动公开政府信息情况”下只有一行说明，没有表格。

    正确示例 / Passing: 章节下有完整的表格文字。
    """

    code = "GIP401"
    name = "table-missing"
    summary = "章节下没有统计表"
    summary_en = "a standard table is missing"
    default_severity = "warning"
    messages = {
        "missing": ("“{section}”章节下没有{table}的表格文字（表格可能以图片发布，无法核对）",
                    "no text of {table_en} under the section '{section}' (the table may have been"
                    " published as an image and cannot be checked)"),
    }

    def check(self, ctx):
        if outdated(ctx):
            return
        for tid, table in ctx.facts.tables.items():
            if table.found or table.empty or not table.section_found or ctx.truncated and not table.section_closed:
                continue  # a table in the section where a cut-off text stops may just be cut off
            block = ctx.facts.sections.blocks_for(table.spec.section)[0]
            yield ctx.report("missing", block.heading.start, block.heading.end, section=block.heading.title,
                             table=table_title(table.spec), table_en=table.spec.name_en, fingerprint_extra=tid)


class TableRowsMissing(Rule):
    """检查内容：统计表中是否缺少格式规定的行（按行名识别，允许标注、截断和换行）。

    What it checks: rows of a standard table that the template requires but the text lacks.
    Rows are found by their labels (folded, by prefix, truncated prefix or fragment), in every
    layout: pipe rows, one cell per line, tabs, markdown, PDF text.

    依据 / Why: 表格的行由格式固定（规范第 6、7 节）；少了行，勾稽关系也无法核对。

    错误示例 / Failing: 表三没有“（六）其他处理”行。

    正确示例 / Passing: 表三的 23 行（2019 格式）或 25 行（2021 格式）齐全。
    """

    code = "GIP402"
    name = "table-rows-missing"
    summary = "统计表缺少行"
    summary_en = "rows of a standard table are missing"
    default_severity = "warning"
    messages = {
        "rows": ("{table}缺少{count}行：{rows}", "{table_en} lacks {count} row(s): {rows}"),
    }

    def check(self, ctx):
        if outdated(ctx):
            return
        for tid, table in ctx.facts.tables.items():
            if not table.found or not table.missing or ctx.truncated and not table.section_closed:
                continue
            first = next((r.label for r in table.rows.values() if r.label is not None), None)
            s, e = (first.start, first.end) if first else (table.start, table.start)
            yield ctx.report("rows", s, e, table=table_title(table.spec), table_en=table.spec.name_en,
                             count=len(table.missing), rows="、".join(short(r.label) for r in table.missing),
                             fingerprint_extra=tid)


class TableMisaligned(Rule):
    """检查内容：统计表中单元格数与格式不符、无法对齐的行（多出或缺少单元格）。

    What it checks: rows whose number of cells does not fit the template (extra non-empty
    cells, or too few). They are reported once per table and left out of every arithmetic
    check, so that no identity is built on a misaligned column.

    依据 / Why: 列由格式固定（规范第 6、7 节）；错位的行无法可靠读取。

    错误示例 / Failing: “规章 | 22 | 235”（表二第（一）项应有三列）。

    正确示例 / Passing: “规章 | 0 | 0 | 0”。
    """

    code = "GIP403"
    name = "table-misaligned"
    summary = "统计表的行无法对齐"
    summary_en = "table rows cannot be aligned"
    default_severity = "warning"
    messages = {
        "rows": ("{table}有{count}行无法与格式对齐（未参与核对）：{rows}",
                 "{table_en}: {count} row(s) do not fit the template's columns and were not checked: {rows}"),
    }

    def check(self, ctx):
        truncated = ctx.facts.truncated_at
        for tid, table in ctx.facts.tables.items():
            bad = [r for r in table.rows.values() if r.cells is None]
            if truncated is not None:
                # the row the text stops in is cut off, not misaligned
                bad = [r for r in bad if not (r.label and r.label.start >= truncated[0] - 400 and r.problem == "short")]
            if not bad or outdated(ctx) and tid == "t2":
                continue
            n = len(table.spec.columns) if not table.spec.blocks else None
            parts = []
            for r in bad:
                want = n if n is not None else len(table.columns_of(r.spec.id))
                parts.append(f"{short(r.spec.label)}（应有{want}格，读到{r.found}格）")
            anchor = next((r.label for r in bad if r.label is not None), None)
            s, e = (anchor.start, anchor.end) if anchor else (table.start, table.start)
            yield ctx.report("rows", s, e, table=table_title(table.spec), table_en=table.spec.name_en,
                             count=len(bad), rows="；".join(parts), fingerprint_extra=tid)


def aligned_cells(ctx):
    """Every aligned cell with its column spec and row: (table, row, column spec, cell)."""
    for table in ctx.facts.tables.values():
        for row in table.rows.values():
            if row.cells is None:
                continue
            for col, cell in zip(table.columns_of(row.spec.id), row.cells):
                yield table, row, col, cell


def _where(table, row, col) -> str:
    if table.spec.flat:
        return f"表{table.spec.number}“{col.label}”"
    return f"表{table.spec.number}“{short(row.spec.label)}”行“{col.label}”列"


class CellNotNumber(Rule):
    """检查内容：统计表的数据单元格是否为数字（空白、“/”“-”“—”“无”视为 0，其他文字不是数字）。

    What it checks: data cells of the standard tables that are not numbers. Blank, "/", "-",
    "—" and "无" count as zero; anything else that is not a number is reported.

    依据 / Why: 表格单元格应为数字（规范第 8、9 节 I-4、I-7、I-8）。

    错误示例 / Failing: “行政许可 | 若干 | 0 | 0”。

    正确示例 / Passing: “行政许可 | 276 | -98 | 26878”。
    """

    code = "GIP404"
    name = "cell-not-number"
    summary = "单元格不是数字"
    summary_en = "a table cell is not a number"
    default_severity = "error"
    messages = {"nan": ("{where}的内容“{raw}”不是数字", "{where}: '{raw}' is not a number")}

    def check(self, ctx):
        for table, row, col, cell in aligned_cells(ctx):
            if cell.kind == "text":
                yield ctx.report("nan", cell.start, cell.end, where=_where(table, row, col), raw=cell.raw)


class NegativeValue(Rule):
    """检查内容：不允许为负数的单元格出现负数（只有 2019 格式表二的“本年增/减”可以为负）。

    What it checks: a negative number in a cell whose column cannot be negative. Only the 2019
    format's 本年增/减 may be negative. A lone "-" is a placeholder, not a sign.

    依据 / Why: 规范第 8.2 节、第 9 节 I-4、I-7、I-8。

    错误示例 / Failing: 表三“自然人”列为“-2”。

    正确示例 / Passing: “行政许可 | 276 | -98 | 26878”（-98 在“本年增/减”列）。
    """

    code = "GIP405"
    name = "negative-value"
    summary = "单元格不应为负数"
    summary_en = "a negative value where none is allowed"
    default_severity = "error"
    messages = {"neg": ("{where}为负数（{raw}），该栏不能为负", "{where} is negative ({raw}); this column"
                        " cannot be negative")}

    def check(self, ctx):
        for table, row, col, cell in aligned_cells(ctx):
            if cell.value is not None and cell.value < 0 and not col.signed:
                yield ctx.report("neg", cell.start, cell.end, where=_where(table, row, col), raw=cell.raw)


class NonInteger(Rule):
    """检查内容：计数栏（件数、申请数、案件数）出现小数。金额栏（采购总金额、本年收费金额）可以有小数。

    What it checks: a fractional number in a count column. Amount columns (采购总金额,
    本年收费金额) may be fractional.

    依据 / Why: 规范第 8.2 节、第 9 节 I-4、I-7、I-8。

    错误示例 / Failing: 表三“自然人”列为“2.5”。

    正确示例 / Passing: “行政事业性收费 | 4068.208”（万元，可为小数）。
    """

    code = "GIP406"
    name = "non-integer"
    summary = "计数栏出现小数"
    summary_en = "a fraction in a count column"
    default_severity = "error"
    messages = {"frac": ("{where}为小数（{raw}），该栏应为整数", "{where} is fractional ({raw}); this column"
                         " counts and must be a whole number")}

    def check(self, ctx):
        for table, row, col, cell in aligned_cells(ctx):
            if cell.kind == "decimal" and not col.decimal and cell.value != int(cell.value):
                yield ctx.report("frac", cell.start, cell.end, where=_where(table, row, col), raw=cell.raw)


class UnitInCell(Rule):
    """检查内容：单元格中写了该栏没有规定的单位（如计数栏写“件”，万元栏写“元”）。

    What it checks: a unit written in a cell that its column does not take: "件" in a count
    column (noted, info), "元" in a 万元 column (warning: the amount is probably off by 10,000).
    A unit the column allows (采购总金额 "3292078元") is fine.

    依据 / Why: 规范第 8.2 节与第 9 节 I-11：2021 格式“本年收费金额”的单位是万元。

    错误示例 / Failing: “行政事业性收费 | 40682元”（单位：万元）。

    正确示例 / Passing: “政府集中采购 | 8 | 3292078元”。
    """

    code = "GIP407"
    name = "unit-in-cell"
    summary = "单元格中的单位与该栏不符"
    summary_en = "a unit in a cell that its column does not take"
    default_severity = "info"
    messages = {
        "unit": ("{where}写有单位“{unit}”；该栏{expect}", "{where} carries the unit '{unit}'; the column {expect_en}"),
    }

    def check(self, ctx):
        for table, row, col, cell in aligned_cells(ctx):
            if not cell.unit or cell.unit in col.units:
                continue
            if col.units:
                yield ctx.report("unit", cell.start, cell.end, severity="warning", where=_where(table, row, col),
                                 unit=cell.unit, expect=f"的单位是{'、'.join(col.units)}，数值可能差了单位换算",
                                 expect_en=f"is in {', '.join(col.units)}; the value may be off by the unit")
            else:
                yield ctx.report("unit", cell.start, cell.end, where=_where(table, row, col), unit=cell.unit,
                                 expect="只填数字", expect_en="takes a number only")


class OutdatedTemplate(Rule):
    """检查内容：统计表使用了其他时期的格式，例如 2021 年起的报告仍用 2019 年格式（本年新制作数量、
    上一年项目数量、第二十条第（九）项）；2019—2020 年的报告用了 2021 年的栏目；或 2018 年及以前的报告
    出现 2019 年起才有的表格。

    What it checks: the tables use another era's template: a 2021+ report with the 2019 labels
    (本年新制作数量, 上一年项目数量, 第二十条第（九）项 …), a 2019–2020 report with the 2021
    labels, or a report on 2018 or earlier with the 2019+ tables. Two labels of the other era
    are needed, so a single word in prose does not trigger it.

    依据 / Why: 适用格式取决于报告年度（规范第 4 节）：2019—2020 年按国办公开办函〔2019〕60号，
    2021 年起按国办公开办函〔2021〕30号。

    错误示例 / Failing: 2021 年度报告表二为“信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量”。

    正确示例 / Passing: 2021 年度报告表二为“信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数”。
    """

    code = "GIP408"
    name = "outdated-template"
    summary = "统计表使用了其他时期的格式"
    summary_en = "the tables follow another era's template"
    default_severity = "error"
    messages = {
        "foreign": ("{year}年度报告应使用{expected}，但统计表使用了{era}格式的栏目：{labels}",
                    "a report on {year} should use {expected_en}, but its tables use the {era_en} labels: {labels}"),
    }

    _ERA = {"2019": ("2019年（国办公开办函〔2019〕60号）", "2019 (No. 60 of 2019)"),
            "2021": ("2021年（国办公开办函〔2021〕30号）", "2021 (No. 30 of 2021)")}

    def check(self, ctx):
        sig = ctx.facts.template_signals
        if not sig.foreign:
            return
        era = sig.foreign[0][0]
        ry = ctx.facts.report_year
        year = ry.year if ry else "本"
        if ctx.profile.tables:
            expected = ctx.profile.name
            expected_en = ctx.profile.name_en
        else:
            expected, expected_en = "2008年条例的内容（当时没有全国统一表格）", "the contents of the 2008 regulation (no national tables)"
        s, e = sig.foreign[0][1], sig.foreign[0][2]
        labels = "、".join(dict.fromkeys(label for _, _, _, label in sig.foreign))
        yield ctx.report("foreign", s, e, year=year, expected=expected, expected_en=expected_en,
                         era=self._ERA.get(era, (era, era))[0], era_en=self._ERA.get(era, (era, era))[1],
                         labels=labels)


class TemplateDeviation(Rule):
    """检查内容：2021 年起的报告对格式的局部改动：表三“（六）其他处理”只写一行（应分三项），
    表二用“规范性文件”而非“行政规范性文件”。

    What it checks: local deviations from the 2021 template: table 三's （六）其他处理 as one row
    instead of its three sub-rows (the identities still use it as one term), and table 二's
    old row label 规范性文件 instead of 行政规范性文件.

    依据 / Why: 国办公开办函〔2021〕30号的 Word 模板（规范第 7.2、7.3 节：warning）。

    错误示例 / Failing: 2022 年报告表三“（六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0”。

    正确示例 / Passing: “（六）其他处理”下分列 1、2、3 三行。
    """

    code = "GIP409"
    name = "template-deviation"
    summary = "统计表与格式有局部出入"
    summary_en = "a local deviation from the table template"
    default_severity = "warning"
    messages = {
        "collapsed": ("表三“（六）其他处理”只有一行；{format}要求分为三项（逾期不补正、逾期未缴费、其他）",
                      "table 三's （六）其他处理 is a single row; {format_en} splits it into three sub-rows"),
        "label": ("表二的行名“{found}”已改为“{expected}”（{format}）", "table 二's row label '{found}' is"
                  " '{expected}' in {format_en}"),
    }

    def check(self, ctx):
        if outdated(ctx):
            return
        profile = ctx.profile
        for table in ctx.facts.tables.values():
            for row in table.rows.values():
                if row.label is None or row.uncertain:
                    continue
                if row.spec.optional and row.spec.replaces:
                    yield ctx.report("collapsed", row.label.start, row.label.end, format=profile.name,
                                     format_en=profile.name_en)
                elif row.spec.variants and norm(row.label.raw) in {norm(v) for v in row.spec.variants}:
                    yield ctx.report("label", row.label.start, row.label.end, found=row.label.raw,
                                     expected=row.spec.label, format=profile.name, format_en=profile.name_en)


class OutdatedBasis(Rule):
    """检查内容：引言引用的编制依据是否过时或无关：2021 年起的报告引用国办公开办函〔2019〕60号，
    或引用与年度报告格式无关的通知（如关于政府网站的国办函〔2018〕12号）。

    What it checks: the introduction cites an outdated or unrelated basis: a 2021+ report
    citing No. 60 of 2019, a 2019–2020 report citing No. 30 of 2021, or an unrelated notice
    (国办函〔2018〕12号 is about government websites).

    依据 / Why: 规范第 4 节：“Outdated basis (warning)”。

    错误示例 / Failing: 2022 年度报告：“根据……国办公开办函〔2019〕60号要求编制”。

    正确示例 / Passing: “根据……国办公开办函〔2021〕30号要求编制”。
    """

    code = "GIP410"
    name = "outdated-basis"
    summary = "编制依据过时或无关"
    summary_en = "an outdated or unrelated basis is cited"
    default_severity = "warning"
    messages = {
        "cites": ("引言引用了{cited}作为依据；{year}年度报告的格式依据是{expected}",
                  "the introduction cites {cited}; the format for a report on {year} is {expected}"),
        "unrelated": ("引言引用的{cited}是关于政府网站年度报表的通知，不是政府信息公开年度报告的格式依据",
                      "the introduction cites {cited}, a notice on government websites, not the basis of"
                      " this report's format"),
    }

    def check(self, ctx):
        sig = ctx.facts.template_signals
        ry = ctx.facts.report_year
        expected = ctx.profile.template.get("cites", "")
        for kind, start, end, cited in sig.citations:
            if kind == "unrelated":
                yield ctx.report("unrelated", start, end, cited=cited)
            elif ry is not None and expected:
                yield ctx.report("cites", start, end, cited=cited, year=ry.year, expected=expected)


class TableNotFilled(Rule):
    """检查内容：统计表有表格，但所有数据格都是空的——表格没有填写（常见于直接提交模板）。

    What it checks: a standard table whose data cells are all empty: the template was not
    filled in. (Zeros should be written as 0.)

    依据 / Why: 表格数据是报告的法定内容（条例第五十条）；空表无法核对，也不能说明“没有发生”。

    错误示例 / Failing: 官方 Word 模板原样提交，表三各格为空。

    正确示例 / Passing: 没有发生的事项填写 0。
    """

    code = "GIP411"
    name = "table-not-filled"
    summary = "统计表未填写"
    summary_en = "a standard table is not filled in"
    default_severity = "warning"
    messages = {"empty": ("{table}的数据格全部为空，表格未填写；没有发生的事项请填写 0",
                          "all data cells of {table_en} are empty: the table was not filled in; write 0 for none")}

    def check(self, ctx):
        for tid, table in ctx.facts.tables.items():
            if not table.empty:
                continue
            first = next((r.label for r in table.rows.values() if r.label is not None), None)
            if first is not None:
                s, e = first.start, first.end
            else:
                block = ctx.facts.sections.blocks_for(table.spec.section)
                s, e = (block[0].heading.start, block[0].heading.end) if block else (table.start, table.start)
            yield ctx.report("empty", s, e, table=table_title(table.spec), table_en=table.spec.name_en,
                             fingerprint_extra=tid)


RULES = [TableMissing, TableRowsMissing, TableMisaligned, CellNotNumber, NegativeValue, NonInteger,
         UnitInCell, OutdatedTemplate, TemplateDeviation, OutdatedBasis, TableNotFilled]
