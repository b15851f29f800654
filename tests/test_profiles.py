"""Profiles are data: validated with file, line and column in every error."""

from __future__ import annotations

import pytest

from gipcheck.profiles import ProfileError, builtin_profile_paths, load_profile

MINIMAL = """\
id: test
years: {from: 2030}
sections:
  - id: a
    name: 甲
    severity: error
    match: [[甲]]
"""


def test_builtin_profiles_load_and_cover_every_year():
    from gipcheck.profiles import ProfileSet

    profiles = ProfileSet([load_profile(p) for p in builtin_profile_paths()])
    assert {p for p in profiles.profiles} == {"gip-2008", "gip-2019", "gip-2021"}
    assert profiles.for_year(2008).id == "gip-2008" and profiles.for_year(2018).id == "gip-2008"
    assert profiles.for_year(2019).id == "gip-2019" and profiles.for_year(2020).id == "gip-2019"
    assert profiles.for_year(2021).id == "gip-2021" and profiles.for_year(2035).id == "gip-2021"
    assert profiles.for_year(None).id == "gip-2021"
    for p in profiles.profiles.values():
        assert len(p.sections) == 6


def test_minimal_profile():
    p = load_profile("t.yaml", MINIMAL)
    assert p.id == "test" and p.covers(2031) and not p.covers(2029)
    assert p.classify("甲部分") == "a" and p.classify("乙") is None


@pytest.mark.parametrize("text,where,words", [
    (MINIMAL.replace("    severity: error\n", "    severity: fatal\n"), "t.yaml:6:15", "fatal"),
    (MINIMAL.replace("id: test\n", ""), "t.yaml:1:1", "id"),
    (MINIMAL.replace("match: [[甲]]", "match: 甲"), "t.yaml:7:12", "match"),
    (MINIMAL.replace("match: [[甲]]", "match: [[甲], [1]]"), "t.yaml:7", "关键词"),
    (MINIMAL + "  - id: a\n    match: [[乙]]\n", "t.yaml:8:9", "duplicate"),
    ("id: [unclosed\n", "t.yaml:2:1", "YAML"),
    (MINIMAL.replace("years: {from: 2030}", "years: {from: soon}"), "t.yaml:2:15", "int"),
    (MINIMAL + "select: sometimes\n", "t.yaml:8:9", "explicit"),
])
def test_errors_name_the_place(text, where, words):
    with pytest.raises(ProfileError) as exc:
        load_profile("t.yaml", text)
    assert str(exc.value).startswith(where) and words in str(exc.value)


def test_bad_profile_file_is_a_clean_cli_error(tmp_path, monkeypatch, capsys):
    import types

    from gipcheck import hookimpl
    from gipcheck.cli import run
    from importlib import metadata

    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("severity: error", "severity: fatal"), encoding="utf-8")
    plugin = types.SimpleNamespace(gipcheck_profiles=hookimpl(lambda: [bad]))

    class EP:
        name = "badprofile"

        def load(self):
            return plugin

    monkeypatch.setattr(metadata, "entry_points", lambda group=None: [EP()])
    monkeypatch.delenv("GIPCHECK_NO_PLUGINS", raising=False)
    assert run(["x.txt"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:6:15" in err and "Traceback" not in err
