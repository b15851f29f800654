"""The reporting agency (报告机关): its name as the report gives it, and a normalised key that
pairs reports of one agency across years.

Where the name is found, in order: the title ("蓬莱市统计局2010年政府信息公开工作年度报告",
"2022年上海市政府信息公开工作年度报告"), the introduction naming the report or its author
("现公布大涌镇人民政府办公室2009年政府信息公开工作年度报告", "由伊宁县人民政府办公室编制"), and the
signature (the agency's name on a line of its own at the end, next to the date). A candidate is
kept only when it ends the way agency names end (局, 委员会, 人民政府, 办公室 …) or names a place
(省, 市, 县, 区 …): no name is better than a wrong one, which would pair the wrong reports.

The key: full-width forms folded, spaces and punctuation dropped, and the spellings of one body
made equal (人民政府 → 政府, 政府办公室 → 政府办, 委员会 → 委, trailing 年度报告 words dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import rx
from ..textutil import fold

_REPORT_WORDS = rx.compile(
    r"(?:(?:19|20)\d{2}\s*年度?)?\s*(?:的)?(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报|情况报告|工作报告)?.*$")
_LEADING_YEAR = rx.compile(r"^\s*(?:(?:19|20)\d{2})\s*年度?\s*")
# how agency names end (the last characters of the name), and place words
_ENDINGS = ("局", "委员会", "委", "政府", "办公室", "办", "厅", "署", "院", "中心", "处", "所", "馆", "站", "队",
            "部", "会", "街道", "管委会", "集团", "公司", "司", "镇", "乡", "监狱", "支队", "大队", "分局", "学校",
            "大学", "学院", "医院")
_PLACES = ("省", "市", "县", "区", "旗", "盟", "州", "镇", "乡", "街道")
_BAD = rx.compile(r"[，,。；;：:！？!?《》“”\"\[\]【】]|根据|依据|按照|本报告|以下简称|年度报告|条例|公布|发布|编制|印发")
_INTRO = (
    rx.compile(r"(?:现公布|现将|发布|公布)([^，,。；;《》]{2,30}?)(?:19|20)\d{2}\s*年度?(?:的)?(?:政府|政务)?信息公开"),
    rx.compile(r"由([^，,。；;《》]{2,30}?)(?:编制|编写|负责编制)"),
    rx.compile(r"《([^《》，,。]{2,30}?)(?:19|20)\d{2}\s*年度?(?:政府|政务)?信息公开[^《》]{0,12}》"),
    rx.compile(r"(?:依据|根据)([^，,。；;《》]{2,30}?)(?:19|20)\d{2}\s*年度?(?:政府|政务)?信息公开(?:工作)?情况"),
)
_DATE_LINE = rx.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_PUNCT = rx.compile(r"[\s\W_]+")


_SELF_NAME = rx.compile(r"[本我该][局委办厅镇乡区县市处所站队院中心]+.*")
_BRACKETED_ORG = rx.compile(r"[（(〔【].*[局委办处所站队院厅室镇乡道会]")


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # as written (stripped)
    key: str  # normalised, for grouping
    source: str  # "title", "preamble", "signature"
    start: int
    end: int

    @property
    def qualified(self) -> bool:
        """Whether the name tells one agency from all others in a province: it names its place
        (a name before 省/市/县/区/旗/州/盟 — "区统计局", "城西街道", "信访局" do not), or it is a
        national body (…部, …总局, …署). Only qualified names pair reports automatically."""
        return qualified(self.name)


_PLACE = rx.compile(r"[\u4e00-\u9fff]{1,}?(?:省|市|县|区|旗|州|盟|自治区|特别行政区)")
_NATIONAL = ("部", "总局", "署")


def qualified(name: str) -> bool:
    n = _PUNCT.sub("", fold(name))
    if n.startswith(("本", "我")):
        return False
    return bool(_PLACE.match(n)) and not n.startswith(("省", "市", "县", "区")) or n.endswith(_NATIONAL) and len(n) >= 3


def agency_key(name: str) -> str:
    """The grouping key of an agency name (see the module docstring)."""
    s = fold(name)
    s = _PUNCT.sub("", s)
    s = _REPORT_WORDS.sub("", s) or s
    s = s.replace("人民政府", "政府").replace("政府办公室", "政府办").replace("政府办公厅", "政府办")
    s = s.replace("委员会", "委")
    return s


def plausible(name: str) -> bool:
    n = name.strip()
    if not 2 <= len(n) <= 40 or _BAD.search(n):
        return False
    if re.search(r"\d", n) or _SELF_NAME.fullmatch(n):
        return False  # "本局", "我镇": the report speaking of itself, not a name
    return n.endswith(_ENDINGS) or any(p in n for p in _PLACES)


def _clean(text: str) -> str:
    text = text.strip().lstrip("#").strip()
    text = _LEADING_YEAR.sub("", text)
    return text.strip(" \u3000-—:：|")


def _from_title(facts) -> Agency | None:
    # a title without a year is not taken for a title by the parser: then the first line
    for node in facts.tree.title or facts.tree.preamble[:1]:
        raw = node.text
        m = _REPORT_WORDS.search(_LEADING_YEAR.sub(lambda x: " " * len(x.group()), raw))
        if m and _BRACKETED_ORG.search(raw, m.start()):
            continue  # "东城区2023年…报告（东直门街道办事处）": the agency is the one in brackets
        head = raw[:m.start()] if m else raw
        if head.endswith("人民") and raw[len(head):].startswith("政府"):
            head += "政府"  # "某镇人民政府信息公开年报": the 政府 is the name's and the report's
        name = _clean(head)
        if name and plausible(name):
            start = node.start + raw.find(name)
            return Agency(name, agency_key(name), "title", start, start + len(name))
    return None


def _from_preamble(facts) -> Agency | None:
    # a second title line may be the introduction run on ("现公布某某2009年…报告。")
    nodes = list(facts.tree.title) + (list(facts.tree.preamble[:4]) or list(facts.tree.paragraphs())[:2])
    for node in nodes:
        for pattern in _INTRO:
            for m in pattern.finditer(node.text):
                name = _clean(m.group(1))
                name = re.sub(r"^(?:我|本)", "", name)
                if plausible(name):
                    start = node.start + m.start(1) + m.group(1).find(name)
                    return Agency(name, agency_key(name), "preamble", start, start + len(name))
    return None


def _from_signature(facts) -> Agency | None:
    text = facts.text
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text[-2000:])]
    base = max(len(text) - 2000, 0)
    lines = [(base + s, line) for s, line in lines if line.strip()][-6:]
    for i, (start, line) in enumerate(lines):
        name = line.strip()
        near_date = any(_DATE_LINE.match(other) for _, other in lines[max(i - 1, 0):i + 2] if other is not line)
        if near_date and plausible(name) and name.endswith(_ENDINGS) and len(name) <= 30:
            s = start + line.find(name)
            return Agency(name, agency_key(name), "signature", s, s + len(name))
    return None


def find_agency(facts) -> Agency | None:
    return _from_title(facts) or _from_preamble(facts) or _from_signature(facts)
