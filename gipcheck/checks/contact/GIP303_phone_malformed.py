"""GIP303 phone-malformed."""

from __future__ import annotations

from ..base import Rule
from ._common import kind_name


class PhoneMalformed(Rule):
    """检查内容：电话或传真号码的位数不对（固定电话 7—8 位，加区号 10—12 位；手机 11 位）。

    What it checks: a telephone or fax number with an impossible number of digits (local
    7–8, with area code 10–12, mobile 11). Separators -, —, －, spaces and brackets are allowed.

    依据 / Why: 号码缺位或多位，公众无法按号码联系（规范第 11.2 节）。
    """

    code = "GIP303"
    name = "phone-malformed"
    summary = "电话号码格式有误"
    summary_en = "a malformed telephone number"
    default_severity = "warning"
    messages = {"phone": ("{kind}号码“{value}”有{digits}位数字，不是有效的号码（固定电话7—8位，带区号10—12位，手机11位）",
                          "the {kind_en} number '{value}' has {digits} digits, which is not a valid"
                          " number (local 7–8, with area code 10–12, mobile 11)")}

    def check(self, ctx):
        for f in ctx.facts.contact.fields:
            if f.problem == "phone":
                digits = sum(ch.isdigit() for ch in f.value)
                yield ctx.report("phone", f.start, f.end, kind=kind_name(f.kind, "zh"), kind_en=kind_name(f.kind, "en"),
                                 value=f.value, digits=digits)
