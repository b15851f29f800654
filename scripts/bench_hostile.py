"""Big and hostile documents: wall time and peak memory of the command line on each.

    python scripts/bench_hostile.py [--only NAME] [--keep DIR]

Every input is made at run time (nothing is stored): a 20 MB text, a 320-page PDF (text pages,
and pages with a table each), Word files with an impossible column span, a 200 x 10 vertically
merged table, 20 MB of XML and a zip that lies about its sizes, a web page of huge colspan and
rowspan grids, a PDF stream that unpacks to 1 GB and a PDF page of 300,000 rectangles. Each is
checked by ``python -m gipcheck --no-cache -f json`` in a process of its own, whose wall time and
peak resident memory (``wait4``) are printed beside the goal of issue 14, with what gipcheck
said. docs/benchmarks.md records a run.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' document makers (python-docx, reportlab)


def _report() -> str:
    from gipcheck.testing import base_text

    return base_text("clean-2021")


def text_20mb() -> bytes:
    text = _report().encode("utf-8")
    return b"\n".join([text] * (20_000_000 // (len(text) + 1) + 1))[:20_000_000]


def pdf_text_pages() -> bytes:
    from gipcheck.testing import pdf_raw

    lines = [line for line in _report().split("\n") if not line.startswith("|")][:50]
    return pdf_raw("\n".join(lines), pages=319)


def pdf_table_pages() -> bytes:
    """320 pages of the clean report as reportlab sets it: a ruled table on most pages."""
    from test_formats import make_pdf

    return make_pdf("\n".join([_report()] * 214))


def _docx(setup=None, rows: int = 0, cols: int = 0) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("某县统计局2023年政府信息公开工作年度报告")
    if rows:
        setup(d.add_table(rows=rows, cols=cols))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_grid_span() -> bytes:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def wide(t):
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), "100000000")
        t.rows[0].cells[0]._tc.get_or_add_tcPr().append(span)
    return _docx(wide, 1, 1)


def docx_vmerge() -> bytes:
    from docx.oxml import OxmlElement

    def merged(t):
        t.cell(0, 0).text = "合并"
        for r in t.rows[1:]:
            for c in r.cells:
                c._tc.get_or_add_tcPr().append(OxmlElement("w:vMerge"))
    return _docx(merged, 200, 10)


def _rezip(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info)))
    return out.getvalue()


def docx_20mb_xml() -> bytes:
    """The clean report as .docx with 20 MB of XML added to its body as Word writes text whose
    formatting changes often: one run per character, each with its own font, size and colour
    (about 1 MB packed, under the unpacking ratio that marks a zip bomb)."""
    import random

    from docmaker import make_docx

    rng = random.Random(7)
    words = "政府信息公开工作年度报告主动依申请办理答复结转复议诉讼平台网站栏目制度"
    paras = []
    size = 0
    while size < 20_000_000:
        runs = "".join(
            f'<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/>'
            f'<w:color w:val="{rng.randrange(1 << 24):06X}"/><w:sz w:val="{rng.choice((28, 30, 32))}"/>'
            f'</w:rPr><w:t>{rng.choice(words)}</w:t></w:r>' for _ in range(40))
        p = f"<w:p>{runs}<w:r><w:t>。</w:t></w:r></w:p>".encode()
        paras.append(p)
        size += len(p)
    pad = b"".join(paras)
    return _rezip(make_docx(_report()), lambda name, x: x.replace(b"<w:sectPr", pad + b"<w:sectPr", 1)
                  if name == "word/document.xml" else x)


def docx_zip_lies() -> bytes:
    import struct

    from docmaker import make_docx

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(_report()))) as src, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/big.bin", b"\0" * (300 << 20))
    raw = bytearray(buf.getvalue())
    name = raw.find(b"word/media/big.bin")
    struct.pack_into("<I", raw, raw.rfind(b"PK\x03\x04", 0, name) + 22, 10)
    entry = raw.rfind(b"word/media/big.bin")
    struct.pack_into("<I", raw, raw.rfind(b"PK\x01\x02", 0, entry) + 24, 10)
    return bytes(raw)


def html_spans() -> bytes:
    head = ("<html><head><meta charset='utf-8'></head><body><p>某县统计局2023年政府信息公开工作年度报告</p>"
            "<p>一、总体情况</p>")
    cell = "<td colspan='99999' rowspan='99999'>1</td>"
    table = "<table>" + ("<tr>" + cell * 10 + "</tr>") * 40 + "</table>"
    return (head + table * (2_000_000 // len(table)) + "</body></html>").encode()


def pdf_bomb() -> bytes:
    from gipcheck.testing import pdf_raw

    return pdf_raw(_report().split("\n", 1)[0] + "\n一、总体情况\n正文。", extra="bomb", count=1024)


def pdf_rects() -> bytes:
    from gipcheck.testing import pdf_raw

    return pdf_raw(_report().split("\n", 1)[0] + "\n一、总体情况\n正文。", extra="rects", count=300_000)


# name: (file name, maker, extra CLI arguments, goal)
CASES = {
    "text-20mb": ("big.txt", text_20mb, ["--max-size", "30"], "< 10 s, < 400 MB"),
    "pdf-320-text-pages": ("long.pdf", pdf_text_pages, [], "< 20 s, < 300 MB"),
    "pdf-320-table-pages": ("tables.pdf", pdf_table_pages, [], "< 20 s, < 300 MB"),
    "docx-grid-span-1e8": ("span.docx", docx_grid_span, [], "refused in < 1 s"),
    "docx-vmerge-200x10": ("vmerge.docx", docx_vmerge, [], "< 5 s"),
    "docx-20mb-xml": ("xml.docx", docx_20mb_xml, [], "< 5 s"),
    "docx-zip-lies": ("lies.docx", docx_zip_lies, ["--max-size", "50"], "refused by real size"),
    "html-2mb-spans": ("spans.html", html_spans, [], "< 5 s"),
    "pdf-1gb-stream": ("bomb.pdf", pdf_bomb, [], "refused or < 400 MB"),
    "pdf-300k-rects": ("rects.pdf", pdf_rects, [], "< 10 s"),
}


def run(path: Path, extra: list[str]) -> tuple[float, float, dict]:
    cmd = [sys.executable, "-m", "gipcheck", "--no-cache", "--no-plugins", "-f", "json", *extra, str(path)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    out, _err = proc.communicate()
    wall = time.perf_counter() - start
    # wait4 is not available after communicate(); the children's peak is read from rusage
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    try:
        findings = json.loads(out or b"[]")
    except ValueError:
        findings = []
    return wall, peak, {"exit": proc.returncode, "findings": findings}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=sorted(CASES), action="append")
    ap.add_argument("--keep", type=Path, help="write the inputs here (default: a temporary folder)")
    args = ap.parse_args()
    names = args.only or list(CASES)
    print("| input | size | goal | wall time | peak memory | exit | what gipcheck said |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            file_name, make, extra, goal = CASES[name]
            path = folder / file_name
            path.write_bytes(make())
            # each case in a fresh interpreter, so that RUSAGE_CHILDREN's peak is this case's
            script = ("import sys, json, resource; sys.path.insert(0, %r); import bench_hostile as b; "
                      "w, p, r = b.run(b.Path(%r), %r); print(json.dumps([w, p, r]))"
                      % (str(ROOT / "scripts"), str(path), extra))
            res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
            try:
                wall, peak, result = json.loads(res.stdout)
            except ValueError:
                print(f"| {name} | | {goal} | (failed: {res.stderr.strip()[-200:]}) | | | |", flush=True)
                continue
            codes = Counter(f["code"] for f in result["findings"] if f["code"].startswith("GIP0"))
            said = ", ".join(f"{c}×{n}" if n > 1 else c for c, n in sorted(codes.items())) or "checked"
            first = next((f["message"] for f in result["findings"] if f["code"].startswith("GIP0")), "")
            if first:
                said += f": {first[:60]}"
            size = path.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.1f} KB"
            print(f"| {name} | {shown} | {goal} | {wall:.2f} s | {peak:.0f} MB | {result['exit']} | {said} |",
                  flush=True)


if __name__ == "__main__":
    main()
