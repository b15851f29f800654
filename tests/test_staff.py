"""For agency staff: the Word copy with review comments (--annotate), the HTML report (-f html)
and the local web page (gipcheck serve), tested for real.

The Word copies are reopened with python-docx and converted to PDF by LibreOffice headless (when
``soffice`` is installed; .ci/run installs it); the HTML report and the web page are driven in
Debian's Chromium by Playwright (``executable_path=/usr/bin/chromium``); ``gipcheck serve`` runs
as a real process on a free loopback port. Every test checks that its input files keep their
bytes and modification times.

Screenshots go to a temporary folder; with ``GIPCHECK_SCREENSHOTS=docs/images`` they are copied
there (``scripts/screenshots.sh`` makes the pictures of docs/staff.md this way).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import GOOD_2021, ROOT, needs_shared

docx = pytest.importorskip("docx", reason="python-docx is not installed")

from docmaker import TEMPLATE, filled_template, make_docx  # noqa: E402 - after the importorskip
from gipcheck.annotate import annotate_docx  # noqa: E402
from gipcheck.checks.base import Finding  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# the clean report with defects: a row total that is not the sum of its row (and so table 三
# does not balance), a statistics period that ends early, and no contact line
ROW_NEW = "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 0 | 0 | 0 | 0 | 9 |"
DEFECTIVE = (GOOD_2021.replace(ROW_NEW, ROW_NEW.replace("| 9 |", "| 22 |"))
             .replace("至2023年12月31日", "至2023年11月20日"))
assert DEFECTIVE.count("| 22 |") == 1 and "11月20日" in DEFECTIVE


def gipcheck(*args, cwd=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gipcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, "GIPCHECK_NO_CACHE": "1"})


def stamp(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def shots_dir(tmp_path: Path) -> Path:
    return tmp_path


def keep_shot(path: Path) -> None:
    """Copy a screenshot into $GIPCHECK_SCREENSHOTS (the docs' pictures) when set."""
    target = os.environ.get("GIPCHECK_SCREENSHOTS")
    if target:
        folder = Path(target)
        if not folder.is_absolute():
            folder = ROOT / folder
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)


@pytest.fixture
def report_docx(tmp_path) -> Path:
    path = tmp_path / "某县交通运输局2023年报告.docx"
    path.write_bytes(make_docx(DEFECTIVE, merged=True))
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return path


# -- reading the copies back ------------------------------------------------------------------------

def comments_of(data: bytes) -> dict[int, str]:
    document = docx.Document(io.BytesIO(data))
    return {c.comment_id: c.text for c in document.comments}


def anchors(data: bytes) -> dict[int, dict]:
    """Where each comment's range is: {id: {"text": the anchored text, "cell": the text of the
    table cell it is in (or None), "paragraph": the paragraph's text}}."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        from lxml import etree

        root = etree.fromstring(z.read("word/document.xml"))
    out = {}
    for start in root.iter(W + "commentRangeStart"):
        cid = int(start.get(W + "id"))
        paragraph = start.getparent()
        while paragraph is not None and paragraph.tag != W + "p":
            paragraph = paragraph.getparent()
        texts, inside = [], False
        for el in paragraph.iter():
            if el.tag == W + "commentRangeStart" and int(el.get(W + "id")) == cid:
                inside = True
            elif el.tag == W + "commentRangeEnd" and int(el.get(W + "id")) == cid:
                inside = False
            elif el.tag == W + "t" and inside:
                texts.append(el.text or "")
        cell = paragraph.getparent()
        cell_text = None
        if cell is not None and cell.tag == W + "tc":
            cell_text = "".join(t.text or "" for t in cell.iter(W + "t"))
        out[cid] = {"text": "".join(texts), "cell": cell_text,
                    "paragraph": "".join(t.text or "" for t in paragraph.iter(W + "t"))}
    return out


def by_code(data: bytes) -> dict[str, list[dict]]:
    """{code: [anchor, …]} from the comments' first line ("【错误】GIP503 …")."""
    found: dict[str, list[dict]] = {}
    spots = anchors(data)
    for cid, text in comments_of(data).items():
        code = re.search(r"GIP\d{3}", text).group()
        found.setdefault(code, []).append({**spots[cid], "comment": text})
    return found


# -- the annotated Word copy ------------------------------------------------------------------------

def test_annotated_copy_has_a_comment_per_finding_at_its_place(tmp_path, report_docx):
    before = stamp(report_docx)
    out = tmp_path / "审查意见.docx"
    run = gipcheck(report_docx, "--annotate", out, "-f", "json")
    assert run.returncode == 1, run.stderr
    assert "已写入批注副本" in run.stderr and "条批注" in run.stderr
    findings = json.loads(run.stdout)
    data = out.read_bytes()
    comments = comments_of(data)
    assert len(comments) == len(findings) >= 3
    assert {docx.Document(io.BytesIO(data)).comments.get(i).author for i in comments} == {"gipcheck"}
    found = by_code(data)
    # the row total: the comment sits in the cell that holds 22, and says what is wrong and why
    (row_total,) = found["GIP503"]
    assert row_total["cell"] == "22" and row_total["text"] == "22"
    assert "【错误】GIP503" in row_total["comment"] and "总计为22" in row_total["comment"]
    assert "要求：" in row_total["comment"] and "相关单元格" in row_total["comment"]
    # the failed balance: at a cell of table 三, the sums written out
    balance = found["GIP501"]
    assert all(b["cell"] is not None for b in balance)
    assert any("计算：" in b["comment"] and "≠" in b["comment"] for b in balance)
    # the early end of the period: anchored on the run of the sentence that says it
    period = [a for code, spots in found.items() if code.startswith("GIP2") for a in spots]
    assert period and any("11月20日" in a["text"] for a in period)
    assert before == stamp(report_docx)  # the input is never written


def test_copy_keeps_every_other_part_byte_for_byte(tmp_path, report_docx):
    from gipcheck.engine import Linter

    data = report_docx.read_bytes()
    result = Linter(keep_view=False).lint_bytes(str(report_docx), data)
    copy, n = annotate_docx(data, result.findings)
    assert n == len(result.findings)
    old, new = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(copy))
    changed = {name for name in old.namelist() if old.read(name) != new.read(name)}
    assert changed <= {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert "word/comments.xml" in set(new.namelist()) - set(old.namelist())
    assert "word/styles.xml" in old.namelist() and old.read("word/styles.xml") == new.read("word/styles.xml")
    # the body's text is unchanged: only comment marks were added
    assert [p.text for p in docx.Document(io.BytesIO(copy)).paragraphs] == \
        [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_finding_with_no_place_is_a_comment_on_the_title():
    data = make_docx(DEFECTIVE)
    lost = Finding("GIP101", "section-missing", "error", "缺少第五部分", "x.docx", 1, 1, 1, 1)
    copy, n = annotate_docx(data, [lost])
    spots = anchors(copy)
    assert n == 1 and len(spots) == 1
    title = next(line for line in DEFECTIVE.split("\n") if line.strip())
    assert next(iter(spots.values()))["paragraph"] == title


def test_an_empty_cell_gets_a_comment_too():
    """A cell with no text (no run) still holds its comment: an empty run is added for it."""
    text = GOOD_2021.replace(ROW_NEW, ROW_NEW.replace("| 9 |", "|  |"))
    data = make_docx(text)
    from gipcheck.engine import Linter

    result = Linter().lint_bytes("x.docx", data)
    blank = [f for f in result.findings if f.code == "GIP504"]
    assert blank, [f.code for f in result.findings]
    copy, _ = annotate_docx(data, blank)
    (spot,) = anchors(copy).values()
    assert spot["cell"] == ""


def test_existing_copy_is_not_overwritten_without_force(tmp_path, report_docx):
    out = tmp_path / "copy.docx"
    out.write_bytes(b"keep me")
    run = gipcheck(report_docx, "--annotate", out)
    assert run.returncode == 2 and "--force" in run.stderr and "Traceback" not in run.stderr
    assert out.read_bytes() == b"keep me"
    run = gipcheck(report_docx, "--annotate", out, "--force")
    assert run.returncode == 1 and comments_of(out.read_bytes())


@pytest.mark.parametrize("case", ["same", "folder", "text", "suffix"])
def test_annotate_usage_errors(tmp_path, report_docx, case):
    before = stamp(report_docx)
    txt = tmp_path / "r.txt"
    txt.write_text(DEFECTIVE, encoding="utf-8")
    args = {"same": [report_docx, "--annotate", report_docx, "--force"],
            "folder": [tmp_path, "--annotate", tmp_path / "x.docx"],
            "text": [txt, "--annotate", tmp_path / "x.docx"],
            "suffix": [report_docx, "--annotate", tmp_path / "x.pdf"]}[case]
    run = gipcheck(*args)
    assert run.returncode == 2 and run.stderr.startswith("gipcheck: 用法错误") and "Traceback" not in run.stderr
    assert before == stamp(report_docx)


def test_annotate_dir_writes_a_copy_per_word_report(tmp_path):
    reports = tmp_path / "reports"
    (reports / "乡镇").mkdir(parents=True)
    a = reports / "甲局.docx"
    b = reports / "乡镇" / "甲局.docx"  # the same name in a subfolder: no collision
    a.write_bytes(make_docx(DEFECTIVE))
    b.write_bytes(make_docx(GOOD_2021))
    (reports / "乙局.txt").write_text(DEFECTIVE, encoding="utf-8")
    (reports / "坏.docx").write_bytes(b"PK\x03\x04 broken")
    stamps = {p: stamp(p) for p in reports.rglob("*") if p.is_file()}
    out = tmp_path / "意见"
    run = gipcheck(reports, "--annotate-dir", out)
    assert "Traceback" not in run.stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.docx"))
    assert written == ["乡镇/甲局-审查意见.docx", "甲局-审查意见.docx"]
    assert "坏.docx" in run.stderr  # unreadable: said, no copy
    assert run.returncode == 2  # a copy that was asked for could not be made
    assert len(comments_of((out / "甲局-审查意见.docx").read_bytes())) > \
        len(comments_of((out / "乡镇" / "甲局-审查意见.docx").read_bytes()))
    assert stamps == {p: stamp(p) for p in reports.rglob("*") if p.is_file()}


@needs_shared
def test_official_template_with_a_defect_has_comments_at_the_right_cells(tmp_path):
    """The official 2021 template, filled in with one wrong total: the comments sit in table 三's
    cells (the template's merged cells included)."""
    path = tmp_path / "template.docx"
    path.write_bytes(filled_template({"一、本年新收政府信息公开申请数量": ["8", "1", "0", "0", "0", "0", "22"]}))
    out = tmp_path / "template-审查意见.docx"
    run = gipcheck(path, "--annotate", out)
    assert run.returncode == 1, run.stderr
    found = by_code(out.read_bytes())
    (row_total,) = found["GIP503"]
    assert row_total["cell"] == "22"
    document = docx.Document(io.BytesIO(out.read_bytes()))
    t3 = document.tables[1]
    new_row = next(r for r in t3.rows if "本年新收" in r.cells[0].text)
    assert new_row.cells[-1].text == "22"
    assert f"{W}commentRangeStart" in {el.tag for el in new_row.cells[-1]._tc.iter()}
    # the balance of the 总计 column: at the （七）总计 row's total cell
    (balance,) = found["GIP501"]
    total_row = next(r for r in t3.rows if "（七）总计" in r.cells[0].text or "（七）总计" in r.cells[1].text)
    assert f"{W}commentRangeStart" in {el.tag for el in total_row.cells[-1]._tc.iter()}
    assert balance["cell"] == total_row.cells[-1].text
    # the sections and period the template lacks: comments on the title
    assert any(a["paragraph"] == "政府信息公开工作年度报告格式模板" for spots in found.values() for a in spots)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path, folder: Path) -> Path:
    """LibreOffice headless: the .docx as PDF with its comments exported as PDF notes."""
    profile = folder / "lo-profile"
    flt = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    run = subprocess.run([_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", flt,
                          "--outdir", str(folder), str(docx_path)], capture_output=True, text=True, timeout=180)
    pdf = folder / (docx_path.stem + ".pdf")
    assert run.returncode == 0 and pdf.is_file(), run.stderr
    return pdf


def pdf_notes(pdf: Path) -> list[tuple[int, str, list[float], float]]:
    """(page, text, rect, page height) of every note (Text annotation) of the PDF."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    out = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            for annot in resolve1(page.page_obj.attrs.get("Annots")) or []:
                annot = resolve1(annot)
                if str(annot.get("Subtype")) not in ("/'Text'", "/Text") and getattr(annot.get("Subtype"), "name", "") != "Text":
                    continue
                raw = annot.get("Contents") or b""
                text = raw.decode("utf-16") if isinstance(raw, bytes) and raw[:2] in (b"\xfe\xff", b"\xff\xfe") else (
                    raw.decode("latin-1") if isinstance(raw, bytes) else str(raw))
                out.append((number, text, [float(x) for x in resolve1(annot["Rect"])], float(page.height)))
    return out


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("source", ["made", "template"])
def test_libreoffice_converts_the_copy_and_shows_the_anchors(tmp_path, report_docx, source):
    """The copy converts to PDF in LibreOffice, every comment a note there, the row total's note
    beside the 22 it is anchored on (the report made by python-docx, and the official template)."""
    import pdfplumber

    if source == "template":
        if not TEMPLATE.is_file():
            pytest.skip("../shared/corpus is not present")
        report_docx.write_bytes(filled_template({"一、本年新收政府信息公开申请数量": ["8", "1", "0", "0", "0", "0", "22"]}))
    out = tmp_path / "审查意见.docx"
    assert gipcheck(report_docx, "--annotate", out).returncode == 1
    pdf = to_pdf(out, tmp_path)
    notes = pdf_notes(pdf)
    assert len(notes) == len(comments_of(out.read_bytes()))
    page, _, rect, height = next(n for n in notes if "GIP503" in n[1])
    with pdfplumber.open(pdf) as doc:
        words = [w for w in doc.pages[page - 1].extract_words() if w["text"] == "22"]
    top = height - rect[3]  # the note's top, measured from the page's top like pdfplumber's words
    assert any(abs(w["top"] - top) < 12 for w in words), (top, words)
    # the picture of the annotated copy for docs/staff.md (LibreOffice → PDF → pdftoppm)
    if source == "template" and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                        str(tmp_path / "staff-word-comments")], check=True, capture_output=True, timeout=60)
        keep_shot(tmp_path / "staff-word-comments.png")


# -- the HTML report -------------------------------------------------------------------------------

def test_html_report_is_one_self_contained_page(tmp_path, report_docx):
    out = tmp_path / "r.html"
    run = gipcheck(report_docx, "-f", "html", "--output-file", out)
    assert run.returncode == 1, run.stderr
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)  # nothing loaded from anywhere
    assert "Content-Security-Policy" in page and "<script>" in page and "<style>" in page
    assert "一、本年新收 + 二、上年结转 = " in page and "≠" in page  # the computation written out
    assert 'class="pill error"' in page and "gip-2021" in page


def test_html_report_of_many_reports_writes_pages_and_an_index(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(DEFECTIVE, encoding="utf-8")
    (reports / "b.txt").write_text(GOOD_2021, encoding="utf-8")
    run = gipcheck(reports, "-f", "html")
    assert run.returncode == 2 and "--output-file" in run.stderr
    index = tmp_path / "out" / "index.html"
    index.parent.mkdir()
    run = gipcheck(reports, "-f", "html", "--output-file", index)
    assert run.returncode == 1, run.stderr
    pages = sorted(p.name for p in (tmp_path / "out" / "index_files").iterdir())
    assert pages == ["0001-a.html", "0002-b.html"]
    text = index.read_text(encoding="utf-8")
    assert 'href="./index_files/0001-a.html"' in text and 'href="./index_files/0002-b.html"' in text
    # a second, smaller run replaces the pages: no page of the first run is left behind
    (reports / "b.txt").unlink()
    assert gipcheck(reports, "-f", "html", "--output-file", index).returncode == 1
    assert sorted(p.name for p in (tmp_path / "out" / "index_files").iterdir()) == ["0001-a.html"]
    # the pages and the index inside the folder being checked are not read back as reports
    inner = reports / "检查结果.html"
    assert gipcheck(reports, "-f", "html", "--output-file", inner).returncode == 1
    run = gipcheck(reports, "-f", "html", "--output-file", inner)
    assert sorted(p.name for p in (reports / "检查结果_files").iterdir()) == ["0001-a.html"], run.stderr


def _check_report_page(page, frame=None):
    """What the report must show: the findings highlighted and numbered in the text, the wrong
    cell of table 三 highlighted with its number, the computation, and the rule page in place."""
    where = frame or page
    items = where.locator("ol.findings > li")
    n = items.count()
    assert n >= 3
    assert where.locator("#text mark").count() >= n - 1
    bad = where.locator("table.grid[data-table='t3'] td.bad")
    assert bad.count() >= 1
    assert "22" in bad.all_inner_texts()[0]
    assert where.locator("table.grid[data-table='t3'] td.rel").count() >= 6  # the cells of the sums
    assert "≠" in where.locator(".calc").first.inner_text()
    return n


def test_html_report_in_a_real_browser(tmp_path, report_docx, browser):
    before = stamp(report_docx)
    out = tmp_path / "报告.html"
    assert gipcheck(report_docx, "-f", "html", "--output-file", out).returncode == 1
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    n = _check_report_page(page)
    # keyboard: j moves to the first finding, k wraps to the last
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "f1"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == f"f{n}"
    # the finding's place link leads to its highlighted span in the text
    li = page.locator("ol.findings > li[data-code='GIP503']")
    li.locator(".where a").click()
    assert page.evaluate("location.hash").startswith("#m")
    assert page.locator(page.evaluate("location.hash")).is_visible()
    # the rule's page opens in place
    doc = page.locator("details#doc-GIP503")
    assert not doc.evaluate("d => d.open")
    li.locator("a.doclink").click()
    assert doc.evaluate("d => d.open") and "table3-row-total" in doc.inner_text()
    assert all(u.startswith("file://") for u in requests), requests  # nothing from the network
    # contrast: the highlighted cell's text on its background is readable (WCAG AA, 4.5:1)
    ratio = page.evaluate("""() => { const td = document.querySelector("table.grid td.bad");
      const s = getComputedStyle(td); const rgb = c => c.match(/\\d+/g).slice(0, 3).map(Number);
      const lum = c => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const a = lum(s.color), b = lum(s.backgroundColor); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""")
    assert ratio >= 4.5
    page.evaluate("document.getElementById('table-t3').scrollIntoView()")
    shot = tmp_path / "staff-html-report.png"
    page.screenshot(path=str(shot))
    keep_shot(shot)
    # printing: the key hints hidden, every rule page open (and closed again afterwards)
    page.emulate_media(media="print")
    assert page.locator(".keys").is_hidden()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.doc:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details.doc[open]").count() == 1  # the one opened by the click above
    page.close()
    assert before == stamp(report_docx)


def test_html_index_links_to_each_report_in_a_browser(tmp_path, browser):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.docx").write_bytes(make_docx(DEFECTIVE))
    (reports / "b.txt").write_text(GOOD_2021, encoding="utf-8")
    index = tmp_path / "index.html"
    assert gipcheck(reports, "-f", "html", "--output-file", index).returncode == 1
    page = browser.new_page()
    page.goto(index.as_uri())
    assert page.locator("#reports tbody tr").count() == 2
    page.locator("#reports a", has_text="a.docx").click()
    page.wait_for_load_state()
    _check_report_page(page)
    page.locator("a", has_text="返回汇总").click()
    page.wait_for_load_state()
    assert page.url == index.as_uri()
    page.close()


# -- gipcheck serve -------------------------------------------------------------------------------

class Served:
    def __init__(self, *args, env=None):
        self.proc = subprocess.Popen([sys.executable, "-m", "gipcheck", "serve", "--port", "0", *args],
                                     stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, **(env or {})})
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        self.url = None
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.search(r"(http://[\d.]+:\d+/)", line)
            if m:
                self.url = m.group(1).replace("0.0.0.0", "127.0.0.1")
                break
        assert self.url, "".join(self.lines) + (self.proc.stderr.read() if self.proc.poll() is not None else "")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return "".join(self.lines) + (err or "")


@pytest.fixture
def served(tmp_path):
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    spool = tmp_path / "spool"
    spool.mkdir()
    server = Served(env={"TMPDIR": str(spool)})
    server.spool = spool
    yield server
    err = server.stop()
    assert "Traceback" not in err, err


def test_web_page_checks_a_dropped_word_file(tmp_path, report_docx, served, browser):
    before = stamp(report_docx)
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served.url)
    assert "把文件拖到这里" in page.inner_text("#drop")
    page.set_input_files("#file", str(report_docx))
    from playwright.sync_api import expect

    expect(page.locator("#status")).to_contain_text("错误", timeout=60000)
    frame = page.frame_locator("#report")
    _check_report_page(page, frame)
    assert frame.locator("p.file").inner_text() == report_docx.name
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == report_docx.stem + "-审查意见.docx"
    saved = tmp_path / "downloaded.docx"
    download.save_as(saved)
    found = by_code(saved.read_bytes())
    assert found["GIP503"][0]["cell"] == "22"
    shot = tmp_path / "staff-web-page.png"
    page.screenshot(path=str(shot))
    keep_shot(shot)
    # a link inside the report scrolls the report; it never loads another page into the frame
    frame.locator("ol.findings > li[data-code='GIP503'] .where a").click()
    frame.locator("ol.findings > li[data-code='GIP503'] a.doclink").click()
    assert frame.locator("details#doc-GIP503[open]").count() == 1
    assert frame.locator("ol.findings > li").count() >= 3 and frame.locator("#drop").count() == 0
    # a text report next: its results replace the Word report's, and no Word copy is offered
    txt = tmp_path / "r.txt"
    txt.write_text(DEFECTIVE, encoding="utf-8")
    page.set_input_files("#file", str(txt))
    expect(frame.locator("p.file")).to_have_text("r.txt", timeout=60000)
    assert page.locator("#download").is_hidden()
    local = [u for u in requests if not u.startswith((served.url, "data:", "blob:", "about:"))]
    assert local == []  # nothing fetched from anywhere else
    page.close()
    assert before == stamp(report_docx)


def test_web_page_takes_a_file_dropped_on_it(served, browser):
    """Drag and drop: a file dropped on the box is checked like a chosen one."""
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(served.url)
    page.evaluate("""text => { const dt = new DataTransfer();
        dt.items.add(new File([text], '拖入的报告.txt', {type: 'text/plain'}));
        document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); }""",
                  DEFECTIVE)
    expect(page.locator("#status")).to_contain_text("错误", timeout=60000)
    frame = page.frame_locator("#report")
    expect(frame.locator("p.file")).to_have_text("拖入的报告.txt")
    assert frame.locator("table.grid[data-table='t3'] td.bad").count() >= 1
    assert page.locator("#download").is_hidden()  # a text report: no Word copy
    page.close()


def test_web_page_offers_no_download_before_a_check(served, browser):
    page = browser.new_page()
    page.goto(served.url)
    assert page.locator("#download").is_hidden() and page.locator("#bar").is_hidden()
    page.close()


def test_web_page_keeps_no_upload(tmp_path, served, report_docx):
    """A large upload (spooled to a temporary file by python-multipart) leaves no file behind and
    no file open in the server."""
    import httpx

    big = report_docx.read_bytes() + b"\0" * (3 * 1024 * 1024)  # over python-multipart's in-memory part
    r = httpx.post(served.url + "check", files={"file": ("big.docx", big)}, headers={"Accept": "application/json"},
                   timeout=60)
    assert r.status_code == 200
    fds = Path(f"/proc/{served.proc.pid}/fd")
    if fds.is_dir():
        opened = [os.readlink(p) for p in fds.iterdir() if p.exists()]
        assert not [o for o in opened if "(deleted)" in o or str(served.spool) in o], opened
    assert list(served.spool.iterdir()) == []


def test_web_page_plain_form_post_without_javascript(served, report_docx):
    import httpx

    with report_docx.open("rb") as fh:
        r = httpx.post(served.url + "check", files={"file": (report_docx.name, fh)}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "GIP503" in r.text and "default-src 'none'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("name,data,message", [
    ("坏.docx", b"PK\x03\x04 not a zip", "GIP010"),
    ("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "GIP008"),
    ("空.txt", b"", "GIP005"),
])
def test_web_page_bad_files_get_the_command_line_messages(tmp_path, served, name, data, message):
    import httpx

    path = tmp_path / name
    path.write_bytes(data)
    cli = gipcheck(path, "-f", "json")
    expected = json.loads(cli.stdout)[0]
    r = httpx.post(served.url + "check", files={"file": (name, data)}, headers={"Accept": "application/json"},
                   timeout=60)
    assert r.status_code == 200
    got = r.json()
    assert got["unreadable"] and got["findings"][0]["code"] == expected["code"] == message
    assert got["findings"][0]["message"] == expected["message"]
    assert "annotated" not in got


def test_web_page_refuses_a_file_over_the_limit(tmp_path):
    import httpx

    pytest.importorskip("starlette", reason="the serve extra is not installed")
    server = Served("--max-upload", "1")
    try:
        big = b"a" * (3 * 1024 * 1024)
        r = httpx.post(server.url + "check", files={"file": ("big.txt", big)}, headers={"Accept": "application/json"},
                       timeout=60)
        assert r.status_code == 413 and "文件太大" in r.json()["error"] and "1 MB" in r.json()["error"]
        # a file under the limit is checked
        r = httpx.post(server.url + "check", files={"file": ("ok.txt", DEFECTIVE.encode("utf-8"))},
                       headers={"Accept": "application/json"},
                       timeout=60)
        assert r.status_code == 200
    finally:
        err = server.stop()
    assert "Traceback" not in err


def test_serve_warns_when_listening_beyond_this_computer():
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    server = Served("--host", "0.0.0.0")
    err = server.stop()
    assert "警告" in err and "任何" in err


@pytest.mark.parametrize("args", [["report.txt"], ["--max-upload", "0"], ["--max-upload", "nan"],
                                  ["--max-upload", "inf"], ["--port", "70000"], ["--max-upload", "-1"]])
def test_serve_usage_errors(args):
    run = gipcheck("serve", *args)
    assert run.returncode == 2 and run.stderr.startswith("gipcheck: 用法错误") and "Traceback" not in run.stderr


def test_web_page_says_plainly_what_is_wrong_with_an_upload(served):
    import httpx

    two = httpx.post(served.url + "check", files=[("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))],
                     headers={"Accept": "application/json"}, timeout=60)
    assert two.status_code == 400 and two.json()["error"] == "一次只能上传一个文件。"
    broken = httpx.post(served.url + "check", content=b"--zz\r\nnot a part", timeout=60,
                        headers={"Accept": "application/json", "Content-Type": "multipart/form-data; boundary=zz"})
    assert broken.status_code == 400 and "格式不正确" in broken.json()["error"]
    none = httpx.post(served.url + "check", data={"x": "1"}, headers={"Accept": "application/json"}, timeout=60)
    assert none.status_code == 400 and "请先选择" in none.json()["error"]
    # another site's name for this address (DNS rebinding) is refused
    assert httpx.get(served.url, headers={"Host": "evil.example"}, timeout=60).status_code == 400


def test_web_page_limit_is_said_exactly(tmp_path):
    import httpx

    pytest.importorskip("starlette", reason="the serve extra is not installed")
    server = Served("--max-upload", "0.5")
    try:
        page = httpx.get(server.url, timeout=60).text
        assert "单个文件不超过 512 KB" in page
        # over the limit by a few bytes: within the envelope allowance, refused when read
        r = httpx.post(server.url + "check", files={"file": ("a.txt", b"a" * (512 * 1024 + 10))},
                       headers={"Accept": "application/json"}, timeout=60)
        assert r.status_code == 413 and "524,298 B" in r.json()["error"] and "512 KB" in r.json()["error"]
    finally:
        assert "Traceback" not in server.stop()


def _html_page(text: str, lang: str = "zh") -> str:
    from gipcheck.engine import Linter
    from gipcheck.formatters.html import HtmlFormatter

    linter = Linter(keep_view=True, lang=lang)
    out = io.StringIO()
    HtmlFormatter(lang=lang, rules=linter.all_rules).render([linter.lint_text(text, "r.txt")], out)
    return out.getvalue()


def test_html_marks_cells_it_could_not_read_and_rows_it_did_not_find():
    row = "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
    assert row in GOOD_2021
    text = GOOD_2021.replace(row, row.replace("| 1 |", "| 若干 |", 1))
    page = _html_page(text)
    cell = re.search(r"<td class='[^']*unread[^']*'[^>]*>([^<]*)<", page)
    assert cell and cell.group(1) == "若干" and "无法读取为数字" in page
    gone = _html_page(GOOD_2021.replace(row + "\n", ""))
    assert re.search(r"<tr class='missing' data-row='carried'>.*?未找到此行", gone)


def test_html_shows_control_characters_as_text_and_escapes_markup():
    text = GOOD_2021.replace("全年主动公开政府信息412条。", "全年主动公开<script>alert(1)</script>\x1b[31m\u202e412条。")
    page = _html_page(text)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\u202e" not in page and "\\x1b" in page and "\\u202e" in page


def test_html_report_in_english():
    page = _html_page(DEFECTIVE, lang="en")
    assert '<html lang="en">' in page and "Findings" in page and "Computation" in page
    assert "read from the title" in page


def test_html_view_survives_the_result_cache(tmp_path, report_docx):
    """The tables shown come from the cache on a second run, and are the same."""
    env = {**os.environ, "GIPCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GIPCHECK_NO_CACHE", None)
    pages = []
    for n in (1, 2):
        out = tmp_path / f"r{n}.html"
        run = subprocess.run([sys.executable, "-m", "gipcheck", str(report_docx), "-f", "html", "--output-file", str(out)],
                             capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 1, run.stderr
        pages.append(out.read_text(encoding="utf-8"))
    assert any((tmp_path / "cache").rglob("*.json"))
    assert pages[0] == pages[1] and "<table class='grid' data-table='t3'>" in pages[1]
    assert "<td class='bad rel'" in pages[1]  # the wrong total, read from the cached view


def test_annotate_dir_keeps_two_reports_of_one_name_apart(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "r.docx").write_bytes(make_docx(DEFECTIVE))
    (b / "r.docx").write_bytes(make_docx(GOOD_2021))
    out = tmp_path / "o"
    run = gipcheck(a / "r.docx", b / "r.docx", "--annotate-dir", out)
    assert run.returncode == 1, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["r-审查意见-2.docx", "r-审查意见.docx"]
    assert len(comments_of((out / "r-审查意见.docx").read_bytes())) > \
        len(comments_of((out / "r-审查意见-2.docx").read_bytes()))


def test_annotate_dir_inside_the_folder_checked_is_not_read_back(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r.docx").write_bytes(make_docx(DEFECTIVE))
    out = reports / "意见"
    for _ in range(2):
        run = gipcheck(reports, "--annotate-dir", out, "--force", "-f", "concise")
        assert run.returncode == 1, run.stderr
        assert "意见" not in run.stdout  # the copies are not checked as reports
    assert sorted(p.name for p in out.rglob("*.docx")) == ["r-审查意见.docx"]


def test_annotate_dir_refuses_standard_input(tmp_path, report_docx):
    run = subprocess.run([sys.executable, "-m", "gipcheck", "-", "--stdin-filename", str(report_docx),
                          "--annotate-dir", str(tmp_path / "o")], input=report_docx.read_bytes(),
                         capture_output=True, timeout=60)
    assert run.returncode == 2 and "标准输入" in run.stderr.decode("utf-8")


def test_annotating_an_annotated_copy_gives_each_comment_once(tmp_path, report_docx):
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    assert gipcheck(report_docx, "--annotate", first).returncode == 1
    assert gipcheck(first, "--annotate", second).returncode == 1
    assert sorted(comments_of(first.read_bytes()).values()) == sorted(comments_of(second.read_bytes()).values())
    assert len(anchors(second.read_bytes())) == len(comments_of(second.read_bytes()))


def test_comment_marks_exactly_the_span_in_a_numbered_indented_paragraph():
    """Word's automatic numbering and leading full-width spaces shift the text gipcheck reads
    from the paragraph's own text; the comment still marks exactly the words found, and the run
    is split without changing the text or its formatting."""
    document = docx.Document()
    period = "\u3000\u3000本报告中所列数据的统计期限为2023年1月1日至2023年11月20日。"
    lines = DEFECTIVE.split("\n")
    for line in lines:
        if line.startswith("|"):
            continue
        if "统计期限" in line:
            p = document.add_paragraph(style="List Number")
            run = p.add_run(period)
            run.bold = True
        else:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    from gipcheck.engine import Linter

    result = Linter().lint_bytes("n.docx", data)
    found = [f for f in result.findings if f.code.startswith("GIP2") and "11月20日" in f.text]
    assert found, [(f.code, f.text) for f in result.findings]
    copy, _ = annotate_docx(data, found)
    (spot,) = anchors(copy).values()
    assert spot["text"] == found[0].text  # the words, not the whole sentence
    new = docx.Document(io.BytesIO(copy))
    para = next(p for p in new.paragraphs if "统计期限" in p.text)
    assert para.text == period and all(r.bold for r in para.runs if r.text)


def test_html_report_of_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"\xff\xfe\xe6\x8a\xa5\xe5\x91\x8a.txt")
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / name).write_text(DEFECTIVE, encoding="utf-8")
    index = tmp_path / "i.html"
    run = gipcheck(folder, "-f", "html", "--output-file", index)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "内部错误" not in run.stderr
    assert "\\udcff" in index.read_text(encoding="utf-8")
