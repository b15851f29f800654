"""GIP308 published-late."""

from __future__ import annotations

from ..base import Rule


class PublishedLate(Rule):
    """检查内容：报告落款日期（或网页上的发布日期）晚于法定的公布期限：2019 年起的报告应在次年
    1月31日前公布，2018 年及以前的报告应在次年3月31日前公布。

    What it checks: the report's signature date (or, without one, the web page's publication
    date) is after the legal deadline — 31 January of the next year for reports on 2019 and
    later, 31 March for earlier reports (the profile's ``contact.deadline``). Only a date in the
    year after the report year counts: a page dated years later is a re-post, not a late report.

    依据 / Why: 条例（2019）第四十九条、2008 年条例第三十一条规定了年度报告的公布期限。网页日期
    可能是转载或迁移的日期，所以只作提示（info）。
    """

    code = "GIP308"
    name = "published-late"
    summary = "报告晚于法定期限公布"
    summary_en = "the report was published after the deadline"
    default_severity = "info"
    messages = {
        "signature": ("报告落款日期为{date}，晚于{deadline}的公布期限（{basis}）",
                      "the report is signed on {date}, after the deadline of {deadline} ({basis})"),
        "page": ("网页发布日期为{date}，晚于{deadline}的公布期限（{basis}；如是转载日期可忽略）",
                 "the page was published on {date}, after the deadline of {deadline} ({basis}; ignore"
                 " this if the date is a re-post's)"),
        "date": ("{0}年{1}月{2}日", "{0:04d}-{1:02d}-{2:02d}"),
    }

    def check(self, ctx):
        deadline = ctx.profile.contact.deadline
        ry = ctx.facts.report_year
        dated = ctx.facts.publication_date
        if deadline is None or ry is None or dated is None:
            return
        month, day = (int(x) for x in deadline.split("-"))
        due = (ry.year + 1, month, day)
        if not due < dated.date <= (ry.year + 1, 12, 31):
            return
        yield ctx.report(dated.source, dated.start, dated.end, date=ctx.text("date", *dated.date),
                         deadline=ctx.text("date", *due), basis=ctx.profile.contact.deadline_basis)
