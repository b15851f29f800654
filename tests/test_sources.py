"""Reading bytes: encodings, line endings, and bad input."""

from __future__ import annotations

import codecs

import pytest

from conftest import GOOD_2021, linter
from gipcheck.sources.text import decode, read_text

BROKEN_PERIOD = GOOD_2021.replace("为2023年1月1日至2023年12月31日", "为202311日至20231231日")
PERIOD_LINE = next(i for i, l in enumerate(BROKEN_PERIOD.split("\n"), 1) if "统计期限" in l)


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
    ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
])
def test_encodings_give_the_same_findings(encoding, bom):
    data = bom + BROKEN_PERIOD.encode(encoding)
    doc = read_text("r.txt", data)
    assert not doc.problems
    assert doc.text == BROKEN_PERIOD
    result = linter().lint_bytes("r.txt", data)
    assert [(f.code, f.line, f.column) for f in result.findings] == \
        [(f.code, f.line, f.column) for f in linter().lint_text(BROKEN_PERIOD, "r.txt").findings]
    assert any(f.code == "GIP205" and f.line == PERIOD_LINE for f in result.findings)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings(newline):
    data = BROKEN_PERIOD.replace("\n", newline).encode("utf-8")
    found = linter().lint_bytes("r.txt", data).findings
    assert [(f.line, f.column) for f in found if f.code == "GIP205"] == \
        [(f.line, f.column) for f in linter().lint_text(BROKEN_PERIOD).findings if f.code == "GIP205"]


def test_invalid_bytes_are_reported_where_they_start():
    raw = BROKEN_PERIOD.encode("utf-8")
    cut = raw.index("一、总体情况".encode("utf-8"))
    data = raw[:cut] + b"\xff\xfe\x80" + raw[cut:]
    result = linter().lint_bytes("r.txt", data)
    bad = [f for f in result.findings if f.code == "GIP003"]
    assert len(bad) == 1 and bad[0].severity == "warning"
    assert bad[0].line == BROKEN_PERIOD[:BROKEN_PERIOD.index("一、总体情况")].count("\n") + 1
    assert not result.unreadable
    assert any(f.code == "GIP205" for f in result.findings)  # the rest was still checked


@pytest.mark.parametrize("data,code", [
    (b"", "GIP005"), (b"  \n\r\n\t ", "GIP005"), (bytes(range(256)) * 20, "GIP002"),
    (b"PK\x03\x04" + b"\x00" * 200, "GIP002"), (b"\x89PNG\r\n\x1a\n" + bytes(300), "GIP002"),
])
def test_unusable_input(data, code):
    result = linter().lint_bytes("r.txt", data)
    assert result.unreadable
    assert [f.code for f in result.findings] == [code]
    assert result.findings[0].severity == "error"


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (2 * 1024 * 1024))
    result = linter(max_size=1024 * 1024).lint_path(str(path))
    assert [f.code for f in result.findings] == ["GIP004"] and result.unreadable
    assert "2.0 MB" in result.findings[0].message


def test_unsupported_format():
    result = linter().lint_bytes("report.xls", b"abc")
    assert [f.code for f in result.findings] == ["GIP008"]
    assert ".xls" in result.findings[0].message


def test_missing_file_is_unreadable(tmp_path):
    result = linter().lint_path(str(tmp_path / "nope.txt"))
    assert result.unreadable and result.findings[0].code == "GIP001"


def test_decode_prefers_utf8_and_falls_back_to_gb18030():
    assert decode("统计期限".encode("utf-8"))[1] == "utf-8"
    assert decode("统计期限".encode("gb18030"))[1] == "gb18030"


def test_traditional_marks_never_occur_in_simplified_text():
    """Every character that marks a Traditional-character report changes under conversion."""
    import opencc

    from gipcheck.textutil import _TRADITIONAL

    t2s = opencc.OpenCC("t2s").convert
    assert [ch for ch in _TRADITIONAL if t2s(ch) == ch] == []
