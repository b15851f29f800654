"""GIP003 invalid-encoding."""

from __future__ import annotations

from ..base import Rule


class InvalidEncoding(Rule):
    """检查内容：文件中有无法按任何常见编码（UTF-8、UTF-16、GB18030/GBK）解码的字节。

    What it checks: bytes that decode under no common encoding; they were replaced by U+FFFD
    and the rest of the file was checked.

    依据 / Why: 乱码会让章节、日期和数字无法识别；告诉用户乱码从哪里开始。
    """

    code = "GIP003"
    name = "invalid-encoding"
    summary = "文件含无法解码的字节"
    summary_en = "the file has bytes that cannot be decoded"
    default_severity = "warning"
    messages = {"invalid": ("文件含无法解码的字节（按 {encoding} 读取，已用 � 替代），从此处开始可能有乱码",
                            "the file has bytes that cannot be decoded (read as {encoding}, replaced"
                            " by U+FFFD); text from here on may be garbled")}
