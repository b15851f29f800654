"""GIP307 publication-missing."""

from __future__ import annotations

from ..base import Rule


class PublicationMissing(Rule):
    """检查内容：报告是否说明在哪里发布（“本报告电子版可在……门户网站下载”）或给出网址。

    What it checks: the report says where it is published ("本年度报告电子版可从……门户网站
    （www…）下载") or gives a web address.

    依据 / Why: 这是惯例而非全国统一要求（规范第 11.1 节），缺失时只作提示。
    """

    code = "GIP307"
    name = "publication-missing"
    summary = "未说明发布渠道"
    summary_en = "no publication channel stated"
    default_severity = "info"
    messages = {"pub": ("未说明报告的发布渠道；惯例写明“本年度报告电子版可在……门户网站（网址）查阅或下载”",
                        "the report does not say where it is published; by convention it names the"
                        " portal (with its address) where it can be read or downloaded")}

    def check(self, ctx):
        facts = ctx.facts
        if not facts.is_report or facts.contact.publication or ctx.truncated:
            return
        sev = ctx.profile.contact.publication or ctx.severity
        s, e = ctx.anchor()
        yield ctx.report("pub", s, e, severity=sev)
