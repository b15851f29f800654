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
``previous`` gives the same agency's report of the year before (``--previous``: ``text`` or
``base`` + ``edit``), and ``others`` more reports of a collection (each ``name`` plus ``text`` or
``base`` + ``edit``) — the rules that compare reports (GIP521–523, GIP604, GIP607) see them;
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
              "note", "plugins", "previous", "others"}
_REPORT_KEYS = {"name", "text", "base", "edit"}
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
        if "text" not in d and "base" not in d:
            return None
        return self.report_text({k: d[k] for k in ("text", "base", "edit") if k in d}, "")

    def report_text(self, spec, where: str) -> str:
        """The text of a ``previous`` or ``others`` report of the case."""
        if not isinstance(spec, dict) or not set(spec) <= _REPORT_KEYS or ("text" in spec) == ("base" in spec):
            raise CaseFileError(f"{self.source} {where}: a report is a mapping with text, or base and edit")
        if "text" in spec:
            return str(spec["text"])
        base = str(spec["base"])
        path = self.folder / base
        text = path.read_text(encoding="utf-8") if path.is_file() else base_text(base)
        for i, edit in enumerate(spec.get("edit") or []):
            text = _apply(text, edit, f"{self.source}{' ' + where if where else ''} edit {i + 1}")
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
    together = "previous" in case.data or "others" in case.data
    key = (tuple(id(p) for p in plugins), repr(sorted(settings.items())), repr(options), compare, together)
    if key not in _LINTERS:
        kwargs = dict(settings)
        if together:
            kwargs["keep_summary"] = True
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
    result = linter.lint_text(text, "report.txt")
    if "previous" in case.data or "others" in case.data:
        from .collection import Collection

        explicit = {"report.txt": "上一年度报告.txt"} if "previous" in case.data else {}
        collection = Collection(linter, previous=explicit, expected=2 + len(case.data.get("others") or []))
        collection.add(result.path, result.summary)
        if "previous" in case.data:
            earlier = linter.lint_text(case.report_text(case.data["previous"], "previous"), "上一年度报告.txt")
            collection.add(earlier.path, earlier.summary)
        for i, spec in enumerate(case.data.get("others") or []):
            name = str((spec or {}).get("name") or f"other{i + 1}.txt")
            other = linter.lint_text(case.report_text(spec, f"others {i + 1}"), name)
            collection.add(other.path, other.summary)
        return result.findings + collection.findings().get("report.txt", []), text
    return result.findings, text


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


def text_blocks(text: str) -> list[tuple[str, object]]:
    """A report text (pipe rows for tables) as ("p", line) and ("table", rows) in order: what the
    document makers of the tests and the fuzzer lay out as Word, web page or PDF."""
    out, rows = [], []
    for line in text.split("\n"):
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if rows:
            out.append(("table", rows))
            rows = []
        out.append(("p", line))
    if rows:
        out.append(("table", rows))
    return out


def group_spans(rows: list[list[str]]) -> dict[int, int]:
    """Rows of full width followed by rows one cell shorter: their first cell (a group label such
    as 三、本年度办理结果) spans them all in the real template. {row index: rows spanned}."""
    width = max(len(r) for r in rows)
    spans = {}
    for i, row in enumerate(rows):
        if len(row) == width and width >= 8:
            k = i + 1
            while k < len(rows) and len(rows[k]) == width - 1:
                k += 1
            if k - i > 1:
                spans[i] = k - i
    return spans


def pdf_raw(text: str = "", extra: str = "", at: int = 2, count: int = 1000, pages: int = 0) -> bytes:
    """A PDF written object by object (no library): ``text`` on page 1 (lines in the built-in
    STSong-Light CJK font, as WPS and reportlab set it), ``pages`` more pages of the same text,
    and at page ``at`` a page made by ``extra``: ``"rects"`` (``count`` filled rectangles),
    ``"bomb"`` (a FlateDecode content stream that unpacks to ``count`` MB of spaces),
    ``"filter"`` (a content stream under an unknown filter) or ``""`` (none)."""
    import zlib

    def text_stream(lines: list[str]) -> bytes:
        body = b"".join(b"<%s> Tj T*\n" % line.encode("utf-16-be").hex().encode() for line in lines)
        return b"BT /F1 11 Tf 14 TL 50 800 Td\n" + body + b"ET\n"

    lines = text.split("\n") if text else []
    contents: list[bytes] = []  # one object body per page
    for _ in range(1 + int(pages)):
        data = zlib.compress(text_stream(lines))
        contents.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data))
    if extra:
        if extra == "rects":
            data = zlib.compress(b"0 0 0 rg\n" + b"".join(
                b"%d %d 1 1 re f\n" % (i % 500, (i // 500) % 800) for i in range(int(count))))
            body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
        elif extra == "bomb":
            z = zlib.compressobj(9)
            chunk = b" " * (1 << 20)
            data = b"".join(z.compress(chunk) for _ in range(int(count))) + z.flush()
            body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
        elif extra == "filter":
            data = b"BT /F1 11 Tf 50 800 Td <4e00> Tj ET"
            body = b"<< /Length %d /Filter /NoSuchDecode >>\nstream\n%s\nendstream" % (len(data), data)
        else:
            raise ValueError(f"unknown extra page {extra!r}")
        contents.insert(max(0, min(int(at) - 1, len(contents))), body)
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
           b" /DescendantFonts [4 0 R] >>",
        4: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
           b" << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>",
    }
    kids = []
    nxt = 5
    for body in contents:
        page, content = nxt, nxt + 1
        nxt += 2
        kids.append(page)
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                      b" /Contents %d 0 R >>" % content)
        objs[content] = body
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (k, objs[k])
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


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


# -- collections of reports (the folder tests and the scale benchmark) -------------------------------

_COUNTIES = ("松阳湾县", "青石县", "白沙县", "临河区", "东山县", "北岭县", "南湖区", "西平县", "云岩区", "长宁县",
             "安远县", "兴隆县", "宁川区", "溪口县", "桃源县", "柳江区", "石门县", "清河县", "凤台县", "梅林区")
_DEPARTMENTS = ("交通运输局", "水利局", "民政局", "财政局", "统计局", "司法局", "卫生健康局", "自然资源局",
                "市场监督管理局", "生态环境局", "住房和城乡建设局", "教育局", "农业农村局", "文化和旅游局",
                "应急管理局", "医疗保障局", "退役军人事务局", "审计局", "信访局", "人民政府办公室")
_OPEN = ("", "本年度，", "一年来，", "同时，", "此外，", "今年以来，", "围绕中心工作，")
_DO = ("深入推进", "持续完善", "严格落实", "认真做好", "着力加强", "扎实开展", "稳步推进", "全面梳理",
       "进一步规范", "及时更新", "重点抓好", "不断优化", "逐步健全", "组织开展", "切实做好")
_WHAT = ("政务公开标准化规范化建设", "政府信息主动公开目录", "政策解读和回应关切", "依申请公开办理流程",
         "政府网站信息发布审核", "政务新媒体运营管理", "重大行政决策公开", "基层政务公开专区建设",
         "公开保密审查制度", "行政规范性文件清理", "财政预决算信息公开", "重点领域信息公开",
         "政府开放日活动", "信息公开业务培训", "公开平台栏目设置", "办事指南更新", "民生实事进展公开",
         "建议提案办理结果公开", "执法信息公示", "惠民惠农补贴信息公开")
_HOW = ("，切实提升公开质量", "，确保信息准确及时", "，群众满意度明显提高", "，做到应公开尽公开",
        "，形成长效机制", "，全年共发布相关信息{n}条", "，累计开展{n}次", "，覆盖{n}个单位",
        "，相关工作得到上级肯定", "，有效回应社会关切")


def collection_sentence(rng) -> str:
    """One plausible sentence of report prose, drawn from word lists (about 150,000 variants)."""
    s = rng.choice(_OPEN) + rng.choice(_DO) + rng.choice(_WHAT) + rng.choice(_HOW) + "。"
    return s.replace("{n}", str(rng.randint(2, 400)))


def collection_report(base: str, agency: str, year: int, rng, sentences: int = 14) -> str:
    """``base`` (a report text) as ``agency``'s report for ``year``: its title and years replaced,
    its prose lines replaced by generated sentences, its tables and headings kept."""
    import re

    years = [int(y) for y in re.findall(r"(?<!\d)(20[0-3]\d)(?=\s*年)", base)]
    y0 = max(set(years), key=years.count) if years else year
    base = re.sub(r"(?<!\d)(20[0-3]\d)(?=\s*年)", lambda m: str(int(m.group(1)) - y0 + year), base)
    out = []
    titled = False
    budget = sentences
    for line in base.split("\n"):
        if not titled and line.strip():
            out.append(f"{agency}{year}年政府信息公开工作年度报告")
            titled = True
            continue
        stripped = line.strip()
        is_prose = (stripped and not stripped.startswith("|") and len(stripped) > 15
                    and ("。" in stripped or "，" in stripped or "," in stripped)
                    and "统计期限" not in stripped and "联系" not in stripped)
        if is_prose:  # every line of prose is the agency's own: no two reports share their base's words
            k = max(1, min(max(budget, 1), stripped.count("。") or 1))
            budget -= k
            line = "".join(collection_sentence(rng) for _ in range(k))
        out.append(line)
    text = "\n".join(out)
    if budget > 0:  # a short base: the rest of the prose at the end of part one
        text = text.replace("一、总体情况\n", "一、总体情况\n" + "".join(collection_sentence(rng) for _ in range(budget)) + "\n", 1)
    return text


def make_collection(folder, count: int, bases: list[str] | None = None, seed: int = 0, years: int = 2) -> list[str]:
    """Write ``count`` reports into ``folder``: agencies (county × department) with ``years``
    consecutive years each, texts made by :func:`collection_report` from ``bases`` (default: the
    bundled clean 2021 report). Returns the file paths."""
    import random

    rng = random.Random(seed)
    bases = bases or [base_text("clean-2021")]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # county names (20 named + 40 × 25 made of two syllables, as 县 and 区) × 20 departments: about
    # 40,000 agencies, each named with its place, so that every one pairs its own two years
    first = "青白东西南北安兴宁溪桃柳石清凤梅云长临平金银玉龙泉松竹兰新永福寿康和丰乐华阳春秋明光"
    second = "山河湖江川源林田坪岭峰溪塘桥浦口湾洲岗坡"
    counties = list(_COUNTIES) + [a + b + level for level in "县区" for a in first for b in second]
    agencies = [c + d for c in counties for d in _DEPARTMENTS]
    paths = []
    for i in range(count):
        a = i // years
        agency = agencies[a % len(agencies)]
        year = 2022 + i % years
        text = collection_report(bases[a % len(bases)], agency, year, rng)
        path = folder / f"{i:05d}-{agency}-{year}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths
