"""GIP010 document-unreadable."""

from __future__ import annotations

from ..base import Rule


class DocumentUnreadable(Rule):
    """检查内容：Word、网页或 PDF 文件无法读取：旧版 .doc 或加密文件、损坏的文件、压缩炸弹、
    登录页面，或缺少读取该格式的可选组件。

    What it checks: a .docx, .html or .pdf file that cannot be read: an old .doc or an
    encrypted file, a damaged file, a zip bomb, a login page instead of a report, or a missing
    optional reader (``pip install 'gipcheck[formats]'``).

    依据 / Why: 无法读取的文件无法检查；说清原因，用户才知道怎么处理（例如另存为 .docx）。
    """

    code = "GIP010"
    name = "document-unreadable"
    summary = "文档无法读取"
    summary_en = "the document cannot be read"
    default_severity = "error"
    messages = {
        "doc": ("这是旧版 Word（.doc）文件或加密的 .docx，无法读取；请在 Word 中另存为 .docx（不加密码）后再检查",
                "this is an old Word (.doc) file or an encrypted .docx; save it as .docx without a password"),
        "corrupt": ("文件已损坏，无法读取（{reason}）", "the file is damaged and cannot be read ({reason})"),
        "bomb": ("文件解压后过大（{size}），可能是压缩炸弹，未读取", "the file unpacks to {size}; it may be a zip bomb"
                 " and was not read"),
        "extra": ("读取此格式需要可选组件：pip install 'gipcheck[{extra}]'", "reading this format needs an optional"
                  " component: pip install 'gipcheck[{extra}]'"),
        "login": ("这是一个登录页面，不是报告正文；请保存报告本身的网页", "this is a login page, not a report;"
                  " save the report's own page"),
        "encrypted": ("PDF 文件已加密，无法读取；请提供未加密的文件", "the PDF is encrypted and cannot be read"),
        "table": ("Word 文档中的表格结构异常（{reason}），未读取；请在 Word 中检查表格后另存",
                  "a table of the Word document has an impossible structure ({reason}) and was not read"),
    }
