"""Word, web page and PDF input: the same report in every format gives the same findings.

The .docx, .html and .pdf files are made here from one source text (python-docx, a page
with site furniture around the article, reportlab with a CJK font that needs no font file).
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from conftest import CORPUS, GOOD_2021, linter, needs_shared
from docmaker import _group_spans, blocks, filled_template, make_docx

docx = pytest.importorskip("docx", reason="python-docx is not installed")
pytest.importorskip("lxml", reason="lxml is not installed")
pytest.importorskip("pdfplumber", reason="pdfplumber is not installed")
pytest.importorskip("reportlab", reason="reportlab is not installed")

# the clean report with a few defects, so that there is something to find in every format
SOURCE = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日").replace(
    "全年主动公开政府信息412条。", "全年主动公开政府信息412条，其中政策文件6条、通知公告118条、工作动态280条。").replace(
    "| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |", "| （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |")


def make_html(text: str, encoding: str = "gbk", spans: bool = False) -> bytes:
    """A web page of ``text``; ``spans=True`` writes table 三's group labels with rowspan."""
    from html import escape

    body = []
    for kind, value in blocks(text):
        if kind == "p":
            if value.strip():
                body.append(f"<p>{escape(value)}</p>")
        else:
            groups = _group_spans(value) if spans else {}
            rows = "".join("<tr>" + "".join(
                (f"<td rowspan='{groups[r]}'>" if k == 0 and r in groups else "<td>") + f"{escape(c)}</td>"
                for k, c in enumerate(row)) + "</tr>" for r, row in enumerate(value))
            body.append(f"<table border='1'>{rows}</table>")
    page = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>年度报告</title><script>var x = "统计期限为2020年1月1日至2020年6月30日";</script>
<style>.nav {{ color: red }}</style></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 正文</div>
<div class="share">分享到：微信 微博</div>
<div id="main"><div class="article">{''.join(body)}</div></div>
<div class="footer">主办：某某县人民政府办公室 网站标识码：0000000000 ICP备00000000号</div>
</body></html>"""
    return page.encode(encoding)


def make_pdf(text: str, pages_of_filler: int = 0, encrypt: str | None = None, wps: bool = False) -> bytes:
    """A PDF of ``text``; ``wps=True`` draws as WPS and Word export do: a white-filled, unstroked
    rectangle behind every paragraph and white-filled table cells, and table 三's group labels
    as cells merged down their rows."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("n", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName="STSong-Light", fontSize=6, leading=8, wordWrap="CJK")
    story = []
    for kind, value in blocks(text):
        if kind == "p":
            if value.strip() and wps:
                story.append(Table([[Paragraph(value, style)]], colWidths=[450], style=TableStyle([
                    ("BACKGROUND", (0, 0), (-1, -1), colors.white)])))
            elif value.strip():
                story.append(Paragraph(value, style))
        else:
            width = max(len(r) for r in value)
            data = [[Paragraph(c, cell) for c in row] + [""] * (width - len(row)) for row in value]
            if width >= 8:  # table 三: wide label columns, narrow number columns
                widths = [110, 110] + [(450 - 220) / (width - 2)] * (width - 2)
            else:
                widths = [450 / width] * width
            commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 1),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 1)]
            if wps:
                commands.insert(0, ("BACKGROUND", (0, 0), (-1, -1), colors.white))
            story.append(Table(data, colWidths=widths, style=TableStyle(commands)))
    for i in range(pages_of_filler):
        story += [PageBreak(), Paragraph(f"附页{i + 1}", style)]

    def footer(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 20, f"— {doc.page} —")

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, encrypt=encrypt).build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def findings(name: str, data: bytes):
    return linter().lint_bytes(name, data).findings


def essence(found):
    return sorted((f.code, f.message) for f in found)


@pytest.fixture(scope="module")
def txt_findings():
    found = linter().lint_text(SOURCE, "r.txt").findings
    codes = {f.code for f in found}
    assert {"GIP203", "GIP511", "GIP502"} <= codes  # the defects written into SOURCE
    return found


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_same_findings_in_every_format(fmt, txt_findings):
    data = {"docx": make_docx, "html": make_html, "pdf": make_pdf}[fmt](SOURCE)
    assert essence(findings(f"r.{fmt}", data)) == essence(txt_findings)


def test_docx_locations(txt_findings):
    found = findings("r.docx", make_docx(SOURCE))
    period = next(f for f in found if f.code == "GIP203")
    assert period.extra["paragraph"] == 3  # title, empty line, introduction
    cell = next(f for f in found if f.code == "GIP502")
    assert cell.extra["table"] == 2 and cell.extra["row"] > 20 and cell.extra["cell"] >= 1
    data = json.loads(json.dumps([f.as_dict() for f in found]))
    assert any("paragraph" in d for d in data) and any("table" in d for d in data)


def test_wps_style_pdf_gives_the_same_findings_with_cell_locations(txt_findings):
    """White rectangles behind every text line are not table rulings: headings and the period
    sentence stay text, the real tables are read, and findings in them name table, row and cell."""
    result = linter().lint_bytes("r.pdf", make_pdf(SOURCE, wps=True))
    assert essence(result.findings) == essence(txt_findings)
    period = next(f for f in result.findings if f.code == "GIP203")
    assert "table" not in period.extra and not result.text.split("\n")[period.line - 1].startswith("|")
    cell = next(f for f in result.findings if f.code == "GIP502")
    assert cell.extra["page"] >= 1 and cell.extra["table"] >= 1 and cell.extra["row"] > 1 and cell.extra["cell"] >= 1


def test_pdf_locations_and_page_numbers_removed():
    data = make_pdf(SOURCE)
    result = linter().lint_bytes("r.pdf", data)
    assert "— 1 —" not in result.text and "— 2 —" not in result.text
    period = next(f for f in result.findings if f.code == "GIP203")
    assert period.extra == {"page": 1}
    assert all("page" in f.extra for f in result.findings if f.line > 1)


def test_text_format_shows_native_locations(tmp_path, capsys):
    from gipcheck.cli import run

    path = tmp_path / "r.docx"
    path.write_bytes(make_docx(SOURCE))
    run(["--no-plugins", str(path)])
    out = capsys.readouterr().out
    assert "[段落3]" in out and "[表2 第" in out


def test_html_drops_scripts_navigation_and_footer():
    result = linter().lint_bytes("r.html", make_html(SOURCE))
    assert "首页" not in result.text and "分享到" not in result.text and "ICP" not in result.text
    assert "2020年6月30日" not in result.text  # the script's text is not report text
    assert result.text.lstrip().startswith("松阳湾县交通运输局2023年")


def test_html_rowspan_and_colspan():
    from gipcheck.sources.html import read_html

    page = ("<html><body><div><p>" + "正文。" * 20 + "</p><table>"
            "<tr><td rowspan='2'>三、本年度办理结果</td><td>（一）予以公开</td><td>1</td></tr>"
            "<tr><td>（二）部分公开</td><td>2</td></tr>"
            "<tr><td colspan='2'>（七）总计</td><td>3</td></tr></table></div></body></html>").encode("utf-8")
    text = read_html("t.html", page).text
    assert "| 三、本年度办理结果 | （一）予以公开 | 1 |" in text
    assert "|  | （二）部分公开 | 2 |" in text
    assert "| （七）总计 | 3 |" in text


# -- the official template ------------------------------------------------------------------

TEMPLATE = CORPUS / "templates" / "2021-format-template.docx"


@needs_shared
def test_empty_official_template_says_tables_not_filled():
    found = linter().lint_path(str(TEMPLATE)).findings
    assert sorted(f.code for f in found if f.code[3] in "45") == ["GIP411", "GIP411", "GIP411"]


def _filled_template() -> bytes:
    return filled_template()


@needs_shared
def test_filled_official_template_has_no_table_finding():
    found = findings("filled.docx", _filled_template())
    assert [f"{f.code} {f.message}" for f in found if f.code[3] in "45"] == []


# -- bad documents: one clear finding, bounded, no traceback ------------------------------------

def test_doc_renamed_to_docx():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    result = linter().lint_bytes("old.docx", data)
    assert result.unreadable and result.findings[0].code == "GIP010" and ".doc" in result.findings[0].message


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"garbage" * 100])
def test_corrupt_docx(data):
    result = linter().lint_bytes("bad.docx", data)
    assert result.unreadable and result.findings[0].code == "GIP010"


def test_zip_bomb_disguised_as_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    result = linter().lint_bytes("bomb.docx", buf.getvalue())
    assert result.unreadable and "压缩炸弹" in result.findings[0].message


def test_login_page():
    page = ("<html><head><meta charset='utf-8'></head><body><form><input name='u'>"
            "<input type='password' name='p'><button>登录</button></form><p>请登录后查看</p></body></html>")
    result = linter().lint_bytes("login.html", page.encode("utf-8"))
    assert result.unreadable and "登录页面" in result.findings[0].message


def test_scanned_pdf_without_text_layer():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(2):
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    result = linter().lint_bytes("scan.pdf", buf.getvalue())
    assert result.unreadable and result.findings[0].code == "GIP011" and "OCR" in result.findings[0].message


def test_encrypted_pdf():
    """A password-protected PDF says so (not "damaged")."""
    result = linter().lint_bytes("secret.pdf", make_pdf("某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。", encrypt="pw"))
    assert result.unreadable and result.findings[0].code == "GIP010"
    assert result.findings[0].message == "PDF 文件已加密，无法读取；请提供未加密的文件"


def test_corrupt_pdf():
    result = linter().lint_bytes("bad.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50)
    assert result.unreadable and result.findings[0].code in ("GIP010", "GIP011")


def test_long_pdf_is_read_up_to_the_page_limit(monkeypatch):
    import gipcheck.sources.pdf as pdf_source

    monkeypatch.setattr(pdf_source, "MAX_PAGES", 20)
    result = linter().lint_bytes("long.pdf", make_pdf(SOURCE, pages_of_filler=40))
    assert not result.unreadable
    assert [f.message for f in result.findings if f.code == "GIP012"] == ["PDF 共42页，只检查了前20页"]


def test_missing_optional_reader_is_a_clear_message(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_docx(name, *args, **kwargs):
        if name == "docx":
            raise ImportError("no docx")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    result = linter().lint_bytes("r.docx", make_docx("一、总体情况"))
    assert result.unreadable and "gipcheck[docx]" in result.findings[0].message


def test_word_automatic_numbering_is_read():
    """Headings numbered by Word (not typed) read as they print: 一、 二、 …, （一） …"""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        p = document.add_paragraph(text)
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    document.add_paragraph("某局2023年政府信息公开工作年度报告")
    numbered("总体情况", 0)
    numbered("主动公开", 1)
    numbered("依申请公开", 1)
    numbered("主动公开政府信息情况", 0)
    numbered("规章", 1)
    buf = io.BytesIO()
    document.save(buf)
    text = linter().lint_bytes("n.docx", buf.getvalue()).text
    assert [l for l in text.split("\n") if l][1:] == ["一、总体情况", "（一）主动公开", "（二）依申请公开",
                                                       "二、主动公开政府信息情况", "（一）规章"]


DOCUMENT_FORMATS = {"docx": make_docx, "docx-merged": lambda t: make_docx(t, merged=True), "html": make_html,
                    "html-rowspan": lambda t: make_html(t, spans=True), "pdf": make_pdf,
                    "pdf-wps": lambda t: make_pdf(t, wps=True)}


@needs_shared
@pytest.mark.parametrize("fmt", list(DOCUMENT_FORMATS))
@pytest.mark.parametrize("name", ["real-html/pingtan_2021.html", "real-html/pingtan_2022.html",
                                  "real-html/pingtan_2024.html", "real-html/pingtan_2025.html",
                                  "real/126_shanghai-szfbgt_2025.txt", "real/127_shuyang-county_2025.txt"])
def test_real_tables_in_every_document_format(name, fmt):
    """Table 三 of each real 2021-format report, written into a clean report and made into .docx
    (plain and with merged group cells), .html (plain and with rowspan) and .pdf (ruled, and
    WPS-style with white rectangles), is read with the same grid."""
    from test_tables import _table3_of, grid

    from conftest import TABLE3

    text = GOOD_2021.replace(TABLE3, _table3_of(CORPUS / name))
    want = grid(text, "t3")
    result = linter().lint_bytes(f"r.{fmt.split('-')[0]}", DOCUMENT_FORMATS[fmt](text))
    assert grid(result.text, "t3") == want


def make_two_column_pdf(paragraphs: list[str]) -> bytes:
    """A PDF whose pages set the text in two columns (as some bulletins print reports)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("n", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4)
    w, h = A4
    half = (w - 100) / 2
    doc.addPageTemplates([PageTemplate(frames=[Frame(40, 40, half, h - 80, id="l"),
                                               Frame(60 + half, 40, half, h - 80, id="r")])])
    doc.build([Paragraph(p, style) for p in paragraphs])
    return buf.getvalue()


def test_two_column_pdf_is_read_column_by_column():
    """Lines read straight across two columns interleave them and break every bracket; the
    reader finds the gutter and reads the left column, then the right."""
    paras = [f"（{i}）我局认真落实《中华人民共和国政府信息公开条例》（以下简称《条例》），全年主动公开政府信息"
             f"{i * 3}条（其中政策文件{i}条），办理依申请公开{i}件。" for i in range(1, 40)]
    result = linter().lint_bytes("r.pdf", make_two_column_pdf(paras))
    assert [f for f in result.findings if f.code == "GIP602"] == []
    flat = result.text.replace("\n", "")
    assert all(p in flat for p in paras)


def test_pdf_running_head_naming_the_report_gives_its_year():
    """A page header "…2023年政府信息公开工作年度报告" repeated on every page is kept once: it may be
    the only place that names the year (the running feet are still dropped)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("n", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")

    def head(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 30, "松阳湾县交通运输局2023年政府信息公开工作年度报告")

    story = [Paragraph("一、总体情况", style), Paragraph("我局认真落实《条例》各项要求。", style), PageBreak(),
             Paragraph("二、主动公开政府信息情况", style), Paragraph("全年主动公开政府信息412条。", style), PageBreak(),
             Paragraph("三、收到和处理政府信息公开申请情况", style), Paragraph("全年未收到申请。", style)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story, onFirstPage=head, onLaterPages=head)
    result = linter().lint_bytes("r.pdf", buf.getvalue())
    assert result.text.count("2023年政府信息公开工作年度报告") == 1
    assert result.year == 2023


@needs_shared
@pytest.mark.parametrize("fmt", list(DOCUMENT_FORMATS))
@pytest.mark.parametrize("name", ["real-html/pingtan_2022.html", "real/127_shuyang-county_2025.txt"])
def test_real_tables_2_and_4_in_every_document_format(name, fmt):
    """Tables 二 (blocks with their own headers) and 四 (two header rows over one row of 15
    numbers) of real reports, in every document format, read with the same grid."""
    from test_tables import _tables_2_and_4_of, grid

    from conftest import TABLE2, TABLE4

    t2, t4 = _tables_2_and_4_of(CORPUS / name)
    text = GOOD_2021.replace(TABLE2, t2).replace(TABLE4, t4)
    want2, want4 = grid(text, "t2"), grid(text, "t4")
    assert want2 and all(v is not None for v in want2.values()) and all(v is not None for v in want4.values())
    result = linter().lint_bytes(f"r.{fmt.split('-')[0]}", DOCUMENT_FORMATS[fmt](text))
    assert (grid(result.text, "t2"), grid(result.text, "t4")) == (want2, want4)


@pytest.mark.parametrize("start, ilvl", [("98", "0"), ("x", "0"), ("1", "y")])
def test_word_numbering_past_ninety_nine_or_damaged_is_still_read(start, ilvl):
    """A Chinese-counting list past 九十九, or numbering attributes that are not numbers, must
    not make the document unreadable: what can be numbered is numbered."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    document.add_paragraph("某局2023年政府信息公开工作年度报告")
    for text in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "其他需要报告的事项"):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="91"/></w:numPr>'))
    buf = io.BytesIO()
    document.save(buf)
    result = linter().lint_bytes("n.docx", buf.getvalue())
    assert not result.unreadable and "其他需要报告的事项" in result.text
    if start == "98":
        assert [l for l in result.text.split("\n") if l][1:3] == ["九十八、总体情况", "九十九、主动公开政府信息情况"]
        assert "一百、收到和处理政府信息公开申请情况" in result.text
