"""GIP2xx — report year, statistics period and dates."""

from __future__ import annotations

from .base import Rule


def _fmt(d) -> str:
    return f"{d[0]}年{d[1]}月{d[2]}日"


def _fmt_en(d) -> str:
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


class ReportYearUnknown(Rule):
    """检查内容：无法确定报告年度（标题、引言和统计期限中都没有年份）。

    What it checks: the report year cannot be determined from the title, the introduction
    or the statistics period. The newest profile is then used; ``--profile`` chooses another.

    依据 / Why: 适用哪种格式取决于报告年度（2018 年及以前按 2008 年条例，2019—2020 年按
    60号格式，2021 年起按 30号格式，规范第 4 节）。

    错误示例 / Failing: 标题为“政府信息公开年度报告”，正文没有统计期限。

    正确示例 / Passing: “××局2020年政府信息公开工作年度报告”。
    """

    code = "GIP201"
    name = "report-year-unknown"
    summary = "无法确定报告年度"
    summary_en = "the report year cannot be determined"
    default_severity = "info"
    messages = {
        "unknown": ("无法从标题、引言或统计期限确定报告年度，已按最新格式“{profile}”检查；"
                    "可用 --profile 指定", "the report year cannot be determined from the title,"
                    " introduction or statistics period; checked against the newest profile"
                    " '{profile}' (use --profile to choose)"),
    }

    def check(self, ctx):
        facts = ctx.facts
        if facts.report_year is None and facts.profile_override is None and facts.is_report:
            s, e = ctx.anchor()
            yield ctx.report("unknown", s, e, profile=ctx.profile.id)


class PeriodMissing(Rule):
    """检查内容：报告中没有说明统计期限（“本报告中所列数据的统计期限自……起至……止”）。

    What it checks: no sentence states the statistics period. The whole text is searched,
    including the last section, and line breaks inside the sentence are allowed.

    依据 / Why: 统计期限应为报告年度的 1月1日至12月31日（规范第 10 节，DB51/T 2660—2019
    第 2.1 条）；不写明期限，读者无法判断数据口径。惯例要求，故为 warning。

    错误示例 / Failing: 全文没有“统计期限”“统计时限”“所列数据为”等说明。

    正确示例 / Passing: “本报告中所列数据的统计期限自2020年1月1日起至12月31日止。”
    """

    code = "GIP202"
    name = "period-missing"
    summary = "未说明统计期限"
    summary_en = "no statistics period is stated"
    default_severity = "warning"
    messages = {
        "missing": ("未找到统计期限说明；应写明“本报告中所列数据的统计期限自{year}1月1日起至{year}12月31日止”{note}",
                    "no statistics period is stated; expected a sentence such as"
                    " '本报告中所列数据的统计期限自{year}1月1日起至{year}12月31日止'{note_en}"),
    }

    def check(self, ctx):
        facts = ctx.facts
        if facts.periods or not facts.is_report:
            return
        sev = ctx.profile.period.get("required", self.default_severity)
        truncated = ctx.truncated or not facts.tree.sections
        ry = facts.report_year
        pre = facts.tree.preamble  # where the period sentence usually stands
        s, e = ctx.opening(pre[0].start, pre[0].end) if pre else ctx.anchor()
        yield ctx.report("missing", s, e, severity="info" if truncated else sev,
                         year=f"{ry.year}年" if ry else "本年度",
                         **ctx.note_if(truncated))


class PeriodNotCalendarYear(Rule):
    """检查内容：统计期限是否为完整的自然年（Y年1月1日至Y年12月31日）。

    What it checks: the stated period covers the whole calendar year: Y-01-01 to Y-12-31.
    For 2008, a start on 2008-05-01 (the day the regulation took effect) is accepted too.

    依据 / Why: 年度报告统计的是上一年度 1月1日至12月31日的工作（规范第 10.1 节；四川
    DB51/T 2660—2019 第 2.1 条）。期限不完整时，数据与其他报告不可比。机构年中设立或撤销时
    期限可以合理地不完整，这时可以对该文件关闭本规则（``--ignore GIP203``）。

    错误示例 / Failing: “统计期限自2018年1月1日起至2018年11月20日止”。

    正确示例 / Passing: “统计期限自2020年1月1日起至12月31日止”（终止日省略年份，沿用起始年份）。
    """

    code = "GIP203"
    name = "period-not-calendar-year"
    summary = "统计期限不是完整的自然年"
    summary_en = "the statistics period is not the whole calendar year"
    default_severity = "error"
    messages = {
        "partial": ("统计期限为{start}至{end}，不是完整的自然年；应为{year}年1月1日至{year}年12月31日",
                    "the statistics period runs from {start_en} to {end_en}, not the whole calendar"
                    " year; expected {year}-01-01 to {year}-12-31"),
        "order": ("统计期限的起始日{start}晚于终止日{end}", "the statistics period starts ({start_en})"
                  " after it ends ({end_en})"),
    }

    def check(self, ctx):
        starts = ctx.profile.period.get("first_year_starts", {}) or {}
        for p in ctx.facts.periods:
            if not p.readable:
                continue
            a, b = p.first.date, p.last.date
            y = a[0]
            args = dict(start=_fmt(a), end=_fmt(b), start_en=_fmt_en(a), end_en=_fmt_en(b), year=y)
            if a > b:
                yield ctx.report("order", p.start, p.end, **args)
                continue
            ok_starts = {tuple(int(x) for x in s.split("-")) for s in starts.get(y, ["01-01"])}
            ok_starts.add((1, 1))
            if (a[1], a[2]) not in ok_starts or b != (y, 12, 31):
                yield ctx.report("partial", p.start, p.end, **args)


class PeriodYearMismatch(Rule):
    """检查内容：统计期限的年份与报告年度（标题中的年份）是否一致。

    What it checks: the year of the statistics period equals the report year from the title
    (or from the introduction when there is no title).

    依据 / Why: Y年度报告统计的是Y年的数据（规范第 10.3 节）；年份不符通常是套用上一年
    报告时漏改。

    错误示例 / Failing: 标题“2021年……年度报告”，统计期限“2020年1月1日至2020年12月31日”。

    正确示例 / Passing: 标题与统计期限均为2021年。
    """

    code = "GIP204"
    name = "period-year-mismatch"
    summary = "统计期限年份与报告年度不符"
    summary_en = "the period's year differs from the report year"
    default_severity = "error"
    messages = {
        "mismatch": ("统计期限的年份是{found}年，但报告年度（{source}）是{year}年",
                     "the statistics period is in {found}, but the report year ({source_en}) is {year}"),
    }

    def check(self, ctx):
        ry = ctx.facts.report_year
        if ry is None or ry.source == "period":
            return
        src = {"title": "标题", "preamble": "引言"}.get(ry.source, ry.source)
        for p in ctx.facts.periods:
            years = {d[0] for d in (p.first.date, p.last.date) if d is not None}
            if not years and p.first.text[:4].isdigit():
                years = {int(p.first.text[:4])}
            for found in sorted(years):
                if found != ry.year:
                    yield ctx.report("mismatch", p.start, p.end, found=found, year=ry.year,
                                     source=src, source_en=ry.source)
                    break


class PeriodDateMalformed(Rule):
    """检查内容：统计期限中的日期丢失了“年/月/日”字样（如“自201811日起至20181231日止”）。

    What it checks: a date in the statistics period lost its 年/月/日 characters in
    conversion. When the digits allow only one reading it is shown (201811日 → 2018年1月1日);
    otherwise the period is reported as unverifiable. No "period missing" finding is added.

    依据 / Why: 网页转换常把“年”“月”吞掉，期限因而无法确认（规范第 10.3 节：warning）。

    错误示例 / Failing: “统计期限自201811日起至20181231日止”。

    正确示例 / Passing: “统计期限自2018年1月1日起至2018年12月31日止”。
    """

    code = "GIP205"
    name = "period-date-malformed"
    summary = "统计期限中的日期残缺"
    summary_en = "a date in the statistics period is malformed"
    default_severity = "warning"
    messages = {
        "read": ("统计期限中的日期丢失了“年/月/日”字样：“{text}”，按数字只能读作{start}至{end}，请补全",
                 "a date in the statistics period lost its 年/月/日 characters: '{text}' can only be"
                 " read as {start_en} to {end_en}; please write it out in full"),
        "unverifiable": ("统计期限中的日期丢失了“年/月/日”字样：“{text}”，无法确定期限，请补全",
                         "a date in the statistics period lost its 年/月/日 characters: '{text}';"
                         " the period cannot be confirmed"),
    }

    def check(self, ctx):
        for p in ctx.facts.periods:
            if not p.malformed:
                continue
            text = "”“".join(d.text for d in (p.first, p.last) if d.malformed)
            if p.readable:
                a, b = p.first.date, p.last.date
                yield ctx.report("read", p.start, p.end, text=text, start=_fmt(a), end=_fmt(b),
                                 start_en=_fmt_en(a), end_en=_fmt_en(b))
            else:
                yield ctx.report("unverifiable", p.start, p.end, text=text)


class DateMalformed(Rule):
    """检查内容：正文中丢失了“年/月/日”字样的日期，如“20186月”“516日”“截止1231日”、落款“2019131”。

    What it checks: dates elsewhere in the text that lost 年/月/日 in conversion ("20186月",
    "516日", a closing date "2019131"). Only digit runs next to 月/日 (or a closing-date line)
    whose digits form a valid date are reported; "15日" and "180日内" are not.

    依据 / Why: 残缺日期使读者无法确认时间（规范第 12 节 D14）。统计期限中的残缺日期由
    GIP205 报告，同一处不重复报告。

    错误示例 / Failing: “20186月市政务办完成对门户的升级改版”。

    正确示例 / Passing: “2018年6月市政务办完成对门户的升级改版”。
    """

    code = "GIP206"
    name = "date-malformed"
    summary = "日期残缺（丢失年/月/日）"
    summary_en = "a date lost its 年/月/日 characters"
    default_severity = "warning"
    messages = {
        "ym": ("日期“{text}”丢失了“年”字，应为“{y}年{m}月”", "the date '{text}' lost its 年: expected"
               " '{y}年{m}月'"),
        "ymd": ("日期“{text}”丢失了“年/月”字样{reading}", "the date '{text}' lost its 年/月 characters{reading_en}"),
        "md": ("日期“{text}”丢失了“月”字{reading}", "the date '{text}' lost its 月{reading_en}"),
        "closing": ("落款日期“{text}”丢失了“年/月/日”字样{reading}", "the closing date '{text}' lost its"
                    " 年/月/日 characters{reading_en}"),
    }

    def check(self, ctx):
        for d in ctx.facts.malformed_dates:
            r = d.reading
            if d.kind == "year-month":
                yield ctx.report("ym", d.start, d.end, text=d.text, y=r[0], m=r[1])
            elif d.kind in ("year-month-day", "closing-date"):
                reading = f"，应为“{_fmt(r)}”" if r else "，无法确定日期"
                reading_en = f"; expected '{_fmt(r)}'" if r else "; the date cannot be determined"
                key = "closing" if d.kind == "closing-date" else "ymd"
                yield ctx.report(key, d.start, d.end, text=d.text, reading=reading, reading_en=reading_en)
            elif d.kind == "month-day":
                reading = f"，应为“{r[0]}月{r[1]}日”" if r else "，无法确定日期"
                reading_en = f"; expected '{r[0]}月{r[1]}日'" if r else "; the date cannot be determined"
                yield ctx.report("md", d.start, d.end, text=d.text, reading=reading, reading_en=reading_en)


class YearMissingCharacter(Rule):
    """检查内容：段首年份后丢失了“年”字，如“2016,开远市尚未收到……”。

    What it checks: a paragraph opens with a year followed by a comma, the 年 lost
    ("2016,开远市尚未收到").

    依据 / Why: 文字残缺（规范第 12 节 D14）；意思通常仍清楚，故只作提示。

    错误示例 / Failing: “2016,开远市尚未收到……”。

    正确示例 / Passing: “2016年,开远市尚未收到……”。
    """

    code = "GIP207"
    name = "year-missing-character"
    summary = "年份后缺少“年”字"
    summary_en = "a year lost its 年"
    default_severity = "info"
    messages = {"year": ("“{text}”中年份后缺少“年”字，应为“{y}年”", "'{text}': the year lost its 年;"
                         " expected '{y}年'")}

    def check(self, ctx):
        for d in ctx.facts.malformed_dates:
            if d.kind == "year-comma":
                yield ctx.report("year", d.start, d.end, text=d.text, y=d.reading[0])


class PeriodDateInvalid(Rule):
    """检查内容：统计期限中的日期不存在（如“2月30日”“13月1日”）。

    What it checks: a date in the statistics period that does not exist (2月30日, 13月1日).

    依据 / Why: 不存在的日期是笔误，期限因此无法确认（规范第 10.3 节：error）。

    错误示例 / Failing: “统计期限为2020年1月1日至2020年12月32日”。

    正确示例 / Passing: “统计期限为2020年1月1日至2020年12月31日”。
    """

    code = "GIP208"
    name = "period-date-invalid"
    summary = "统计期限中的日期不存在"
    summary_en = "a date in the statistics period does not exist"
    default_severity = "error"
    messages = {"invalid": ("统计期限中的日期“{text}”不存在", "the date '{text}' in the statistics period"
                            " does not exist")}

    def check(self, ctx):
        for p in ctx.facts.periods:
            for d in (p.first, p.last):
                if d.invalid:
                    yield ctx.report("invalid", p.start, p.end, text=d.text)


RULES = [ReportYearUnknown, PeriodMissing, PeriodNotCalendarYear, PeriodYearMismatch,
         PeriodDateMalformed, DateMalformed, YearMissingCharacter, PeriodDateInvalid]
