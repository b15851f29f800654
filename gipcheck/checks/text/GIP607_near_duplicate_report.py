"""GIP607 near-duplicate-report."""

from __future__ import annotations

import os

from ..base import Option, Rule


class NearDuplicateReport(Rule):
    """检查内容：检查一批报告（一个目录）时，找出**不同机关**之间几乎相同的报告（套用模板、互相抄袭）：
    两份报告正文句子（数字不计；一批报告中很多报告共有的模板句不计）的重合度（Jaccard）达到阈值时，
    两份报告都报告，并写明另一份的文件名和机关。读不出机关的报告不比较（不能说是“另一机关”）。
    报告多时用 MinHash LSH（datasketch）先找候选，再按句子集合精确核对，一万份报告几秒内比完。
    同一机关自己的上一年度报告由 GIP604 比较。

    What it checks: across a collection (a folder), reports of *different* agencies that are
    nearly the same (template copying): when the share of shared sentences (numbers ignored;
    Jaccard of the sentence sets) reaches the threshold, both reports get a finding naming the
    other file and agency; sentences that many reports of the collection share (a template's) do
    not count, and a report whose agency is unknown is not compared. Candidates come from MinHash
    LSH (datasketch) in a large collection, then the exact sets are compared. An agency's own
    previous report is GIP604's.

    依据 / Why: 国办公开办函〔2021〕30号把“内容雷同”列为追责情形；规范第 12 节 D3。
    """

    code = "GIP607"
    name = "near-duplicate-report"
    summary = "与另一机关的报告几乎相同"
    summary_en = "nearly the same as another agency's report"
    default_severity = "warning"
    options = {
        "threshold": Option(float, 0.6, min=0.0, max=1.0, min_exclusive=True,
                            help="两份报告句子集合的重合度（交集/并集）达到这一值时报告",
                            help_en="report two reports whose sentence sets overlap at least this much"
                                    " (intersection over union)"),
        "min_sentences": Option(int, 10, min=1,
                                help="每份报告至少有这么多句正文才比较（太短的文本重合度没有意义）",
                                help_en="compare only reports with at least this many sentences"),
    }
    messages = {"similar": ("与“{other}”（{agency}）的正文有{share}的句子相同（{same}句，数字不计），疑似套用或抄袭",
                            "{share} of the sentences ({same}, numbers ignored) are shared with '{other}' ({agency}):"
                            " copied or templated"),
                "unknown": ("机关不明", "agency unknown")}

    def check(self, ctx):
        return ()  # needs a collection: check_similar

    def check_similar(self, collection, options):
        from ...collection import PairContext, _anchor

        threshold = options.get("threshold", 0.6)
        least = options.get("min_sentences", 10)
        for a_path, b_path in collection.candidates():
            a, b = collection.reports[a_path], collection.reports[b_path]
            ka = (a.agency or {}).get("key")
            kb = (b.agency or {}).get("key")
            if not ka or not kb or ka == kb:
                continue  # one agency's own reports (GIP604's), or an agency unknown: not "another agency"
            sa = collection.sentence_set(a_path)
            sb = collection.sentence_set(b_path)
            if len(sa) < least or len(sb) < least:
                continue
            same = len(sa & sb)
            share = same / len(sa | sb)
            if share < threshold:
                continue
            for me, other in ((a, b), (b, a)):
                ctx = PairContext(other, me, type(self), collection.lang, options)
                agency = (other.agency or {}).get("name") or ctx.text("unknown")
                yield ctx.report("similar", me, _anchor(me), against=other, against_place=_anchor(other),
                                 other=os.path.basename(other.path), agency=agency, share=f"{share:.0%}",
                                 same=same, fingerprint_extra=os.path.basename(other.path))
