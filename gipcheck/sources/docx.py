"""Word (.docx) reports, read with python-docx (the ``docx`` extra).

Paragraphs become lines; tables become pipe rows ("| a | b |") with merged cells collapsed:
a cell that python-docx repeats for a horizontal merge is left out, one repeated for a
vertical merge is left empty. Every line remembers its paragraph or table/row number.
"""

from __future__ import annotations

import io
import zipfile

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
    except zipfile.BadZipFile:
        return _fail(path, "corrupt", reason="不是有效的 .docx（zip）文件")
    return None


def _cell_text(cell) -> str:
    # "商业\n企业" in one cell is one label
    return "".join(p.text.strip() for p in cell.paragraphs).replace("\u3000", " ").strip()


def read_docx(path: str, data: bytes) -> Document:
    bad = _check_zip(path, data)
    if bad is not None:
        return bad
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        return _fail(path, "extra", extra="docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for damaged files
        return _fail(path, "corrupt", reason=f"{type(exc).__name__}")
    out = TextBuilder()
    paragraph_no = 0
    table_no = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            text = Paragraph(child, document).text.strip()
            out.line(text, {"paragraph": paragraph_no} if text else None)
        elif tag == "tbl":
            table_no += 1
            table = Table(child, document)
            above: list = []
            for r, row in enumerate(table.rows, 1):
                cells, tcs = [], []
                prev = None
                for i, cell in enumerate(row.cells):
                    tc = cell._tc
                    if tc is prev:
                        continue  # the same cell again: a horizontal merge
                    prev = tc
                    vertical = i < len(above) and above[i] is tc
                    cells.append("" if vertical else _cell_text(cell))
                    tcs.append(tc)
                above = [c._tc for c in row.cells]
                out.row(cells, {"table": table_no, "row": r})
            out.line("")
    return Document(path, out.text, encoding="docx", format="docx", segments=out.segments)
