"""The statistics period (spec §10) and dates that lost their 年/月/日 characters."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .. import rx

_TRIGGER = (
    r"(?:统计(?:数据)?(?:期限|时限|期间|周期|时间段|时间范围|区间|截止时间|时间)|数据(?:统计)?时限"
    r"|所列数据(?:为|是)?|内容涵盖|报告期(?:为|是)?"
    # "本报告统计数据从2016年1月1日至2016年12月31日止", "数据统计自…至…"
    r"|统计数据|数据统计)"
)
# a date as written, including damaged forms: 2018年1月1日, 12月31日, 201811日, 2018年131日,
# 20181月1日, 2018.1.1, 2018-01-01
_DATE = (
    r"(?:\d{4}年\d{1,2}月\d{1,2}日?|\d{1,2}月\d{1,2}日|\d{4}年\d{2,4}日|\d{5,6}月\d{1,2}日"
    r"|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}日?|\d{5,8}日"
    r"|\d{5,6}年\d{1,2}月\d{1,2}日)"  # a garbled year: 202020年12月31日
)
PERIOD_RE = rx.compile(
    _TRIGGER
    + r"[^。;]{0,20}?(?:自|从|为|是|:|在)?(?P<a>" + _DATE + r")(?:起)?,?"
    + r"(?:至|到|止至|-|~)(?:于)?(?P<b>" + _DATE + r")(?:止|期间|之间|间)?"
)

GARBLED_YEAR = rx.compile(r"^\d{5,6}年\d{1,2}月\d{1,2}日$")  # "202020年12月31日"
_FULL = rx.compile(r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日?$")
_ISO = rx.compile(r"^(?P<y>\d{4})[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})日?$")
_LOST_MONTH = rx.compile(r"^(?P<y>\d{4})年(?P<r>\d{2,4})日$")
_LOST_YEAR = rx.compile(r"^(?P<y>\d{4})(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_RUN = rx.compile(r"^(?P<y>\d{4})(?P<r>\d{1,4})日?$")


def _valid(y: int, m: int, d: int) -> bool:
    try:
        _dt.date(y, m, d)
        return True
    except ValueError:
        return False


def month_day_readings(y: int, digits: str) -> list[tuple[int, int]]:
    """Every (month, day) a run of digits can stand for, e.g. '1231' -> [(12, 31)]."""
    out = []
    for cut in range(1, len(digits)):
        m, d = digits[:cut], digits[cut:]
        if len(m) > 2 or len(d) > 2:
            continue
        mi, di = int(m), int(d)
        if 1 <= mi <= 12 and 1 <= di <= 31 and _valid(y, mi, di):
            out.append((mi, di))
    return out


@dataclass(frozen=True, slots=True)
class DateReading:
    text: str
    date: tuple[int, int, int] | None  # None when it cannot be read unambiguously
    malformed: bool  # characters 年/月/日 were lost
    invalid: bool = False  # well-formed but not a real date (2月30日)
    year_inherited: bool = False


def read_date(text: str, default_year: int | None = None) -> DateReading:
    m = _FULL.match(text) or _ISO.match(text)
    if m:
        y = int(m.group("y")) if m.group("y") else default_year
        mo, d = int(m.group("m")), int(m.group("d"))
        if y is None:
            return DateReading(text, None, False)
        return DateReading(text, (y, mo, d) if _valid(y, mo, d) else None, False,
                           invalid=not _valid(y, mo, d), year_inherited=not m.group("y"))
    m = _LOST_YEAR.match(text)
    if m:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        return DateReading(text, (y, mo, d) if _valid(y, mo, d) else None, True)
    m = _LOST_MONTH.match(text) or _RUN.match(text)
    if m:
        y = int(m.group("y"))
        readings = month_day_readings(y, m.group("r"))
        if len(readings) == 1:
            return DateReading(text, (y, *readings[0]), True)
        return DateReading(text, None, True)
    return DateReading(text, None, True)


@dataclass(frozen=True, slots=True)
class Period:
    start: int  # offsets of the whole period expression in the document text
    end: int
    first: DateReading
    last: DateReading
    line_text: str

    @property
    def start_date(self):
        return self.first.date

    @property
    def end_date(self):
        return self.last.date

    @property
    def malformed(self) -> bool:
        return self.first.malformed or self.last.malformed

    @property
    def readable(self) -> bool:
        return self.first.date is not None and self.last.date is not None


def find_periods(facts) -> list[Period]:
    sq = facts.squeezed
    out: list[Period] = []
    for m in PERIOD_RE.finditer(sq.text):
        first = read_date(m.group("a"))
        year = first.date[0] if first.date else None
        if year is None:
            ym = re.match(r"\d{4}", m.group("a"))
            year = int(ym.group()) if ym else None
        last = read_date(m.group("b"), default_year=year)
        start, end = sq.source_span(m.start(), m.end())
        out.append(Period(start, end, first, last, m.group(0)))
    return out


# -- malformed dates elsewhere in the text ---------------------------------------------------

@dataclass(frozen=True, slots=True)
class MalformedDate:
    start: int
    end: int
    text: str
    reading: tuple[int, int, int] | tuple[int, int] | None
    kind: str  # "year-month", "year-month-day", "month-day", "closing-date", "year-comma"


_BOUNDARY = r"(?:^|(?<=[,。;:、(“于至到自从在止]))"
_YEAR_MONTH = rx.compile(r"(?<![\d.])((?:19|20)\d{2})(\d{1,2})月")
_YEAR_MONTH_DAY = rx.compile(r"(?<![\d.年])((?:19|20)\d{2})(\d{2,4})日")
_MONTH_DAY = rx.compile(_BOUNDARY + r"(\d{2,4})日(?!内|以内|之内|以后|后|前|以前|左右|以上|的时间)")
_CLOSING = rx.compile(r"^((?:19|20)\d{2})(\d{2,4})$")
_YEAR_COMMA = rx.compile(r"^((?:19|20)\d{2}),(?=[\u4e00-\u9fff])")


def find_malformed_dates(facts) -> list[MalformedDate]:
    periods = facts.periods
    taken = [(p.start, p.end) for p in periods]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    out: list[MalformedDate] = []
    for node in facts.tree.paragraphs():
        raw = node.text
        text = facts.folded[node.start:node.end]  # same length as raw: offsets carry over
        base = node.start
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        m = _CLOSING.match(stripped)
        if m:
            y = int(m.group(1))
            readings = month_day_readings(y, m.group(2))
            if readings:
                s, e = base + lead, base + lead + len(stripped)
                if free(s, e):
                    out.append(MalformedDate(s, e, stripped, (y, *readings[0]) if len(readings) == 1 else None,
                                             "closing-date"))
                    taken.append((s, e))
            continue
        for m in _YEAR_MONTH.finditer(text):
            mo = int(m.group(2))
            if 1 <= mo <= 12:
                s, e = base + m.start(), base + m.end()
                if free(s, e):
                    out.append(MalformedDate(s, e, raw[m.start():m.end()], (int(m.group(1)), mo), "year-month"))
                    taken.append((s, e))
        for m in _YEAR_MONTH_DAY.finditer(text):
            y = int(m.group(1))
            readings = month_day_readings(y, m.group(2))
            s, e = base + m.start(), base + m.end()
            if readings and free(s, e):
                out.append(MalformedDate(s, e, raw[m.start():m.end()],
                                         (y, *readings[0]) if len(readings) == 1 else None, "year-month-day"))
                taken.append((s, e))
        for m in _MONTH_DAY.finditer(text):
            digits = m.group(1)
            if len(digits) == 2 and int(digits) <= 31:
                continue  # "15日" is a day of the month
            readings = month_day_readings(2000, digits)
            s, e = base + m.start(1), base + m.end()
            if readings and free(s, e):
                out.append(MalformedDate(s, e, raw[m.start(1):m.end()],
                                         readings[0] if len(readings) == 1 else None, "month-day"))
                taken.append((s, e))
        m = _YEAR_COMMA.match(text[lead:])
        if m:
            s, e = base + lead, base + lead + m.end()
            if free(s, e):
                out.append(MalformedDate(s, e, raw[lead:lead + m.end()], (int(m.group(1)),), "year-comma"))
    out.sort(key=lambda d: d.start)
    return out
