"""The rule contract: one class per rule, explicit metadata, a generator ``check(ctx)``.

A rule's docstring is its documentation (``gipcheck rule CODE`` prints it; ``docs/rules``
is generated from it) with the sections 检查内容 / What it checks and 依据 / Why. The failing
and passing examples come from the rule's case file (``tests/rules/GIPnnn.yaml``), and the
options section from its declared :class:`Option` s.

Options are a contract: a rule declares each option once (type, default, range or choices,
help in Chinese and English); :func:`resolve_options` validates every value given to a rule
(command line, configuration file or plugin) when the linter is built, and rules read option
values only from ``ctx.options``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterator

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FAMILIES = {
    0: ("处理", "processing"),
    1: ("章节", "sections"),
    2: ("统计期限与日期", "period and dates"),
    3: ("联系方式与发布", "contact and publication"),
    4: ("表格", "tables"),
    5: ("数字核对", "arithmetic"),
    6: ("文字质量", "text quality"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = ""
    fingerprint: str = ""
    fix: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict:
        d = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "fingerprint": self.fingerprint,
        }
        if self.fix:
            d["fix"] = self.fix
        d.update(self.extra)
        return d


class OptionError(ValueError):
    """An option value that a rule does not accept; the message is for the user."""


_TYPE_ZH = {bool: "布尔值（true/false）", int: "整数", float: "数字", str: "文字"}
_TYPE_EN = {bool: "a boolean (true/false)", int: "an integer", float: "a number", str: "text"}


@dataclass(frozen=True)
class Option:
    """A declared rule option: its type, default, allowed values and help (Chinese, English)."""

    type: type
    default: Any
    help: str
    help_en: str
    min: float | None = None  # inclusive bounds for numbers
    max: float | None = None
    min_exclusive: bool = False
    choices: tuple = ()
    nullable: bool = False  # None is allowed (and means "use the default behaviour")

    def convert(self, value):
        """The value as this option's type, or OptionError with a Chinese/English reason.

        Strings from the command line are parsed (``0.8``, ``true``); values from YAML or a
        plugin must already have the right type (an int is accepted for a float option).
        """
        if value is None:
            if self.nullable:
                return None
            raise OptionError(f"不能为空，应为{_TYPE_ZH[self.type]} (must not be empty; expected {_TYPE_EN[self.type]})")
        if isinstance(value, str) and self.type is not str:
            value = _parse_text(value, self.type)
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.type) or (self.type is not bool and isinstance(value, bool)):
            raise OptionError(f"应为{_TYPE_ZH[self.type]}，实际为 {value!r}"
                              f" (expected {_TYPE_EN[self.type]}, got {value!r})")
        if self.choices and value not in self.choices:
            allowed = " / ".join(map(str, self.choices))
            raise OptionError(f"应为 {allowed} 之一，实际为 {value!r} (expected one of {allowed}, got {value!r})")
        if self.min is not None and (value < self.min or self.min_exclusive and value == self.min):
            op = ">" if self.min_exclusive else "≥"
            raise OptionError(f"应 {op} {self.min}，实际为 {value!r} (must be {op} {self.min}, got {value!r})")
        if self.max is not None and value > self.max:
            raise OptionError(f"应 ≤ {self.max}，实际为 {value!r} (must be ≤ {self.max}, got {value!r})")
        return value

    def describe(self, lang: str = "zh") -> str:
        """Type, default and range in one line, for docs and help."""
        zh = lang != "en"
        parts = [(_TYPE_ZH if zh else _TYPE_EN)[self.type]]
        default = "无" if zh and self.default is None else self.default
        parts.append(("默认 " if zh else "default ") + f"{default}")
        if self.min is not None or self.max is not None:
            lo = "" if self.min is None else f"{self.min} {'<' if self.min_exclusive else '≤'} "
            hi = "" if self.max is None else f" ≤ {self.max}"
            parts.append(("范围 " if zh else "range ") + f"{lo}x{hi}")
        if self.choices:
            parts.append(("可选 " if zh else "one of ") + " / ".join(map(str, self.choices)))
        return ("，" if zh else ", ").join(parts)


def _parse_text(value: str, kind: type):
    text = value.strip()
    if kind is bool:
        low = text.lower()
        if low in ("true", "yes", "on", "1"):
            return True
        if low in ("false", "no", "off", "0"):
            return False
        return value
    try:
        return kind(text)
    except ValueError:
        return value


def resolve_options(rules, given: dict[str, dict] | None, origins: dict | None = None) -> dict[str, dict]:
    """Validate option values given to rules and return every rule's effective options.

    ``given`` maps a rule code or name to ``{key: value}``; ``origins`` maps a rule token or a
    ``(token, key)`` pair to where the value came from (e.g. ``"命令行 --option"`` or
    ``".gipcheck.yaml:12:5"``). An unknown rule, an unknown key or a wrong value raises
    :class:`OptionError` naming the rule, the key and the origin.
    """
    origins = origins or {}
    by_token = {}
    for r in rules:
        by_token[r.code] = r
        by_token[r.name] = r
    out = {r.code: {k: o.default for k, o in r.options.items()} for r in rules}
    for token, values in (given or {}).items():
        where = origins.get(token, "")
        rule = by_token.get(str(token).upper()) or by_token.get(str(token).lower())
        if rule is None:
            raise OptionError(f"{_at(where)}未知的规则“{token}”，无法为它设置选项 (unknown rule '{token}' in rule options)")
        if not isinstance(values, dict):
            raise OptionError(f"{_at(where)}规则 {rule.code} 的选项应为“名称: 值”的映射"
                              f" (options of {rule.code} must be a mapping of name to value)")
        for key, value in values.items():
            at = _at(origins.get((token, key), where))
            spec = rule.options.get(key)
            if spec is None:
                known = "、".join(rule.options) or "无"
                raise OptionError(f"{at}规则 {rule.code} 没有选项“{key}”（可用的选项：{known}）"
                                  f" (rule {rule.code} has no option '{key}'; known: {', '.join(rule.options) or 'none'})")
            try:
                out[rule.code][key] = spec.convert(value)
            except OptionError as exc:
                raise OptionError(f"{at}规则 {rule.code} 的选项“{key}”{exc}") from None
    return out


def _at(where: str) -> str:
    return f"{where}: " if where else ""


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement check()."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""  # one line, Simplified Chinese
    summary_en: ClassVar[str] = ""
    default_severity: ClassVar[str] = "warning"
    options: ClassVar[dict[str, Option]] = {}  # declared options (see Option)
    # message templates: key -> (Chinese, English); str.format fields come from report()
    messages: ClassVar[dict[str, tuple[str, str]]] = {}

    def check(self, ctx: "Context") -> Iterator[Finding]:  # pragma: no cover - interface
        return iter(())

    @classmethod
    def family(cls) -> int:
        return int(cls.code[3])

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


class Context:
    """What a rule sees: the facts about one document, its options, and a way to report."""

    def __init__(self, facts, path: str, rule: type[Rule], lang: str = "zh",
                 options: dict | None = None, severity: str | None = None):
        self.facts = facts
        self.path = path
        self.rule = rule
        self.lang = lang
        # validated values (resolve_options); defaults when the linter gave none
        self.options = options if options is not None else {k: o.default for k, o in rule.options.items()}
        self.severity = severity or rule.default_severity

    @property
    def tree(self):
        return self.facts.tree

    @property
    def profile(self):
        return self.facts.profile

    @property
    def truncated(self) -> bool:
        """The text seems cut off at either end (GIP007): absences are then only notes."""
        return self.facts.truncated_at is not None or self.facts.starts_mid_report is not None

    def note_if(self, cond: bool) -> dict:
        """Message arguments ``note``/``note_en`` saying the text may be incomplete (when ``cond``)."""
        return {"note": "（文本可能不完整，故仅作提示）" if cond else "",
                "note_en": " (the text may be incomplete, so this is only a note)" if cond else ""}

    def anchor(self) -> tuple[int, int]:
        """Where a finding about the report as a whole points: the title, else the opening
        words of the first line of report text."""
        tree = self.facts.tree
        if tree.title:
            return tree.title[0].start, tree.title[-1].end
        tok = next((t for t in self.facts.tokens if t.type != "CHROME"), None)
        return (0, 0) if tok is None else self.opening(tok.start, tok.end)

    def opening(self, start: int, end: int) -> tuple[int, int]:
        """The opening words of the text in [start, end): its first sentence, at most 40 characters."""
        m = _SENTENCE_END.search(self.facts.text, start, end)
        return start, start + min((m.start() + 1 if m else end) - start, 40)

    def report(self, key: str, pos: int, pos_end: int | None = None, /, *, severity: str | None = None,
               fix: str | None = None, fingerprint_extra: str = "", **args) -> Finding:
        """A finding from message ``key`` at the half-open span [pos, pos_end) of the text."""
        zh, en = self.rule.messages[key]
        template = en if self.lang == "en" else zh
        message = template.format(**args)
        return make_finding(self.facts, self.path, self.rule, severity or self.severity, message,
                            pos, pos_end if pos_end is not None else pos, key + fingerprint_extra, fix)


_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def make_finding(facts, path: str, rule: type[Rule], severity: str, message: str, start: int,
                 end: int, key: str = "", fix: str | None = None) -> Finding:
    text = facts.text if facts is not None else ""
    end = max(end, start)
    if facts is not None:
        line, col = facts.position(start)
        end_line, end_col = facts.position(end)
    else:
        line = col = end_line = end_col = 1
    matched = text[start:end]
    if len(matched) > 200:
        matched = matched[:200]
    # Stable across unrelated edits: the rule, the message key and the offending text, not
    # the position (a line inserted above must not change a baseline).
    basis = "\x1f".join((rule.code, key, _WS.sub("", matched) or message))
    fp = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
    return Finding(rule.code, rule.name, severity, message, path, line, col, end_line, end_col,
                   matched, fp, fix)
