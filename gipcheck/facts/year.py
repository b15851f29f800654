"""The report year Y: the year whose work the report describes (spec §2, §5.4)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import rx

_YEAR_IN_TITLE = rx.compile(r"((?:19|20)\d{2})\s*年")
# "编制《开远市2016年政府信息公开年度报告》" — the report naming itself in the preamble
_SELF_NAME = rx.compile(
    r"《[^《》]{0,40}?((?:19|20)\d{2})\s*年度?[^《》]{0,30}?(?:信息公开|政务公开)[^《》]{0,12}?(?:报告|年报)》"
)
# "现将我局2010年度政府信息公开工作汇报如下": the year of the work being reported
_PREAMBLE_YEAR = rx.compile(
    r"((?:19|20)\d{2})\s*年度?(?:的|我[局镇乡区县市办委])?\s*(?:政府信息公开|信息公开|政务信息公开|政务公开)")
_BODY_YEAR = rx.compile(r"(?<![\d〔\[(（])((?:19|20)\d{2})\s*年(?!\d{1,2}月\d{1,2}日(?:印发|发布|起施行))")


_OPENING_YEAR = rx.compile(r"(?:^|。)\s*((?:19|20)\d{2})\s*年度?[,，]")


@dataclass(frozen=True, slots=True)
class ReportYear:
    year: int
    source: str  # "title", "preamble", "period", "body" (section 一's opening), "majority", "signature"
    start: int
    end: int


def find_report_year(facts) -> ReportYear | None:
    tree = facts.tree
    for node in tree.title:
        m = _YEAR_IN_TITLE.search(node.text)
        if m:
            return ReportYear(int(m.group(1)), "title", node.start + m.start(1), node.start + m.end(1))
    for node in tree.preamble[:4]:
        m = _SELF_NAME.search(node.text) or _PREAMBLE_YEAR.search(node.text)
        if m:
            return ReportYear(int(m.group(1)), "preamble", node.start + m.start(1), node.start + m.end(1))
    period = facts.period
    if period is not None and period.start_date is not None:
        y = period.start_date[0]
        majority = _majority_year(facts)
        if majority is not None and majority.year != y:
            return majority  # the body reports on another year than the period states (GIP204)
        return ReportYear(y, "period", period.start, period.end)
    # "2019年，文登区住建局共主动公开……": the year the first section's opening sentence is about
    for section in tree.sections[:1]:
        for node in list(section.paragraphs())[:2]:
            m = _OPENING_YEAR.search(node.text)
            if m:
                return ReportYear(int(m.group(1)), "body", node.start + m.start(1), node.start + m.end(1))
    majority = _majority_year(facts)
    if majority is not None:
        return majority
    # a report signed early in the year reports on the year before ("2019年1月2日" → 2018)
    signed = facts.publication_date
    if signed is not None and signed.source == "signature" and signed.date[1] <= 4:
        return ReportYear(signed.date[0] - 1, "signature", signed.start, signed.end)
    return None


def _majority_year(facts) -> ReportYear | None:
    """The year most of the body's sentences speak of: at least three mentions and more than
    half of all the years named (never a year inside a document number)."""
    counts: dict[int, list[tuple[int, int]]] = {}
    total = 0
    for node in facts.tree.paragraphs():
        for m in _BODY_YEAR.finditer(node.text):
            counts.setdefault(int(m.group(1)), []).append((node.start + m.start(1), node.start + m.end(1)))
            total += 1
    if not counts:
        return None
    year, spans = max(counts.items(), key=lambda kv: (len(kv[1]), kv[0]))
    if len(spans) >= 3 and len(spans) * 2 > total:
        return ReportYear(year, "majority", *spans[0])
    return None
