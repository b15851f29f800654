"""Word documents for the tests: a report text as a .docx (python-docx), and the official 2021
template filled with numbers. Shared by tests/test_formats.py and tests/test_staff.py."""

from __future__ import annotations

import io

import docx

from conftest import CORPUS
from gipcheck.testing import group_spans as _group_spans
from gipcheck.testing import text_blocks as blocks

TEMPLATE = CORPUS / "templates" / "2021-format-template.docx"


def make_docx(text: str, merged: bool = False) -> bytes:
    """A .docx of ``text``; ``merged=True`` merges table 三's group labels down their rows, as
    the official template does."""
    document = docx.Document()
    for kind, value in blocks(text):
        if kind == "p":
            document.add_paragraph(value)
        else:
            width = max(len(r) for r in value)
            table = document.add_table(rows=len(value), cols=width)
            spans = _group_spans(value) if merged else {}
            inside = {j for i, n in spans.items() for j in range(i + 1, i + n)}
            for r, row in enumerate(value):
                shift = 1 if r in inside else 0
                for c, cell in enumerate(row):
                    table.cell(r, c + shift).text = cell
            for r, n in spans.items():
                table.cell(r, 0).merge(table.cell(r + n - 1, 0))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def filled_template(table3: dict[str, list[str]] | None = None) -> bytes:
    """The official 2021 template (../shared/corpus/templates) with a consistent set of numbers
    (tables 三 and 四 of the clean report); ``table3`` replaces rows of table 三 by label
    ({"一、本年新收政府信息公开申请数量": ["8", …, "22"]}) to make it defective."""
    from conftest import TABLE3, TABLE4

    document = docx.Document(str(TEMPLATE))
    t2, t3, t4 = document.tables
    for row in t2.rows:
        cells = row.cells
        if cells[0].text.strip() in ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"):
            for c in cells[1:]:
                if c.text.strip() in ("", "\u3000", "\u3000\u3000"):
                    c.text = "0"
    values = {}
    for line in TABLE3.strip().split("\n")[1:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        values[cells[-8]] = cells[-7:]
    values.update(table3 or {})
    for row in t3.rows:
        unique = []
        for c in row.cells:
            if not unique or unique[-1]._tc is not c._tc:
                unique.append(c)
        label = next((v for v in (c.text.strip() for c in unique) if v in values), None)
        if label:
            for c, v in zip(unique[-7:], values[label]):
                c.text = v
    numbers = TABLE4.strip().split("\n")[-1].strip().strip("|").split("|")
    for c, v in zip(t4.rows[-1].cells, numbers):
        c.text = v.strip()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
