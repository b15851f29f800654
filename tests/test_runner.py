"""The folder runner (gipcheck.runner): parallel results equal sequential ones, the cache."""

from __future__ import annotations

import concurrent.futures
import json
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, linter, needs_shared
from gipcheck import runner
from gipcheck.cli import _walk
from gipcheck.engine import FileResult, Linter
from gipcheck.runner import ResultCache, default_jobs, lint_files
from gipcheck.testing import base_text

CLEAN = base_text("clean-2021")


def _sig(results):
    return [(r.path, r.unreadable, r.profile, r.year, r.text, [f.as_dict() for f in r.findings])
            for r in results]


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def reports(tmp_path) -> list[str]:
    """Clean and defective reports, and inputs that cannot be checked, in one folder."""
    d = tmp_path / "reports"
    d.mkdir()
    files = {
        "a-clean.txt": CLEAN,
        "b-table-total.txt": _edit(CLEAN, "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 0 | 0 | 0 | 0 | 9 |",
                                   "| 一、本年新收政府信息公开申请数量 | 8 | 1 | 0 | 0 | 0 | 0 | 12 |"),
        "c-period.txt": _edit(CLEAN, "2023年12月31日", "2023年6月30日"),
        "d-no-contact.txt": _edit(CLEAN, "（地址：松阳湾县滨江路18号，邮编：323400，电话：0578-8061234）", ""),
        "e-no-section.txt": _edit(CLEAN, "五、存在的主要问题及改进情况\n主要问题是政策解读形式单一。\n", ""),
        "f-prose.txt": _edit(CLEAN, "全年新收政府信息公开申请9件", "全年新收政府信息公开申请11件"),
        "g-traditional.txt": _edit(CLEAN, "本报告电子版可在县政府门户网站查阅。", "本報告電子版可在縣政府門戶網站查閱。"),
        "h-markdown.md": CLEAN.replace("2023", "2022"),
    }
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "i-empty.txt").write_bytes(b"")
    (d / "j-binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "k-garbage.docx").write_bytes(b"PK\x03\x04 this is not a Word file" * 20)
    (d / "l-gbk.txt").write_bytes(CLEAN.encode("gb18030"))
    os.symlink(d / "nowhere.txt", d / "m-dangling.txt")  # cannot be read: no such file
    locked = d / "n-locked.txt"
    locked.write_text(CLEAN, encoding="utf-8")
    locked.chmod(0)  # unreadable (except for root, who reads it: the same either way)
    paths = _walk(linter(), str(d))
    assert len(paths) == 14
    # a folder and a path given twice (order kept, linted twice), a missing path
    return paths + [str(d), paths[1], str(d / "missing.txt"), paths[0]]


@pytest.fixture
def texts(reports) -> list[str]:
    """The readable reports only (each gives a result that is cached), the first one twice."""
    return reports[:8] + reports[:1]


@pytest.fixture
def pools(monkeypatch) -> list:
    """Counts the process pools started."""
    started: list = []
    real = concurrent.futures.ProcessPoolExecutor

    class Counting(real):
        def __init__(self, *a, **kw):
            started.append(a)
            super().__init__(*a, **kw)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    return started


class Counted:
    """A linter whose lint_bytes and lint_path calls (in this process) are counted."""

    def __init__(self, monkeypatch, lint: Linter):
        self.bytes: list[str] = []
        self.paths: list[str] = []
        real_bytes, real_path = lint.lint_bytes, lint.lint_path

        def lint_bytes(path, data, display_path=None):
            self.bytes.append(path)
            return real_bytes(path, data, display_path)

        def lint_path(path):
            self.paths.append(path)
            return real_path(path)

        monkeypatch.setattr(lint, "lint_bytes", lint_bytes)
        monkeypatch.setattr(lint, "lint_path", lint_path)

    def reset(self) -> None:
        self.bytes.clear()
        self.paths.clear()


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


# -- parallel and sequential -------------------------------------------------------------------------

def test_parallel_results_equal_sequential(reports, pools):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    assert any(r[1] for r in expected) and any(r[5] for r in expected if not r[1])  # unreadable and findings
    assert _sig(lint_files(lint, reports, jobs=1)) == expected
    assert not pools
    assert _sig(lint_files(lint, reports, jobs=2)) == expected
    assert len(pools) == 1
    assert _sig(lint_files(lint, reports)) == expected  # jobs=None: default_jobs()


def test_parallel_with_a_size_limit(reports):
    small = Linter(max_size=3000)  # the reports are larger: GIP004
    expected = _sig([small.lint_path(p) for p in reports])
    assert any(f["code"] == "GIP004" for r in expected for f in r[5])
    assert _sig(lint_files(small, reports, jobs=2)) == expected


def test_parallel_with_rule_options_and_selection(reports, tmp_path):
    lint = Linter(select=["GIP2", "GIP5"], ignore=["GIP207"], lang="en",
                  rule_options={"GIP511": {"min_coverage": "0.8"}})
    expected = _sig([lint.lint_path(p) for p in reports])
    assert _sig(lint_files(lint, reports, jobs=2)) == expected
    assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(tmp_path / "c"))) == expected
    assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(tmp_path / "c"))) == expected


def test_a_single_file_and_no_files(reports, pools):
    lint = linter()
    assert lint_files(lint, [], jobs=2) == []
    assert _sig(lint_files(lint, reports[:1], jobs=2)) == _sig([lint.lint_path(reports[0])])
    assert not pools  # one file: no pool


def test_results_pickle():
    result = linter().lint_text(_edit(CLEAN, "全年新收政府信息公开申请9件", "全年新收政府信息公开申请11件"),
                                path="r.txt")
    assert result.findings and result.text
    back = pickle.loads(pickle.dumps(result))
    assert _sig([back]) == _sig([result])


def test_default_jobs():
    assert default_jobs() >= 1
    with pytest.raises(ValueError):
        lint_files(linter(), [], jobs=-1)


@needs_shared
def test_corpus_parallel_and_cached_equal_sequential(tmp_path):
    lint = linter()
    paths = _walk(lint, str(CORPUS))
    assert len(paths) > 50
    expected = _sig(lint_files(lint, paths, jobs=1))
    assert expected == _sig([lint.lint_path(p) for p in paths[:20]]) + expected[20:]
    assert _sig(lint_files(lint, paths, jobs=2)) == expected
    cache = ResultCache(tmp_path / "cache")
    assert _sig(lint_files(lint, paths, jobs=2, cache=cache)) == expected
    warm = ResultCache(tmp_path / "cache")
    assert _sig(lint_files(lint, paths, jobs=2, cache=warm)) == expected
    assert warm.misses == 0 and warm.hits == sum(not r[1] for r in expected)


# -- the cache ----------------------------------------------------------------------------------------------

def test_cache_hit_lints_nothing(reports, tmp_path, monkeypatch, pools):
    lint = Linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    counted = Counted(monkeypatch, lint)
    folder = tmp_path / "cache"
    assert _sig(lint_files(lint, reports, jobs=1, cache=ResultCache(folder))) == expected
    readable = [r for r in expected if not r[1]]
    unreadable = [r[0] for r in expected if r[1]]
    assert set(counted.bytes) >= {r[0] for r in readable}
    assert len(_entries(folder)) == len({r[0] for r in readable})  # the duplicated path: one entry
    counted.reset()
    cache = ResultCache(folder)
    assert _sig(lint_files(lint, reports, jobs=1, cache=cache)) == expected
    # unreadable results (no file, empty, binary, a damaged .docx…) are never cached
    assert sorted(counted.bytes + counted.paths) == sorted(unreadable)
    assert {"i-empty.txt", "j-binary.txt", "k-garbage.docx"} == {Path(p).name for p in counted.bytes}
    assert cache.hits == len(readable) and cache.misses == 3
    # all (readable) cached: 3 files to lint again, the pool is used for them
    counted.reset()
    assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(folder))) == expected
    assert len(pools) == 1 and counted.bytes == []
    # all cached: no pool
    assert _sig(lint_files(lint, reports[:8], jobs=2, cache=ResultCache(folder))) == expected[:8]
    assert len(pools) == 1 and counted.bytes == []


def test_cache_filled_by_workers(reports, tmp_path, pools):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    folder = tmp_path / "cache"
    assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(folder))) == expected
    assert len(pools) == 1
    assert len(_entries(folder)) == len({r[0] for r in expected if not r[1]})  # stored by the workers
    cache = ResultCache(folder)
    assert _sig(lint_files(lint, reports, jobs=2, cache=cache)) == expected
    assert cache.misses == 3  # the empty, binary and damaged files: not cached


def test_workers_read_files_beyond_the_memory_budget(reports, tmp_path, monkeypatch):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    monkeypatch.setattr(runner, "_DATA_BUDGET", 5000)  # the first file's bytes are sent, the others read
    folder = tmp_path / "cache"
    assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(folder))) == expected
    cache = ResultCache(folder)
    assert _sig(lint_files(lint, reports, jobs=2, cache=cache)) == expected
    assert cache.hits == sum(not r[1] for r in expected) and cache.misses == 3


def test_changed_file_misses(texts, tmp_path, monkeypatch):
    lint = Linter()
    folder = tmp_path / "cache"
    lint_files(lint, texts, jobs=1, cache=ResultCache(folder))
    changed = texts[0]
    Path(changed).write_text(CLEAN.replace("全年主动公开政府信息412条", "全年主动公开政府信息413条"), encoding="utf-8")
    counted = Counted(monkeypatch, lint)
    results = lint_files(lint, texts, jobs=1, cache=ResultCache(folder))
    assert counted.bytes == [changed]  # given twice: linted, stored, then found (jobs=1)
    assert _sig(results) == _sig([lint.lint_path(p) for p in texts])
    assert "413" in results[0].text


def test_config_key_and_configuration_miss(texts, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    lint = Linter()
    lint_files(lint, texts, jobs=1, cache=ResultCache(folder), config_key="select=;lang=zh")
    counted = Counted(monkeypatch, lint)
    lint_files(lint, texts, jobs=1, cache=ResultCache(folder), config_key="select=;lang=zh")
    assert counted.bytes == []
    lint_files(lint, texts, jobs=1, cache=ResultCache(folder), config_key="select=GIP5;lang=zh")
    assert len(counted.bytes) == len(texts) - 1  # all but the repeated path
    # a linter configured differently misses even with the same config_key
    for other in (Linter(lang="en"), Linter(ignore=["GIP6"]), Linter(profile="gip-2019"),
                  Linter(rule_options={"GIP511": {"min_coverage": "0.8"}})):
        expected = _sig([other.lint_path(p) for p in texts])
        other_counted = Counted(monkeypatch, other)
        assert _sig(lint_files(other, texts, jobs=1, cache=ResultCache(folder),
                               config_key="select=;lang=zh")) == expected
        assert other_counted.bytes


def test_the_path_shown_is_part_of_the_key(tmp_path):
    (tmp_path / "one.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "two.txt").write_text(CLEAN, encoding="utf-8")
    paths = [str(tmp_path / "one.txt"), str(tmp_path / "two.txt")]
    folder = tmp_path / "cache"
    lint = Linter(select=["GIP3"])
    lint_files(lint, paths, jobs=1, cache=ResultCache(folder))
    cached = lint_files(lint, paths, jobs=1, cache=ResultCache(folder))
    assert [r.path for r in cached] == paths
    assert _sig(cached) == _sig([lint.lint_path(p) for p in paths])


def _damage(entry: Path, how: str) -> None:
    raw = entry.read_bytes()
    good = json.loads(raw)
    if how == "garbage":
        entry.write_bytes(os.urandom(300))
    elif how == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "other-schema":
        entry.write_text(json.dumps({"schema": "something-else/9", "result": good["result"]}), encoding="utf-8")
    elif how == "other-key":
        entry.write_text(json.dumps({**good, "key": "0" * 64}), encoding="utf-8")
    elif how == "wrong-types":
        good["result"]["findings"] = [{**f, "line": "1"} for f in good["result"]["findings"]] or [{"line": 1}]
        entry.write_text(json.dumps(good), encoding="utf-8")
    elif how == "a-list":
        entry.write_text("[1, 2, 3]", encoding="utf-8")
    elif how == "unreadable-entry":  # a folder where the entry should be
        entry.unlink()
        entry.mkdir()
    else:  # pragma: no cover
        raise AssertionError(how)


DAMAGE = ["garbage", "truncated", "empty", "other-schema", "other-key", "wrong-types", "a-list", "unreadable-entry"]


def test_damaged_entries_are_misses_and_rewritten(tmp_path, monkeypatch):
    lint = Linter()
    paths = []
    for i, _how in enumerate(DAMAGE):
        p = tmp_path / f"r{i}.txt"
        p.write_text(_edit(CLEAN, "全年主动公开政府信息412条", f"全年主动公开政府信息{500 + i}条"), encoding="utf-8")
        paths.append(str(p))
    folder = tmp_path / "cache"
    lint_files(lint, paths, jobs=1, cache=ResultCache(folder))
    expected = _sig([lint.lint_path(p) for p in paths])
    cache = ResultCache(folder)
    keys = [cache.key(runner._base_hash(lint, ""), p, Path(p).read_bytes()) for p in paths]
    assert sorted(folder / f"{k}.json" for k in keys) == _entries(folder)
    for key, how in zip(keys, DAMAGE):
        _damage(folder / f"{key}.json", how)
    counted = Counted(monkeypatch, lint)
    cache = ResultCache(folder)
    assert _sig(lint_files(lint, paths, jobs=1, cache=cache)) == expected
    assert cache.misses == len(paths) and len(counted.bytes) == len(paths)
    rewritten = [how for key, how in zip(keys, DAMAGE) if (folder / f"{key}.json").is_file()]
    assert rewritten == [h for h in DAMAGE if h != "unreadable-entry"]
    counted.reset()
    cache = ResultCache(folder)
    assert _sig(lint_files(lint, paths, jobs=2, cache=cache)) == expected
    assert cache.hits == len(paths) - 1 and counted.bytes == paths[-1:]  # the blocked entry: a miss again


def _poison(good: Path, bad: Path) -> None:
    """Copy the good cache's entries into ``bad``, every message replaced."""
    for entry in _entries(good):
        data = json.loads(entry.read_text(encoding="utf-8"))
        for f in data["result"]["findings"]:
            f["message"] = "POISONED"
        data["result"]["text"] = "POISONED"
        (bad / entry.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_folder_writable_by_others_is_ignored(reports, tmp_path, mode):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    good, bad = tmp_path / "good", tmp_path / "bad"
    lint_files(lint, reports, jobs=1, cache=ResultCache(good))
    bad.mkdir()
    _poison(good, bad)
    # the poisoned entries are used when the folder is private: the check is what protects
    bad.chmod(0o700)
    assert "POISONED" in json.dumps(_sig(lint_files(lint, reports, jobs=1, cache=ResultCache(bad))))
    bad.chmod(mode)
    before = sorted(os.listdir(bad))
    cache = ResultCache(bad)
    assert _sig(lint_files(lint, reports, jobs=2, cache=cache)) == expected
    assert not cache.usable() and cache.hits == 0
    assert sorted(os.listdir(bad)) == before  # nothing written either


def test_a_folder_of_another_user_is_ignored(reports, tmp_path, monkeypatch):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    good, bad = tmp_path / "good", tmp_path / "bad"
    lint_files(lint, reports, jobs=1, cache=ResultCache(good))
    bad.mkdir(mode=0o700)
    _poison(good, bad)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(bad).st_uid + 1)
    cache = ResultCache(bad)
    assert _sig(lint_files(lint, reports, jobs=1, cache=cache)) == expected
    assert not cache.usable()


def test_the_folder_is_created_private(tmp_path):
    folder = tmp_path / "a" / "b"
    cache = ResultCache(folder)
    assert cache.usable()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert folder.parent.stat().st_mode & 0o777 == 0o700


def test_a_folder_that_cannot_be_created_does_not_fail(reports, tmp_path):
    lint = linter()
    (tmp_path / "file").write_text("x")
    cache = ResultCache(tmp_path / "file" / "cache")  # below a file: cannot exist
    expected = _sig([lint.lint_path(p) for p in reports])
    assert _sig(lint_files(lint, reports, jobs=2, cache=cache)) == expected
    assert _sig(lint_files(lint, reports, jobs=1, cache=cache)) == expected
    assert not cache.usable()


def _refusing_creation(real_open):
    def fake(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    return fake


def test_an_unwritable_folder_does_not_fail(reports, tmp_path, monkeypatch):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)

    from gipcheck import cachedir

    # what a read-only folder does, even for root: no file can be made
    monkeypatch.setattr(cachedir.os, "open", _refusing_creation(cachedir.os.open))
    cache = ResultCache(folder)
    assert _sig(lint_files(lint, reports, jobs=1, cache=cache)) == expected
    assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(folder))) == expected
    assert os.listdir(folder) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_does_not_fail(reports, tmp_path):  # pragma: no cover - not run as root
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o500)
    try:
        assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(folder))) == expected
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_entries_are_json_never_pickle(reports, tmp_path):
    folder = tmp_path / "cache"
    lint = linter()
    lint_files(lint, reports, jobs=2, cache=ResultCache(folder))
    lint_files(lint, reports, jobs=1, cache=ResultCache(folder))
    names = os.listdir(folder)
    assert names and all(n.endswith(".json") and not n.startswith(".") for n in names)  # no temporary files left
    for name in names:
        raw = (folder / name).read_bytes()
        assert not raw.startswith(b"\x80")  # a pickle's first byte
        assert json.loads(raw)["schema"] == runner.SCHEMA
    assert not list(tmp_path.rglob("*.pickle")) and not list(tmp_path.rglob("*.pkl"))


def test_exact_round_trip_and_values_json_cannot_keep(tmp_path):
    lint = linter()
    result = lint.lint_text(_edit(CLEAN, "全年新收政府信息公开申请9件", "全年新收政府信息公开申请11件"), path="r.txt")
    finding = result.findings[0]
    finding.extra.update({"page": 2, "cell": [1, {"a": None, "b": 1.5}], "flag": True})
    finding = type(finding)(**{**{k: getattr(finding, k) for k in runner._FINDING_FIELDS}, "fix": "修改为 9"})
    result.findings[0] = finding
    cache = ResultCache(tmp_path / "cache")
    assert cache.store("k" * 64, result)
    back = cache.load("k" * 64)
    assert _sig([back]) == _sig([result])
    assert [vars_(f) for f in back.findings] == [vars_(f) for f in result.findings]
    # a tuple would come back as a list: such a result is not cached
    result.findings[0].extra["span"] = (1, 2)
    assert not cache.store("t" * 64, result)
    assert cache.load("t" * 64) is None
    # unreadable results are never cached
    assert not cache.store("u" * 64, FileResult("x.txt", [], unreadable=True))


def vars_(finding) -> dict:
    return {k: (getattr(finding, k), type(getattr(finding, k))) for k in runner._FINDING_FIELDS}


def test_default_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("GIPCHECK_NO_CACHE", raising=False)
    monkeypatch.delenv("GIPCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ResultCache().folder == tmp_path / "xdg" / "gipcheck" / "results"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert ResultCache().folder == tmp_path / "home" / ".cache" / "gipcheck" / "results"
    monkeypatch.setenv("GIPCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert ResultCache().folder == tmp_path / "mine" / "results"
    monkeypatch.setenv("GIPCHECK_NO_CACHE", "1")
    cache = ResultCache()
    assert not cache.usable()
    lint = linter()
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    assert _sig(lint_files(lint, [str(tmp_path / "r.txt")], jobs=1, cache=cache)) == _sig(
        [lint.lint_path(str(tmp_path / "r.txt"))])


def test_clear(reports, tmp_path):
    folder = tmp_path / "cache"
    lint_files(linter(), reports, jobs=1, cache=ResultCache(folder))
    n = len(_entries(folder))
    assert n and ResultCache(folder).clear() == n and _entries(folder) == []


# -- output, failures, interruption ------------------------------------------------------------------------

def test_nothing_on_stderr_without_progress(reports, tmp_path, capfd):
    lint = linter()
    capfd.readouterr()
    lint_files(lint, reports, jobs=2, cache=ResultCache(tmp_path / "cache"))
    lint_files(lint, reports, jobs=2, cache=ResultCache(tmp_path / "cache"))
    lint_files(lint, reports, jobs=1)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_progress_bar(reports):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    assert _sig(lint_files(lint, reports, jobs=2, progress=True)) == expected
    assert _sig(lint_files(lint, reports, jobs=1, progress=True)) == expected


def test_rich_is_imported_only_for_progress(tmp_path):
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        from gipcheck.engine import Linter
        from gipcheck.runner import lint_files
        lint_files(Linter(), [{str(tmp_path / "r.txt")!r}] * 3, jobs=2)
        print("rich.progress" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert (out.stdout, out.stderr) == ("False\n", "")


def _die(chunk):
    os._exit(3)  # a worker that dies (as on a segmentation fault or an out-of-memory kill)


def test_a_dying_worker_falls_back_to_this_process(reports, monkeypatch, capfd, pools):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    monkeypatch.setattr(runner, "_work", _die)
    capfd.readouterr()
    assert _sig(lint_files(lint, reports, jobs=2)) == expected
    assert len(pools) == 1
    assert capfd.readouterr() == ("", "")


def test_a_broken_pool_falls_back(reports, tmp_path, monkeypatch):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])

    class Broken(concurrent.futures.ProcessPoolExecutor):
        calls = 0

        def submit(self, *a, **kw):
            Broken.calls += 1
            if Broken.calls > 2:
                raise concurrent.futures.process.BrokenProcessPool("a worker died")
            return super().submit(*a, **kw)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)
    assert _sig(lint_files(lint, reports, jobs=2)) == expected
    assert _sig(lint_files(lint, reports, jobs=2, cache=ResultCache(tmp_path / "c"))) == expected


def test_no_fork_falls_back(reports, monkeypatch):
    import multiprocessing

    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])

    def no_fork(method=None):
        raise ValueError("cannot find context for 'fork'")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    assert _sig(lint_files(lint, reports, jobs=2)) == expected


def test_a_failing_chunk_is_redone_here(reports, monkeypatch):
    lint = linter()
    expected = _sig([lint.lint_path(p) for p in reports])
    real = runner._work

    def sometimes(chunk):
        if any("c-period" in item[0] for item in chunk):
            raise RuntimeError("cannot send the result back")
        return real(chunk)

    monkeypatch.setattr(runner, "_work", sometimes)
    assert _sig(lint_files(lint, reports, jobs=2)) == expected


def test_keyboard_interrupt_propagates_and_stops_the_pool(reports, monkeypatch):
    import multiprocessing

    def interrupted(futures):
        raise KeyboardInterrupt

    monkeypatch.setattr(concurrent.futures, "as_completed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        lint_files(linter(), reports, jobs=2)
    assert runner._STATE is None
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups")
def test_ctrl_c_in_a_terminal(tmp_path):
    """SIGINT to the whole process group (what Ctrl-C does): the parent stops with
    KeyboardInterrupt, the workers print nothing and do not outlive it."""
    for i in range(40):
        (tmp_path / f"r{i}.txt").write_text(CLEAN.replace("412", str(400 + i)), encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        from gipcheck.engine import Linter
        from gipcheck.runner import lint_files
        paths = [str(p) for p in sorted(__import__("pathlib").Path({str(tmp_path)!r}).glob("*.txt"))] * 100
        linter = Linter()
        print("ready", flush=True)
        try:
            lint_files(linter, paths, jobs=2)
        except KeyboardInterrupt:
            sys.stderr.write("interrupted\\n")
            sys.exit(130)
        print("finished", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, start_new_session=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        time.sleep(1.0)  # the pool is running
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # pragma: no cover
            os.killpg(proc.pid, signal.SIGKILL)
    assert (proc.returncode, out, err) == (130, "", "interrupted\n")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # no worker left in the group
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:  # pragma: no cover
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("a worker outlived the interrupted run")
