"""GIP301 contact-missing."""

from __future__ import annotations

from ..base import Rule


class ContactMissing(Rule):
    """检查内容：报告中是否有联系方式（地址、邮编、电话、传真、电子邮箱，任一即可）。

    只认带标签的字段（“地址：”“联系电话：”等）；正文中提到的热线（“96128”政务信息查询专线、
    12345）不算报告的联系方式。全文都会查找，包括最后一节。

    What it checks: the report gives contact details for questions about it (address,
    postcode, telephone, fax or e-mail; any one counts). Only labelled fields count; hotlines
    named in the body do not.

    依据 / Why: “如对本报告有任何疑问，请与……联系（地址：…，邮编：…，电话：…）”是长期惯例
    （规范第 11.2 节）；全国格式未作硬性规定，故为 warning，部分省份可通过配置提高级别。
    """

    code = "GIP301"
    name = "contact-missing"
    summary = "缺少联系方式"
    summary_en = "no contact information"
    default_severity = "warning"
    messages = {
        "missing": ("未找到联系方式：报告中没有地址、邮编、电话、传真或电子邮箱；惯例在引言或末尾写明"
                    "“如对本报告有任何疑问，请与……联系（地址：…，电话：…）”{note}",
                    "no contact information: no address, postcode, telephone, fax or e-mail anywhere"
                    " in the report; by convention the introduction or the end says whom to contact"
                    " with questions{note_en}"),
    }

    def check(self, ctx):
        facts = ctx.facts
        if not facts.is_report:
            return
        if facts.contact.present:
            return
        truncated = ctx.truncated or not facts.tree.sections
        sev = ctx.profile.contact.required or ctx.severity
        s, e = ctx.anchor()
        yield ctx.report("missing", s, e, severity="info" if truncated else sev,
                         **ctx.note_if(truncated))
