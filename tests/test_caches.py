"""What gipcheck keeps between runs (gipcheck.cachedir, gipcheck.rx): data only, read only from
a private folder and file of the user's, and giving the same patterns re.compile gives."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GOOD_2021
from gipcheck import cachedir, rx


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder and an empty in-process pattern table."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GIPCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("GIPCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(rx, "_known", None)
    monkeypatch.setattr(rx, "_added", {})
    monkeypatch.setattr(rx, "_made", {})
    return folder


def _gipcheck_patterns() -> list[re.Pattern]:
    """Every pattern gipcheck's facts, rules, readers and command line make through rx.compile
    (all of their own; the profiles' patterns too)."""
    import gipcheck.cli
    import gipcheck.engine
    import gipcheck.sources.html
    from gipcheck.checks import builtin_rules

    builtin_rules()
    gipcheck.engine.Linter()
    return list({(p.pattern, p.flags): p for p in rx._made.values()}.values())


PATTERNS = _gipcheck_patterns()
SAMPLES = st.text(alphabet=st.sampled_from(list(
    "0123456789年月日至起止一二三四五六七八九十（）()、，。：；%．.-—件个项条共计合总收到申请政府信息公开局办"
    "电话传真邮箱@abcXYZ \t\n\u3000")), max_size=60)


def test_the_patterns_are_many():
    assert len(PATTERNS) > 100  # the test below covers what start-up compiles


def _kept(original: re.Pattern) -> re.Pattern:
    """The pattern as a later process gets it: instructions written to JSON, read, handed over."""
    entry = json.loads(json.dumps(rx._fresh(original.pattern, original.flags)[1]))
    kept = rx._build(original.pattern, entry)
    assert kept is not None
    return kept


KEPT = [(p, _kept(p)) for p in PATTERNS]


def test_kept_patterns_are_the_same_objects_as_re_makes():
    for original, kept in KEPT:
        fresh = re.compile(original.pattern, original.flags)
        assert kept == fresh and kept.groupindex == fresh.groupindex and kept.groups == fresh.groups


@settings(max_examples=80, deadline=None)
@given(text=SAMPLES)
def test_kept_patterns_match_exactly_as_re_does(text):
    """Every pattern rebuilt from its kept instruction list finds the same matches, groups and
    spans as the one re.compile makes."""
    for original, kept in KEPT:
        fresh = re.compile(original.pattern, original.flags)
        got = [(m.span(), m.groups()) for m in kept.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in fresh.finditer(text)]
        assert bool(kept.match(text)) == bool(fresh.match(text))


def test_patterns_are_kept_as_json_and_reused(cache):
    pattern = r"(?P<year>(?:19|20)\d{2})年[\u4e00-\u9fff]{0,4}"
    first = rx.compile(pattern)
    rx.save()
    files = list(cache.glob("regex-*.json"))
    assert len(files) == 1 and (files[0].stat().st_mode & 0o777) == 0o600
    kept = json.loads(files[0].read_text(encoding="ascii"))
    assert kept[rx._key(pattern, 0)][3] == {"year": 1}
    # a new process (simulated): the pattern comes from the file, nothing new to keep
    rx._known, rx._made, rx._added = None, {}, {}
    again = rx.compile(pattern)
    assert again == first and again.search("2023年全年").group("year") == "2023" and not rx._added


def _kept_file(cache, pattern: str):
    """Compile and keep ``pattern``; the kept file and its contents."""
    rx.compile(pattern)
    rx.save()
    path = next(cache.glob("regex-*.json"))
    return path, json.loads(path.read_text(encoding="ascii"))


def test_a_damaged_or_forged_entry_is_compiled_afresh(cache):
    pattern = r"[一二三四五六七八九十]+、"
    path, kept = _kept_file(cache, pattern)
    for forged in ([0, [1, 2, 3, 999], 0, {}, []],  # instructions the engine refuses
                   [0, "code", 0, {}, []], "nonsense", [0]):
        kept[rx._key(pattern, 0)] = forged
        path.write_text(json.dumps(kept), encoding="ascii")
        rx._known, rx._made, rx._added = None, {}, {}
        got = rx.compile(pattern)
        assert got == re.compile(pattern) and got.match("十二、")
    path.write_text("{not json", encoding="ascii")
    rx._known, rx._made, rx._added = None, {}, {}
    assert rx.compile(pattern) == re.compile(pattern)


def test_a_pattern_file_others_can_write_is_not_read(cache):
    pattern = r"第[一二三]条"
    path, kept = _kept_file(cache, pattern)
    # a valid program for another pattern, planted under this pattern's key
    other = rx._fresh("x", 0)[1]
    kept[rx._key(pattern, 0)] = other
    path.write_text(json.dumps(kept), encoding="ascii")
    os.chmod(path, 0o666)
    rx._known, rx._made, rx._added = None, {}, {}
    assert rx.compile(pattern).match("第二条")  # not read: compiled afresh
    os.chmod(path, 0o600)
    os.chmod(cache, 0o777)
    rx._known, rx._made, rx._added = None, {}, {}
    assert rx.compile(pattern).match("第二条")
    os.chmod(cache, 0o700)


def test_without_a_cache_folder_patterns_are_compiled(monkeypatch, tmp_path):
    monkeypatch.setenv("GIPCHECK_NO_CACHE", "1")
    monkeypatch.setattr(rx, "_known", None)
    monkeypatch.setattr(rx, "_added", {})
    monkeypatch.setattr(rx, "_made", {})
    assert rx.compile(r"\d+件").match("12件")
    rx.save()  # nowhere to keep it: no error
    assert cachedir.read_json("x.json") is None and not cachedir.write_json("x.json", 1)


def test_bytes_patterns_and_debug_go_to_re(cache, capsys):
    assert rx.compile(rb"\d+").match(b"12")
    assert rx.compile(r"a+b", re.DEBUG).match("aab") and "MAX_REPEAT" in capsys.readouterr().out
    assert not rx._added


def test_a_pattern_that_warns_warns_in_every_process_and_is_not_kept(cache):
    for _ in range(2):  # (a new process simulated: re's own cache and rx's emptied)
        with pytest.warns(FutureWarning):
            rx.compile(r"[[a]]")
        rx._made.clear()
        re.purge()
    assert not rx._added


def test_lone_surrogates_in_a_pattern_are_kept(cache):
    pattern = "[\ud800-\udfff]"
    rx.compile(pattern)
    rx.save()
    rx._known, rx._made, rx._added = None, {}, {}
    assert rx.compile(pattern).search("a\udc80b") and not rx._added


def test_a_second_run_compiles_none_of_gipchecks_patterns(tmp_path):
    """End to end: after one run, a new process builds gipcheck's patterns from the kept file
    (only the few a rule hands to re.search directly are still compiled by re), and reports the
    same."""
    report = tmp_path / "r.txt"
    report.write_text(GOOD_2021.replace("至2023年12月31日", "至2023年11月20日"), encoding="utf-8")
    env = {**os.environ, "GIPCHECK_CACHE_DIR": str(tmp_path / "c")}
    env.pop("GIPCHECK_NO_CACHE", None)
    code = (
        "import sys, re, re._parser as P, json\n"
        "seen = []\n"
        "orig = P.parse\n"
        "def spy(p, flags=0, state=None):\n"
        "    seen.append(p if isinstance(p, str) else '')\n"
        "    return orig(p, flags, state)\n"
        "P.parse = spy\n"
        "from gipcheck.cli import run\n"
        f"code = run(['--no-plugins', '--no-cache', '-f', 'json', {str(report)!r}])\n"
        "import gipcheck\n"
        "ours = [p for p in seen if any('\\u4e00' <= c <= '\\u9fff' for c in p)]\n"
        "print(json.dumps({'code': code, 'ours': ours}), file=sys.stderr)\n"
    )
    runs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
        runs.append((json.loads(proc.stderr.strip().splitlines()[-1]), json.loads(proc.stdout)))
    (first, out1), (second, out2) = runs
    assert first["code"] == second["code"] == 1 and out1 == out2 and "GIP203" in {f["code"] for f in out2}
    kept = {key.split("\x00", 1)[1] for key in json.loads(next((tmp_path / "c").glob("regex-*.json")).read_text())}
    assert len(first["ours"]) > 80 and set(first["ours"]) & kept  # the first run compiled them all ...
    assert not set(second["ours"]) & kept  # ... the second none of those it kept
    assert len(second["ours"]) < len(first["ours"]) // 5


@pytest.mark.parametrize("argv", [["--version"], ["--no-plugins", "-f", "json", "R"], ["server", "--help"],
                                  ["--no-such-option"], ["--no-plugins", "-f", "json", "--compare", "R", "R"]])
def test_the_garbage_collector_is_back_on_after_start_up(tmp_path, argv):
    """The command line pauses the cyclic garbage collector while it starts (gipcheck/_entry.py);
    it is on again whenever a document is read or checked (a --compare file too) and in the
    long-running commands."""
    report = tmp_path / "r.txt"
    report.write_text(GOOD_2021, encoding="utf-8")
    given = [str(report) if a == "R" else a for a in argv]
    code = ("import gc, sys\n"
            "import gipcheck.engine as e, gipcheck.sources.text as t, gipcheck.server as s\n"
            "seen = []\n"
            "def spy(name, real):\n"
            "    def call(*a, **k):\n"
            "        seen.append((name, gc.isenabled()))\n"
            "        return real(*a, **k)\n"
            "    return call\n"
            "e.Linter.lint_document = spy('lint', e.Linter.lint_document)\n"
            "t.read_text = spy('read', t.read_text)\n"
            "s.main = spy('server', lambda argv: 0)\n"
            f"sys.argv = ['gipcheck', *{given!r}]\n"
            "from gipcheck._entry import main\n"
            "try:\n    main()\n"
            "except SystemExit:\n    pass\n"
            "print('GC', gc.isenabled(), sorted(set(seen)), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GIPCHECK_NO_PLUGINS": "1"})
    last = proc.stderr.strip().splitlines()[-1]
    want = {"R": "[('lint', True), ('read', True)]", "server": "[('server', True)]"}
    expected = next((w for k, w in want.items() if k in argv), "[]")
    assert last == f"GC True {expected}", proc.stderr


def test_a_cache_folder_is_trusted_only_when_it_and_its_link_are_the_users(tmp_path, monkeypatch):
    """A folder behind a symbolic link someone else made (in /tmp, say) is not used, and no
    folder is made inside another user's folder (sudo keeping that user's HOME)."""
    monkeypatch.delenv("GIPCHECK_NO_CACHE", raising=False)
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(mine)
    assert cachedir.folder_usable(link)  # the user's own link to the user's own folder
    monkeypatch.setenv("GIPCHECK_CACHE_DIR", str(link))
    assert cachedir.write_json("a.json", [1]) and cachedir.read_json("a.json") == [1]
    if os.getuid() != 0:
        pytest.skip("making a link or folder owned by another user needs root")
    os.lchown(link, 4242, -1)
    assert not cachedir.folder_usable(link) and cachedir.read_json("a.json") is None
    assert not cachedir.write_json("b.json", [2]) and not (mine / "b.json").exists()
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, 4242, -1)
    assert not cachedir.folder_usable(home / ".cache" / "gipcheck") and not (home / ".cache").exists()


def test_cache_files_are_checked_where_they_are_opened(tmp_path, monkeypatch):
    """A FIFO, a link or a file others can write under a kept name is not read (and a FIFO does
    not block); temporary files a crashed writer left are removed."""
    import time

    folder = tmp_path / "c"
    monkeypatch.setenv("GIPCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("GIPCHECK_NO_CACHE", raising=False)
    assert cachedir.write_json("x.json", {"a": 1}) and (folder.stat().st_mode & 0o777) == 0o700
    os.mkfifo(folder / "fifo.json")
    (folder / "link.json").symlink_to(folder / "x.json")
    (folder / "open.json").write_text("{}")
    os.chmod(folder / "open.json", 0o666)
    import threading

    got = {}
    reader = threading.Thread(target=lambda: got.update(
        {name: cachedir.read_json(name) for name in ("fifo.json", "link.json", "open.json", "missing.json")}),
        daemon=True)
    reader.start()
    reader.join(10)  # (a FIFO opened for reading without O_NONBLOCK would block here, not fail)
    assert not reader.is_alive() and got == dict.fromkeys(("fifo.json", "link.json", "open.json", "missing.json"))
    assert cachedir.read_json("x.json") == {"a": 1}
    stale = folder / ".x.json.0123456789abcdef.tmp"
    fresh = folder / ".y.json.fedcba9876543210.tmp"
    other = folder / ".another-programs.tmp"
    for path in (stale, fresh, other):
        path.write_text("half")
    for path in (stale, other):
        os.utime(path, (time.time() - 7200,) * 2)
    cachedir.prune("nothing-*.json", 0)
    assert not stale.exists() and fresh.exists() and other.exists()
    # names are the folder's own
    for name in ("../x.json", "a/b.json", "..", ""):
        assert cachedir.read_json(name) is None and not cachedir.write_json(name, 1)


def test_a_link_on_the_way_to_the_folder_must_be_the_users(tmp_path, monkeypatch):
    """Every link on the path to the cache folder, not only the last, must be the user's or
    root's; a relative XDG_CACHE_HOME and an empty HOME give no cache folder."""
    monkeypatch.delenv("GIPCHECK_NO_CACHE", raising=False)
    monkeypatch.delenv("GIPCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", "")
    assert cachedir.cache_dir() is None
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cachedir.cache_dir() == tmp_path / "home" / ".cache" / "gipcheck"
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True, mode=0o700)
    os.chmod(victim, 0o700)
    link = tmp_path / "shared-link"
    link.symlink_to(victim)
    monkeypatch.setenv("GIPCHECK_CACHE_DIR", str(link / "sub"))
    assert cachedir.write_json("x.json", 1)  # the user's own link: used
    if os.getuid() != 0:
        pytest.skip("a link owned by another user needs root to make")
    os.lchown(link, 4242, -1)
    assert not cachedir.folder_usable(link / "sub") and cachedir.read_json("x.json") is None
    assert not cachedir.write_json("y.json", 2) and not (victim / "sub" / "y.json").exists()


def test_an_oversized_program_and_other_builds_files(cache, monkeypatch):
    """A pattern compiling to more instructions than rx keeps is compiled, not kept; files of
    other Python builds are pruned to a few when this build's is written."""
    monkeypatch.setattr(rx, "_MAX_CODE", 10)
    assert rx.compile(r"[一-龥]{2,4}年度报告").search("二〇二三年度报告")
    assert not rx._added
    cache.mkdir(mode=0o700, exist_ok=True)
    for i in range(6):
        (cache / f"regex-other-build-{i}.json").write_text("{}")
        os.chmod(cache / f"regex-other-build-{i}.json", 0o600)
        os.utime(cache / f"regex-other-build-{i}.json", (1000 + i, 1000 + i))
    monkeypatch.setattr(rx, "_MAX_CODE", 20_000)
    rx.compile(r"第[一二三]季度")
    rx.save()
    left = sorted(p.name for p in cache.glob("regex-*.json"))
    assert rx._NAME in left and len(left) == rx._KEEP_BUILDS + 1
    assert "regex-other-build-5.json" in left and "regex-other-build-0.json" not in left


def test_builtin_profiles_found_on_disk_in_a_wheel_layout(tmp_path):
    """Installed from the wheel, the profiles are gipcheck/_rules/*.yaml beside the package: found
    without importlib.resources (imported only for other kinds of installation)."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(Path(cachedir.__file__).parent, site / "gipcheck",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (site / "gipcheck" / "_rules").mkdir()
    rules = Path(cachedir.__file__).resolve().parent.parent / "rules"
    for path in rules.glob("*.yaml"):
        shutil.copy(path, site / "gipcheck" / "_rules" / path.name)
    (site / "gipcheck" / "_rules" / "__init__.py").write_text("")
    code = ("import sys, json\n"
            "from gipcheck.profiles import builtin_profile_paths\n"
            "print(json.dumps([[str(p) for p in builtin_profile_paths()], 'importlib.resources' in sys.modules]))\n")
    env = {**os.environ, "PYTHONPATH": str(site), "GIPCHECK_NO_CACHE": "1"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    paths, resources = json.loads(proc.stdout)
    assert [Path(p).name for p in paths] == sorted(p.name for p in rules.glob("*.yaml"))
    assert all(Path(p).parent == site / "gipcheck" / "_rules" for p in paths) and not resources
