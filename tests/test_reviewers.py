"""For reviewers of many reports: who and when (agency, year), the checks across consecutive years
(I-5, I-12, prose restating last year's figures), 雷同 across a collection, and the summary page
(checked in Debian's Chromium through Playwright, as the staff pages are)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import CORPUS, GOOD_2021, needs_shared
from gipcheck.collection import Collection, summarize
from gipcheck.engine import Linter
from gipcheck.facts import Facts
from gipcheck.facts.agency import agency_key, find_agency
from gipcheck.testing import make_collection

FORWARD = "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
CARRIED = "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
assert FORWARD in GOOD_2021 and CARRIED in GOOD_2021


def gipcheck(*args, cwd=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gipcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, "GIPCHECK_NO_CACHE": "1"})


def year(text: str, y: int) -> str:
    return text.replace("2023", str(y)).replace("2024", str(y + 1))


def pair(folder: Path, earlier: str, later: str, name: str = "松阳湾县交通运输局") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    a, b = folder / f"{name}-2022.txt", folder / f"{name}-2023.txt"
    a.write_text(earlier, encoding="utf-8")
    b.write_text(later, encoding="utf-8")
    return a, b


# -- who and when ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("蓬莱市统计局2010年政府信息公开工作年度报告\n一、概述", "蓬莱市统计局"),
    ("2022年上海市政府信息公开工作年度报告\n本年度报告根据条例编制。", "上海市"),
    ("政府信息公开工作年度报告\n现公布大涌镇人民政府办公室2009年政府信息公开工作年度报告。", "大涌镇人民政府办公室"),
    ("2014年政府信息公开年报\n根据条例要求，由伊宁县人民政府办公室编制。全文包括概述。", "伊宁县人民政府办公室"),
    ("壶镇镇人民政府信息公开年报\n一、概述", "壶镇镇人民政府"),
])
def test_agency_is_read_from_title_introduction_or_signature(text, name):
    facts = Facts(text, Linter().profiles)
    assert find_agency(facts).name == name


def test_agency_from_the_signature():
    text = GOOD_2021.split("\n", 1)[1].replace("松阳湾县交通运输局", "") + "\n\n松阳湾县交通运输局\n2024年1月20日\n"
    agency = find_agency(Facts(text, Linter().profiles))
    assert agency is not None and agency.source == "signature" and agency.name == "松阳湾县交通运输局"


def test_no_agency_is_better_than_a_wrong_one():
    facts = Facts("根据《中华人民共和国政府信息公开条例》规定，编制本报告。\n一、总体情况\n全年主动公开信息10条。",
                  Linter().profiles)
    assert find_agency(facts) is None


@pytest.mark.parametrize("a,b", [
    ("某县人民政府办公室", "某县政府办"),
    ("某县政府办公室", "某县人民政府办"),
    ("ＡＢ市统计局", "AB市统计局"),
    ("某县发展和改革委员会", "某县发展和改革委"),
    ("某县 统计局2023年度政府信息公开工作年度报告", "某县统计局"),
])
def test_agency_names_are_normalised(a, b):
    assert agency_key(a) == agency_key(b)


def test_json_and_sarif_name_the_agency_and_year(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(GOOD_2021.replace("| 9 |", "| 10 |", 1), encoding="utf-8")
    rows = json.loads(gipcheck(report, "-f", "json").stdout)
    assert rows and {(r["agency"], r["report_year"]) for r in rows} == {("松阳湾县交通运输局", 2023)}
    log = json.loads(gipcheck(report, "-f", "sarif").stdout)
    (artifact,) = log["runs"][0]["artifacts"]
    assert artifact["properties"] == {"agency": "松阳湾县交通运输局", "agencyKey": "松阳湾县交通运输局",
                                      "reportYear": 2023, "profile": "gip-2021"}
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 0 for r in log["runs"][0]["results"])


# -- across years --------------------------------------------------------------------------------

def test_broken_carry_over_is_reported_at_the_right_cell_of_both_reports(tmp_path):
    """I-5: 2022 carried 3 forward (自然人 3), 2023 says 1 was carried over."""
    earlier = year(GOOD_2021, 2022).replace(FORWARD, FORWARD.replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
                                                                     "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |"))
    a, b = pair(tmp_path / "reports", earlier, GOOD_2021)
    run = gipcheck(tmp_path / "reports", "-f", "sarif", "--select", "GIP521")
    assert run.returncode == 1, run.stderr
    results = json.loads(run.stdout)["runs"][0]["results"]
    by_file: dict = {}
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        by_file.setdefault(Path(unquote(loc["artifactLocation"]["uri"])).name, []).append(
            (loc["region"]["startLine"], loc["region"]["startColumn"], r))
    # the later report: at row 二、上年结转, columns 自然人 and 总计; the earlier: at row 四
    later_lines = GOOD_2021.split("\n")
    carried_line = later_lines.index(CARRIED) + 1
    earlier_lines = earlier.split("\n")
    forward_line = next(i for i, line in enumerate(earlier_lines, 1) if line.startswith("| 四、结转下年度"))
    got_later = sorted((line, col) for line, col, _ in by_file[b.name])
    got_earlier = sorted((line, col) for line, col, _ in by_file[a.name])
    assert got_later == [(carried_line, CARRIED.index("| 1 |") + 3), (carried_line, CARRIED.rindex("| 1 |") + 3)]
    forward_row = earlier_lines[forward_line - 1]
    assert got_earlier == [(forward_line, forward_row.index("| 3 |") + 3), (forward_line, forward_row.rindex("| 3 |") + 3)]
    # each finding names the other report and points at its cell
    for _line, _col, r in by_file[b.name]:
        (other,) = [x for x in r["relatedLocations"]
                    if unquote(x["physicalLocation"]["artifactLocation"]["uri"]).endswith(a.name)]
        assert other["physicalLocation"]["region"]["startLine"] == forward_line
        assert a.name in r["message"]["text"]


def test_in_force_difference_with_expiry_mentioned_stays_a_note(tmp_path):
    """I-12: 7 + 1 − 2 = 6, but 7 is given; the 2023 text says a document expired."""
    later = GOOD_2021.replace("全年主动公开政府信息412条。", "全年主动公开政府信息412条，其中1件行政规范性文件自然失效。")
    pair(tmp_path / "r", year(GOOD_2021, 2022), later)
    rows = json.loads(gipcheck(tmp_path / "r", "-f", "json", "--select", "GIP522").stdout)
    (finding,) = rows
    assert finding["severity"] == "info" and "自然失效" in finding["message"] and "可能合理地造成差异" in finding["message"]
    pair(tmp_path / "s", year(GOOD_2021, 2022), GOOD_2021)
    (plain,) = json.loads(gipcheck(tmp_path / "s", "-f", "json", "--select", "GIP522").stdout)
    assert plain["severity"] == "warning"


def test_previous_pairs_one_report_explicitly(tmp_path):
    earlier = year(GOOD_2021, 2022).replace("松阳湾县交通运输局", "松阳湾县交通局", 1).replace(
        FORWARD, FORWARD.replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |"))
    a, b = pair(tmp_path, earlier, GOOD_2021)
    assert json.loads(gipcheck(b, "-f", "json", "--select", "GIP521").stdout) == []  # one report: no pair
    rows = json.loads(gipcheck(b, "--previous", a, "-f", "json", "--select", "GIP521,GIP604").stdout)
    assert {r["code"] for r in rows} == {"GIP521", "GIP604"} and {r["path"] for r in rows} == {str(b)}
    run = gipcheck(tmp_path, "--previous", a)
    assert run.returncode == 2 and "--previous" in run.stderr


def test_two_files_of_one_agency_and_year_are_not_paired(tmp_path):
    """Which of the two was meant? No pair, no finding."""
    folder = tmp_path / "r"
    a, b = pair(folder, year(GOOD_2021, 2022), GOOD_2021)
    (folder / "copy-2023.txt").write_text(GOOD_2021.replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 5 | 0 | 0 | 0 | 0 | 0 | 5 |"),
                                          encoding="utf-8")
    assert json.loads(gipcheck(folder, "-f", "json", "--select", "GIP521,GIP522,GIP523").stdout) == []


def test_reports_of_different_agencies_are_not_paired(tmp_path):
    folder = tmp_path / "r"
    pair(folder, year(GOOD_2021, 2022).replace("松阳湾县交通运输局", "松阳湾县水利局", 1), GOOD_2021)
    assert json.loads(gipcheck(folder, "-f", "json", "--select", "GIP521,GIP522,GIP523,GIP604").stdout) == []


# -- 雷同 across a collection --------------------------------------------------------------------------

def test_a_copied_report_is_found_among_two_thousand(tmp_path):
    folder = tmp_path / "reports"
    paths = make_collection(folder, 2000, seed=11)
    original = Path(paths[1234])
    text = original.read_text(encoding="utf-8")
    agency = text.split("\n", 1)[0].split("20")[0]
    copy = folder / "抄袭.txt"
    copy.write_text(text.replace(agency, "凤台县审计局"), encoding="utf-8")
    # a second copy, reworded in a few sentences: about 70 % of its sentences are another's
    import random

    from gipcheck.testing import collection_sentence

    second = Path(paths[567])
    lines = second.read_text(encoding="utf-8").split("\n")
    prose = max(range(len(lines)), key=lambda i: lines[i].count("。"))
    sentences = [x + "。" for x in lines[prose].split("。") if x]
    rng = random.Random(5)
    for i in rng.sample(range(len(sentences)), 3):
        sentences[i] = collection_sentence(rng)
    lines[prose] = "".join(sentences)
    agency2 = lines[0].split("20")[0]
    reworded = folder / "改写.txt"
    reworded.write_text("\n".join(lines).replace(agency2, "梅林区信访局"), encoding="utf-8")
    run = gipcheck(folder, "-f", "json", "--select", "GIP607", "-j", "2", timeout=600)
    assert run.returncode == 1, run.stderr
    rows = json.loads(run.stdout)
    assert sorted(Path(r["path"]).name for r in rows) == sorted([original.name, copy.name, second.name,
                                                                  reworded.name])
    assert all(r["other"]["path"] in (str(original), str(copy)) for r in rows if "抄袭" in r["path"])


def test_summaries_feed_the_collection_one_at_a_time():
    """A Collection keeps summaries, never texts: the sentences are hashed, the MinHash dropped."""
    linter = Linter(keep_summary=True)
    collection = Collection(linter, expected=10_000)  # a large collection: MinHashes made with the summaries
    result = linter.lint_text(GOOD_2021, "a.txt")
    s = result.summary
    assert s["agency"]["name"] == "松阳湾县交通运输局" and s["year"] == 2023
    assert all(len(h) == 16 for h in s["sentences"]) and len(s["minhash"]) == 128
    collection.add("a.txt", s)
    assert "minhash" not in collection.reports["a.txt"].summary
    assert GOOD_2021[:20] not in json.dumps(collection.reports["a.txt"].summary, ensure_ascii=False)


@needs_shared
def test_corpus_reports_pair_on_the_right_year():
    """Every real report that could be paired automatically (a qualified agency name and a year
    from its title, introduction or period) has the year its file name gives, and no two of them
    from different files form a false pair."""
    import re

    linter = Linter()
    pairable = 0
    keys: dict = {}
    for path in sorted((CORPUS / "real-b").glob("*.txt")) + sorted((CORPUS / "real").glob("*.txt")):
        facts = Facts(path.read_text(encoding="utf-8", errors="replace"), linter.profiles)
        summary = summarize(facts)
        json.dumps(summary)  # plain data, for the cache
        named = re.search(r"_((?:19|20)\d\d)", path.name)
        agency = summary.get("agency") or {}
        if agency.get("qualified") and summary.get("year_source") in ("title", "preamble", "period") and named:
            pairable += 1
            assert summary["year"] == int(named.group(1)), path.name
            keys.setdefault((agency["key"], summary["year"]), []).append(path.name)
    assert pairable >= 30
    assert all(len(v) == 1 for v in keys.values()), [v for v in keys.values() if len(v) > 1]


# -- the summary of a collection ---------------------------------------------------------------------

def _collection(tmp_path) -> Path:
    folder = tmp_path / "reports"
    make_collection(folder, 6, seed=2)
    bad = folder / "松阳湾县统计局-2023.txt"
    bad.write_text(GOOD_2021.replace("松阳湾县交通运输局", "松阳湾县统计局").replace(
        CARRIED, CARRIED.replace("| 1 |", "| 4 |", 1)), encoding="utf-8")
    return folder


def test_summary_csv_opens_in_excel(tmp_path):
    folder = _collection(tmp_path)
    out = tmp_path / "汇总.csv"
    run = gipcheck(folder, "--summary", out, "-f", "concise")
    assert run.returncode == 1 and "已写入汇总" in run.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads the Chinese
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 7 and {"文件", "机关", "年度", "错误", "警告", "提示", "主要问题"} <= set(rows[0])
    stats = next(r for r in rows if r["机关"] == "松阳湾县统计局")
    assert stats["年度"] == "2023" and int(stats["错误"]) >= 1 and "GIP50" in stats["主要问题"]
    rules = list(csv.DictReader((tmp_path / "汇总-规则.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert any(r["规则"].startswith("GIP50") and int(r["有此问题的报告数"]) == 1 for r in rules)


def test_summary_rejects_other_names(tmp_path):
    run = gipcheck(tmp_path, "--summary", tmp_path / "x.txt")
    assert run.returncode == 2 and ".html" in run.stderr


def test_summary_page_filters_by_rule_and_links_to_reports(tmp_path, browser):
    from playwright.sync_api import expect

    folder = _collection(tmp_path)
    stamps = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    out = tmp_path / "汇总.html"
    assert gipcheck(folder, "--summary", out).returncode == 1
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    rows = page.locator("#reports tbody tr")
    assert rows.count() == 7
    # filter by rule: only the report that fails GIP503 stays
    page.select_option("#f-rule", "GIP503")
    expect(page.locator("#reports tbody tr:not([hidden])")).to_have_count(1)
    visible = page.locator("#reports tbody tr:not([hidden])")
    assert "松阳湾县统计局" in visible.inner_text()
    expect(page.locator("#shown")).to_contain_text("1 / 7")
    # by agency (typed), by year, by severity
    page.select_option("#f-rule", "")
    page.fill("#f-agency", "松阳湾县水利局")
    assert page.locator("#reports tbody tr:not([hidden])").count() == 2
    page.fill("#f-agency", "")
    page.select_option("#f-year", "2022")
    assert page.locator("#reports tbody tr:not([hidden])").count() == 3
    page.select_option("#f-year", "")
    page.select_option("#f-severity", "error")
    assert page.locator("#reports tbody tr:not([hidden])").count() == 1
    page.select_option("#f-severity", "")
    # sorting by errors puts the failing report first (descending on the second click)
    header = page.locator("#reports thead th").nth(4)
    header.click()
    header.click()
    assert "松阳湾县统计局" in page.locator("#reports tbody tr").first.inner_text()
    # the rule table's link filters the reports too
    page.locator("#rules a.rule-filter", has_text="GIP503").click()
    expect(page.locator("#reports tbody tr:not([hidden])")).to_have_count(1)
    assert page.locator("svg.chart rect.bar").count() == 7
    shot = tmp_path / "reviewers-summary.png"
    page.screenshot(path=str(shot))
    target = os.environ.get("GIPCHECK_SCREENSHOTS")
    if target:
        import shutil

        folder_out = Path(target) if Path(target).is_absolute() else Path(__file__).resolve().parent.parent / target
        folder_out.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, folder_out / shot.name)
    # follow the link to the report's own page: its table 三 is drawn with the wrong cell marked
    page.locator("#reports tbody tr:not([hidden]) a").click()
    page.wait_for_load_state()
    assert "检查结果" in page.title()
    assert page.locator("table.grid[data-table='t3'] td.bad").count() >= 1
    assert all(u.startswith("file://") for u in requests), requests
    page.close()
    assert stamps == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


# -- what the review found ---------------------------------------------------------------------------

def test_generic_agency_names_do_not_pair(tmp_path):
    """“区统计局” names no district: two of them are not one agency's two years."""
    folder = tmp_path / "r"
    earlier = year(GOOD_2021, 2022).replace("松阳湾县交通运输局", "区统计局", 1)
    later = GOOD_2021.replace("松阳湾县交通运输局", "区统计局", 1).replace(CARRIED, CARRIED.replace("| 1 |", "| 6 |", 1))
    pair(folder, earlier, later, name="区统计局")
    assert json.loads(gipcheck(folder, "-f", "json", "--select", "GIP521,GIP522,GIP604").stdout) == []


def test_previous_checks_its_partner(tmp_path):
    a, b = pair(tmp_path, year(GOOD_2021, 2022), GOOD_2021)
    same = gipcheck(b, "--previous", b)
    assert same.returncode == 2 and "同一个文件" in same.stderr
    missing = gipcheck(b, "--previous", tmp_path / "none.txt", "-f", "json")
    assert missing.returncode == 2 and "无法读取" in missing.stderr and "Traceback" not in missing.stderr
    old = tmp_path / "old.txt"
    old.write_text(year(GOOD_2021, 2019).replace(FORWARD, FORWARD.replace("| 1 |", "| 5 |", 1)), encoding="utf-8")
    far = gipcheck(b, "--previous", old, "-f", "json", "--select", "GIP521,GIP522,GIP523")
    assert "不是 2023 的前一年" in far.stderr and json.loads(far.stdout) == []
    backwards = gipcheck(a, "--previous", b, "-f", "json", "--select", "GIP521,GIP522,GIP523")
    assert json.loads(backwards.stdout) == [] and "不是 2022 的前一年" in backwards.stderr


def test_the_same_file_twice_in_a_large_collection_is_one_report():
    linter = Linter(keep_summary=True)
    collection = Collection(linter, expected=5000)  # the LSH path
    result = linter.lint_text(GOOD_2021, "a.txt")
    collection.add("a.txt", dict(result.summary))
    collection.add("a.txt", dict(result.summary))
    assert len(collection.reports) == 1 and collection.findings() == {}


def test_blank_cells_carry_no_figure(tmp_path):
    """A row left blank last year says nothing about what was carried over."""
    earlier = year(GOOD_2021, 2022).replace(FORWARD, "| 四、结转下年度继续办理 |  |  |  |  |  |  |  |")
    pair(tmp_path / "r", earlier, GOOD_2021)
    assert json.loads(gipcheck(tmp_path / "r", "-f", "json", "--select", "GIP521").stdout) == []


def test_findings_across_word_reports_name_the_cell(tmp_path):
    """A pair of .docx reports: GIP521 carries the Word table, row and cell, so that --annotate-dir
    puts the comment in the cell, not on the title."""
    from docmaker import make_docx

    folder = tmp_path / "r"
    folder.mkdir()
    earlier = year(GOOD_2021, 2022).replace(FORWARD, FORWARD.replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
                                                                     "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |"))
    (folder / "a-2022.docx").write_bytes(make_docx(earlier))
    (folder / "a-2023.docx").write_bytes(make_docx(GOOD_2021))
    rows = json.loads(gipcheck(folder, "-f", "json", "--select", "GIP521").stdout)
    assert len(rows) == 4 and all({"table", "row", "cell"} <= set(r) for r in rows)
    later = sorted((r["row"], r["cell"]) for r in rows if r["path"].endswith("2023.docx"))
    assert later == [(3, 2), (3, 8)]  # Word table 2, row 3 (二、上年结转), cells 自然人 and 总计
