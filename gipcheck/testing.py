"""Helpers for testing rules and plugins (for gipcheck itself and for plugin authors).

Quick checks in Python::

    from gipcheck.testing import check

    def test_my_rule():
        findings = check(TEXT, plugins=[my_plugin_module], select=["GIP901"])
        assert [f.code for f in findings] == ["GIP901"]

Case files (one per rule, ``GIPnnn.yaml``), run by one loader for built-ins and plugins::

    rule: GIP203
    cases:
      - name: period-ends-early
        base: clean-2021                 # a bundled clean report (or a path beside the file)
        edit:
          - {replace: 至2023年12月31日, with: 至2023年11月20日}
        expect:
          - {line_of: 统计期限, severity: error, message: 不是完整的自然年}
      - name: calendar-year
        base: clean-2021
        expect: []

A case gives its input as ``text`` (the whole report), ``base`` + ``edit`` (edits of a clean
report: ``replace``/``with``, ``delete``, ``append``), or ``file`` (``name`` plus ``hex``,
``base64`` or ``make``: a generator ``"module:function"`` called with ``args`` that returns
bytes, or ``directory`` for a folder in place of the file). ``options`` sets the rule's
options; ``linter`` passes other :class:`~gipcheck.engine.Linter` settings (``profile``,
``lang``, ``max_size``); ``compare`` gives the text of another report (``--compare``);
``plugins`` names extra plugin objects (``"module:attribute"``) to register for the case.
``expect`` lists the rule's findings in any order — each with ``line`` or ``line_of`` (a
needle on the flagged line), and optionally ``column``, ``severity``, ``fix`` (the certain
replacement of the finding's span; ``null`` for none) and ``message`` (a
fragment) — and an empty list means the rule stays silent. The first failing and the first
passing case become the rule page's 错误示例 / 正确示例 (``doc: false`` skips a case there).

In a test module::

    from gipcheck.testing import case_params, run_case

    @pytest.mark.parametrize("case", case_params("tests/rules"))
    def test_rule_case(case):
        run_case(case, plugins=[my_plugin])
"""

from __future__ import annotations

import base64
import importlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Linter
from .plugins import plugin_manager

BASES = Path(__file__).resolve().parent / "testdata"
_CASE_KEYS = {"name", "base", "edit", "text", "file", "options", "linter", "compare", "expect", "doc",
              "note", "plugins"}
_EXPECT_KEYS = {"line", "line_of", "column", "severity", "message", "code", "fix"}
_EDIT_KEYS = {"replace", "with", "delete", "append", "count"}
_FILE_KEYS = {"name", "hex", "base64", "make", "args", "directory"}


class CaseFileError(ValueError):
    """A case file that cannot be used; the message names the file and the case."""


def make_linter(*, plugins: list | None = None, **options) -> Linter:
    """A Linter with the built-ins plus the given plugin objects (no entry points loaded)."""
    return Linter(plugin_manager(load_external=False, extra=plugins or []), **options)


def check(text: str, *, plugins: list | None = None, path: str = "test.txt", **options):
    """Lint ``text`` and return its findings."""
    return make_linter(plugins=plugins, **options).lint_text(text, path).findings


def assert_finds(text: str, code: str, *, line: int | None = None, plugins: list | None = None, **options):
    """Assert that rule ``code`` reports ``text`` (on ``line`` when given); return the findings."""
    found = [f for f in check(text, plugins=plugins, **options) if f.code == code]
    assert found, f"{code} did not report the text"
    if line is not None:
        assert any(f.line == line for f in found), f"{code} reported lines {[f.line for f in found]}, not {line}"
    return found


def assert_silent(text: str, code: str, *, plugins: list | None = None, **options) -> None:
    """Assert that rule ``code`` does not report ``text``."""
    found = [f for f in check(text, plugins=plugins, **options) if f.code == code]
    assert not found, f"{code} reported: {found[0].message}"


def base_text(name: str) -> str:
    """A bundled clean report (``clean-2021``, ``clean-2008``)."""
    return (BASES / f"{name}.txt").read_text(encoding="utf-8")


# -- case files -------------------------------------------------------------------------------

@dataclass
class Case:
    rule: str
    name: str
    source: str  # "file.yaml#name", for messages
    data: dict
    folder: Path
    expect: list[dict] = field(default_factory=list)

    @property
    def failing(self) -> bool:
        """A failing case expects at least one finding of its own rule."""
        return any(e.get("code", self.rule) == self.rule for e in self.expect)

    @property
    def in_docs(self) -> bool:
        return self.data.get("doc", True) is not False

    def id(self) -> str:
        return f"{self.rule}-{self.name}"

    # the input ------------------------------------------------------------------------------
    def text(self) -> str | None:
        """The report text of a text case (None for a file case)."""
        d = self.data
        if "text" in d:
            return str(d["text"])
        if "base" not in d:
            return None
        base = str(d["base"])
        path = self.folder / base
        text = path.read_text(encoding="utf-8") if path.is_file() else base_text(base)
        for i, edit in enumerate(d.get("edit") or []):
            text = _apply(text, edit, f"{self.source} edit {i + 1}")
        return text

    def file_bytes(self) -> tuple[str, bytes | None]:
        """(file name, bytes) of a file case; bytes is None for ``directory``."""
        f = self.data["file"]
        name = str(f.get("name", "report.txt"))
        if f.get("directory"):
            return name, None
        if "hex" in f:
            return name, bytes.fromhex("".join(str(f["hex"]).split()))
        if "base64" in f:
            return name, base64.b64decode(str(f["base64"]))
        module, _, func = str(f["make"]).partition(":")
        maker = getattr(importlib.import_module(module), func)
        return name, maker(**(f.get("args") or {}))


def _apply(text: str, edit: dict, where: str) -> str:
    if not isinstance(edit, dict) or not set(edit) <= _EDIT_KEYS:
        raise CaseFileError(f"{where}: an edit is a mapping with replace/with, delete or append")
    kinds = [k for k in ("replace", "delete", "append") if k in edit]
    if len(kinds) != 1 or ("with" in edit) != ("replace" in edit):
        raise CaseFileError(f"{where}: an edit is exactly one of {{replace, with}}, {{delete}} or {{append}}")
    if "append" in edit:
        return text + str(edit["append"])
    old = str(edit.get("replace", edit.get("delete", "")))
    new = "" if "delete" in edit else str(edit["with"])
    count = edit.get("count", 1)
    if not isinstance(count, int) or count < 1 or text.count(old) < count:
        raise CaseFileError(f"{where}: count must be at least 1 and at most the number of occurrences")
    if not old or old not in text:
        raise CaseFileError(f"{where}: the text to change is not in the base report: {old[:40]!r}")
    if old == new:
        raise CaseFileError(f"{where}: the edit changes nothing")
    return text.replace(old, new, count)


def load_cases(path: str | Path) -> list[Case]:
    """The cases of one case file, validated (unknown keys are errors)."""
    from ruamel.yaml import YAML

    path = Path(path)
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "rule" not in data or not isinstance(data.get("cases"), list):
        raise CaseFileError(f"{path}: a case file has 'rule' and a list of 'cases'")
    unknown = set(data) - {"rule", "cases"}
    if unknown:
        raise CaseFileError(f"{path}: unknown keys {sorted(unknown)}")
    rule = str(data["rule"])
    out = []
    names = set()
    for i, raw in enumerate(data["cases"]):
        where = f"{path.name} case {i + 1}"
        if not isinstance(raw, dict):
            raise CaseFileError(f"{where}: a case is a mapping")
        unknown = set(raw) - _CASE_KEYS
        if unknown:
            raise CaseFileError(f"{where}: unknown keys {sorted(unknown)}")
        if sum(k in raw for k in ("text", "base", "file")) != 1:
            raise CaseFileError(f"{where}: give exactly one of text, base or file")
        if "expect" not in raw or not isinstance(raw["expect"], list):
            raise CaseFileError(f"{where}: 'expect' is a list of findings ([] for none)")
        for e in raw["expect"]:
            if not isinstance(e, dict) or not set(e) <= _EXPECT_KEYS:
                raise CaseFileError(f"{where}: an expected finding takes {sorted(_EXPECT_KEYS)}")
        if "file" in raw and (not isinstance(raw["file"], dict) or not set(raw["file"]) <= _FILE_KEYS):
            raise CaseFileError(f"{where}: 'file' takes {sorted(_FILE_KEYS)}")
        name = str(raw.get("name") or f"case{i + 1}")
        if name in names:
            raise CaseFileError(f"{where}: duplicate case name {name!r}")
        names.add(name)
        out.append(Case(rule, name, f"{path.name}#{name}", raw, path.parent, list(raw["expect"])))
    return out


def case_files(folder: str | Path) -> list[Path]:
    return sorted(Path(folder).glob("GIP[0-9][0-9][0-9].yaml"))


def case_params(folder: str | Path) -> list:
    """Every case of every case file in ``folder``, as pytest params with readable ids."""
    import pytest

    out = []
    for path in case_files(folder):
        for case in load_cases(path):
            out.append(pytest.param(case, id=case.id()))
    return out


_LINTERS: dict = {}


def _linter(case: Case, plugins: list | None) -> Linter:
    extra = [_resolve(name) for name in case.data.get("plugins") or []]
    plugins = [*(plugins or []), *extra]
    settings = dict(case.data.get("linter") or {})
    options = case.data.get("options")
    compare = case.data.get("compare")
    # the plugin objects themselves are part of the key (kept alive by the cache, so their ids
    # cannot be reused by other objects)
    key = (tuple(id(p) for p in plugins), repr(sorted(settings.items())), repr(options), compare)
    if key not in _LINTERS:
        kwargs = dict(settings)
        if options:
            kwargs["rule_options"] = {case.rule: dict(options)}
        if compare is not None:
            kwargs["references"] = [("上一年度报告.txt", str(compare))]
        _LINTERS[key] = (make_linter(plugins=plugins, **kwargs), plugins)
    return _LINTERS[key][0]


def _resolve(name: str):
    module, _, attr = str(name).partition(":")
    return getattr(importlib.import_module(module), attr)


def lint_case(case: Case, plugins: list | None = None):
    """Run a case's input through gipcheck: (all findings, the text checked)."""
    linter = _linter(case, plugins)
    enabled = {r.code for r in linter.rules}
    assert case.rule in linter.by_code, (f"{case.source}: rule {case.rule} is not registered"
                                         " (is its plugin passed to run_case?)")
    assert case.rule in enabled, f"{case.source}: rule {case.rule} is not enabled by the case's settings"
    if "file" in case.data:
        name, data = case.file_bytes()
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, name)
            if data is None:
                os.mkdir(target)
                result = linter.lint_path(target)
            else:
                result = linter.lint_bytes(name, data)
        return result.findings, result.text
    text = case.text()
    return linter.lint_text(text, "report.txt").findings, text


def run_case(case: Case, plugins: list | None = None):
    """Check one case; raise AssertionError saying what differs. Returns the rule's findings."""
    findings, text = lint_case(case, plugins)
    lines = text.split("\n")
    mine = [f for f in findings if f.code == case.rule or any(e.get("code") == f.code for e in case.expect)]
    if not case.expect:
        assert not mine, (f"{case.source}: expected no {case.rule} finding, got: "
                          + "; ".join(f"line {f.line}: {f.message}" for f in mine))
        return mine
    unmatched = list(mine)
    for e in case.expect:
        want_line = e.get("line")
        if "line_of" in e:
            needle = str(e["line_of"])
            hits = [i for i, line in enumerate(lines, 1) if needle in line]
            assert hits, f"{case.source}: line_of {needle!r} is not in the text"
            want_line = hits[0]
        hit = next((f for f in unmatched if (want_line is None or f.line == want_line)
                    and ("column" not in e or f.column == e["column"])
                    and f.code == e.get("code", case.rule)
                    and ("severity" not in e or f.severity == e["severity"])
                    and ("message" not in e or str(e["message"]) in f.message)
                    and ("fix" not in e or f.fix == (None if e["fix"] is None else str(e["fix"])))), None)
        assert hit is not None, (f"{case.source}: no finding matches {e}; got: "
                                 + ("; ".join(f"{f.code} {f.severity} line {f.line}:{f.column}: {f.message}"
                                              for f in mine) or "none"))
        unmatched.remove(hit)
    assert not unmatched, (f"{case.source}: unexpected findings: "
                           + "; ".join(f"{f.code} line {f.line}: {f.message}" for f in unmatched))
    return mine


# -- generators for file cases (used by the built-in case files) --------------------------------

def docx_with_text(text: str = "报告") -> bytes:
    """A .docx holding ``text`` (one paragraph per line)."""
    import io

    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_pages(pages: int = 1, text: str | None = None) -> bytes:
    """A PDF of ``pages`` pages; each carries ``text`` (None: no text layer, like a scan)."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if text is not None:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    for _ in range(pages):
        if text is None:
            c.rect(50, 50, 200, 200, fill=1)
        else:
            c.setFont("STSong-Light", 12)
            y = 800
            for line in text.split("\n"):
                c.drawString(50, y, line)
                y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def text_bytes(text: str = "", encoding: str = "utf-8", repeat: int = 1, tail_hex: str = "") -> bytes:
    """``text`` encoded (repeated ``repeat`` times), followed by raw bytes ``tail_hex``."""
    return str(text).encode(encoding) * int(repeat) + bytes.fromhex(tail_hex)


# -- a plugin whose rule always fails (for GIP009's cases and plugin authors' tests) ---------------

def _crashing_plugin():
    import types

    from .checks.base import Rule
    from .hookspecs import hookimpl

    class AlwaysFails(Rule):
        """检查内容：测试用规则，总是出错（用于检验 GIP009）。

        What it checks: nothing; it always raises, to test how a failing rule is reported.
        """

        code = "GIP999"
        name = "always-fails"
        summary = "测试用：总是出错"
        summary_en = "test only: always fails"
        default_severity = "error"
        messages = {"never": ("不会报告", "never reported")}

        def check(self, ctx):
            raise ValueError("this rule always fails")

    return types.SimpleNamespace(gipcheck_rules=hookimpl(lambda: [AlwaysFails]))


crashing_plugin = _crashing_plugin()
