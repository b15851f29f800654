"""GIP012 pages-limited."""

from __future__ import annotations

from ..base import Rule


class PagesLimited(Rule):
    """检查内容：文档只有一部分能读取：PDF 页数超过上限（200 页），只检查了前面的页；PDF 的某一页
    已损坏、解压后过大或图形对象过多（超过 60,000 个），跳过该页、照常检查其余各页（警告：缺少的
    内容可能使其他检查出错）；某页线条过多（超过 6,000 条），只读取文字、不识别表格；网页嵌套过深；
    网页中的表格展开合并单元格后合计超过 200,000 格（警告，超出的表格未读取）。

    What it checks: only part of the document could be read: a PDF longer than the page limit
    (200), of which only the first pages were read; a PDF page that is damaged, unpacks to too
    much or draws too many objects (over 60,000), skipped while the other pages are checked (a
    warning: what is missing may mislead other checks); a page with too many lines (over 6,000),
    whose text is read but whose tables are not looked for; a web page nested too deep; a web
    page whose tables' merged cells expand to more than 200,000 cells together (a warning: the
    tables past the limit are not read).

    依据 / Why: 年度报告通常不足 30 页、每页不过几百个对象；限制页数和对象数使检查时间与内存有界，
    一页损坏也不应使整份报告无法检查。
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
                            " levels removed, so its paragraphs may differ slightly from the page"),
                "page": ("PDF 第{page}页无法读取（{reason}），已跳过；其余各页照常检查，缺少的内容可能使其他检查结果不准",
                         "page {page} of the PDF cannot be read ({reason}) and was skipped; the other pages"
                         " were checked, and what is missing may affect other findings"),
                "objects": ("PDF 第{page}页的文字和图形对象超过{limit}个，已跳过；其余各页照常检查",
                            "page {page} of the PDF draws more than {limit} objects and was skipped; the other"
                            " pages were checked"),
                "grid": ("网页中的表格展开合并单元格后合计超过{limit}格，有{count}个表格未读取；其余内容照常检查",
                         "the web page's tables span more than {limit} cells together once their merged"
                         " cells are expanded; {count} table(s) were not read, the rest was checked"),
                "graphics": ("PDF 第{page}页有{count}条线条和矩形（上限{limit}），只读取了文字，未识别其中的表格",
                             "page {page} of the PDF draws {count} lines and rectangles (limit {limit}); its"
                             " text was read but no table was looked for")}
