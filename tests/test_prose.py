"""Numbers in the prose (GIP511–514) and text quality (GIP601–604).

The sentence table (sentences written for the project, each with the findings it must give;
every pattern and every trap of spec §9.5) lives in the case files of its rules
(tests/rules/GIP511.yaml …), which tests/test_rule_cases.py runs; here the property test
reformats the numbers of every sentence inside a clean report and expects the same verdicts.
"""

from __future__ import annotations

import csv
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, GOOD_2021, ROOT, lint, linter, needs_shared, only

PLACE = "2023年，县交通运输局认真落实《条例》各项要求。"
CODES = {"GIP511", "GIP512", "GIP513", "GIP514", "GIP601", "GIP602"}

def _sentence_table() -> list[tuple[str, set[str], set[str]]]:
    """The prose sentence table, kept as the case files of its rules (tests/rules/GIP51x.yaml,
    GIP601/602): every one-line text case as (sentence, the codes it has cases for, the codes
    whose failing case it is)."""
    from gipcheck.testing import load_cases

    table: dict[str, tuple[set[str], set[str]]] = {}
    for code in sorted(CODES):
        for case in load_cases(ROOT / "tests" / "rules" / f"{code}.yaml"):
            text = case.data.get("text")
            if text is None or "\n" in str(text).strip() or case.data.get("options"):
                continue
            checked, failing = table.setdefault(str(text).strip(), (set(), set()))
            checked.add(code)
            if case.failing:
                failing.add(code)
    return [(s, c, f) for s, (c, f) in sorted(table.items())]


SENTENCES = _sentence_table()


def verdict(sentence: str) -> set[str]:
    assert PLACE in GOOD_2021
    return {f.code for f in lint(GOOD_2021.replace(PLACE, sentence)) if f.code in CODES}


def test_the_table_is_large_enough():
    assert len(SENTENCES) >= 60
    assert sum(1 for _, _, v in SENTENCES if v) >= 20 and sum(1 for _, _, v in SENTENCES if not v) >= 30


_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _separators(m: re.Match) -> str:
    digits = m.group()
    return f"{int(digits):,}" if len(digits) >= 4 and not digits.startswith("0") else digits


def reformat(sentence: str, how: str) -> str:
    """Rewrite the quantities only: never a document number, phone number or year."""
    def fix(m: re.Match) -> str:
        num = m.group(1)
        if how == "fullwidth":
            num = num.translate(_FULL)
        elif how == "separators":
            num = re.sub(r"\d+", _separators, num, count=1)
        elif how == "spaced":
            num = f" {num} "
        return num + m.group(2)

    return re.sub(r"(?<![\d〔.\-])(\d+(?:\.\d+)?)(\s*(?:个|条|件|次|万元|亿元|处|场|家|%))", fix, sentence)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(range(len(SENTENCES))), st.sampled_from(["fullwidth", "separators", "spaced"]))
def test_reformatting_numbers_never_changes_a_verdict(index, how):
    sentence, checked, expected = SENTENCES[index]
    assert verdict(sentence) & checked == expected, "the sentence's verdict inside a report differs from its case"
    assert verdict(reformat(sentence, how)) & checked == expected


def test_messages_show_the_computation():
    text = GOOD_2021.replace(PLACE, "累计交易额26195.25万元，累计节约资金752.44万元，节约率2.84%。")
    msg = only("GIP513", text)[0].message
    assert "752.44/26195.25 = 2.872%" in msg and "752.44/(752.44+26195.25) = 2.792%" in msg
    text = GOOD_2021.replace(PLACE, "共受理投资项目360个，其中审批类89个，备案类261个。")
    f = only("GIP511", text)[0]
    assert "89 + 261 = 350个" in f.message and f.text == "360个"


# -- repeated paragraphs and repeated reports ----------------------------------------------

P3 = "③社会救助和社会福利领域。2019年度我区社会救助信息公开渠道为区、镇公告栏，信息发布平台和广电媒体传播，公开数约为10多次。"
P5 = "⑤社会救助和社会福利领域。2019年度我区社会救助信息公开渠道为区、镇公告栏，信息发布平台和广电媒体传播，公开数约为10多次。医疗救助信息同步公开。"


def test_repeated_paragraph_names_the_earlier_place():
    text = GOOD_2021.replace(PLACE, PLACE + "\n" + P3 + "\n④医疗卫生领域。建立医院质量信息公开制度，每季度公示医院质量信息。\n" + P5)
    found = only("GIP603", text)
    assert len(found) == 1 and "⑤" in text.split("\n")[found[0].line - 1]
    assert f"第{text.split(chr(10)).index(P3) + 1}行" in found[0].message


def test_near_repeat_and_short_lines():
    a = "我局将进一步加强政府信息公开工作力度，防止工作松懈，确保工作有序推进，不断提高政府信息公开能力。"
    b = "我局将进一步加强政府信息公开工作力度，防止工作松懈，确保工作有序推进，持续提高政府信息公开能力。"
    assert only("GIP603", GOOD_2021.replace(PLACE, a + "\n" + b))
    assert only("GIP603", GOOD_2021.replace(PLACE, "无。\n无。")) == []
    assert only("GIP603", GOOD_2021) == []


def test_compare_with_last_years_report(tmp_path, capsys):
    from gipcheck.cli import run

    this_year = tmp_path / "2023.txt"
    last_year = tmp_path / "2022.txt"
    this_year.write_text(GOOD_2021, encoding="utf-8")
    last_year.write_text(GOOD_2021.replace("2023", "2022").replace("412", "398"), encoding="utf-8")
    code = run(["--no-plugins", "-f", "concise", "--select", "GIP604", "--compare", str(last_year), str(this_year)])
    out = capsys.readouterr().out
    assert code == 1 and "GIP604 warning" in out and "100%" in out
    other = tmp_path / "other.txt"
    other.write_text("某某镇2023年政府信息公开工作年度报告\n一、总体情况\n全镇持续推进政务公开标准化建设，群众满意度稳步提升。\n",
                     encoding="utf-8")
    code = run(["--no-plugins", "-f", "concise", "--select", "GIP604", "--compare", str(other), str(this_year)])
    out = capsys.readouterr().out
    assert code == 0 and "GIP604 info" in out


# -- the real corpus: every prose arithmetic finding is reviewed ----------------------------

REVIEW = ROOT / "tests" / "prose_review.tsv"


@needs_shared
def test_every_prose_arithmetic_finding_in_the_corpus_is_reviewed():
    rows = list(csv.DictReader(REVIEW.open(encoding="utf-8"), delimiter="\t"))
    reviewed = {(r["file"], int(r["line"]), r["code"]): r for r in rows}
    found = set()
    for path in sorted((CORPUS / "real").glob("*.txt")) + sorted((CORPUS / "seeds").glob("*.txt")):
        for f in linter().lint_path(str(path)).findings:
            if f.code in ("GIP511", "GIP512", "GIP513", "GIP514"):
                found.add((f"{path.parent.name}/{path.name}", f.line, f.code))
    assert found == set(reviewed), (sorted(found - set(reviewed)), sorted(set(reviewed) - found))
    assert all(r["verdict"] in ("true defect", "false alarm") for r in rows)
    assert [r for r in rows if r["verdict"] == "false alarm"] == []
