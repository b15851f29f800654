"""The CI output formats: SARIF 2.1.0 (checked against the official schema), GitHub Actions
workflow commands and job summary, GitLab Code Quality and JUnit XML (read back with a JUnit
reader). Every format is deterministic and lets no control character through raw."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import GOOD_2021, ROOT, linter
from gipcheck import __version__
from gipcheck.checks.base import Finding
from gipcheck.engine import FileResult
from gipcheck.formatters import github as gh
from gipcheck.formatters.github import GithubFormatter, github_default
from gipcheck.formatters.gitlab import GitlabFormatter
from gipcheck.formatters.junit import JunitFormatter
from gipcheck.formatters.sarif import DEFAULT_INFORMATION_URI, SarifFormatter, information_uri
from gipcheck.plugins import plugin_manager

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install -e '.[test]')")
junitparser = pytest.importorskip("junitparser", reason="junitparser is not installed (pip install -e '.[test]')")

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# the clean report with defects of each severity: an error (GIP203), a warning (GIP511), a note (GIP605)
SOURCE = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日").replace(
    "全年主动公开政府信息412条。", "全年主动公开政府信息412条，其中政策文件6条、通知公告118条、工作动态280条。").replace(
    "认真落实《条例》", "认真落实落实《条例》")

FORMATS = {"sarif": SarifFormatter, "github": GithubFormatter, "gitlab": GitlabFormatter, "junit": JunitFormatter}
HOSTILE = 'a <tag> & "quote" \x1b[2J cleared \x00 nul \x9b csi'


def render(cls, results, **kw) -> str:
    out = io.StringIO()
    cls(**kw).render(results, out)
    return out.getvalue()


def lint_file(path: Path, text: str = SOURCE, **kw) -> FileResult:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return linter(**kw).lint_path(str(path))


@pytest.fixture
def results(tmp_path) -> list[FileResult]:
    """Real results: a report with findings under a non-ASCII name with special characters, a
    clean one, an unreadable one, and a report whose findings carry a fix (one a deletion) and
    a whole-file finding at line 0 (as a plugin's reader may give)."""
    bad = lint_file(tmp_path / "年报 2023 #1%.txt")
    assert {f.severity for f in bad.findings} == {"error", "warning", "info"}
    good = lint_file(tmp_path / "sub" / "good.txt", GOOD_2021)
    assert good.findings == []
    missing = linter().lint_path(str(tmp_path / "missing.txt"))
    assert missing.unreadable and missing.findings[0].code == "GIP001"
    fixed = lint_file(tmp_path / "fixed.txt")
    period = next(f for f in fixed.findings if f.code == "GIP203")
    doubled = next(f for f in fixed.findings if f.code == "GIP605")
    whole = dataclasses.replace(fixed.findings[0], line=0, column=0, end_line=0, end_column=0)
    fixed.findings = [dataclasses.replace(period, fix="所列数据的统计期限为2023年1月1日至2023年12月31日"),
                      dataclasses.replace(doubled, fix=""), whole]
    return [bad, good, missing, fixed]


# -- SARIF ----------------------------------------------------------------------------------

def sarif_errors(log: dict) -> list[str]:
    cls = jsonschema.validators.validator_for(SCHEMA)
    assert cls is jsonschema.Draft7Validator  # the official schema is draft-07
    validator = cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


_URI = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})+")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("with_rules", [True, False], ids=["rules", "no-rules"])
def test_sarif_is_valid_against_the_official_schema(results, tmp_path, lang, with_rules):
    rules = linter(lang=lang).all_rules if with_rules else None
    log = json.loads(render(SarifFormatter, results, lang=lang, rules=rules, cwd=str(tmp_path)))
    assert sarif_errors(log) == []
    run = log["runs"][0]
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == sum(len(r.findings) for r in results)
    for res in run["results"]:
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert _URI.fullmatch(loc["artifactLocation"]["uri"]), loc["artifactLocation"]["uri"]
        reg = loc["region"]
        assert reg["startLine"] >= 1 and reg["startColumn"] >= 1
        assert (reg["endLine"], reg["endColumn"]) >= (reg["startLine"], reg["startColumn"])


def test_sarif_schema_file_is_the_official_one():
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["$id"].endswith("oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json")
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    # and it does reject what is not SARIF
    assert sarif_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_rule_metadata(results, tmp_path, lang):
    all_rules = linter(lang=lang).all_rules
    log = json.loads(render(SarifFormatter, results, lang=lang, rules=all_rules, cwd=str(tmp_path)))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "gipcheck" and driver["version"] == __version__
    assert driver["informationUri"] == information_uri() == DEFAULT_INFORMATION_URI  # no [project.urls]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in all_rules]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule, desc in zip(all_rules, driver["rules"]):
        assert desc["name"] == rule.name
        assert desc["shortDescription"]["text"] == (rule.summary_en if lang == "en" else rule.summary)
        full = desc["fullDescription"]["text"]
        assert full.startswith("What it checks" if lang == "en" else "检查内容"), (rule.code, full)
        assert "\n" not in full
        assert desc["helpUri"] == f"{DEFAULT_INFORMATION_URI}/blob/main/docs/rules/{rule.code}.md"
        assert (ROOT / "docs" / "rules" / f"{rule.code}.md").is_file()
        assert desc["defaultConfiguration"]["level"] == levels[rule.default_severity]
    by_id = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert by_id["GIP203"]["level"] == "error" and by_id["GIP511"]["level"] == "warning"
    assert by_id["GIP605"]["level"] == "note"
    # a wrapped English paragraph is joined with spaces, not glued
    gip401 = next(d for d in driver["rules"] if d["id"] == "GIP401")["fullDescription"]["text"]
    if lang == "en":
        assert "has a heading but no table text" in gip401
    else:
        assert gip401 == "检查内容：适用格式要求的统计表（表二、表三、表四）在其章节下是否有表格文字。"


def test_sarif_without_a_rule_list_describes_the_rules_found(results, tmp_path):
    log = json.loads(render(SarifFormatter, results, cwd=str(tmp_path)))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    found = sorted({f.code for r in results for f in r.findings})
    assert [r["id"] for r in rules] == found


def test_sarif_locations_and_fixes(results, tmp_path):
    log = json.loads(render(SarifFormatter, results, rules=linter().all_rules, cwd=str(tmp_path)))
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    locs = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    uris = {loc["artifactLocation"]["uri"] for loc in locs}
    # relative to %SRCROOT%, percent-encoded: UTF-8 of 年报, the space, # and % escaped
    assert "%E5%B9%B4%E6%8A%A5%202023%20%231%25.txt" in uris
    assert "missing.txt" in uris and "fixed.txt" in uris
    assert all(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%" for loc in locs)
    first = next(r for r in run["results"] if r["ruleId"] == "GIP203")
    f = next(f for f in results[0].findings if f.code == "GIP203")
    assert first["message"]["text"] == f.message
    assert first["partialFingerprints"] == {"gipcheck/v1": f.fingerprint}
    reg = first["locations"][0]["physicalLocation"]["region"]
    assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (
        f.line, f.column, f.end_line, f.end_column)
    assert reg["snippet"]["text"] == f.text
    assert "fixes" not in first
    # the fixes: the finding's region replaced by the fix text ("" deletes it)
    fixed = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             == "fixed.txt"]
    period, doubled, whole = fixed
    for res, text in ((period, "所列数据的统计期限为2023年1月1日至2023年12月31日"), (doubled, "")):
        change = res["fixes"][0]["artifactChanges"][0]
        assert change["artifactLocation"] == {"uri": "fixed.txt", "uriBaseId": "%SRCROOT%"}
        region = {k: v for k, v in res["locations"][0]["physicalLocation"]["region"].items() if k != "snippet"}
        assert change["replacements"] == [{"deletedRegion": region, "insertedContent": {"text": text}}]
    assert whole["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    assert "fixes" not in whole


def test_sarif_paths_outside_cwd_are_absolute_file_uris(tmp_path):
    inside, outside = tmp_path / "in", tmp_path / "out 外"
    result = lint_file(outside / "r.txt")
    log = json.loads(render(SarifFormatter, [result], cwd=str(inside)))
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    # the index points at the run's artifact, which holds the report's agency, year and profile
    assert loc == {"uri": (outside / "r.txt").as_uri(), "index": 0}
    assert log["runs"][0]["artifacts"][0]["location"] == {"uri": (outside / "r.txt").as_uri()}
    assert loc["uri"].startswith("file:///") and "%E5%A4%96" in loc["uri"]
    assert sarif_errors(log) == []


def test_sarif_native_locations_go_to_properties(results, tmp_path):
    f = dataclasses.replace(results[0].findings[0], extra={"table": 2, "row": 3, "cell": 4})
    log = json.loads(render(SarifFormatter, [FileResult(results[0].path, [f])], cwd=str(tmp_path)))
    assert log["runs"][0]["results"][0]["properties"] == {"cell": 4, "row": 3, "table": 2}
    assert sarif_errors(log) == []


# -- GitHub ---------------------------------------------------------------------------------

def finding(message="m", path="r.txt", severity="warning", line=3, column=2, end_line=3, end_column=7,
            code="GIP999", name="some-rule", fp="0123456789abcdef") -> Finding:
    return Finding(code, name, severity, message, path, line, column, end_line, end_column, "t", fp)


def test_github_escapes_every_special_character_exactly(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    path = "dir/a%b:c,d\r\ne.txt"
    f = finding("50% done\r\nnext: a, b", path=path, name="odd:name,x%")
    out = render(GithubFormatter, [FileResult(path, [f])])
    assert out == ("::warning file=dir/a%25b%3Ac%2Cd%0D%0Ae.txt,line=3,col=2,endLine=3,endColumn=7,"
                   "title=GIP999 · odd%3Aname%2Cx%25::50%25 done%0D%0Anext: a, b\n")


def test_github_commands_by_severity_and_span(monkeypatch, results, tmp_path):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = render(GithubFormatter, results, cwd=str(tmp_path)).splitlines()
    assert len(out) == sum(len(r.findings) for r in results)
    f = next(f for f in results[0].findings if f.code == "GIP203")
    assert (f"::error file=年报 2023 #1%25.txt,line={f.line},col={f.column},endLine={f.end_line},"
            f"endColumn={f.end_column},title=GIP203 · period-not-calendar-year::{f.message}") in out
    assert any(line.startswith("::warning file=年报 2023 #1%25.txt,") and "GIP511" in line for line in out)
    assert any(line.startswith("::notice file=年报 2023 #1%25.txt,") and "GIP605" in line for line in out)
    # a file-level finding (line 0) names only the file; a span over lines has no columns
    assert "::error file=fixed.txt,title=GIP203 · period-not-calendar-year::" + f.message in out
    multi = render(GithubFormatter, [FileResult("r.txt", [finding(line=2, end_line=4, severity="error")])])
    assert multi == "::error file=r.txt,line=2,endLine=4,title=GIP999 · some-rule::m\n"


def test_github_control_characters_are_visible(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = render(GithubFormatter, [FileResult("a\x1bb.txt", [finding("x\x1b[2Jy\x00z\tw\x7f\u202e", path="a\x1bb.txt")])])
    assert out == ("::warning file=a\\x1bb.txt,line=3,col=2,endLine=3,endColumn=7,title=GIP999 · some-rule::"
                   "x\\x1b[2Jy\\x00z\\x09w\\x7f\\u202e\n")


def test_github_default(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert github_default() is True
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert github_default() is False
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert github_default() is False


def test_github_step_summary_is_appended(monkeypatch, results, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    odd = FileResult(str(tmp_path / "a|b*c_<d>.txt"), [finding("m", severity="error", name="x|y")])
    commands = render(GithubFormatter, [*results, odd], cwd=str(tmp_path))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## gipcheck 检查结果\n")
    assert "共检查 5 个文件，发现 8 个问题：错误 5，警告 1，提示 2。" in text
    assert "| 文件 | 错误 | 警告 | 提示 |" in text
    assert "| 年报 2023 #1%.txt | 1 | 1 | 1 |" in text
    assert "| fixed.txt | 2 | 0 | 1 |" in text
    assert "| sub/good.txt | 0 | 0 | 0 |" in text
    assert "| missing.txt（无法读取） | 1 | 0 | 0 |" in text
    assert "| a\\|b\\*c\\_&lt;d&gt;.txt | 1 | 0 | 0 |" in text  # no table break, no markup, no HTML
    assert "| 规则 | 名称 | 问题数 |" in text
    assert "| GIP203 | period-not-calendar-year | 3 |" in text
    assert "| GIP999 | x\\|y | 1 |" in text
    assert "##" not in commands  # the summary goes to the file only
    # appended again by a second run, never overwritten
    render(GithubFormatter, results, cwd=str(tmp_path), lang="en")
    text = summary.read_text(encoding="utf-8")
    assert text.count("## gipcheck 检查结果") == 1 and text.count("## gipcheck: results") == 1
    assert "4 file(s) checked: 7 finding(s) — 4 error, 1 warning, 2 info." in text
    assert "| File | error | warning | info |" in text and "| Rule | Name | Findings |" in text
    assert "| missing.txt (could not be read) | 1 | 0 | 0 |" in text


def test_github_step_summary_not_written_when_unset(monkeypatch, results, tmp_path):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    before = sorted(p.name for p in tmp_path.iterdir())
    render(GithubFormatter, results, cwd=str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "")
    render(GithubFormatter, results, cwd=str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_github_step_summary_that_cannot_be_written_is_reported(monkeypatch, results, tmp_path, capsys):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "dir.md"))
    out = render(GithubFormatter, results, cwd=str(tmp_path))
    assert out.count("\n") == sum(len(r.findings) for r in results)
    assert "GITHUB_STEP_SUMMARY" in capsys.readouterr().err


# -- GitLab ---------------------------------------------------------------------------------

def test_gitlab_code_quality_fields(results, tmp_path):
    issues = json.loads(render(GitlabFormatter, results, cwd=str(tmp_path)))
    findings = [f for r in results for f in r.findings]
    assert len(issues) == len(findings)
    severity = {"error": "critical", "warning": "major", "info": "info"}
    for issue, f in zip(issues, findings):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["description"] == f"{f.code} {f.message}"
        assert issue["check_name"] == f.code
        assert issue["severity"] == severity[f.severity]
        assert issue["location"]["lines"]["begin"] == max(1, f.line)
    assert {i["location"]["path"] for i in issues} == {"年报 2023 #1%.txt", "missing.txt", "fixed.txt"}
    assert issues[0]["fingerprint"] == findings[0].fingerprint


def test_gitlab_fingerprints_are_unique(tmp_path):
    # the same report in two files: every finding's fingerprint is shared by two findings
    a, b = lint_file(tmp_path / "a.txt"), lint_file(tmp_path / "b" / "a.txt")
    assert [f.fingerprint for f in a.findings] == [f.fingerprint for f in b.findings]
    issues = json.loads(render(GitlabFormatter, [a, b], cwd=str(tmp_path)))
    fps = [i["fingerprint"] for i in issues]
    assert len(set(fps)) == len(fps) == 2 * len(a.findings)
    assert fps[:len(a.findings)] == [f.fingerprint for f in a.findings]  # the first keeps its own
    assert json.loads(render(GitlabFormatter, [a, b], cwd=str(tmp_path))) == issues
    # and a finding without a fingerprint gets one
    bare = FileResult("x.txt", [finding(fp=""), finding(fp="", line=4, end_line=4)])
    fps = [i["fingerprint"] for i in json.loads(render(GitlabFormatter, [bare]))]
    assert all(fps) and len(set(fps)) == 2


# -- JUnit ----------------------------------------------------------------------------------

def test_junit_read_by_a_junit_reader(results, tmp_path):
    out = render(JunitFormatter, results, cwd=str(tmp_path))
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    xml = junitparser.JUnitXml.fromstring(out.encode("utf-8"))
    nfind = sum(len(r.findings) for r in results)
    assert xml.name == "gipcheck"
    assert (xml.tests, xml.failures, xml.errors) == (nfind + 1, nfind, 0)  # + the clean file's case
    suites = list(xml)
    assert [s.name for s in suites] == ["年报 2023 #1%.txt", "sub/good.txt", "missing.txt", "fixed.txt"]
    for suite, result in zip(suites, results):
        cases = list(suite)
        assert suite.tests == len(cases) == max(1, len(result.findings))
        assert suite.failures == len(result.findings)
        if not result.findings:
            assert [c.name for c in cases] == ["gipcheck"] and cases[0].is_passed
            continue
        for case, f in zip(cases, result.findings):
            assert case.classname == suite.name
            assert case.name == f"{f.code} {f.name} line {f.line} col {f.column}"
            (failure,) = case.result
            assert isinstance(failure, junitparser.Failure)
            assert (failure.type, failure.message) == (f.severity, f.message)
            assert f.message in failure.text
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == str(nfind + 1)


def test_junit_hostile_message_is_valid_xml(tmp_path):
    f = finding(HOSTILE, path="x<&>.txt", severity="error")
    out = render(JunitFormatter, [FileResult("x<&>.txt", [f])])
    root = ET.fromstring(out.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    expected = 'a <tag> & "quote" \\x1b[2J cleared \\x00 nul \\x9b csi'
    assert failure.get("message") == expected and failure.get("type") == "error"
    assert expected in failure.text
    assert root.find("testsuite").get("name") == "x<&>.txt"
    (case,) = list(junitparser.JUnitXml.fromstring(out.encode("utf-8")))[0]
    assert case.result[0].message == expected
    assert "\x1b" not in out and "\x00" not in out


# -- all formats ----------------------------------------------------------------------------

def test_registered_through_the_formatter_hook():
    plugins = plugin_manager(load_external=False)
    formats = {k: v for b in plugins.hook.gipcheck_formatters() for k, v in b.items()}
    for name, cls in FORMATS.items():
        assert formats[name] is cls
    # the existing formatters take the new constructor arguments and work as before
    result = linter().lint_text(SOURCE, "r.txt")
    for name in ("text", "concise", "json"):
        assert render(formats[name], [result]) == render(formats[name], [result], rules=linter().all_rules,
                                                         cwd="/")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_deterministic(name, results, tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    kw = {"rules": linter().all_rules, "cwd": str(tmp_path)}
    first = render(FORMATS[name], results, **kw)
    assert first == render(FORMATS[name], results, **kw)
    # and again from results made anew
    again = [lint_file(tmp_path / "年报 2023 #1%.txt")]
    assert render(FORMATS[name], again, **kw) == render(FORMATS[name], [results[0]], **kw)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_no_escape_character_reaches_any_output_raw(name, results, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    hostile = FileResult(str(tmp_path / "e\x1b[2J.txt"), [
        dataclasses.replace(results[0].findings[0], message=HOSTILE, name="n\x1b[2J", text="t\x1b[2J",
                            fix="\x1b[2J", extra={"page": "\x1b[2J"})])
    out = render(FORMATS[name], [*results, hostile], rules=linter().all_rules, cwd=str(tmp_path))
    for raw in ("\x1b", "\x00", "\x9b"):
        assert raw not in out
    if summary.exists():
        assert "\x1b" not in summary.read_text(encoding="utf-8")
    if name in ("sarif", "gitlab"):  # and the data is still exactly there once parsed
        data = json.loads(out)
        messages = ([r["message"]["text"] for r in data["runs"][0]["results"]] if name == "sarif"
                    else [i["description"] for i in data])
        assert any(HOSTILE in m for m in messages)
    if name == "sarif":
        assert sarif_errors(json.loads(out)) == []


def test_github_module_escape_helpers():
    assert gh.escape_data("%\r\n:,") == "%25%0D%0A:,"
    assert gh.escape_property("%\r\n:,") == "%25%0D%0A%3A%2C"
