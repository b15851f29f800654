"""The rule contract: one class per rule, explicit metadata, a generator ``check(ctx)``.

A rule's docstring is its documentation (``gipcheck rule CODE`` prints it; ``docs/rules``
is generated from it) with the sections 检查内容 / What it checks and 依据 / Why. The failing
and passing examples come from the rule's case file (``tests/rules/GIPnnn.yaml``), and the
options section from its declared :class:`Option` s.

Options are a contract (:mod:`gipcheck.options`): a rule declares each option once (type,
default, range or choices, help in Chinese and English); every value given to a rule (command
line or plugin) is validated when the linter is built, and rules read
option values only from ``ctx.options``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import ClassVar, Iterator

from .. import rx
from ..options import Option, OptionError, resolve_options
from ..textutil import SENTENCE_END

SEVERITIES = ("error", "warning", "info")
NOTE_MESSAGE = ("（文本可能不完整，故仅作提示）", " (the text may be incomplete, so this is only a note)")
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
        return {"note": NOTE_MESSAGE[0] if cond else "", "note_en": NOTE_MESSAGE[1] if cond else ""}

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
        m = SENTENCE_END.search(self.facts.text, start, end)
        return start, start + min((m.start() + 1 if m else end) - start, 40)

    def text(self, key: str, /, *values, **args) -> str:
        """Message ``key`` of this rule in the output language, as a part of another message."""
        zh, en = self.rule.messages[key]
        return (en if self.lang == "en" else zh).format(*values, **args)

    def report(self, key: str, pos: int, pos_end: int | None = None, /, *, severity: str | None = None,
               fix: str | None = None, fingerprint_extra: str = "", related=(), **args) -> Finding:
        """A finding from message ``key`` at the half-open span [pos, pos_end) of the text.
        ``related``: (start, end, note) spans of other places the finding points at (the earlier
        paragraph of a repeat, the cells of a failed identity), kept as ``extra["related"]``."""
        zh, en = self.rule.messages[key]
        template = en if self.lang == "en" else zh
        message = template.format(**args)
        finding = make_finding(self.facts, self.path, self.rule, severity or self.severity, message,
                               pos, pos_end if pos_end is not None else pos, key + fingerprint_extra, fix)
        places = []
        for start, end, note in related:
            line, column = self.facts.position(start)
            end_line, end_column = self.facts.position(max(end, start))
            places.append({"line": line, "column": column, "end_line": end_line, "end_column": end_column,
                           "message": note})
        if places:
            finding.extra["related"] = places
        return finding


_WS = rx.compile(r"\s+")


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
    # (surrogatepass: a lone surrogate an editor sent must not make the fingerprint fail)
    fp = hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Finding(rule.code, rule.name, severity, message, path, line, col, end_line, end_col,
                   matched, fp, fix)


__all__ = ["Context", "Finding", "Option", "OptionError", "Rule", "make_finding", "resolve_options",
           "FAMILIES", "SEVERITIES", "SEVERITY_RANK"]
