"""GIP401 table-missing."""

from __future__ import annotations

from ..base import Rule
from ._common import outdated, table_title


class TableMissing(Rule):
    """检查内容：适用格式要求的统计表（表二、表三、表四）在其章节下是否有表格文字。

    What it checks: the section that must hold a standard table (二, 三 or 四) has a heading but
    no table text under it — often because the table was published as an image.

    依据 / Why: 国办公开办函〔2019〕60号和〔2021〕30号的格式规定第二、三、四部分以统一表格报告
    （规范第 5.1 节）。以图片发布的表格无法检索、核对（规范第 12 节 D8：warning）。缺少整个章节时由 GIP101 报告。
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
