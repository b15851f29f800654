"""GIP604 repeated-from-other-report."""

from __future__ import annotations

from ...facts.sentences import sentence_keys
from ..base import Option, Rule

_PAIR_LEAST = 8  # sentences of its own an automatically paired report needs to be compared


class RepeatedFromOtherReport(Rule):
    """检查内容：与另一份报告（通常是上一年度的报告）相比，有多少句子相同（数字不计）。
    用 ``--compare 上年报告.txt`` 指定对比文件。

    What it checks: with ``--compare OTHER``, the share of this report's sentences that also
    appear in the other report (numbers ignored): the copying across years that reviewers call
    雷同. Info below the threshold, warning at or above it.

    依据 / Why: 国办公开办函〔2021〕30号把“内容雷同”列为追责情形；中国社会科学院 2017 年评估发现
    有的报告约九成内容与上一年相同（规范第 12 节 D3）。

    命令行 / Command line: ``--compare FILE``，``--repeat-threshold``（即选项 threshold）。

    检查目录时，同一机关相邻年度的两份报告自动配对（或用 ``--previous`` 指定），下一年度的报告与上一年度
    的比较正文句子（表格不计）；自动配对时只报告达到阈值的（警告）。 In a folder, two reports of one
    agency for consecutive years are paired (or ``--previous`` pairs them): the later report's prose
    sentences (tables left out) are compared with the earlier's; automatic pairs are reported only
    at or above the threshold.
    """

    code = "GIP604"
    name = "repeated-from-other-report"
    summary = "与另一份报告大量雷同"
    summary_en = "much of the text repeats another report"
    default_severity = "info"
    options = {"threshold": Option(
        float, 0.5, min=0.0, max=1.0, min_exclusive=True,
        help="相同句子的比例达到这一值时报告为警告（低于它时为提示）；命令行也可用 --repeat-threshold",
        help_en="a share of identical sentences at or above this is a warning (below it, a note);"
                " also --repeat-threshold")}
    messages = {"share": ("与“{other}”相比，{share}的句子相同（{same}/{total}句，数字不计）",
                          "{share} of the sentences ({same} of {total}, numbers ignored) also appear in '{other}'")}

    def check(self, ctx):
        refs = ctx.facts.references
        if not refs:
            return
        mine = sentence_keys(ctx.facts.folded)
        if not mine:
            return
        for name, text in refs:
            theirs = set(sentence_keys(text))
            same = sum(1 for k in mine if k in theirs)
            share = same / len(mine)
            s, e = ctx.anchor()
            threshold = ctx.options["threshold"]
            yield ctx.report("share", s, e, severity="warning" if share >= threshold else "info",
                             other=name, share=f"{share:.0%}", same=same, total=len(mine), fingerprint_extra=name)

    def check_pair(self, pair):
        from ...collection import _anchor

        common = pair.collection.common() if pair.collection is not None else set()
        # the sentences every report of the collection shares (a template's) say nothing of copying
        mine = [h for h in pair.later.summary.get("sentences") or () if h not in common]
        if not mine or (not pair.explicit and len(mine) < _PAIR_LEAST):
            return  # an automatic pair needs enough of its own prose to judge
        theirs = set(pair.earlier.summary.get("sentences") or ())
        same = sum(1 for k in mine if k in theirs)
        share = same / len(mine)
        threshold = pair.options.get("threshold", 0.5)
        if share < threshold and not pair.explicit:
            return  # an automatic pair: only copying is worth a line
        import os

        yield pair.report("share", pair.later, _anchor(pair.later), against=pair.earlier,
                          against_place=_anchor(pair.earlier), severity="warning" if share >= threshold else "info",
                          other=os.path.basename(pair.earlier.path), share=f"{share:.0%}", same=same, total=len(mine),
                          fingerprint_extra=os.path.basename(pair.earlier.path))
