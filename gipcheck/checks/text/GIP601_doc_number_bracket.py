"""GIP601 doc-number-bracket."""

from __future__ import annotations

from ...facts.sentences import DOC_CLOSE, DOC_NUMBER, DOC_NUMBER_OPEN, DOC_OPEN, doc_number
from ..base import Rule


class DocNumberBracket(Rule):
    """检查内容：文号丢失了括号，如“咸政办发〔201836号”（应为“咸政办发〔2018〕36号”）。

    What it checks: a document number that lost its closing bracket in conversion
    ("咸政办发〔201836号" for 咸政办发〔2018〕36号).

    依据 / Why: 规范第 12 节 D14：文字残缺（warning）。

    修正 / Fix: 补上括号是确定的修正（编辑器中的快速修复、SARIF 的 fixes）。
    """

    code = "GIP601"
    name = "doc-number-bracket"
    summary = "文号缺少括号"
    summary_en = "a document number lost a bracket"
    default_severity = "warning"
    messages = {
        "docno": ("文号“{text}”缺少“〕”，应为“{fixed}”", "the document number '{text}' lost its 〕;"
                  " expected '{fixed}'"),
        "open": ("文号“{text}”缺少“〔”，应为“{fixed}”", "the document number '{text}' lost its 〔;"
                 " expected '{fixed}'"),
    }

    def check(self, ctx):
        text = ctx.facts.folded
        original = ctx.facts.text
        if DOC_OPEN not in text and DOC_CLOSE not in text:
            return  # (each pattern needs one of them: no paragraph needs to be searched)
        for node in ctx.tree.paragraphs():
            for key, pattern, mark in (("docno", DOC_NUMBER, DOC_OPEN), ("open", DOC_NUMBER_OPEN, DOC_CLOSE)):
                if text.find(mark, node.start, node.end) < 0:
                    continue
                for m in pattern.finditer(text, node.start, node.end):
                    fixed = doc_number(m.group("org"), m.group("year"), m.group("num"))
                    # the certain fix keeps the report's own characters (full-width digits stay)
                    fix = doc_number(*(original[m.start(g):m.end(g)] for g in ("org", "year", "num")))
                    yield ctx.report(key, m.start(), m.end(), text=original[m.start():m.end()], fixed=fixed, fix=fix)
