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
import threading
from collections import Counter
from dataclasses import replace

from .. import rx
from . import Document, Problem, TextBuilder

MAX_PAGES = 200  # annual reports run to 5-60 pages; 200 table-laden pages read in about 17 s
_PAGE_NO = rx.compile(r"^[—\-–－]?\s*\d{1,4}\s*[—\-–－]?$|^第\s*\d+\s*页(?:\s*[,，/共]\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")


_REPORT_HEAD = rx.compile(r"(?:19|20)\d{2}\s*年度?.{0,30}(?:年度报告|年报)")


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


_budget = threading.local()  # per thread: .active (inside read_pdf) and .left
_GUARD_LOCK = threading.Lock()


def _active() -> bool:
    """The limits apply only while gipcheck reads a PDF on this thread: any other user of
    pdfminer in the same process (a host application, a plugin) decodes as pdfminer does."""
    return getattr(_budget, "active", False)


def _spend(n: int) -> None:
    if not _active():
        return
    left = getattr(_budget, "left", MAX_DECODED) - n
    _budget.left = left
    if left < 0:
        raise _TooLarge()


class _BoundedInflater:
    """zlib.decompressobj whose output is counted against the stream and document limits."""

    def __init__(self, zlib, *args):
        self._d = zlib.decompressobj(*args)
        self.total = 0

    def decompress(self, data, max_length=0):
        room = MAX_STREAM - self.total + 1
        out = self._d.decompress(data, min(room, max_length) if max_length else room)
        self.total += len(out)
        _spend(len(out))
        if self.total > MAX_STREAM or (self._d.unconsumed_tail and not max_length):
            raise _TooLarge()
        return out

    def __getattr__(self, name):
        return getattr(self._d, name)


class _BoundedZlib:
    """What pdfminer sees as ``zlib``: decompression that stops at the limits instead of
    unpacking a 1 GB stream from a 1 MB file (plain zlib outside gipcheck's reading)."""

    def __init__(self, zlib):
        self._zlib = zlib
        self.error = zlib.error

    def decompress(self, data, *args):
        if not _active():
            return self._zlib.decompress(data, *args)
        d = _BoundedInflater(self._zlib, *args[:1])  # (wbits; the buffer size needs no passing)
        out = d.decompress(data)
        if not d.eof:  # a truncated stream: pdfminer falls back to its reader of damaged streams
            raise self._zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args):
        return _BoundedInflater(self._zlib, *args) if _active() else self._zlib.decompressobj(*args)

    def __getattr__(self, name):
        return getattr(self._zlib, name)


def _salvage(original):
    """pdfminer's reader of a damaged Flate stream (what decompresses before the damage; an
    error when the damage is before the last 3 bytes, its checksum), in linear time: pdfminer
    feeds one byte at a time and concatenates bytes, quadratic in the output."""
    def salvage(data: bytes) -> bytes:
        if not _active():
            return original(data)
        import zlib

        d = _BoundedInflater(zlib)
        parts: list[bytes] = []
        i, n = 0, len(data)
        while i < n:
            chunk = data[i:i + 4096]
            saved, total = d._d.copy(), d.total
            try:
                parts.append(d.decompress(chunk))
                i += len(chunk)
                continue
            except zlib.error:
                d._d, d.total = saved, total
            for j in range(len(chunk)):  # find the byte where it fails
                try:
                    parts.append(d.decompress(chunk[j:j + 1]))
                except zlib.error:
                    if i + j < n - 3:
                        raise
                    return b"".join(parts)
            i += len(chunk)
        return b"".join(parts)
    return salvage


def _lzw(original):
    """LZW as pdfminer decodes it (codes of 9 to 12 bits, early change), in linear time and
    stopping at the limits: pdfminer's decoder lets its table grow past the 4,096 codes that can
    be read and formats the table for a debug message at every code (quadratic)."""
    def decode(data: bytes) -> bytes:
        if not _active():
            return original(data)
        out = bytearray()
        table: list[bytes] = [bytes((c,)) for c in range(256)] + [b"", b""]
        prev = b""
        nbits, buf, have = 9, 0, 0
        for byte in data:
            buf = (buf << 8) | byte
            have += 8
            while have >= nbits:
                have -= nbits
                code = (buf >> have) & ((1 << nbits) - 1)
                buf &= (1 << have) - 1
                if code == 256:
                    del table[258:]
                    prev, nbits = b"", 9
                    continue
                if code == 257:
                    continue
                if not prev:
                    if code >= len(table) or not table[code]:
                        return bytes(out)
                    x = table[code]
                else:
                    if code < len(table):
                        x = table[code]
                        entry = prev + x[:1]
                    elif code == len(table):
                        x = entry = prev + prev[:1]
                    else:
                        return bytes(out)  # corrupt: stop there, as pdfminer does
                    if len(table) < 4096:
                        table.append(entry)
                    size = len(table)
                    if size >= 2047:
                        nbits = 12
                    elif size >= 1023:
                        nbits = 11
                    elif size >= 511:
                        nbits = 10
                out += x
                prev = x
                if len(out) > MAX_STREAM:
                    raise _TooLarge()
        _spend(len(out))
        return bytes(out)
    return decode


def _run_length(original):
    """RunLengthDecode into bytes (pdfminer builds a list of ints, eight bytes for each byte
    decoded), stopping at the limits."""
    def decode(data: bytes) -> bytes:
        if not _active():
            return original(data)
        out = bytearray()
        i, n = 0, len(data)
        while i < n:
            length = data[i]
            i += 1
            if length == 128:
                break
            if length < 128:
                if i + length + 1 > n:
                    raise ValueError("truncated run-length data")
                out += data[i:i + length + 1]
                i += length + 1
            else:
                if i >= n:
                    raise ValueError("truncated run-length data")
                out += data[i:i + 1] * (257 - length)
                i += 1
            if len(out) > MAX_STREAM:
                raise _TooLarge()
        _spend(len(out))
        return bytes(out)
    return decode


_PREDICTED = 4 << 20  # predictors run a Python loop over every byte: no more than this


def _predictor(original):
    """PNG and TIFF predictors refuse a row wider than the data (``/Columns`` is the file's
    word, and pdfminer allocates a row before reading any) and data past 4 MB."""
    def apply(*args):
        if not _active():
            return original(*args)
        colors, columns, bits, data = args[-4:]
        try:
            row = int(colors) * int(columns) * int(bits) // 8
        except (TypeError, ValueError):
            raise ValueError("predictor parameters are not numbers") from None
        if row > len(data) + 8:
            raise ValueError("a predictor row wider than the stream")  # a damaged page
        if len(data) > _PREDICTED:
            raise _TooLarge()
        return original(*args)
    return apply


def _install_guards() -> None:
    """Bound pdfminer's stream decoding (once per process; the limits act only in read_pdf)."""
    import zlib

    from pdfminer import pdftypes

    with _GUARD_LOCK:
        if isinstance(pdftypes.zlib, _BoundedZlib):
            return
        pdftypes.decompress_corrupted = _salvage(pdftypes.decompress_corrupted)
        pdftypes.lzwdecode = _lzw(pdftypes.lzwdecode)
        pdftypes.rldecode = _run_length(pdftypes.rldecode)
        pdftypes.apply_png_predictor = _predictor(pdftypes.apply_png_predictor)
        pdftypes.apply_tiff_predictor = _predictor(pdftypes.apply_tiff_predictor)
        pdftypes.zlib = _BoundedZlib(zlib)  # last: it marks the guards as installed


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

            def begin_figure(self, *args, **kwargs):
                # a form drawn (a form that draws another twice, forty deep, is 2^40 figures)
                self._one()
                return super().begin_figure(*args, **kwargs)

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
    _budget.active = True
    try:
        return _read(path, data, pdfplumber)
    finally:
        _budget.active = False


def _read(path: str, data: bytes, pdfplumber) -> Document:
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
        first_line: dict[int, int] = {}  # page → the line of the text view where it begins
        for number, items in blocks:
            first_line[number] = len(out.parts) + 1
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
    # a page's problem points at where the page's text begins (or would have), with its page
    problems = [replace(p, line=first_line.get(p.args["page"], 1), where={"page": p.args["page"]})
                if "page" in p.args else p for p in problems]
    return Document(path, out.text, encoding="pdf", format="pdf", problems=problems, segments=out.segments)
