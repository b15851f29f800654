"""Numeric claims in the prose: quantities, totals with their breakdowns, rates and shares.

Sentences are cut from the report's paragraphs (not its tables) at 。！？; a 其中 that opens
a sentence refers to the last quantity of the sentence before. Everything is matched on the
folded text (full-width digits and punctuation folded, one character for one), so offsets
point at the original characters.

Precision rules (spec §9.5): a number in a date, a document number, a phone number, an
ordinal or a quoted name ("96128") is never a quantity; parts count toward a total only with
the very same unit; approximate numbers (余, 多, 近, 约, 以上, 左右) are bounds, never exact
terms; a list marked as a selection (主要有, 包括…等, 如) is not a complete breakdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import rx
from ..textutil import cn_number, plausible_digits

_UNITS = ("万人次", "人次", "件次", "万元", "亿元", "元", "%", "条", "件", "个", "家", "项", "人", "次", "篇",
          "场", "期", "份", "批", "张", "起", "户", "所", "名", "套", "台", "辆", "处", "栏", "类", "余人")
_QTY = rx.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<post>余|多)?\s*(?P<unit>" + "|".join(u for u in _UNITS if u != "余人") + r")?(?P<post2>余|多|以上|左右)?"
)
_CN_QTY = rx.compile(r"(?<![一二三四五六七八九十两百第])(?P<num>[二三四五六七八九十两][十]?[一二三四五六七八九]?)(?P<unit>个|家|项|批|条|件|名|次|场|期)(?!性|是|们|方面|部分)")
_COUNT_UNITS = frozenset(["条", "件", "个", "家", "项", "人", "次", "篇", "场", "期", "份", "批", "张", "起", "户",
                          "所", "名", "套", "台", "辆", "处", "栏", "类", "人次", "件次", "万人次"])
_NOT_AFTER = rx.compile(r"^(?:年|月|日|号|时|点|分|秒|周岁|岁|级|楼|层|室|路|号楼|米|公里|平方|\.\d|-\d|〕|\])")
_APPROX_BEFORE = ("约", "近", "将近", "大约", "超过", "逾", "不到", "不足", "接近")
_TOTAL_MARK = rx.compile(r"(?:共计|合计|总计|累计|总共|一共|共)[\u4e00-\u9fff]{0,12}$")
_SELECTION = rx.compile(r"^[:,]?(?:主要有|主要包括|包括|如|例如|比如)")
# clauses of a list of category shares (GIP516): "…2条,占总体比例为18%;规划计划类信息,占…9%"
CLAUSE_SPLIT = rx.compile(r"[;；]")
CLAUSE_EDGE = " ,，:：\n"
SHARE_IN_CLAUSE = rx.compile(r"占[^;；]{0,12}?(\d+(?:\.\d+)?)\s*%")
_CATEGORIES = rx.compile(r"类别(?:情况)?[:：]")  # folded: "：" is ":"
_RATE = rx.compile(
    r"(?P<name>[\u4e00-\u9fff]{0,8}?(?:率|占比|比例|比重))(?:为|达到|达|是|约为|约|:)?\s*"
    r"(?P<pct>\d+(?:\.\d+)?)\s*%"
)
_PART_SHARE = rx.compile(r"[,，、]?\s*(?:占比|所占比例为|所占比例|占总数的|占全部的|占)\s*(\d+(?:\.\d+)?)\s*%")
_CHANGE = rx.compile(r"同比|环比|增长|下降|提高|降低|上升|回落|减少|增加")
_BOUNDED_NAMES = rx.compile(r"成功率|办结率|合格率|满意率|公开率|答复率|完成率|覆盖率|知晓率|参与率|占比|比例|比重|上网率|受理率|按时")


_AMONG = rx.compile("其中")
_ETC = rx.compile(r"^[\u4e00-\u9fff]{0,8}?等")
_SHARE = rx.compile(r"(?:所占比例|占比|占总数的|占全部的|占)(?:为|约为|约)?\s*(\d+(?:\.\d+)?)\s*%")
_RATE_WORD = rx.compile(r"(?:率|占比|比例|比重)$")
_RATE_LEAD = rx.compile(r"^(?:其中|按时|平均|综合|总体|实际)")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # span of the number and its unit in the document
    end: int
    value: float
    unit: str
    approx: str = ""  # "", "lower" (余/多/以上: at least), "upper" (近/不到: at most), "rough" (约/左右)
    decimals: int = 0
    total_mark: bool = False  # 共/合计/累计 … before it

    @property
    def exact(self) -> bool:
        return self.approx == ""


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str  # folded, same length as the source span
    quantities: list[Quantity] = field(default_factory=list)
    heading: bool = False  # the title of a sub-heading ("(一)主动公开政府信息的数量共192条")


@dataclass(frozen=True, slots=True)
class Breakdown:
    total: Quantity
    parts: tuple[Quantity, ...]
    selection: bool  # the parts are examples, not the whole
    start: int  # the sentence's span
    end: int
    # "其中…人事任免信息2条，占0.01%": (part, start, end, percent, decimals) of each stated share
    shares: tuple[tuple[Quantity, int, int, float, int], ...] = ()
    # the parts may be a selection, but together they cannot exceed the total (categories of a
    # total stated just before: "共192条。" … "主要类别情况:党政信息类147条,文件类47条,制度类4条")
    bounded: bool = False


@dataclass(frozen=True, slots=True)
class Rate:
    start: int  # span of "节约率2.84%"
    end: int
    name: str
    percent: float
    decimals: int
    amounts: tuple[Quantity, ...]  # candidates in the same clause, same unit
    stem: Quantity | None  # the amount whose words share a stem with the rate's name
    related: bool = True  # the clause before the rate names what the rate measures


@dataclass(slots=True)
class Claims:
    sentences: list[Sentence]
    breakdowns: list[Breakdown]
    rates: list[Rate]
    shares: list[tuple[Sentence, list[tuple[int, int, float]]]]  # sentences with several 占…% shares


def _in_quotes(text: str, pos: int) -> bool:
    """A digit run inside “…” with nothing else in the quotes is a name ("96128")."""
    left = text.rfind("“", 0, pos)
    if left == -1 or text.rfind("”", 0, pos) > left:
        return False
    right = text.find("”", pos)
    return right != -1 and text[left + 1:right].strip().isdigit()


def quantities(text: str, base: int) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _QTY.finditer(text):
        s, e = m.start(), m.end()
        num = m.group("num")
        before = text[max(0, s - 4):s]
        if s > 0 and (text[s - 1].isdigit() or text[s - 1] in ".-〔[第/" or text[s - 1].isalpha() and text[s - 1].isascii()):
            continue
        if _NOT_AFTER.match(text[m.end("num"):]) or _in_quotes(text, s):
            continue
        unit = m.group("unit") or ""
        if not unit:
            continue  # a bare number is not a quantity that can be summed (list markers, codes)
        if not plausible_digits(num):
            continue  # a run of digits no count or amount has (a code, damage): nothing to add up
        if len(num.replace(",", "")) >= 7 and unit in ("", "元") and "-" in text[max(0, s - 5):s]:
            continue
        approx = ""
        if m.group("post") or m.group("post2") in ("余", "多", "以上"):
            approx = "lower"
        elif m.group("post2") == "左右" or before.endswith(("约", "大约")):
            approx = "rough"
        elif before.endswith(("近", "将近", "不到", "不足", "接近")):
            approx = "upper"
        elif before.endswith(("超过", "逾")):
            approx = "lower"
        value = float(num.replace(",", ""))
        decimals = len(num.split(".")[1]) if "." in num else 0
        mark = bool(_TOTAL_MARK.search(text[max(0, s - 14):s].rstrip()))
        out.append(Quantity(base + s, base + e, value, unit, approx, decimals, mark))
    for m in _CN_QTY.finditer(text):
        value = cn_number(m.group("num"))
        if value is None:
            continue
        s = m.start()
        mark = bool(_TOTAL_MARK.search(text[max(0, s - 14):s].rstrip()))
        out.append(Quantity(base + s, base + m.end(), float(value), m.group("unit"), "", 0, mark))
    out.sort(key=lambda q: q.start)
    return out


def sentences(facts) -> list[Sentence]:
    out: list[Sentence] = []
    folded = facts.folded
    from .sentences import sentence_spans

    for node in facts.tree.paragraphs():
        for s, e in sentence_spans(folded, node.start, node.end):
            out.append(Sentence(s, e, folded[s:e]))
    # sub-headings that state a figure: "(一)主动公开政府信息的数量共192条" (2008 template items)
    for tok in facts.tokens:
        if tok.type in ("H2", "H3") and tok.end > tok.title_start:
            qs = quantities(folded[tok.title_start:tok.end], tok.title_start)
            if qs or _CATEGORIES.search(folded[tok.title_start:tok.end] + ":"):
                out.append(Sentence(tok.title_start, tok.end, folded[tok.title_start:tok.end], heading=True))
    out.sort(key=lambda s: s.start)
    for s in out:
        if not s.quantities:
            s.quantities = quantities(s.text, s.start)
    return out


def _breakdowns(sents: list[Sentence]) -> list[Breakdown]:
    out: list[Breakdown] = []
    prev: Sentence | None = None
    before_prev: Sentence | None = None
    for sent in sents:
        text = sent.text
        qs = sent.quantities
        marks = [m.start() for m in _AMONG.finditer(text)] if "其中" in text else []
        for i, mk in enumerate(marks):
            at = sent.start + mk
            # the total is the nearest amount before 其中 that is not a change ("较上年增加42件")
            before = [q for q in qs if q.end <= at and not _is_change(text, q.start - sent.start)]
            if before:
                total = before[-1]
            elif prev is not None and mk < 3 and any(not _is_change(prev.text, q.start - prev.start)
                                                      for q in prev.quantities):
                total = [q for q in prev.quantities if not _is_change(prev.text, q.start - prev.start)][-1]
            else:
                continue
            if total.unit == "%":
                continue
            nxt = sent.start + marks[i + 1] if i + 1 < len(marks) else sent.end
            if mk > 0 and text[mk - 1] == "(":
                # "13条(其中:乡镇动态11条,财政预算决算2条);在…26条": the parts end with the bracket
                close = text.find(")", mk)
                if close != -1:
                    nxt = min(nxt, sent.start + close)
            after = [q for q in qs if q.start > at and q.start < nxt]
            if i + 1 < len(marks):
                # the quantity right before the next 其中 is that breakdown's total, not a part here
                own = [q for q in qs if q.end <= nxt and q.start > at]
                if own:
                    after = [q for q in after if q is not own[-1]]
            # "197条(政府预决算32条、部门预决算公开165条)": a breakdown of one part, in brackets,
            # is not part of the outer sum
            after = [q for q in after if _depth(text, mk, q.start - sent.start) <= 0]
            parts = []
            mixed = False
            for q in after:
                if q.total_mark and q.unit == total.unit:
                    break  # "…；共计…" starts another total
                if q.unit == total.unit:
                    parts.append(q)
                elif q.unit in _COUNT_UNITS and total.unit in _COUNT_UNITS:
                    mixed = True  # "412条，其中政策文件6件、通知公告118条": the parts count in other units
            if not parts:
                continue
            tail = text[mk + 2:mk + 12]
            selection = bool(_SELECTION.match(tail)) or _ends_with_etc(text, parts[-1].end - sent.start)
            shares = []
            for p in parts:
                sm = _PART_SHARE.match(text, p.end - sent.start)
                if sm and plausible_digits(sm.group(1)):
                    pct = sm.group(1)
                    shares.append((p, sent.start + sm.start(1), sent.start + sm.end(), float(pct),
                                   len(pct.split(".")[1]) if "." in pct else 0))
            out.append(Breakdown(total, tuple(parts), selection or mixed, sent.start, sent.end, tuple(shares)))
        # "(一)…数量共192条。" then "(二)…主要类别情况:A类147条,B类47条,C类4条": the categories
        # of the total just stated; they may be a selection, but cannot add up to more
        colon = _CATEGORIES.search(text)
        # the categories' heading may stand before them: "(二)…主要类别情况:" + "A类147条,…"
        titled = (not colon and prev is not None and prev.heading and _CATEGORIES.search(prev.text + ":")
                  and not prev.quantities)
        total_sent = before_prev if titled else prev
        if (colon or titled) and not marks and total_sent is not None and total_sent.quantities:
            total = total_sent.quantities[-1]
            listed = [q for q in qs if not colon or q.start - sent.start > colon.end()]
            if total.total_mark and total.unit in _COUNT_UNITS and len(listed) >= 2 \
                    and all(q.unit == total.unit and q.exact for q in listed):
                out.append(Breakdown(total, tuple(listed), True, sent.start, sent.end, bounded=True))
        # "24个…、4个…、1个…共37家单位": parts listed with 、 before a 共 total (no 其中)
        for j, q in enumerate(qs):
            if not q.total_mark or any(abs(sent.start + m - q.end) < 4 for m in marks):
                continue
            run = []
            k = j - 1
            while k >= 0 and qs[k].unit == q.unit and not qs[k].total_mark:
                gap = text[qs[k].end - sent.start:(run[0].start if run else q.start) - sent.start]
                if "、" not in gap and not (run == [] and len(gap) <= 16):
                    break
                if re.search(r"[,;，；。]", gap):
                    break
                run.insert(0, qs[k])
                k -= 1
            if len(run) >= 2:
                out.append(Breakdown(q, tuple(run), False, sent.start, sent.end))
        before_prev, prev = prev, sent
    return out


def _depth(text: str, start: int, pos: int) -> int:
    """How many brackets opened in text[start:pos] are still open at ``pos``."""
    seg = text[start:pos]
    return seg.count("(") - seg.count(")")


def _is_change(text: str, pos: int) -> bool:
    """Is the amount at text[pos] a change ("较上一年度增加42件", "同比下降3件")?"""
    return bool(_CHANGE.search(text[max(0, pos - 4):pos]))


def _ends_with_etc(text: str, pos: int) -> bool:
    """"…B 3条等" / "…等内容": the list gives examples."""
    return bool(_ETC.match(text[pos:pos + 10]))


def _rates(sents: list[Sentence]) -> list[Rate]:
    out: list[Rate] = []
    for sent in sents:
        text = sent.text
        if "%" not in text:  # (a rate is written with %: most sentences have none)
            continue
        seg_start = 0
        for m in _RATE.finditer(text):
            name = m.group("name")
            s_abs = sent.start + m.start("name")
            # the clause: since the previous rate, ";" or the start of the sentence
            semi = max(text.rfind(";", 0, m.start()), text.rfind("；", 0, m.start()))
            lo = max(seg_start, semi + 1)
            seg_start = m.end()
            amounts = [q for q in sent.quantities if sent.start + lo <= q.start and q.end <= s_abs
                       and q.unit != "%"]
            pct = m.group("pct")
            stem = None
            for q in amounts:
                words = text[max(lo, q.start - sent.start - 8):q.start - sent.start]
                if _shares_stem(words, name):
                    stem = q
            related = _names_its_base(text[lo:m.start("name")], name)
            if not plausible_digits(pct):
                continue
            out.append(Rate(s_abs, sent.start + m.end(), name, float(pct),
                            len(pct.split(".")[1]) if "." in pct else 0, tuple(amounts), stem, related))
    return out


def _names_its_base(clause: str, name: str) -> bool:
    """Does the clause before a rate speak of what the rate measures? Its name's first word
    (节约率 — 节约资金, 增值率 — 增加收益, 办结率 — 办结) appears there; "全文电子化率" after
    counts of published items does not measure them."""
    core = _RATE_WORD.sub("", name)
    core = _RATE_LEAD.sub("", core)
    return not core or core[0] in clause or _shares_stem(clause, name)


def _shares_stem(words: str, name: str) -> bool:
    core = _RATE_WORD.sub("", name)
    core = _RATE_LEAD.sub("", core)
    return any(core[i:i + 2] in words for i in range(len(core) - 1)) if len(core) >= 2 else False


def _shares(sents: list[Sentence]):
    out = []
    for sent in sents:
        if "%" not in sent.text:
            continue
        found = [(sent.start + m.start(), sent.start + m.end(), float(m.group(1)))
                 for m in _SHARE.finditer(sent.text)
                 if plausible_digits(m.group(1))]
        if len(found) >= 2:
            out.append((sent, found))
    return out


def find_claims(facts) -> Claims:
    sents = sentences(facts)
    return Claims(sents, _breakdowns(sents), _rates(sents), _shares(sents))


RATE_SUFFIX = "率"  # a rate (办结率), as opposed to a share (占比, 比例)


def named_rate(name: str) -> bool:
    """A rate named as such (…率): its whole must be named in the sentence to be checked."""
    return name.endswith(RATE_SUFFIX)


def change_rate(name: str) -> bool:
    return bool(_CHANGE.search(name))


def bounded_rate(name: str) -> bool:
    """Rates that cannot exceed 100%: shares, success, completion, satisfaction …"""
    return bool(_BOUNDED_NAMES.search(name)) and not change_rate(name)
