"""GIP005 empty-file."""

from __future__ import annotations

from ..base import Rule


class EmptyFile(Rule):
    """检查内容：文件为空或只有空白。

    What it checks: the file is empty or holds only white space.

    依据 / Why: 空文件无从检查，多半是导出或复制失败。
    """

    code = "GIP005"
    name = "empty-file"
    summary = "文件为空"
    summary_en = "the file is empty"
    default_severity = "error"
    messages = {"empty": ("文件为空，没有可检查的内容", "the file is empty; there is nothing to check")}
