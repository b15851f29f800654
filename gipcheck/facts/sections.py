"""Which mandatory sections are present, and what the introduction says the report contains."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import rx
from ..textutil import LIST_SEP, cn_number, fold_label, squeeze
from ..tree import Block

# Words that carry no meaning for matching a part name against a heading.
_FILLER = rx.compile(r"政府信息公开|信息公开|政府信息|工作|情况|的|方面|有关|我[局镇乡区县市办委]|本机关|及|和|与|以及")


_LIST_LEAD = rx.compile(r"^(?:主要|分别|依次)?(?:由|包括|包含|为|是)?")


def core(label: str) -> str:
    return _FILLER.sub("", fold_label(label)).strip("“”\"'《》()、,.:;")


def bigram_overlap(a: str, b: str) -> float:
    """Share of the character bigrams of the shorter-scoring side found in the other
    (the larger of both directions; 1.0 for a short string contained in the other)."""
    if not a or not b:
        return 0.0
    if len(a) < 2 or len(b) < 2:
        return 1.0 if a in b or b in a else 0.0
    ga = {a[i:i + 2] for i in range(len(a) - 1)}
    gb = {b[i:i + 2] for i in range(len(b) - 1)}
    common = len(ga & gb)
    return max(common / len(ga), common / len(gb))


@dataclass(slots=True)
class SectionMatch:
    headings: list[Block]  # top-level sections in document order
    ids: list[str | None]  # the profile section id of each heading (None: not a template section)
    body_hits: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> span in the body
    nested: dict[str, Block] = field(default_factory=dict)  # id -> sub-heading carrying it

    def blocks_for(self, sid: str) -> list[Block]:
        return [b for b, i in zip(self.headings, self.ids) if i == sid]


def match_sections(facts) -> SectionMatch:
    profile = facts.profile
    headings = list(facts.tree.sections)
    ids = [profile.classify(fold_label(b.heading.title)) for b in headings]
    result = SectionMatch(headings, ids)
    if profile.ordered:
        for spec in profile.sections:
            if spec.id not in ids:
                sub = _nested(profile, result, spec)
                if sub is not None:
                    result.nested[spec.id] = sub
    if profile.body_fallback:
        present = set(ids)
        for spec in profile.sections:
            if spec.id in present or not spec.body:
                continue
            # the body only: the introduction lists every part by name
            for node, owner in ((n, i) for b, i in zip(headings, ids) for n in b.paragraphs()):
                folded = facts.folded[node.start:node.end]
                hit = next((m for p in spec.body for m in [p.search(folded)] if m), None)
                if hit and owner not in (None, spec.id) and _sentence_has(folded, hit.start(), spec.exclude):
                    # "…未发生有关政府信息公开申请的行政复议、行政诉讼" in the review section speaks
                    # of that section's subject, not of this one
                    continue
                if hit:
                    result.body_hits[spec.id] = (node.start + hit.start(), node.start + hit.end())
                    break
    return result


def _sentence_has(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Does the sentence of text around ``pos`` contain one of ``words``?"""
    start = max(text.rfind(c, 0, pos) for c in "。；;!?！？") + 1
    ends = [i for i in (text.find(c, pos) for c in "。；;!?！？") if i != -1]
    return any(w in text[start:min(ends, default=len(text))] for w in words)


def _nested(profile, match: SectionMatch, spec) -> Block | None:
    """A sub-heading carrying a missing section's content ("（一）…存在问题的改进情况" right
    after table 四, with no 五、 heading). It must sit in an earlier template section other
    than the overview, whose sub-headings naturally name every topic."""
    if spec.number is None:
        return None
    for block, sid in zip(match.headings, match.ids):
        number = profile.section(sid).number if sid else None
        if number is None or number <= 1 or number >= spec.number:
            continue
        for sub in block.subblocks():
            if sub.heading.title and spec.matches(fold_label(sub.heading.title)):
                return sub
    return None


# -- the parts the introduction announces ---------------------------------------------------

_COUNT = r"(?P<count>[一二三四五六七八九十两]{1,3}|\d{1,2})"
_DECLARE_COUNTED = rx.compile(
    r"(?:由|包括|包含|分为|分成|涵盖|涉及|含)(?P<list>[^。]{4,400}?)(?P<etc>等)?(?:共)?" + _COUNT
    + r"个?大?(?:部分|方面)"
)
_DECLARE_PLAIN = rx.compile(
    r"(?:全文|报告全文|本报告|本年度报告|年度报告|报告|年报)(?:内容)?(?:主要)?(?:由|包括|包含|分为)"
    r"(?P<list>[^。]{6,400}?)(?P<etc>等)?(?:部分|方面|内容)?(?:组成|构成)?(?:。|$)"
)
# "……改进情况及其他需要报告的事项": 及/和 before 其他 joins the last two parts
_SPLIT = rx.compile(r"[、,;]|以及|[及和](?=其[他它])")
_SPLIT_COMMA = rx.compile(r"[,;]|以及|[及和](?=其[他它])")


@dataclass(frozen=True, slots=True)
class DeclaredPart:
    label: str
    start: int
    end: int
    section_id: str | None


@dataclass(frozen=True, slots=True)
class Declaration:
    start: int
    end: int
    count: int | None
    count_span: tuple[int, int] | None
    etc: bool
    parts: tuple[DeclaredPart, ...]


def _pieces(text: str, splitter: re.Pattern) -> list[tuple[str, int]]:
    """Split ``text`` keeping each piece's offset."""
    out = []
    pos = 0
    for m in splitter.finditer(text):
        out.append((text[pos:m.start()], pos))
        pos = m.end()
    out.append((text[pos:], pos))
    return [(t, o) for t, o in out if t]


def _lead_trim(item: str) -> int:
    m = _LIST_LEAD.match(item)
    return m.end() if m else 0


def _parts(raw_items, profile, merge: bool) -> list[DeclaredPart]:
    parts: list[DeclaredPart] = []
    for label, s, e, _ in raw_items:
        sid = profile.classify(fold_label(label))
        if merge and parts and sid is not None and parts[-1].section_id == sid:
            # "行政复议、提起行政诉讼情况" split at 、 is still one part
            prev = parts.pop()
            parts.append(DeclaredPart(prev.label + LIST_SEP + label, prev.start, e, sid))
            continue
        parts.append(DeclaredPart(label, s, e, sid))
    return parts


_JOIN = rx.compile(r"以及|[及和与]")


def _split_joined(raw_items, profile, sq) -> list[tuple[str, int, int, int]]:
    """Items split at 和/及/与 where both halves name different sections of the profile
    ("主动公开政府信息情况和收到处理政府信息公开申请情况"), or a section and an attachment
    ("…改进情况和政府信息公开情况统计表")."""
    attachment = profile.wording.attachment_words
    out = []
    for label, s, e, q in raw_items:
        done = False
        for m in _JOIN.finditer(label):
            left, right = label[:m.start()], label[m.end():]
            a, b = profile.classify(fold_label(left)), profile.classify(fold_label(right))
            if b is None and any(w in right for w in attachment):
                b = "attachment"
            if a is not None and b is not None and a != b and len(left) >= 4 and len(right) >= 4:
                ls, le = sq.source_span(q, q + m.start())
                rs, re_ = sq.source_span(q + m.end(), q + len(label))
                out += [(left, ls, le, q), (right, rs, re_, q + m.end())]
                done = True
                break
        if not done:
            out.append((label, s, e, q))
    return out


def find_declared_parts(facts) -> Declaration | None:
    pre = facts.tree.preamble
    if not pre:
        return None
    start, end = pre[0].start, pre[-1].end
    sq = squeeze(facts.text[start:end], base=start, folded=facts.folded[start:end])
    text = sq.text
    m = _DECLARE_COUNTED.search(text)
    plain = False
    if not m:
        m = _DECLARE_PLAIN.search(text)
        plain = True
        if not m:
            return None
    lst = m.group("list")
    lstart = m.start("list")
    # "本报告综合…编制而成，主要包括概述、…": keep what follows the last clause break before the list
    for marker in ("主要包括", "包括", "由", "分为", "包含"):
        k = lst.rfind(marker)
        if k != -1 and k + len(marker) < len(lst):
            lstart += k + len(marker)
            lst = lst[k + len(marker):]
            break
    profile = facts.profile
    # "A,B、C,D": when commas separate the parts, 、 joins words inside one part, unless its
    # pieces name different sections ("…改进措施、其他需要报告" at the end of a comma list).
    # (A list separated by 、 with a comma or two before its last items — "…、复议、诉讼和申诉的情况,
    # 以及存在的主要问题和改进措施,并附…" — is a 、-list.)
    commas = lst.count(",") + lst.count(";")
    comma_list = commas >= 2 and commas >= lst.count(LIST_SEP)
    pieces = _pieces(lst, _SPLIT_COMMA if comma_list else _SPLIT)
    if comma_list:
        refined = []
        for text, off in pieces:
            subs = _pieces(text, _SPLIT)
            ids = [profile.classify(fold_label(t)) for t, _ in subs]
            if len(subs) > 1 and None not in ids and len(set(ids)) == len(ids):
                refined.extend((t, off + o) for t, o in subs)
            else:
                refined.append((text, off))
        pieces = refined
    raw_items: list[tuple[str, int, int, int]] = []  # label, source span, squeezed start
    for piece, i in pieces:
        trim = _lead_trim(piece)
        label = piece[trim:].strip("“”\"'")
        if not label:
            continue
        off = piece.find(label, trim)
        s, e = sq.source_span(lstart + i + off, lstart + i + off + len(label))
        raw_items.append((label, s, e, lstart + i + off))
    if plain and len(raw_items) < 3:
        return None
    # "本报告由××办公室根据……编制而成" names an author, not parts: a list of parts names
    # at least two of the report's sections
    if sum(1 for label, *_ in raw_items if profile.classify(fold_label(label))) < 2:
        return None
    count = None
    count_span = None
    if not plain and m.group("count"):
        count = cn_number(m.group("count"))
        count_span = sq.source_span(m.start("count"), m.end("count"))
    parts = _parts(raw_items, profile, merge=True)
    if count is not None and len(parts) != count:
        # The stated count decides between readings: "概述、基本情况" may be two parts that map
        # to one section, and "A情况和B情况" may join two parts with 和/及.
        joined = _split_joined(raw_items, profile, sq)
        for alt in (_parts(joined, profile, merge=True), _parts(raw_items, profile, merge=False),
                    _parts(joined, profile, merge=False)):
            if len(alt) == count:
                parts = alt
                break
    ds, de = sq.source_span(m.start(), m.end())
    return Declaration(ds, de, count, count_span, bool(m.group("etc")), tuple(parts))


def part_present(part: DeclaredPart, match: SectionMatch) -> bool:
    if part.section_id is not None and (part.section_id in match.ids or part.section_id in match.nested):
        return True
    want = core(part.label)
    if not want:
        return True
    for b in match.headings:
        have = core(b.heading.title)
        if want in have or (have and have in want) or bigram_overlap(want, have) >= 0.5:
            return True
    return False
