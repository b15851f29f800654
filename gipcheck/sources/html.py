"""Web pages (.html, .htm), read with lxml (the ``html`` extra).

The article body is found by text density, not by site: scripts, styles, navigation, share
buttons, forms and footers are dropped, and the element holding the most paragraph and table
text is kept (with the page's title heading when it lies outside). Tables become pipe rows
with colspan and rowspan honoured (a spanned cell is left empty). The encoding comes from the
BOM, the meta tags, or detection (GBK pages are common).
"""

from __future__ import annotations

import re

from .. import rx
from . import Document, Problem, TextBuilder

_META = rx.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside",
              "button", "select", "input", "textarea", "svg", "object", "embed", "map")
_DROP_HINT = rx.compile(r"share|nav|menu|footer|header|breadcrumb|crumb|toolbar|sidebar|login|search|"
                        r"copyright|bottom|topbar|fenxiang|weixin|qrcode|print", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "table", "tr", "blockquote", "pre", "dd", "dt", "dl", "center"}
_TITLE = rx.compile(r"(?:19|20)\d{2}\s*年度?.{0,40}(?:信息公开|政务公开).{0,12}(?:报告|年报)")


_CONTROL = rx.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# the same characters written as references ("&#27;", "&#x0;"), which lxml would decode into them
_CHARREF = rx.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})(?![0-9a-fA-F])|0*([0-9]{1,7})(?![0-9]));?")


def _safe_charref(m: re.Match) -> str:
    value = int(m.group(1), 16) if m.group(1) is not None else int(m.group(2))
    if value in (9, 10, 13) or 32 <= value < 0xD800 and value != 0x7F or 0xE000 <= value <= 0x10FFFF \
            and value not in (0xFFFE, 0xFFFF):
        return m.group(0)
    return " "

def _fail(path: str, key: str, **args) -> Document:
    return Document(path, "", format="html", problems=[Problem("GIP010", args, key=key)])


def decode_html(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    m = _META.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = {"gb2312": "gb18030", "gbk": "gb18030", "utf8": "utf-8"}.get(enc, enc)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeError):  # an unknown or unusable name ("undefined"): detect it
            pass
    from .text import decode

    text, enc, _ = decode(data)
    return text, enc


# The tables of a page hold at most this many cells together, spanned cells included: colspan 50
# by rowspan 200 on every cell of a 2 MB page would otherwise make hundreds of millions of them.
MAX_GRID = 200_000  # as for a Word table (sources.docx)


class _GridTooLarge(Exception):
    pass


def _table_rows(table, budget: list[int]) -> list[list[str]]:
    """The grid of a table, colspan and rowspan honoured; spanned cells are empty. ``budget``
    holds the cells the page's tables may still make and the cells they may still expand,
    refused tables included (raises _GridTooLarge past either)."""
    grid: list[list[str | None]] = []
    pending: dict[tuple[int, int], bool] = {}
    for r, tr in enumerate(table.iter("tr")):
        row: list[str | None] = []
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while pending.pop((r, c), False):
                row.append("")
                c += 1
            text = re.sub(r"\s+", "", cell.text_content())
            try:
                colspan = max(1, min(int(cell.get("colspan", 1)), 50))
                rowspan = max(1, min(int(cell.get("rowspan", 1)), 200))
            except ValueError:
                colspan = rowspan = 1
            budget[0] -= colspan * rowspan
            budget[2] -= colspan * rowspan
            if budget[0] < 0 or budget[2] < 0:
                raise _GridTooLarge()
            row.append(text)
            for _k in range(1, colspan):
                row.append(None)  # the rest of a merged header: not a cell of its own
            for dr in range(1, rowspan):
                for k in range(colspan):
                    pending[(r + dr, c + k)] = True
            c += colspan
        while pending.pop((r, c), False):
            row.append("")
            c += 1
        grid.append(row)
    return [[x for x in row if x is not None] for row in grid if any(x for x in row if x)]


def _clean(root) -> bool:
    """Drop page furniture; True when the page is a login form."""
    login = bool(root.xpath("//input[@type='password']"))
    for tag in _DROP_TAGS:
        for el in root.iter(tag):
            if el.getparent() is not None:
                el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        hint = f"{el.get('class', '')} {el.get('id', '')}"
        if _DROP_HINT.search(hint) and len(el.text_content()) < 400:
            el.drop_tree()
    return login


def _body(root):
    """The element with the most text in paragraphs and tables, links discounted."""
    scores: dict = {}
    for el in root.iter("p", "table", "td", "div", "span", "font"):
        text = el.text or ""
        if el.tag in ("p", "table"):
            text = el.text_content()
        n = len(re.sub(r"\s+", "", text))
        if n < 10:
            continue
        parent = el.getparent()
        depth = 0
        while parent is not None and depth < 3:
            scores[parent] = scores.get(parent, 0) + n / (depth + 1)
            parent = parent.getparent()
            depth += 1
    if not scores:
        return root
    best = max(scores, key=lambda e: scores[e] - 2 * sum(len(a.text_content()) for a in e.iter("a")))
    return best


def _emit(el, out: TextBuilder, buf: list[str], budget: list[int]) -> None:
    """Write ``el`` into ``out``; budget = [cells the tables read may still make, tables
    refused, cells all tables may still expand (twice the first: work on refused tables is
    bounded too)]."""
    def flush():
        text = re.sub(r"[ \t\u00a0]+", " ", "".join(buf)).strip()
        if text:
            out.line(text)
        buf.clear()

    if not isinstance(el.tag, str):
        return
    tag = el.tag.lower()
    if tag == "table":
        flush()
        before = budget[0]
        try:
            rows = _table_rows(el, budget)
        except _GridTooLarge:
            rows = []
            budget[0] = before  # an oversized table is not read; smaller ones after it still are
            budget[1] += 1
        for row in rows:
            out.row(row)
        out.line("")
        if el.tail:
            buf.append(el.tail)
        return
    if tag == "br":
        flush()
    elif tag in _BLOCK:
        flush()
    if el.text:
        buf.append(el.text)
    for child in el:
        _emit(child, out, buf, budget)
    if tag in _BLOCK:
        flush()
    if el.tail:
        buf.append(el.tail)


def read_html(path: str, data: bytes) -> Document:
    try:
        import lxml.html
    except ImportError:
        return _fail(path, "extra", extra="html")
    text, encoding = decode_html(data)
    # control characters (a NUL in the middle of a page) are not allowed in XML strings: lxml
    # would refuse the whole page; each becomes a space (one character for one)
    text = _CHARREF.sub(_safe_charref, _CONTROL.sub(" ", text))
    problems: list[Problem] = []
    try:
        # the HTML parser loads no external entities; no network either, and bounded trees
        parser = lxml.html.HTMLParser(no_network=True, huge_tree=False)
        root = lxml.html.document_fromstring(text, parser=parser)
        if _too_deep(parser):
            # libxml2 stops at 256 levels and drops the rest: the containers that nest so deep
            # carry no text of their own, so they are taken out (blocks become line breaks)
            parser = lxml.html.HTMLParser(no_network=True, huge_tree=False)
            root = lxml.html.document_fromstring(_CONTAINER.sub(_flatten, text), parser=parser)
            problems.append(Problem("GIP012", {"depth": 256}, fatal=False, key="nesting"))
    except Exception:  # noqa: BLE001 - lxml raises ParserError and ValueError for junk
        return _fail(path, "corrupt", reason="网页的内部结构无法解析")
    title_text = ""
    for el in root.iter("h1", "h2", "title"):
        t = re.sub(r"\s+", " ", el.text_content()).strip()
        if _TITLE.search(t):
            title_text = t
            break
    login = _clean(root)
    body = _body(root)
    out = TextBuilder()
    if title_text and title_text not in body.text_content():
        out.line(title_text)
        out.line("")
    buf: list[str] = []
    budget = [MAX_GRID, 0, 2 * MAX_GRID]
    _emit(body, out, buf, budget)
    if budget[1]:
        problems.append(Problem("GIP012", {"limit": f"{MAX_GRID:,}", "count": budget[1]}, fatal=False,
                                key="grid", severity="warning"))
    if buf:
        out.line("".join(buf).strip())
    content = out.text.strip()
    if login and len(content) < 500:
        return _fail(path, "login")
    if not content:
        return Document(path, "", format="html", problems=[Problem("GIP005")])
    return Document(path, out.text, encoding=encoding, format="html", problems=problems)


_CONTAINER = rx.compile(r"</?(div|section|article|main|center|font|span|blockquote|form)\b[^>]*>", re.I)
_INLINE = frozenset(("font", "span"))


def _flatten(m) -> str:
    return "" if m.group(1).lower() in _INLINE else "<br>"


def _too_deep(parser) -> bool:
    """Did libxml2 give up on the nesting depth (and drop what lies deeper)?"""
    return any("depth" in str(e.message).lower() for e in parser.error_log)
