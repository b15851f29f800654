"""GIP6xx — text quality: damaged document numbers, unbalanced brackets, repeated text."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .base import Rule

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


class DocNumberBracket(Rule):
    """检查内容：文号丢失了括号，如“咸政办发〔201836号”（应为“咸政办发〔2018〕36号”）。

    What it checks: a document number that lost its closing bracket in conversion
    ("咸政办发〔201836号" for 咸政办发〔2018〕36号).

    依据 / Why: 规范第 12 节 D14：文字残缺（warning）。

    错误示例 / Failing: “（咸政办发〔201836号）”。

    正确示例 / Passing: “（咸政办发〔2018〕36号）”。
    """

    code = "GIP601"
    name = "doc-number-bracket"
    summary = "文号缺少括号"
    summary_en = "a document number lost a bracket"
    default_severity = "warning"
    messages = {"docno": ("文号“{text}”缺少“〕”，应为“{fixed}”", "the document number '{text}' lost its 〕;"
                          " expected '{fixed}'")}

    def check(self, ctx):
        text = ctx.facts.folded
        for node in ctx.tree.paragraphs():
            for m in _DOCNO.finditer(text, node.start, node.end):
                fixed = f"{m.group('org')}〔{m.group('year')}〕{m.group('num')}号"
                yield ctx.report("docno", m.start(), m.end(), text=ctx.facts.text[m.start():m.end()], fixed=fixed)


class UnbalancedBrackets(Rule):
    """检查内容：一句话中的书名号、引号、括号、六角括号不成对，如“……实施方案的通知》”缺少“《”。

    What it checks: 《》, “”, （）, 〔〕 or 【】 that do not pair up within one sentence
    (sentences broken over lines are joined first). List markers like "1）" and a document
    number already reported by GIP601 are not counted.

    依据 / Why: 规范第 12 节 D14（warning）：转换或编辑时丢失的符号使句子难以理解。

    错误示例 / Failing: “根据市人民政府办公室印发关于……实施方案的通知》要求”。

    正确示例 / Passing: “根据《……实施方案》要求”。
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
        docnos = [(m.start(), m.end()) for m in _DOCNO.finditer(text)]
        prev_complete = True
        for bstart, bend in _blocks(ctx.facts):
            cuts = _sentence_ends(text, bstart, bend)
            pos = bstart
            for k, end in enumerate(cuts + ([bend] if not cuts or cuts[-1] < bend else [])):
                # A closer without its opener needs the sentence's start (not the rest of a
                # sentence begun before a blank line); an opener without its closer needs the
                # sentence's end (not a piece cut off by the end of a truncated text).
                whole_start = k > 0 or prev_complete
                whole_end = bool(_TERMINAL.search(text[pos:end].rstrip()))
                if whole_start or whole_end:
                    yield from self._sentence(ctx, text, pos, end, docnos, whole_end, whole_start)
                pos = end
            prev_complete = bool(_TERMINAL.search(text[bstart:bend].rstrip()))

    def _sentence(self, ctx, text, start, end, docnos, check_open=True, check_close=True):
        skip = {m.end() - 1 for m in _LIST_MARK.finditer(text, start, end)}
        stacks: dict[str, list[int]] = {k: [] for k in _PAIRS}
        bad: dict[str, tuple[int, str]] = {}
        for m in _BRACKET.finditer(text, start, end):
            i, ch = m.start(), m.group()
            if i in skip or docnos and any(a <= i < b for a, b in docnos):
                continue
            if ch in _PAIRS:
                stacks[ch].append(i)
            elif ch in _CLOSERS:
                opener = _CLOSERS[ch]
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
            other = _PAIRS[opener] if kind == "open" else opener
            if other == ")" or other == "(":
                other = "）" if kind == "open" else "（"
            yield ctx.report(kind, i, i + 1, char=ch, other=other, fingerprint_extra=opener)


class RepeatedParagraph(Rule):
    """检查内容：报告中某一段与前面的某一段几乎逐字相同（或包含前面整段）。

    What it checks: a paragraph that repeats an earlier paragraph of the same report almost
    word for word (≥ 90 % similar, or containing the whole earlier paragraph). Paragraphs
    shorter than 20 characters are not compared.

    依据 / Why: 国办公开办函〔2021〕30号“（四）明确责任”把内容雷同列为追责情形；规范第 12 节 D3（warning）。

    错误示例 / Failing: 第⑤项“社会救助和社会福利领域”重复第③项的内容。

    正确示例 / Passing: 各段内容不同。
    """

    code = "GIP603"
    name = "repeated-paragraph"
    summary = "段落重复"
    summary_en = "a repeated paragraph"
    default_severity = "warning"
    options = {"min_length": 20, "similarity": 0.9}
    messages = {"repeat": ("这一段与第{line}行的段落{how}", "this paragraph {how_en} the paragraph at line {line}")}

    def check(self, ctx):
        seen: list[tuple[str, int]] = []
        for node in ctx.tree.paragraphs():
            norm = _NORM.sub("", ctx.facts.folded[node.start:node.end])
            if len(norm) < self.options["min_length"]:
                continue
            for earlier, start in seen:
                if norm == earlier or earlier in norm or norm in earlier:
                    how, how_en = ("相同" if norm == earlier else "重复（包含相同的内容）",
                                   "repeats" if norm == earlier else "repeats (contains)")
                elif (abs(len(norm) - len(earlier)) <= 0.2 * len(earlier) and norm[:8] == earlier[:8]
                      and SequenceMatcher(None, earlier, norm, autojunk=False).ratio() >= self.options["similarity"]):
                    how, how_en = "几乎相同", "almost repeats"
                else:
                    continue
                line = ctx.facts.position(start)[0]
                yield ctx.report("repeat", node.start, node.end, line=line, how=how, how_en=how_en)
                break
            seen.append((norm, node.start))


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


class RepeatedFromOtherReport(Rule):
    """检查内容：与另一份报告（通常是上一年度的报告）相比，有多少句子相同（数字不计）。
    用 ``--compare 上年报告.txt`` 指定对比文件。

    What it checks: with ``--compare OTHER``, the share of this report's sentences that also
    appear in the other report (numbers ignored): the copying across years that reviewers call
    雷同. Info below the threshold, warning at or above it.

    依据 / Why: 国办公开办函〔2021〕30号把“内容雷同”列为追责情形；中国社会科学院 2017 年评估发现
    有的报告约九成内容与上一年相同（规范第 12 节 D3）。

    错误示例 / Failing: 今年的报告 80% 的句子与去年相同。

    正确示例 / Passing: 只有少数固定表述相同。

    选项 / Options: ``--compare FILE``；``--repeat-threshold``（默认 0.5）。
    """

    code = "GIP604"
    name = "repeated-from-other-report"
    summary = "与另一份报告大量雷同"
    summary_en = "much of the text repeats another report"
    default_severity = "info"
    options = {"threshold": 0.5}
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
            threshold = ctx.options.get("threshold", 0.5)
            yield ctx.report("share", s, e, severity="warning" if share >= threshold else "info",
                             other=name, share=f"{share:.0%}", same=same, total=len(mine), fingerprint_extra=name)


RULES = [DocNumberBracket, UnbalancedBrackets, RepeatedParagraph, RepeatedFromOtherReport]
