"""GIP008 unsupported-format."""

from __future__ import annotations

from ..base import Rule


class UnsupportedFormat(Rule):
    """检查内容：没有能读取这种文件格式的读取器。

    What it checks: no source (reader) accepts this kind of file.

    依据 / Why: 目前内置读取器读取 .txt 和 .md；.docx、.html、.pdf 需要相应的可选组件。
    """

    code = "GIP008"
    name = "unsupported-format"
    summary = "不支持的文件格式"
    summary_en = "unsupported file format"
    default_severity = "error"
    messages = {"format": ("不支持的文件格式 “{suffix}”；可检查的格式：{formats}",
                           "unsupported file format '{suffix}'; readable formats: {formats}")}
