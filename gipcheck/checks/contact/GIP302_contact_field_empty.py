"""GIP302 contact-field-empty."""

from __future__ import annotations

from ...textutil import LABEL_END
from ..base import Rule
from ._common import kind_name


class ContactFieldEmpty(Rule):
    """检查内容：联系方式的字段有标签却没有内容，如“邮编:电话:传真:”。

    What it checks: a contact field whose label is followed by nothing ("邮编:电话:传真:").

    依据 / Why: 空字段说明模板没有填完（规范第 11.2 节：warning）。
    """

    code = "GIP302"
    name = "contact-field-empty"
    summary = "联系方式字段为空"
    summary_en = "an empty contact field"
    default_severity = "warning"
    messages = {"empty": ("联系方式中的“{label}”没有填写内容", "the contact field '{label}' ({kind}) is empty")}

    def check(self, ctx):
        for f in ctx.facts.contact.fields:
            if f.problem == "empty":
                label = ctx.facts.text[f.label_start:f.start].rstrip(LABEL_END)
                yield ctx.report("empty", f.label_start, max(f.start, f.label_start + len(label)),
                                 label=label, kind=kind_name(f.kind, "en"), fingerprint_extra=label)
