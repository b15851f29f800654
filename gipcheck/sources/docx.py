"""Word (.docx) reports, read with python-docx (the ``docx`` extra).

Paragraphs become lines; tables become pipe rows ("| a | b |") with merged cells collapsed:
a cell that python-docx repeats for a horizontal merge is left out, one repeated for a
vertical merge is left empty. Every line remembers its paragraph or table/row number.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from . import Document, Problem, TextBuilder

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and encrypted .docx
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200


def _fail(path: str, key: str, **args) -> Document:
    return Document(path, "", format="docx", problems=[Problem("GIP010", args, key=key)])


def _check_zip(path: str, data: bytes) -> Document | None:
    if data.startswith(OLE_MAGIC):
        return _fail(path, "doc")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_UNPACKED or total / packed > MAX_RATIO:
                return _fail(path, "bomb", size=f"{total / 1024 / 1024:.0f} MB")
            if "word/document.xml" not in z.namelist():
                return _fail(path, "corrupt", reason="缺少 word/document.xml")
            # the sizes the zip directory declares may lie: count what each entry really unpacks
            # to, and stop at the limit (python-docx would read it all into memory)
            real = 0
            for info in infos:
                with z.open(info) as fh:
                    while True:
                        chunk = fh.read(1 << 20)
                        if not chunk:
                            break
                        real += len(chunk)
                        if real > MAX_UNPACKED or real / packed > MAX_RATIO and real > (16 << 20):
                            return _fail(path, "bomb", size=f"> {real / 1024 / 1024:.0f} MB")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        return _fail(path, "corrupt", reason="不是有效的 .docx（zip）文件")
    except (ValueError, zlib.error):  # a directory pointing outside the file, damaged compressed data
        return _fail(path, "corrupt", reason=".docx（zip）文件中的数据已损坏")
    except RuntimeError:  # an entry protected by a password
        return _fail(path, "doc")
    return None


def _cell_text(cell) -> str:
    # "商业\n企业" in one cell is one label
    return "".join(p.text.strip() for p in cell.paragraphs).replace("\u3000", " ").strip()


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 45 → 四十五, 100 → 一百, 105 → 一百零五; beyond 999 (or below 0) the
    digits (a list that long is not a heading series)."""
    if n < 0 or n > 999:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN[rest] if rest < 10 else
                                 (_CN[rest // 10] + "十" + (_CN[rest % 10] if rest % 10 else "")))
    return _CN[n // 100] + "百" + tail


def _int(value, default: int) -> int:
    """A number attribute of numbering.xml (w:start, w:ilvl), or ``default`` when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class Numbering:
    """Word's automatic numbering ("一、" "（一）" "1." that are not in the paragraph's text),
    rebuilt from numbering.xml so that numbered headings read as they print."""

    def __init__(self, document):
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part: nothing is numbered
            return
        abstract = {}
        for an in root.iter(W + "abstractNum"):
            lv = {}
            for lvl in an.iter(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                lv[lvl.get(W + "ilvl")] = (fmt.get(W + "val") if fmt is not None else "decimal",
                                           text.get(W + "val") if text is not None else "",
                                           _int(start.get(W + "val"), 1) if start is not None else 1)
            abstract[an.get(W + "abstractNumId")] = lv
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(W + "val"), {}).items():
                    self.levels[(num.get(W + "numId"), ilvl)] = spec

    def marker(self, paragraph) -> str:
        """The paragraph's number as printed; "" when it has none or its numbering cannot be
        read (a damaged numbering never makes the document unreadable)."""
        try:
            return self._marker(paragraph)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return ""

    def _marker(self, paragraph) -> str:
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return ""
        num_id = str(numpr.numId.val)
        ilvl = str(numpr.ilvl.val) if numpr.ilvl is not None else "0"
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        level = _int(ilvl, 0)
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        counters[level] = counters.get(level, spec[2] - 1) + 1
        text = spec[1]
        for k in range(level + 1):
            fmt = self.levels.get((num_id, str(k)), ("decimal", "", 1))[0]
            n = counters.get(k, 1)
            value = _chinese(n) if fmt.startswith(("chinese", "ideograph", "japanese")) else str(n)
            text = text.replace(f"%{k + 1}", value)
        return text if "%" not in text else ""


def walk_body(document):
    """The body as gipcheck reads it, shared by the reader and the annotator (gipcheck/annotate.py):
    ``("p", number, paragraph, line, shift)`` for a paragraph, where ``line`` is the text view's
    line (automatic number + stripped text, "" for an empty paragraph) and the character at column
    ``c`` of ``line`` is ``paragraph.text[c - shift]``; ``("row", table number, row number, texts,
    tcs)`` for a table row, one text and one ``w:tc`` per cell of the pipe row (a horizontally
    merged cell once; a vertically merged cell repeated below is "" but keeps its ``w:tc``); and
    ``("end", table number)`` after a table."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = Numbering(document)
    paragraph_no = 0
    table_no = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            paragraph = Paragraph(child, document)
            full = paragraph.text
            text = full.strip()
            shift = 0
            if text:
                marker = numbering.marker(paragraph)
                shift = len(marker) - (len(full) - len(full.lstrip()))
                text = marker + text
            yield ("p", paragraph_no, paragraph, text, shift)
        elif tag == "tbl":
            table_no += 1
            table = Table(child, document)
            for r, (texts, cells) in enumerate(_grid_rows(child, table), 1):
                yield ("row", table_no, r, texts, cells)
            yield ("end", table_no)


class TableTooLarge(ValueError):
    """A table whose declared structure no Word document has (a cell spanning 10⁸ columns)."""


MAX_GRID_SPAN = 64  # Word allows 63 columns in a table
MAX_TABLE_CELLS = 200_000


def _grid_rows(tbl, table):
    """(texts, cells) of every row of a ``w:tbl``, read from the XML in one pass: one entry per
    ``w:tc`` (a horizontally merged cell once), a vertically merged continuation "" with the cell
    it continues (so a comment lands in the merged cell). python-docx's ``row.cells`` expands every
    span and looks up every vertical merge through the rows above — quadratic, and a ``gridSpan``
    of 10⁸ makes a list that long — so the grid is tracked here by column position instead."""
    from docx.table import _Cell

    top: dict[int, object] = {}  # grid column → the cell a vertical merge there continues
    count = 0
    for tr in tbl.iterchildren(W + "tr"):
        texts, cells = [], []
        trpr = tr.find(W + "trPr")
        before = trpr.find(W + "gridBefore") if trpr is not None else None
        g = _int(before.get(W + "val"), 0) if before is not None else 0
        for tc in tr.iterchildren(W + "tc"):
            count += 1
            if count > MAX_TABLE_CELLS:
                raise TableTooLarge(f"超过 {MAX_TABLE_CELLS} 个单元格")
            tcpr = tc.find(W + "tcPr")
            span_el = tcpr.find(W + "gridSpan") if tcpr is not None else None
            span = _int(span_el.get(W + "val"), 1) if span_el is not None else 1
            if span > MAX_GRID_SPAN or g > 10 * MAX_GRID_SPAN:
                raise TableTooLarge(f"一个单元格跨 {span} 列")
            span = max(span, 1)
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            continues = vmerge is not None and vmerge.get(W + "val") in (None, "continue")
            if continues and g in top:
                texts.append("")
                cells.append(top[g])
            else:
                cell = _Cell(tc, table)
                texts.append(_cell_text(cell))
                cells.append(cell)
                for k in range(g, g + span):
                    top[k] = cell
            g += span
        yield texts, cells


def read_docx(path: str, data: bytes) -> Document:
    bad = _check_zip(path, data)
    if bad is not None:
        return bad
    try:
        import docx
    except ImportError:
        return _fail(path, "extra", extra="docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for damaged files
        return _fail(path, "corrupt", reason="Word 文档的内部结构无法解析")
    out = TextBuilder()
    if getattr(document.element, "body", None) is None:  # a main part that is not a Word body
        return _fail(path, "corrupt", reason="Word 文档没有正文部分（w:body）")
    try:
        items = list(walk_body(document))
    except TableTooLarge as exc:
        return _fail(path, "table", reason=str(exc))
    for item in items:
        if item[0] == "p":
            _, number, _, text, _ = item
            out.line(text, {"paragraph": number} if text else None)
        elif item[0] == "row":
            _, table_no, r, cells, _ = item
            out.row(cells, {"table": table_no, "row": r})
        else:
            out.line("")
    return Document(path, out.text, encoding="docx", format="docx", segments=out.segments)
