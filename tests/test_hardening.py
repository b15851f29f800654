"""Hostile input: absurd numbers never crash a rule (groundwork of the hardening issue)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GOOD_2021, linter

ROW = "| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
SENT = "全年主动公开政府信息412条。"


@pytest.mark.parametrize("text", [
    GOOD_2021.replace(ROW, "| （一）予以公开 | " + "9" * 5000 + " | 1 | 0 | 0 | 0 | 0 | 6 |"),  # > int-string limit
    GOOD_2021.replace(ROW, "| （一）予以公开 | " + "9" * 400 + ".5 | 1 | 0 | 0 | 0 | 0 | 6 |"),  # > float range
    GOOD_2021.replace(SENT, "全年主动公开政府信息" + "9" * 320 + ".5条，其中规章1条，占" + "9" * 320 + "%。"),
    GOOD_2021.replace(SENT, "全年主动公开政府信息412条，其中规章1条，占" + "9" * 400 + "%，规范性文件占" + "9" * 400 + "%。"),
    GOOD_2021.replace(SENT, "全年主动公开政府信息" + "9" * 5000 + "条。"),
    GOOD_2021.replace(SENT, "全年收到政府信息公开申请" + "9" * 4743 + "件，上年结转" + "9" * 5000 + "件，均已办结。"),
], ids=["cell-5000-digits", "cell-beyond-float", "prose-320-digits", "shares-400-digits", "prose-5000-digits",
        "restated-table-figures-5000-digits"])
def test_absurd_numbers_are_not_crashes(text):
    assert text != GOOD_2021
    findings = linter().lint_text(text).findings
    assert not [f for f in findings if f.code == "GIP009"], [f.message for f in findings if f.code == "GIP009"]
    cells = [f for f in findings if f.code == "GIP404"]
    if "| （一）予以公开 | 9999" in text:  # a cell: said to be too long to be a count, not "not a number"
        assert [f.message for f in cells] and all("位，超出任何件数或金额的范围" in f.message for f in cells)


def test_a_gb18030_file_cut_inside_a_character_is_read_as_gb18030():
    """One bad byte at the end (a file cut inside a character): the encoding that explains all
    but a few bytes is chosen, the damage is reported where it is, and the rest is checked."""
    data = GOOD_2021.encode("gb18030") + b"\x81"
    result = linter().lint_bytes("r.txt", data)
    codes = [f.code for f in result.findings]
    assert "GIP006" not in codes and "GIP003" in codes
    (bad,) = [f for f in result.findings if f.code == "GIP003"]
    assert "gb18030" in bad.message and bad.line == GOOD_2021.count("\n") + 1
    assert result.text.startswith(GOOD_2021.split("\n")[0])


def test_repeated_paragraph_rule_handles_long_and_many_paragraphs():
    """GIP603 compares a paragraph only with the earlier ones that share its 4-grams, and long
    paragraphs by their 4-grams: two 40,000-character paragraphs and a thousand near-identical
    ones are still found (scripts/bench_growth.py times them)."""
    import random

    from gipcheck.engine import Linter

    rng = random.Random(7)
    chars = "政府信息公开工作年度报告主动依申请办理答复结转复议诉讼平台网站栏目制度"
    head = "某县统计局2023年政府信息公开工作年度报告\n一、总体情况\n"
    long = "".join(rng.choice(chars) for _ in range(40000))
    linter = Linter(select=["GIP603"])
    found = linter.lint_text(head + long + "。\n" + long[:-3] + "改动了。\n", "a.txt").findings
    assert [f.message for f in found] == ["这一段与第3行的段落几乎相同"]
    base = "".join(rng.choice(chars) for _ in range(100))
    paragraphs = [base[:50] + rng.choice(chars) + base[51:] + "。" for _ in range(1000)]
    found = linter.lint_text(head + "\n".join(paragraphs), "b.txt").findings
    assert len(found) >= 900  # every paragraph but the first repeats one before it


def test_links_out_of_the_folder_are_not_followed(tmp_path):
    """A symbolic link in a folder to a file elsewhere is skipped (and said); --follow-links reads it."""
    import subprocess
    import sys

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("某县统计局2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息10条。\n",
                                  encoding="utf-8")
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("不是报告", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "inner.txt").symlink_to(folder / "a.txt")  # inside the folder: read
    env = {**__import__("os").environ, "GIPCHECK_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-m", "gipcheck", "-f", "concise", str(folder)], capture_output=True,
                         text=True, env=env, timeout=120)
    assert "link.txt" not in run.stdout and "inner.txt" in run.stdout
    assert "跳过 1 个指向目录外的符号链接" in run.stderr and "--follow-links" in run.stderr
    run = subprocess.run([sys.executable, "-m", "gipcheck", "-f", "concise", "--follow-links", str(folder)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert "link.txt" in run.stdout and "符号链接" not in run.stderr


@pytest.mark.parametrize("delay", [0.3, 0.6, 1.0])
def test_ctrl_c_at_any_moment_is_one_line(tmp_path, delay):
    """SIGINT during start-up (imports) or during the run: exit 130 (or done already), one line,
    no traceback."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from conftest import EXAMPLES

    command = Path(sys.executable).parent / "gipcheck"  # the installed command, as users run it
    if not command.exists():
        pytest.skip("the gipcheck command is not installed beside this Python")
    proc = subprocess.Popen([str(command), "--no-cache", str(EXAMPLES)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    # 130: interrupted; 1: done before the signal (findings); -SIGINT: the signal came while the
    # interpreter was finishing, after gipcheck's work, when Python has put back the default action
    assert proc.returncode in (130, 1, -signal.SIGINT), (proc.returncode, err)
    if proc.returncode == 130:
        assert err.strip().splitlines()[-1] == "gipcheck: 已中断 (interrupted)"


def _docx_table(rows: int, cols: int, setup) -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("某县统计局2023年政府信息公开工作年度报告")
    t = d.add_table(rows=rows, cols=cols)
    setup(t)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_word_tables_are_read_in_one_pass():
    """A 200 × 10 table of vertically merged cells (python-docx's row.cells took 36 s: quadratic)
    and a cell spanning 10⁸ columns (a list that long): the grid is tracked by column position,
    and an impossible span is refused at once (GIP010)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from gipcheck.engine import Linter

    def merged(t):
        t.cell(0, 0).text = "合并"
        for r in t.rows[1:]:
            for c in r.cells:
                c._tc.get_or_add_tcPr().append(OxmlElement("w:vMerge"))

    def wide(t):
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), "100000000")
        t.rows[0].cells[0]._tc.get_or_add_tcPr().append(span)

    linter = Linter()
    result = linter.lint_bytes("v.docx", _docx_table(200, 10, merged))
    assert not result.unreadable
    rows = [line for line in result.text.split("\n") if line.startswith("|")]
    assert len(rows) == 200 and rows[0].startswith("| 合并 |") and rows[1] == "|  |  |  |  |  |  |  |  |  |  |"
    result = linter.lint_bytes("g.docx", _docx_table(1, 1, wide))
    assert result.unreadable and result.findings[0].code == "GIP010" and "跨 100000000 列" in result.findings[0].message


def test_docx_whose_zip_lies_about_sizes_is_refused():
    """An entry that declares 10 bytes and unpacks to 300 MB: read no further than the truth
    allows — refused (GIP010), never unpacked into memory."""
    import io
    import struct
    import zipfile

    from conftest import GOOD_2021
    from docmaker import make_docx
    from gipcheck.engine import Linter

    data = make_docx(GOOD_2021)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/big.bin", b"\0" * (300 * 1024 * 1024))
    raw = bytearray(buf.getvalue())
    name = raw.find(b"word/media/big.bin")
    struct.pack_into("<I", raw, raw.rfind(b"PK\x03\x04", 0, name) + 22, 10)  # local header
    entry = raw.rfind(b"word/media/big.bin")
    struct.pack_into("<I", raw, raw.rfind(b"PK\x01\x02", 0, entry) + 24, 10)  # central directory
    result = Linter(max_size=50 * 1024 * 1024).lint_bytes("lie.docx", bytes(raw))
    assert result.unreadable and result.findings[0].code == "GIP010"


@pytest.mark.parametrize("depth", [300, 5000])
def test_web_page_nested_past_the_parsers_limit_is_read(depth):
    """libxml2 drops what lies deeper than 256 levels: such a page was read as empty. The
    containers are taken out and the report read, with a note (GIP012)."""
    from html import escape

    from conftest import GOOD_2021
    from gipcheck.engine import Linter

    body = "".join(f"<p>{escape(line)}</p>" for line in GOOD_2021.split("\n") if line.strip() and "|" not in line)
    page = ("<html><head><meta charset='utf-8'><title>r</title></head><body>" + "<div>" * depth + body
            + "</div>" * depth + "</body></html>")
    shallow = ("<html><head><meta charset='utf-8'><title>r</title></head><body>" + "<div>" * 50 + body
               + "</div>" * 50 + "</body></html>")
    deep = Linter().lint_bytes("deep.html", page.encode("utf-8"))
    flat = Linter().lint_bytes("flat.html", shallow.encode("utf-8"))
    assert not deep.unreadable and deep.text == flat.text and "统计期限" in deep.text
    assert [f.code for f in deep.findings if f.code.startswith("GIP0")] == ["GIP012"]
    assert "嵌套超过256层" in next(f.message for f in deep.findings if f.code == "GIP012")


def _sentence_ends_by_characters(text: str, start: int, end: int) -> list[int]:
    """The definition of sentence ends, visiting every character (the fast version visits only
    the marks)."""
    from gipcheck.facts.sentences import CLOSING_MARKS, in_address

    cuts, depth, i = [], 0, start
    while i < end:
        ch = text[i]
        if ch in "《“":
            depth += 1
        elif ch in "》”" and depth:
            depth -= 1
        if ch == "。" and not (i + 1 < end and text[i - 1:i].isascii() and text[i - 1].isalnum()
                              and text[i + 1].isascii() and text[i + 1].isalnum()) \
                or ch in "！？!?" and depth == 0 and not in_address(text, i, end):
            j = i + 1
            while j < end and text[j] in CLOSING_MARKS:
                j += 1
            cuts.append(j)
            depth = 0
            i = j
            continue
        i += 1
    return cuts


@given(st.text(alphabet="。！？!?《》“”）a1.\n 政", max_size=40), st.data())
@settings(max_examples=400, deadline=None, database=None)
def test_sentence_ends_visit_only_the_marks(text, data):
    from gipcheck.facts.sentences import sentence_ends

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_ends(text, start, end) == _sentence_ends_by_characters(text, start, end)


@given(st.text(alphabet=" \t\n\u3000\u00a0ab１２,。", max_size=60), st.integers(0, 5), st.sampled_from([3, 7, 1 << 18]))
@settings(max_examples=300, deadline=None, database=None)
def test_squeeze_maps_every_kept_character_back(text, base, chunk):
    """squeeze builds its offsets chunk by chunk with C-level iterators: every kept character
    maps back to where it was, whatever the chunk size."""
    import gipcheck.textutil as textutil
    from gipcheck.textutil import fold, squeeze

    saved = textutil._CHUNK
    textutil._CHUNK = chunk
    try:
        q = squeeze(text, base)
    finally:
        textutil._CHUNK = saved
    folded = fold(text)
    kept = [i for i, ch in enumerate(folded) if not ch.isspace()]
    assert q.text == "".join(folded[i] for i in kept)
    assert [q.source_offset(j) for j in range(len(kept))] == [base + i for i in kept]


@pytest.mark.parametrize("where", ["title", "body", "table", "end"])
def test_lone_surrogates_from_an_editor_are_no_crash(where):
    """Text handed over as a str (the language server, the API) may hold lone surrogates, which no
    encoder accepts: they are read as U+FFFD at the same place, never a GIP009."""
    bad = "\ud800x\udc00"
    text = {"title": bad + GOOD_2021, "body": GOOD_2021.replace(SENT, SENT + bad),
            "table": GOOD_2021.replace(ROW, ROW.replace(" 5 ", " 5" + bad + " ")), "end": GOOD_2021 + bad}[where]
    result = linter().lint_text(text)
    assert not [f for f in result.findings if f.code == "GIP009"], [f.message for f in result.findings]
    assert {f.code for f in linter().lint_text(GOOD_2021).findings} <= {f.code for f in result.findings} | {"GIP404"}


def test_thousands_of_doubled_words_take_linear_time():
    """A fragment repeated 50,000 times makes as many doublings (GIP605): each unit is looked up
    once in the report, not counted again for every doubling (47 s before, quadratic)."""
    import time

    text = GOOD_2021.replace(SENT, "全年主动公开" + "信息的" * 50_000 + "412条。")
    start = time.perf_counter()
    found = linter().lint_text(text).findings
    assert time.perf_counter() - start < 20  # (about 0.4 s; the bound only catches the quadratic)
    assert [f for f in found if f.code == "GIP605"]


def test_pdf_stream_decoding_is_bounded_and_otherwise_the_same():
    """What pdfminer sees as zlib: the same bytes as zlib for ordinary streams, zlib's own error
    for a truncated one (pdfminer then reads what it can), and a stop at the limit for a stream
    that unpacks to more — without unpacking it."""
    import zlib

    from gipcheck.sources import pdf

    bounded = pdf._BoundedZlib(zlib)
    data = bytes(range(256)) * 1000
    packed = zlib.compress(data)
    bomb = zlib.compress(b"\0" * (pdf.MAX_STREAM + 1))
    assert bounded.decompress(bomb) == b"\0" * (pdf.MAX_STREAM + 1)  # outside read_pdf: plain zlib
    pdf._budget.left, pdf._budget.active = pdf.MAX_DECODED, True
    try:
        assert bounded.decompress(packed) == data
        with pytest.raises(zlib.error):
            bounded.decompress(packed[: len(packed) // 2])
        with pytest.raises(pdf._TooLarge):
            bounded.decompress(bomb)
    finally:
        pdf._budget.active = False


def _lzw_codes(draw_code, count: int) -> bytes:
    """A valid LZW code stream (clear first; the table grows by one per code after the first,
    widths 9 to 12 bits with early change, as PDF writes them)."""
    bits, nbits, size, first = [], 9, 258, True

    def put(code):
        bits.append(format(code, f"0{nbits}b"))

    put(256)
    for _ in range(count):
        code = draw_code(min(size, 4095))
        if first and code >= 256:
            code %= 256
        put(code)
        if first:
            first = False
            continue
        size += 1
        nbits = 12 if size >= 2047 else 11 if size >= 1023 else 10 if size >= 511 else 9
    text = "".join(bits)
    text += "0" * (-len(text) % 8)
    return int(text, 2).to_bytes(len(text) // 8, "big") if text else b""


@given(st.data(), st.integers(0, 3000))
@settings(max_examples=60, deadline=None, database=None)
def test_pdf_lzw_decodes_as_pdfminer_does(data, count):
    """gipcheck's LZW decoder (linear, bounded) gives pdfminer's bytes for any valid stream."""
    from pdfminer.lzw import lzwdecode

    from gipcheck.sources import pdf

    def code(top):
        c = data.draw(st.integers(0, top))
        return c if c not in (256, 257) else 65
    stream = _lzw_codes(code, count)
    pdf._budget.left, pdf._budget.active = pdf.MAX_DECODED, True
    try:
        assert pdf._lzw(lzwdecode)(stream) == lzwdecode(stream)
    finally:
        pdf._budget.active = False


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None, database=None)
def test_pdf_run_length_and_damaged_flate_decode_as_pdfminer_does(raw):
    """RunLengthDecode and the reader of damaged Flate streams give pdfminer's bytes (or fail
    where pdfminer fails), in linear time."""
    import zlib

    from pdfminer.pdftypes import decompress_corrupted
    from pdfminer.runlength import rldecode

    from gipcheck.sources import pdf

    def outcome(fn, arg):
        try:
            return fn(arg)
        except Exception:  # noqa: BLE001 - both must fail alike, whatever the kind
            return "error"
    packed = zlib.compress(raw * 50)
    damaged = packed[:-2] + bytes([packed[-2] ^ 0xFF, packed[-1]])  # a bad checksum byte
    pdf._budget.left, pdf._budget.active = pdf.MAX_DECODED, True
    try:
        assert outcome(pdf._run_length(rldecode), raw) == outcome(rldecode, raw)
        for blob in (damaged, packed[: len(packed) // 2], packed):
            assert outcome(pdf._salvage(decompress_corrupted), blob) == outcome(decompress_corrupted, blob)
    finally:
        pdf._budget.active = False


@pytest.mark.parametrize("kind", ["forms", "lzw", "truncated-flate", "run-length", "predictor"])
def test_pdf_decoding_tricks_are_bounded(kind):
    """Streams that defeated the first limits (found in review): forms drawing forms twice, 30
    deep; LZW of 60,000 codes; a truncated 30 MB Flate stream (pdfminer's byte-wise reader is
    quadratic); RunLength under Flate (a list of ints); a PNG predictor of 10^9 columns."""
    import zlib

    from gipcheck.sources.pdf import read_pdf
    from gipcheck.testing import pdf_raw

    lines = "某县统计局2023年政府信息公开工作年度报告\n一、总体情况\n正文。"
    base = pdf_raw(lines)
    page = {
        "lzw": (_lzw_codes(lambda top: top, 60_000), b"/Filter /LZWDecode"),
        "truncated-flate": (b"".join([zlib.compressobj(9).compress(b" " * (30 << 20))]) or b"", b"/Filter /FlateDecode"),
        "run-length": (zlib.compress(b"\x81 " * 600_000 + b"\x80", 9), b"/Filter [/FlateDecode /RunLengthDecode]"),
        "predictor": (zlib.compress(b"\x00 "), b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1000000000 >>"),
    }
    if kind == "forms":
        data = _forms_pdf(30)
    else:
        body, params = page[kind]
        data = _with_page(base, body, params)
    start = time.perf_counter()
    doc = read_pdf("x.pdf", data)
    assert time.perf_counter() - start < 30  # (each well under a second; before: minutes to days)
    assert doc.problems or doc.text  # an answer, not a hang or a crash


def _with_page(pdf_bytes: bytes, body: bytes, params: bytes) -> bytes:
    """A second page whose content stream is ``body`` under ``params`` (/Filter …)."""
    import re as _re

    objs = dict((int(k), v) for k, v in _re.findall(rb"(\d+) 0 obj\n(.*?)\nendobj\n", pdf_bytes, _re.S))
    top = max(objs)
    page, content = top + 1, top + 2
    objs[content] = b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(body), params, body)
    objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                  b" /Contents %d 0 R >>" % content)
    objs[2] = _re.sub(rb"/Kids \[(.*?)\] /Count (\d+)", lambda m: b"/Kids [%s %d 0 R] /Count %d" % (
        m.group(1), page, int(m.group(2)) + 1), objs[2])
    return _assemble(objs)


def _forms_pdf(depth: int) -> bytes:
    """One page drawing a form that draws the next form twice, ``depth`` deep (2^depth figures)."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 10 0 R >> >>"
               b" /Contents 4 0 R >>"}
    draw = b"/X Do /X Do"
    objs[4] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw)
    for d in range(depth):
        content = draw if d < depth - 1 else b"q Q"
        res = b"/Resources << /XObject << /X %d 0 R >> >>" % (11 + d) if d < depth - 1 else b""
        objs[10 + d] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] %s /Length %d >>\nstream\n%s\nendstream"
                        % (res, len(content), content))
    return _assemble(objs)


def _assemble(objs: dict) -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (k, objs[k])
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k] if k in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


@pytest.mark.parametrize("junk", ["\x1b", "\x00", "&#27;", "&#x0;", "&#0000;", "&#xFFFF;"])
def test_web_page_with_control_characters_is_read(junk):
    """lxml refuses control characters in its strings (a NUL after a removed <script> made the
    whole page "unreadable", GIP001): written raw or as references, they are read as spaces."""
    page = ("<html><head><meta charset='utf-8'></head><body><script>x</script>" + junk
            + "<p>某县统计局2023年政府信息公开工作年度报告</p><p>一、总体情况" + junk + "正文&#x4e00;</p></body></html>")
    result = linter().lint_bytes("p.html", page.encode("utf-8"))
    assert not result.unreadable and "一、总体情况 正文一" in result.text
    assert not [f for f in result.findings if f.code in ("GIP001", "GIP009")]


def test_a_skipped_pdf_page_is_reported_where_it_was():
    """A damaged page 2 is reported at the line where page 3 begins in the text view, tagged as
    page 2 (it was at line 1, tagged as page 1)."""
    from gipcheck.sources.pdf import read_pdf
    from gipcheck.testing import pdf_raw
    from gipcheck.textutil import LineIndex

    body = "\n".join(line for line in GOOD_2021.split("\n") if not line.startswith("|"))
    doc = read_pdf("r.pdf", pdf_raw(body, extra="filter", at=2, pages=1))
    (problem,) = [p for p in doc.problems if p.code == "GIP012"]
    lines = LineIndex(doc.text)
    assert problem.where == {"page": 2} and problem.line > 2
    assert doc.native(lines.offset(problem.line, 1))["page"] == 3
    assert doc.native(lines.offset(problem.line - 1, 1))["page"] == 1
    found = linter().lint_bytes("r.pdf", pdf_raw(body, extra="filter", at=2, pages=1)).findings
    (finding,) = [f for f in found if f.code == "GIP012"]
    assert finding.line == problem.line and finding.extra["page"] == 2


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(st.text(alphabet="甲乙丙丁ab12", min_size=1, max_size=30), max_size=30),
       limit=st.integers(0, 120), probes=st.lists(st.text(alphabet="甲乙丙丁ab12", min_size=1, max_size=4), max_size=5))
def test_repeated_paragraph_search_and_index_agree(paragraphs, limit, probes):
    """GIP603 finds the earlier paragraphs holding a 4-gram by searching their joined text while
    it is short and through an index past a limit: both answer the same, at every step. (With
    limit 0 the index is used from the first paragraph on: the rule as it was before the search.)"""
    from gipcheck.checks.text.GIP603_repeated_paragraph import _anchor, _grams, _Index

    searched, indexed, switching = _Index(searched_up_to=10**9), _Index(searched_up_to=0), _Index(limit)
    for i, norm in enumerate(paragraphs):
        grams = _grams(norm)
        anchor = _anchor(grams)
        for gram in (anchor, *grams, *probes):
            want = list(indexed.holders(gram))
            assert list(searched.holders(gram)) == want == list(switching.holders(gram)), (gram, i)
        got = [list(ix.candidates(norm, grams, anchor)) for ix in (searched, indexed, switching)]
        assert got[0] == got[1] == got[2]
        for ix in (searched, indexed, switching):
            ix.add(norm, i, i + 1, grams, anchor)


def test_an_oversized_web_table_does_not_stop_the_tables_after_it():
    """A table that expands past the page's cell limit is not read (GIP012 says how many); the
    tables after it still are, while the work spent on refused tables stays bounded (twice the
    limit in all)."""
    from gipcheck.sources.html import read_html

    huge = "<table><tr>" + "<td colspan=50 rowspan=200>1</td>" * 21 + "</tr></table>"
    small = "<table><tr><td>（七）总计</td><td>9</td></tr></table>"
    page = f"<html><body><p>一、总体情况</p>{huge}{small}{huge * 30}{small}</body></html>".encode()
    start = time.perf_counter()
    doc = read_html("r.html", page)
    took = time.perf_counter() - start
    # the small table after the first oversized one is read; after thirty more the work allowed
    # for the page is spent, and the last small table is refused with them
    assert doc.text.count("（七）总计") == 1 and took < 5
    grid = [p for p in doc.problems if p.key == "grid"]
    assert len(grid) == 1 and grid[0].args["count"] == 32
