"""GIP3xx — contact information and the publication statement."""

from __future__ import annotations

from .base import Rule

_KIND_ZH = {"address": "地址", "postcode": "邮编", "phone": "电话", "fax": "传真", "email": "电子邮箱"}
_KIND_EN = {"address": "address", "postcode": "postcode", "phone": "telephone", "fax": "fax",
            "email": "e-mail"}


class ContactMissing(Rule):
    """检查内容：报告中是否有联系方式（地址、邮编、电话、传真、电子邮箱，任一即可）。

    只认带标签的字段（“地址：”“联系电话：”等）；正文中提到的热线（“96128”政务信息查询专线、
    12345）不算报告的联系方式。全文都会查找，包括最后一节。

    What it checks: the report gives contact details for questions about it (address,
    postcode, telephone, fax or e-mail; any one counts). Only labelled fields count; hotlines
    named in the body do not.

    依据 / Why: “如对本报告有任何疑问，请与……联系（地址：…，邮编：…，电话：…）”是长期惯例
    （规范第 11.2 节）；全国格式未作硬性规定，故为 warning，部分省份可通过配置提高级别。

    错误示例 / Failing: 全文没有地址、电话、传真或电子邮箱。

    正确示例 / Passing: “如对本年度报告有任何疑问，请联系市政务办，联系电话：0715—8126517”。
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
        sev = ctx.profile.contact.get("required", self.default_severity)
        s, e = ctx.anchor()
        yield ctx.report("missing", s, e, severity="info" if truncated else sev,
                         **ctx.note_if(truncated))


class ContactFieldEmpty(Rule):
    """检查内容：联系方式的字段有标签却没有内容，如“邮编:电话:传真:”。

    What it checks: a contact field whose label is followed by nothing ("邮编:电话:传真:").

    依据 / Why: 空字段说明模板没有填完（规范第 11.2 节：warning）。

    错误示例 / Failing: “（地址:北京市……，邮编:电话:传真:”。

    正确示例 / Passing: “邮编：100038，电话：010-63417114”。
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
                label = ctx.facts.text[f.label_start:f.start].rstrip(":： \t")
                yield ctx.report("empty", f.label_start, max(f.start, f.label_start + len(label)),
                                 label=label, kind=_KIND_EN[f.kind], fingerprint_extra=label)


class PhoneMalformed(Rule):
    """检查内容：电话或传真号码的位数不对（固定电话 7—8 位，加区号 10—12 位；手机 11 位）。

    What it checks: a telephone or fax number with an impossible number of digits (local
    7–8, with area code 10–12, mobile 11). Separators -, —, －, spaces and brackets are allowed.

    依据 / Why: 号码缺位或多位，公众无法按号码联系（规范第 11.2 节）。

    错误示例 / Failing: “电话：0537-342032”。

    正确示例 / Passing: “电话：0537-3420329”“联系电话：0715—8126517”。
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
                yield ctx.report("phone", f.start, f.end, kind=_KIND_ZH[f.kind], kind_en=_KIND_EN[f.kind],
                                 value=f.value, digits=digits)



class PostcodeMalformed(Rule):
    """检查内容：邮政编码不是 6 位数字。

    What it checks: a postcode that is not six digits.

    依据 / Why: 中国邮政编码为 6 位数字（规范第 11.2 节）。

    错误示例 / Failing: “邮编：27210”。

    正确示例 / Passing: “邮编：272100”。
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


class EmailMalformed(Rule):
    """检查内容：电子邮箱地址格式有误，如域名中用了全角句号“。”、缺少顶级域名。

    What it checks: a malformed e-mail address, e.g. a full-width 。 in the domain or no
    top-level domain.

    依据 / Why: 网页转换常把“.”变成“。”，地址因此无法使用（规范第 11.1 节）。

    错误示例 / Failing: “电子邮箱：gkb@linhai。gov。cn”。

    正确示例 / Passing: “电子邮箱：xxxc403@163.com”。
    """

    code = "GIP305"
    name = "email-malformed"
    summary = "电子邮箱格式有误"
    summary_en = "a malformed e-mail address"
    default_severity = "warning"
    messages = {"email": ("电子邮箱“{value}”格式有误{hint}", "the e-mail address '{value}' is malformed{hint_en}")}

    def check(self, ctx):
        for f in ctx.facts.contact.fields:
            if f.problem == "email":
                if "。" in f.value:
                    hint, hint_en = "：域名中用了全角句号“。”，应为“.”", ": the domain uses a full-width 。 instead of '.'"
                else:
                    hint, hint_en = "：缺少域名后缀", ": the domain has no top-level part"
                yield ctx.report("email", f.start, f.end, value=f.value, hint=hint, hint_en=hint_en)


class ContactWithoutPhone(Rule):
    """检查内容：有联系方式，但没有电话号码。

    What it checks: contact details are given, but no telephone number.

    依据 / Why: 地址和电话几乎总会给出；只有地址或邮箱时，公众不便咨询（规范第 11.2 节：info）。

    错误示例 / Failing: 只有“地址：……”。

    正确示例 / Passing: “地址：……，电话：……”。
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
            yield ctx.report("nophone", first.label_start, first.end, kinds="、".join(_KIND_ZH[k] for k in kinds),
                             kinds_en=", ".join(_KIND_EN[k] for k in kinds))


class PublicationMissing(Rule):
    """检查内容：报告是否说明在哪里发布（“本报告电子版可在……门户网站下载”）或给出网址。

    What it checks: the report says where it is published ("本年度报告电子版可从……门户网站
    （www…）下载") or gives a web address.

    依据 / Why: 这是惯例而非全国统一要求（规范第 11.1 节），缺失时只作提示。

    错误示例 / Failing: 全文没有提到报告的发布渠道。

    正确示例 / Passing: “本报告在元谋县人民政府门户网站进行公开。”
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
        sev = ctx.profile.contact.get("publication", self.default_severity)
        s, e = ctx.anchor()
        yield ctx.report("pub", s, e, severity=sev)


RULES = [ContactMissing, ContactFieldEmpty, PhoneMalformed, PostcodeMalformed, EmailMalformed,
         ContactWithoutPhone, PublicationMissing]
