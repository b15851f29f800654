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
    # the schema is strict: a typo is an error, never a silent default
    (MINIMAL + "orderd: true\n", "t.yaml:8:1", "orderd"),
    (MINIMAL.replace("    match: [[甲]]", "    match: [[甲]]\n    severty: info"), "t.yaml:8:5", "severty"),
    (MINIMAL + "years2: {}\n", "t.yaml:8:1", "years2"),
    (MINIMAL.replace("years: {from: 2030}", "years: {from: 2030, untill: 2031}"), "t.yaml:2:21", "untill"),
    (MINIMAL + "period: {requird: warning}\n", "t.yaml:8:10", "requird"),
    (MINIMAL + "period: {required: sometimes}\n", "t.yaml:8:20", "sometimes"),
    (MINIMAL + "contact: {publication: loud}\n", "t.yaml:8:24", "loud"),
    (MINIMAL + "template: {era: '2030', foreign: [{label: 甲, eras: 2019}]}\n", "t.yaml:8", "eras"),
    (MINIMAL + "wording: {heading_word: [甲]}\n", "t.yaml:8:11", "heading_word"),
    (MINIMAL + "wording: {heading_words: 甲}\n", "t.yaml:8:26", "list"),
    (MINIMAL + "tables:\n  - {id: t, section: a, severity: error, colums: []}\n", "t.yaml:9:42", "colums"),
    (MINIMAL + "tables:\n  - id: t\n    section: a\n    severity: error\n    columns: [{id: c, label: 甲, units: [元],"
     " plausible_max: lots}]\n", "t.yaml:12:60", "plausible_max"),
    (MINIMAL + "tables:\n  - id: t\n    section: a\n    severity: error\n    rows: [{id: r, label: 甲}]\n"
     "    prose: [{row: r, name: 甲, patterns: ['甲\\d+件']}]\n", "t.yaml:13:42", "分组"),
    (MINIMAL + "tables:\n  - id: t\n    section: a\n    severity: error\n    rows: [{id: r, label: 甲}]\n"
     "    prose: [{row: x, name: 甲, patterns: ['甲(\\d+)件']}]\n", "t.yaml:13:19", "unknown row"),
    # references between parts of the profile, and booleans are not numbers
    (MINIMAL + "tables:\n  - {id: t, section: nosuch, severity: error}\n", "t.yaml:9:22", "nosuch"),
    (MINIMAL + "tables:\n  - {id: t, section: a, severity: error, columns: [{id: c, label: 甲}], row_total: totl}\n",
     "t.yaml:9", "totl"),
    (MINIMAL.replace("years: {from: 2030}", "years: {from: true}"), "t.yaml:2:15", "整数"),
    (MINIMAL + "wording: {heading_words: [甲, 1]}\n", "t.yaml:8:30", "文字"),
])
def test_errors_name_the_place(text, where, words):
    with pytest.raises(ProfileError) as exc:
        load_profile("t.yaml", text)
    assert str(exc.value).startswith(where) and words in str(exc.value)


def test_typed_sections_of_the_builtin_profiles():
    from gipcheck.profiles import ProfileSet

    profiles = ProfileSet([load_profile(p) for p in builtin_profile_paths()])
    p2008, p2019, p2021 = (profiles.get(i) for i in ("gip-2008", "gip-2019", "gip-2021"))
    assert p2008.period.starts(2008) == ("01-01", "05-01") and p2019.period.starts(2020) == ()
    assert p2021.contact.required == "warning" and p2021.contact.publication == "info"
    assert p2021.template.cites == "国办公开办函〔2021〕30号" and profiles.era_profile("2019") is p2019
    assert {f.era for f in p2021.template.foreign} == {"2019"}
    assert p2008.template.expected and not p2021.template.expected
    t3 = p2021.table("t3")
    assert [f.row for f in t3.prose] == ["new", "carried", "total", "forward"]
    assert all(pat.groups == 1 for f in t3.prose for pat in f.patterns)
    assert p2021.table("t2").blocks[-1].columns[0].plausible_max == 1_000_000


def test_bad_profile_file_is_a_clean_cli_error(tmp_path, monkeypatch, capsys):
    import types

    import gipcheck.plugins
    from gipcheck import hookimpl
    from gipcheck.cli import run

    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("severity: error", "severity: fatal"), encoding="utf-8")
    plugin = types.SimpleNamespace(gipcheck_profiles=hookimpl(lambda: [bad]))

    class EP:
        name = "badprofile"

        def load(self):
            return plugin

    monkeypatch.setattr(gipcheck.plugins, "_entry_points", lambda: [EP()])
    monkeypatch.delenv("GIPCHECK_NO_PLUGINS", raising=False)
    assert run(["x.txt"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:6:15" in err and "Traceback" not in err
