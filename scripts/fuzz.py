"""Mutation fuzzer (issue 14): mutated real reports as text, Word, web page and PDF input.

    python scripts/fuzz.py --cases 10000                  # every kind, two worker processes
    python scripts/fuzz.py --cases 500 --kinds html,pdf --seed 3 --time-limit 5
    python scripts/fuzz.py --replay 1234,1250 --seed 0    # run cases again in-process, save them

Every case is made from (seed, case number) alone, so a failing case is found again by
``--replay N`` with the same seed (and the same corpus: ../shared/corpus is used when present,
``--no-corpus`` leaves it out as CI does). A case fails when an exception escapes
``Linter.lint_bytes`` / ``lint_text``, when a finding is GIP009 (a rule crashed), when it takes
longer than ``--time-limit`` seconds, or when it does not finish within ``--hang-limit`` seconds
(the parent kills the worker) or kills its worker. Failing inputs are saved in ``--save DIR``
(default: a new temporary folder), each with a ``.json`` note: the steps that made it, the error
and the traceback. Exit status 1 when any case failed.

Reader exceptions that the engine turns into GIP001 ("文件已损坏") are not failures — damaged
files are expected — but they are counted and the first of each kind is shown with its frame.

The mutation functions are shared with tests/test_fuzz.py (hypothesis drives them there): they
take a ``random.Random``-like object and draw only a few values from it (bulk content comes from
a ``random.Random`` seeded by one draw), so that hypothesis can shrink what it finds.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape as _html_escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from gipcheck.testing import group_spans, text_blocks  # noqa: E402 - after the path above

CORPUS = ROOT.parent / "shared" / "corpus"

KINDS = ("text", "docx", "html", "pdf")
WEIGHTS = {"text": 4, "docx": 2, "html": 2, "pdf": 2}  # text is cheap and reaches every rule
SUFFIX = {"text": ".txt", "docx": ".docx", "html": ".html", "pdf": ".pdf"}
MAX_CHARS = 400_000  # a mutated text stays below this (memory; the linter's 10 MB limit is far)

# ----------------------------------------------------------------------------------------------
# building blocks of hostile content
# ----------------------------------------------------------------------------------------------

CJK = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
       "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去"
       "政府信息公开申请件条答复办理结转复议诉讼总计予以不无法提供其他处理万元报告年度局县区镇街道")
TRADITIONAL = "國會發學體與爲實處見說對開關時經長門問間請條處辦總計復議訴訟資訊"
KEYWORDS = ("政府信息公开", "年度报告", "总体情况", "主动公开", "依申请公开", "其中", "占", "%", "％", "同比", "较上年",
            "增长", "减少", "件", "条", "万元", "总计", "合计", "予以公开", "部分公开", "不予公开", "无法提供",
            "不予处理", "行政复议", "行政诉讼", "结果维持", "结果纠正", "尚未审结", "电话", "邮编", "邮箱", "地址",
            "统计期限", "至", "本报告", "部分组成", "（一）", "（二）", "1.", "一、", "二、", "第二十条第（一）项")
CONTROLS = ("\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1b[31m", "\x7f", "\x85", "\x9b", "\r", "\t",
            "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff", "\ufffd",
            "\ufffe", "\uffff", "\u3000", "\u00a0", "\u0301", "\u20dd", "\U00020000", "\U0001f600", "\U000e0001")
SURROGATES = ("\ud800", "\udc00", "\udfff", "\ud83d")  # lone: only through lint_text
ASCII = "".join(chr(c) for c in range(32, 127))
HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
            "一、", "（一）", "1.", "第一部分", "十一、总体情况", "九十九、", "一百、", "二十、其他需要报告的事项",
            "（一）予以公开", "政府信息公开工作年度报告", "一、总体情况一、总体情况")
TABLE3_LABELS = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
                 "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开",
                 "1.属于国家秘密", "（四）无法提供", "（五）不予处理", "（六）其他处理", "（七）总计",
                 "四、结转下年度继续办理", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "规章",
                 "行政规范性文件", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "信息内容")
HALF = "0123456789%,.:;()!?-+|/[]<>ABCabcxyz "
FULL = "０１２３４５６７８９％，．：；（）！？－＋｜／［］＜＞ＡＢＣａｂｃｘｙｚ\u3000"
UNICODE_DIGITS = ("٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０１２３４５６７８９", "⁰¹²³⁴⁵⁶⁷⁸⁹", "⓪①②③④⑤⑥⑦⑧⑨",
                  "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "〇一二三四五六七八九")


def _sub(rng) -> random.Random:
    """A plain Random for bulk content, seeded by one draw (few draws from hypothesis's rng)."""
    return random.Random(rng.randrange(1 << 32))


def _digits(r: random.Random, n: int) -> str:
    return str(r.randint(1, 9)) + "".join(r.choice("0123456789") for _ in range(n - 1))


def weird_number(rng) -> str:
    """A number a rule may choke on: giant, beyond float range, negative, full-width, other
    scripts' digits (``str.isdigit`` is True for ² and ①, ``int()`` refuses them), words."""
    r = _sub(rng)
    k = rng.randrange(18)
    if k == 0:
        return str(r.randint(0, 2000))
    if k == 1:
        return _digits(r, r.randint(300, 5000))
    if k == 2:
        return _digits(r, r.randint(300, 420)) + "." + _digits(r, r.randint(1, 3))
    if k == 3:
        return r.choice(("1e400", "1E+99999", "9e-400", "1e309", "-1e400", "2e10", "1e-5"))
    if k == 4:
        return "-" + str(r.randint(1, 10 ** r.randint(1, 30)))
    if k == 5:
        return _digits(r, r.randint(1, 5000)).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if k == 6:
        return r.choice(("１２３", "０", "－１", "１２．５", "１，２３４"))
    if k == 7:
        return "1" + ",000" * r.randint(1, 1500)
    if k == 8:
        digits = r.choice(UNICODE_DIGITS)
        return "".join(r.choice(digits) for _ in range(r.randint(1, 12)))
    if k == 9:
        return r.choice(("一千二百三十四", "二〇二三", "十", "一百零五", "两万", "壹佰", "零", "一千万亿亿亿亿", "廿三"))
    if k == 10:
        return "0." + "0" * r.randint(300, 2000) + "1"
    if k == 11:
        return r.choice(("NaN", "nan", "inf", "-inf", "Infinity", "0x1F", "1_000", "∞", "", " ", "－", ".", "..5"))
    if k == 12:
        return str(r.randint(0, 100)) + "." + "5" * r.randint(1, 40)
    if k == 13:
        return "0" * r.randint(2, 400) + str(r.randint(0, 9))
    if k == 14:
        return str(2 ** r.choice((31, 32, 53, 63, 64, 128)) + r.choice((-1, 0, 1)))
    if k == 15:
        return str(r.randint(0, 99)) + "." + str(r.randint(0, 99)) + "." + str(r.randint(0, 99))
    if k == 16:
        return r.choice(("1/3", "3/0", "0/0", "1:0", "100%", "-0", "+5", "5-", "1 000", "1\u00a0000"))
    return str(r.randint(0, 10 ** 9)) + r.choice(("", "", "万", "亿", "余", "多"))


def _cap(text: str) -> str:
    return text[:MAX_CHARS]


def _insert(text: str, pos: int, piece: str) -> str:
    return text[:pos] + piece + text[pos:]


def _edit_many(text, edits):
    """``text`` with many (start, end, replacement) edits made in one pass (linear: a mutator
    must not copy a 20 MB document once per edit). Edits that overlap an earlier one are dropped."""
    out, last = [], 0
    for start, end, piece in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < last:
            continue
        out += [text[last:start], piece]
        last = end
    out.append(text[last:])
    return text[:0].join(out)


def _line_break_points(text: str, rng) -> int:
    """The offset of a random line start (or the end of the text)."""
    lines = text.split("\n")
    i = rng.randrange(len(lines) + 1)
    return min(len(text), sum(len(x) + 1 for x in lines[:i]))


# ----------------------------------------------------------------------------------------------
# text mutators: (rng, text, others) -> (text, detail); ``others`` are other seed texts
# ----------------------------------------------------------------------------------------------


def m_cut(rng, text, others):
    k = rng.randrange(len(text) + 1)
    return text[:k], f"cut at {k}/{len(text)}"


def m_cut_middle(rng, text, others):
    a = rng.randrange(len(text) + 1)
    b = min(len(text), a + rng.choice((1, 10, 100, 1000, 10 ** 6)))
    return text[:a] + text[b:], f"removed {a}:{b}"


def m_dup_lines(rng, text, others):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    n = rng.randint(1, max(1, min(40, len(lines) - i)))
    times = rng.choice((1, 2, 3, 10, 100, 1000))
    block = lines[i:i + n]
    size = sum(len(x) + 1 for x in block) or 1
    times = max(1, min(times, MAX_CHARS // size))
    lines[i + n:i + n] = block * times
    return "\n".join(lines), f"lines {i + 1}-{i + n} x{times}"


def m_swap_lines(rng, text, others):
    lines = text.split("\n")
    r = _sub(rng)
    count = rng.choice((1, 1, 3, 20, 1000))
    for _ in range(count):
        a, b = r.randrange(len(lines)), r.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines), f"{count} swaps"


def m_delete_lines(rng, text, others):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    n = rng.choice((1, 1, 2, 5, 30, len(lines)))
    del lines[i:i + n]
    return "\n".join(lines), f"deleted lines {i + 1}-{i + n}"


def m_shuffle_lines(rng, text, others):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    n = rng.choice((3, 10, 50, len(lines)))
    window = lines[i:i + n]
    _sub(rng).shuffle(window)
    lines[i:i + n] = window
    return "\n".join(lines), f"shuffled lines {i + 1}-{i + n}"


def m_insert_chars(rng, text, others):
    r = _sub(rng)
    pool = rng.choice(("cjk", "ascii", "control", "surrogate", "mixed", "run", "traditional", "pipes"))
    count = rng.choice((1, 3, 20, 200))
    edits = []
    for _ in range(count):
        if pool == "cjk":
            piece = "".join(r.choice(CJK) for _ in range(r.randint(1, 8)))
        elif pool == "ascii":
            piece = "".join(r.choice(ASCII) for _ in range(r.randint(1, 8)))
        elif pool == "control":
            piece = r.choice(CONTROLS)
        elif pool == "surrogate":
            piece = r.choice(SURROGATES)
        elif pool == "traditional":
            piece = "".join(r.choice(TRADITIONAL) for _ in range(r.randint(1, 4)))
        elif pool == "pipes":
            piece = r.choice(("|", "｜", "| |", "||", "|\n|", "\n| ", " |\n"))
        elif pool == "run":
            piece = r.choice(CONTROLS + ("（", "“", "|", "0", "9", "。", "、", "-", " ", "\n", "年", "(", "一、")) * \
                r.choice((100, 1000, 5000))
        else:
            piece = r.choice((r.choice(CJK), r.choice(ASCII), r.choice(CONTROLS), r.choice(KEYWORDS), weird_number(r)))
        pos = r.randrange(len(text) + 1)
        edits.append((pos, pos, piece))
    return _cap(_edit_many(text, edits)), f"{count} x {pool}"


def m_width_swap(rng, text, others):
    r = _sub(rng)
    chosen = [i for i in range(len(HALF)) if r.random() < rng.choice((0.3, 1.0))]
    to_full = rng.random() < 0.5
    src = "".join(HALF[i] for i in chosen) if to_full else "".join(FULL[i] for i in chosen)
    dst = "".join(FULL[i] for i in chosen) if to_full else "".join(HALF[i] for i in chosen)
    extra = {"。": "."} if to_full else {"。": "．", "，": ","}
    table = str.maketrans(src, dst)
    table.update(str.maketrans(extra) if rng.random() < 0.3 else {})
    a = rng.randrange(len(text) + 1)
    b = rng.choice((len(text), a + 200))
    return text[:a] + text[a:b].translate(table) + text[b:], f"{'to full' if to_full else 'to half'} width {a}:{b}"


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def m_giant_number(rng, text, others):
    numbers = list(_NUMBER.finditer(text))
    value = weird_number(rng)
    if not numbers:
        pos = rng.randrange(len(text) + 1)
        return _insert(text, pos, value), f"inserted {value[:20]!r}({len(value)})"
    m = rng.choice(numbers)
    return text[:m.start()] + value + text[m.end():], f"{m.group()} -> {value[:20]!r}({len(value)})"


def m_numbers(rng, text, others):
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return text, "no numbers"
    share = rng.choice((0.05, 0.3, 1.0))
    r = _sub(rng)
    pieces, last = [], 0
    for m in numbers:
        if r.random() < share:
            value = str(r.randint(0, 10 ** r.randint(0, 6))) if r.random() < 0.7 else weird_number(r)
            pieces += [text[last:m.start()], value]
            last = m.end()
    pieces.append(text[last:])
    return _cap("".join(pieces)), f"{share:.0%} of {len(numbers)} numbers changed"


def m_repeat_heading(rng, text, others):
    heading = rng.choice(HEADINGS)
    times = rng.choice((2, 10, 100, 2000))
    scattered = rng.random() < 0.5
    lines = text.split("\n")
    if scattered:
        r = _sub(rng)
        for _ in range(times):
            lines.insert(r.randrange(len(lines) + 1), heading)
    else:
        i = rng.randrange(len(lines) + 1)
        lines[i:i] = [heading] * times
    return "\n".join(lines), f"{heading!r} x{times}{' scattered' if scattered else ''}"


def _table_lines(r: random.Random, rows: int, width: int, header: bool = True) -> list[str]:
    out = []
    if header:
        out.append("| " + " | ".join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                                      "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"][:width])
                   + " |")
    for _ in range(rows):
        w = width if r.random() < 0.9 else r.randint(1, width + 3)
        cells = [r.choice(TABLE3_LABELS)] + [str(r.randint(0, 999)) if r.random() < 0.95 else weird_number(r)
                                             for _ in range(w - 1)]
        out.append("| " + " | ".join(cells) + " |")
    return out


def m_big_table(rng, text, others):
    rows = rng.choice((10, 200, 1000, 3000, 5000))
    width = rng.choice((2, 4, 8, 9, 15))
    lines = text.split("\n")
    i = rng.randrange(len(lines) + 1)
    lines[i:i] = _table_lines(_sub(rng), rows, width, header=rng.random() < 0.5)
    return _cap("\n".join(lines)), f"{rows} x {width} table at line {i + 1}"


def m_wide_row(rng, text, others):
    cells = rng.choice((20, 64, 300, 3000))
    r = _sub(rng)
    row = "| " + " | ".join(str(r.randint(0, 9)) if r.random() < 0.8 else r.choice(TABLE3_LABELS)
                            for _ in range(cells)) + " |"
    lines = text.split("\n")
    i = rng.randrange(len(lines) + 1)
    lines[i:i] = [row] * rng.choice((1, 3, 30))
    return _cap("\n".join(lines)), f"row of {cells} cells at line {i + 1}"


def m_strip_pipes(rng, text, others):
    how = rng.choice(("all", "some", "outer", "fullwidth"))
    r = _sub(rng)
    out = []
    for line in text.split("\n"):
        if "|" in line and (how != "some" or r.random() < 0.3):
            if how == "outer":
                line = line.strip().strip("|")
            elif how == "fullwidth":
                line = line.replace("|", "｜")
            else:
                line = line.replace("|", r.choice((" ", "", "\t")))
        out.append(line)
    return "\n".join(out), how


def m_add_pipes(rng, text, others):
    how = rng.choice(("prose-to-row", "empty-cells", "split-cells", "lone-pipe", "unclosed"))
    r = _sub(rng)
    out = []
    for line in text.split("\n"):
        if r.random() < 0.2:
            if how == "prose-to-row":
                line = "| " + " | ".join(re.split(r"[，。、；]", line)) + " |"
            elif how == "empty-cells":
                line = line + "|" * r.randint(1, 50)
            elif how == "split-cells":
                line = line.replace(" ", " | ")
            elif how == "lone-pipe":
                line = r.choice(("|", "| |", "||", "|  |  |", "|" * 200))
            else:
                line = "| " + line
        out.append(line)
    return _cap("\n".join(out)), how


def m_join_lines(rng, text, others):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    n = rng.choice((2, 5, 50, len(lines)))
    lines[i:i + n] = [rng.choice(("", " ", "。")).join(lines[i:i + n])]
    return "\n".join(lines), f"joined {n} lines at {i + 1}"


def m_split_lines(rng, text, others):
    r = _sub(rng)
    count = rng.choice((1, 10, 100))
    edits = [(p, p, "\n") for p in (r.randrange(len(text) + 1) for _ in range(count))]
    return _edit_many(text, edits), f"{count} line breaks"


def m_line_endings(rng, text, others):
    sep = rng.choice(("\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\n\n", "\r\r\n", "mixed"))
    if sep == "mixed":
        r = _sub(rng)
        return "".join(ch if ch != "\n" else r.choice(("\n", "\r\n", "\r")) for ch in text), "mixed"
    return text.replace("\n", sep), repr(sep)


def m_blank_lines(rng, text, others):
    filler = rng.choice(("", " ", "\u3000", "\t", " \u00a0 ", "\ufeff"))
    times = rng.choice((10, 1000, 20000))
    pos = _line_break_points(text, rng)
    return _insert(text, pos, (filler + "\n") * times), f"{times} blank lines {filler!r}"


_YEAR = re.compile(r"(?:19|20)\d{2}")


def m_years(rng, text, others):
    years = list(_YEAR.finditer(text))
    if not years:
        return text, "no years"
    value = rng.choice(("0000", "9999", "1899", "2100", "20233", "0", "２０２３", "二〇二三", "2023.5", weird_number(rng)))
    share = rng.choice((0.1, 1.0))
    r = _sub(rng)
    out = _YEAR.sub(lambda m: value if r.random() < share else m.group(), text)
    return out, f"years -> {value[:20]!r} ({share:.0%})"


def m_dates(rng, text, others):
    r = _sub(rng)
    y, m, d = (weird_number(r) if r.random() < 0.3 else str(v) for v in (r.randint(1990, 2030), r.randint(0, 13),
                                                                          r.randint(0, 32)))
    phrase = rng.choice((
        f"本报告中所列数据的统计期限为{y}年{m}月{d}日至{y}年{m}月{d}日。",
        f"统计期限为{y}年1月1日至{y}年12月31日至{y}年{m}月{d}日。",
        f"{y}年{m}月{d}日", f"{y}-{m}-{d}", f"{y}年{m}月", "2023年2月29日", "2024年2月30日", "2023年13月45日",
        f"本报告于{y}年{m}月{d}日发布。", f"{y}年度", "至至至", "年年年年月月日日",
    ))
    pos = rng.randrange(len(text) + 1)
    return _insert(text, pos, phrase), f"{phrase[:40]!r}"


def m_keywords(rng, text, others):
    """Sentences a rule reads numbers from, with weird numbers in them."""
    r = _sub(rng)
    n = lambda: weird_number(r) if r.random() < 0.5 else str(r.randint(0, 500))
    sentences = []
    for _ in range(rng.choice((1, 5, 50))):
        sentences.append(r.choice((
            f"全年主动公开政府信息{n()}条，其中政策文件{n()}条、通知公告{n()}条、工作动态{n()}条。",
            f"共收到政府信息公开申请{n()}件，办结{n()}件，办结率{n()}%，同比增长{n()}%。",
            f"较上年减少{n()}件，占{n()}%，比上年增加{n()}倍。",
            f"本报告由{r.choice(('六', '七', '一百二十', n()))}部分组成。",
            f"因政府信息公开被申请行政复议{n()}件、提起行政诉讼{n()}件。",
            f"收取信息处理费{n()}万元。",
            f"电话：{r.choice(('0578-8061234', '1' * 300, '（０５７８）８０６１２３４', n(), '--', '+86 ' + n()))}",
            f"邮编：{n()}", f"邮箱：{r.choice(('a@', '@@@', 'x' * 1000 + '@a.b', 'a@b.c', n() + '@qq.com'))}",
            f"地址：{''.join(r.choice(CJK) for _ in range(r.randint(0, 300)))}",
            f"其中{r.choice(KEYWORDS)}{n()}{r.choice(('件', '条', '%', '万元', '个', ''))}",
            f"（{r.choice('一二三四五六七八九十')}）{r.choice(TABLE3_LABELS)}{n()}件",
        )))
    lines = text.split("\n")
    i = rng.randrange(len(lines) + 1)
    lines[i:i] = sentences if rng.random() < 0.5 else ["".join(sentences)]
    return _cap("\n".join(lines)), f"{len(sentences)} sentences at line {i + 1}"


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def m_traditional(rng, text, others):
    a = rng.choice((0, rng.randrange(len(text) + 1)))
    b = rng.choice((len(text), a + 500))
    # opencc cannot take lone surrogates: convert the runs between them
    middle = "".join(part if _SURROGATE.fullmatch(part) else _s2t().convert(part)
                     for part in _SURROGATE_SPLIT.split(text[a:b]))
    return text[:a] + middle + text[b:], f"traditional {a}:{b}"


_SURROGATE = re.compile("[\ud800-\udfff]+")
_SURROGATE_SPLIT = re.compile("([\ud800-\udfff]+)")


def m_repeat_fragment(rng, text, others):
    """A substring repeated many times (what makes a backtracking regex blow up)."""
    a = rng.randrange(len(text) + 1)
    piece = text[a:a + rng.choice((1, 2, 3, 5, 10, 30))] or "1"
    times = min(rng.choice((100, 1000, 5000, 50000)), MAX_CHARS // len(piece))
    pos = rng.randrange(len(text) + 1)
    return _insert(text, pos, piece * times), f"{piece!r} x{times} at {pos}"


def m_splice(rng, text, others):
    if not others:
        return text + text, "doubled"
    other = rng.choice(others)
    a = rng.randrange(len(text) + 1)
    b = rng.randrange(len(other) + 1)
    how = rng.choice(("head+tail", "insert"))
    if how == "head+tail":
        return _cap(text[:a] + other[b:]), f"head {a} + other's tail from {b}"
    c = min(len(other), b + rng.choice((50, 500, 5000)))
    return _cap(_insert(text, a, other[b:c])), f"inserted other[{b}:{c}] at {a}"


def m_long_line(rng, text, others):
    r = _sub(rng)
    size = rng.choice((5000, 50_000, 300_000))
    alphabet = rng.choice((CJK, ASCII, CJK + "0123456789，。、", "一、（一）1.|"))
    line = "".join(r.choice(alphabet) for _ in range(size))
    pos = _line_break_points(text, rng)
    return _cap(_insert(text, pos, line + "\n")), f"line of {size} chars"


def m_brackets(rng, text, others):
    pair = rng.choice(("（）", "()", "“”", "《》", "【】", "「」", "\"\"", "[]"))
    n = rng.choice((10, 1000, 10000))
    piece = rng.choice((pair[0] * n, pair[1] * n, pair * n, pair[0] * n + "一" + pair[1] * n))
    pos = rng.randrange(len(text) + 1)
    return _insert(text, pos, piece), f"{pair} x{n}"


def m_only_part(rng, text, others):
    how = rng.choice(("tables", "prose", "headings", "first-line", "empty", "whitespace"))
    lines = text.split("\n")
    if how == "tables":
        lines = [x for x in lines if x.startswith("|")]
    elif how == "prose":
        lines = [x for x in lines if not x.startswith("|")]
    elif how == "headings":
        lines = [x for x in lines if re.match(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）", x)]
    elif how == "first-line":
        lines = lines[:1]
    elif how == "empty":
        lines = []
    else:
        lines = [" \u3000\t"] * 3
    return "\n".join(lines), how


TEXT_MUTATORS = {
    "cut": m_cut, "cut_middle": m_cut_middle, "dup_lines": m_dup_lines, "swap_lines": m_swap_lines,
    "delete_lines": m_delete_lines, "shuffle_lines": m_shuffle_lines, "insert_chars": m_insert_chars,
    "width_swap": m_width_swap, "giant_number": m_giant_number, "numbers": m_numbers,
    "repeat_heading": m_repeat_heading, "big_table": m_big_table, "wide_row": m_wide_row,
    "strip_pipes": m_strip_pipes, "add_pipes": m_add_pipes, "join_lines": m_join_lines,
    "split_lines": m_split_lines, "line_endings": m_line_endings, "blank_lines": m_blank_lines,
    "years": m_years, "dates": m_dates, "keywords": m_keywords, "traditional": m_traditional,
    "repeat_fragment": m_repeat_fragment, "splice": m_splice, "long_line": m_long_line,
    "brackets": m_brackets, "only_part": m_only_part,
}
# mutators whose output stays small enough to be drawn as a PDF in a second or two
LIGHT_TEXT_MUTATORS = ("cut", "cut_middle", "dup_lines", "swap_lines", "delete_lines", "shuffle_lines",
                       "width_swap", "giant_number", "numbers", "strip_pipes", "add_pipes", "join_lines",
                       "years", "dates", "keywords", "traditional", "splice", "only_part")

# ----------------------------------------------------------------------------------------------
# byte mutators (every format, and text after encoding): (rng, data) -> (data, detail)
# ----------------------------------------------------------------------------------------------

MAGIC = (b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xff\xfe", b"\x81", b"\x80\x80", b"%PDF-1.4", b"PK\x03\x04",
         b"PK\x05\x06", b"endstream", b"endobj", b"trailer", b"<", b">", b"&#0;", b"\r", b"\xe4\xb8",
         b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def b_flip(rng, data):
    if not data:
        return b"\x00", "empty -> NUL"
    r = _sub(rng)
    count = rng.choice((1, 4, 64))
    out = bytearray(data)
    for _ in range(count):
        out[r.randrange(len(out))] ^= r.randint(1, 255)
    return bytes(out), f"{count} bytes flipped"


def b_truncate(rng, data):
    k = rng.randrange(len(data) + 1)
    return data[:k], f"truncated at {k}/{len(data)}"


def b_insert(rng, data):
    r = _sub(rng)
    count = rng.choice((1, 8, 64))
    edits = []
    for _ in range(count):
        piece = r.choice(MAGIC) if r.random() < 0.5 else bytes(r.randrange(256) for _ in range(r.randint(1, 16)))
        pos = r.randrange(len(data) + 1)
        edits.append((pos, pos, piece))
    return _edit_many(data, edits), f"{count} insertions"


def b_delete(rng, data):
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.choice((1, 16, 512, 8192)))
    return data[:a] + data[b:], f"deleted {a}:{b}"


def b_dup(rng, data):
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.choice((16, 1024, 65536)))
    pos = rng.randrange(len(data) + 1)
    times = rng.choice((1, 2, 10))
    return data[:pos] + data[a:b] * times + data[pos:], f"{a}:{b} x{times} at {pos}"


def b_zero(rng, data):
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.choice((4, 256, 4096)))
    return data[:a] + b"\x00" * (b - a) + data[b:], f"zeroed {a}:{b}"


BYTE_MUTATORS = {"flip": b_flip, "truncate": b_truncate, "insert": b_insert, "delete": b_delete, "dup": b_dup,
                 "zero": b_zero}

# ----------------------------------------------------------------------------------------------
# documents from text: web page, Word (hand-written XML: fast for tables of thousands of rows), PDF
# ----------------------------------------------------------------------------------------------


def text_to_html(text: str, charset: str = "utf-8", spans: bool = False) -> str:
    """A government web page around ``text`` (site furniture, a script, a footer)."""
    body = []
    for kind, value in text_blocks(text):
        if kind == "p":
            if value.strip():
                body.append(f"<p>{_html_escape(value)}</p>")
            continue
        groups = group_spans(value) if spans else {}
        rows = "".join("<tr>" + "".join(
            (f"<td rowspan='{groups[r]}'>" if k == 0 and r in groups else "<td>") + f"{_html_escape(c)}</td>"
            for k, c in enumerate(row)) + "</tr>\n" for r, row in enumerate(value))
        body.append(f"<table border='1'>\n{rows}</table>")
    return (f"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">"
            "<title>年度报告</title><script>var x = \"统计期限为2020年1月1日至2020年6月30日\";</script>"
            "<style>.nav { color: red }</style></head><body>\n"
            "<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a> &gt; 正文</div>\n"
            "<div id=\"main\"><div class=\"article\">\n" + "\n".join(body) + "\n</div></div>\n"
            "<div class=\"footer\">主办：某某县人民政府办公室 ICP备00000000号</div>\n</body></html>")


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCX_HEAD = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
              f'<w:document xmlns:w="{_W_NS}" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>')
_DOCX_TAIL = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" '
              'w:left="1800" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>')
_NUMBERING = ('<w:abstractNum w:abstractNumId="901"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
              '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1">'
              '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
              '</w:abstractNum><w:num w:numId="901"><w:abstractNumId w:val="901"/></w:num>')
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(.+)")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MAX_DOCX_CELLS = 250_000  # a little past what the reader accepts (200,000), no further


def xml_text(s: str) -> str:
    return _html_escape(_XML_BAD.sub("", s), quote=False)


def _w_p(text: str, numbered: bool) -> str:
    m = _HEADING.match(text) if numbered else None
    ppr = ""
    if m:
        level = 0 if m.group(1).endswith("、") else 1
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="901"/></w:numPr></w:pPr>'
        text = m.group(2)
    if not text:
        return "<w:p/>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r></w:p>'


def _w_tc(text: str, vmerge: str | None = None) -> str:
    pr = "" if vmerge is None else (f'<w:tcPr><w:vMerge w:val="{vmerge}"/></w:tcPr>' if vmerge else
                                    "<w:tcPr><w:vMerge/></w:tcPr>")
    run = f'<w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>' if text else ""
    return f"<w:tc>{pr}<w:p>{run}</w:p></w:tc>"


def _w_tbl(rows: list[list[str]], merged: bool, budget: int) -> tuple[str, int]:
    """A table's XML, rows padded to the widest, and how many cells it holds; rows past
    ``budget`` cells are left out (a 50,000-row text with one 64-cell row is not 3 million cells)."""
    width = max(len(r) for r in rows)
    rows = rows[:max(1, budget // max(width, 1))]
    spans = group_spans(rows) if merged else {}
    inside = {j for i, n in spans.items() for j in range(i + 1, i + n)}
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>', "<w:gridCol/>" * width,
           "</w:tblGrid>"]
    for r, row in enumerate(rows):
        cells = []
        if r in inside:
            cells.append(_w_tc("", ""))
        for c, value in enumerate(row):
            cells.append(_w_tc(value, "restart" if c == 0 and r in spans else None))
        cells += [_w_tc("")] * (width - len(cells))
        out.append("<w:tr>" + "".join(cells) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out), len(rows) * width


@functools.lru_cache(maxsize=1)
def _docx_package() -> tuple[tuple[str, bytes], ...]:
    """The parts of python-docx's default document (styles, numbering, settings…)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return tuple((i.filename, z.read(i)) for i in z.infolist())


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def make_zip(entries: dict[str, bytes] | list[tuple[str, bytes]], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip with fixed dates (the same bytes every run)."""
    buf = io.BytesIO()
    items = entries.items() if isinstance(entries, dict) else entries
    with zipfile.ZipFile(buf, "w", compress) as z:
        for name, blob in items:
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), blob, compress_type=compress)
    return buf.getvalue()


def text_to_docx(text: str, merged: bool = False, numbered: bool = False) -> bytes:
    """A .docx of ``text``: paragraphs and tables (``merged``: table 三's group labels merged
    down their rows as in the official template; ``numbered``: headings numbered by Word)."""
    body, budget = [], MAX_DOCX_CELLS
    for kind, value in text_blocks(text):
        if kind == "p":
            body.append(_w_p(value, numbered))
        elif budget > 0:
            xml, used = _w_tbl(value, merged, budget)
            body.append(xml)
            budget -= used
    entries = dict(_docx_package())
    entries["word/document.xml"] = (_DOCX_HEAD + "".join(body) + _DOCX_TAIL).encode("utf-8")
    if numbered:
        entries["word/numbering.xml"] = entries["word/numbering.xml"].replace(
            b"</w:numbering>", _NUMBERING.encode() + b"</w:numbering>")
    return make_zip(entries)


_PDF_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def text_to_pdf(text: str, compress: bool = False) -> bytes:
    """A PDF of ``text`` (reportlab, a CID font that needs no font file; ``invariant``: the same
    bytes every run; uncompressed content streams unless ``compress``, so that byte mutations
    reach the text operators)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("n", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName="STSong-Light", fontSize=6, leading=8, wordWrap="CJK")
    clean = lambda s: _html_escape(_PDF_BAD.sub("", s)[:2000], quote=False)
    story = []
    for kind, value in text_blocks(text):
        if kind == "p":
            if value.strip():
                story.append(Paragraph(clean(value), style))
            continue
        value = [row[:30] for row in value]
        width = max(len(r) for r in value)
        data = [[Paragraph(clean(c), cell) for c in row] + [""] * (width - len(row)) for row in value]
        widths = [110, 110] + [(450 - 220) / (width - 2)] * (width - 2) if width >= 8 else [450 / width] * width
        story.append(Table(data, colWidths=widths, style=TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 1),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1)])))

    def footer(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 20, f"— {doc.page} —")

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, pageCompression=int(compress)).build(
        story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------
# web page mutators: (rng, markup) -> (markup, detail)
# ----------------------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_TD = re.compile(r"<t[dh]\b", re.I)
_TEXT_NODE = re.compile(r">([^<>]{2,})<")
CHARSETS = ("utf-8", "gbk", "gb2312", "gb18030", "big5", "utf-16", "utf-16le", "utf-32", "utf-7", "latin-1",
            "ascii", "shift_jis", "cp1252", "idna", "punycode", "undefined", "unicode_escape", "raw_unicode_escape",
            "base64", "rot13", "hex", "zlib", "x-unknown", "", "utf8", "UTF-8", "mbcs", "cp65001", "utf_8_sig")
SPAN_VALUES = ("99999", "0", "-1", "abc", "1e9", "٣", "３", " 7 ", "2147483648", "99999999999999999999", "50", "51",
               "200", "201", "", "2.5", "+3", "0x10", "1" * 5000)


def h_unbalanced(rng, html):
    r = _sub(rng)
    tags = list(_TAG.finditer(html))
    how = rng.choice(("drop-closing", "drop-opening", "add-opening", "add-closing"))
    count = rng.choice((1, 10, 100))
    if how.startswith("drop"):
        want = "/" if how == "drop-closing" else ""
        spans = [m.span() for m in tags if m.group(1) == want]
        drop = r.sample(spans, min(count, len(spans)))
        return _edit_many(html, [(a, b, "") for a, b in drop]), f"{how} x{len(drop)}"
    names = ("table", "tr", "td", "th", "div", "p", "span", "tbody", "thead", "li", "ul", "font", "b", "center")
    edits = []
    for _ in range(count):
        pos = r.randrange(len(html) + 1)
        edits.append((pos, pos, f"<{'/' if how == 'add-closing' else ''}{r.choice(names)}>"))
    return _edit_many(html, edits), f"{how} x{count}"


def h_span(rng, html):
    cells = [m.end() for m in _TD.finditer(html)]
    if not cells:
        return html, "no cells"
    r = _sub(rng)
    count = rng.choice((1, 5, len(cells)))
    value = rng.choice(SPAN_VALUES)
    attr = rng.choice(("colspan", "rowspan", "both"))
    edits = []
    for pos in r.sample(cells, min(count, len(cells))):
        v = value if r.random() < 0.7 else r.choice(SPAN_VALUES)
        edits.append((pos, pos, f" rowspan='{v}' colspan='{v}'" if attr == "both" else f" {attr}='{v}'"))
    return _edit_many(html, edits), f"{attr}={value[:12]!r} on {count} cells"


def h_deep(rng, html):
    tag = rng.choice(("div", "span", "font", "b", "blockquote", "section", "ul", "li", "p", "table", "center", "a"))
    depth = rng.choice((100, 257, 600, 3000)) if tag != "table" else rng.choice((30, 100, 300))
    m = re.search(r"<div class=\"article\">|<body[^>]*>", html)
    start = m.end() if m else 0
    end = html.rfind("</body>")
    end = end if end > start else len(html)
    if rng.random() < 0.5:  # only a region
        start = rng.randrange(start, end + 1)
        end = rng.randrange(start, end + 1)
    if tag == "table":
        opening, closing = "<table><tr><td>", "</td></tr></table>"
    else:
        opening, closing = f"<{tag}>", f"</{tag}>"
    closed = rng.random() < 0.8
    return (html[:start] + opening * depth + html[start:end] + (closing * depth if closed else "") + html[end:],
            f"{tag} x{depth}{'' if closed else ' unclosed'}")


ENTITIES = ("&#0;", "&#xD800;", "&#99999999;", "&#x110000;", "&nbsp;", "&amp;lt;", "&#12288;", "&#x202E;", "&foo;",
            "&#x7C;", "&#124;", "&#65372;", "&#10;", "&#13;", "&", "&#", "&#x;", "&lt;td&gt;", "&#65279;", "&#x1b;",
            "&#xFF10;", "&#8232;")


def h_entities(rng, html):
    r = _sub(rng)
    count = rng.choice((1, 20, 500))
    nodes = [m.start(1) for m in _TEXT_NODE.finditer(html)] or [0]
    edits = []
    for _ in range(count):
        pos = r.choice(nodes)
        edits.append((pos, pos, r.choice(ENTITIES) * r.choice((1, 1, 50))))
    return _edit_many(html, edits), f"{count} entities"


def h_charset(rng, html):
    charset = rng.choice(CHARSETS)
    how = rng.choice(("replace", "prepend", "second", "http-equiv-only", "remove"))
    meta = f'<meta charset="{charset}">'
    if how == "replace":
        out = re.sub(r"charset=[\"']?[A-Za-z0-9_\-]*", f"charset={charset}", html, count=1, flags=re.I)
    elif how == "prepend":
        out = meta + html
    elif how == "second":
        out = re.sub(r"<head>", "<head>" + meta, html, count=1, flags=re.I) if "<head>" in html.lower() else meta + html
    elif how == "http-equiv-only":
        out = f'<meta http-equiv="content-type" content="text/html;charset={charset}">' + html
    else:
        out = re.sub(r"<meta[^>]*charset[^>]*>", "", html, flags=re.I)
    return out, f"{how} {charset!r}"


def h_big_table(rng, html):
    r = _sub(rng)
    rows = rng.choice((100, 1000, 3000, 5000))
    width = rng.choice((2, 8, 9, 15))
    span = rng.random() < 0.3
    cells = []
    for _ in range(rows):
        tds = "".join(
            f"<td{' rowspan=' + str(r.randint(1, 300)) if span and r.random() < 0.05 else ''}>"
            f"{r.choice(TABLE3_LABELS) if k == 0 else r.randint(0, 99)}</td>" for k in range(width))
        cells.append(f"<tr>{tds}</tr>")
    table = "<table>" + "\n".join(cells) + "</table>"
    pos = rng.randrange(len(html) + 1)
    return _insert(html, pos, table), f"{rows} x {width} table{' spans' if span else ''} at {pos}"


def h_wide_row(rng, html):
    n = rng.choice((64, 500, 5000))
    row = "<table><tr>" + "<td>1</td>" * n + "</tr></table>"
    pos = rng.randrange(len(html) + 1)
    return _insert(html, pos, row), f"row of {n} cells"


def h_strip_tags(rng, html):
    a = rng.randrange(len(html) + 1)
    b = rng.choice((len(html), a + 2000))
    return html[:a] + re.sub(r"<[^>]*>", rng.choice(("", " ", "\n")), html[a:b]) + html[b:], f"tags stripped {a}:{b}"


def h_unclosed(rng, html):
    piece = rng.choice(("<script>", "<!--", "<style>", "<textarea>", "<plaintext>", "<title>", "<xmp>", "<noscript>",
                        "<![CDATA[", "<?xml version='1.0'?>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "<iframe>",
                        "<select>", "<svg><foreignObject>", "<math>", "<template>", "<head>", "<html>", "<body>",
                        "</html>", "</body>", "<frameset>", "<table", "<td", "<", "<!", "<!--->", "--!>"))
    pos = rng.randrange(len(html) + 1)
    return _insert(html, pos, piece), f"{piece!r} at {pos}"


def h_hints(rng, html):
    r = _sub(rng)
    hint = rng.choice(("nav", "footer", "share", "login", "header", "sidebar", "print", "search"))
    if rng.random() < 0.3:
        html = _insert(html, r.randrange(len(html) + 1), "<form><input type='password'></form>")
    share = rng.choice((0.1, 1.0))
    return re.sub(r"<(div|p|table|td|span)\b", lambda m: f'<{m.group(1)} class="{hint}"' if r.random() < share
                  else m.group(0), html), f"class={hint} ({share:.0%})"


def h_nested_tables(rng, html):
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    cells = [m.end() for m in re.finditer(r"<td[^>]*>", html)]
    if not tables or not cells:
        return html, "no tables"
    table = rng.choice(tables)
    times = min(rng.choice((1, 5, 30)), MAX_XML // len(table))
    pos = rng.choice(cells)
    return _insert(html, pos, table * times), f"table x{times} inside a cell"


def h_text(rng, html):
    nodes = list(_TEXT_NODE.finditer(html))
    if not nodes:
        return html, "no text"
    r = _sub(rng)
    count = rng.choice((1, 10, 100))
    picks = r.sample(nodes, min(count, len(nodes)))
    edits = []
    for m in picks:
        what = r.random()
        if what < 0.4:
            value = weird_number(r)
        elif what < 0.7:
            value = r.choice(CONTROLS) + m.group(1)
        else:
            value = r.choice(KEYWORDS) + m.group(1)[::-1]
        edits.append((m.start(1), m.end(1), _html_escape(value, quote=False)))
    return _edit_many(html, edits), f"{len(picks)} text nodes"


def h_controls(rng, html):
    r = _sub(rng)
    count = rng.choice((1, 10, 1000))
    edits = [(p, p, r.choice(CONTROLS)) for p in (r.randrange(len(html) + 1) for _ in range(count))]
    return _edit_many(html, edits), f"{count} control characters"


def h_attrs(rng, html):
    r = _sub(rng)
    how = rng.choice(("huge-value", "many", "unquoted", "weird-names"))
    if how == "weird-names":
        return re.sub(r"<(/?)(td|tr|table|p)\b", lambda m: f"<{m.group(1)}{m.group(2).upper()}"
                      if r.random() < 0.5 else f"<{m.group(1)}{m.group(2)}:x", html), how
    cells = [m.end() for m in _TD.finditer(html)] or [m.end() - 1 for m in re.finditer(r"<p>", html)]
    if not cells:
        return html, "no cells"
    pos = rng.choice(cells)
    piece = {"huge-value": " class='" + "x" * 100000 + "'",
             "many": "".join(f" a{i}='{i}'" for i in range(3000)),
             "unquoted": " colspan=2<3 rowspan=\"4"}[how]
    return _insert(html, pos, piece), how


HTML_MUTATORS = {
    "unbalanced": h_unbalanced, "span": h_span, "deep": h_deep, "entities": h_entities, "charset": h_charset,
    "big_table": h_big_table, "wide_row": h_wide_row, "strip_tags": h_strip_tags, "unclosed": h_unclosed,
    "hints": h_hints, "nested_tables": h_nested_tables, "text": h_text, "controls": h_controls, "attrs": h_attrs,
}

# ----------------------------------------------------------------------------------------------
# Word mutators: (rng, entries) -> detail; change the zip's entries in place
# ----------------------------------------------------------------------------------------------

DOC = "word/document.xml"
MAX_XML = 20 << 20  # a duplication stops short of this many characters
GRID_VALUES = ("0", "-1", "1", "2", "63", "64", "65", "99999", "abc", "", "2.5", "１", "100000000", "-99999999")


def _doc(entries) -> str:
    return entries.get(DOC, b"").decode("utf-8", errors="replace")


def _set_doc(entries, xml: str) -> None:
    entries[DOC] = xml.encode("utf-8", errors="surrogatepass")


def d_text(rng, entries):
    xml = _doc(entries)
    nodes = list(re.finditer(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", xml))
    if not nodes:
        return "no text"
    r = _sub(rng)
    count = rng.choice((1, 10, 100))
    invalid = rng.random() < 0.1  # characters XML forbids: the document is damaged
    picks = r.sample(nodes, min(count, len(nodes)))
    edits = []
    for m in picks:
        what = r.random()
        if what < 0.5:
            value = _NUMBER.sub(lambda _: weird_number(r), m.group(2)) if _NUMBER.search(m.group(2)) else weird_number(r)
        elif what < 0.8:
            value = m.group(2) + r.choice(KEYWORDS + HEADINGS)
        else:
            value = m.group(2) * r.choice((2, 100))
        value = _html_escape(value, quote=False) if invalid else xml_text(value)
        if invalid:
            value += r.choice(("\x00", "\x1b", "\ufffe", "&#0;", "&bogus;", "<"))
        edits.append((m.start(2), m.end(2), value))
    _set_doc(entries, _edit_many(xml, edits))
    return f"{len(picks)} texts{' (invalid XML)' if invalid else ''}"


def d_dup_rows(rng, entries):
    xml = _doc(entries)
    rows = list(re.finditer(r"<w:tr\b.*?</w:tr>", xml, flags=re.S))
    if not rows:
        return "no rows"
    m = rng.choice(rows)
    times = min(rng.choice((1, 10, 1000, 3000)), MAX_XML // len(m.group(0)))
    _set_doc(entries, xml[:m.end()] + m.group(0) * times + xml[m.end():])
    return f"row x{times}"


def d_del_cells(rng, entries):
    xml = _doc(entries)
    cells = list(re.finditer(r"<w:tc\b.*?</w:tc>", xml, flags=re.S))
    if not cells:
        return "no cells"
    r = _sub(rng)
    count = rng.choice((1, 10, len(cells)))
    _set_doc(entries, _edit_many(xml, [(m.start(), m.end(), "") for m in r.sample(cells, min(count, len(cells)))]))
    return f"{count} cells deleted"


def _tc_props(rng, entries, make) -> int:
    xml = _doc(entries)
    cells = [m.end() for m in re.finditer(r"<w:tc>", xml)]
    r = _sub(rng)
    count = rng.choice((1, 10, max(1, len(cells))))
    picks = r.sample(cells, min(count, len(cells)))
    _set_doc(entries, _edit_many(xml, [(pos, pos, "<w:tcPr>" + make(r) + "</w:tcPr>") for pos in picks]))
    return len(picks)


def d_span(rng, entries):
    value = rng.choice(GRID_VALUES)
    n = _tc_props(rng, entries, lambda r: f'<w:gridSpan w:val="{value if r.random() < 0.8 else r.choice(GRID_VALUES)}"/>')
    return f"gridSpan={value!r} on {n} cells"


def d_vmerge(rng, entries):
    n = _tc_props(rng, entries, lambda r: r.choice(('<w:vMerge w:val="restart"/>', '<w:vMerge/>',
                                                    '<w:vMerge w:val="continue"/>', '<w:vMerge w:val="x"/>',
                                                    '<w:vMerge/><w:gridSpan w:val="3"/>')))
    return f"vMerge on {n} cells"


def d_grid_before(rng, entries):
    xml = _doc(entries)
    value = rng.choice(GRID_VALUES + ("641", "640"))
    r = _sub(rng)
    share = rng.choice((0.1, 1.0))
    xml = re.sub(r"<w:tr>", lambda m: f'<w:tr><w:trPr><w:gridBefore w:val="{value}"/></w:trPr>'
                 if r.random() < share else m.group(0), xml)
    _set_doc(entries, xml)
    return f"gridBefore={value!r} ({share:.0%})"


def d_numbering(rng, entries):
    r = _sub(rng)
    how = rng.choice(("paragraphs", "levels", "both"))
    if how in ("paragraphs", "both"):
        xml = _doc(entries)
        share = rng.choice((0.1, 1.0))
        num = rng.choice(("901", "1", "0", "-1", "x", "99999999999999999999", ""))
        xml = re.sub(r"<w:p>", lambda m: ('<w:p><w:pPr><w:numPr><w:ilvl w:val="'
                                          + r.choice(("0", "1", "8", "9", "-1", "999999", "a", "")) + '"/><w:numId w:val="'
                                          + (num if r.random() < 0.8 else str(r.randint(0, 1000))) + '"/></w:numPr></w:pPr>')
                     if r.random() < share else m.group(0), xml)
        _set_doc(entries, xml)
    if how in ("levels", "both") and "word/numbering.xml" in entries:
        numbering = entries["word/numbering.xml"].decode("utf-8", errors="replace")
        if "901" not in numbering:
            numbering = numbering.replace("</w:numbering>", _NUMBERING + "</w:numbering>")
        numbering = re.sub(r'(<w:start w:val=")[^"]*', lambda m: m.group(1) + r.choice(
            ("0", "-5", "999", "1000", "99999999999999999999", "x", "")), numbering)
        numbering = re.sub(r'(<w:lvlText w:val=")[^"]*', lambda m: m.group(1) + r.choice(
            ("%1%2%3%4%5%6%7%8%9", "%", "%%1", "%10", "%1.%2.%3", "", "（%2）", "%0")), numbering)
        numbering = re.sub(r'(<w:numFmt w:val=")[^"]*', lambda m: m.group(1) + r.choice(
            ("chineseCounting", "ideographTraditional", "japaneseCounting", "decimal", "bullet", "none", "x")),
                           numbering)
        entries["word/numbering.xml"] = numbering.encode("utf-8")
    return how


def d_dup_paras(rng, entries):
    xml = _doc(entries)
    paras = list(re.finditer(r"<w:p>.*?</w:p>", xml, flags=re.S))
    if not paras:
        return "no paragraphs"
    m = rng.choice(paras)
    times = min(rng.choice((2, 100, 3000)), MAX_XML // len(m.group(0)))
    _set_doc(entries, xml[:m.end()] + m.group(0) * times + xml[m.end():])
    return f"paragraph x{times}"


def d_nest_table(rng, entries):
    xml = _doc(entries)
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)
    cells = [m.end() for m in re.finditer(r"<w:tc>", xml)]
    if not tables or not cells:
        return "no tables"
    pos = rng.choice(cells)
    table = rng.choice(tables)
    _set_doc(entries, _insert(xml, pos, table * min(rng.choice((1, 3)), MAX_XML // len(table))))
    return "table inside a cell"


def d_xml_bytes(rng, entries):
    name = rng.choice(sorted(entries)) if rng.random() < 0.3 else DOC
    if name not in entries:
        return "no document.xml"
    mutator = rng.choice(("flip", "insert", "delete", "truncate"))
    entries[name], detail = BYTE_MUTATORS[mutator](rng, entries[name])
    return f"{name}: {mutator} {detail}"


def d_drop_entry(rng, entries):
    name = rng.choice(sorted(entries))
    del entries[name]
    return f"without {name}"


def d_rels(rng, entries):
    name = rng.choice(("word/_rels/document.xml.rels", "_rels/.rels", "[Content_Types].xml"))
    if name not in entries:
        return f"no {name}"
    xml = entries[name].decode("utf-8", errors="replace")
    how = rng.choice(("missing-target", "self", "empty", "external"))
    if how == "missing-target":
        xml = re.sub(r'Target="[^"]*"', 'Target="word/nothing.xml"', xml, count=1)
    elif how == "self":
        xml = re.sub(r'Target="[^"]*"', 'Target="../_rels/.rels"', xml)
    elif how == "empty":
        xml = "" if rng.random() < 0.5 else "<Relationships/>"
    else:
        xml = re.sub(r'Target="[^"]*"', 'Target="http://127.0.0.1:9/x" TargetMode="External"', xml, count=1)
    entries[name] = xml.encode("utf-8")
    return f"{name}: {how}"


def d_big_entry(rng, entries):
    size = rng.choice((1, 10, 30)) << 20
    entries["word/media/filler.bin"] = b"\x00" * size
    return f"{size >> 20} MB of zeros"


def d_body(rng, entries):
    xml = _doc(entries)
    how = rng.choice(("empty", "tables-only", "no-tables", "no-text-runs"))
    if how == "empty":
        xml = re.sub(r"<w:body>.*</w:body>", "<w:body></w:body>", xml, flags=re.S)
    elif how == "tables-only":
        xml = re.sub(r"<w:body>.*</w:body>", lambda m: "<w:body>" + "".join(
            re.findall(r"<w:tbl>.*?</w:tbl>", m.group(0), flags=re.S)) + "</w:body>", xml, flags=re.S)
    elif how == "no-tables":
        xml = re.sub(r"<w:tbl>.*?</w:tbl>", "", xml, flags=re.S)
    else:
        xml = re.sub(r"<w:r>.*?</w:r>", "", xml, flags=re.S)
    _set_doc(entries, xml)
    return how


DOCX_MUTATORS = {
    "text": d_text, "dup_rows": d_dup_rows, "del_cells": d_del_cells, "span": d_span, "vmerge": d_vmerge,
    "grid_before": d_grid_before, "numbering": d_numbering, "dup_paras": d_dup_paras, "nest_table": d_nest_table,
    "xml_bytes": d_xml_bytes, "drop_entry": d_drop_entry, "rels": d_rels, "big_entry": d_big_entry, "body": d_body,
}

# ----------------------------------------------------------------------------------------------
# PDF mutators: (rng, data) -> (data, detail), besides the byte mutators
# ----------------------------------------------------------------------------------------------

PDF_NUMBERS = (b"0", b"-1", b"99999999999", b"-99999999999", b"1e400", b"3.4e38", b"NaN", b"-0", b"0.0000001",
               b"999999999999999999999999999999", b"2147483648", b"4294967296", b".", b"--1", b"1.2.3")
_PDF_NUM = re.compile(rb"(?<![A-Za-z0-9#/.])-?\d+(?:\.\d+)?(?![A-Za-z0-9.])")


def p_numbers(rng, data):
    nums = list(_PDF_NUM.finditer(data))
    if not nums:
        return data, "no numbers"
    r = _sub(rng)
    count = rng.choice((1, 10, 200))
    picks = r.sample(nums, min(count, len(nums)))
    return _edit_many(data, [(m.start(), m.end(), r.choice(PDF_NUMBERS)) for m in picks]), f"{count} numbers"


def p_key(rng, data):
    key = rng.choice((b"/Count", b"/MediaBox", b"/Rotate", b"/Length", b"/W", b"/Size", b"/Kids", b"/Parent",
                      b"/Contents", b"/Font", b"/Root", b"/Resources", b"/Type", b"/Encoding"))
    value = rng.choice((b" 0", b" -1", b" 99999999", b" [ 0 0 0 0 ]", b" [ 0 0 -595 842 ]", b" [ 1e400 0 1 1 ]",
                        b" 90", b" 45", b" 4 0 R", b" 7 0 R", b" 1 0 R", b" [ 7 0 R ]", b" null", b" /Page",
                        b" ()", b" [ 4 0 R 4 0 R 4 0 R 4 0 R ]", b" <<>>", b" [ ]"))
    pattern = re.compile(re.escape(key) + rb"\s*(?:\[[^\]]*\]|<<[^>]*>>|\d+ \d+ R|/?[\w.+-]+)")
    ms = list(pattern.finditer(data))
    if not ms:
        return data, f"no {key.decode()}"
    m = rng.choice(ms)
    return data[:m.start()] + key + value + data[m.end():], f"{key.decode()}{value.decode()}"


def p_pages(rng, data):
    """The page tree lists one page many times (a small file of many pages)."""
    times = rng.choice((2, 50, 400))
    m = re.search(rb"/Count (\d+) /Kids \[ ([^\]]*)\]", data)
    if not m:
        return data, "no page tree"
    kids = m.group(2).split(b" R")[0] + b" R "
    return data[:m.start()] + b"/Count %d /Kids [ " % times + kids * times + b"]" + data[m.end():], f"{times} pages"


def p_operators(rng, data):
    """Text and drawing operators in the content streams: font sizes, positions, rectangles."""
    how = rng.choice(("font-size", "position", "rect", "dup-text", "drop-ET", "matrix"))
    r = _sub(rng)
    if how == "font-size":
        out = re.sub(rb"/F(\d) [\d.]+ Tf", lambda m: b"/F" + m.group(1) + b" " + r.choice(PDF_NUMBERS) + b" Tf", data)
    elif how == "position":
        out = re.sub(rb"1 0 0 1 ([\d.]+) ([\d.]+) (cm|Tm)",
                     lambda m: b"1 0 0 1 " + r.choice(PDF_NUMBERS) + b" " + r.choice(PDF_NUMBERS) + b" " + m.group(3)
                     if r.random() < 0.3 else m.group(0), data)
    elif how == "rect":
        out = re.sub(rb"([\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+) re",
                     lambda m: b" ".join(r.choice(PDF_NUMBERS) for _ in range(4)) + b" re" if r.random() < 0.3
                     else m.group(0), data)
    elif how == "dup-text":
        out = re.sub(rb"(\((?:[^()\\]|\\.)*\) Tj)", lambda m: m.group(1) * r.choice((1, 1, 5, 200)), data)
    elif how == "drop-ET":
        out = data.replace(b" ET", b"", rng.choice((1, 10, 1000)))
    else:
        out = re.sub(rb"([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) cm",
                     lambda m: b"0 0 0 0 0 0 cm" if r.random() < 0.2 else m.group(0), data)
    return out, how


def p_xref(rng, data):
    how = rng.choice(("no-xref", "bad-startxref", "no-trailer", "no-eof", "two-headers", "encrypt"))
    if how == "no-xref":
        out = data.replace(b"xref", b"xxxx")
    elif how == "bad-startxref":
        out = re.sub(rb"startxref\s+\d+", b"startxref\n" + rng.choice((b"0", b"99999999", b"-5", b"12")), data)
    elif how == "no-trailer":
        out = data.replace(b"trailer", b"")
    elif how == "no-eof":
        out = data.replace(b"%%EOF", b"")
    elif how == "two-headers":
        out = data + data
    else:
        out = data.replace(b"trailer\n<<", b"trailer\n<< /Encrypt << /Filter /Standard /V 9 /R 9 >>", 1)
    return out, how


PDF_MUTATORS = {"numbers": p_numbers, "key": p_key, "pages": p_pages, "operators": p_operators, "xref": p_xref,
                **{f"bytes_{k}": v for k, v in BYTE_MUTATORS.items()}}

# ----------------------------------------------------------------------------------------------
# seeds and cases
# ----------------------------------------------------------------------------------------------

ENCODINGS = ("utf-8", "utf-8", "utf-8", "gb18030", "utf-8-sig", "utf-16", "utf-16-le", "lint_text", "lint_text")


def _read_text(path: Path) -> str:
    from gipcheck.sources.text import read_text

    return read_text(str(path), path.read_bytes()).text


class Seeds:
    """The real reports the mutations start from: the bundled ones always, ../shared/corpus's
    when ``corpus`` is a folder that exists. The Word and PDF files are made once, on first use."""

    def __init__(self, corpus: Path | None = CORPUS):
        self.corpus = corpus if corpus is not None and corpus.is_dir() else None
        files = sorted((ROOT / "gipcheck" / "testdata").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
        if self.corpus:
            for sub in ("real", "real-b", "seeds", "examples"):
                files += sorted((self.corpus / sub).glob("*.txt"))
        self.texts: list[tuple[str, str]] = []
        for f in files:
            text = _read_text(f)
            if text.strip():
                self.texts.append((f"{f.parent.name}/{f.name}", text))
        self.pages: list[tuple[str, bytes]] = []
        if self.corpus:
            self.pages = [(f"real-html/{f.name}", f.read_bytes()) for f in sorted((self.corpus / "real-html").glob("*.html"))]
        self.bundled = [t for t in self.texts if t[0].startswith(("testdata/", "examples/"))]

    def text(self, label: str) -> str:
        return self._by_label[label]

    @functools.cached_property
    def _by_label(self) -> dict[str, str]:
        return dict(self.texts)

    @functools.cached_property
    def docx(self) -> list[tuple[str, bytes]]:
        out = []
        for i, (label, text) in enumerate(self.bundled):
            out.append((f"{label} plain", text_to_docx(text)))
            if i == 0:
                out.append((f"{label} merged+numbered", text_to_docx(text, merged=True, numbered=True)))
        if self.corpus:
            template = self.corpus / "templates" / "2021-format-template.docx"
            if template.is_file():
                out.append(("templates/2021-format-template.docx", template.read_bytes()))
            out += [(f"{label} plain", text_to_docx(text)) for label, text in self.texts[len(self.bundled):][::12]]
        return out

    @functools.cached_property
    def pdf(self) -> list[tuple[str, bytes]]:
        out = []
        for i, (label, text) in enumerate(self.bundled):
            out.append((f"{label} uncompressed", text_to_pdf(text)))
            if i == 0:
                out.append((f"{label} compressed", text_to_pdf(text, compress=True)))
        return out


@dataclass
class Case:
    kind: str
    name: str  # the file name lint_bytes gets (its suffix chooses the reader)
    data: bytes | None  # None: ``text`` goes to lint_text
    text: str | None = None
    steps: list[str] = field(default_factory=list)
    index: int | None = None


def _pick(rng, table: dict, names: list[str] | None, count=(1, 1, 1, 2, 2, 3, 4)) -> list[str]:
    if names is not None:
        return list(names)
    return [rng.choice(sorted(table)) for _ in range(rng.choice(count))]


def mutate_text(rng, text: str, others, names: list[str] | None = None, steps: list[str] | None = None,
                allowed=None) -> str:
    for name in _pick(rng, {k: v for k, v in TEXT_MUTATORS.items() if allowed is None or k in allowed}, names):
        text, detail = TEXT_MUTATORS[name](rng, text, others)
        text = _cap(text)
        if steps is not None:
            steps.append(f"{name}: {detail}")
    return text


def encode_text(text: str, encoding: str) -> bytes:
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le"):
        return text.encode(encoding, errors="surrogatepass")
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, errors="replace")


def mutate_bytes(rng, data: bytes, names: list[str] | None, steps: list[str], table=BYTE_MUTATORS) -> bytes:
    for name in _pick(rng, table, names, count=(1, 1, 2)):
        data, detail = table[name](rng, data)
        steps.append(f"{name}: {detail}")
    return data


def make_text_case(seeds: Seeds, rng, names=None, encoding=None, byte_names=None, label=None) -> Case:
    label = label or rng.choice(seeds.texts)[0]
    steps = [f"seed {label}"]
    text = mutate_text(rng, seeds.text(label), [t for _, t in seeds.texts[:8]], names, steps)
    encoding = encoding or rng.choice(ENCODINGS)
    steps.append(f"encoding {encoding}")
    if encoding == "lint_text":
        return Case("text", "fuzz.txt", None, text, steps)
    data = encode_text(text, encoding)
    if byte_names or (byte_names is None and rng.random() < 0.15):
        data = mutate_bytes(rng, data, byte_names, steps)
    return Case("text", "fuzz.txt", data, None, steps)


def make_html_case(seeds: Seeds, rng, names=None, byte_names=None) -> Case:
    from gipcheck.sources.html import decode_html

    steps = []
    if seeds.pages and rng.random() < 0.4:
        label, raw = rng.choice(seeds.pages)
        markup, encoding = decode_html(raw)
        steps.append(f"seed {label} ({encoding})")
    else:
        label = rng.choice(seeds.texts)[0]
        text = seeds.text(label)
        steps.append(f"seed {label} as a web page")
        if rng.random() < 0.5:
            text = mutate_text(rng, text, [], None, steps, allowed=LIGHT_TEXT_MUTATORS + ("big_table", "wide_row"))
        encoding = rng.choice(("utf-8", "gbk", "gb18030", "utf-16"))
        markup = text_to_html(text, charset=encoding, spans=rng.random() < 0.5)
    for name in _pick(rng, HTML_MUTATORS, names):
        markup, detail = HTML_MUTATORS[name](rng, markup)
        steps.append(f"{name}: {detail}")
    actual = encoding if rng.random() < 0.8 else rng.choice(("utf-8", "gb18030", "utf-16", "big5", "latin-1"))
    if actual != encoding:
        steps.append(f"written as {actual}")
    try:
        data = markup.encode(actual, errors="xmlcharrefreplace")
    except (LookupError, UnicodeEncodeError):
        data = markup.encode("utf-8", errors="surrogatepass")
    if byte_names or (byte_names is None and rng.random() < 0.15):
        data = mutate_bytes(rng, data, byte_names, steps)
    return Case("html", "fuzz.html", data, None, steps)


def make_docx_case(seeds: Seeds, rng, names=None, byte_names=None) -> Case:
    steps = []
    if rng.random() < 0.25:
        label = rng.choice(seeds.texts)[0]
        steps.append(f"seed {label} as Word")
        text = mutate_text(rng, seeds.text(label), [], None, steps)
        data = text_to_docx(text, merged=rng.random() < 0.5, numbered=rng.random() < 0.3)
    else:
        label, data = rng.choice(seeds.docx)
        steps.append(f"seed {label}")
    if names or (names is None and rng.random() < 0.8):
        entries = zip_entries(data)
        for name in _pick(rng, DOCX_MUTATORS, names):
            steps.append(f"{name}: {DOCX_MUTATORS[name](rng, entries)}")
        stored = rng.random() < 0.2
        data = make_zip(entries, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    if byte_names or (byte_names is None and rng.random() < 0.3):
        data = mutate_bytes(rng, data, byte_names, steps)
    return Case("docx", "fuzz.docx", data, None, steps)


def make_pdf_case(seeds: Seeds, rng, names=None) -> Case:
    steps = []
    if rng.random() < 0.15:
        label = rng.choice(seeds.bundled)[0]
        steps.append(f"seed {label} as PDF")
        text = mutate_text(rng, seeds.text(label), [], None, steps, allowed=LIGHT_TEXT_MUTATORS)
        try:
            data = text_to_pdf("\n".join(text.split("\n")[:300]), compress=rng.random() < 0.3)
        except Exception as exc:  # noqa: BLE001 - reportlab cannot lay out every text (a cell taller than a page)
            steps.append(f"(not drawable: {type(exc).__name__}; a seed PDF instead)")
            data = seeds.pdf[0][1]
    else:
        label, data = rng.choice(seeds.pdf)
        steps.append(f"seed {label}")
    for name in _pick(rng, PDF_MUTATORS, names, count=(0, 1, 1, 2, 3) if names is None else (1,)):
        data, detail = PDF_MUTATORS[name](rng, data)
        steps.append(f"{name}: {detail}")
    return Case("pdf", "fuzz.pdf", data, None, steps)


MAKERS = {"text": make_text_case, "html": make_html_case, "docx": make_docx_case, "pdf": make_pdf_case}


def make_case(seeds: Seeds, seed: int, index: int, kinds=KINDS) -> Case:
    """Case ``index`` of run ``seed``: the same input every time (given the same seeds)."""
    rng = random.Random(f"gipcheck-fuzz:{seed}:{index}")
    kind = rng.choices(list(kinds), weights=[WEIGHTS[k] for k in kinds])[0]  # case_kind() repeats this
    case = MAKERS[kind](seeds, rng)
    if rng.random() < 0.03:  # the bytes of one kind under another kind's name
        other = rng.choice([k for k in KINDS if k != kind])
        case.name = "fuzz" + SUFFIX[other]
        if case.data is None:
            case.data = encode_text(case.text, "utf-8")
            case.text = None
        case.steps.append(f"named {case.name}")
    case.index = index
    return case


def case_kind(seed: int, index: int, kinds=KINDS) -> str:
    rng = random.Random(f"gipcheck-fuzz:{seed}:{index}")
    return rng.choices(list(kinds), weights=[WEIGHTS[k] for k in kinds])[0]


# ----------------------------------------------------------------------------------------------
# running a case
# ----------------------------------------------------------------------------------------------


def _innermost(tb) -> str:
    """file:line (function) of the innermost frame inside gipcheck/ (else the innermost)."""
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if f"{os.sep}gipcheck{os.sep}" in f.filename and "site-packages" not in f.filename]
    f = (ours or frames or [None])[-1]
    if f is None:
        return "?"
    path = f.filename
    try:
        path = str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        pass
    return f"{path}:{f.lineno} ({f.name})"


def _document(linter, case: Case):
    from gipcheck.sources import Document

    if case.data is None:
        return Document(case.name, case.text)
    return linter.plugins.hook.gipcheck_source(path=case.name, data=case.data)


def explain_gip009(linter, case: Case, message: str) -> dict:
    """Run the rule that crashed again, alone, to get its traceback."""
    from gipcheck.checks.base import Context
    from gipcheck.facts import Facts
    from gipcheck.textutil import to_simplified

    m = re.search(r"(GIP\d{3})", message)
    rule = linter.by_code.get(m.group(1)) if m else None
    if rule is None:
        return {}
    try:
        doc = _document(linter, case)
        text = to_simplified(doc.text) or doc.text
        facts = Facts(text, linter.profiles, linter.profile, [])
        list(rule().check(Context(facts, case.name, rule, linter.lang, linter.rule_options.get(rule.code))) or ())
    except Exception as exc:  # noqa: BLE001 - the crash being explained
        return {"rule": rule.code, "error": f"{type(exc).__name__}: {str(exc)[:500]}",
                "frame": _innermost(exc.__traceback__), "traceback": traceback.format_exc(limit=-12)}
    return {"rule": rule.code, "error": "(did not crash again alone)"}


def explain_reader_error(linter, case: Case) -> dict:
    """The exception a reader raised that the engine turned into GIP001."""
    try:
        _document(linter, case)
    except Exception as exc:  # noqa: BLE001 - the reader's exception being explained
        return {"error": f"{type(exc).__name__}: {str(exc)[:300]}", "frame": _innermost(exc.__traceback__)}
    return {}


_DUMP_FRAME = re.compile(r'File "([^"]+)", line (\d+) in (\S+)')


def stack_where(dump: str) -> dict:
    """Where faulthandler's dumps of a slow case were: the innermost gipcheck frame seen most often,
    and the rule (a GIPnnn_ module) running then."""
    frames, rules = Counter(), Counter()
    for block in re.split(r"\n(?=Thread |Current thread |Stack )", dump):
        lines = _DUMP_FRAME.findall(block)  # most recent call first
        ours = [(f, n, fn) for f, n, fn in lines if f"{os.sep}gipcheck{os.sep}" in f and "site-packages" not in f]
        if not ours:
            continue
        f, n, fn = ours[0]
        try:
            f = str(Path(f).relative_to(ROOT))
        except ValueError:
            pass
        frames[f"{f}:{n} ({fn})"] += 1
        rule = next((Path(f).stem for f, _, _ in ours if re.match(r"GIP\d{3}_", Path(f).stem)), None)
        rules[rule or "(no rule: reading or building the facts)"] += 1
    if not frames:
        return {}
    return {"frame": frames.most_common(1)[0][0], "in_rule": rules.most_common(1)[0][0], "samples": sum(frames.values())}


class _Sampler(threading.Thread):
    """Writes the calling thread's stack to ``file`` once ``after`` seconds have passed, and then
    every ``every`` seconds, until stopped: where a slow case spends its time. (faulthandler's
    watchdog reads frames without the GIL and can crash the process; this waits for the GIL, so a
    single long regex call is seen only when it returns, or by the parent's SIGUSR1 dump.)"""

    def __init__(self, file, after: float, every: float):
        super().__init__(daemon=True)
        self.target = threading.get_ident()
        self.file, self.after, self.every = file, after, every
        self.done = threading.Event()

    def run(self) -> None:
        if self.done.wait(self.after):
            return
        while True:
            frame = sys._current_frames().get(self.target)
            if frame is not None:
                stack = traceback.extract_stack(frame)
                del frame
                lines = ["Stack sample (most recent call first):"] + [
                    f'  File "{f.filename}", line {f.lineno} in {f.name}' for f in reversed(stack)]
                self.file.write(("\n".join(lines) + "\n").encode("utf-8", errors="replace"))
                self.file.flush()
            if self.done.wait(self.every):
                return

    def stop(self) -> None:
        self.done.set()
        self.join()


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextlib.contextmanager
def memory_cap(mb: int | None):
    """The address space may grow by at most ``mb`` MB meanwhile (RLIMIT_AS): an input that makes
    gipcheck allocate without bound gets a MemoryError instead of the machine's OOM killer."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    if not mb or not _vm_bytes():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _vm_bytes() + (mb << 20)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run_case(linter, case: Case, time_limit: float = 10.0, stack_file=None, memory_mb: int | None = 3072,
             hard_limit: float | None = None) -> dict:
    """Lint one case; the outcome's status is "ok", "crash" (an exception escaped), "gip009",
    "slow" (over ``time_limit`` seconds) or "memory" (the address space grew by more than
    ``memory_mb`` MB: a MemoryError, which the engine reports as a damaged file when a reader
    raises it). With ``stack_file`` (an open binary file), the stack is written there from
    ``time_limit`` seconds on, while the case runs, and a slow case's outcome says where it spent
    its time. After ``hard_limit`` seconds the case is interrupted (status "hang", with the
    frame it was in)."""
    with memory_cap(memory_mb):
        out = _run_case(linter, case, time_limit, stack_file, hard_limit)
    if out["status"] == "ok" and out.get("reader_error", {}).get("error", "").startswith("MemoryError"):
        out.update(status="memory", error=f"more than {memory_mb} MB: {out['reader_error']['error']}",
                   frame=out["reader_error"]["frame"])
    return out


class CaseTimeout(BaseException):
    """Raised by SIGALRM inside the linter when a case passes its hard limit; not an Exception,
    so that the engine's ``except Exception`` around rules and readers lets it through."""


@contextlib.contextmanager
def interrupt_after(seconds: float | None):
    """Raise CaseTimeout in this (main) thread after ``seconds`` of wall time: a case that loops
    in Python is stopped where it is (one long call into C is stopped when it returns)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise CaseTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, alarm)
    # again and again: an exception raised while a gc callback or a __del__ runs is only printed
    signal.setitimer(signal.ITIMER_REAL, seconds, max(0.01, min(1.0, seconds / 10)))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _rule_of(tb) -> str:
    """The rule (a GIPnnn_ module) a traceback passes through, innermost first."""
    for f in reversed(traceback.extract_tb(tb)):
        if re.match(r"GIP\d{3}_", Path(f.filename).stem):
            return Path(f.filename).stem
    return "(no rule: reading or building the facts)"


def _run_case(linter, case: Case, time_limit: float, stack_file, hard_limit: float | None) -> dict:
    out = {"index": case.index, "kind": case.kind, "name": case.name, "steps": case.steps,
           "size": len(case.data) if case.data is not None else len(case.text or ""), "status": "ok"}
    sampler = None
    if stack_file is not None:
        stack_file.seek(0)
        stack_file.truncate()
        sampler = _Sampler(stack_file, time_limit, max(0.02, min(1.0, time_limit / 10)))
        sampler.start()
    start = time.perf_counter()
    try:
        try:
            with interrupt_after(hard_limit):
                if case.data is None:
                    result = linter.lint_text(case.text, case.name)
                else:
                    result = linter.lint_bytes(case.name, case.data)
        finally:
            if sampler is not None:
                sampler.stop()
    except CaseTimeout as exc:
        out.update(seconds=time.perf_counter() - start, status="hang",
                   error=f"still running after {hard_limit:g} s: interrupted", frame=_innermost(exc.__traceback__),
                   in_rule=_rule_of(exc.__traceback__), traceback=traceback.format_exc(limit=-12))
        return out
    except Exception as exc:  # noqa: BLE001 - what the fuzzer looks for
        out.update(seconds=time.perf_counter() - start, status="crash",
                   error=f"{type(exc).__name__}: {str(exc)[:500]}", frame=_innermost(exc.__traceback__),
                   traceback=traceback.format_exc(limit=-12))
        return out
    out["seconds"] = seconds = time.perf_counter() - start
    out["codes"] = sorted({f.code for f in result.findings if f.code.startswith("GIP0")})
    out["checked"] = not result.unreadable  # read, and the rules ran
    crashes = [f.message for f in result.findings if f.code == "GIP009"]
    if crashes:
        out.update(status="gip009", error=crashes[0][:600], crashes=len(crashes),
                   **{k: v for k, v in explain_gip009(linter, case, crashes[0]).items() if k != "error"})
    elif seconds > time_limit:
        out.update(status="slow", error=f"{seconds:.1f} s > {time_limit:g} s")
        if stack_file is not None:
            stack_file.seek(0)
            out.update(stack_where(stack_file.read().decode("utf-8", errors="replace")))
    if result.unreadable and result.findings and result.findings[0].code == "GIP001" and case.data is not None:
        reader = explain_reader_error(linter, case)
        if reader:
            out["reader_error"] = reader
    return out


def save_case(case: Case, outcome: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{case.index if case.index is not None else 'x'}-{case.kind}-{outcome['status']}"
    path = folder / (stem + Path(case.name).suffix)
    if case.data is not None:
        path.write_bytes(case.data)
    else:  # lint_text input: may hold lone surrogates
        path.write_bytes(case.text.encode("utf-8", errors="surrogatepass"))
    note = {**outcome, "input": str(path), "api": "lint_bytes" if case.data is not None else
            "lint_text (the file is UTF-8 with surrogatepass)"}
    (folder / (stem + ".json")).write_text(json.dumps(note, ensure_ascii=False, indent=1), encoding="utf-8")
    outcome["saved"] = str(path)
    return path


# ----------------------------------------------------------------------------------------------
# workers: the parent gives case numbers, a worker makes and lints the case; a worker that does not
# answer within the hang limit is killed and replaced
# ----------------------------------------------------------------------------------------------

_SEEDS: Seeds | None = None


def _worker(conn, config: dict) -> None:
    import resource

    from gipcheck.engine import Linter

    seeds = _SEEDS or Seeds(config["corpus"])
    linter = Linter()
    stack_file = open(config["stack"], "w+b")  # open for the worker's life
    import faulthandler

    signal_file = open(config["stack"] + ".signal", "wb")
    faulthandler.register(signal.SIGUSR1, file=signal_file, all_threads=False)  # the parent's dump of a hang
    while True:
        index = conn.recv()
        if index is None:
            break
        try:
            case = make_case(seeds, config["seed"], index, config["kinds"])
        except Exception as exc:  # noqa: BLE001 - a bug in the fuzzer itself: reported, not a gipcheck failure
            conn.send({"index": index, "kind": case_kind(config["seed"], index, config["kinds"]),
                       "status": "fuzzer-error", "steps": [], "seconds": 0.0,
                       "error": f"{type(exc).__name__}: {exc}", "frame": _innermost(exc.__traceback__),
                       "traceback": traceback.format_exc()})
            continue
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        outcome = run_case(linter, case, config["time_limit"], stack_file, config["memory"], config["hang_limit"])
        if outcome["status"] != "ok":
            save_case(case, outcome, Path(config["save"]))
        outcome["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if outcome["maxrss"] > before:  # this case raised the worker's peak: what it cost at least
            outcome["peak_mb"] = outcome["maxrss"] / 1024
        conn.send(outcome)
    stack_file.close()
    signal_file.close()
    conn.close()


@dataclass
class _Slot:
    proc: object
    conn: object
    index: int | None = None
    started: float = 0.0
    done: int = 0
    stack: str = ""  # the file the worker's faulthandler writes stacks of slow cases to


def run_pool(seeds: Seeds, config: dict, indexes: list[int], jobs: int, hang_limit: float, recycle: int,
             report) -> None:
    import multiprocessing as mp
    from multiprocessing.connection import wait

    global _SEEDS
    _SEEDS = seeds  # inherited by forked workers (made once)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    todo = iter(indexes)
    numbers = iter(range(1 << 30))
    Path(config["save"]).mkdir(parents=True, exist_ok=True)

    def spawn() -> _Slot:
        ours, theirs = ctx.Pipe()
        stack = str(Path(config["save"]) / f".stack-{next(numbers)}")
        proc = ctx.Process(target=_worker, args=(theirs, {**config, "stack": stack}), daemon=True)
        proc.start()
        theirs.close()
        return _Slot(proc, ours, stack=stack)

    def feed(slot: _Slot) -> None:
        slot.index = next(todo, None)
        if slot.index is not None:
            slot.started = time.monotonic()
            slot.conn.send(slot.index)

    def stop(slot: _Slot, kill: bool = False) -> None:
        if kill:
            slot.proc.kill()
        else:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        slot.proc.join(10)
        if slot.proc.is_alive():
            slot.proc.kill()
            slot.proc.join()
        slot.conn.close()

    slots = [spawn() for _ in range(jobs)]
    for s in slots:
        feed(s)
    while any(s.index is not None for s in slots):
        busy = {s.conn: s for s in slots if s.index is not None}
        for conn in wait(list(busy), timeout=0.5):
            slot = busy[conn]
            try:
                outcome = conn.recv()
            except (EOFError, OSError):
                slot.proc.join(5)
                outcome = _lost(seeds, config, slot.index, "died",
                                f"the worker died (exit code {slot.proc.exitcode})", slot.stack)
                stop(slot, kill=True)
                slots[slots.index(slot)] = slot = spawn()
            report(outcome)
            slot.done += 1
            # a fresh process now and then (caches and memory stay bounded), and after an interrupted case
            if slot.done >= recycle or outcome.get("status") == "hang":
                stop(slot)
                slots[slots.index(slot)] = slot = spawn()
            feed(slot)
        now = time.monotonic()
        for i, slot in enumerate(slots):
            if slot.index is not None and now - slot.started > hang_limit + 30:  # not even interruptible
                index = slot.index
                try:  # where it hangs: the worker's faulthandler dumps its stack on SIGUSR1
                    os.kill(slot.proc.pid, signal.SIGUSR1)
                    time.sleep(1.0)
                except OSError:
                    pass
                stop(slot, kill=True)
                report(_lost(seeds, config, index, "hang", f"no answer within {hang_limit + 30:g} s: killed",
                             slot.stack))
                slots[i] = spawn()
                feed(slots[i])
    for s in slots:
        stop(s)
    for f in Path(config["save"]).glob(".stack-*"):
        f.unlink()


def _preload() -> None:
    import importlib

    from gipcheck.engine import Linter

    Linter().lint_text("一、总体情况\n", "warm-up.txt")
    for module in ("gipcheck.sources.text", "gipcheck.sources.docx", "gipcheck.sources.html", "gipcheck.sources.pdf",
                   "gipcheck.collection", "gipcheck.facts.agency", "docx", "lxml.html", "pdfplumber", "opencc",
                   "charset_normalizer"):
        try:
            importlib.import_module(module)
        except ImportError:
            pass


def _revision() -> str:
    """The commit the run checked, with "+changes" when the working tree differs from it."""
    import subprocess

    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "gipcheck", "rules"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (head or "unknown") + (" +changes" if dirty else "")


def _lost(seeds: Seeds, config: dict, index: int, status: str, error: str, stack: str) -> dict:
    """The outcome of a case whose worker hung or died: the case is made again here and saved,
    with where the worker was (its last stack dumps)."""
    case = make_case(seeds, config["seed"], index, config["kinds"])
    outcome = {"index": index, "kind": case.kind, "name": case.name, "steps": case.steps, "status": status,
               "error": error, "seconds": float("nan"),
               "size": len(case.data) if case.data is not None else len(case.text or "")}
    dump = ""
    for path in (stack, stack + ".signal"):
        try:
            dump += Path(path).read_text(encoding="utf-8", errors="replace") + "\n"
        except OSError:
            pass
    outcome.update(stack_where(dump))
    save_case(case, outcome, Path(config["save"]))
    return outcome


# ----------------------------------------------------------------------------------------------
# command line
# ----------------------------------------------------------------------------------------------

FAILURES = ("crash", "gip009", "slow", "memory", "hang", "died", "fuzzer-error")


def _signature(o: dict) -> tuple:
    """Failures with the same status, exception type and frame are one bug."""
    if o["status"] in ("slow", "hang", "died"):  # one slow spot: the rule, and the file it was in
        return "time", o.get("in_rule"), (o.get("frame") or "").split(":")[0]
    error = (o.get("error") or "").split(":")[0] if o["status"] != "gip009" else \
        re.sub(r"^.*?（(\w+).*$", r"\1", o.get("error") or "", flags=re.S)
    return o["status"], o.get("rule"), error, o.get("frame")


def _describe(o: dict) -> str:
    lines = [f"  #{o['index']} {o['kind']} {o['status']}: {o.get('error', '')}"]
    if o.get("rule"):
        lines.append(f"      rule {o['rule']}: {o.get('frame', '')}")
    elif o.get("in_rule") and o.get("samples"):
        lines.append(f"      mostly in {o['in_rule']}, at {o.get('frame')} ({o['samples']} stack samples)")
    elif o.get("in_rule"):
        lines.append(f"      in {o['in_rule']}, at {o.get('frame')} (where it was interrupted)")
    elif o.get("frame"):
        lines.append(f"      at {o['frame']}")
    lines.append(f"      steps: {' | '.join(o.get('steps', []))[:600]}")
    if o.get("saved"):
        lines.append(f"      saved: {o['saved']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1000, help="how many cases (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="the run's seed (default 0)")
    ap.add_argument("--start", type=int, default=0, help="the first case number (default 0)")
    ap.add_argument("--time-limit", type=float, default=10.0, help="seconds one input may take (default 10)")
    ap.add_argument("--hang-limit", type=float, default=None,
                    help="seconds before a case is interrupted (default max(60, 6 x time limit)); a worker that "
                         "does not answer 30 s later is killed")
    ap.add_argument("--kinds", default=",".join(KINDS), help="text,docx,html,pdf (default all)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--recycle", type=int, default=500, help="cases before a worker is replaced (default 500)")
    ap.add_argument("--save", type=Path, default=None, help="folder for failing inputs (default: a new temporary one)")
    ap.add_argument("--memory-limit", type=int, default=3072,
                    help="MB the address space may grow by during one case (RLIMIT_AS; default 3072)")
    ap.add_argument("--no-corpus", action="store_true", help="only the bundled reports, not ../shared/corpus")
    ap.add_argument("--replay", default=None, help="case numbers (comma-separated) to run again in-process")
    args = ap.parse_args(argv)
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        ap.error(f"unknown kinds: {', '.join(unknown) or '(none)'}; choose from {', '.join(KINDS)}")
    save = args.save or Path(tempfile.mkdtemp(prefix="gipcheck-fuzz-"))
    corpus = None if args.no_corpus else CORPUS
    wall = time.monotonic()
    seeds = Seeds(corpus)
    if args.replay:
        from gipcheck.engine import Linter

        linter = Linter()
        failed = 0
        stack_file = tempfile.TemporaryFile()
        for index in (int(x) for x in args.replay.split(",")):
            case = make_case(seeds, args.seed, index, kinds)
            outcome = run_case(linter, case, args.time_limit, stack_file, args.memory_limit,
                               args.hang_limit or max(60.0, 6 * args.time_limit))
            path = save_case(case, outcome, save)
            print(f"#{index} {case.kind} {case.name} {outcome['status']} {outcome.get('seconds', 0):.2f} s "
                  f"codes {outcome.get('codes')}: {path}")
            print("  steps: " + " | ".join(case.steps))
            if outcome["status"] != "ok":
                failed += 1
                print(_describe(outcome))
                if outcome.get("traceback"):
                    print(outcome["traceback"])
        return 1 if failed else 0

    hang_limit = args.hang_limit or max(60.0, 6 * args.time_limit)
    config = {"seed": args.seed, "kinds": kinds, "time_limit": args.time_limit, "save": str(save),
              "corpus": corpus, "memory": args.memory_limit, "hang_limit": hang_limit}
    args.revision = _revision()
    print(f"gipcheck fuzz (gipcheck {args.revision}): {args.cases} cases from #{args.start}, seed {args.seed}, kinds {','.join(kinds)}, "
          f"{args.jobs} jobs, time limit {args.time_limit:g} s, hang limit {hang_limit:g} s; "
          f"{len(seeds.texts)} seed texts, {len(seeds.pages)} web pages{'' if corpus and seeds.corpus else ' (no corpus)'}",
          flush=True)
    print(f"failing inputs are saved in {save}", flush=True)
    outcomes: list[dict] = []
    rss = [0]
    seen: set = set()

    def report(o: dict) -> None:
        outcomes.append({k: o.get(k) for k in ("index", "kind", "status", "seconds", "steps", "error", "frame",
                                                 "rule", "in_rule", "samples", "saved", "codes", "reader_error",
                                                 "size", "peak_mb", "checked")})
        rss[0] = max(rss[0], o.get("maxrss") or 0)
        if o["status"] != "ok" and _signature(o) not in seen:  # the first of each kind of failure
            seen.add(_signature(o))
            print(_describe(o), flush=True)
        if len(outcomes) % 500 == 0:
            bad = sum(1 for x in outcomes if x["status"] in FAILURES)
            print(f"[{len(outcomes)}/{args.cases}] {time.monotonic() - wall:.0f} s, {bad} failures", flush=True)

    # the Word and PDF seeds are made before the workers start, so that every worker shares them;
    # gipcheck and its readers are imported here too, so that every worker (also one started
    # later) runs the code as it was when the run began, even if the files change meanwhile
    if "docx" in kinds:
        _ = seeds.docx
    if "pdf" in kinds:
        _ = seeds.pdf
    _preload()
    run_pool(seeds, config, list(range(args.start, args.start + args.cases)), max(1, args.jobs), hang_limit,
             max(1, args.recycle), report)
    total = time.monotonic() - wall
    return summarize(outcomes, total, rss[0], save, args)


def summarize(outcomes: list[dict], total: float, rss_kb: int, save: Path, args) -> int:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for o in outcomes:
        by_kind[o["kind"]].append(o)
    print()
    print(f"{'kind':6} {'cases':>6} {'checked':>7} {'crashes':>7} {'GIP009':>6} {'slow':>5} {'memory':>6} "
          f"{'hangs':>5} {'died':>5} {'median s':>8} {'p99 s':>7} {'max s':>7}")
    rows = sorted(by_kind.items()) + [("all", outcomes)]
    for kind, group in rows:
        status = Counter(o["status"] for o in group)
        times = sorted(o["seconds"] for o in group if o.get("seconds") == o.get("seconds") and o.get("seconds") is not None)
        median = statistics.median(times) if times else float("nan")
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else float("nan")
        top = times[-1] if times else float("nan")
        checked = sum(1 for o in group if o.get("checked"))
        print(f"{kind:6} {len(group):>6} {checked:>7} {status['crash']:>7} {status['gip009']:>6} {status['slow']:>5} "
              f"{status['memory']:>6} {status['hang']:>5} {status['died']:>5} {median:>8.3f} {p99:>7.3f} {top:>7.2f}")
    timed = [o for o in outcomes if o.get("seconds") is not None and o["seconds"] == o["seconds"]]
    if timed:
        slow = max(timed, key=lambda o: o["seconds"])
        print(f"slowest case: #{slow['index']} {slow['kind']} {slow['seconds']:.2f} s "
              f"({(slow.get('size') or 0) / 1024:.0f} KB): {' | '.join(slow['steps'])[:400]}")
    print("(checked: the input was read and the rules ran; the others got a file-level answer such as GIP010)")
    outcome_codes = Counter(c for o in outcomes for c in (o.get("codes") or []))
    if outcome_codes:
        print("file-level results (GIP0xx, fine): " + ", ".join(f"{c} {n}" for c, n in sorted(outcome_codes.items())))
    readers = Counter((o["kind"], o["reader_error"]["error"].split(":")[0], o["reader_error"]["frame"])
                      for o in outcomes if o.get("reader_error"))
    if readers:
        print("reader exceptions the engine reported as GIP001 (damaged file; not failures):")
        for (kind, error, frame), n in readers.most_common(20):
            example = next(o for o in outcomes if o.get("reader_error") and o["kind"] == kind
                           and o["reader_error"]["frame"] == frame)
            print(f"  {n:5} {kind}: {error} at {frame}  e.g. #{example['index']}: {example['reader_error']['error'][:120]}")
    fuzzer_errors = [o for o in outcomes if o["status"] == "fuzzer-error"]
    failures = [o for o in outcomes if o["status"] in FAILURES]
    peaks = [o for o in outcomes if o.get("peak_mb")]
    biggest = max(peaks, key=lambda o: o["peak_mb"]) if peaks else None
    print(f"worker peak memory: {rss_kb / 1024:.0f} MB" + (
        f" (case #{biggest['index']} {biggest['kind']}: {' | '.join(biggest['steps'])[:200]})" if biggest else ""))
    print(f"wall time: {total:.0f} s for {len(outcomes)} cases ({len(outcomes) / max(total, 1e-9):.1f} cases/s)")
    print(f"gipcheck revision: {getattr(args, 'revision', '?')}")
    print(f"command: python scripts/fuzz.py --cases {args.cases} --seed {args.seed} --jobs {args.jobs} "
          f"--time-limit {args.time_limit:g}" + (f" --kinds {args.kinds}" if args.kinds != ",".join(KINDS) else "")
          + (" --no-corpus" if args.no_corpus else "") + (f" --start {args.start}" if args.start else ""))
    if failures:
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for o in failures:
            groups[_signature(o)].append(o)
        print(f"distinct failures: {len(groups)}")
        for group in sorted(groups.values(), key=len, reverse=True):
            print(f"{len(group):6} x" + _describe(group[0])[1:])
            print(f"      cases: {', '.join(str(o['index']) for o in group[:15])}{' …' if len(group) > 15 else ''}")
        print(f"FAILED: {len(failures)} cases ({len(fuzzer_errors)} of them errors of the fuzzer itself); "
              f"inputs in {save}; run one again with --replay N --seed {args.seed}")
        return 1
    print("no failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
