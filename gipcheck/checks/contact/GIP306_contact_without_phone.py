"""GIP306 contact-without-phone."""

from __future__ import annotations

from ..base import Rule
from ._common import LIST_SEP_MESSAGE, kind_name


class ContactWithoutPhone(Rule):
    """检查内容：有联系方式，但没有电话号码。

    What it checks: contact details are given, but no telephone number.

    依据 / Why: 地址和电话几乎总会给出；只有地址或邮箱时，公众不便咨询（规范第 11.2 节：info）。
    """

    code = "GIP306"
    name = "contact-without-phone"
    summary = "联系方式中没有电话"
    summary_en = "contact details without a telephone number"
    default_severity = "info"
    messages = {"nophone": ("联系方式中没有电话号码（已有：{kinds}）", "the contact details have no"
                            " telephone number (given: {kinds_en})")}

    def check(self, ctx):
        contact = ctx.facts.contact
        present = contact.present
        if present and not contact.has("phone"):
            kinds = list(dict.fromkeys(f.kind for f in present))
            first = present[0]
            yield ctx.report("nophone", first.label_start, first.end, kinds=LIST_SEP_MESSAGE[0].join(kind_name(k, "zh") for k in kinds),
                             kinds_en=LIST_SEP_MESSAGE[1].join(kind_name(k, "en") for k in kinds))
