"""GIP011 pdf-without-text."""

from __future__ import annotations

from ..base import Rule


class PdfWithoutText(Rule):
    """检查内容：PDF 没有文字层（扫描件或图片），无法检查。

    What it checks: a PDF without a text layer (a scan or images): it cannot be checked
    without OCR.

    依据 / Why: gipcheck 读取文字，不做文字识别（OCR）。以图片发布的报告也无法被公众检索（规范第 12 节 D8）。
    """

    code = "GIP011"
    name = "pdf-without-text"
    summary = "PDF 没有文字层"
    summary_en = "the PDF has no text layer"
    default_severity = "error"
    messages = {"scan": ("PDF（{pages}页）没有文字层，可能是扫描件，无法检查；需要先做文字识别（OCR），"
                         "或提供由 Word/WPS 导出的 PDF",
                         "the PDF ({pages} pages) has no text layer (a scan?) and cannot be checked"
                         " without OCR")}
