"""Numbers in the prose (GIP511–514) and text quality (GIP601–604).

SENTENCES is the table the prose issue asks for: sentences written for the project, each
with the findings it must give (an empty set: it must stay silent). Every pattern and every
trap of spec §9.5 is in it; the property test reformats the numbers and expects the same
verdicts.
"""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, GOOD_2021, ROOT, lint, linter, needs_shared, only

PLACE = "2023年，县交通运输局认真落实《条例》各项要求。"
CODES = {"GIP511", "GIP512", "GIP513", "GIP514", "GIP601", "GIP602"}

SENTENCES = [
    # totals with breakdowns
    ("共受理投资项目360个，其中审批类89个，备案类261个。", {"GIP511"}),
    ("共受理投资项目350个，其中审批类89个，备案类261个。", set()),
    ("公开信息84条，其中部门文件2条、政策解读3条、机构设置1条、主要职责78条。", set()),
    ("公开信息85条，其中部门文件2条、政策解读3条、机构设置1条、主要职责78条。", {"GIP511"}),
    ("全年办理业务148件；其中工程建设招投标70件，累计交易额26195.25万元；政府采购48件，累计交易额10183.05万元；国有土地出让30件。", set()),
    ("全年办理业务150件；其中工程建设招投标70件，累计交易额26195.25万元；政府采购48件；国有土地出让30件。", {"GIP511"}),
    ("共办理电子化交易项目103个，其中政府采购61个，工程建设42个；发布公告158个，其中无效项目6个，已选取152个。", set()),
    ("共办理电子化交易项目103个，其中政府采购61个，工程建设40个；发布公告158个，其中无效项目6个，已选取152个。", {"GIP511"}),
    ("公布各类信息共179条，其中机构职能2条、公开制度1条、工作动态信息97条、政务服务通报10条、政府采购信息19条、其他信息50余条。", set()),
    ("公布各类信息共100条，其中机构职能2条、公开制度1条、工作动态信息97条、其他信息50余条。", {"GIP511"}),
    ("主动公开政府信息583188余条，其中办事指南信息456条，结果公示582720条，办事咨询12条。", set()),
    ("主动公开政府信息583200余条，其中办事指南信息456条，结果公示582720条，办事咨询12条。", {"GIP511"}),
    ("主动公开政府信息583188余条。其中办事指南信息456条，结果公示582720条，办事咨询12条。", set()),
    ("市政府24个工作部门、4个事业单位、1个其他行政机构、7个乡镇、1个事业单位共37家单位。", set()),
    ("全市涉及检查事项的24个部门、7个乡镇(街道)共梳理出检查事项237项。", set()),
    ("3个部门、4个乡镇、2个街道共10个单位参加培训。", {"GIP511"}),
    ("3个部门、4个乡镇、3个街道共10个单位参加培训。", set()),
    ("全年受理申请20件，其中网上申请12件、信函申请5件等。", set()),
    ("全年受理申请20件，其中主要有网上申请12件、信函申请3件。", set()),
    ("全年政府门户网站发布各类信息3659条，其中政策文件352条，新闻类信息854条，政府会议19条。", set()),
    ("全年受理申请12件，其中依申请公开15件。", {"GIP512"}),
    ("全年受理申请12件，其中予以公开7件。", set()),
    ("2019年1月，共召开会议3次，其中专题会议2次，协调会1次。", set()),
    ("依据咸政办发〔2016〕87号文件，共清理文件20件，其中废止12件，修改8件。", set()),
    ("联系电话0715-8126517，共接听来电120次，其中咨询100次，投诉20次。", set()),
    ("全年共受理申请1,295件，其中自然人1,259件，法人36件。", set()),
    ("全年共受理申请１２９５件，其中自然人１２５９件，法人３６件。", set()),
    ("全年共受理申请1295件，其中自然人1259件，法人46件。", {"GIP511"}),
    ("累计投资126.26亿元，其中省级资金26.26亿元，县级资金100亿元。", set()),
    ("累计投资126.26亿元，其中省级资金26.2亿元，县级资金100亿元。", {"GIP511"}),
    ("共有二批企业参加，其中第一批12家，第二批13家。", set()),
    ("开展培训十二次，其中专题培训七次，业务培训五次。", set()),
    ("开展培训十二次，其中专题培训七次，业务培训六次。", {"GIP511"}),
    ("新增公开栏约30处，其中社区20处，村10处。", set()),
    ("近300个项目已公开，其中审批类100个，备案类150个。", set()),
    ("全年共举办新闻发布会12场，其中市政府新闻发布会8场，部门新闻发布会4场。", set()),
    ("全年共举办新闻发布会12场，其中市政府新闻发布会8场，部门新闻发布会5场。", {"GIP511"}),
    # rates
    ("我县中介超市发布公告158个，其中无效项目6个，已选取152个，节约资金304.75万元，节约率29.55%。", set()),
    ("累计交易额26195.25万元，累计节约资金752.44万元，节约率2.84%。", {"GIP513"}),
    ("累计交易额10183.05万元，累计节约资金916.07万元，节约率8.25%。", set()),
    ("累计交易额26195.25万元，累计节约资金752.44万元，节约率2.87%。", set()),
    ("累计交易额27997.76万元，增加收益金6057.0万元，增值率18.96%。", {"GIP513"}),
    ("全市共转接电话551次，转接成功337次，转接成功率97%。", {"GIP513"}),
    ("全市共转接电话551次，转接成功337次，转接成功率61%。", set()),
    ("全市共转接“96128”电话551次，转接成功337次，转接成功率61.2%。", set()),
    ("共受理投资项目350个，其中审批类89个，备案类261个，按时办结率100%。", set()),
    ("受理申请859件，答复805件，答复率93.7%。", set()),
    ("受理申请859件，答复805件，答复率95%。", {"GIP513"}),
    ("申请数量859件，较去年回落12.3%。", set()),
    ("办件满意率98%。", set()),
    ("在抖音41条短视频播放量超2300万，在相关话题所有播放量中占比26%。", set()),
    ("受理12件，办结率100%，办结12件。", set()),
    ("1500条信息中有2条属于依申请公开，占0.01%。", set()),
    ("主动公开信息1500条，其中概况信息876条，占58.4%，人事任免信息2条，占0.01%，其他信息622条。", {"GIP513"}),
    ("主动公开信息1500条，其中概况信息876条，占58.4%，人事任免信息2条，占0.13%，其他信息622条。", set()),
    # percentages above 100
    ("网上公开信息20条，所占比例为30%，公告栏公开信息45条，所占比例为75%。", {"GIP514"}),
    ("网上公开信息20条，所占比例为30.77%，公告栏公开信息45条，所占比例为69.23%。", set()),
    ("予以公开258件，占32.0%；不予公开19件，占2.4%。", set()),
    ("按时办结率达到105%。", {"GIP514"}),
    ("主动公开信息数量同比增长105%。", set()),
    # document numbers and brackets
    ("根据《关于印发实施方案的通知》(咸政办发〔201836号)要求开展工作。", {"GIP601"}),
    ("根据《关于印发实施方案的通知》(咸政办发〔2018〕36号)要求开展工作。", set()),
    ("根据市人民政府办公室印发关于贯彻落实的实施方案的通知》要求开展工作。", {"GIP602"}),
    ("严格实行咨询服务“一口清、发放资料“一手清”。", {"GIP602"}),
    ("开通了“美丽开远”官方微博、“美丽开远”微信公众号。", set()),
    ("推送《现在为您导航！2019上海再出发》作品。", set()),
    ("请与办公室联系（地址：府前路1号，电话：0571-1234567。）", set()),
    ("门户网站（http://www.linhai。gov。cn/html）可下载本报告。", set()),
    ("主要做法有：1）加强领导；2）完善制度。", set()),
    ("（一）加强组织领导，成立领导小组。", set()),
]


def verdict(sentence: str) -> set[str]:
    assert PLACE in GOOD_2021
    return {f.code for f in lint(GOOD_2021.replace(PLACE, sentence)) if f.code in CODES}


def test_the_table_is_large_enough():
    assert len(SENTENCES) >= 60
    assert sum(1 for _, v in SENTENCES if v) >= 20 and sum(1 for _, v in SENTENCES if not v) >= 30


@pytest.mark.parametrize("sentence,expected", SENTENCES, ids=[f"s{i:02d}" for i in range(len(SENTENCES))])
def test_sentence(sentence, expected):
    assert verdict(sentence) == expected


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
    sentence, expected = SENTENCES[index]
    assert verdict(reformat(sentence, how)) == expected


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


# -- every rule has a failing case (used by test_rules) ------------------------------------

FAILING = [("GIP511",), ("GIP512",), ("GIP513",), ("GIP514",), ("GIP601",), ("GIP602",), ("GIP603",), ("GIP604",)]


def test_failing_cases_exist_for_every_prose_rule():
    covered = set().union(*(v for _, v in SENTENCES)) | {"GIP603", "GIP604"}
    assert {c for (c,) in FAILING} <= covered


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
