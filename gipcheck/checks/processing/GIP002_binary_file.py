"""GIP002 binary-file."""

from __future__ import annotations

from ..base import Rule


class BinaryFile(Rule):
    """检查内容：文件是二进制数据（含 NUL 字节或大量控制字符），不是文本。

    What it checks: the file holds binary data, not text.

    依据 / Why: 年度报告须以文本、Word、网页或 PDF 形式检查；二进制文件（图片、压缩包、
    旧版 .doc）不能当作文本读取。
    """

    code = "GIP002"
    name = "binary-file"
    summary = "文件不是文本（二进制数据）"
    summary_en = "the file is binary, not text"
    default_severity = "error"
    messages = {"binary": ("文件是二进制数据，不是文本，无法检查；请提供 .txt、.md 等文本文件",
                           "the file is binary data, not text, and cannot be checked")}
