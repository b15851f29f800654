"""Finer points of individual rules, beyond their case files (tests/rules/GIPnnn.yaml, which
hold each rule's failing and passing cases and are run by tests/test_rule_cases.py)."""

from __future__ import annotations

import pytest

from conftest import GOOD_2008, GOOD_2021, lint, only


def _line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")


# -- finer points of individual rules ---------------------------------------------------

def test_missing_section_matches_by_meaning_not_wording():
    text = GOOD_2021.replace("六、其他需要报告的事项", "六、需要说明的其他事项与附表")
    assert only("GIP101", text) == []
    text = GOOD_2021.replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进措施")
    assert only("GIP101", text) == []


def test_missing_section_nested_under_previous_table_is_a_warning():
    text = GOOD_2021.replace("五、存在的主要问题及改进情况\n", "（一）2023年工作中存在问题的改进情况\n")
    found = only("GIP101", text)
    assert [f.severity for f in found] == ["warning"]
    assert "（一）2023年工作中存在问题的改进情况" in text.split("\n")[found[0].line - 1]


def test_missing_section_in_truncated_text_is_not_reported_but_noted():
    cut = GOOD_2021[: GOOD_2021.index("四、政府信息公开行政复议")] + "四、政府信息公开行政复议、行政诉讼情况\n全年未发生行政复议和行政诉讼，也未"
    assert only("GIP101", cut) == []
    notes = only("GIP007", cut)
    assert len(notes) == 1 and "其他需要报告的事项" in notes[0].message


def test_declared_count_abbreviated_list_is_not_a_mismatch():
    text = GOOD_2021.replace(
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。",
        "报告全文由“总体情况”、“主动公开政府信息情况”等六个部分组成。")
    assert only("GIP104", text) == []
    assert only("GIP103", text) == []


def test_declared_count_more_sections_than_announced():
    text = GOOD_2021.replace("六部分组成", "等五个部分组成").replace(
        "本报告由总体情况、主动公开政府信息情况、", "本报告由总体情况、")
    found = only("GIP104", text)
    assert found and "6个一级章节" in found[0].message


def test_declared_part_split_at_enumeration_comma_is_one_part():
    text = GOOD_2008.replace("因政府信息公开申请行政复议和提起行政诉讼的情况", "因政府信息公开申请行政复议、提起行政诉讼的情况")
    assert only("GIP104", text) == [] and only("GIP103", text) == []


def test_period_with_end_year_omitted_and_line_break_inside():
    text = GOOD_2021.replace("统计期限为2023年1月1日至2023年12月31日", "统计期限为 2023\n年 1 月 1 日至 12 月 31 日")
    assert only("GIP202", text) == [] and only("GIP203", text) == []


def test_period_2008_may_start_on_may_first():
    text = GOOD_2008.replace("2016", "2008").replace("自2008年1月1日起", "自2008年5月1日起")
    assert only("GIP203", text) == []
    text = text.replace("自2008年5月1日起", "自2008年6月1日起")
    assert only("GIP203", text)


def test_malformed_period_is_not_also_missing_or_partial():
    text = GOOD_2021.replace("为2023年1月1日至2023年12月31日", "为202311日至20231231日")
    found = lint(text)
    assert [f.code for f in found if f.code.startswith("GIP2")] == ["GIP205"]
    assert "2023年1月1日至2023年12月31日" in found[[f.code for f in found].index("GIP205")].message


def test_ambiguous_malformed_period_is_unverifiable():
    text = GOOD_2021.replace("为2023年1月1日至2023年12月31日", "为2023111日至20231231日")
    found = only("GIP205", text)
    assert found and "无法确定" in found[0].message


@pytest.mark.parametrize("sentence", [
    "办理时限压缩至15日。", "应在180日内作出答复。", "全年共计120日以上。", "电话：0715-8126517。",
    "依据咸政办发〔2018〕36号文件。", "受理各类事项1291351件。",
])
def test_dates_that_are_not_malformed(sentence):
    text = GOOD_2021.replace("全年主动公开政府信息412条。", sentence)
    assert only("GIP206", text) == []


def test_hotline_is_not_contact_information():
    text = GOOD_2021.replace(
        "如对本报告有疑问，请联系县交通运输局办公室（地址：松阳湾县滨江路18号，邮编：323400，电话：0578-8061234）。",
        "群众可拨打“12345”政务服务热线或“96128”政务信息查询专线咨询。")
    assert only("GIP301", text)


def test_contact_found_in_last_section():
    text = GOOD_2021.replace(
        "如对本报告有疑问，请联系县交通运输局办公室（地址：松阳湾县滨江路18号，邮编：323400，电话：0578-8061234）。", ""
    ).replace("2023年，我局未收取信息处理费。", "2023年，我局未收取信息处理费。如有疑问请联系，联系电话：0715—8126517")
    assert only("GIP301", text) == [] and only("GIP303", text) == []


def test_contact_value_wrapped_to_next_line():
    text = GOOD_2021.replace("（地址：松阳湾县滨江路18号，邮编：323400，电话：0578-8061234）", "\n电话：\n0578-8061234")
    assert only("GIP301", text) == [] and only("GIP302", text) == []


def test_english_messages():
    text = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日")
    zh = only("GIP203", text)[0]
    en = only("GIP203", text, lang="en")[0]
    assert "不是完整的自然年" in zh.message
    assert "calendar year" in en.message and (en.line, en.column) == (zh.line, zh.column)


def test_profile_chosen_by_year_and_overridden():
    from conftest import linter

    assert linter().lint_text(GOOD_2021).profile == "gip-2021"
    assert linter().lint_text(GOOD_2021.replace("2023", "2020")).profile == "gip-2019"
    assert linter().lint_text(GOOD_2008).profile == "gip-2008"
    assert linter(profile="gip-2008").lint_text(GOOD_2021).profile == "gip-2008"


def test_finding_spans_point_at_the_original_characters():
    # full-width digits are read for matching, and the finding quotes them as written
    text = GOOD_2021.replace("全年主动公开政府信息412条。", "全年主动公开政府信息412条。（２０２３６月更新）")
    f = only("GIP206", text)[0]
    assert f.text == "２０２３６月" and "2023年6月" in f.message
    line = text.split("\n")[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "２０２３６月"
    text = GOOD_2021.replace("全年主动公开政府信息412条。", "全年主动公开政府信息412条，20236月更新。")
    f = only("GIP206", text)[0]
    line = text.split("\n")[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "20236月" == f.text


def test_fingerprint_is_stable_when_lines_are_inserted_above():
    text = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日")
    a = only("GIP203", text)[0]
    b = only("GIP203", "首页 > 政务公开\n\n" + text)[0]
    assert a.fingerprint == b.fingerprint and a.line != b.line


def test_select_and_ignore_by_code_prefix_and_name():
    text = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日")
    assert {f.code for f in lint(text, select=["GIP2"])} == {"GIP203"}
    assert lint(text, ignore=["period-not-calendar-year"]) == []
    assert lint(text, select=["GIP203"], ignore=["GIP20"]) == []


def test_contact_fields_on_one_line_without_separators():
    text = GOOD_2021.replace("（地址：松阳湾县滨江路18号，邮编：323400，电话：0578-8061234）",
                             "（地址：松阳湾县滨江路18号 邮编：323400 电话：0578-8061234 传真：0578-8061235）")
    assert only("GIP306", text) == [] and only("GIP301", text) == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["一、总体情况", "二、主动公开政府信息情况", "（一）", "1、", "| 1 | 2 | 3 |", "|", "共12件，其中5件、8件",
           "统计期限自2020年1月1日起至12月31日止", "201811日", "电话：0571-", "邮编：", "《", "》", "“", "〔2019",
           "节约率2.5%", "占30%", "\n", "。", "2021年某局政府信息公开工作年度报告", "三、本年度办理结果 | 0 | 0",
           "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "四、结转下年度继续办理 0 0 0 0 0 0 0"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=20)), max_size=40))
def test_no_rule_ever_crashes(pieces):
    found = lint("".join(pieces))
    assert [f.message for f in found if f.code == "GIP009"] == []


def test_traditional_characters_give_the_same_findings_at_the_same_places():
    """A report shown in 繁體 (a site's toggle) is checked converted, character for character."""
    import opencc

    to_traditional = opencc.OpenCC("s2t").convert
    for text in (GOOD_2021, GOOD_2021.replace("至2023年12月31日", "至2023年11月20日").replace("六部分组成", "五部分组成"),
                 GOOD_2008.replace("七、其他需要报告的事项\n无。\n", "")):
        trad = to_traditional(text)
        assert len(trad) == len(text)
        plain = [(f.code, f.line, f.column, f.end_column) for f in lint(text)]
        conv = lint(trad)
        assert [(f.code, f.line, f.column, f.end_column) for f in conv if f.code != "GIP013"] == plain
        assert [f.code for f in conv].count("GIP013") == 1
        assert all(f.text == trad[: len(f.text)] or f.text in trad for f in conv)
