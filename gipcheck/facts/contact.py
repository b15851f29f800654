"""Contact details and the publication statement (spec §11.1, §11.2).

Only labelled fields count (地址：…, 邮编：…, 电话：…, 传真：…, 电子邮箱：…): a hotline named in
the body ("“96128”政务信息查询专线", "12345") is not the report's contact information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import rx

_S = r"[ \t\u3000]*"
# labels as written, also with spaces inside ("电 话", "邮 编": spread out to align in a web page)
# and a shared label for phone and fax ("电话/传真")
_SP = r"[ \t\u3000]{1,4}"
_FIELD_NAMES = (r"(?:通讯地址|通信地址|办公地址|联系地址|地址|邮政编码|邮编|联系电话|咨询电话|办公电话|电话号码"
                r"|电话[/／、]传真|电话|传真|电子邮箱|电子信箱|电子邮件|邮箱|E-?mail|EMAIL"
                rf"|电{_SP}话|传{_SP}真|邮{_SP}编|地{_SP}址)")
_FIELD = rx.compile(
    r"(?P<label>" + _FIELD_NAMES + r")" + _S + r"(?P<colon>:?)" + _S
    + r"(?P<value>(?:(?!" + _FIELD_NAMES + r")[^\n,;。、)])*)"  # up to the next field's label
)
_PHONE = rx.compile(r"^\(?\d[\d\- ()]{3,22}\d")
# an address starts where a run of address characters starts (the look-behind) and the run is
# taken whole (possessive): a long run of digits or letters is scanned once, not once per start
_EMAIL = rx.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:[.。][A-Za-z0-9-]++)*+")
_EMAIL_OK = rx.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_PUBLICATION = rx.compile(
    r"(?:报告|年报)[^。]{0,40}?(?:网站|门户|网上|政府网|公开栏|公报|平台|网页)[^。]{0,24}?"
    r"(?:下载|查阅|公开|公布|发布|获取|浏览|查询|查看)"
    r"|(?:网站|门户)[^。]{0,30}?(?:下载|查阅)"
    r"|https?://|www\.[a-z0-9-]+\."
)

KIND_OF = {
    "通讯地址": "address", "通信地址": "address", "办公地址": "address", "联系地址": "address",
    "地址": "address", "邮政编码": "postcode", "邮编": "postcode", "联系电话": "phone",
    "咨询电话": "phone", "办公电话": "phone", "电话号码": "phone", "电话": "phone", "传真": "fax",
    "电子邮箱": "email", "电子信箱": "email", "电子邮件": "email", "邮箱": "email",
    "电话/传真": "phone", "电话、传真": "phone",
}


_CJK = rx.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class ContactField:
    kind: str  # address, postcode, phone, fax, email
    label_start: int
    start: int  # value span in the document text
    end: int
    value: str
    problem: str | None = None  # "empty", "phone", "postcode", "email"


@dataclass(slots=True)
class Contact:
    fields: list[ContactField] = field(default_factory=list)
    publication: tuple[int, int] | None = None

    @property
    def present(self) -> list[ContactField]:
        return [f for f in self.fields if f.problem != "empty"]

    def has(self, kind: str) -> bool:
        return any(f.kind == kind for f in self.present)


def phone_ok(value: str) -> bool | None:
    """True for a plausible phone number, False for a malformed one, None for a service number.

    Local numbers have 7–8 digits, area codes 3–4 digits starting with 0, mobiles 11 digits
    starting with 1; an extension may follow a second separator.
    """
    digits = re.sub(r"\D", "", value)
    if len(digits) <= 5:
        return None  # 12345, 96128: hotlines, not contact numbers
    if digits.startswith("1") and len(digits) == 11:
        return True
    if digits.startswith(("400", "800")) and len(digits) == 10:
        return True
    parts = [p for p in re.split(r"[-()\s]+", value.strip()) if p]
    if len(parts) >= 2 and parts[0].startswith("0"):
        area, local = parts[0], parts[1]
        return bool(re.fullmatch(r"0\d{2,3}", area) and re.fullmatch(r"\d{7,8}", local)
                    and all(re.fullmatch(r"\d{1,5}", p) for p in parts[2:]))
    if digits.startswith("0"):
        return 10 <= len(digits) <= 12
    return len(digits) in (7, 8)


def _label_kind(label: str) -> str:
    return KIND_OF.get(re.sub(r"\s", "", label).replace("／", "/"), "email")


def find_contact(facts) -> Contact:
    text = facts.folded
    contact = Contact()
    for m in _FIELD.finditer(text):
        label = m.group("label")
        kind = _label_kind(label)
        raw_value = m.group("value")
        value = raw_value.strip()
        vstart = m.start("value") + (len(raw_value) - len(raw_value.lstrip()))
        colon = bool(m.group("colon"))
        next_label = re.match(_FIELD_NAMES, value)
        if colon and not value:
            # the value may have been wrapped onto the next line (PDF text)
            wrapped = re.match(r"[ \t]*\n[ \t\u3000]*([^\n,;。、)]+)", text[m.end("value"):])
            if wrapped and not re.match(_FIELD_NAMES, wrapped.group(1)):
                value = wrapped.group(1).strip()
                vstart = m.end("value") + wrapped.start(1)
        if colon and (not value or next_label):
            contact.fields.append(ContactField(kind, m.start(), vstart, vstart, "", "empty"))
            continue
        if kind in ("phone", "fax"):
            pm = _PHONE.match(value)
            if not pm:
                continue  # "联系电话、表格填写": the word in prose, not a field
            number = pm.group(0).strip()
            ok = phone_ok(number)
            if ok is None:
                continue
            contact.fields.append(ContactField(kind, m.start(), vstart, vstart + len(number), number,
                                               None if ok else "phone"))
        elif kind == "postcode":
            pm = re.match(r"\d+", value)
            if not pm:
                continue
            code = pm.group(0)
            contact.fields.append(ContactField(kind, m.start(), vstart, vstart + len(code), code,
                                               None if len(code) == 6 else "postcode"))
        elif kind == "email":
            em = _EMAIL.search(value)
            if not em or not colon and em.start() > 0:
                continue
            # read the address from the text itself: a full-width 。 inside the domain ends
            # the field's value but not the (malformed) address
            em = _EMAIL.match(text, vstart + em.start())
            addr = em.group(0).rstrip("。.")
            s = em.start()
            contact.fields.append(ContactField(kind, m.start(), s, s + len(addr), addr,
                                               None if _EMAIL_OK.match(addr) else "email"))
        else:  # address
            if not colon and not re.search(r"[(]" + _S + r"$", text[max(0, m.start() - 2):m.start()]):
                continue  # "办公地址、办公时间": a word in a list, not a field
            if len(value) < 4 or not _CJK.search(value):
                continue
            contact.fields.append(ContactField(kind, m.start(), vstart, vstart + len(value), value))
    # e-mail addresses written without a label still count as contact details
    labelled = {f.start for f in contact.fields}
    for em in _EMAIL.finditer(text):
        if em.start() not in labelled and "@" in em.group(0):
            addr = em.group(0)
            if any(f.start <= em.start() < max(f.end, f.start + 1) for f in contact.fields):
                continue
            contact.fields.append(ContactField("email", em.start(), em.start(), em.end(), addr,
                                               None if _EMAIL_OK.match(addr) else "email"))
    contact.fields.sort(key=lambda f: f.start)
    sq = facts.squeezed
    pm = _PUBLICATION.search(sq.text)
    if pm:
        contact.publication = sq.source_span(pm.start(), pm.end())
    return contact


# The date the report was published or signed (GIP308): a web page's "发布日期：2017-01-12" in its
# first lines, or the signature date on the report's last lines.
_PAGE_DATE = rx.compile(r"(?:发布日期|发布时间|成文日期|日期|时间)\s*[:：]\s*(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SIGNED = rx.compile(r"^\s*(20\d{2})\s*[年.-]\s*(\d{1,2})\s*[月.-]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True, slots=True)
class DatedAt:
    date: tuple[int, int, int]
    source: str  # "signature" or "page"
    start: int
    end: int


def find_publication_date(facts) -> DatedAt | None:
    """The signature date at the end of the report, else the web page's publication date."""
    text = facts.text
    lines = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((pos, raw))
        pos += len(raw) + 1
    for off, raw in lines[-4:]:
        m = _SIGNED.match(raw)
        if m:
            return DatedAt(tuple(int(g) for g in m.groups()), "signature", off + m.start(1), off + m.end())
    for off, raw in lines[:6]:
        m = _PAGE_DATE.search(raw)
        if m:
            return DatedAt(tuple(int(g) for g in m.groups()), "page", off + m.start(1), off + m.end())
    return None

