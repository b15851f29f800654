"""The command line: exit codes, formats, options, and bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, GOOD_2021, ROOT
from gipcheck.cli import run

BAD = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日")
JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message"}


@pytest.fixture
def files(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_2021, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def cli(capsys, *argv):
    code = run(["--no-plugins", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_0_on_a_clean_report(files, capsys):
    code, out, err = cli(capsys, str(files / "good.txt"))
    assert code == 0 and "未发现问题" in out and err == ""


def test_exit_1_on_findings(files, capsys):
    code, out, _ = cli(capsys, str(files / "bad.txt"))
    assert code == 1
    assert "GIP203" in out and "错误" in out and "^" in out  # the span is marked under the line
    assert "共检查 1 个文件" in out


def test_fail_level(files, capsys):
    text = GOOD_2021.replace("本报告电子版可在县政府门户网站查阅。", "")  # only an info finding
    (files / "info.txt").write_text(text, encoding="utf-8")
    assert cli(capsys, str(files / "info.txt"))[0] == 0
    assert cli(capsys, "--fail-level", "info", str(files / "info.txt"))[0] == 1
    assert cli(capsys, "--fail-level", "error", str(files / "bad.txt"))[0] == 1
    text = GOOD_2021.replace("，邮编：323400", "，邮编：32340")  # a warning only
    (files / "warn.txt").write_text(text, encoding="utf-8")
    assert cli(capsys, "--fail-level", "error", str(files / "warn.txt"))[0] == 0


def test_json_format(files, capsys):
    code, out, _ = cli(capsys, "--format", "json", str(files / "bad.txt"), str(files / "good.txt"))
    data = json.loads(out)
    assert code == 1 and isinstance(data, list) and data
    for item in data:
        assert JSON_KEYS <= set(item)
    f = next(i for i in data if i["code"] == "GIP203")
    assert f["severity"] == "error" and f["name"] == "period-not-calendar-year"
    line = BAD.split("\n")[f["line"] - 1]
    assert line[f["column"] - 1:f["end_column"] - 1] == f["text"]


def test_json_format_clean_is_an_empty_array(files, capsys):
    code, out, _ = cli(capsys, "-f", "json", str(files / "good.txt"))
    assert code == 0 and json.loads(out) == []


def test_concise_format(files, capsys):
    code, out, _ = cli(capsys, "-f", "concise", str(files / "bad.txt"))
    lines = out.strip().split("\n")
    assert all(l.startswith(str(files / "bad.txt") + ":") for l in lines)
    line, col, rest = lines[0][len(str(files / "bad.txt")) + 1:].split(":", 2)
    assert line.isdigit() and col.isdigit() and rest.split()[0].startswith("GIP")


def test_english(files, capsys):
    code, out, _ = cli(capsys, "--lang", "en", "-f", "concise", str(files / "bad.txt"))
    assert "calendar year" in out and "错误" not in out


def test_select_ignore(files, capsys):
    code, out, _ = cli(capsys, "-f", "concise", "--ignore", "GIP2", str(files / "bad.txt"))
    assert code == 0 and out == ""
    code, out, _ = cli(capsys, "-f", "concise", "--select", "period-not-calendar-year", str(files / "bad.txt"))
    assert code == 1 and out.count("\n") == 1


def test_unknown_rule_is_a_usage_error(files, capsys):
    code, out, err = cli(capsys, "--select", "GIP999", str(files / "bad.txt"))
    assert code == 2 and "GIP999" in err and "Traceback" not in err


def test_folder_walk_skips_readme(files, capsys):
    (files / "README.md").write_text("# notes\n", encoding="utf-8")
    (files / "sub").mkdir()
    (files / "sub" / "more.md").write_text(BAD, encoding="utf-8")
    code, out, _ = cli(capsys, "-f", "json", str(files))
    paths = {f["path"] for f in json.loads(out)}
    assert code == 1 and str(files / "sub" / "more.md") in paths and not any("README" in p for p in paths)


def test_stdin_with_filename(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("gb18030"))))
    code, out, _ = cli(capsys, "-f", "concise", "--stdin-filename", "mine.txt")
    assert code == 1 and out.startswith("mine.txt:")


@pytest.mark.parametrize("argv,message", [
    (["--bogus"], "用法错误"),
    ([], "请指定要检查的报告"),
    (["-f", "xml", "x.txt"], "未知的输出格式"),
    (["--profile", "gip-1999", "x.txt"], "未知的规则配置"),
    (["--max-size", "0", "x.txt"], "--max-size"),
])
def test_usage_errors_exit_2_with_one_line(argv, message, capsys):
    code, out, err = cli(capsys, *argv)
    assert code == 2 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_empty_folder_exit_2(tmp_path, capsys):
    code, _, err = cli(capsys, str(tmp_path))
    assert code == 2 and "没有可检查的报告文件" in err


@pytest.mark.parametrize("content,code_", [(b"", "GIP005"), (bytes(range(256)) * 8, "GIP002")])
def test_unreadable_file_exit_2_with_finding(tmp_path, capsys, content, code_):
    path = tmp_path / "r.txt"
    path.write_bytes(content)
    code, out, _ = cli(capsys, "-f", "json", str(path))
    assert code == 2 and [f["code"] for f in json.loads(out)] == [code_]
    assert path.read_bytes() == content  # nothing is ever written to the input


def test_list_rules_and_explain(capsys):
    code, out, _ = cli(capsys, "--list-rules")
    assert code == 0 and "GIP101" in out and "missing-section" in out and "GIP307" in out
    code, out, _ = cli(capsys, "rule", "GIP203")
    assert code == 0 and "period-not-calendar-year" in out and "错误示例" in out
    code, out, _ = cli(capsys, "--explain", "contact-missing")
    assert code == 0 and "GIP301" in out
    code, _, err = cli(capsys, "rule", "GIP999")
    assert code == 2 and "GIP999" in err


def test_list_profiles(capsys):
    code, out, _ = cli(capsys, "--list-profiles")
    assert code == 0 and all(p in out for p in ("gip-2008", "gip-2019", "gip-2021"))


def test_console_script_runs_the_bundled_example():
    """The README's first command: the installed entry point on an example, as a user runs it."""
    proc = subprocess.run([sys.executable, "-m", "gipcheck", "--no-plugins", str(EXAMPLES)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "defects_2018_report.txt" in proc.stdout and "clean_2023_report.txt" not in proc.stdout
    assert "Traceback" not in proc.stderr


def test_no_traceback_on_internal_error(monkeypatch, capsys):
    import gipcheck.cli as cli_module

    def boom(argv=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "run", boom)
    with pytest.raises(SystemExit) as exc:
        cli_module.main([])
    _, err = capsys.readouterr()
    assert exc.value.code == 2 and "内部错误" in err and "Traceback" not in err


def test_rule_command_after_options_with_values(capsys):
    from gipcheck.cli import run

    assert run(["--lang", "en", "rule", "GIP603"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# GIP603 `repeated-paragraph`") and "## 错误示例 / Failing example" in out
