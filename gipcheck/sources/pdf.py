"""PDF reports, read with pdfplumber (the ``pdf`` extra).

Each page's text layer is read line by line; tables (found from their ruling lines, as
Word and WPS export them) are rebuilt as pipe rows, with a label broken over lines inside a
cell joined again. Page headers, footers and page numbers ("- 3 -", "— 3 —", "第3页") are
dropped: lines matching a page-number pattern, and short lines repeated at the top or
bottom of most pages. Every line remembers its page. A PDF without a text layer (a scan)
cannot be checked without OCR and says so.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from . import Document, Problem, TextBuilder

MAX_PAGES = 200  # annual reports run to 5-60 pages; 200 table-laden pages read in about 17 s
_PAGE_NO = re.compile(r"^[—\-–－]?\s*\d{1,4}\s*[—\-–－]?$|^第\s*\d+\s*页(?:\s*[,，/共]\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")


_REPORT_HEAD = re.compile(r"(?:19|20)\d{2}\s*年度?.{0,30}(?:年度报告|年报)")


def _fail(path: str, key: str, **args) -> Document:
    return Document(path, "", format="pdf", problems=[Problem("GIP010", args, key=key)])


def _cell(text) -> str:
    return re.sub(r"\s+", "", text or "")


def _white(color) -> bool:
    """A colour that does not show on white paper: white in grey, RGB or CMYK."""
    if color is None:
        return True
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(values) == 1:
        return values[0] >= 0.95
    if len(values) == 3:
        return min(values) >= 0.95
    if len(values) == 4:
        return max(values) <= 0.05
    return False


def _visible(obj) -> bool:
    """Keep every object but the drawing that does not show: WPS and Word draw a white-filled,
    unstroked rectangle behind text lines, whose edges pdfplumber would take as table rulings."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    stroked = obj.get("stroke") and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _gutter(page, lines) -> float | None:
    """The x of the empty band between two columns of text, or None for a one-column page.

    Lines read across a two-column page interleave the columns ("…公开条 息54条（其中…"),
    which breaks every sentence and bracket; a band in the middle third that no line crosses,
    with most lines on either side of it, is a gutter."""
    if len(lines) < 10:
        return None
    try:
        words = page.extract_words()
    except Exception:  # noqa: BLE001 - an odd page: read it as one column
        return None
    if not words:
        return None
    x0, x1 = page.bbox[0], page.bbox[2]
    width = x1 - x0
    lo, hi = int(x0 + width * 0.3), int(x0 + width * 0.7)
    covered = [0] * (hi - lo)
    for w in words:
        for x in range(max(lo, int(w["x0"])), min(hi, int(w["x1"]) + 1)):
            covered[x - lo] += 1
    best, run, start = None, 0, 0
    for i, c in enumerate(covered):
        if c <= max(1, len(words) // 200):
            run += 1
            if run >= 6 and (best is None or run > best[1]):
                best = (start, run)
        else:
            run, start = 0, i + 1
    if best is None:
        return None
    gutter = lo + best[0] + best[1] / 2
    left = sum(1 for w in words if w["x1"] <= gutter)
    right = sum(1 for w in words if w["x0"] >= gutter)
    if min(left, right) < len(words) * 0.25:
        return None
    return gutter


def _rows(table) -> list[list[str]] | None:
    """A table's rows without the cells merged cells leave empty (None), or None for a grid that
    is not a table: one column of prose."""
    rows = [[_cell(c) for c in row if c is not None] for row in table.extract()]
    rows = [r for r in rows if any(r)]
    if not rows or max(len(r) for r in rows) < 2:
        return None
    return rows


# Limits that keep a hostile PDF's cost bounded (issue 14). A stream is decoded up to
# MAX_STREAM bytes and all the streams of a document up to MAX_DECODED; a page whose drawing
# holds more than MAX_OBJECTS characters, paths and images is not read; with more than
# MAX_GRAPHICS lines and rectangles no table is looked for on it (its text is still read).
MAX_STREAM = 32 << 20
MAX_DECODED = 192 << 20
MAX_OBJECTS = 60_000
MAX_GRAPHICS = 6_000


class _TooLarge(Exception):
    """A stream that decodes to more than the limits allow."""


class _TooMany(Exception):
    """A page with more drawing objects than MAX_OBJECTS."""


_budget = __import__("threading").local()


def _spend(n: int) -> None:
    left = getattr(_budget, "left", MAX_DECODED) - n
    _budget.left = left
    if left < 0:
        raise _TooLarge()


class _BoundedInflater:
    """zlib.decompressobj whose output is counted against the stream and document limits."""

    def __init__(self, zlib, *args):
        self._d = zlib.decompressobj(*args)
        self._zlib = zlib
        self.total = 0

    def decompress(self, data, max_length=0):
        out = self._d.decompress(data, MAX_STREAM - self.total + 1)
        self.total += len(out)
        _spend(len(out))
        if self.total > MAX_STREAM or (self._d.unconsumed_tail and not max_length):
            raise _TooLarge()
        return out

    def __getattr__(self, name):
        return getattr(self._d, name)


class _BoundedZlib:
    """What pdfminer sees as ``zlib``: decompression that stops at the limits instead of
    unpacking a 1 GB stream from a 1 MB file."""

    def __init__(self, zlib):
        self._zlib = zlib
        self.error = zlib.error

    def decompress(self, data, *args):
        d = _BoundedInflater(self._zlib, *args[:1])  # (wbits; the buffer size needs no passing)
        out = d.decompress(data)
        if not d.eof:  # a truncated stream: pdfminer falls back to its own byte-wise reader
            raise self._zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args):
        return _BoundedInflater(self._zlib, *args)

    def __getattr__(self, name):
        return getattr(self._zlib, name)


def _bounded_lzw(lzwdecode):
    def decode(data: bytes) -> bytes:
        out = lzwdecode(data)
        _spend(len(out))
        if len(out) > MAX_STREAM:
            raise _TooLarge()
        return out
    return decode


def _install_guards() -> None:
    """Bound pdfminer's stream decoding (once per process)."""
    import zlib

    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib(zlib)
        pdftypes.lzwdecode = _bounded_lzw(pdftypes.lzwdecode)


_DEVICE = None


def _counting_device():
    """pdfplumber's page device, counting what the page draws and stopping at MAX_OBJECTS."""
    global _DEVICE
    if _DEVICE is None:
        from pdfplumber.page import PDFPageAggregatorWithMarkedContent

        class Counting(PDFPageAggregatorWithMarkedContent):
            count = 0
            graphics = 0

            def _one(self) -> None:
                self.count += 1
                if self.count > MAX_OBJECTS:
                    raise _TooMany()

            def paint_path(self, *args, **kwargs):
                self._one()
                self.graphics += 1
                return super().paint_path(*args, **kwargs)

            def render_char(self, *args, **kwargs):
                self._one()
                return super().render_char(*args, **kwargs)

            def render_image(self, *args, **kwargs):
                self._one()
                return super().render_image(*args, **kwargs)

        _DEVICE = Counting
    return _DEVICE


def _lay_out(page) -> int:
    """Interpret ``page`` with the counting device and hand the layout to pdfplumber (which
    would otherwise interpret the page itself, without limits). Returns the paths drawn."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = _counting_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()
    return device.graphics


def _cause(exc: BaseException) -> BaseException:
    """The limit behind an exception pdfplumber wrapped (PdfminerException(e))."""
    seen = 0
    while seen < 5 and not isinstance(exc, (_TooLarge, _TooMany)):
        inner = exc.__cause__ or exc.__context__ or (exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None)
        if inner is None:
            break
        exc, seen = inner, seen + 1
    return exc


def _read_page(page, number: int, problems: list[Problem]) -> list[tuple[float, str, list[str] | None]]:
    """The lines and tables of one page, top to bottom (left column before right)."""
    items: list = []
    graphics = _lay_out(page)
    tables = []
    if graphics > MAX_GRAPHICS:
        problems.append(Problem("GIP012", {"page": number, "count": f"{graphics:,}", "limit": f"{MAX_GRAPHICS:,}"},
                                fatal=False, key="graphics"))
    else:
        try:
            visible = page.filter(_visible)  # only what shows makes rulings
            tables = visible.find_tables()
        except (_TooLarge, _TooMany):
            raise
        except Exception:  # noqa: BLE001 - a page whose drawing cannot be analysed: text only
            tables = []
    rest = page
    for t in tables:
        rows = _rows(t)
        if rows is None:
            continue  # a one-column grid of prose is text
        items.append((t.bbox[1], "", rows, 0))
        try:
            rest = rest.outside_bbox(t.bbox)
        except ValueError:
            pass
    lines = rest.extract_text_lines(layout=False, strip=True)
    gutter = _gutter(rest, lines)
    columns = [lines] if gutter is None else [
        part.extract_text_lines(layout=False, strip=True)
        for part in (rest.crop((rest.bbox[0], rest.bbox[1], gutter, rest.bbox[3])),
                     rest.crop((gutter, rest.bbox[1], rest.bbox[2], rest.bbox[3])))]
    for k, column in enumerate(columns):
        for line in column:
            # a two-column page is read column by column: the right column after the left
            items.append((line["top"], line["text"].strip(), None, k))
    items.sort(key=lambda it: (it[3], it[0]))
    return [it[:3] for it in items]


def _page_problem(number: int, exc: BaseException) -> Problem:
    exc = _cause(exc)
    if isinstance(exc, _TooMany):
        return Problem("GIP012", {"page": number, "limit": f"{MAX_OBJECTS:,}"}, fatal=False, key="objects",
                       severity="warning")
    if isinstance(exc, _TooLarge):
        reason = f"内容解压后超过 {MAX_STREAM >> 20} MB"
    else:
        reason = "页面内容无法解析"
    return Problem("GIP012", {"page": number, "reason": reason}, fatal=False, key="page", severity="warning")


def read_pdf(path: str, data: bytes) -> Document:
    try:
        import pdfplumber
    except ImportError:
        return _fail(path, "extra", extra="pdf")
    import logging

    # pdfminer's English warnings ("CropBox missing…") must not reach the user's terminal
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _install_guards()
    _budget.left = MAX_DECODED
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged or encrypted files
        name = type(exc).__name__
        inner = _cause(exc)
        if isinstance(inner, _TooLarge):
            return _fail(path, "bomb", size=f"超过 {MAX_STREAM >> 20} MB")
        if "Password" in name or "Encrypt" in name or "password" in str(exc).lower() or \
                "Password" in type(inner).__name__ or "Encrypt" in type(inner).__name__:
            return _fail(path, "encrypted")
        return _fail(path, "corrupt", reason="PDF 的内部结构无法解析")
    problems: list[Problem] = []
    try:
        if len(pages) > MAX_PAGES:
            problems.append(Problem("GIP012", {"pages": len(pages), "limit": MAX_PAGES}, fatal=False))
            pages = pages[:MAX_PAGES]
        blocks: list[tuple[int, list[tuple[float, str, list[str] | None]]]] = []
        heights: dict[int, float] = {}
        chars = 0
        bad = 0
        # pages are read one at a time and their objects dropped at once: memory stays that of
        # one page, whatever the length of the document
        for number, page in enumerate(pages, 1):
            try:
                heights[number] = float(page.height)
                items = _read_page(page, number, problems)
            except Exception as exc:  # noqa: BLE001 - one damaged page: report it, read the others
                problems.append(_page_problem(number, exc))
                bad += 1
                items = []
            finally:
                page.close()
                page.__dict__.pop("_layout", None)
            chars += sum(len(t) for _, t, rows in items if rows is None)
            blocks.append((number, items))
        if bad and bad == len(pages):
            return Document(path, "", format="pdf", problems=[Problem(
                "GIP010", {"reason": "没有一页能够读取"}, key="corrupt")] + problems)
        if chars < 20 and not any(it[2] for _, items in blocks for it in items):
            if bad:  # not a scan: what could be read is empty, the rest is damaged
                return Document(path, "", format="pdf", problems=[Problem(
                    "GIP010", {"reason": "能读取的页上没有文字，其余页无法读取"}, key="corrupt")] + problems)
            return Document(path, "", format="pdf", problems=[Problem("GIP011", {"pages": len(pages)})])
        # lines repeated on most pages (running heads and feet) are not report text
        edge = Counter()
        for number, items in blocks:
            for top, text, rows in items:
                if rows is None and (top < 60 or top > heights.get(number, 842) - 60) and len(text) <= 40:
                    edge[re.sub(r"\d+", "#", text)] += 1
        running = {t for t, n in edge.items() if n >= max(2, len(blocks) // 2)}
        out = TextBuilder()
        table_no = 0
        kept: set[str] = set()
        for number, items in blocks:
            for _top, text, rows in items:
                if rows is not None:
                    table_no += 1
                    for r, row in enumerate(rows, 1):
                        out.row(row, {"page": number, "table": table_no, "row": r})
                    out.line("")
                    continue
                shape = re.sub(r"\d+", "#", text)
                if _PAGE_NO.match(text):
                    continue
                if shape in running:
                    # a running head that names the report ("某局2023年政府信息公开工作年度报告")
                    # is kept once: it may be the only place that gives the report year
                    if shape in kept or not _REPORT_HEAD.search(text):
                        continue
                    kept.add(shape)
                out.line(text, {"page": number})
    finally:
        pdf.close()
    return Document(path, out.text, encoding="pdf", format="pdf", problems=problems, segments=out.segments)
