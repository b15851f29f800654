"""GIP602 unbalanced-brackets."""

from __future__ import annotations

from bisect import bisect_left

from ...facts.sentences import (
    BRACKET,
    BRACKET_PAIRS,
    CLOSERS,
    DOC_NUMBER,
    DOC_OPEN,
    FULL_WIDTH,
    LIST_MARK,
    TERMINAL,
    continues_line_before,
    sentence_blocks,
    sentence_ends,
)
from ..base import Rule


class UnbalancedBrackets(Rule):
    """检查内容：一句话中的书名号、引号、括号、六角括号不成对，如“……实施方案的通知》”缺少“《”。

    What it checks: 《》, “”, （）, 〔〕 or 【】 that do not pair up within one sentence
    (sentences broken over lines are joined first). List markers like "1）" and a document
    number already reported by GIP601 are not counted.

    依据 / Why: 规范第 12 节 D14（warning）：转换或编辑时丢失的符号使句子难以理解。
    """

    code = "GIP602"
    name = "unbalanced-brackets"
    summary = "括号或书名号不成对"
    summary_en = "unbalanced brackets or quotation marks"
    default_severity = "warning"
    messages = {
        "open": ("“{char}”没有对应的“{other}”（在同一句中）", "'{char}' has no matching '{other}' in this sentence"),
        "close": ("“{char}”前面缺少对应的“{other}”（在同一句中）", "'{char}' has no opening '{other}' in this sentence"),
    }

    def check(self, ctx):
        text = ctx.facts.folded
        docnos = [(m.start(), m.end()) for m in DOC_NUMBER.finditer(text)] if DOC_OPEN in text else []
        marks = [m.start() for m in BRACKET.finditer(text)]  # a sentence without one has nothing to pair
        if not marks:
            return

        def holds_mark(lo: int, hi: int) -> bool:
            at = bisect_left(marks, lo)
            return at < len(marks) and marks[at] < hi

        prev_complete = True
        for bstart, bend in sentence_blocks(ctx.facts):
            if holds_mark(bstart, bend):
                # the line right before may be a heading-like line whose sentence this block goes
                # on with ("（1）我局认真落实《…公开条" / "例》（以下简称…", a PDF line wrap)
                if continues_line_before(text, bstart):
                    prev_complete = False
                cuts = sentence_ends(text, bstart, bend)
                pos = bstart
                for k, end in enumerate(cuts + ([bend] if not cuts or cuts[-1] < bend else [])):
                    # A closer without its opener needs the sentence's start (not the rest of a
                    # sentence begun before a blank line); an opener without its closer needs the
                    # sentence's end (not a piece cut off by the end of a truncated text).
                    if holds_mark(pos, end):
                        whole_start = k > 0 or prev_complete
                        whole_end = bool(TERMINAL.search(text[pos:end].rstrip()))
                        if whole_start or whole_end:
                            yield from self._sentence(ctx, text, pos, end, docnos, whole_end, whole_start)
                    pos = end
            prev_complete = bool(TERMINAL.search(text[bstart:bend].rstrip()))

    def _sentence(self, ctx, text, start, end, docnos, check_open=True, check_close=True):
        skip = {m.end() - 1 for m in LIST_MARK.finditer(text, start, end)}
        stacks: dict[str, list[int]] = {k: [] for k in BRACKET_PAIRS}
        bad: dict[str, tuple[int, str]] = {}
        for m in BRACKET.finditer(text, start, end):
            i, ch = m.start(), m.group()
            if i in skip or docnos and any(a <= i < b for a, b in docnos):
                continue
            if ch in BRACKET_PAIRS:
                stacks[ch].append(i)
            elif ch in CLOSERS:
                opener = CLOSERS[ch]
                if stacks[opener]:
                    stacks[opener].pop()
                elif opener not in bad:
                    bad[opener] = (i, "close")
        for opener, stack in stacks.items():
            if stack and opener not in bad:
                bad[opener] = (stack[0], "open")
        for opener, (i, kind) in sorted(bad.items(), key=lambda kv: kv[1][0]):
            if kind == "open" and not check_open or kind == "close" and not check_close:
                continue
            ch = ctx.facts.text[i]
            other = BRACKET_PAIRS[opener] if kind == "open" else opener
            other = FULL_WIDTH.get(other, other)
            yield ctx.report(kind, i, i + 1, char=ch, other=other, fingerprint_extra=opener)
