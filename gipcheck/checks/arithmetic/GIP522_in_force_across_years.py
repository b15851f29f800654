"""GIP522 in-force-across-years."""

from __future__ import annotations

import os

from ..base import Rule
from ._pairs import _fmt, across_identities, column_label, label, year_name


class InForceAcrossYears(Rule):
    """检查内容：同一机关相邻两年的报告中（2021 年格式），表二规章、行政规范性文件的“现行有效件数”
    应约等于：上一年度的现行有效件数 + 本年制发件数 − 本年废止件数。不相等时报警告；报告正文提到
    自然失效、宣布失效、修订或清理时只作提示（这些都能合理地造成差异）。

    What it checks: for two 2021-format reports of one agency for consecutive years, table 二's
    documents in force (规章, 行政规范性文件) should be last year's in force + issued − repealed.
    A difference is a warning; when the prose mentions expiry, amendment or a clean-up (自然失效,
    宣布失效, 修订, 清理) it is only a note: those change the count legitimately.

    依据 / Why: 规范第 9.3 节 I-12：修订、自然失效和统计口径的变化可能合理地打破这一关系，所以最多是
    warning，消息也这样说明。
    """

    code = "GIP522"
    name = "in-force-across-years"
    summary = "现行有效件数与上一年度报告衔接不上"
    summary_en = "documents in force do not follow from last year's report"
    default_severity = "warning"
    messages = {
        "stock": ("表二“{row}”{total}为{value}，按{year}报告（{other}）的{total}{prev} + {terms}，应为{expected}"
                  "（修订、自然失效、清理或统计范围变化可能合理地造成差异{reason}）",
                  "table 二 '{row}': {total} is {value}, but {year}'s report ({other}) gives {prev} + {terms}"
                  " = {expected} (amendment, expiry, clean-ups or a change of scope may explain it{reason})"),
        "reason": ("；正文提到“{word}”，故仅作提示", "; the text mentions '{word}', so this is only a note"),
        "cell": ("{column}：{value}", "{column}: {value}"),
    }

    def check(self, ctx):
        return ()  # needs two reports: check_pair

    def check_pair(self, pair):
        earlier, later = pair.earlier, pair.later
        for table, ident in across_identities(pair, "stock"):
            for rid in ident.rows:
                if earlier.uncertain(table.id, rid) or later.uncertain(table.id, rid):
                    continue
                prev = earlier.cell(table.id, rid, ident.total)
                now = later.cell(table.id, rid, ident.total)
                plus = [later.cell(table.id, rid, c) for c in ident.parts]
                minus = [later.cell(table.id, rid, c) for c in ident.minus]
                if prev is None or now is None or any(c is None for c in plus + minus):
                    continue
                expected = float(prev[0]) + sum(float(c[0]) for c in plus) - sum(float(c[0]) for c in minus)
                if abs(float(now[0]) - expected) < 1e-9 or expected < 0:
                    continue  # (below zero: last year's figure cannot be the base, nothing to say)
                words = later.summary.get("words") or {}
                word = next((w for w in ident.legitimate if w in words), None)
                reason = pair.text("reason", word=word) if word else ""
                related = [(c, pair.text("cell", column=column_label(table, cid), value=_fmt(c[0]))) for c, cid in
                           zip(plus + minus, ident.parts + ident.minus)]
                yield pair.report(
                    "stock", later, now, against=earlier, against_place=prev, severity="info" if word else None,
                    row=label(table, rid), total=column_label(table, ident.total), value=_fmt(now[0]),
                    year=year_name(earlier, pair.lang), other=os.path.basename(earlier.path), prev=_fmt(prev[0]),
                    terms=" ".join([" + ".join(f"{column_label(table, cid)}{_fmt(c[0])}"
                                               for c, cid in zip(plus, ident.parts))]
                                   + [f"− {column_label(table, cid)}{_fmt(c[0])}" for c, cid in zip(minus, ident.minus)]),
                    expected=_fmt(expected), reason=reason, fingerprint_extra=f"{ident.id}:{rid}", related=related)
