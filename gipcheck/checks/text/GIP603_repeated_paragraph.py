"""GIP603 repeated-paragraph."""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections import Counter
from itertools import repeat

from ...facts.sentences import NON_WORD
from ..base import Option, Rule


class RepeatedParagraph(Rule):
    """检查内容：报告中某一段与前面的某一段几乎逐字相同（或包含前面整段）。

    What it checks: a paragraph that repeats an earlier paragraph of the same report almost
    word for word (≥ 90 % similar, or containing the whole earlier paragraph). Paragraphs
    shorter than 20 characters are not compared.

    依据 / Why: 国办公开办函〔2021〕30号“（四）明确责任”把内容雷同列为追责情形；规范第 12 节 D3（warning）。
    """

    code = "GIP603"
    name = "repeated-paragraph"
    summary = "段落重复"
    summary_en = "a repeated paragraph"
    default_severity = "warning"
    options = {
        "min_length": Option(int, 20, min=1, help="短于这么多字（不计标点和空白）的段落不比较",
                             help_en="paragraphs shorter than this many characters (punctuation and"
                                     " spaces not counted) are not compared"),
        "similarity": Option(float, 0.9, min=0.0, max=1.0, min_exclusive=True,
                             help="两段相似度达到这一比例即视为几乎相同",
                             help_en="two paragraphs at least this similar count as almost the same"),
    }
    messages = {
        "repeat": ("这一段与第{line}行的段落{how}", "this paragraph {how} the paragraph at line {line}"),
        "how.same": ("相同", "repeats"),
        "how.contains": ("重复（包含相同的内容）", "repeats (contains)"),
        "how.almost": ("几乎相同", "almost repeats"),
        "earlier": ("前面的段落（第{line}行）", "the earlier paragraph (line {line})"),
    }

    def check(self, ctx):
        index = _Index()
        for node in ctx.tree.paragraphs():
            norm = NON_WORD.sub("", ctx.facts.folded[node.start:node.end])
            if len(norm) < ctx.options["min_length"]:
                continue
            grams = _grams(norm)
            anchor = _anchor(grams)
            for earlier, start, end in index.candidates(norm, grams, anchor):
                if norm == earlier or earlier in norm or norm in earlier:
                    how = ctx.text("how.same" if norm == earlier else "how.contains")
                elif (abs(len(norm) - len(earlier)) <= 0.2 * len(earlier) and norm[:8] == earlier[:8]
                      and _similarity(earlier, norm, grams) >= ctx.options["similarity"]):
                    how = ctx.text("how.almost")
                else:
                    continue
                line = ctx.facts.position(start)[0]
                yield ctx.report("repeat", node.start, node.end, line=line, how=how,
                                 related=[(start, end, ctx.text("earlier", line=line))])
                break
            index.add(norm, node.start, node.end, grams, anchor)


# Paragraphs are compared with the earlier ones that can repeat them, found through their
# character 4-grams, not with every earlier one: the rule stays linear in the length of the
# report (two 40,000-character paragraphs, or thousands of near-identical ones, take
# milliseconds), and SequenceMatcher — quadratic — runs only on paragraphs of ordinary length.
_GRAM = 4
_PER_GRAM = 4  # earlier paragraphs remembered per 4-gram
_CANDIDATES = 24  # earlier paragraphs compared with one paragraph, at most
_EXACT_UP_TO = 1500  # longer pairs are compared by their 4-grams, not character by character
_SEARCHED_UP_TO = 20_000  # characters of earlier paragraphs searched directly (see _Index)


def _grams(norm: str) -> dict[str, int]:
    """The paragraph's 4-grams with their counts (the whole text when it is shorter), counted
    in C (this rule reads every character of the report)."""
    return Counter([norm[i:i + _GRAM] for i in range(max(len(norm) - _GRAM + 1, 1))])


def _anchor(grams: dict[str, int]) -> str:
    """One 4-gram that stands for the paragraph: the same for the same text, and likely shared
    by an almost identical one (the least, by hash)."""
    return min(zip(map(zlib.crc32, map(str.encode, grams, repeat("utf-8"), repeat("surrogatepass"))), grams))[1]


class _Index:
    """The earlier paragraphs, reachable by their 4-grams.

    Which earlier paragraphs hold a 4-gram is found by searching their text, joined, while it is
    short (a report's paragraphs: one C-level search per paragraph, no index to build); once
    they pass ``_SEARCHED_UP_TO`` characters a dictionary of their 4-grams takes over, built
    then and kept up to date (linear for any length). Both give the same answer: the first
    ``_PER_GRAM`` paragraphs holding the 4-gram, in order.
    """

    def __init__(self, searched_up_to: int | None = None):
        # (the 4-grams of an earlier paragraph are not kept: counted again when needed)
        self.paragraphs: list[tuple[str, int, int]] = []
        self.limit = _SEARCHED_UP_TO if searched_up_to is None else searched_up_to
        self.joined = ""  # the earlier paragraphs of at least one 4-gram, each after a "\0"
        self.starts: list[int] = []  # where each of them begins in ``joined``
        self.numbers: list[int] = []  # and its number among all paragraphs
        self.short: dict[str, list[int]] = {}  # shorter paragraphs: their text is their one "4-gram"
        # 4-gram → the earlier paragraph holding it, or a list of the first few when several do
        self.by_gram: dict[str, int | list[int]] | None = None
        self.by_anchor: dict[str, list[int]] = {}  # anchor 4-gram → earlier paragraphs it stands for
        self.exact: dict[str, int] = {}

    def add(self, norm: str, start: int, end: int, grams: dict[str, int], anchor: str) -> None:
        k = len(self.paragraphs)
        self.paragraphs.append((norm, start, end))
        self.exact.setdefault(norm, k)
        if self.by_gram is not None:
            self._enter(k, grams)
        elif len(norm) < _GRAM:
            holders = self.short.setdefault(norm, [])
            if len(holders) < _PER_GRAM:
                holders.append(k)
        else:
            self.starts.append(len(self.joined) + 1)
            self.numbers.append(k)
            self.joined = f"{self.joined}\0{norm}"
            if len(self.joined) > self.limit:
                self.by_gram = {}
                for i, (text, _, _) in enumerate(self.paragraphs):
                    self._enter(i, grams if i == k else _grams(text))
                self.joined, self.starts, self.numbers, self.short = "", [], [], {}
        holders = self.by_anchor.setdefault(anchor, [])
        if len(holders) < _PER_GRAM:
            holders.append(k)

    def _enter(self, k: int, grams: dict[str, int]) -> None:
        by_gram = self.by_gram
        seen = grams.keys() & by_gram.keys()
        # grams met for the first time (most of them) are entered in one C-level pass, each
        # with this paragraph's number alone (no list made for them)
        by_gram.update(dict.fromkeys(grams.keys() - seen if seen else grams, k))
        for g in seen:
            holders = by_gram[g]
            if isinstance(holders, int):
                by_gram[g] = [holders, k]
            elif len(holders) < _PER_GRAM:
                holders.append(k)

    def holders(self, gram: str):
        """The first ``_PER_GRAM`` earlier paragraphs holding ``gram``, in order."""
        if self.by_gram is not None:
            holders = self.by_gram.get(gram, ())
            return (holders,) if isinstance(holders, int) else holders
        if len(gram) < _GRAM:
            return self.short.get(gram, ())
        out = []
        joined, starts = self.joined, self.starts
        at = joined.find(gram)
        while at != -1 and len(out) < _PER_GRAM:
            i = bisect_right(starts, at) - 1
            out.append(self.numbers[i])
            at = joined.find(gram, starts[i + 1]) if i + 1 < len(starts) else -1
        return out

    def candidates(self, norm: str, grams: dict[str, int], anchor: str):
        """Earlier paragraphs that may equal, contain, be contained in, or almost repeat ``norm``,
        earliest first: the same text; those holding this paragraph's anchor (it may be inside
        them, or almost them); those whose anchor this paragraph holds (they may be inside it)."""
        picked: list[int] = []
        seen = set()

        def take(k):
            if k not in seen and len(picked) < _CANDIDATES:
                seen.add(k)
                picked.append(k)

        if norm in self.exact:
            take(self.exact[norm])
        for k in self.holders(anchor):
            take(k)
        hits = self.by_anchor.keys() & grams.keys()
        for g in filter(hits.__contains__, grams) if hits else ():
            for k in self.by_anchor[g]:
                take(k)
            if len(picked) >= _CANDIDATES:
                break
        for k in sorted(picked):
            yield self.paragraphs[k]


def _similarity(a: str, b: str, gb: dict[str, int]) -> float:
    """How alike two paragraphs are: SequenceMatcher's ratio for paragraphs of ordinary length;
    for longer ones the share of 4-grams they have in common (linear, and close to the ratio
    for the near-identical texts this rule is about)."""
    if len(a) <= _EXACT_UP_TO and len(b) <= _EXACT_UP_TO:
        from difflib import SequenceMatcher  # (only for pairs this close: not at every start)

        return SequenceMatcher(None, a, b, autojunk=False).ratio()
    ga = _grams(a)
    common = sum(min(n, gb.get(g, 0)) for g, n in ga.items())
    return 2 * common / (sum(ga.values()) + sum(gb.values()))
