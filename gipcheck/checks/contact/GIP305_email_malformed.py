"""GIP305 email-malformed."""

from __future__ import annotations

from ...textutil import FULL_STOP
from ..base import Rule


class EmailMalformed(Rule):
    """检查内容：电子邮箱地址格式有误，如域名中用了全角句号“。”、缺少顶级域名。

    What it checks: a malformed e-mail address, e.g. a full-width 。 in the domain or no
    top-level domain.

    依据 / Why: 网页转换常把“.”变成“。”，地址因此无法使用（规范第 11.1 节）。
    """

    code = "GIP305"
    name = "email-malformed"
    summary = "电子邮箱格式有误"
    summary_en = "a malformed e-mail address"
    default_severity = "warning"
    messages = {
        "email": ("电子邮箱“{value}”格式有误{hint}", "the e-mail address '{value}' is malformed{hint}"),
        "hint.full-stop": ("：域名中用了全角句号“。”，应为“.”", ": the domain uses a full-width 。 instead of '.'"),
        "hint.no-suffix": ("：缺少域名后缀", ": the domain has no top-level part"),
    }

    def check(self, ctx):
        for f in ctx.facts.contact.fields:
            if f.problem == "email":
                hint = ctx.text("hint.full-stop" if FULL_STOP in f.value else "hint.no-suffix")
                yield ctx.report("email", f.start, f.end, value=f.value, hint=hint)
