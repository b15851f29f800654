"""CI use: configuration files, baselines, the exit-code contract, safe and localised output."""

from __future__ import annotations

import errno
import json
import os

import pytest

from conftest import GOOD_2021
from gipcheck.cli import main, run

BAD = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日")  # GIP203, an error


def cli(capsys, *argv):
    code = run(["--no-plugins", "--no-cache", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def codes(out: str) -> list[str]:
    return [f["code"] for f in json.loads(out)]


@pytest.fixture
def tree(tmp_path):
    """root/.gipcheck.yaml, root/bad.txt, root/sub/bad.txt, root/old/bad.txt."""
    for folder in ("", "sub", "old"):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "bad.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


# -- configuration ---------------------------------------------------------------------------


def test_config_found_from_the_file_upwards(tree, capsys):
    assert "GIP203" in codes(cli(capsys, "-f", "json", str(tree / "sub" / "bad.txt"))[1])
    (tree / ".gipcheck.yaml").write_text("ignore: [GIP203]\n", encoding="utf-8")
    code, out, _ = cli(capsys, "-f", "json", str(tree / "sub" / "bad.txt"))
    assert "GIP203" not in codes(out) and code == 0


def test_nearer_file_wins_and_command_line_wins_over_both(tree, capsys):
    (tree / ".gipcheck.yaml").write_text("ignore: [GIP203]\n", encoding="utf-8")
    (tree / "sub" / ".gipcheck.yaml").write_text("lang: en\n", encoding="utf-8")
    _, out, _ = cli(capsys, "-f", "json", str(tree / "bad.txt"), str(tree / "sub" / "bad.txt"))
    found = {(f["path"], f["code"]): f["message"] for f in json.loads(out)}
    assert (str(tree / "bad.txt"), "GIP203") not in found
    assert "calendar year" in found[(str(tree / "sub" / "bad.txt"), "GIP203")]  # sub's file, not root's
    _, out, _ = cli(capsys, "-f", "json", "--lang", "zh", str(tree / "sub" / "bad.txt"))
    assert "自然年" in next(f["message"] for f in json.loads(out) if f["code"] == "GIP203")


def test_extends_merges_key_by_key(tree, capsys):
    (tree / "base.yaml").write_text("ignore: [GIP203]\noptions: {GIP604: {threshold: 0.5}}\n", encoding="utf-8")
    (tree / "sub" / ".gipcheck.yaml").write_text("extends: ../base.yaml\nlang: en\n", encoding="utf-8")
    _, out, _ = cli(capsys, "config", str(tree / "sub" / "bad.txt"))
    assert "GIP203" in out and "options.GIP604.threshold" in out and "0.5" in out
    assert f"{tree / 'base.yaml'}:1:1" in out and f"{tree / 'sub' / '.gipcheck.yaml'}:2:1" in out


def test_per_file_ignores_with_gitwildmatch_patterns(tree, capsys):
    (tree / ".gipcheck.yaml").write_text('per-file-ignores:\n  "old/*.txt": [GIP203]\n', encoding="utf-8")
    _, out, _ = cli(capsys, "-f", "json", str(tree))
    by_path = {}
    for f in json.loads(out):
        by_path.setdefault(os.path.relpath(f["path"], tree), []).append(f["code"])
    assert "GIP203" in by_path["bad.txt"] and "GIP203" in by_path[os.path.join("sub", "bad.txt")]
    assert "GIP203" not in by_path.get(os.path.join("old", "bad.txt"), [])


def test_exclude_applies_when_walking_a_folder(tree, capsys):
    (tree / ".gipcheck.yaml").write_text("exclude: [old/]\n", encoding="utf-8")
    _, out, _ = cli(capsys, "-f", "json", str(tree))
    assert not any("old" in os.path.relpath(f["path"], tree) for f in json.loads(out))


def test_pyproject_table(tree, capsys):
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.gipcheck]\nignore = ["GIP203"]\n',
                                         encoding="utf-8")
    code, out, _ = cli(capsys, "-f", "json", str(tree / "bad.txt"))
    assert "GIP203" not in codes(out)
    _, out, _ = cli(capsys, "config", str(tree / "bad.txt"))
    assert f"{tree / 'pyproject.toml'}:5:1" in out


def test_severity_and_fail_level_from_the_file(tree, capsys):
    (tree / ".gipcheck.yaml").write_text("severity: {GIP203: warning}\nfail-level: error\n", encoding="utf-8")
    code, out, _ = cli(capsys, "-f", "json", str(tree / "bad.txt"))
    assert next(f["severity"] for f in json.loads(out) if f["code"] == "GIP203") == "warning"
    assert code == 0  # no error left, and the file's fail level is error
    assert cli(capsys, "-f", "json", "--fail-level", "warning", str(tree / "bad.txt"))[0] == 1


def test_explicit_config_and_isolated(tree, capsys):
    (tree / ".gipcheck.yaml").write_text("ignore: [GIP203]\n", encoding="utf-8")
    other = tree / "other.yaml"
    other.write_text("select: [GIP203]\n", encoding="utf-8")
    assert codes(cli(capsys, "-f", "json", "--config", str(other), str(tree / "bad.txt"))[1]) == ["GIP203"]
    assert "GIP203" in codes(cli(capsys, "-f", "json", "--isolated", str(tree / "bad.txt"))[1])


@pytest.mark.parametrize("content,where,words", [
    ("select: [GIP2]\nignroe: [GIP203]\n", ":2:1", "未知的键"),
    ("fail-level: sometimes\n", ":1:1", "fail-level"),
    ("severity:\n  GIP203: fatal\n", ":2:3", "GIP203"),
    ("select: [GIP2\n", ":2:1", "YAML"),
    ("options:\n  GIP604: {treshold: 0.5}\n", ":2:3", "treshold"),
    ("options:\n  GIP604: {threshold: lots}\n", ":2:3", "threshold"),
    ("extends: nowhere.yaml\n", ":1:1", "extends"),
    ("select: [GIP999]\n", ":1:1", "GIP999"),
    ("per-file-ignores:\n  \"x/\": [GIP999]\n", ":2:3", "GIP999"),
    ("severity:\n  GIP203: error\n  GIP999: error\n", ":3:3", "GIP999"),
    ("profile: gip-1999\n", ":1:1", "gip-1999"),
    ("extends: .gipcheck.yaml\n", ":1:1", "extends"),
    ("exclude: 5\n", ":1:1", "文件模式"),
])
def test_invalid_configuration_is_a_usage_error_at_file_line_col(tree, capsys, content, where, words):
    (tree / ".gipcheck.yaml").write_text(content, encoding="utf-8")
    code, _, err = cli(capsys, str(tree / "bad.txt"))
    assert code == 2 and words in err and err.count("\n") == 1 and "Traceback" not in err
    assert f"{tree / '.gipcheck.yaml'}{where}" in err


def test_config_command_prints_values_and_origins(tree, capsys):
    (tree / ".gipcheck.yaml").write_text("ignore: [GIP605]\nfail-level: error\n", encoding="utf-8")
    code, out, _ = cli(capsys, "--select", "GIP2", "config", str(tree / "bad.txt"))
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()[2:] if line.strip()}
    assert "GIP2" in lines["select"] and "命令行" in lines["select"]
    assert "GIP605" in lines["ignore"] and f"{tree / '.gipcheck.yaml'}:1:1" in lines["ignore"]
    assert "error" in lines["fail-level"] and ":2:1" in lines["fail-level"]
    assert "默认值" in lines["lang"]


# -- baseline --------------------------------------------------------------------------------


def test_baseline_round_trip(tree, capsys):
    baseline = tree / "baseline.json"
    code, _, err = cli(capsys, "--write-baseline", str(baseline), str(tree))
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["tool"] == "gipcheck" and data["findings"] == sorted(
        data["findings"], key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    assert {e["path"] for e in data["findings"]} == {"bad.txt", "sub/bad.txt", "old/bad.txt"}
    code, out, err = cli(capsys, "-f", "json", "--baseline", str(baseline), str(tree))
    assert code == 0 and json.loads(out) == [] and f"略去 {len(data['findings'])} 个" in err
    # a paragraph inserted above moves every finding: still nothing new
    (tree / "sub" / "bad.txt").write_text("前言。\n\n" + BAD, encoding="utf-8")
    assert json.loads(cli(capsys, "-f", "json", "--baseline", str(baseline), str(tree))[1]) == []
    # one table number changed (table 四: a lawsuit result without its total): exactly one new finding
    changed = BAD.replace("| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |", "| 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 |")
    assert changed != BAD
    (tree / "old" / "bad.txt").write_text(changed, encoding="utf-8")
    code, out, err = cli(capsys, "-f", "json", "--baseline", str(baseline), str(tree))
    new = json.loads(out)
    assert code == 1 and len(new) == 1 and new[0]["path"].endswith(os.path.join("old", "bad.txt"))
    assert new[0]["code"] == "GIP505"


def test_baseline_counts_entries_no_longer_seen(tree, capsys):
    baseline = tree / "b.json"
    cli(capsys, "--write-baseline", str(baseline), str(tree / "bad.txt"))
    (tree / "bad.txt").write_text(GOOD_2021, encoding="utf-8")
    code, _, err = cli(capsys, "--baseline", str(baseline), str(tree / "bad.txt"))
    assert code == 0 and "略去 0 个" in err and "有 1 条已不再出现" in err


def test_baseline_that_is_not_one_is_a_usage_error(tree, capsys):
    (tree / "b.json").write_text('{"findings": 3}', encoding="utf-8")
    code, _, err = cli(capsys, "--baseline", str(tree / "b.json"), str(tree / "bad.txt"))
    assert code == 2 and "基线" in err


# -- exit codes ------------------------------------------------------------------------------


def test_an_unreadable_file_is_a_finding_and_the_run_goes_on(tree, capsys):
    (tree / "empty.txt").write_bytes(b"")
    code, out, _ = cli(capsys, "-f", "json", str(tree / "empty.txt"), str(tree / "bad.txt"))
    assert code == 1 and {"GIP005", "GIP203"} <= set(codes(out))


def test_a_missing_path_is_a_finding_among_others(tree, capsys):
    code, out, _ = cli(capsys, "-f", "json", str(tree / "nope.txt"), str(tree / "bad.txt"))
    found = json.loads(out)
    assert code == 1 and found[0]["code"] == "GIP001" and "路径不存在" in found[0]["message"]


def test_nothing_readable_exits_2(tree, capsys):
    code, out, _ = cli(capsys, "-f", "json", str(tree / "nope.txt"))
    assert code == 2 and codes(out) == ["GIP001"]


def test_an_unreadable_subfolder_is_a_finding_not_silence(tree, capsys, monkeypatch):
    real = os.scandir
    locked = str(tree / "sub")

    def scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = cli(capsys, "-f", "json", "-j", "1", str(tree))
    found = json.loads(out)
    locked_findings = [f for f in found if f["path"] == locked]
    assert code == 1 and [f["code"] for f in locked_findings] == ["GIP001"]
    assert "权限不足" in locked_findings[0]["message"]


def test_exit_zero(tree, capsys):
    assert cli(capsys, "--exit-zero", str(tree / "bad.txt"))[0] == 0
    assert cli(capsys, "--exit-zero", "--bogus")[0] == 2


def test_ctrl_c_is_one_line_and_130(monkeypatch, capsys):
    import gipcheck.cli as cli_module

    def interrupted(argv=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "run", interrupted)
    with pytest.raises(SystemExit) as exc:
        main([])
    _, err = capsys.readouterr()
    assert exc.value.code == 130 and err.count("\n") == 1 and "Traceback" not in err


# -- output ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "JSON", "sarif", "github", "gitlab", "junit"])
def test_output_file_has_the_same_bytes_as_standard_output(tree, capsys, fmt):
    code, out, _ = cli(capsys, "-f", fmt, str(tree / "bad.txt"))
    target = tree / "out.txt"
    code2, out2, _ = cli(capsys, "-f", fmt, "--output-file", str(target), str(tree / "bad.txt"))
    assert code == code2 == 1 and out2 == "" and target.read_bytes() == out.encode("utf-8")


def test_statistics(tree, capsys):
    (tree / "two.txt").write_text(BAD.replace("，邮编：323400", "，邮编：32340"), encoding="utf-8")
    code, out, _ = cli(capsys, "--statistics", str(tree / "bad.txt"), str(tree / "two.txt"))
    rows = [line.split() for line in out.splitlines()]
    assert code == 1 and rows[0][:2] == ["2", "GIP203"]
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)


ESC = "\x1b[2J\x1b]0;pwned\x07"


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github", "gitlab", "junit"])
def test_no_raw_control_character_reaches_the_terminal(tmp_path, capsys, fmt):
    name = tmp_path / f"r{ESC}.txt"
    name.write_text(BAD.replace("本报告中所列数据", f"本报告{ESC}中所列数据"), encoding="utf-8")
    code, out, err = cli(capsys, "-f", fmt, "--color", "never", str(name))
    assert code == 1 and "GIP203" in out
    for stream in (out, err):
        assert not any(ord(c) < 32 and c not in "\n\t" or 0x7f <= ord(c) <= 0x9f for c in stream)
    if fmt in ("text", "concise", "github", "junit"):
        assert "\\x1b[2J" in out


def test_a_few_control_characters_do_not_make_a_report_binary(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text(GOOD_2021.replace("。", "。\x1b", 3).replace("，", "，\x07", 2), encoding="utf-8")
    code, out, _ = cli(capsys, "-f", "json", str(path))
    assert "GIP002" not in codes(out)
    path.write_bytes(bytes(range(256)) * 4)
    assert codes(cli(capsys, "-f", "json", str(path))[1]) == ["GIP002"]


def test_help_and_argument_errors_in_chinese_and_english(capsys):
    with pytest.raises(SystemExit):
        run(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "显示本帮助" in out and "usage:" not in out and "show this help" not in out
    with pytest.raises(SystemExit):
        run(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: ") and "show this help" in out
    code, _, err = cli(capsys, "--lang", "fr", "x.txt")
    assert code == 2 and "无效" in err and "invalid choice" not in err
    code, _, err = cli(capsys, "--bogus", "x.txt")
    assert code == 2 and "无法识别的参数" in err and "unrecognized" not in err
    code, _, err = cli(capsys, "--lang", "en", "--bogus", "x.txt")
    assert code == 2 and "unrecognized arguments" in err


def test_os_errors_are_said_in_words_not_exception_names():
    from gipcheck.engine import os_reason

    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "权限不足"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied"), "en") == "permission denied"
    assert os_reason(IsADirectoryError(errno.EISDIR, "Is a directory")) == "是目录，不是文件"
    assert os_reason(FileNotFoundError()) == "路径不存在"


def test_a_damaged_document_names_no_exception_class(tmp_path, capsys):
    pytest.importorskip("pdfplumber")
    path = tmp_path / "r.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    code, out, _ = cli(capsys, "-f", "json", str(path))
    message = json.loads(out)[0]["message"]
    assert code == 2 and "Exception" not in message and "Error" not in message


def test_readme_lists_every_option():
    """The README's option table names every option the command line has."""
    from conftest import ROOT
    from gipcheck.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### 全部选项"):readme.index("### 退出码")]
    for action in build_parser()._actions:
        for flag in action.option_strings:
            assert f"`{flag}" in table or f", `{flag}" in table or f"{flag}`" in table, flag


def test_github_format_is_the_default_in_github_actions(tree, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out, _ = cli(capsys, str(tree / "bad.txt"))
    assert code == 1 and out.startswith("::error file=")
    code, out, _ = cli(capsys, "-f", "concise", str(tree / "bad.txt"))
    assert not out.startswith("::")


def test_profile_cache_is_data_and_not_read_from_a_folder_others_can_write(tmp_path, monkeypatch):
    """Parsed profiles are kept as JSON data (never a pickle), and never read from a folder (or
    a file) that another user could have written."""
    import pickle

    from gipcheck import profiles

    path = profiles.builtin_profile_paths()[0]
    folder = tmp_path / "cache"
    monkeypatch.setenv("GIPCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("GIPCHECK_NO_CACHE", raising=False)
    folder.mkdir(mode=0o700)
    legacy = folder / "profile-0123.pickle"  # what gipcheck kept before: never read, removed
    legacy.write_bytes(pickle.dumps("planted"))
    first = profiles.load_profile_cached(str(path))
    entries = list(folder.glob("profile-*.json"))
    assert len(entries) == 1 and (folder.stat().st_mode & 0o777) == 0o700
    assert (entries[0].stat().st_mode & 0o777) == 0o600 and not legacy.exists()
    kept = json.loads(entries[0].read_text(encoding="utf-8"))
    assert profiles.load_profile_cached(str(path)) == first  # built from the kept data alike
    # the kept data is used while the folder and file are private ...
    pairs = kept["data"]["m"]
    next(p for p in pairs if p[0] == "name")[1] = "PLANTED"
    entries[0].write_text(json.dumps(kept), encoding="utf-8")
    os.chmod(entries[0], 0o600)
    assert profiles.load_profile_cached(str(path)).name == "PLANTED"
    # ... and ignored once the folder or the file is writable by others
    for target, mode in ((folder, 0o777), (entries[0], 0o666)):
        os.chmod(target, mode)
        again = profiles.load_profile_cached(str(path))
        assert isinstance(again, profiles.Profile) and again.name == first.name != "PLANTED"
        os.chmod(target, 0o700 if target == folder else 0o600)
    # a damaged entry, or data that does not validate, is parsed again, not an error
    entries[0].write_text('{"key": "x", "data": {"m": [["id", ', encoding="utf-8")
    assert profiles.load_profile_cached(str(path)) == first
    kept = json.loads(entries[0].read_text(encoding="utf-8"))
    next(p for p in kept["data"]["m"] if p[0] == "sections")[1]["l"][0]["m"].append(["severity", "fatal"])
    entries[0].write_text(json.dumps(kept), encoding="utf-8")
    assert profiles.load_profile_cached(str(path)) == first


def test_a_fifo_is_a_finding_not_a_hang(tmp_path, capsys):
    """A FIFO named like a report would block the run for ever: only regular files are read."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    code, out, _ = cli(capsys, "-f", "json", "-j", "1", str(tmp_path))
    found = {(os.path.basename(f["path"]), f["code"]) for f in json.loads(out)}
    assert code == 1 and ("pipe.txt", "GIP001") in found and ("bad.txt", "GIP203") in found


def test_a_newline_in_a_file_name_cannot_forge_concise_lines(tmp_path, capsys):
    path = tmp_path / "a\nfake.txt:1:1: GIP000 error forged.txt"
    path.write_text(BAD, encoding="utf-8")
    _, out, _ = cli(capsys, "-f", "concise", str(path))
    assert all(line.startswith(str(tmp_path)) for line in out.splitlines()) and "\\x0a" in out


def test_no_home_folder_is_no_cache_not_a_failure(tmp_path, monkeypatch):
    from pathlib import Path


    for name in ("GIPCHECK_CACHE_DIR", "XDG_CACHE_HOME", "GIPCHECK_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    from gipcheck import cachedir

    assert cachedir.cache_dir() is None and not cachedir.write_json("x.json", 1)


def test_no_grammar_cache_and_no_lark_at_start_up(tmp_path):
    """The parser is the standalone module Lark's tool generated (gipcheck/_report_parser.py):
    checking a report writes no grammar cache anywhere (Lark's cache is a pickle) and imports no
    part of the lark package."""
    import subprocess
    import sys

    cache = tmp_path / "c"
    env = {**os.environ, "GIPCHECK_CACHE_DIR": str(cache), "TMPDIR": str(tmp_path / "tmp")}
    env.pop("GIPCHECK_NO_CACHE", None)
    (tmp_path / "tmp").mkdir()
    (tmp_path / "r.txt").write_text(GOOD_2021, encoding="utf-8")
    code = ("import sys, runpy; sys.argv = ['gipcheck', '--no-plugins', %r]\n"
            "try:\n    runpy.run_module('gipcheck', run_name='__main__')\n"
            "except SystemExit as e:\n    print('lark' in sys.modules, e.code, file=sys.stderr)\n" % str(tmp_path / "r.txt"))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.stderr.strip().splitlines()[-1] == "False 0", proc.stderr
    assert not list(cache.rglob("grammar-*")) and not list((tmp_path / "tmp").iterdir())


def test_a_broken_pyproject_table_is_reported_not_ignored(tree, capsys):
    (tree / "pyproject.toml").write_text("[tool.gipcheck\nignore = 1\n", encoding="utf-8")
    code, _, err = cli(capsys, str(tree / "bad.txt"))
    assert code == 2 and f"{tree / 'pyproject.toml'}:1:" in err and "TOML" in err


def test_config_option_given_a_folder(tree, capsys):
    code, _, err = cli(capsys, "--config", str(tree / "sub"), str(tree / "bad.txt"))
    assert code == 2 and "是目录" in err


def test_errors_in_english_with_lang_en(tree, capsys):
    code, _, err = cli(capsys, "--lang", "en", "--max-size", "-1", str(tree / "bad.txt"))
    assert code == 2 and err == "gipcheck: usage error: --max-size must be positive\n"
    (tree / ".gipcheck.yaml").write_text("ignroe: [GIP1]\n", encoding="utf-8")
    code, _, err = cli(capsys, "--lang", "en", str(tree / "bad.txt"))
    assert code == 2 and err == f"gipcheck: {tree / '.gipcheck.yaml'}:1:1: unknown key: ignroe\n"
    code, _, err = cli(capsys, str(tree / "bad.txt"))
    assert "未知的键" in err



def test_a_full_disk_on_output_is_a_clear_message(tree, capsys, monkeypatch):
    """Writing the results fails (ENOSPC): one line saying so and exit 2, never "internal error"."""
    import io
    import sys

    class Full(io.StringIO):
        def write(self, s):
            raise OSError(errno.ENOSPC, "No space left on device")

        def isatty(self):
            return False

    monkeypatch.setattr(sys, "stdout", Full())
    code = run(["--no-plugins", "--no-cache", "-f", "concise", str(tree / "bad.txt")])
    err = capsys.readouterr().err
    assert code == 2 and "磁盘已满" in err and "内部错误" not in err and err.count("\n") == 1
