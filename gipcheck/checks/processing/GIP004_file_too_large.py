"""GIP004 file-too-large."""

from __future__ import annotations

from ..base import Rule


class FileTooLarge(Rule):
    """检查内容：文件超过大小上限（默认 10 MB，可用 ``--max-size`` 调整）。

    What it checks: the file is larger than the size limit (10 MB by default, ``--max-size``).

    依据 / Why: 一份年度报告的文本通常不足 200 KB；过大的文件多半不是报告，读取它会拖慢
    批量检查。

    命令行 / Command line: ``--max-size`` (MB)。
    """

    code = "GIP004"
    name = "file-too-large"
    summary = "文件过大"
    summary_en = "the file is too large"
    default_severity = "error"
    messages = {"large": ("文件过大（{size}），超过上限 {limit}，未检查", "the file is too large ({size},"
                          " limit {limit}); not checked")}
