"""GIP603 repeated-paragraph."""

from __future__ import annotations

from difflib import SequenceMatcher

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
        seen: list[tuple[str, int, int]] = []
        for node in ctx.tree.paragraphs():
            norm = NON_WORD.sub("", ctx.facts.folded[node.start:node.end])
            if len(norm) < ctx.options["min_length"]:
                continue
            for earlier, start, end in seen:
                if norm == earlier or earlier in norm or norm in earlier:
                    how = ctx.text("how.same" if norm == earlier else "how.contains")
                elif (abs(len(norm) - len(earlier)) <= 0.2 * len(earlier) and norm[:8] == earlier[:8]
                      and SequenceMatcher(None, earlier, norm, autojunk=False).ratio() >= ctx.options["similarity"]):
                    how = ctx.text("how.almost")
                else:
                    continue
                line = ctx.facts.position(start)[0]
                yield ctx.report("repeat", node.start, node.end, line=line, how=how,
                                 related=[(start, end, ctx.text("earlier", line=line))])
                break
            seen.append((norm, node.start, node.end))
