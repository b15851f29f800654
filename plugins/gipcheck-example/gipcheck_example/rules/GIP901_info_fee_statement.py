"""GIP901 info-fee-statement: the 2021 template asks section 六 to report the 信息处理费 (fees)."""

from __future__ import annotations

import re

from gipcheck.checks.base import Rule
from gipcheck.textutil import fold


class InfoFeeStatement(Rule):
    """检查内容：2021 年起的报告在“其他需要报告的事项”中是否说明了信息处理费的收取情况。

    What it checks: from report year 2021, section 六 says whether a 信息处理费 was collected.

    依据 / Why: 国办公开办函〔2021〕30号模板第六部分的填写说明为“（文字描述，收取信息处理费情况在此处报告。）”。

    The examples are the cases in tests/rules/GIP901.yaml (run by gipcheck.testing).
    """

    code = "GIP901"
    name = "info-fee-statement"
    summary = "未说明信息处理费收取情况"
    summary_en = "no statement on the information processing fee"
    default_severity = "info"
    messages = {"fee": ("“其他需要报告的事项”中没有说明信息处理费的收取情况（国办公开办函〔2021〕30号模板要求）",
                        "section 六 does not say whether an information processing fee was collected"
                        " (required by the 2021 template)")}

    _FEE = re.compile(r"信息处理费|处理费")

    def check(self, ctx):
        year = ctx.facts.report_year
        if year is None or year.year < 2021:
            return
        blocks = ctx.facts.sections.blocks_for("other")
        if not blocks:
            return  # GIP101 reports the missing section
        block = blocks[-1]
        text = "".join(fold(p.text) for p in block.paragraphs())
        if not self._FEE.search(text):
            yield ctx.report("fee", block.heading.start, block.heading.end)
