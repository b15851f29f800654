"""The standard tables: reading every layout, the identities, template versions, bad tables."""

from __future__ import annotations

import pytest

from conftest import CORPUS, GOOD_2021, TABLE3, TABLE4, lint, linter, needs_shared, only
from gipcheck.facts import Facts


def grid(text: str, table: str) -> dict[str, list]:
    facts = Facts(text, linter().profiles)
    read = facts.tables[table]
    return {rid: (None if r.cells is None else [c.number for c in r.cells]) for rid, r in read.rows.items()}


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


# -- the same table 三 and 四 in every layout gives the same grid -------------------------

def _rows(table: str) -> list[list[str]]:
    """The cells of a markdown table, row by row."""
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.strip().split("\n")]


def as_plain_pipes(table):  # Shanghai: no edge pipes
    return "\n".join(" | ".join(r) for r in _rows(table))


def as_one_cell_per_line(table):  # seed 004: each cell on its own line ending in " |"
    out = []
    for r in _rows(table):
        out += [f"{c} |" if c else "|" for c in r] + ["||"]
    return "\n".join(out)


def as_tabs(table):
    return "\n".join("\t".join(r) for r in _rows(table))


def _number(cell: str) -> bool:
    return cell.lstrip("-").replace(".", "", 1).isdigit()


def as_pdf(table):  # space-separated; long labels broken over lines, numbers after the last piece
    out = []
    for r in _rows(table):
        labels = [c for c in r if c and not _number(c)]
        numbers = [c for c in r if _number(c)]
        label = "".join(labels)
        if len(label) > 12:
            out += [label[:10], label[10:20]]
            label = label[20:]
        out.append(" ".join(([label] if label else []) + numbers))
    return "\n".join(out)


def _is_value(cell: str) -> bool:
    return cell.lstrip("-").replace(".", "", 1).isdigit() or cell in ("", "/", "-", "—", "无")


def _padded(r: list[str]) -> list[str]:
    """Merged cells leave blank padding: two blanks after the label cells, one at the end."""
    k = next((i for i, c in enumerate(r) if c and _is_value(c)), len(r))
    return r[:k] + ["", ""] + r[k:] + [""] if k < len(r) else r


def as_tabs_padded(table):  # WPS/Excel export: "一、本年新收…\t\t\t26\t…\t26\t"
    return "\n".join("\t".join(_padded(r)) for r in _rows(table))


def as_markdown_padded(table):  # "| 一、本年新收… | | | 3 | 0 | … |"
    return "\n".join("| " + " | ".join(_padded(r)) + " |" for r in _rows(table))


def as_one_cell_per_line_padded(table):  # value lines with trailing padding: "0 | ||"
    out = []
    for r in _rows(table):
        out += [f"{c} | ||" if c and _is_value(c) else (f"{c} |" if c else "|") for c in r] + ["||"]
    return "\n".join(out)


LAYOUTS = {"markdown": lambda t: t, "pipes": as_plain_pipes, "one-cell-per-line": as_one_cell_per_line,
           "tabs": as_tabs, "pdf-text": as_pdf, "tabs-padded": as_tabs_padded,
           "markdown-padded": as_markdown_padded, "one-cell-per-line-padded": as_one_cell_per_line_padded}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_gives_the_same_grid(layout):
    base3, base4 = grid(GOOD_2021, "t3"), grid(GOOD_2021, "t4")
    assert len(base3) == 25 and all(v is not None for v in base3.values())
    text = GOOD_2021.replace(TABLE3, LAYOUTS[layout](TABLE3)).replace(TABLE4, LAYOUTS[layout](TABLE4))
    assert grid(text, "t3") == base3
    assert grid(text, "t4") == base4
    assert [f for f in lint(text) if f.code[3] in "45"] == []


def _table3_of(path) -> str:
    """Table 三 of a real report (text or web page) as gipcheck read it, written back as a
    markdown table."""
    if path.suffix == ".html":
        from gipcheck.sources.html import read_html

        text = read_html(str(path), path.read_bytes()).text
    else:
        text = path.read_text(encoding="utf-8")
    read = Facts(text, linter().profiles).tables["t3"]
    lines = ["| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 "
             "| 社会公益组织 | 法律服务机构 | 其他 | 总计 |"]
    for row in read.rows.values():
        lines.append("| " + " | ".join([row.spec.label, *(c.raw for c in row.cells)]) + " |")
    return "\n".join(lines) + "\n"


REAL_TABLES = ["real-html/pingtan_2021.html", "real-html/pingtan_2022.html", "real-html/pingtan_2024.html",
               "real-html/pingtan_2025.html", "real/127_shuyang-county_2025.txt", "real/126_shanghai-szfbgt_2025.txt"]


@needs_shared
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", REAL_TABLES)
def test_real_tables_in_every_layout(name, layout):
    """Table 三 of each complete real 2021-format report, read, written back and re-rendered in
    every layout inside a clean report, gives the same grid cell for cell."""
    table = _table3_of(CORPUS / name)
    text = GOOD_2021.replace(TABLE3, table)
    want = grid(text, "t3")
    assert len(want) == 25 and all(v is not None for v in want.values())
    assert grid(GOOD_2021.replace(TABLE3, LAYOUTS[layout](table)), "t3") == want


@needs_shared
@pytest.mark.parametrize("year", [2019, 2021, 2022, 2024, 2025])
def test_every_real_html_table_is_read_completely(year):
    from gipcheck.sources.html import read_html

    path = CORPUS / "real-html" / f"pingtan_{year}.html"
    doc = read_html(str(path), path.read_bytes())
    facts = Facts(doc.text, linter().profiles)
    for tid in ("t2", "t3", "t4"):
        table = facts.tables[tid]
        assert table.found and not table.missing, (tid, [r.id for r in table.missing])
        assert all(r.cells is not None and not r.uncertain for r in table.rows.values()), tid


def test_cells_keep_their_exact_span():
    facts = Facts(GOOD_2021, linter().profiles)
    cell = facts.tables["t3"].cell("w-third", "natural")
    assert cell is not None and GOOD_2021[cell.start:cell.end] == cell.raw
    total = facts.tables["t3"].cell("total", "total")
    assert GOOD_2021[total.start:total.end] == "9"
    assert GOOD_2021[:total.start].count("\n") + 1 == _line_of(GOOD_2021, "（七）总计")


@pytest.mark.parametrize("raw,kind,value", [
    ("0", "int", 0), ("26878", "int", 26878), ("-98", "int", -98), ("−417", "int", -417),
    ("4068.208", "decimal", 4068.208), ("3292078元", "int", 3292078), ("１２", "int", 12), ("1,295", "int", 1295),
    ("", "blank", 0), ("/", "placeholder", 0), ("-", "placeholder", 0), ("—", "placeholder", 0),
    ("无", "placeholder", 0), ("若干", "text", None),
])
def test_cell_kinds(raw, kind, value):
    from gipcheck.facts.tables import read_cell

    cell = read_cell(raw, 0, len(raw))
    assert (cell.kind, cell.value) == (kind, value)


# -- the rules' cases are in tests/rules/GIP4xx.yaml and GIP50x.yaml ------------------------

R = "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 0 | 0 | 0 | 0 | 9 |"


def test_the_clean_report_has_no_table_finding():
    assert [f for f in lint(GOOD_2021) if f.code[3] in "45"] == []


def test_identity_message_shows_the_computation():
    text = GOOD_2021.replace(R, "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 0 | 0 | 0 | 1 | 10 |")
    msg = next(f.message for f in only("GIP501", text) if "“总计”列" in f.message)
    assert "一、本年新收 + 二、上年结转 = 11" in msg and "（七）总计 + 四、结转下年度继续办理 = 10" in msg


T2_2019 = """\
| 第二十条第（一）项 | | | |
| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 0 | 8 | 9 |
| 第二十条第（五）项 | | | |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政许可 | 716 | -417 | 298 |
| 其他对外管理服务事项 | 20 | 3 | 5 |
| 第二十条第（六）项 | | | |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政处罚 | 0 | 0 | 0 |
| 行政强制 | 0 | 0 | 0 |
| 第二十条第（八）项 | | | |
| 信息内容 | 上一年项目数量 | 本年增/减 | |
| 行政事业性收费 | 0 | 0 | |
| 第二十条第（九）项 | | | |
| 信息内容 | 采购项目数量 | 采购总金额 | |
| 政府集中采购 | 8 | 3292078元 | |
"""

SIX_2021 = """\
| （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"""


def as_2019_format(text: str) -> str:
    """The clean report with the 2019 format's tables (table 二 of 2019, one （六） row)."""
    from conftest import TABLE2

    assert TABLE2 in text and SIX_2021 in text
    return text.replace(TABLE2, T2_2019).replace(SIX_2021, "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")


def test_the_2019_format_is_clean_in_a_2020_report():
    text = as_2019_format(GOOD_2021.replace("2023", "2020"))
    assert linter().lint_text(text).profile == "gip-2019"
    assert [f for f in lint(text) if f.code[3] in "45"] == []


def test_2019_table_in_a_2021_report():
    text = as_2019_format(GOOD_2021)
    found = only("GIP408", text)
    assert len(found) == 1 and "2019" in found[0].message
    assert only("GIP402", text) == [] and only("GIP403", text) == []  # one finding, not a cascade


def test_2021_table_in_a_2020_report():
    text = GOOD_2021.replace("2023", "2020")
    found = only("GIP408", text)
    assert len(found) == 1 and "2021" in found[0].message


def test_2019_tables_in_a_2018_report():
    text = as_2019_format(GOOD_2021.replace("2023", "2018"))
    found = only("GIP408", text)
    assert len(found) == 1 and "2008" in found[0].message


def test_year_unknown_profile_follows_the_tables():
    text = as_2019_format(GOOD_2021).replace("松阳湾县交通运输局2023年政府信息公开工作年度报告\n\n", "").replace(
        "本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。", "").replace("2023年，县", "县")
    assert linter().lint_text(text).profile == "gip-2019"
    assert only("GIP408", text) == []


# -- damaged tables: read what can be read, one finding for the rest, no arithmetic on it ---

@pytest.mark.parametrize("old,new", [
    (R, "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 0 | 0 | 0 | 9 |"),  # a cell lost
    (R, "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 0 | 0 | 0 | 0 | 9 | 3 |"),  # a cell too many
])
def test_misaligned_row_gives_one_finding_and_no_arithmetic(old, new):
    text = GOOD_2021.replace(old, new)
    found = lint(text)
    assert [f.code for f in found if f.code[3] in "45"] == ["GIP403"]


def test_stray_text_between_rows_is_skipped():
    text = GOOD_2021.replace("| （二）部分公开", "（续表）\n| （二）部分公开")
    assert grid(text, "t3") == grid(GOOD_2021, "t3")


def test_table_cut_off_by_the_end_of_the_text():
    cut = GOOD_2021[: GOOD_2021.index("| 6.属于四类过程性信息")] + "| 6.属于四类过程性信息 | 0 | 0"
    found = lint(cut)
    assert [f.code for f in found if f.code[3] in "45"] == []
    assert only("GIP007", cut)


def test_extra_subtotal_column_is_not_read_as_data():
    """Some tables add a 法人或其他组织 subtotal column; its rows do not fit the template."""
    text = GOOD_2021.replace(R, "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 1 | 0 | 0 | 0 | 0 | 9 |")
    assert [f.code for f in lint(text) if f.code[3] in "45"] == ["GIP403"]


# -- the real reports with complete tables are read completely, every cell ---------------

GRIDS = {'seeds/003_04e4e113578bc3e0.txt': {'t2.rules': '0 0 0',
                                    't2.normative': '0 0 0',
                                    't2.licensing': '276 -98 26878',
                                    't2.services': '36 28 562',
                                    't2.penalties': '0 0 0',
                                    't2.enforcement': '0 0 0',
                                    't2.fees': '0 0',
                                    't2.procurement': '0 0',
                                    't3.new': '0 0 0 0 0 0 0',
                                    't3.carried': '0 0 0 0 0 0 0',
                                    't3.open': '0 0 0 0 0 0 0',
                                    't3.partial': '0 0 0 0 0 0 0',
                                    't3.w-secret': '0 0 0 0 0 0 0',
                                    't3.w-law': '0 0 0 0 0 0 0',
                                    't3.w-security': '0 0 0 0 0 0 0',
                                    't3.w-third': '0 0 0 0 0 0 0',
                                    't3.w-internal': '0 0 0 0 0 0 0',
                                    't3.w-process': '0 0 0 0 0 0 0',
                                    't3.w-case': '0 0 0 0 0 0 0',
                                    't3.w-query': '0 0 0 0 0 0 0',
                                    't3.u-none': '0 0 0 0 0 0 0',
                                    't3.u-make': '0 0 0 0 0 0 0',
                                    't3.u-unclear': '0 0 0 0 0 0 0',
                                    't3.n-petition': '0 0 0 0 0 0 0',
                                    't3.n-repeat': '0 0 0 0 0 0 0',
                                    't3.n-publication': '0 0 0 0 0 0 0',
                                    't3.n-excessive': '0 0 0 0 0 0 0',
                                    't3.n-confirm': '0 0 0 0 0 0 0',
                                    't3.other-handling': '0 0 0 0 0 0 0',
                                    't3.total': '0 0 0 0 0 0 0',
                                    't3.forward': '0 0 0 0 0 0 0',
                                    't4.cases': '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'},
 'seeds/004_cfe21c01c8bc6a87.txt': {'t2.rules': '0 0 0',
                                    't2.normative': '2 2 2',
                                    't2.licensing': '0 0 0',
                                    't2.services': '0 0 0',
                                    't2.penalties': '0 0 0',
                                    't2.enforcement': '0 0 0',
                                    't2.fees': '0 0',
                                    't2.procurement': '8 3292078元',
                                    't3.new': '1 0 0 0 0 0 1',
                                    't3.carried': '0 0 0 0 0 0 0',
                                    't3.open': '0 0 0 0 0 0 0',
                                    't3.partial': '0 0 0 0 0 0 0',
                                    't3.w-secret': '0 0 0 0 0 0 0',
                                    't3.w-law': '0 0 0 0 0 0 0',
                                    't3.w-security': '0 0 0 0 0 0 0',
                                    't3.w-third': '1 0 0 0 0 0 1',
                                    't3.w-internal': '0 0 0 0 0 0 0',
                                    't3.w-process': '0 0 0 0 0 0 0',
                                    't3.w-case': '0 0 0 0 0 0 0',
                                    't3.w-query': '0 0 0 0 0 0 0',
                                    't3.u-none': '0 0 0 0 0 0 0',
                                    't3.u-make': '0 0 0 0 0 0 0',
                                    't3.u-unclear': '0 0 0 0 0 0 0',
                                    't3.n-petition': '0 0 0 0 0 0 0',
                                    't3.n-repeat': '0 0 0 0 0 0 0',
                                    't3.n-publication': '0 0 0 0 0 0 0',
                                    't3.n-excessive': '0 0 0 0 0 0 0',
                                    't3.n-confirm': '0 0 0 0 0 0 0',
                                    't3.other-handling': '0 0 0 0 0 0 0',
                                    't3.total': '1 0 0 0 0 0 1',
                                    't3.forward': '0 0 0 0 0 0 0',
                                    't4.cases': '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'},
 'real/001_shanghai-szfbgt_2019.txt': {'t2.rules': '13 13 524',
                                       't2.normative': '60 60 368',
                                       't2.licensing': '0 0 0',
                                       't2.services': '0 0 0',
                                       't2.penalties': '0 0 0',
                                       't2.enforcement': '0 0 0',
                                       't2.fees': '0 0',
                                       't2.procurement': '6 251000元',
                                       't3.new': '821 35 _ _ 2 1 859',
                                       't3.carried': '18 _ _ _ _ _ 18',
                                       't3.open': '258 12 _ _ 1 1 _',
                                       't3.partial': '3 _ _ _ _ _ _',
                                       't3.w-secret': '14 _ _ _ _ _ _',
                                       't3.w-law': '_ _ _ _ _ _ _',
                                       't3.w-security': '_ _ _ _ _ _ _',
                                       't3.w-third': '_ _ _ _ _ _ _',
                                       't3.w-internal': '5 _ _ _ _ _ _',
                                       't3.w-process': '3 1 _ _ _ _ _',
                                       't3.w-case': '_ _ _ _ _ _ _',
                                       't3.w-query': '10 2 _ _ _ _ _',
                                       't3.u-none': '252 12 _ _ 1 _ _',
                                       't3.u-make': '44 3 _ _ _ _ _',
                                       't3.u-unclear': '25 _ _ _ _ _ _',
                                       't3.n-petition': '148 1 _ _ _ _ _',
                                       't3.n-repeat': '5 4 _ _ _ _ _',
                                       't3.n-publication': '_ _ _ _ _ _ _',
                                       't3.n-excessive': '_ _ _ _ _ _ _',
                                       't3.n-confirm': '_ _ _ _ _ _ _',
                                       't3.other-handling': '_ _ _ _ _ _ _',
                                       't3.total': '767 35 _ _ 2 1 805',
                                       't3.forward': '72 _ _ _ _ _ 72',
                                       't4.cases': '5 _ _ 2 7 8 _ _ 1 9 _ _ _ _ _'},
 'real/126_shanghai-szfbgt_2025.txt': {'t2.rules': None,
                                       't2.normative': None,
                                       't2.licensing': '0',
                                       't2.penalties': '0',
                                       't2.enforcement': '0',
                                       't2.fees': '0',
                                       't3.new': '1259 36 0 0 0 0 1295',
                                       't3.carried': '170 15 0 0 4 0 189',
                                       't3.open': '201 5 0 0 0 0 206',
                                       't3.partial': '2 0 0 0 0 0 2',
                                       't3.w-secret': '4 0 0 0 0 0 4',
                                       't3.w-law': '0 0 0 0 0 0 0',
                                       't3.w-security': '1 0 0 0 0 0 1',
                                       't3.w-third': '0 0 0 0 0 0 0',
                                       't3.w-internal': '8 0 0 0 1 0 9',
                                       't3.w-process': '1 0 0 0 0 0 1',
                                       't3.w-case': '0 0 0 0 0 0 0',
                                       't3.w-query': '5 0 0 0 0 0 5',
                                       't3.u-none': '484 28 0 0 1 0 513',
                                       't3.u-make': '47 1 0 0 0 0 48',
                                       't3.u-unclear': '3 0 0 0 0 0 3',
                                       't3.n-petition': '61 1 0 0 0 0 62',
                                       't3.n-repeat': '16 0 0 0 0 0 16',
                                       't3.n-publication': '1 0 0 0 0 0 1',
                                       't3.n-excessive': '1 0 0 0 0 0 1',
                                       't3.n-confirm': '0 0 0 0 0 0 0',
                                       't3.o-overdue': '40 1 0 0 2 0 43',
                                       't3.o-unpaid': '0 0 0 0 0 0 0',
                                       't3.o-other': '264 12 0 0 0 0 276',
                                       't3.total': '1139 48 0 0 4 0 1191',
                                       't3.forward': '290 3 0 0 0 0 293',
                                       't4.cases': '40 0 10 5 55 2 0 4 6 12 6 0 9 7 22'},
 'real/127_shuyang-county_2025.txt': {'t2.rules': '0 0 0',
                                      't2.normative': '6 1 32',
                                      't2.licensing': '517645',
                                      't2.penalties': '693957',
                                      't2.enforcement': '2154',
                                      't2.fees': '4068.208',
                                      't3.new': '705 3 0 0 5 0 713',
                                      't3.carried': '36 0 0 0 0 0 36',
                                      't3.open': '290 1 0 0 3 0 294',
                                      't3.partial': '99 0 0 0 2 0 101',
                                      't3.w-secret': '0 0 0 0 0 0 0',
                                      't3.w-law': '0 0 0 0 0 0 0',
                                      't3.w-security': '2 0 0 0 0 0 2',
                                      't3.w-third': '2 0 0 0 0 0 2',
                                      't3.w-internal': '13 0 0 0 0 0 13',
                                      't3.w-process': '2 0 0 0 0 0 2',
                                      't3.w-case': '4 0 0 0 0 0 4',
                                      't3.w-query': '9 0 0 0 0 0 9',
                                      't3.u-none': '111 0 0 0 0 0 111',
                                      't3.u-make': '2 0 0 0 0 0 2',
                                      't3.u-unclear': '0 0 0 0 0 0 0',
                                      't3.n-petition': '12 0 0 0 0 0 12',
                                      't3.n-repeat': '6 1 0 0 0 0 7',
                                      't3.n-publication': '0 0 0 0 0 0 0',
                                      't3.n-excessive': '0 0 0 0 0 0 0',
                                      't3.n-confirm': '0 0 0 0 0 0 0',
                                      't3.o-overdue': '9 0 0 0 0 0 9',
                                      't3.o-unpaid': '7 0 0 0 0 0 7',
                                      't3.o-other': '142 1 0 0 0 0 143',
                                      't3.total': '710 3 0 0 5 0 718',
                                      't3.forward': '31 0 0 0 0 0 31',
                                      't4.cases': '27 10 9 15 61 3 0 0 0 3 8 0 1 1 10'}}


@needs_shared
@pytest.mark.parametrize("name", sorted(GRIDS))
def test_every_cell_of_the_corpus_tables(name):
    facts = Facts((CORPUS / name).read_text(encoding="utf-8"), linter().profiles)
    got = {}
    for tid, table in facts.tables.items():
        for rid, row in table.rows.items():
            got[f"{tid}.{rid}"] = None if row.cells is None else " ".join(c.raw or "_" for c in row.cells)
        assert table.missing == [], (tid, [r.id for r in table.missing])
    assert got == GRIDS[name]


@needs_shared
@pytest.mark.parametrize("name", sorted(GRIDS))
def test_corpus_tables_hold_their_identities(name):
    """MANIFEST: the identities hold in these reports (001 only leaves its 总计 cells blank)."""
    found = linter().lint_path(str(CORPUS / name)).findings
    assert [f for f in found if f.code[3] == "5" and f.code != "GIP504"] == []


@needs_shared
@pytest.mark.parametrize("name,code,needle", [
    ("real/097_gongzhuling-danganju_2021.txt", "GIP408", "本年新"),
    ("real/107_xiamen-renshe_2022.txt", "GIP410", "国办函〔2018〕12号"),
    ("real/117_jianshui-qinglongzhen_2019.txt", "GIP401", "二、主动公开政府信息情况"),
    ("real/001_shanghai-szfbgt_2019.txt", "GIP504", "（一）予以公开"),
    ("real/126_shanghai-szfbgt_2025.txt", "GIP403", "规章"),
])
def test_manifest_table_defects(name, code, needle):
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    found = [f for f in linter().lint_path(str(CORPUS / name)).findings if f.code == code]
    assert found and any(needle in lines[f.line - 1] for f in found), found


@needs_shared
def test_seeds_have_no_table_or_arithmetic_finding():
    for name in ("003_04e4e113578bc3e0.txt", "004_cfe21c01c8bc6a87.txt"):
        found = linter().lint_path(str(CORPUS / "seeds" / name)).findings
        assert [f for f in found if f.code[3] in "45"] == [], name


def test_prose_received_may_include_carried_over():
    # 9 new + 1 carried over: "受理10件" is a plausible scope, not a mismatch
    text = GOOD_2021.replace("全年新收政府信息公开申请9件", "全年受理政府信息公开申请10件")
    assert only("GIP508", text) == []


def test_prose_with_two_different_figures_is_ambiguous():
    text = GOOD_2021.replace("全年新收政府信息公开申请9件。", "全年新收政府信息公开申请12件，其中局机关新收政府信息公开申请7件。")
    assert only("GIP508", text) == []


@needs_shared
def test_table2_of_a_truncated_report_is_read():
    """015: section 二's table is complete although the text stops at table 三."""
    facts = Facts((CORPUS / "real" / "015_yangling-shenjiju_2022.txt").read_text(encoding="utf-8"), linter().profiles)
    t2 = facts.tables["t2"]
    assert t2.missing == [] and all(r.cells is not None for r in t2.rows.values())
    assert len(t2.rows) == 6


REAL_TABLES_2019 = ["real/001_shanghai-szfbgt_2019.txt", "seeds/003_04e4e113578bc3e0.txt", "seeds/004_cfe21c01c8bc6a87.txt",
                    "real-html/pingtan_2019.html"]


@needs_shared
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", REAL_TABLES_2019)
def test_real_2019_format_tables_in_every_layout(name, layout):
    """The same for real 2019-format tables 三, inside the clean report in the 2019 format."""
    base = as_2019_format(GOOD_2021.replace("2023", "2020"))
    six = "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    start = base.index("| （本列数据的勾稽关系为")
    end = base.index("| 四、结转下年度继续办理")
    end = base.index("\n", end) + 1
    assert six in base[start:end]
    text = base[:start] + _table3_of(CORPUS / name) + base[end:]
    want = grid(text, "t3")
    assert len(want) == 23 and all(v is not None for v in want.values())
    table = text[start:text.index("| 四、结转下年度继续办理", start)]
    table = table + text[text.index("| 四、结转下年度继续办理", start):].split("\n", 1)[0] + "\n"
    _same_or_flagged(text.replace(table, LAYOUTS[layout](table)), want, layout)


# Layouts that cannot show a blank cell for sure: space-separated PDF text drops it; one cell
# per line writes it as a lone "|", which real reports also use between cells (094); and with
# merged-cell padding a blank data cell and padding look alike.
LOSSY = {"pdf-text", "one-cell-per-line", "tabs-padded", "markdown-padded", "one-cell-per-line-padded"}


def _same_or_flagged(text: str, want: dict, layout: str) -> None:
    """Every row reads as in ``want``; in a lossy layout a row may instead be unread (reported
    as misaligned) or marked uncertain (never used in arithmetic) — but never silently wrong."""
    read = Facts(text, linter().profiles).tables["t3"]
    for rid, cells in want.items():
        row = read.rows.get(rid)
        got = None if row is None or row.cells is None else [c.number for c in row.cells]
        if got == cells:
            continue
        assert layout in LOSSY and (got is None or row.uncertain), (rid, got, cells)



def _tables_2_and_4_of(path) -> tuple[str, str]:
    """Tables 二 and 四 of a real 2021-format report as gipcheck read them, written back in the
    template's markdown form (block captions and header rows for 二, the 15 numbers for 四)."""
    if path.suffix == ".html":
        from gipcheck.sources.html import read_html

        text = read_html(str(path), path.read_bytes()).text
    else:
        text = path.read_text(encoding="utf-8")
    facts = Facts(text, linter().profiles)
    t2, t4 = facts.tables["t2"], facts.tables["t4"]
    lines = []
    for block in t2.spec.blocks:
        width = 4
        lines.append("| " + block.caption + " |" + " |" * (width - 1))
        heads = [c.label for c in block.columns]
        lines.append("| 信息内容 | " + " | ".join(heads) + " |" + " |" * (width - 1 - len(heads)))
        for r in block.rows:
            cells = [c.raw for c in t2.rows[r.id].cells]
            lines.append("| " + r.label + " | " + " | ".join(cells) + " |" + " |" * (width - 1 - len(cells)))
    four = t4.rows["cases"]
    from conftest import TABLE4

    head = "\n".join(TABLE4.strip().split("\n")[:3])
    return "\n".join(lines) + "\n", head + "\n| " + " | ".join(c.raw for c in four.cells) + " |\n"


@needs_shared
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", REAL_TABLES[:4] + ["real/127_shuyang-county_2025.txt"])
def test_real_tables_2_and_4_in_every_layout(name, layout):
    """Tables 二 and 四 of each complete real 2021-format report, written back and re-rendered in
    every layout inside a clean report, give the same grids."""
    from conftest import TABLE2, TABLE4

    t2, t4 = _tables_2_and_4_of(CORPUS / name)
    text = GOOD_2021.replace(TABLE2, t2).replace(TABLE4, t4)
    want2, want4 = grid(text, "t2"), grid(text, "t4")
    assert all(v is not None for v in want2.values()) and all(v is not None for v in want4.values())
    moved = GOOD_2021.replace(TABLE2, LAYOUTS[layout](t2)).replace(TABLE4, LAYOUTS[layout](t4))
    got2, got4 = grid(moved, "t2"), grid(moved, "t4")
    if layout in LOSSY:
        facts = Facts(moved, linter().profiles)
        for tid, want, got in (("t2", want2, got2), ("t4", want4, got4)):
            for rid, cells in want.items():
                row = facts.tables[tid].rows.get(rid)
                assert got.get(rid) in (cells, None) or row.uncertain, (tid, rid, got.get(rid), cells)
    else:
        assert (got2, got4) == (want2, want4)


@needs_shared
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", REAL_TABLES_2019)
def test_real_2019_format_tables_2_and_4_in_every_layout(name, layout):
    """Tables 二 and 四 of real 2019-format reports, inside the clean report in the 2019 format."""
    from conftest import TABLE4

    t2, t4 = _tables_2_and_4_of(CORPUS / name)
    base = as_2019_format(GOOD_2021.replace("2023", "2020"))
    text = base.replace(T2_2019, t2).replace(TABLE4, t4)
    want2, want4 = grid(text, "t2"), grid(text, "t4")
    assert all(v is not None for v in want2.values()) and all(v is not None for v in want4.values())
    moved = base.replace(T2_2019, LAYOUTS[layout](t2)).replace(TABLE4, LAYOUTS[layout](t4))
    facts = Facts(moved, linter().profiles)
    for tid, want in (("t2", want2), ("t4", want4)):
        for rid, cells in want.items():
            row = facts.tables[tid].rows.get(rid)
            got = None if row is None or row.cells is None else [c.number for c in row.cells]
            assert got == cells or layout in LOSSY and (got is None or row.uncertain), (tid, rid, got, cells)
