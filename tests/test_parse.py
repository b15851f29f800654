"""The structure grammar: headings of every style, titles, chrome, and table layouts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, needs_shared
from gipcheck.parse import parse, tokenise
from gipcheck.textutil import LineIndex


def sections(text: str) -> list[tuple[int | None, str]]:
    tree, _ = parse(text)
    return [(s.heading.number, s.heading.title) for s in tree.sections]


def kinds(text: str) -> list[str]:
    return [t.type for t in tokenise(text)]


@pytest.mark.parametrize("line,number,title", [
    ("一、总体情况", 1, "总体情况"),
    ("二. 主动公开政府信息情况", 2, "主动公开政府信息情况"),
    ("三，收到和处理政府信息公开申请情况", 3, "收到和处理政府信息公开申请情况"),
    ("  四、政府信息公开行政复议、行政诉讼情况", 4, "政府信息公开行政复议、行政诉讼情况"),
    ("## 五、存在的主要问题及改进情况", 5, "存在的主要问题及改进情况"),
    ("十一、附表", 11, "附表"),
    ("一、总体情况、", 1, "总体情况、"),
])
def test_section_heading_styles(line, number, title):
    assert sections(line + "\n正文。\n") == [(number, title)]


def test_heading_with_paragraph_on_the_same_line():
    tree, _ = parse("一、总体情况\n（一）加强组织领导。成立了领导小组，负责日常工作。\n")
    sub = tree.sections[0].children[0]
    assert sub.heading.title == "加强组织领导"
    assert [p.text for p in sub.paragraphs()] == ["成立了领导小组，负责日常工作。"]


@pytest.mark.parametrize("line,level,number", [
    ("（一）主动公开", 2, 1), ("(二)依申请公开", 2, 2), ("（ 三）政府信息管理", 2, 3), ("㈣平台建设", 2, 4),
    ("1、法定主动公开情况", 3, 1), ("2.重点领域", 3, 2), ("（3）其他", 3, 3), ("(4)其他", 3, 4), ("⑤社会救助", 3, 5),
])
def test_sub_heading_styles(line, level, number):
    tree, _ = parse("一、总体情况\n" + line + "\n正文。\n")
    block = tree.sections[0].children[0]
    assert (block.heading.level, block.heading.number) == (level, number)


@pytest.mark.parametrize("line", ["一是加强学习。", "2018年，我局认真落实。", "1.5亿元资金到位。", "2018.12.31前完成。"])
def test_not_headings(line):
    assert kinds(line) in (["PARA"], ["TITLE"])
    assert sections(line) == []


def test_title_glued_to_the_introduction():
    tree, _ = parse("元谋县行政审批局2018年度政府信息公开报告根据《条例》要求编制。\n一、概述\n正文。\n")
    assert tree.title_text == "元谋县行政审批局2018年度政府信息公开报告"
    assert tree.preamble[0].text == "根据《条例》要求编制。"


def test_title_over_two_lines():
    tree, _ = parse("正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n本年度报告根据……编制。\n一、总体情况\n")
    assert tree.title_text == "2025 年上海市人民政府办公厅政府信息公开工作年度报告"


def test_title_in_a_metadata_table_cell():
    tree, _ = parse("索引号: | /2015-1 | 公开方式: | 主动公开 |\n2013年度谢塘镇政府信息公开工作年度报告 | ||\n2013年,我镇……\n")
    assert tree.title_text == "2013年度谢塘镇政府信息公开工作年度报告"


def test_web_page_chrome_before_the_title():
    text = ("- 政府信息公开年度报告\n首页\n>\n正文\n-\n索引号20240925-203618-472\n发布机构开远市人民政府办公室\n"
            "发布日期2018-02-22\n分享到:\n字号：[大 中 小]　打印本页　关闭窗口\n"
            "开远市2016年政府信息公开年度报告\n根据《条例》编制。\n一、概述\n正文。\n"
            "网站支持IPV6滇ICP备2022007294号\n")
    tree, _ = parse(text)
    assert tree.title_text == "开远市2016年政府信息公开年度报告"
    assert len(tree.chrome) == 11
    assert [n.text for n in tree.preamble] == ["根据《条例》编制。"]
    assert [p.text for p in tree.sections[0].paragraphs()] == ["正文。"]


def test_markdown_title_and_headings():
    tree, _ = parse("# 沐阳县人民政府 2025 年 政府信息公开工作年度报告\n\n## 一、总体情况\n\n### (一) 系统化推进主动公开。\n正文。\n")
    assert tree.title_text == "沐阳县人民政府 2025 年 政府信息公开工作年度报告"
    assert tree.sections[0].heading.title == "总体情况"
    assert tree.sections[0].children[0].heading.title == "系统化推进主动公开"


# -- tables: every layout gives table rows, and table labels are never sections -----------

PIPE = "二、主动公开政府信息情况\n第二十条第(一)项 | ||||\n信息内容 | 本年新 | 本年新 | 对外公开总数量 | |\n规章 | 0 | 0 | 0 | |\n"
MARKDOWN = "二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n"
ONE_CELL = "二、主动公开政府信息情况\n信息内容 |\n本年新 制作数量 |\n||||\n规章 |\n0 |\n"
TABS = "二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\n规章\t0\t0\n"
PDF = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"


@pytest.mark.parametrize("text,rows", [(PIPE, 3), (MARKDOWN, 3), (ONE_CELL, 5), (TABS, 2), (PDF, 1)],
                         ids=["pipe", "markdown", "one-cell-per-line", "tabs", "pdf"])
def test_table_layouts(text, rows):
    tree, _ = parse(text)
    tables = list(tree.sections[0].tables())
    assert len(tables) == 1 and len(tables[0].rows) == rows


@pytest.mark.parametrize("line", [
    "一、本年新收政府信息公开申请数量 | 0 | 0 |",
    "四、结转下年度继续办理 |",
    "三、本年度办理结果",
    "四、结转下年度继续办理 0 0 0 0 0 0 0",
])
def test_table_row_labels_are_not_sections(line):
    text = "三、收到和处理政府信息公开申请情况\n" + line + "\n四、政府信息公开行政复议、行政诉讼情况\n"
    assert [n for n, _ in sections(text)] == [3, 4]


def test_broken_table_label_after_rows_is_not_a_section():
    text = "三、收到和处理政府信息公开申请情况\n| 2.没有现成信息 | 47 | 1 |\n\n三、本法提供\n年度办\n四、政府信息公开行政复议、行政诉讼情况\n"
    assert [n for n, _ in sections(text)] == [3, 4]


def test_section_heading_after_a_table_stays_a_section():
    text = "二、主动公开政府信息情况\n| 规章 | 0 |\n三、收到和处理政府信息公开申请情况\n"
    assert [n for n, _ in sections(text)] == [2, 3]


# -- robustness ---------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "一、总体情况", "（一）主动公开", "1、法定公开", "①领域", "正文。", "| 规章 | 0 |", "0 |", "",
    "首页 > 正文", "某局2020年政府信息公开工作年度报告", "2020 年某局政府信息公开", "工作年度报告", "四、结转下年度继续办理 |",
    "索引号: | x |", "三、本法提供", "— 1 —", "# 标题", "\t", "一、", "（", "|",
]), max_size=30))
def test_parsing_never_fails_and_spans_are_exact(lines):
    text = "\n".join(lines)
    tree, toks = parse(text)
    for t in toks:
        assert 0 <= t.start <= t.end <= len(text)
        assert "\n" not in text[t.start:t.end]
    for s in tree.sections:
        assert text[s.heading.start:s.heading.end].startswith(s.heading.marker)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_parsing_arbitrary_text_never_fails(text):
    parse(text.replace("\r", "\n"))


# -- the corpus: every file parses; the seeds have the sections a reviewer sees -----------

@needs_shared
@pytest.mark.parametrize("path", sorted(str(p.name) for p in (CORPUS / "real").glob("*.txt"))
                         if (CORPUS / "real").is_dir() else [])
def test_every_real_report_parses(path):
    text = (CORPUS / "real" / path).read_text(encoding="utf-8")
    tree, toks = parse(text)
    lines = LineIndex(text)
    for s in tree.sections:
        line, col = lines.position(s.heading.start)
        assert text.split("\n")[line - 1][col - 1:].startswith(s.heading.marker)


SEED_SECTIONS = {
    "000_360dd39e24516101.txt": ("元谋县行政审批局2018年度政府信息公开报告", [1, 2, 3, 4, 5, 6, 7], 0),
    "001_a87dfc353e2f17c0.txt": ("", [1, 2, 3, 4, 5, 6], 0),
    "002_a9b77dac68e11cb2.txt": ("咸宁市政务服务中心管理办公室2018年度信息公开工作报告", [1, 2, 3, 4, 5, 6, 7, 8], 0),
    "003_04e4e113578bc3e0.txt": ("", [1, 2, 3, 4, 5, 6], 3),
    "004_cfe21c01c8bc6a87.txt": ("", [1, 2, 3, 4, 5, 6], 3),
}


@needs_shared
@pytest.mark.parametrize("name", sorted(SEED_SECTIONS))
def test_seed_structure(name):
    title, numbers, tables = SEED_SECTIONS[name]
    tree, _ = parse((CORPUS / "seeds" / name).read_text(encoding="utf-8"))
    assert tree.title_text == title
    assert [s.heading.number for s in tree.sections] == numbers
    assert sum(1 for s in tree.sections for _ in s.tables()) == tables


@needs_shared
@pytest.mark.parametrize("name,first,last", [
    ("003_04e4e113578bc3e0.txt", "第二十条第(一)项 | ||||", "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"),
    ("004_cfe21c01c8bc6a87.txt", "第二十条第(一)项 |", "|"),
])
def test_seed_tables_cover_every_row(name, first, last):
    tree, _ = parse((CORPUS / "seeds" / name).read_text(encoding="utf-8"))
    tables = [t for s in tree.sections for t in s.tables()]
    assert tables[0].rows[0].text == first
    assert tables[-1].rows[-1].text == last
    # table 三 holds the 2019 format's 23 data rows plus headers, none lost to section headings
    t3 = tables[1].text
    for label in ("本年新收", "上年结转", "（七）总计".replace("（", "(").replace("）", ")"), "结转下年度继续办理"):
        assert label in t3


def test_space_separated_table_header_is_a_table_row():
    toks = kinds("第二十条第(五)项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可 0 0 0\n")
    assert toks[1] == "TROW"
    # prose with spaces that names one column label is still prose
    assert kinds("本年 新收 申请 较多，已按时办理完毕。\n")[0] == "PARA"


def test_sections_numbered_1_2_3_when_there_is_no_chinese_numbering():
    text = ("县科技局2018年政府信息公开工作年度报告\n1、政府信息公开工作基本概况。正文。\n2、主动公开政府信息的情况。正文。\n"
            "3、依申请公开政府信息和不予公开政府信息的情况。正文。\n")
    assert [n for n, _ in sections(text)] == [1, 2, 3]
    # under 一、 headings, 1、2、3、 stay sub-items
    assert [n for n, _ in sections("一、总体情况\n" + text.split("\n", 1)[1])] == [1]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \u3000\tａｂ12ab，。\n報告", max_size=60), st.integers(0, 30))
def test_squeezed_text_maps_back_to_its_source(source, base):
    """Every character of the squeezed text came from the source character its offset names."""
    from gipcheck.textutil import fold, squeeze

    sq = squeeze(source, base=base)
    folded = fold(source)
    for i, ch in enumerate(sq.text):
        assert folded[sq.source_offset(i) - base] == ch
    if sq.text:
        s, e = sq.source_span(0, len(sq.text))
        assert "".join(folded[s - base:e - base].split()) == sq.text


# -- the generated standalone parser (scripts/gen_parser.py) ---------------------------------------

def test_standalone_parser_is_generated_from_the_grammar_as_it_is():
    """gipcheck/_report_parser.py was made from grammar/report.lark as it is now: run
    `python scripts/gen_parser.py` after changing the grammar."""
    import importlib.util
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gen_parser", root / "scripts" / "gen_parser.py")
    gen = importlib.util.module_from_spec(spec)
    sys.modules["gen_parser"] = gen
    spec.loader.exec_module(gen)
    current = gen.TARGET.read_text(encoding="utf-8")
    digest = gen.grammar_digest(gen.GRAMMAR.read_text(encoding="utf-8"))
    assert f"# grammar sha256: {digest}\n" in current, "the grammar changed: run python scripts/gen_parser.py"
    # (Lark numbers the grammar's symbols in set order, so two runs differ in text, not in
    # meaning: the trees are compared below)


def _lark_tree(types: list[str]):
    """The same token sequence parsed by lark.Lark over the same grammar (a custom lexer that
    hands the tokens over, as gipcheck did before the standalone module)."""
    from importlib import resources

    from lark import Lark, Token
    from lark.lexer import Lexer

    class Handover(Lexer):
        __future_interface__ = 0

        def __init__(self, conf):
            pass

        def lex(self, data):
            for i, t in enumerate(types):
                yield Token(t, str(i))

    grammar = resources.files("gipcheck.grammar").joinpath("report.lark").read_text("utf-8")
    return Lark(grammar, parser="lalr", lexer=Handover, start="start").parse("")


def _standalone_tree(types: list[str]):
    from gipcheck._report_parser import Token
    from gipcheck.parse import _parser

    state = _parser().parse_interactive("")
    for i, t in enumerate(types):
        state.feed_token(Token(t, str(i)))
    return state.feed_eof()


def _shape(tree):
    return (tree.data, [(c.type, str(c)) if hasattr(c, "type") else _shape(c) for c in tree.children])


@given(st.lists(st.sampled_from(["CHROME", "TITLE", "TITLE_CONT", "PARA", "TROW", "H1", "H2", "H3"]), max_size=40))
@settings(max_examples=150, deadline=None, database=None)
def test_standalone_parser_builds_the_trees_lark_builds(types):
    """Every token sequence (the grammar accepts any) gives the same tree."""
    assert _shape(_standalone_tree(types)) == _shape(_lark_tree(types))


def test_standalone_parser_on_a_report():
    from conftest import GOOD_2021

    types = [t.type for t in tokenise(GOOD_2021)]
    assert len(types) > 50 and _shape(_standalone_tree(types)) == _shape(_lark_tree(types))


def _parse_token_by_token(text: str):
    """The report tree as parse() built it before runs of leaves were fed as one token: every
    line token fed on its own."""
    from gipcheck.parse import Token, _Builder, _parser

    toks = tokenise(text)
    state = _parser().parse_interactive("")
    for i, t in enumerate(toks):
        state.feed_token(Token(t.type, str(i), t.start, t.line, t.column, None, None, t.end))
    return _Builder(text, toks, {}).build(state.feed_eof())


_LINES = [
    "2023年度某某局政府信息公开工作年度报告", "一、总体情况", "（一）主动公开", "1. 规章", "本年共公开信息12条。",
    "| 信息内容 | 本年制发件数 |", "| 规章 | 3 |", "首页 > 政务公开", "索引号：123", "二、主动公开政府信息情况",
    "（二）依申请公开", "① 收到申请", "", "三、存在的主要问题及改进情况", "联系电话：0571-12345678", "## 四、其他",
]


@given(st.lists(st.sampled_from(_LINES), max_size=60))
@settings(max_examples=200, deadline=None, database=None)
def test_runs_of_leaves_fed_as_one_build_the_same_tree(lines):
    """Feeding a run of leaf tokens (paragraphs, rows, chrome, title lines) as one token gives
    exactly the tree feeding each gives."""
    text = "\n".join(lines)
    assert parse(text)[0] == _parse_token_by_token(text)


def test_runs_of_leaves_fed_as_one_on_real_reports():
    from conftest import GOOD_2021
    from gipcheck.testing import base_text

    for text in (GOOD_2021, base_text("clean-2021")):
        assert parse(text)[0] == _parse_token_by_token(text)
