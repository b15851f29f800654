"""Report structure: a line lexer in Python, assembled into a tree by a Lark LALR grammar.

The lexer decides what each line *is* (chrome, title, heading of some level, paragraph,
table row); the grammar (``grammar/report.lark``) decides how the lines nest. Parsing
never fails: every token type is accepted everywhere by the grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import rx
from .textutil import CIRCLED, PARENTHESISED_CN, cn_number, fold_label
from .tree import Block, Heading, Node, ReportTree, Table

_SP = r"[ \t\u3000\u00a0]"
_LEAD = rf"^{_SP}*(?:#{{1,6}}{_SP}*)?"
_CN = "一二三四五六七八九十"

H1_RE = rx.compile(_LEAD + rf"(?P<num>[{_CN}]{{1,3}}){_SP}*[、，,．.:：]{_SP}*(?P<rest>.*)$")
H2_RE = rx.compile(
    _LEAD
    + rf"(?:[（(]{_SP}*(?P<num>[{_CN}]{{1,3}}){_SP}*[）)]|(?P<circ>[㈠-㈩]))"
    + rf"[、，,．.:：]?{_SP}*(?P<rest>.*)$"
)
H3_RE = rx.compile(
    _LEAD
    + rf"(?:(?P<n1>\d{{1,2}}){_SP}*[、．.](?![\d.．])|[（(]{_SP}*(?P<n2>\d{{1,2}}){_SP}*[）)]"
    + rf"|(?P<circ>[①-⑳]))[、，,．.]?{_SP}*(?P<rest>.*)$"
)

# The parser's words come from the loaded profiles (``wording.heading_words``: words of real
# section headings — a short 一、 line right after a table row that has none of them is a broken
# table label, not a section; tables' ``heading_rows``: row labels that look like headings,
# "一、本年新收…"). Without profiles given, the built-in ones are used.
_DEFAULT_VOCABULARY = None


_PROSE_MARK = rx.compile(r"[，。,;；年月日]")


def default_vocabulary():
    """The vocabulary of the built-in profiles (for parse() called without one)."""
    global _DEFAULT_VOCABULARY
    if _DEFAULT_VOCABULARY is None:
        from .profiles import ProfileSet, builtin_profile_paths, load_profile_cached

        _DEFAULT_VOCABULARY = ProfileSet([load_profile_cached(p) for p in builtin_profile_paths()]).vocabulary()
    return _DEFAULT_VOCABULARY

_NUMERIC_CELL = rx.compile(r"^(?:[-−+]?\d[\d,，]*(?:\.\d+)?(?:%|元|万元)?|/|-|—|－|无)$")

CHROME_LINE = rx.compile(
    r"^(?:"
    r"首页\s*[>＞›»]|当前位置|您当前的位置|您的位置|您现在的位置|"
    r"索引号|发布机构|发文机关|发布日期|发布时间|成文日期|生效日期|时效性|主题分类|信息来源|来源[:：]|"
    r"字号|【?\s*字体|分享到|打印本页|【打印|【关闭|关闭窗口|责任编辑|网站标识码|主办[:：]|承办[:：]|"
    r"技术支持|浏览次数|访问量|扫一扫|附件[:：]?\s*$|\[spam removed\]|Page\s+\d+|P\.\s*\d+\s*$"
    r")"
    r"|ICP备|公网安备|网站标识码"
)
PAGE_MARK = rx.compile(r"^[—\-–－]\s*\d{1,3}\s*[—\-–－]$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")
_CHROME_FRONT = rx.compile(
    r"^[-—>＞›»|\s]*(?:首页|正文|返回|打印|关闭|政府信息公开年度报告|政府信息公开年报|文号)?[-—>＞›»|\s]*$"
)

_YEAR = r"(?:19|20)\d{2}"
TITLE_RE = rx.compile(
    rf"^(?P<title>[^，,。；;：:《》“”\"|]{{0,40}}?{_YEAR}{_SP}*年度?{_SP}*"
    rf"[^，,。；;：:《》“”\"|]{{0,40}}?(?:政府信息公开|信息公开|政务公开)"
    rf"[^，,。；;：:《》“”\"|]{{0,12}}?(?:年度报告|工作报告|年报|报告))"
)
TITLE_HEAD_RE = rx.compile(
    rf"^[^，,。；;：:《》“”\"|]{{0,40}}?{_YEAR}{_SP}*年度?[^，,。；;：:《》“”\"|]{{0,40}}?"
    rf"(?:政府信息公开|信息公开|政务公开)[^，,。；;：:《》“”\"|]{{0,8}}$"
)
TITLE_TAIL_RE = rx.compile(r"^[^，,。；;：:]{0,12}(?:年度报告|工作报告|年报|报告)$")

_TITLE_SPLIT = rx.compile(r"[。；;：:]")


@dataclass(slots=True)
class LineTok:
    type: str
    start: int
    end: int
    line: int
    column: int
    # heading data
    level: int = 0
    number: int | None = None
    marker: str = ""
    title_start: int = 0


def _is_table_row(stripped: str) -> bool:
    if "|" in stripped or "｜" in stripped:
        return True
    if "\t" in stripped:
        cells = [c.strip() for c in stripped.split("\t") if c.strip()]
        if len(cells) >= 3 or (len(cells) >= 2 and _NUMERIC_CELL.match(fold_label(cells[-1]))):
            return True
    parts = stripped.split()
    if len(parts) >= 3:
        numeric = [bool(_NUMERIC_CELL.match(p)) for p in parts]
        if all(numeric):
            return True
        # label followed by at least three numbers: a PDF table row ("行政许可 716 -417 298")
        trailing = 0
        for n in reversed(numeric):
            if not n:
                break
            trailing += 1
        label = "".join(parts[: len(parts) - trailing])
        if trailing >= 3 and label and not _PROSE_MARK.search(label):
            return True
    return False


_FLAT_BREAK = rx.compile(rf"(?<=[^\s]){_SP}+(?=(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[）)]))")


def _flat_segments(raw: str) -> list[tuple[int, int]] | None:
    """Pieces of a line that holds a whole report whose line breaks were lost
    ("…年报 一、引言 本年报… 一、概述 2011年…"): cut before each space-preceded 一、 or （一）.
    Only lines with at least two such headings are cut."""
    cuts = [m.end() for m in _FLAT_BREAK.finditer(raw)]
    if len(cuts) < 2:
        return None
    # a trailing " |" is what is left of a page's layout table, not part of the text
    bounds = [0, *cuts, len(raw.rstrip(" \t|｜"))]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if raw[a:b].strip()]


def _title_of(rest: str, limit: int) -> int:
    """Length of the heading title within ``rest`` (the rest of the line is body text)."""
    m = _TITLE_SPLIT.search(rest)
    if m and m.start() <= limit:
        return m.start()
    if len(rest) <= limit:
        return len(rest)
    return 0


class _Tokeniser:
    def __init__(self, text: str, vocabulary=None):
        self.text = text
        vocabulary = vocabulary or default_vocabulary()
        self.heading_words = vocabulary.heading_words
        self.row_heads = vocabulary.table_row_heads
        self.column_labels = frozenset(fold_label(c) for c in vocabulary.column_labels)
        self.toks: list[LineTok] = []
        self.seen_h1 = False
        self.seen_title = False
        self.last_kind = ""
        self.flat = False  # classifying a piece of a line whose line breaks were lost

    def _is_header_row(self, stripped: str) -> bool:
        """A space-separated header row of a standard table ("信息内容 上一年项目数量 本年增/减
        处理决定数量" in PDF text): two or more of its pieces are the tables' column labels."""
        parts = stripped.split()
        if len(parts) < 3 or not self.column_labels:
            return False
        return sum(1 for p in parts if fold_label(p) in self.column_labels) >= 2

    def add(self, type_: str, start: int, end: int, line: int, **kw) -> LineTok:
        tok = LineTok(type_, start, end, line, start - self._line_start_of(start) + 1, **kw)
        self.toks.append(tok)
        return tok

    def run(self) -> list[LineTok]:
        text = self.text
        lines = text.split("\n")
        offset = 0
        pending_title: tuple[int, int, int] | None = None
        for lineno, raw in enumerate(lines, 1):
            self.base = offset
            start, end = offset, offset + len(raw)
            offset = end + 1
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            s = start + lead
            e = start + len(raw.rstrip())
            if pending_title is not None:
                ps, pe, pl = pending_title
                pending_title = None
                if TITLE_TAIL_RE.match(stripped):
                    self.add("TITLE", ps, pe, pl)
                    self.add("TITLE_CONT", s, e, lineno)
                    self.seen_title = True
                    continue
                self.base = self._line_start_of(ps)
                self._classify_front_text(ps, pe, pl, self.text[ps:pe].strip(), allow_pending=False)
                self.base = start
            segments = _flat_segments(raw) if len(stripped) > 150 else None
            if segments:
                for a, b in segments:
                    seg = raw[a:b]
                    self.base = start + a
                    self.flat = True
                    self._classify(seg, seg.strip(), start + a + len(seg) - len(seg.lstrip()),
                                   start + a + len(seg.rstrip()), lineno)
                    self.flat = False
                self.base = start
            else:
                self._classify(raw, stripped, s, e, lineno)
            if self.toks and self.toks[-1].type == "_PENDING_TITLE":
                t = self.toks.pop()
                pending_title = (t.start, t.end, t.line)
        if pending_title is not None:
            ps, pe, pl = pending_title
            self.base = self._line_start_of(ps)
            self._classify_front_text(ps, pe, pl, self.text[ps:pe].strip(), allow_pending=False)
        self._promote_numbered_sections()
        return self.toks

    def _promote_numbered_sections(self) -> None:
        """A report whose top-level headings are numbered 1、2、3、 (no 一、 anywhere): when three
        or more such headings name sections (their titles hold heading words) and count up from
        1, they are the report's sections."""
        if any(t.type == "H1" for t in self.toks):
            return
        cands = [t for t in self.toks if t.type == "H3" and t.marker[:1].isdigit()]
        if len(cands) < 3 or [t.number for t in cands] != list(range(1, len(cands) + 1)):
            return
        named = sum(1 for t in cands if any(w in fold_label(self.text[t.title_start:t.end]) for w in self.heading_words))
        if named < 3:
            return
        for t in cands:
            t.type, t.level = "H1", 1

    def _line_start_of(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def _title_in_cell(self, raw: str, s: int, lineno: int) -> bool:
        """A title inside a page's metadata table: "2013年度谢塘镇政府信息公开工作年度报告 | ||"."""
        cell = raw.strip().strip("|｜").split("|")[0].split("｜")[0]
        m = TITLE_RE.match(cell.strip())
        if not m or len(cell.strip()) > m.end("title") + 2:
            return False
        start = s + raw.strip().find(cell.strip())
        self.add("TITLE", start, start + m.end("title"), lineno)
        self.seen_title = True
        return True

    def _classify(self, raw: str, stripped: str, s: int, e: int, lineno: int) -> None:
        kinds_before = len(self.toks)
        self._classify_line(raw, stripped, s, e, lineno)
        if len(self.toks) > kinds_before and self.toks[kinds_before].type != "TROW":
            self.last_kind = self.toks[kinds_before].type

    def _classify_line(self, raw: str, stripped: str, s: int, e: int, lineno: int) -> None:
        if CHROME_LINE.search(stripped) or PAGE_MARK.match(stripped):
            self.add("CHROME", s, e, lineno)
            return
        if not self.seen_h1 and not self.seen_title and _CHROME_FRONT.match(stripped):
            self.add("CHROME", s, e, lineno)
            return
        if _is_table_row(stripped) or self._is_header_row(stripped):
            if not self.seen_h1 and not self.seen_title and self._title_in_cell(raw, s, lineno):
                return
            self.add("TROW", s, e, lineno)
            self.last_kind = "TROW"
            return
        m = H1_RE.match(raw)
        if m:
            rest = m.group("rest")
            label = fold_label(rest)
            if any(label.startswith(h) for h in self.row_heads):
                self.add("TROW", s, e, lineno)
                self.last_kind = "TROW"
                return
            if self.last_kind == "TROW" and len(label) <= 12 and not any(w in label for w in self.heading_words):
                # a label of a table broken over lines ("三、本法提供" in PDF text), not a section
                self.add("PARA", s, e, lineno)
                return
            self._heading("H1", 1, m, cn_number(m.group("num")), lineno, limit=40)
            self.seen_h1 = True
            return
        m = H2_RE.match(raw)
        if m:
            num = cn_number(m.group("num")) if m.group("num") else PARENTHESISED_CN.get(m.group("circ"))
            self._heading("H2", 2, m, num, lineno, limit=40)
            return
        m = H3_RE.match(raw)
        if m:
            if m.group("circ"):
                num = CIRCLED.get(m.group("circ"))
            else:
                num = int(m.group("n1") or m.group("n2"))
            self._heading("H3", 3, m, num, lineno, limit=30)
            return
        if not self.seen_h1 and not self.seen_title:
            self._classify_front_text(s, e, lineno, stripped)
            return
        self.add("PARA", s, e, lineno)

    def _classify_front_text(self, s: int, e: int, lineno: int, stripped: str,
                             allow_pending: bool = True) -> None:
        """Text before the first section: look for the title, possibly glued to the preamble."""
        if not self.seen_title:
            body = stripped.lstrip("#").strip() if stripped.startswith("#") else stripped
            shift = len(stripped) - len(body)
            m = TITLE_RE.match(body)
            if m:
                tend = s + shift + m.end("title")
                # "…年度报告" followed by "（2026年1月23日）" or similar stays one title line
                self.add("TITLE", s, tend, lineno)
                self.seen_title = True
                rest = self.text[tend:e]
                if rest.strip():
                    lead = len(rest) - len(rest.lstrip())
                    self.add("PARA", tend + lead, e, lineno)
                return
            if allow_pending and TITLE_HEAD_RE.match(body) and len(body) <= 60:
                self.add("_PENDING_TITLE", s, e, lineno)
                return
        self.add("PARA", s, e, lineno)

    def _heading(self, type_: str, level: int, m: re.Match, number, lineno: int, limit: int) -> None:
        rest_start = self.base + m.start("rest")
        rest = m.group("rest").rstrip()
        marker_start = self.base + len(m.string) - len(m.string.lstrip(" \t\u3000\u00a0#"))
        # skip markdown hashes between indentation and the numeral
        while self.text[marker_start] in "# \t\u3000":
            marker_start += 1
        tlen = _title_of(rest, limit)
        if self.flat:
            gap = re.search(r"\s", rest)
            if gap and gap.start() <= limit and (tlen == 0 or gap.start() < tlen):
                tlen = gap.start()
        title_end = rest_start + tlen
        marker = self.text[marker_start:rest_start].strip()
        self.add(type_, marker_start, max(title_end, rest_start), lineno, level=level,
                 number=number, marker=marker, title_start=rest_start)
        body = rest[tlen:]
        if body.strip():
            bstart = title_end + (len(body) - len(body.lstrip("。；;：: \t\u3000")))
            if bstart < rest_start + len(rest):
                self.add("PARA", bstart, rest_start + len(rest), lineno)


def tokenise(text: str, vocabulary=None) -> list[LineTok]:
    return _Tokeniser(text, vocabulary).run()


from ._report_parser import Lark_StandAlone, Token  # noqa: E402 - parsing needs them on every lint


@lru_cache(maxsize=1)
def _parser():
    """The LALR parser of grammar/report.lark, as Lark's standalone tool wrote it
    (scripts/gen_parser.py): no grammar analysis, no cache file and no lark import at start-up."""
    return Lark_StandAlone()


def _node(text: str, tok: LineTok, kind: str) -> Node:
    return Node(kind, tok.start, tok.end, text)


class _Builder:
    def __init__(self, text: str, toks: list[LineTok], runs: dict[int, int]):
        self.text = text
        self.toks = toks
        self.runs = runs  # first token of a run of leaves fed as one → the token after the run

    def leaf(self, tok: LineTok, into: list) -> None:
        if tok.type == "TROW":
            node = _node(self.text, tok, "table")
            if into and isinstance(into[-1], Table) and self._adjacent(into[-1].end, tok.start):
                into[-1].rows.append(node)
                into[-1].end = tok.end
            else:
                into.append(Table(tok.start, tok.end, [node]))
        elif tok.type == "CHROME":
            into.append(_node(self.text, tok, "chrome"))
        elif tok.type in ("TITLE", "TITLE_CONT"):
            into.append(_node(self.text, tok, "title"))
        else:
            into.append(_node(self.text, tok, "paragraph"))

    def _adjacent(self, end: int, start: int) -> bool:
        # rows separated only by blank lines belong to one table
        return not self.text[end:start].strip()

    def heading(self, tok: LineTok) -> Heading:
        return Heading(tok.level, tok.number, tok.marker, self.text[tok.title_start:tok.end],
                       tok.start, tok.end, tok.title_start)

    def tokens(self, child):
        """The line tokens a fed token stands for (a run of leaves was fed as one)."""
        first = int(child)
        return self.toks[first:self.runs.get(first, first + 1)]

    def block(self, tree) -> Block:
        children = tree.children
        head = self.toks[int(children[0])]
        block = Block(self.heading(head))
        for child in children[1:]:
            if isinstance(child, Token):
                for tok in self.tokens(child):
                    self.leaf(tok, block.children)
            else:
                block.children.append(self.block(child))
        return block

    def build(self, tree) -> ReportTree:
        report = ReportTree()
        for child in tree.children:
            if not isinstance(child, Token):
                section = self.block(child)
                report.sections.append(section)
                for sub in [section, *section.subblocks()]:
                    chrome = [c for c in sub.children if isinstance(c, Node) and c.kind == "chrome"]
                    report.chrome.extend(chrome)
                continue
            for tok in self.tokens(child):
                if tok.type in ("TITLE", "TITLE_CONT") and not report.sections:
                    report.title.append(_node(self.text, tok, "title"))
                elif tok.type in ("H2", "H3"):
                    report.front.append(Block(self.heading(tok)))
                elif tok.type == "CHROME":
                    report.chrome.append(_node(self.text, tok, "chrome"))
                elif report.front and isinstance(report.front[-1], Block) and tok.type == "PARA":
                    report.front[-1].children.append(_node(self.text, tok, "paragraph"))
                else:
                    self.leaf(tok, report.front)
        return report


# The grammar accepts each of these wherever it accepts one of the others (a leaf of whatever
# encloses it), so a run of them parses as one of them would: one token is fed for the run.
_LEAVES = frozenset(("CHROME", "TITLE", "TITLE_CONT", "PARA", "TROW"))


def parse(text: str, vocabulary=None) -> tuple[ReportTree, list[LineTok]]:
    """Parse a report's text into a :class:`ReportTree` (and the line tokens it came from).

    ``vocabulary`` (:meth:`ProfileSet.vocabulary`) gives the words of headings and table rows;
    by default those of the built-in profiles."""
    toks = tokenise(text, vocabulary)
    # the line tokens are fed to the LALR parser with their index as value (to find them again);
    # a run of leaves is fed as its first token (see _LEAVES)
    state = _parser().parse_interactive("")
    feed = state.feed_token
    runs: dict[int, int] = {}
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        j = i + 1
        if t.type in _LEAVES:
            while j < n and toks[j].type in _LEAVES:
                j += 1
            if j > i + 1:
                runs[i] = j
        feed(Token(t.type, str(i), t.start, t.line, t.column, None, None, t.end))
        i = j
    return _Builder(text, toks, runs).build(state.feed_eof()), toks
