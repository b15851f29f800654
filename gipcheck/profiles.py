"""Profiles: the regulations of one template era as data (``rules/*.yaml``).

A profile says which sections a report must have (with the heading keywords that identify
each), whether their order is fixed, and how strictly the statistics period and contact
information are required. Profiles are found through the ``gipcheck_profiles`` hook, so a
province can ship its own file in a plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import rx

SEVERITIES = ("error", "warning", "info")


class ProfileError(Exception):
    """A profile file that cannot be used; the message names file, line and column."""


@dataclass(frozen=True)
class SectionSpec:
    id: str
    name: str
    name_en: str
    severity: str
    match: tuple[tuple[str, ...], ...]  # any group; every keyword of the group must occur
    exclude: tuple[str, ...] = ()
    body: tuple[re.Pattern, ...] = ()
    number: int | None = None
    basis: str = ""
    content_required: bool = False  # "无" is not an answer (problems and improvements: GIP111)

    def matches(self, label: str) -> bool:
        """Does a (folded, space-free) heading or part label denote this section?"""
        if any(x in label for x in self.exclude):
            return False
        return any(all(k in label for k in group) for group in self.match)


@dataclass(frozen=True)
class ColumnSpec:
    id: str
    label: str
    signed: bool = False  # may be negative (2019 本年增/减)
    decimal: bool = False  # may be fractional (amounts)
    units: tuple[str, ...] = ()  # units that may be written in the cell (元, 万元)
    plausible_max: float | None = None  # a value at or above this is implausible (GIP507)


@dataclass(frozen=True)
class RowSpec:
    id: str
    label: str
    variants: tuple[str, ...] = ()
    group: str | None = None  # the label of the group this row opens (（三）不予公开)
    optional: bool = False
    replaces: tuple[str, ...] = ()  # an optional row that stands for these rows when they are absent


@dataclass(frozen=True)
class BlockSpec:
    """A block of table 二: a caption (第二十条第（N）项), its columns and its rows."""

    caption: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]


@dataclass(frozen=True)
class IdentitySpec:
    id: str  # I-1 …
    # "columns": for each column, Σ left rows = Σ right rows; "rows": total = Σ parts;
    # across years (two reports of one agency, Y and Y+1):
    # "across": for each column, the left rows of Y = the right rows of Y+1 (I-5);
    # "stock": in each of ``rows``, total(Y+1) = total(Y) + Σ parts(Y+1) − Σ minus(Y+1) (I-12)
    kind: str
    name: str = ""
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    total: str | None = None
    parts: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    # words in the prose that explain a legitimate difference (自然失效, 修订, 清理): the finding
    # stays at info
    legitimate: tuple[str, ...] = ()

    @property
    def across_years(self) -> bool:
        return self.kind in ("across", "stock")


@dataclass(frozen=True)
class TableSpec:
    id: str
    number: str
    name: str
    name_en: str
    section: str
    severity: str
    anchors: tuple[str, ...] = ()
    columns: tuple[ColumnSpec, ...] = ()
    rows: tuple[RowSpec, ...] = ()
    blocks: tuple[BlockSpec, ...] = ()
    identities: tuple[IdentitySpec, ...] = ()
    flat: bool = False  # one row of numbers read in order (table 四)
    row_total: str | None = None
    heading_rows: tuple[str, ...] = ()  # row labels that look like section headings (一、本年新收…)
    header_marks: tuple[str, ...] = ()  # words only this table's header holds ("本列数据的勾稽关系")
    prose: tuple[ProseFigure, ...] = ()  # how the prose restates the total column

    def row(self, rid: str) -> RowSpec | None:
        return next((r for r in self.rows if r.id == rid), None)

    def column(self, cid: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.id == cid), None)


@dataclass(frozen=True)
class PeriodSpec:
    required: str | None = None  # severity of a missing statistics period (GIP202)
    # a first year whose period may start late: {year: ("01-01", "05-01")} (the 2008 regulation)
    first_year_starts: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def starts(self, year: int) -> tuple[str, ...]:
        return next((s for y, s in self.first_year_starts if y == year), ())


@dataclass(frozen=True)
class ContactSpec:
    required: str | None = None  # severity of missing contact information (GIP301)
    publication: str | None = None  # severity of a missing place of publication (GIP307)
    deadline: str | None = None  # MM-DD of the year after the report year: published by then (GIP308)
    deadline_basis: str = ""
    # since 2019 the deadline above is a department's; a local government's own report has this one
    government_deadline: str | None = None
    department_suffixes: tuple[str, ...] = ()  # how a department's name ends (局, 委员会, 办公室 …)


@dataclass(frozen=True)
class ForeignLabel:
    label: str
    era: str


@dataclass(frozen=True)
class TemplateSpec:
    """This era's template and the signs of other eras' templates (spec §4, §7.6)."""

    era: str = ""
    cites: str = ""  # the notice that sets this era's format
    era_label: str = ""  # how messages name this era ("2019年（国办公开办函〔2019〕60号）")
    era_label_en: str = ""
    expected: str = ""  # what a report of this era should use, when not the profile's name
    expected_en: str = ""
    foreign: tuple[ForeignLabel, ...] = ()
    unrelated_citations: tuple[str, ...] = ()
    foreign_citations: tuple[ForeignLabel, ...] = ()


@dataclass(frozen=True)
class Wording:
    """Words of the regulations and templates that rules and the parser use (never literals in code)."""

    heading_words: tuple[str, ...] = ()  # words of real section headings (parser)
    label_notes: tuple[str, ...] = ()  # a row label is shortened before a bracket opening these
    label_subject: str = ""  # identity terms drop the words from this on ("一、本年新收")
    attachment_words: tuple[str, ...] = ()  # a declared part named so is an attachment, not a section
    # sentences saying every request was completed ("所有申请均已按要求办理完成"), as regexes
    completion_claims: tuple[re.Pattern, ...] = ()
    # how a township or street office names itself (in the title: 镇人民政府; in the text: 我镇)
    township_titles: tuple[str, ...] = ()
    township_self: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProseFigure:
    """How prose states a figure of table 三's 总计 column (GIP508)."""

    row: str
    name: str
    patterns: tuple[re.Pattern, ...]

    def matches(self, text: str, start: int = 0, end: int | None = None):
        """(start, end, value) of every statement of the figure in text[start:end]; a figure of
        more than 15 digits is no count (the tables' GIP404 says so) and is not converted."""
        from .textutil import MAX_DIGITS

        end = len(text) if end is None else end
        for p in self.patterns:
            for m in p.finditer(text, start, end):
                if len(m.group(1)) <= MAX_DIGITS:
                    yield m.start(1), m.end(1), int(m.group(1))


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    name_en: str
    year_from: int | None
    year_to: int | None
    basis: str
    ordered: bool
    body_fallback: bool
    sections: tuple[SectionSpec, ...]
    extra_parts: tuple[SectionSpec, ...] = ()
    period: PeriodSpec = field(default_factory=PeriodSpec)
    contact: ContactSpec = field(default_factory=ContactSpec)
    source: str = ""
    explicit: bool = False  # chosen only with --profile, never automatically by year
    tables: tuple[TableSpec, ...] = ()
    template: TemplateSpec = field(default_factory=TemplateSpec)
    wording: Wording = field(default_factory=Wording)

    def table(self, tid: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == tid), None)

    def covers(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (
            self.year_to is None or year <= self.year_to
        )

    def section(self, sid: str) -> SectionSpec | None:
        for s in (*self.sections, *self.extra_parts):
            if s.id == sid:
                return s
        return None

    def classify(self, label: str) -> str | None:
        """The id of the first section (or extra part) whose keywords match ``label``."""
        for s in (*self.sections, *self.extra_parts):
            if s.matches(label):
                return s.id
        return None


def _where(path: str, node, key=None) -> str:
    lc = getattr(node, "lc", None)
    if lc is None:
        return path
    try:
        if key is not None and isinstance(node, dict):
            line, col = lc.value(key)  # point at the offending value
        elif key is not None:
            line, col = lc.item(key)
        else:
            line, col = lc.line, lc.col
    except (KeyError, IndexError, TypeError):
        line, col = lc.line, lc.col
    return f"{path}:{line + 1}:{col + 1}"


def _keys(path: str, node, allowed: tuple[str, ...], what: str) -> None:
    """Reject keys a mapping does not know (a typo must not load silently as a default)."""
    if not isinstance(node, dict):
        raise ProfileError(f"{_where(path, node)}: {what}应为映射 ({what} must be a mapping)")
    for key in node:
        if key not in allowed:
            where = _where(path, node)
            try:
                line, col = node.lc.key(key)  # point at the unknown key itself
                where = f"{path}:{line + 1}:{col + 1}"
            except (AttributeError, KeyError, TypeError):
                pass
            raise ProfileError(f"{where}: 未知的键 “{key}”（{what}可用的键：{'、'.join(allowed)}）"
                               f" (unknown key '{key}' in {what}; known: {', '.join(allowed)})")


_PROFILE_KEYS = ("id", "name", "name_en", "years", "basis", "ordered", "body_fallback", "select", "sections",
                 "extra_parts", "period", "contact", "tables", "template", "wording")
_SECTION_KEYS = ("id", "number", "name", "name_en", "basis", "severity", "match", "exclude", "body",
                 "content_required")
_TABLE_KEYS = ("id", "number", "name", "name_en", "section", "severity", "anchors", "columns", "rows", "blocks",
               "identities", "flat", "row_total", "heading_rows", "prose", "header_marks")
_COLUMN_KEYS = ("id", "label", "signed", "decimal", "units", "plausible_max")
_ROW_KEYS = ("id", "label", "variants", "group", "optional", "replaces")
_IDENTITY_KEYS = ("id", "kind", "name", "left", "right", "total", "parts", "minus", "rows", "legitimate")
_TEMPLATE_KEYS = ("era", "cites", "era_label", "era_label_en", "expected", "expected_en", "foreign",
                  "unrelated_citations", "foreign_citations")
_WORDING_KEYS = ("heading_words", "label_notes", "label_subject", "attachment_words", "completion_claims",
                 "township_titles", "township_self")


def _need(path, node, key, kind, default=...):
    if key not in node:
        if default is not ...:
            return default
        raise ProfileError(f"{_where(path, node)}: 缺少必填项 “{key}” (missing required key '{key}')")
    value = node[key]
    kinds = (kind,) if isinstance(kind, type) else tuple(kind or ())
    wrong = kind is not None and (not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds)
    if wrong:
        zh = "或".join(_KIND_ZH.get(k, k.__name__) for k in kinds)
        en = " or ".join(_KIND_EN.get(k, k.__name__) for k in kinds)
        got = _KIND_EN.get(next((k for k in (bool, int, float, str, list, dict) if isinstance(value, k)), None),
                           "empty" if value is None else "something else")
        raise ProfileError(f"{_where(path, node, key)}: “{key}” 应为{zh} (expected {en}, got {got})")
    return value


_KIND_ZH = {str: "文字", int: "整数", float: "数字", bool: "true/false", list: "列表", dict: "映射"}
_KIND_EN = {str: "text", int: "an integer", float: "a number", bool: "true/false", list: "a list", dict: "a mapping"}


def _severity(path, node, key, default="error") -> str:
    value = _need(path, node, key, str, default)
    if value is None and default is None:
        return None
    if value not in SEVERITIES:
        raise ProfileError(
            f"{_where(path, node, key)}: 严重级别 “{value}” 无效，应为 error / warning / info"
            f" (invalid severity '{value}')"
        )
    return value


def _section(path: str, node) -> SectionSpec:
    _keys(path, node, _SECTION_KEYS, "章节 (section)")
    groups = _need(path, node, "match", list)
    match = []
    for i, g in enumerate(groups):
        if isinstance(g, str):
            g = [g]
        if not isinstance(g, list) or not g or not all(isinstance(k, str) for k in g):
            raise ProfileError(
                f"{_where(path, groups, i)}: match 的每一项应为关键词列表 (each match entry is a list of keywords)"
            )
        match.append(tuple(str(k) for k in g))
    body = []
    for i, pat in enumerate(_need(path, node, "body", list, [])):
        try:
            body.append(rx.compile(pat))
        except (re.error, TypeError) as exc:
            raise ProfileError(f"{_where(path, node['body'], i)}: 正则表达式无效 (invalid regex): {exc}") from None
    number = _need(path, node, "number", int, None)
    return SectionSpec(
        id=str(_need(path, node, "id", str)),
        name=str(_need(path, node, "name", str, "")),
        name_en=str(_need(path, node, "name_en", str, "")),
        severity=str(_severity(path, node, "severity")),
        match=tuple(match),
        exclude=tuple(str(x) for x in _need(path, node, "exclude", list, [])),
        body=tuple(body),
        number=number,
        basis=str(_need(path, node, "basis", str, "")),
        content_required=bool(_need(path, node, "content_required", bool, False)),
    )


def load_profile(path: str | Path, text: str | None = None) -> Profile:
    """The profile in YAML file ``path`` (or in ``text``), validated: any mistake is a
    :class:`ProfileError` naming the file, line and column."""
    path = str(path)
    return _build(path, _read_yaml(path, text))


def _read_yaml(path: str, text: str | None):
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ProfileError(f"{path}: 无法读取 (cannot read): {exc.strerror}") from None
        except UnicodeDecodeError:
            raise ProfileError(f"{path}: 不是 UTF-8 编码的文本 (not UTF-8 text)") from None
    try:
        return YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise ProfileError(f"{where}: YAML 格式错误 (invalid YAML): {getattr(exc, 'problem', exc)}") from None


def _build(path: str, data) -> Profile:
    """The profile from parsed YAML (ruamel's mappings, which know their lines, or plain data
    from the cache)."""
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: 规则配置应为映射 (a profile must be a mapping)")
    _keys(path, data, _PROFILE_KEYS, "规则配置 (profile)")
    years = _need(path, data, "years", dict, {})
    _keys(path, years, ("from", "to"), "years")
    sections = [_section(path, s) for s in _need(path, data, "sections", list)]
    extra = [_section(path, s) for s in (_need(path, data, "extra_parts", list, []) or [])]
    seen: set[str] = set()
    for raw in list(data["sections"]) + list(data.get("extra_parts") or []):
        if raw["id"] in seen:
            raise ProfileError(f"{_where(path, raw, 'id')}: 章节 id 重复 (duplicate section id): {raw['id']}")
        seen.add(raw["id"])
    tables = tuple(_table(path, t) for t in (_need(path, data, "tables", list, []) or []))
    _check_references(path, data, seen, tables)
    return Profile(
        id=str(_need(path, data, "id", str)),
        name=str(_need(path, data, "name", str, "")),
        name_en=str(_need(path, data, "name_en", str, "")),
        year_from=_need(path, years, "from", int, None),
        year_to=_need(path, years, "to", int, None),
        basis=str(_need(path, data, "basis", str, "")),
        ordered=bool(_need(path, data, "ordered", bool, False)),
        body_fallback=bool(_need(path, data, "body_fallback", bool, False)),
        sections=tuple(sections),
        extra_parts=tuple(extra),
        period=_period(path, _need(path, data, "period", dict, {}) or {}),
        contact=_contact(path, _need(path, data, "contact", dict, {}) or {}),
        source=path,
        explicit=_choice(path, data, "select", ("auto", "explicit"), "auto") == "explicit",
        tables=tables,
        template=_template(path, _need(path, data, "template", dict, {}) or {}),
        wording=_wording(path, _need(path, data, "wording", dict, {}) or {}),
    )


def _check_references(path, data, section_ids: set[str], tables) -> None:
    """Ids that name other parts of the profile must exist (a typo would silently disable a check)."""
    for raw, spec in zip(data.get("tables") or [], tables):
        if spec.section not in section_ids:
            raise ProfileError(f"{_where(path, raw, 'section')}: 表格所在的章节 “{spec.section}” 未定义"
                               f" (unknown section id '{spec.section}')")
        col_ids = {c.id for c in spec.columns}
        if spec.row_total is not None and spec.row_total not in col_ids:
            raise ProfileError(f"{_where(path, raw, 'row_total')}: row_total 引用了未定义的列 “{spec.row_total}”"
                               f" (unknown column id '{spec.row_total}')")
        row_ids = {r.id for r in spec.rows}
        for rraw, row in zip(raw.get("rows") or [], spec.rows):
            unknown = [r for r in row.replaces if r not in row_ids]
            if unknown:
                raise ProfileError(f"{_where(path, rraw, 'replaces')}: replaces 引用了未定义的行"
                                   f" (unknown row ids): {', '.join(unknown)}")


def _period(path, node) -> PeriodSpec:
    _keys(path, node, ("required", "first_year_starts"), "period")
    starts = _need(path, node, "first_year_starts", dict, {}) or {}
    pairs = []
    for year in starts:
        if not isinstance(year, int) or not isinstance(starts[year], list):
            raise ProfileError(f"{_where(path, starts, year)}: first_year_starts 应为“年份: [月-日, …]”"
                               f" (expected year: [MM-DD, …])")
        pairs.append((int(year), tuple(str(s) for s in starts[year])))
    return PeriodSpec(_severity(path, node, "required", None), tuple(pairs))


def _contact(path, node) -> ContactSpec:
    _keys(path, node, ("required", "publication", "deadline", "deadline_basis", "government_deadline",
                       "department_suffixes"), "contact")
    dates = {}
    for key in ("deadline", "government_deadline"):
        value = _need(path, node, key, str, None)
        if value is not None and not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", value):
            raise ProfileError(f"{_where(path, node, key)}: {key} 应写成“月-日”，如 01-31 (expected MM-DD)")
        dates[key] = value
    return ContactSpec(_severity(path, node, "required", None), _severity(path, node, "publication", None),
                       dates["deadline"], str(_need(path, node, "deadline_basis", str, "")),
                       dates["government_deadline"], _strs(path, node, "department_suffixes"))


def _labels(path, node, key, text_key) -> tuple[ForeignLabel, ...]:
    out = []
    for item in _need(path, node, key, list, []) or []:
        _keys(path, item, (text_key, "era"), key)
        out.append(ForeignLabel(str(_need(path, item, text_key, str)), str(_need(path, item, "era", (str, int)))))
    return tuple(out)


def _template(path, node) -> TemplateSpec:
    _keys(path, node, _TEMPLATE_KEYS, "template")
    text = {k: str(_need(path, node, k, (str, int), "")) for k in
            ("era", "cites", "era_label", "era_label_en", "expected", "expected_en")}
    return TemplateSpec(**text, foreign=_labels(path, node, "foreign", "label"),
                        unrelated_citations=_strs(path, node, "unrelated_citations"),
                        foreign_citations=_labels(path, node, "foreign_citations", "text"))


def _wording(path, node) -> Wording:
    _keys(path, node, _WORDING_KEYS, "wording")
    claims = []
    for i, pat in enumerate(_strs(path, node, "completion_claims")):
        try:
            claims.append(rx.compile(pat))
        except re.error as exc:
            raise ProfileError(f"{_where(path, node['completion_claims'], i)}: 正则表达式无效 (invalid regex): {exc}") from None
    return Wording(_strs(path, node, "heading_words"), _strs(path, node, "label_notes"),
                   str(_need(path, node, "label_subject", str, "")), _strs(path, node, "attachment_words"),
                   tuple(claims), _strs(path, node, "township_titles"), _strs(path, node, "township_self"))


def _number(path, node, key) -> float | None:
    value = _need(path, node, key, (int, float), None)
    return None if value is None else float(value)


def _strs(path, node, key) -> tuple[str, ...]:
    items = _need(path, node, key, list, []) or []
    for i, x in enumerate(items):
        if not isinstance(x, str):
            raise ProfileError(f"{_where(path, items, i)}: “{key}” 的每一项应为文字 (each item of '{key}' must be text)")
    return tuple(items)


def _column(path, node) -> ColumnSpec:
    _keys(path, node, _COLUMN_KEYS, "列 (column)")
    return ColumnSpec(str(_need(path, node, "id", str)), str(_need(path, node, "label", str)),
                      bool(_need(path, node, "signed", bool, False)), bool(_need(path, node, "decimal", bool, False)),
                      _strs(path, node, "units"), _number(path, node, "plausible_max"))


def _row(path, node) -> RowSpec:
    _keys(path, node, _ROW_KEYS, "行 (row)")
    return RowSpec(str(_need(path, node, "id", str)), str(_need(path, node, "label", str)),
                   _strs(path, node, "variants"), _need(path, node, "group", str, None),
                   bool(_need(path, node, "optional", bool, False)), _strs(path, node, "replaces"))


def _table(path, node) -> TableSpec:
    _keys(path, node, _TABLE_KEYS, "表格 (table)")
    for b in _need(path, node, "blocks", list, []) or []:
        _keys(path, b, ("caption", "columns", "rows"), "表格分块 (block)")
    columns = tuple(_column(path, c) for c in _need(path, node, "columns", list, []) or [])
    rows = tuple(_row(path, r) for r in _need(path, node, "rows", list, []) or [])
    blocks = tuple(
        BlockSpec(str(_need(path, b, "caption", str)),
                  tuple(_column(path, c) for c in _need(path, b, "columns", list)),
                  tuple(_row(path, r) for r in _need(path, b, "rows", list)))
        for b in _need(path, node, "blocks", list, []) or []
    )
    row_ids = {r.id for r in rows}
    col_ids = {c.id for c in columns}
    identities = []
    for ident in _need(path, node, "identities", list, []) or []:
        _keys(path, ident, _IDENTITY_KEYS, "勾稽关系 (identity)")
        kind = _choice(path, ident, "kind", ("columns", "rows", "across", "stock"), "columns")
        spec = IdentitySpec(str(_need(path, ident, "id", str)), kind, str(_need(path, ident, "name", str, "")),
                            _strs(path, ident, "left"), _strs(path, ident, "right"),
                            _need(path, ident, "total", str, None), _strs(path, ident, "parts"),
                            _strs(path, ident, "minus"), _strs(path, ident, "rows"), _strs(path, ident, "legitimate"))
        all_rows = row_ids | {r.id for b in blocks for r in b.rows}
        all_cols = col_ids | {c.id for b in blocks for c in b.columns}
        by_row = kind in ("columns", "across")
        names = ((spec.left + spec.right) if by_row
                 else (spec.parts + spec.minus + ((spec.total,) if spec.total else ())))
        known = all_rows if by_row else all_cols
        unknown = [n for n in names if n not in known] + [r for r in spec.rows if r not in all_rows]
        if unknown:
            raise ProfileError(f"{_where(path, ident)}: 恒等式引用了未定义的{'行' if by_row else '列'}"
                               f" (identity refers to unknown ids): {', '.join(unknown)}")
        identities.append(spec)
    return TableSpec(
        id=str(_need(path, node, "id", str)), number=str(_need(path, node, "number", str, "")),
        name=str(_need(path, node, "name", str, "")), name_en=str(_need(path, node, "name_en", str, "")),
        section=str(_need(path, node, "section", str)), severity=str(_severity(path, node, "severity")),
        anchors=_strs(path, node, "anchors"), columns=columns, rows=rows, blocks=blocks,
        identities=tuple(identities), flat=bool(_need(path, node, "flat", bool, False)),
        row_total=_need(path, node, "row_total", str, None),
        heading_rows=_strs(path, node, "heading_rows"),
        header_marks=_strs(path, node, "header_marks"),
        prose=_prose(path, node, {r.id for r in rows}),
    )


def _prose(path, node, row_ids: set[str]) -> tuple[ProseFigure, ...]:
    out = []
    for item in _need(path, node, "prose", list, []) or []:
        _keys(path, item, ("row", "name", "patterns"), "prose")
        row = str(_need(path, item, "row", str))
        if row not in row_ids:
            raise ProfileError(f"{_where(path, item, 'row')}: prose 引用了未定义的行 (unknown row): {row}")
        patterns = []
        for i, pat in enumerate(_need(path, item, "patterns", list)):
            try:
                compiled = rx.compile(str(pat))
            except re.error as exc:
                raise ProfileError(f"{_where(path, item['patterns'], i)}: 正则表达式无效 (invalid regex): {exc}") from None
            if compiled.groups != 1:
                raise ProfileError(f"{_where(path, item['patterns'], i)}: 正则表达式须恰有一个分组（数字）"
                                   f" (a prose pattern needs exactly one group: the number)")
            patterns.append(compiled)
        out.append(ProseFigure(row, str(_need(path, item, "name", str)), tuple(patterns)))
    return tuple(out)


def _choice(path, node, key, allowed, default):
    value = _need(path, node, key, str, default)
    if value not in allowed:
        raise ProfileError(f"{_where(path, node, key)}: “{key}” 应为 {' / '.join(allowed)}"
                           f" (expected one of {', '.join(allowed)}, got '{value}')")
    return value


def load_profile_cached(path: str | Path) -> Profile:
    """:func:`load_profile`, with the parsed YAML kept as JSON in the cache folder.

    Parsing YAML with ruamel was most of gipcheck's start-up. The cache holds data only (the
    mappings, lists and scalars the file parsed to; see :mod:`gipcheck.cachedir` for where and
    when it is trusted) and is keyed by the file's path, size and modification time and by the
    gipcheck version; the profile is validated and built from that data as from the YAML. Any
    trouble with the cache (a read-only home, a damaged file) falls back to parsing.
    """
    import hashlib
    import os

    from . import __version__
    from .cachedir import prune, read_json, write_json

    path = str(path)
    try:
        st = os.stat(path)
        key = f"{__version__}|{os.path.abspath(path)}|{st.st_mtime_ns}|{st.st_size}"
    except OSError:
        return load_profile(path)
    name = f"profile-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()}.json"
    kept = read_json(name)
    if isinstance(kept, dict) and kept.get("key") == key:
        try:
            return _build(path, _from_plain(kept["data"]))
        except (ProfileError, KeyError, TypeError, ValueError, AttributeError, re.error):
            pass  # a damaged entry: parse the file
    data = _read_yaml(path, None)
    profile = _build(path, data)
    try:
        plain = _to_plain(data)
        keep = _from_plain(plain) == data
    except (TypeError, ValueError, KeyError):  # a value JSON cannot hold (a date, say)
        keep = False
    if keep and write_json(name, {"key": key, "data": plain}):
        prune("profile-*.json", 64)
        prune("profile-*.pickle", 0)  # left by gipcheck before 2026-12 (pickles are no longer read)
        prune("grammar-*.lark", 0)
    return profile


def _to_plain(value):
    """Parsed YAML as JSON: a mapping is {"m": [[key, value], ...]} (its keys may be numbers),
    a list {"l": [...]}, a scalar itself."""
    if isinstance(value, dict):
        return {"m": [[_scalar(k), _to_plain(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return {"l": [_to_plain(v) for v in value]}
    return _scalar(value)


def _scalar(value):
    if value is None or isinstance(value, bool):
        return value
    for kind in (str, int, float):
        if isinstance(value, kind):
            return kind(value)
    raise TypeError(type(value).__name__)


def _from_plain(value):
    if isinstance(value, dict):
        if "m" in value:
            return {k: _from_plain(v) for k, v in value["m"]}
        return [_from_plain(v) for v in value["l"]]
    if isinstance(value, list):
        raise ValueError("untagged list")
    return value


def builtin_profile_paths() -> list[Path]:
    """The YAML files shipped in the wheel (``gipcheck._rules``) or, in a checkout (an editable
    install too), ``rules/``. Looked for on disk first (importlib.resources, with shutil and
    tempfile behind it, costs a noticeable part of a cold start); importlib.resources for any
    other kind of installation."""
    here = Path(__file__).resolve().parent
    for folder, needs in ((here / "_rules", None), (here.parent / "rules", here.parent / "pyproject.toml")):
        if folder.is_dir() and (needs is None or needs.is_file()):
            paths = sorted(folder.glob("*.yaml"))
            if paths:
                return paths
    from importlib import resources

    try:
        base = resources.files("gipcheck._rules")
        return sorted(Path(str(p)) for p in base.iterdir() if p.name.endswith(".yaml"))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return []


@dataclass(frozen=True)
class Vocabulary:
    heading_words: tuple[str, ...] = ()
    table_row_heads: tuple[str, ...] = ()
    column_labels: tuple[str, ...] = ()  # header cells of the standard tables


class ProfileSet:
    def __init__(self, profiles: list[Profile]):
        self.profiles = {p.id: p for p in profiles}
        self._vocabulary: Vocabulary | None = None

    def get(self, pid: str) -> Profile | None:
        return self.profiles.get(pid)

    def for_year(self, year: int | None) -> Profile:
        """The first automatic profile whose years cover ``year`` (built-ins come first)."""
        if year is not None:
            for p in self.profiles.values():
                if not p.explicit and p.covers(year):
                    return p
        return self.newest()

    def era_profile(self, era: str) -> Profile | None:
        """The automatic profile of a template era ("2019", "2021")."""
        return next((p for p in self.profiles.values() if not p.explicit and p.template.era == str(era)), None)

    def vocabulary(self) -> "Vocabulary":
        """The parser's words, from every loaded profile."""
        if self._vocabulary is not None:
            return self._vocabulary
        heading: dict[str, None] = {}
        rows: dict[str, None] = {}
        columns: dict[str, None] = {}
        for p in self.profiles.values():
            heading.update(dict.fromkeys(p.wording.heading_words))
            for t in p.tables:
                rows.update(dict.fromkeys(t.heading_rows))
                for c in (*t.columns, *(c for b in t.blocks for c in b.columns)):
                    columns.update(dict.fromkeys(c.label.split("·")))
        self._vocabulary = Vocabulary(tuple(heading), tuple(rows), tuple(columns))
        return self._vocabulary

    def newest(self) -> Profile:
        auto = [p for p in self.profiles.values() if not p.explicit] or list(self.profiles.values())
        best = max(p.year_from or 0 for p in auto)
        return next(p for p in auto if (p.year_from or 0) == best)
