"""GIP516 share-without-count."""

from __future__ import annotations

from ...facts.numbers import CLAUSE_EDGE, CLAUSE_SPLIT, SHARE_IN_CLAUSE
from ..base import Rule


class ShareWithoutCount(Rule):
    """检查内容：一组“某类信息N条，占X%”的分句中，有一类只写了占比，没有写数量
    （“规划计划类信息，占总体比例为9%”）。

    What it checks: among clauses that each give a category's count and its share ("…2条，占总体
    比例为18%；…5条，占45%"), one gives the share but no count: the number was probably lost.
    Only sentences with at least two clauses that do give their count are read.

    依据 / Why: 占比只有与数量一起才能核对（规范第 9.5 节）；漏掉的数量多是编辑时的疏漏。
    """

    code = "GIP516"
    name = "share-without-count"
    summary = "只有占比、没有数量"
    summary_en = "a share without its count"
    default_severity = "warning"
    messages = {"share": ("“{clause}”只给出占比，没有数量；同句其他各类都写明了数量",
                          "'{clause}' gives a share but no count, while the other categories of the sentence"
                          " give theirs")}

    def check(self, ctx):
        for sent in ctx.facts.claims.sentences:
            clauses = []
            pos = 0
            for part in CLAUSE_SPLIT.split(sent.text):
                start = sent.start + pos
                pos += len(part) + 1
                m = SHARE_IN_CLAUSE.search(part)
                if m is None:
                    continue
                counted = any(start <= q.start < start + m.start() and q.unit != "%" for q in sent.quantities)
                clauses.append((start, start + m.end(), counted))
            if sum(1 for _, _, c in clauses if c) < 2:
                continue
            for start, end, counted in clauses:
                if not counted:
                    raw = ctx.facts.text[start:end]
                    text = raw.strip(CLAUSE_EDGE)
                    lead = len(raw) - len(raw.lstrip(CLAUSE_EDGE))
                    yield ctx.report("share", start + lead, end, clause=text)
