"""GIP012 pages-limited."""

from __future__ import annotations

from ..base import Rule


class PagesLimited(Rule):
    """检查内容：PDF 页数超过上限（300 页），只检查了前面的页。

    What it checks: a PDF longer than the page limit (300); only its first pages were read.

    依据 / Why: 年度报告通常不足 30 页；限制页数使检查时间有界。
    """

    code = "GIP012"
    name = "pages-limited"
    summary = "只检查了前面的页"
    summary_en = "only the first pages were checked"
    default_severity = "info"
    messages = {"pages": ("PDF 共{pages}页，只检查了前{limit}页", "the PDF has {pages} pages; only the first"
                          " {limit} were checked"),
                "nesting": ("网页的标签嵌套超过{depth}层，已去掉多余的层次后读取；分段可能与原网页略有不同",
                            "the page's tags nest more than {depth} levels deep; it was read with the extra"
                            " levels removed, so its paragraphs may differ slightly from the page")}
