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

MAX_PAGES = 300
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


def _gutter(page) -> float | None:
    """The x of the empty band between two columns of text, or None for a one-column page.

    Lines read across a two-column page interleave the columns ("…公开条 息54条（其中…"),
    which breaks every sentence and bracket; a band in the middle third that no line crosses,
    with most lines on either side of it, is a gutter."""
    try:
        lines = page.extract_text_lines(layout=False, strip=True)
        words = page.extract_words()
    except Exception:  # noqa: BLE001 - an odd page: read it as one column
        return None
    if len(lines) < 10 or not words:
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


def read_pdf(path: str, data: bytes) -> Document:
    try:
        import pdfplumber
    except ImportError:
        return _fail(path, "extra", extra="pdf")
    import logging

    # pdfminer's English warnings ("CropBox missing…") must not reach the user's terminal
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged or encrypted files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
            return _fail(path, "encrypted")
        return _fail(path, "corrupt", reason="PDF 的内部结构无法解析")
    problems: list[Problem] = []
    try:
        if len(pages) > MAX_PAGES:
            problems.append(Problem("GIP012", {"pages": len(pages), "limit": MAX_PAGES}, fatal=False))
            pages = pages[:MAX_PAGES]
        blocks: list[tuple[int, list[tuple[float, str, list[str] | None]]]] = []
        chars = 0
        for number, page in enumerate(pages, 1):
            items: list[tuple[float, str, list[str] | None]] = []
            try:
                page = page.filter(_visible)  # only what shows makes rulings
                tables = page.find_tables()
            except Exception:  # noqa: BLE001 - a page whose drawing cannot be analysed: text only
                tables = []
            rest = page
            for t in tables:
                rows = _rows(t)
                if rows is None:
                    continue  # a one-column grid of prose is text
                items.append((t.bbox[1], "", rows))
                try:
                    rest = rest.outside_bbox(t.bbox)
                except ValueError:
                    pass
            gutter = _gutter(rest)
            parts = [rest] if gutter is None else [rest.crop((rest.bbox[0], rest.bbox[1], gutter, rest.bbox[3])),
                                                   rest.crop((gutter, rest.bbox[1], rest.bbox[2], rest.bbox[3]))]
            for k, part in enumerate(parts):
                for line in part.extract_text_lines(layout=False, strip=True):
                    text = line["text"].strip()
                    chars += len(text)
                    # a two-column page is read column by column: the right column after the left
                    items.append((line["top"], text, None, k))
            items.sort(key=lambda it: (it[3] if len(it) > 3 else 0, it[0]))
            items = [it[:3] for it in items]
            blocks.append((number, items))
        if chars < 20 and not any(it[2] for _, items in blocks for it in items):
            return Document(path, "", format="pdf", problems=[Problem("GIP011", {"pages": len(pages)})])
        # lines repeated on most pages (running heads and feet) are not report text
        heights = {n: p.height for n, p in enumerate(pages, 1)}
        edge = Counter()
        for number, items in blocks:
            for top, text, rows in items:
                if rows is None and (top < 60 or top > heights[number] - 60) and len(text) <= 40:
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
