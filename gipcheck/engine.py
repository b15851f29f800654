"""The engine: read a file through the source hook, build the facts, run the selected rules."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import rx
from .checks.base import SEVERITY_RANK, Context, Finding, OptionError, Rule, make_finding, resolve_options
from .facts import Facts
from .options import check_declarations
from .plugins import Plugins, plugin_manager
from .profiles import ProfileError, ProfileSet, load_profile_cached
from .sources import Document, Problem
from .textutil import to_simplified

_SURROGATE = rx.compile("[\ud800-\udfff]")

class UsageError(Exception):
    """A problem with the arguments or set-up (exit code 2); the message is for the user."""


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    unreadable: bool = False  # the input could not be checked at all
    profile: str | None = None
    year: int | None = None
    text: str = field(default="", repr=False)  # the checked text, for showing source lines
    fail_level: str | None = None  # the level that fails the run for this file (its configuration)
    # what gipcheck read (profile and year and why, the tables as grids): gipcheck/view.py, only
    # when the linter keeps views (the HTML report and the web page)
    view: dict | None = field(default=None, repr=False)
    # what the checks across reports need (gipcheck/collection.py): agency, year, some cells,
    # sentence hashes; only when the linter keeps summaries (folder runs, --previous, --summary)
    summary: dict | None = field(default=None, repr=False)
    agency: dict | None = None  # the reporting agency: {"name", "key", "source"} (facts/agency.py)

    def worst(self) -> int:
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=-1)


def _matches(rule: type[Rule], token: str) -> bool:
    token = token.strip()
    if not token:
        return False
    up = token.upper()
    return rule.code == up or rule.code.startswith(up) or rule.name == token.lower()


def _human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # pragma: no cover


class Linter:
    def __init__(self, plugins: Plugins | None = None, *, select: list[str] | None = None,
                 ignore: list[str] | None = None, lang: str = "zh", profile: str | None = None,
                 max_size: int = 10 * 1024 * 1024, references: list[tuple[str, str]] | None = None,
                 rule_options: dict[str, dict] | None = None, option_origins: dict | None = None,
                 severities: dict[str, str] | None = None, keep_view: bool = False,
                 keep_summary: bool = False, keep_text: bool = True):
        self.keep_view = keep_view
        self.keep_text = keep_text  # False: results of folder runs carry no text (runner._trim)
        self.keep_summary = keep_summary
        self.plugins = plugins or plugin_manager(load_external=False)
        self.lang = lang
        self.max_size = max_size
        self.references = references or []
        self.all_rules: list[type[Rule]] = []
        seen: dict[str, type[Rule]] = {}
        for batch in self.plugins.hook.gipcheck_rules():
            for rule in batch or []:
                problem = check_declarations(rule)
                if problem is not None:
                    raise UsageError(f"规则 {rule.code}（{rule.__module__}）的选项声明无效：{problem}"
                                     f" (rule {rule.code} declares invalid options)")
                other = seen.get(rule.code)
                if other is not None and other is not rule:
                    raise UsageError(f"规则编号冲突：{rule.code} 同时由 {other.__module__} 和 {rule.__module__} 定义"
                                     f" (rule code {rule.code} is defined twice)")
                seen[rule.code] = rule
        self.all_rules = sorted(seen.values(), key=lambda r: r.code)
        for token in (select or []) + (ignore or []):
            if not any(_matches(r, token) for r in self.all_rules):
                raise UsageError(f"未知的规则编号或名称：“{token}”（运行 gipcheck --list-rules 查看全部规则）"
                                 f" (unknown rule code or name '{token}')")
        self.rules = [
            r for r in self.all_rules
            if (not select or any(_matches(r, t) for t in select))
            and not any(_matches(r, t) for t in (ignore or []))
        ]
        self.by_code = {r.code: r for r in self.all_rules}
        # a rule's level from the configuration: its findings at the default level take it;
        # findings the rule set lower on purpose (a cut-off text) never rise above it
        self.severities: dict[str, str] = {}
        for token, level in (severities or {}).items():
            hits = [r for r in self.all_rules if _matches(r, token)]
            if not hits:
                raise UsageError(f"severity 中未知的规则编号或名称：“{token}” (unknown rule '{token}' in severity)")
            for r in hits:
                self.severities[r.code] = level
        # every option value is validated here, once, before any file is read
        given: dict[str, dict] = {}
        origins: dict = {}
        # plugins' defaults first (the oldest registered first), each value with its plugin's name
        for impl in self.plugins.hook.gipcheck_default_config.get_hookimpls():
            conf = impl.function() or {}
            plugin_opts = conf.get("options") if isinstance(conf, dict) else None
            where = f"插件 {impl.plugin_name} 的默认配置 (plugin default config)"
            if plugin_opts is None:
                continue
            if not isinstance(plugin_opts, dict):
                raise UsageError(f"{where}: options 应为“规则: {{选项: 值}}”的映射 (options must be a mapping)")
            for token, values in plugin_opts.items():
                _merge(given, token, values)
                origins[token] = where
                for key in values if isinstance(values, dict) else ():
                    origins[(token, key)] = where
        for token, values in (rule_options or {}).items():
            _merge(given, token, values)
            where = (option_origins or {}).get(token, "规则选项 (rule options)")
            origins[token] = where
            for key in values if isinstance(values, dict) else ():
                origins[(token, key)] = (option_origins or {}).get((token, key), where)
        try:
            self.rule_options = resolve_options(self.all_rules, given, origins)
        except OptionError as exc:
            raise UsageError(str(exc)) from None
        profiles = []
        # pluggy calls the newest plugin first; reversed, the built-in profiles come first and
        # win the automatic choice by year over a plugin's profile for the same years
        for batch in reversed(self.plugins.hook.gipcheck_profiles()):
            for p in batch or []:
                profiles.append(load_profile_cached(p))  # ProfileError reaches the CLI with file:line
        if not profiles:
            raise UsageError("没有可用的规则配置（profiles）(no profiles found)")
        self.profiles = ProfileSet(profiles)
        if profile is not None and self.profiles.get(profile) is None:
            raise UsageError(f"未知的规则配置：“{profile}”，可选：{', '.join(sorted(self.profiles.profiles))}"
                             f" (unknown profile '{profile}')")
        self.profile = profile

    def with_needs(self, *, keep_view: bool, keep_summary: bool, keep_text: bool) -> "Linter":
        """This linter keeping other things in its results (views, summaries, texts): a copy
        that shares the rules, options and profiles (building them again is most of a start-up)."""
        if (keep_view, keep_summary, keep_text) == (self.keep_view, self.keep_summary, self.keep_text):
            return self
        other = copy.copy(self)
        other.keep_view, other.keep_summary, other.keep_text = keep_view, keep_summary, keep_text
        return other

    # -- reading -----------------------------------------------------------------------
    def suffixes(self) -> set[str]:
        out: set[str] = set()
        for batch in self.plugins.hook.gipcheck_source_suffixes():
            out.update(s.lower() for s in batch or [])
        return out

    def _problem_finding(self, path: str, problem: Problem, text: str = "", facts=None) -> Finding:
        rule = self.by_code[problem.code]
        zh, en = rule.messages[problem.key] if problem.key else next(iter(rule.messages.values()))
        message = (en if self.lang == "en" else zh).format(**problem.args)
        if facts is not None:
            lines = facts.lines
            start = lines.offset(problem.line, problem.column) if problem.line <= lines.line_count else 0
            f = make_finding(facts, path, rule, problem.severity or rule.default_severity, message, start,
                             start + 1, key=problem.code)
            f.extra.update(problem.where or {})
            return f
        f = make_finding(None, path, rule, problem.severity or rule.default_severity, message, 0, 0,
                         key=problem.code)
        return f

    def lint_path(self, path: str) -> FileResult:
        try:
            size = os.stat(path).st_size
        except OSError as exc:
            return self._unreadable(path, os_reason(exc, self.lang))
        if os.path.isdir(path):
            return self._unreadable(path, os_reason(IsADirectoryError(), self.lang))
        import stat

        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or a device would block or never end
            return self._unreadable(path, "not a regular file" if self.lang == "en" else "不是普通文件")
        if size > self.max_size:
            return self._fatal(path, Problem("GIP004", {"size": _human_size(size),
                                                        "limit": _human_size(self.max_size)}))
        try:
            with open(path, "rb") as fh:
                data = fh.read(self.max_size + 1)
        except OSError as exc:
            return self._unreadable(path, os_reason(exc, self.lang))
        return self.lint_bytes(path, data)

    def _unreadable(self, path: str, reason: str) -> FileResult:
        return self._fatal(path, Problem("GIP001", {"reason": reason}))

    def _fatal(self, path: str, problem: Problem) -> FileResult:
        return FileResult(path, [self._problem_finding(path, problem)], unreadable=True)

    def lint_bytes(self, path: str, data: bytes, display_path: str | None = None) -> FileResult:
        shown = display_path or path
        if len(data) > self.max_size:
            return self._fatal(shown, Problem("GIP004", {"size": _human_size(len(data)),
                                                         "limit": _human_size(self.max_size)}))
        try:
            doc = self.plugins.hook.gipcheck_source(path=path, data=data)
        except Exception:  # noqa: BLE001 - a failing reader must not crash the run
            reason = ("the file is damaged and could not be read in its format" if self.lang == "en"
                      else "文件已损坏，无法按其格式读取")
            return self._fatal(shown, Problem("GIP001", {"reason": reason}))
        if doc is None:
            suffix = Path(path).suffix or path
            formats = "、".join(sorted(self.suffixes()))
            return self._fatal(shown, Problem("GIP008", {"suffix": suffix, "formats": formats}))
        return self.lint_document(doc, shown)

    def lint_text(self, text: str, path: str = "<text>") -> FileResult:
        return self.lint_document(Document(path, text), path)

    # -- checking ----------------------------------------------------------------------
    def lint_document(self, doc: Document, path: str | None = None) -> FileResult:
        path = path or doc.path
        if doc.fatal:
            result = FileResult(path, unreadable=True)
            result.findings = [self._problem_finding(path, p) for p in doc.problems if p.fatal][:1]
            return result
        if _SURROGATE.search(doc.text):
            # a lone surrogate (text from an editor or a caller, never valid Unicode) is read as
            # U+FFFD, one character for one: positions stay, and no encoder downstream fails
            doc.text = _SURROGATE.sub("\ufffd", doc.text)
        # a report in Traditional characters is checked converted, character for character, so that
        # every position stays the original's (findings quote the original text)
        simplified = to_simplified(doc.text)
        problems = list(doc.problems) + ([Problem("GIP013", {}, fatal=False)] if simplified is not None else [])
        facts = Facts(simplified or doc.text, self.profiles, self.profile,
                      [(n, t) for n, t in self.references if n != path])
        result = FileResult(path, text=doc.text)
        findings: list[Finding] = [self._problem_finding(path, p, doc.text, facts) for p in problems]
        # a reader's problem that names its own place (a PDF page that was skipped) keeps it
        placed = {id(f.extra) for f, p in zip(findings, problems) if p.where}
        crash_rule = self.by_code.get("GIP009")
        for rule in self.rules:
            ctx = Context(facts, path, rule, self.lang, self.rule_options.get(rule.code))
            try:
                findings.extend(rule().check(ctx) or ())
            except Exception as exc:
                if crash_rule is None:
                    raise
                c = Context(facts, path, crash_rule, self.lang)
                findings.append(c.report("crash", 0, 0, rule=f"{rule.code} {rule.name}",
                                         error=f"{type(exc).__name__}: {exc}", fingerprint_extra=rule.code))
        selected = {r.code for r in self.rules}
        findings = [f for f in findings if f.code in selected or f.code.startswith("GIP0")]
        if self.severities:
            findings = [_with_level(f, self.severities.get(f.code), self.by_code.get(f.code)) for f in findings]
        if doc.segments:  # page, paragraph or table cell in the original file
            for f in findings:
                if id(f.extra) not in placed:
                    f.extra.update(doc.native(facts.lines.offset(f.line, f.column)))
        if simplified is not None:
            findings = [_original_quote(f, facts, doc.text) for f in findings]
        findings.sort(key=lambda f: (f.line, f.column, f.code))
        result.findings = _dedupe(findings)
        if self.keep_view:
            from .view import build_view

            result.view = build_view(facts, doc, self.lang)
        if self.keep_summary:
            from .collection import summarize

            try:
                result.summary = summarize(facts, doc)
            except Exception:  # noqa: BLE001 - a report that cannot be summarised is only left out of pairs
                result.summary = None
        try:
            from .facts.agency import find_agency

            agency = find_agency(facts)
            if agency is not None:
                result.agency = {"name": agency.name, "key": agency.key, "source": agency.source}
        except Exception:  # noqa: BLE001 - informational only
            pass
        try:
            result.profile = facts.profile.id
            result.year = facts.report_year.year if facts.report_year else None
        except Exception:  # noqa: BLE001 - informational only
            pass
        return result


_OS_REASONS = {  # errno name -> (Chinese, English); never an exception class name
    "EACCES": ("权限不足", "permission denied"),
    "EPERM": ("权限不足", "permission denied"),
    "ENOENT": ("路径不存在", "no such file or folder"),
    "EISDIR": ("是目录，不是文件", "is a folder, not a file"),
    "ENOTDIR": ("路径中有一段不是目录", "a part of the path is not a folder"),
    "ELOOP": ("符号链接形成循环", "too many levels of symbolic links"),
    "ENAMETOOLONG": ("文件名过长", "file name too long"),
    "EIO": ("读写错误（磁盘或网络故障）", "input/output error"),
}


def os_reason(exc: OSError, lang: str = "zh") -> str:
    """Why a file could not be read, in the user's language."""
    import errno

    if isinstance(exc, IsADirectoryError) and exc.errno is None:
        name = "EISDIR"
    elif isinstance(exc, PermissionError) and exc.errno is None:
        name = "EACCES"
    elif isinstance(exc, FileNotFoundError) and exc.errno is None:
        name = "ENOENT"
    else:
        name = errno.errorcode.get(exc.errno or 0, "")
    zh, en = _OS_REASONS.get(name, ("无法读取", "cannot be read"))
    if name not in _OS_REASONS and exc.strerror:
        zh, en = f"无法读取（{exc.strerror}）", exc.strerror
    return en if lang == "en" else zh


def _original_quote(f: Finding, facts, original: str) -> Finding:
    from dataclasses import replace

    start = facts.lines.offset(f.line, f.column)
    end = facts.lines.offset(f.end_line, f.end_column)
    return replace(f, text=original[start:end][:200])


def _with_level(f: Finding, level: str | None, rule) -> Finding:
    from dataclasses import replace

    if level is None or rule is None:
        return f
    if f.severity == rule.default_severity:
        return replace(f, severity=level)
    if SEVERITY_RANK[f.severity] > SEVERITY_RANK[level]:
        return replace(f, severity=level)
    return f


def _merge(given: dict, token: str, values) -> None:
    """Later option values win key by key; a value that is not a mapping is kept for the
    validation to reject with its origin."""
    if isinstance(values, dict) and isinstance(given.get(token, {}), dict):
        given.setdefault(token, {}).update(values)
    else:
        given[token] = values


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.code, f.line, f.column, f.end_line, f.end_column, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


__all__ = ["Linter", "FileResult", "UsageError", "ProfileError"]
