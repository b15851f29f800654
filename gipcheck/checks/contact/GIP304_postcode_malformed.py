"""GIP304 postcode-malformed."""

from __future__ import annotations

from ..base import Rule


class PostcodeMalformed(Rule):
    """检查内容：邮政编码不是 6 位数字。

    What it checks: a postcode that is not six digits.

    依据 / Why: 中国邮政编码为 6 位数字（规范第 11.2 节）。
    """

    code = "GIP304"
    name = "postcode-malformed"
    summary = "邮政编码格式有误"
    summary_en = "a malformed postcode"
    default_severity = "warning"
    messages = {"postcode": ("邮政编码“{value}”应为6位数字", "the postcode '{value}' should have six digits")}

    def check(self, ctx):
        for f in ctx.facts.contact.fields:
            if f.problem == "postcode":
                yield ctx.report("postcode", f.start, f.end, value=f.value)
