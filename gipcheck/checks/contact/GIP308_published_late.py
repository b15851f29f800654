"""GIP308 published-late."""

from __future__ import annotations

from ..base import Rule


class PublishedLate(Rule):
    """检查内容：报告落款日期（或网页上的发布日期）晚于法定的公布期限：2019 年起的报告应在次年
    1月31日前公布，2018 年及以前的报告应在次年3月31日前公布。

    What it checks: the report's signature date (or, without one, the web page's publication
    date) is after the legal deadline (the profile's ``contact``): for reports on 2019 and later,
    31 January for a department (its name ends 局, 委员会, 办公室 …) and 31 March for a local
    government's own report or when the kind of agency is unclear; none for 乡镇 and 街道; for
    earlier reports 31 March for everyone. Only a date in the year after the report year counts:
    a page dated years later is a re-post, not a late report.

    依据 / Why: 条例（2019）第四十九条、2008 年条例第三十一条规定了年度报告的公布期限（规范第 11.3 节）。
    落款日期晚于期限报警告；网页日期可能是转载或迁移的日期，只作提示（info）。
    """

    code = "GIP308"
    name = "published-late"
    summary = "报告晚于法定期限公布"
    summary_en = "the report was published after the deadline"
    default_severity = "warning"
    messages = {
        "signature": ("报告落款日期为{date}，晚于{deadline}的公布期限（{basis}）",
                      "the report is signed on {date}, after the deadline of {deadline} ({basis})"),
        "page": ("网页发布日期为{date}，晚于{deadline}的公布期限（{basis}；如是转载日期可忽略）",
                 "the page was published on {date}, after the deadline of {deadline} ({basis}; ignore"
                 " this if the date is a re-post's)"),
        "early": ("报告落款日期为{date}，早于报告年度结束（{year}年12月31日）：年度或日期有误",
                  "the report is signed on {date}, before the report year {year} ended: the year or the date is wrong"),
        "date": ("{0}年{1}月{2}日", "{0:04d}-{1:02d}-{2:02d}"),
    }

    def check(self, ctx):
        ry = ctx.facts.report_year
        dated = ctx.facts.publication_date
        deadline = _deadline(ctx)
        if ry is None or dated is None:
            return
        if deadline is None and dated.source != "signature":
            return
        if dated.source == "signature" and dated.date < (ry.year, 12, 31):
            # (a page's date may be anything a site migration left; only the signature counts here)
            yield ctx.report("early", dated.start, dated.end, date=ctx.text("date", *dated.date), year=ry.year)
            return
        if deadline is None:
            return
        month, day = (int(x) for x in deadline.split("-"))
        due = (ry.year + 1, month, day)
        if not due < dated.date <= (ry.year + 1, 12, 31):
            return
        yield ctx.report(dated.source, dated.start, dated.end, severity=None if dated.source == "signature" else "info",
                         date=ctx.text("date", *dated.date), deadline=ctx.text("date", *due),
                         basis=ctx.profile.contact.deadline_basis)


def _deadline(ctx) -> str | None:
    """The deadline for this report's kind of agency (MM-DD), or None when there is none."""
    contact = ctx.profile.contact
    if contact.government_deadline is None:
        return contact.deadline  # one deadline for every agency (the 2008 regulation)
    words = ctx.profile.wording
    title = "".join(n.text for n in ctx.tree.title)
    if any(w in title for w in words.township_titles):
        return None  # 乡镇, 街道: no national deadline
    agency = title.split("20")[0] if title else ""
    if agency and any(agency.endswith(s) for s in contact.department_suffixes):
        return contact.deadline
    return contact.government_deadline
