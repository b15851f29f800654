"""Acceptance tests on ../shared/corpus (skipped when it is absent).

* the five sample reports against ``corpus/expected/`` — every must_find item of the
  families this project checks so far (sections, period, contact, tables, and the
  period/text dates), and every must_not_find item of every family;
* every real report lints without a crash, and the defects its MANIFEST notes that fall in
  these families are found, at the place they are in;
* the clean written examples give nothing at warning or error level.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS, EXAMPLES, linter, needs_shared

FAMILY = {"processing": 0, "sections": 1, "period": 2, "contact": 3, "tables": 4, "arithmetic": 5, "text": 6}
# Families whose must_find items this project covers: all of them.
IMPLEMENTED = {0, 1, 2, 3, 4, 5, 6}


def _expected():
    if not (CORPUS / "expected").is_dir():
        return []
    from ruamel.yaml import YAML

    out = []
    for path in sorted((CORPUS / "expected").glob("*.yaml")):
        spec = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for kind in ("must_find", "must_not_find"):
            for i, item in enumerate(spec.get(kind) or []):
                out.append(pytest.param(spec, kind, item, id=f"{spec['file'][:3]}-{kind}-{i}"))
    return out


def _lint_seed(name: str):
    path = CORPUS / "seeds" / name
    text = path.read_text(encoding="utf-8")
    return text.split("\n"), linter().lint_path(str(path)).findings


def _matches(item, finding, lines) -> bool:
    fams = item["family"] if isinstance(item["family"], list) else [item["family"]]
    if int(finding.code[3]) not in {FAMILY[f] for f in fams}:
        return False
    needle = item.get("line_contains")
    return not needle or needle in lines[finding.line - 1]


@needs_shared
@pytest.mark.parametrize("spec,kind,item", _expected())
def test_expected(spec, kind, item):
    lines, findings = _lint_seed(spec["file"])
    fams = item["family"] if isinstance(item["family"], list) else [item["family"]]
    if kind == "must_find":
        if not {FAMILY[f] for f in fams} & IMPLEMENTED:
            pytest.skip(f"{fams} checks belong to a later issue")
        assert any(_matches(item, f, lines) for f in findings), item["what"]
    else:
        wrong = [f for f in findings if _matches(item, f, lines) and f.severity in ("error", "warning")]
        assert not wrong, f"{item['what']}: {wrong[0].code} {wrong[0].message}"


@needs_shared
@pytest.mark.parametrize("name,levels", [
    ("003_04e4e113578bc3e0.txt", ("error", "warning")),  # "no error- or warning-level finding"
    ("004_cfe21c01c8bc6a87.txt", ("error",)),
])
def test_clean_seeds(name, levels):
    _, findings = _lint_seed(name)
    assert [f for f in findings if f.severity in levels] == []


@needs_shared
def test_seed_profiles_and_years():
    from ruamel.yaml import YAML

    for path in sorted((CORPUS / "expected").glob("*.yaml")):
        spec = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        result = linter().lint_path(str(CORPUS / "seeds" / spec["file"]))
        assert (result.year, result.profile) == (spec["report_year"], spec["profile"]), spec["file"]


def _real():
    folder = CORPUS / "real"
    return sorted(p.name for p in folder.glob("*.txt")) if folder.is_dir() else []


@needs_shared
@pytest.mark.parametrize("name", _real())
def test_real_report_lints_without_crash(name):
    result = linter().lint_path(str(CORPUS / "real" / name))
    assert not result.unreadable
    assert [f for f in result.findings if f.code == "GIP009"] == []
    text = (CORPUS / "real" / name).read_text(encoding="utf-8").split("\n")
    for f in result.findings:
        assert 1 <= f.line <= len(text) and 1 <= f.column <= len(text[f.line - 1]) + 1


# (file, code, text on the flagged line, what the MANIFEST says)
MANIFEST_CASES = [
    ("003_zoucheng-tangcunzhen_2010.txt", "GIP101", None, "no 存在的主要问题及改进 section"),
    ("007_leshan-wutongqiao-qzfb_2019.txt", "GIP109", "五个部分", "old-style 5-part structure announced"),
    ("023_mohe-xinghuaxiang_2010.txt", "GIP206", "截止20101231日", "garbled date 截止20101231日"),
    ("025_guojia-shuiwuzongju_2010.txt", "GIP302", "邮编:电话:传真:", "contact sentence has empty fields"),
    ("027_dongyang-liushijiedao_2017.txt", "GIP104", "八部分", "intro says 八部分 but lists seven"),
    ("039_kaiyang-fengsanzhen_2020.txt", "GIP109", "五个部分", "intro lists 五个部分 and omits 复议诉讼"),
    ("055_putian-hanjiang-weishengju_2011.txt", "GIP105", "一、概述", "numbering 一、引言 / 一、概述 / 三、"),
    ("059_linhai-weishengju_2008.txt", "GIP305", "。com", "e-mails use full-width 。"),
    ("075_ruian-gaolouzhen_2011.txt", "GIP104", "七部分", "intro says 七部分 but lists eight"),
    ("083_chuzhou-guotuziyuanju_2014.txt", "GIP104", "六个部分", "intro says 六个部分 but lists five"),
    ("087_tljq-xiang_2017.txt", "GIP104", "五部分", "intro says 五部分 but body has six sections"),
    ("087_tljq-xiang_2017.txt", "GIP202", None, "no statistic-period sentence"),
    ("005_tunchang-bureau_2015.txt", "GIP202", None, "no statistic-period sentence"),
    ("121_leiyang-mashuizhen_2019.txt", "GIP205", "自201911日起至20191231日止", "statistic period garbled"),
    ("126_shanghai-szfbgt_2025.txt", "GIP101", "工作中存在问题的改进情况", "section 五 runs on from table 四 without a heading"),
]


@needs_shared
@pytest.mark.parametrize("name,code,needle,what", MANIFEST_CASES, ids=[f"{c[0][:3]}-{c[1]}" for c in MANIFEST_CASES])
def test_manifest_defects_are_found(name, code, needle, what):
    path = CORPUS / "real" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    found = [f for f in linter().lint_path(str(path)).findings if f.code == code]
    assert found, what
    if needle:
        assert any(needle in lines[f.line - 1] for f in found), (what, [(f.line, f.message) for f in found])


@needs_shared
@pytest.mark.parametrize("name", [
    # complete reports that state their period, contact and sections properly
    "019_yiwu-yitingzhen_2009.txt", "035_zoucheng-tangcunzhen_2020.txt", "043_hongshengxiang_2021.txt",
    "067_wuhan-qiaokou-qzfb_2024.txt", "073_rongcheng-xinfangju_2025.txt",
])
def test_no_errors_on_well_formed_real_reports(name):
    findings = linter().lint_path(str(CORPUS / "real" / name)).findings
    assert [f for f in findings if f.severity == "error"] == []


@needs_shared
def test_real_corpus_has_no_error_on_a_truncated_file():
    """Truncated excerpts may lack sections: that is said once (GIP007), calmly, never as an error."""
    import csv

    rows = list(csv.DictReader((CORPUS / "real" / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
    partial = [r["file"] for r in rows if r["complete"] == "partial"]
    assert partial
    for name in partial:
        findings = linter().lint_path(str(CORPUS / "real" / name)).findings
        errors = [f for f in findings if f.severity == "error" and f.code in ("GIP101", "GIP202", "GIP301")]
        assert errors == [], (name, errors[0].message)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("clean_*.txt")) + (
    [CORPUS / "examples" / "qinghe_district_2024_clean.txt"] if (CORPUS / "examples").is_dir() else []),
    ids=lambda p: p.name)
def test_clean_examples(path):
    findings = linter().lint_path(str(path)).findings
    assert [f for f in findings if f.severity in ("error", "warning")] == []


def test_defective_example_finds_what_it_was_written_with():
    found = {f.code for f in linter().lint_path(str(EXAMPLES / "defects_2018_report.txt")).findings}
    assert {"GIP101", "GIP103", "GIP105", "GIP203", "GIP206", "GIP301"} <= found
