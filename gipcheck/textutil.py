"""Text helpers shared by the parser and the fact extractors.

Two rules hold everywhere in gipcheck:

* normalise for *matching* (full-width to ASCII, spaces and line breaks removed), never for
  *reporting*: every normalised view keeps a map back to offsets in the original text;
* positions reported to users are 1-based line and column, counted in characters.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from itertools import accumulate, islice
from operator import add, methodcaller
from typing import Sequence

from . import rx

# Full-width ASCII variants (U+FF01..U+FF5E) map to ASCII by a fixed offset; a few more
# characters that agencies' editors mix freely are folded to one form for matching.
_EXTRA = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u200b": " ",
    "\ufeff": " ",
    "－": "-",
    "—": "-",
    "–": "-",
    "―": "-",
    "〜": "~",
    "～": "~",
    "．": ".",
    "。": "。",
}

_FOLD = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(k): v for k, v in _EXTRA.items()})
# Keep Chinese full stop, enumeration comma and book-title marks as they are: they carry
# meaning the ASCII forms do not.
for keep in "。、《》〔〕“”‘’":
    _FOLD.pop(ord(keep), None)
# The full-width parentheses, colon, comma and semicolon fold to ASCII.
_FOLD[ord("（")] = "("
_FOLD[ord("）")] = ")"
_FOLD[ord("：")] = ":"
_FOLD[ord("，")] = ","
_FOLD[ord("；")] = ";"
_FOLD[ord("！")] = "!"
_FOLD[ord("？")] = "?"

_WS = frozenset(" \t\r\n\u3000\u00a0\u2002\u2003\u200b\ufeff")


def fold(text: str) -> str:
    """Fold full-width forms to ASCII. One character in, one out: offsets stay valid."""
    return text.translate(_FOLD)


_SPACE_RE = rx.compile(r"\s+")


def fold_label(text: str) -> str:
    """Fold and drop all whitespace: the form used to compare labels and headings."""
    return _SPACE_RE.sub("", fold(text))


@dataclass(frozen=True, slots=True)
class Squeezed:
    """A normalised view of a text: folded, whitespace removed, with offsets back to the source.

    The squeezed text is made of runs of non-space characters: run ``k`` starts at
    ``starts[k]`` in the squeezed text and came from ``sources[k]`` in the source, so
    ``text[i]`` came from ``source[sources[k] + i - starts[k]]`` for the run ``k`` holding ``i``.
    """

    text: str
    starts: Sequence[int]  # array("q")
    sources: Sequence[int]
    source_length: int

    def source_offset(self, i: int) -> int:
        """Where character ``i`` of the squeezed text came from."""
        k = bisect.bisect_right(self.starts, i) - 1
        return self.sources[k] + i - self.starts[k]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span in the squeezed text to a half-open span in the source."""
        if start >= len(self.text):
            return self.source_length, self.source_length
        s = self.source_offset(start)
        e = self.source_offset(end - 1) + 1 if end > start else s
        return s, e


_RUN = rx.compile(r"\S+")
_NEWLINE_RE = rx.compile("\n")
_END_OF = methodcaller("end")
_SPACE = rx.compile(r"\s+")
_CHUNK = 1 << 18


def squeeze(source: str, base: int = 0, folded: str | None = None) -> Squeezed:
    """Fold ``source`` and remove whitespace, remembering where each kept run came from.
    ``folded`` may pass ``fold(source)`` when the caller already has it."""
    if folded is None:
        folded = fold(source)
    # machine integers, not Python ints, built by C-level iterators over chunks of the text: a
    # 20 MB text has millions of runs (every table cell is one), and lists of them would be large
    parts: list[str] = []
    starts = array("q")
    sources = array("q")
    n, pos, size = 0, 0, len(folded)
    while pos < size:
        end = min(size, pos + _CHUNK)
        if end < size:  # cut at a space, never inside a run
            m = _SPACE.search(folded, end)
            end = m.start() if m else size
        runs = _RUN.findall(folded, pos, end)
        lead = 1 if _SPACE.match(folded, pos) else 0
        local = list(accumulate(map(len, runs), initial=0))
        spaces = accumulate(map(len, _SPACE.findall(folded, pos, end)), initial=0)
        starts.extend(map((n).__add__, islice(local, len(runs))))
        sources.extend(map((base + pos).__add__, map(add, islice(local, len(runs)), islice(spaces, lead, None))))
        parts.append("".join(runs))
        n += local[-1]
        pos = end
    return Squeezed("".join(parts), starts, sources, base + len(source))


class LineIndex:
    """Converts character offsets in a text to 1-based (line, column) and back."""

    __slots__ = ("starts", "length")

    def __init__(self, text: str):
        # machine integers (a 20 MB text has hundreds of thousands of lines), found by the
        # regular expression engine
        starts = array("q", [0])
        starts.extend(map(_END_OF, _NEWLINE_RE.finditer(text)))
        self.starts = starts
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self.starts)


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十三) or of ASCII digits."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(fold(text))
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = CN_DIGITS.get(head, None) if head else 1
        ones = CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(text) == 1:
        return CN_DIGITS.get(text)
    return None


_CN_NUMERAL = {v: k for k, v in CN_DIGITS.items() if k not in "零〇两"}
_TEN = "十"


def cn_numeral(n: int) -> str:
    """The Chinese numeral of ``n`` from 1 to 99 as section numbers write it (三, 十, 十二, 二十三)."""
    if n <= 10:
        return _CN_NUMERAL.get(n) or _TEN
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUMERAL[tens]) + _TEN + (_CN_NUMERAL.get(ones, "") if ones else "")


def cut_before_note(label: str, notes: tuple[str, ...]) -> str:
    """A label's words before a bracketed note that opens with one of ``notes`` ("（区分…")."""
    if not notes:
        return label
    return re.split("[（(](?:" + "|".join(map(re.escape, notes)) + ")", label)[0]


CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ①..⑳
PARENTHESISED_CN = {chr(0x3220 + i): i + 1 for i in range(10)}  # ㈠..㈩

SENTENCE_END = rx.compile(r"[。！？!?；;]")

LABEL_END = ":： \t"  # what ends a field label ("电话：")
FULL_STOP = "。"  # the full-width full stop (a domain written "gov。cn")
LIST_SEP = "、"  # the enumeration comma that joins list items
LOWER_BOUND_MARK = "余"  # how messages show a lower bound ("30余")

# Characters frequent in Traditional-character reports that Simplified text never holds: enough of
# them mark a report written (or shown by a web site) in 繁體; it is then checked converted.
_TRADITIONAL = frozenset("資訊開報與關於發佈機條聯絡電話傳郵編會議縣區鄉鎮統計務規範國門戶網請複訴訟處據說總體況項數決圍級黨費")
_TRADITIONAL_RE = rx.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")


def to_simplified(text: str) -> str | None:
    """``text`` in Simplified characters, character for character (offsets unchanged), when it is
    written in Traditional characters; None when it is not (or no converter is installed)."""
    hits = 0
    for _ in _TRADITIONAL_RE.finditer(text):
        hits += 1
        if hits >= 10:
            break
    else:
        return None
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    conv = opencc.OpenCC("t2s")
    whole = conv.convert(text)
    if len(whole) == len(text):
        return whole  # phrase-aware, and the same length
    return "".join(conv.convert(ch) if ord(ch) > 0x2E7F else ch for ch in text)



# Characters that must never reach a terminal, a log or a CI page raw: C0 controls, DEL, C1
# controls (8-bit CSI), and the bidirectional overrides that reorder what is shown.
# C0/C1 controls, bidirectional overrides, and lone surrogates (a file name that is not valid
# UTF-8, decoded by os.fsdecode): shown as escapes, never written raw
_UNSAFE = rx.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str, keep: str = "\t\n") -> str:
    """``text`` with every control character except those in ``keep`` shown as an escape
    (``\\x1b``, ``\\u202e``), so that no escape sequence in a report acts on a terminal."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else
                       (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"), text)


_FULL_DIGITS = str.maketrans("0123456789", "".join(chr(0xFF10 + i) for i in range(10)))


def digits_like(text: str, model: str) -> str:
    """``text`` with its digits full-width when ``model`` writes its digits full-width (a fix
    keeps the report's own style)."""
    if any("\uff10" <= ch <= "\uff19" for ch in model):
        return text.translate(_FULL_DIGITS)
    return text


MAX_DIGITS = 15  # a count, an amount or a rate in a report never has more digits than this


def plausible_digits(num: str) -> bool:
    """A number short enough to be a count, amount or rate (and to compute with exactly):
    longer digit runs are codes or damage, and would overflow floats or int parsing."""
    return sum(ch.isdigit() for ch in num) <= MAX_DIGITS

