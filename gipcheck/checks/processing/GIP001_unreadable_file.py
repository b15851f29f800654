"""GIP001 unreadable-file."""

from __future__ import annotations

from ..base import Rule


class UnreadableFile(Rule):
    """检查内容：文件无法打开或读取（权限不足、读取出错）。

    What it checks: the file could not be opened or read (permissions, I/O error).

    依据 / Why: 无法读取的文件无法检查；在批量检查时单独报告，不中断其他文件。
    """

    code = "GIP001"
    name = "unreadable-file"
    summary = "文件无法读取"
    summary_en = "the file cannot be read"
    default_severity = "error"
    messages = {"unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}")}
