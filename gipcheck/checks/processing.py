"""GIP0xx — processing: input that cannot be read or does not look like a report."""

from __future__ import annotations

from .base import Rule


class UnreadableFile(Rule):
    """检查内容：文件无法打开或读取（权限不足、读取出错）。

    What it checks: the file could not be opened or read (permissions, I/O error).

    依据 / Why: 无法读取的文件无法检查；在批量检查时单独报告，不中断其他文件。

    错误示例 / Failing: 一个没有读权限的 report.txt。

    正确示例 / Passing: 任何可以读取的文本文件。
    """

    code = "GIP001"
    name = "unreadable-file"
    summary = "文件无法读取"
    summary_en = "the file cannot be read"
    default_severity = "error"
    messages = {"unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}")}


class BinaryFile(Rule):
    """检查内容：文件是二进制数据（含 NUL 字节或大量控制字符），不是文本。

    What it checks: the file holds binary data, not text.

    依据 / Why: 年度报告须以文本、Word、网页或 PDF 形式检查；二进制文件（图片、压缩包、
    旧版 .doc）不能当作文本读取。

    错误示例 / Failing: 把 report.zip 改名为 report.txt。

    正确示例 / Passing: UTF-8 或 GBK 编码的 .txt 报告。
    """

    code = "GIP002"
    name = "binary-file"
    summary = "文件不是文本（二进制数据）"
    summary_en = "the file is binary, not text"
    default_severity = "error"
    messages = {"binary": ("文件是二进制数据，不是文本，无法检查；请提供 .txt、.md 等文本文件",
                           "the file is binary data, not text, and cannot be checked")}


class InvalidEncoding(Rule):
    """检查内容：文件中有无法按任何常见编码（UTF-8、UTF-16、GB18030/GBK）解码的字节。

    What it checks: bytes that decode under no common encoding; they were replaced by U+FFFD
    and the rest of the file was checked.

    依据 / Why: 乱码会让章节、日期和数字无法识别；告诉用户乱码从哪里开始。

    错误示例 / Failing: UTF-8 文本中夹杂一段截断的 GBK 字节。

    正确示例 / Passing: 完整的 UTF-8 或 GBK 文件。
    """

    code = "GIP003"
    name = "invalid-encoding"
    summary = "文件含无法解码的字节"
    summary_en = "the file has bytes that cannot be decoded"
    default_severity = "warning"
    messages = {"invalid": ("文件含无法解码的字节（按 {encoding} 读取，已用 � 替代），从此处开始可能有乱码",
                            "the file has bytes that cannot be decoded (read as {encoding}, replaced"
                            " by U+FFFD); text from here on may be garbled")}


class FileTooLarge(Rule):
    """检查内容：文件超过大小上限（默认 10 MB，可用 ``--max-size`` 调整）。

    What it checks: the file is larger than the size limit (10 MB by default, ``--max-size``).

    依据 / Why: 一份年度报告的文本通常不足 200 KB；过大的文件多半不是报告，读取它会拖慢
    批量检查。

    错误示例 / Failing: 50 MB 的日志文件。

    正确示例 / Passing: 普通的年度报告文本。

    选项 / Options: ``--max-size`` (MB)。
    """

    code = "GIP004"
    name = "file-too-large"
    summary = "文件过大"
    summary_en = "the file is too large"
    default_severity = "error"
    messages = {"large": ("文件过大（{size}），超过上限 {limit}，未检查", "the file is too large ({size},"
                          " limit {limit}); not checked")}


class EmptyFile(Rule):
    """检查内容：文件为空或只有空白。

    What it checks: the file is empty or holds only white space.

    依据 / Why: 空文件无从检查，多半是导出或复制失败。

    错误示例 / Failing: 0 字节的 report.txt。

    正确示例 / Passing: 有内容的报告。
    """

    code = "GIP005"
    name = "empty-file"
    summary = "文件为空"
    summary_en = "the file is empty"
    default_severity = "error"
    messages = {"empty": ("文件为空，没有可检查的内容", "the file is empty; there is nothing to check")}


class NotAReport(Rule):
    """检查内容：文本既没有报告标题，也没有“一、二、……”形式的章节标题。

    What it checks: the text has no section headings (一、二、…). When it has neither a title
    nor the words of a report it does not look like an annual report (warning); when it
    does, its line breaks were probably lost or it is only part of a report (info).

    依据 / Why: 其他检查都以报告的章节结构为前提；结构无法识别时，先说清这一点，
    而不是报告一长串缺失的章节。

    错误示例 / Failing: 一篇没有编号标题的新闻稿。

    正确示例 / Passing: 带有“一、总体情况”等章节标题的年度报告。
    """

    code = "GIP006"
    name = "not-a-report"
    summary = "文本看起来不是年度报告"
    summary_en = "the text does not look like an annual report"
    default_severity = "warning"
    messages = {
        "structure": ("未识别到报告标题和章节标题（一、二、……），文本看起来不是政府信息公开工作年度报告；"
                      "已跳过全部内容检查",
                      "no report title and no section headings (一、二、…) found: the text does"
                      " not look like a GIP annual report; content checks were skipped"),
        "flat": ("未识别到章节标题（一、二、……）：文本没有按章节分行（可能是复制时丢失了换行，或只是报告的一部分），"
                 "章节检查已跳过",
                 "no section headings (一、二、…) found: the text is not laid out in sections (line"
                 " breaks may have been lost in copying, or this is only part of a report); section"
                 " checks were skipped"),
    }

    def check(self, ctx):
        tree = ctx.tree
        if not tree.sections:
            s, e = ctx.anchor()
            if ctx.facts.is_report:
                yield ctx.report("flat", s, e, severity="info")
            else:
                yield ctx.report("structure", s, e)


class TruncatedText(Rule):
    """检查内容：文本在句子中间结束，报告可能不完整（复制或导出时被截断）。

    What it checks: the text ends in the middle of a sentence (or inside a table while
    template sections are missing), or it starts at a later section without a title: the
    report may be truncated.

    依据 / Why: 被截断的报告自然会“缺少”后面的章节、表格和联系方式。先说明这一点，
    并把因此产生的“缺少章节”类问题降为提示，避免把截断误报为报告本身的缺陷。

    错误示例 / Failing: 最后一行是“进一步规范政府信息公开工作，确保”。

    正确示例 / Passing: 以“。”或落款日期结束的报告。
    """

    code = "GIP007"
    name = "truncated-text"
    summary = "文本可能被截断"
    summary_en = "the text may be truncated"
    default_severity = "info"
    messages = {
        "truncated": ("文本在句子或表格中间结束，报告可能不完整；{unseen}缺少章节、联系方式等问题仅作提示或不报告",
                      "the text ends mid-sentence or mid-table and may be truncated; {unseen_en}missing"
                      " sections, contact details and the like are only noted, if at all"),
        "head": ("文本没有标题，且从“{marker}”开始，似乎只是报告的后半部分；{unseen}缺少章节等问题仅作提示或不报告",
                 "the text has no title and starts at '{marker}': it seems to be only the later part"
                 " of a report; {unseen_en}missing sections are only noted, if at all"),
    }

    def check(self, ctx):
        facts = ctx.facts
        t, h = facts.truncated_at, facts.starts_mid_report
        if t is None and h is None:
            return
        unseen = [s for s in ctx.profile.sections if s.id not in facts.sections.ids]
        args = {
            "unseen": f"文中未见的必备章节：{'、'.join(s.name for s in unseen)}；" if unseen else "",
            "unseen_en": f"mandatory sections not seen: {', '.join(s.name_en for s in unseen)}; " if unseen else "",
        }
        if t is not None:
            yield ctx.report("truncated", t[0], t[1], **args)
        if h is not None:
            yield ctx.report("head", h[0], h[1], marker=ctx.tree.sections[0].heading.marker, **args)


class UnsupportedFormat(Rule):
    """检查内容：没有能读取这种文件格式的读取器。

    What it checks: no source (reader) accepts this kind of file.

    依据 / Why: 目前内置读取器读取 .txt 和 .md；.docx、.html、.pdf 需要相应的可选组件。

    错误示例 / Failing: report.xls。

    正确示例 / Passing: report.txt。
    """

    code = "GIP008"
    name = "unsupported-format"
    summary = "不支持的文件格式"
    summary_en = "unsupported file format"
    default_severity = "error"
    messages = {"format": ("不支持的文件格式 “{suffix}”；可检查的格式：{formats}",
                           "unsupported file format '{suffix}'; readable formats: {formats}")}


class InternalError(Rule):
    """检查内容：某条规则在检查这份报告时出错。其余规则照常运行。

    What it checks: a rule failed on this report (a bug in gipcheck or a plugin). The other
    rules still ran.

    依据 / Why: 一条规则的缺陷不应让整个检查失败，也不应以程序崩溃的形式呈现给用户。

    错误示例 / Failing: 插件规则抛出异常。

    正确示例 / Passing: 所有规则正常完成。
    """

    code = "GIP009"
    name = "internal-error"
    summary = "规则执行出错"
    summary_en = "a rule failed"
    default_severity = "error"
    messages = {"crash": ("规则 {rule} 检查本文件时出错（{error}），其结果缺失；请向维护者报告",
                          "rule {rule} failed on this file ({error}); its results are missing."
                          " Please report this to the maintainers")}


class DocumentUnreadable(Rule):
    """检查内容：Word、网页或 PDF 文件无法读取：旧版 .doc 或加密文件、损坏的文件、压缩炸弹、
    登录页面，或缺少读取该格式的可选组件。

    What it checks: a .docx, .html or .pdf file that cannot be read: an old .doc or an
    encrypted file, a damaged file, a zip bomb, a login page instead of a report, or a missing
    optional reader (``pip install 'gipcheck[formats]'``).

    依据 / Why: 无法读取的文件无法检查；说清原因，用户才知道怎么处理（例如另存为 .docx）。

    错误示例 / Failing: 把 report.doc 改名为 report.docx。

    正确示例 / Passing: Word 2007 及以后版本保存的 .docx。
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
    }


class PdfWithoutText(Rule):
    """检查内容：PDF 没有文字层（扫描件或图片），无法检查。

    What it checks: a PDF without a text layer (a scan or images): it cannot be checked
    without OCR.

    依据 / Why: gipcheck 读取文字，不做文字识别（OCR）。以图片发布的报告也无法被公众检索（规范第 12 节 D8）。

    错误示例 / Failing: 扫描的纸质报告。

    正确示例 / Passing: 由 Word 或 WPS 导出的 PDF。
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


class PagesLimited(Rule):
    """检查内容：PDF 页数超过上限（300 页），只检查了前面的页。

    What it checks: a PDF longer than the page limit (300); only its first pages were read.

    依据 / Why: 年度报告通常不足 30 页；限制页数使检查时间有界。

    错误示例 / Failing: 500 页的汇编文件。

    正确示例 / Passing: 一份 10 页的年度报告。
    """

    code = "GIP012"
    name = "pages-limited"
    summary = "只检查了前面的页"
    summary_en = "only the first pages were checked"
    default_severity = "info"
    messages = {"pages": ("PDF 共{pages}页，只检查了前{limit}页", "the PDF has {pages} pages; only the first"
                          " {limit} were checked")}


RULES = [UnreadableFile, BinaryFile, InvalidEncoding, FileTooLarge, EmptyFile, NotAReport,
         TruncatedText, UnsupportedFormat, InternalError, DocumentUnreadable, PdfWithoutText, PagesLimited]
