"""Helpers shared by the text rules."""

from __future__ import annotations

import re


_DOCNO = re.compile(r"(?P<org>[\u4e00-\u9fff]{1,10})〔(?P<year>(?:19|20)\d{2})(?P<num>\d{1,4})号")


_PAIRS = {"《": "》", "“": "”", "(": ")", "〔": "〕", "【": "】"}


_CLOSERS = {v: k for k, v in _PAIRS.items()}


_BRACKET = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "]")


_LIST_MARK = re.compile(r"(?:^|(?<=[,;:。、\s：；，]))[\d一二三四五六七八九十]{1,2}\)")


_SENT = re.compile(r"[。！？!?]”?")


_NORM = re.compile(r"[\W_]+")


_TERMINAL = re.compile(r"[。！？!?][”’）)》】]*$")


_AFTER = "”’）)》】"


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where the sentences of text[start:end] end: after 。 (not inside "linhai。gov"), or after
    ！？ outside 《…》 and “…”; closing marks that follow stay with the sentence."""
    cuts = []
    depth = 0
    i = start
    while i < end:
        ch = text[i]
        if ch in "《“":
            depth += 1
        elif ch in "》”" and depth:
            depth -= 1
        if ch == "。" and not (i + 1 < end and text[i - 1:i].isascii() and text[i - 1].isalnum()
                              and text[i + 1].isascii() and text[i + 1].isalnum()) \
                or ch in "！？!?" and depth == 0:
            j = i + 1
            while j < end and text[j] in _AFTER:
                j += 1
            cuts.append(j)
            depth = 0
            i = j
            continue
        i += 1
    return cuts


def _blocks(facts):
    """Runs of consecutive paragraphs joined where a line break falls inside a sentence
    (PDF text wraps lines mid-sentence): yields (start, end) spans of the document."""
    run = None
    for node in facts.tree.paragraphs():
        if run is not None and not re.search(r"[。！？!?”:：;；]\s*$", facts.text[run[0]:run[1]]) \
                and facts.text[run[1]:node.start].count("\n") <= 1:
            run = (run[0], node.end)
            continue
        if run is not None:
            yield run
        run = (node.start, node.end)
    if run is not None:
        yield run


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def sentence_keys(text: str) -> list[str]:
    """Sentences of a text for comparing reports: punctuation and spacing removed, every
    number replaced by 0 (last year's sentence with this year's numbers is still the same
    sentence); sentences shorter than 8 characters are left out."""
    out = []
    for piece in _SENT.split(text):
        key = _NORM.sub("", _DIGITS.sub("0", piece))
        if len(key) >= 8:
            out.append(key)
    return out
