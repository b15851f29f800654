"""GIP605 doubled-word."""

from __future__ import annotations

from ...facts.sentences import doubled_words
from ..base import Rule


class DoubledWord(Rule):
    """检查内容：同一个词或短语紧挨着写了两遍（“资金资金”“遵循遵循”“伊宁县县人民政府”
    “行政处罚信息0条，行政处罚信息0条”），多半是编辑时的笔误。

    What it checks: a word or phrase written twice in a row — a doubled word (资金资金), a doubled
    administrative character in an agency name (伊宁县县人民政府) or a repeated list item
    (行政处罚信息0条，行政处罚信息0条). A doubling that can be read as two different words
    (同时适时适地: 同时 + 适时 + 适地) is not reported; tables and lines without sentence
    punctuation (table headers broken over lines) are not read.

    依据 / Why: 规范第 12 节 D14：重复的字词是审核中常见的文字错误，只作提示（info）。
    """

    code = "GIP605"
    name = "doubled-word"
    summary = "字词重复"
    summary_en = "a doubled word"
    default_severity = "info"
    messages = {
        "word": ("“{word}”连写了两遍（“{text}”），可能是笔误", "'{word}' is written twice in a row ('{text}');"
                 " probably a slip"),
        "name": ("机关名称中“{word}”重复（“{text}”）", "the agency name repeats '{word}' ('{text}')"),
        "phrase": ("“{word}”紧接着重复了一遍", "'{word}' is repeated right after itself"),
    }

    def check(self, ctx):
        for kind, start, end, word in doubled_words(ctx.facts):
            yield ctx.report(kind, start, end, word=word, text=ctx.facts.text[start:end])
