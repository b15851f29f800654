"""Sentences and typography of Chinese official text: sentence ends, bracket pairs, document
numbers (〔2018〕36号) — shared by the text rules (GIP6xx)."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .. import rx

DOC_NUMBER = rx.compile(r"(?P<org>[\u4e00-\u9fff]{1,10})〔(?P<year>(?:19|20)\d{2})(?P<num>\d{1,4})号")
DOC_OPEN, DOC_CLOSE = "〔", "〕"  # a document number's year brackets
# the same number that lost its opening bracket: "闽政办2018〕43号"
DOC_NUMBER_OPEN = rx.compile(r"(?P<org>[\u4e00-\u9fff]{1,10}?)(?<!〔)(?P<year>(?:19|20)\d{2})〕(?P<num>\d{1,4})号")


BRACKET_PAIRS = {"《": "》", "“": "”", "(": ")", "〔": "〕", "【": "】"}


CLOSERS = {v: k for k, v in BRACKET_PAIRS.items()}


BRACKET = rx.compile("[" + re.escape("".join(BRACKET_PAIRS) + "".join(BRACKET_PAIRS.values())) + "]")


LIST_MARK = rx.compile(r"(?:^|(?<=[,;:。、\s：；，]))[\d一二三四五六七八九十]{1,2}\)")


SENTENCE_STOP = rx.compile(r"[。！？!?]”?")


NON_WORD = rx.compile(r"[\W_]+")


TERMINAL = rx.compile(r"[。！？!?][”’）)》】]*$")


CLOSING_MARKS = "”’）)》】"


def in_address(text: str, i: int, end: int | None = None) -> bool:
    """Is text[i] inside a web address or a file name ("index.html?vc=1", "a.do?m=x")? Its
    neighbours on both sides are then ASCII letters, digits or URL punctuation."""
    end = len(text) if end is None else end
    if i == 0 or i + 1 >= end:
        return False
    before, after = text[i - 1], text[i + 1]
    return _URL_CHAR.match(before) is not None and _URL_CHAR.match(after) is not None


_URL_CHAR = rx.compile(r"[A-Za-z0-9_\-./=&%#~:+]")


_SENTENCE_MARK = rx.compile("[《“》”。！？!?]")
_NEWLINE = rx.compile("\n")


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where the sentences of text[start:end] end: after 。 (not inside "linhai。gov"), or after
    ！？ outside 《…》 and “…” and not inside a web address ("frontpage.do?method=…"); closing
    marks that follow stay with the sentence. Only the marks are visited (the regular
    expression skips the characters between them)."""
    cuts = []
    depth = 0
    resume = start  # a cut's closing marks are skipped
    for m in _SENTENCE_MARK.finditer(text, start, end):
        i = m.start()
        if i < resume:
            continue
        ch = text[i]
        if ch in "《“":
            depth += 1
        elif ch in "》”":
            if depth:
                depth -= 1
        elif ch == "。" and not (i + 1 < end and text[i - 1:i].isascii() and text[i - 1].isalnum()
                                and text[i + 1].isascii() and text[i + 1].isalnum()) \
                or ch in "！？!?" and depth == 0 and not in_address(text, i, end):
            j = i + 1
            while j < end and text[j] in CLOSING_MARKS:
                j += 1
            cuts.append(j)
            depth = 0
            resume = j
    return cuts


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end] as spans: cut where :func:`sentence_ends` cuts and at line
    breaks. The one sentence splitter every rule uses (directly or through the facts)."""
    cuts = sorted(set(sentence_ends(text, start, end))
                  | {m.end() for m in _NEWLINE.finditer(text, start, end)})
    spans = []
    pos = start
    for c in cuts:
        if c > pos:
            spans.append((pos, c))
        pos = c
    if pos < end:
        spans.append((pos, end))
    return spans


FULL_WIDTH = {"(": "（", ")": "）"}  # how messages show a half-width bracket's partner


OPEN_END = rx.compile(r"[。！？!?”:：;；]\s*$")  # a paragraph that ends its sentence
_END_MARKS = "。！？!?”:：;；"


def ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends its sentence (what OPEN_END matches), read from the end:
    a block of thousands of joined lines is not scanned again for every line added."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and text[end - 1] in _END_MARKS


def doc_number(org: str, year: str, num: str) -> str:
    """A document number written as it should be: 国办函〔2018〕12号."""
    return f"{org}〔{year}〕{num}号"


def sentence_blocks(facts):
    """Runs of consecutive paragraphs joined where a line break falls inside a sentence
    (PDF text wraps lines mid-sentence): yields (start, end) spans of the document."""
    run = None
    for node in facts.tree.paragraphs():
        if run is not None and not ends_sentence(facts.text, run[0], run[1]) \
                and facts.text[run[1]:node.start].count("\n") <= 1:
            run = (run[0], node.end)
            continue
        if run is not None:
            yield run
        run = (node.start, node.end)
    if run is not None:
        yield run


DIGITS = rx.compile(r"\d+(?:\.\d+)?")


def sentence_keys(text: str) -> list[str]:
    """Sentences of a text for comparing reports: punctuation and spacing removed, every
    number replaced by 0 (last year's sentence with this year's numbers is still the same
    sentence); sentences shorter than 8 characters are left out."""
    out = []
    # (whole lines run together: a heading and its paragraph make one sentence here, as the
    # share of identical sentences has always been counted)
    for piece in SENTENCE_STOP.split(text):
        key = NON_WORD.sub("", DIGITS.sub("0", piece))
        if len(key) >= 8:
            out.append(key)
    return out


# Doubled words (GIP605): "资金资金", "伊宁县县人民政府", "行政处罚信息0条,行政处罚信息0条".
_DOUBLED = rx.compile(r"([\u4e00-\u9fff]{2,4})\1")
_DOUBLED_ADMIN = rx.compile(r"(?<=[\u4e00-\u9fff])([省市县区])\1(?=人民政府)")
_DOUBLED_ITEM = rx.compile(r"([\u4e00-\u9fff][\u4e00-\u9fff\d]{3,15}[条件个项篇])[,、]\1(?!\d)")
_SENTENCE_PUNCT = rx.compile(r"[,.;:，。；：、]")


def doubled_words(facts):
    """(kind, start, end, word) of every doubling in the prose: "word", "name" or "phrase".

    A doubled two-to-four-character unit counts only where it is a word of its own: either the
    report uses it elsewhere, or the character before it does not form a word with its first
    character elsewhere in the report ("同时适时适地" reads 同时 + 适时 + 适地, not 时适 twice).
    Only lines of prose with sentence punctuation are read (a table header broken over lines
    repeats its labels: "结果结果其他尚未")."""
    text = facts.folded
    out = []
    first: dict[str, int] = {}  # where a unit first and last occurs in the report (each looked up
    last: dict[str, int] = {}  # once: a text of thousands of doublings stays linear)

    def occurs_outside(word: str, s: int, e: int) -> bool:
        """Does ``word`` occur wholly before ``s`` or from ``e`` on?"""
        if word not in first:
            first[word], last[word] = text.find(word), text.rfind(word)
        return 0 <= first[word] and first[word] + len(word) <= s or last[word] >= e

    for bstart, bend in sentence_blocks(facts):
        block = "\n".join(line if _SENTENCE_PUNCT.search(line) else " " * len(line)
                          for line in text[bstart:bend].split("\n"))
        spans = [(bstart + m.start(), bstart + m.end(), "name", m.group(1)) for m in _DOUBLED_ADMIN.finditer(block)]
        spans += [(bstart + m.start(), bstart + m.end(), "phrase", m.group(1)) for m in _DOUBLED_ITEM.finditer(block)]
        out.extend((kind, a, b, word) for a, b, kind, word in spans)
        taken = sorted((a, b) for a, b, _, _ in spans)
        starts = [a for a, _ in taken]
        reach = list(accumulate((b for _, b in taken), max))  # the furthest end among the first k
        for m in _DOUBLED.finditer(block):
            unit = m.group(1)
            s, e = bstart + m.start(), bstart + m.end()
            # inside a name or phrase doubling found above? (those that start at or before s)
            k = bisect.bisect_right(starts, s)
            if k and reach[k - 1] > s:
                continue
            elsewhere = occurs_outside(unit, s, e)
            lead = text[s - 1:s] + unit[0] if s > 0 else ""
            lead_word = bool(lead) and occurs_outside(lead, s - 1, s + 1)
            if elsewhere or not lead_word:
                out.append(("word", s, e, unit))
    return sorted(out, key=lambda x: x[1])


# A count that lost its unit at a clause end (GIP606): "主动公开政府信息260余" then a break.
_COUNT_NO_UNIT = rx.compile(
    r"(?:公开|发布|收到|受理|办理|答复|制发|更新|上传|印发)[\u4e00-\u9fff]{0,10}?(?:信息|文件|申请)"
    r"(?P<num>[1-9]\d*)(?P<approx>余|多)?(?=[,;。]|[ \t]*(?:\n|$))")


def counts_without_unit(facts):
    """(start, end, number) of every count written without its unit at a clause end."""
    text = facts.folded
    out = []
    for node in facts.tree.paragraphs():
        for m in _COUNT_NO_UNIT.finditer(text, node.start, node.end):
            out.append((m.start("num"), m.end(), m.group("num") + (m.group("approx") or "")))
    return out


def continues_line_before(text: str, start: int) -> bool:
    """Does the block at ``start`` go on with the line right before it — a heading-like line that
    opened a title mark and was wrapped ("（1）我局认真落实《…公开条" / "例》（以下简称…")?"""
    # (by positions, not by copying the text before ``start``: called once per block)
    if start < 1 or text[start - 1] != "\n" or (start >= 2 and text[start - 2] == "\n"):
        return False
    line_start = text.rfind("\n", 0, start - 1) + 1
    before = text[line_start:start - 1].strip()
    return bool(before) and not TERMINAL.search(before) and before.count("《") > before.count("》")

