"""Sentences and typography of Chinese official text: sentence ends, bracket pairs, document
numbers (〔2018〕36号) — shared by the text rules (GIP6xx)."""

from __future__ import annotations

import re

DOC_NUMBER = re.compile(r"(?P<org>[\u4e00-\u9fff]{1,10})〔(?P<year>(?:19|20)\d{2})(?P<num>\d{1,4})号")


BRACKET_PAIRS = {"《": "》", "“": "”", "(": ")", "〔": "〕", "【": "】"}


CLOSERS = {v: k for k, v in BRACKET_PAIRS.items()}


BRACKET = re.compile("[" + re.escape("".join(BRACKET_PAIRS) + "".join(BRACKET_PAIRS.values())) + "]")


LIST_MARK = re.compile(r"(?:^|(?<=[,;:。、\s：；，]))[\d一二三四五六七八九十]{1,2}\)")


SENTENCE_STOP = re.compile(r"[。！？!?]”?")


NON_WORD = re.compile(r"[\W_]+")


TERMINAL = re.compile(r"[。！？!?][”’）)》】]*$")


CLOSING_MARKS = "”’）)》】"


def in_address(text: str, i: int, end: int | None = None) -> bool:
    """Is text[i] inside a web address or a file name ("index.html?vc=1", "a.do?m=x")? Its
    neighbours on both sides are then ASCII letters, digits or URL punctuation."""
    end = len(text) if end is None else end
    if i == 0 or i + 1 >= end:
        return False
    before, after = text[i - 1], text[i + 1]
    return _URL_CHAR.match(before) is not None and _URL_CHAR.match(after) is not None


_URL_CHAR = re.compile(r"[A-Za-z0-9_\-./=&%#~:+]")


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where the sentences of text[start:end] end: after 。 (not inside "linhai。gov"), or after
    ！？ outside 《…》 and “…” and not inside a web address ("frontpage.do?method=…"); closing
    marks that follow stay with the sentence."""
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
                or ch in "！？!?" and depth == 0 and not in_address(text, i, end):
            j = i + 1
            while j < end and text[j] in CLOSING_MARKS:
                j += 1
            cuts.append(j)
            depth = 0
            i = j
            continue
        i += 1
    return cuts


FULL_WIDTH = {"(": "（", ")": "）"}  # how messages show a half-width bracket's partner


OPEN_END = re.compile(r"[。！？!?”:：;；]\s*$")  # a paragraph that ends its sentence


def doc_number(org: str, year: str, num: str) -> str:
    """A document number written as it should be: 国办函〔2018〕12号."""
    return f"{org}〔{year}〕{num}号"


def sentence_blocks(facts):
    """Runs of consecutive paragraphs joined where a line break falls inside a sentence
    (PDF text wraps lines mid-sentence): yields (start, end) spans of the document."""
    run = None
    for node in facts.tree.paragraphs():
        if run is not None and not OPEN_END.search(facts.text[run[0]:run[1]]) \
                and facts.text[run[1]:node.start].count("\n") <= 1:
            run = (run[0], node.end)
            continue
        if run is not None:
            yield run
        run = (node.start, node.end)
    if run is not None:
        yield run


DIGITS = re.compile(r"\d+(?:\.\d+)?")


def sentence_keys(text: str) -> list[str]:
    """Sentences of a text for comparing reports: punctuation and spacing removed, every
    number replaced by 0 (last year's sentence with this year's numbers is still the same
    sentence); sentences shorter than 8 characters are left out."""
    out = []
    for piece in SENTENCE_STOP.split(text):
        key = NON_WORD.sub("", DIGITS.sub("0", piece))
        if len(key) >= 8:
            out.append(key)
    return out
