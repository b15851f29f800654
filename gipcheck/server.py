"""``gipcheck server``: a Language Server Protocol server over standard input and output.

Built on pygls 2 and lsprotocol (the ``lsp`` extra: ``pip install 'gipcheck[lsp]'``); nothing
here is imported by ordinary linting. Editor set-up: docs/editors.md.

* **Text documents** (.txt, .md, untitled buffers) are linted from the live buffer 300 ms after
  the last change, in a worker thread; a result for a superseded edit is never published.
  The buffer goes through ``Linter.lint_bytes`` with the document's path, exactly as the
  command line reads the saved file (newlines, byte-order mark, size limit, year, profile).
* **.docx, .html, .htm, .pdf** are linted from the file on disk when opened and saved. Their
  findings point into the text gipcheck extracts, which is not the editor's buffer, so they
  sit at 0:0 and the message says where (page, paragraph, table row or text line).
* **Configuration** per document as the command line does it (``cli._Run``: the nearest
  .gipcheck.yaml or pyproject.toml, per-file-ignores); the server's own options
  (``gipcheck [options] server``) and the client's settings (initializationOptions,
  workspace/didChangeConfiguration: lang, failLevel, select, extendSelect, ignore, profile) act
  as command-line options over them. A changed configuration file
  (workspace/didChangeWatchedFiles, or didSave of one) re-lints the open documents.
* **Positions** in the negotiated encoding (the client's first of utf-16, utf-8, utf-32;
  utf-16 when it names none); gipcheck counts code points.
* **Hover** on a finding shows its rule's page; **code actions** apply a finding's ``fix`` and
  add the file to ``per-file-ignores`` (a workspace edit: the server never writes a file).
"""

from __future__ import annotations

import asyncio
import copy
import io
import json
import logging
import os
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, rx
from .sources import TEXT_SUFFIXES

try:  # the lsp extra; `gipcheck server` says how to install it when it is missing
    from lsprotocol import types as lsp
    from pygls.exceptions import FeatureRequestError, JsonRpcException
    from pygls.lsp.server import LanguageServer
    from pygls.protocol import LanguageServerProtocol, lsp_method
    from pygls.uris import from_fs_path, to_fs_path
except ImportError:  # pragma: no cover - only without the extra
    lsp = None
    LanguageServer = LanguageServerProtocol = object
    FeatureRequestError = JsonRpcException = Exception

    def lsp_method(name):
        return lambda f: f

DEBOUNCE_SECONDS = 0.3
TIMING_ENV = "GIPCHECK_SERVER_TIMING"  # set: a window/logMessage "gipcheck-timing {json}" per publish
PLUGINS_ENV = "GIPCHECK_SERVER_PLUGINS"  # "module:object,…": extra plugins (tests, plugin development)
DISK_SUFFIXES = (".docx", ".html", ".htm", ".shtml", ".xhtml", ".pdf")
CONFIG_FILES = (".gipcheck.yaml", ".gipcheck.yml", "pyproject.toml")
TEXT_LANGUAGES = ("plaintext", "markdown", "text")
LEVEL_RANK = {"info": 0, "warning": 1, "error": 2}

log = logging.getLogger("gipcheck.server")


# -- positions -------------------------------------------------------------------------------

_EOL = rx.compile(r"\r\n|\r|\n")  # the LSP's line breaks (and gipcheck's, before it normalises them)


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the code units of a position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text)


def chars_for_units(line: str, count: int, encoding: str) -> int:
    """How many characters of ``line`` the first ``count`` code units cover (a position inside
    a character counts as after it; past the end is the end, as the LSP says)."""
    if count <= 0:
        return 0
    if encoding == "utf-32" or line.isascii() or (encoding == "utf-16" and units(line, "utf-16") == len(line)):
        return min(count, len(line))
    seen = 0
    for i, ch in enumerate(line):
        if seen >= count:
            return i
        seen += units(ch, encoding)
    return len(line)


class LineMap:
    """Where each line of a text starts, with the LSP's line breaks (\\n, \\r\\n, \\r)."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str):
        self.text = text
        self.starts = [0, *(m.end() for m in _EOL.finditer(text))]

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def span(self, line: int) -> tuple[int, int]:
        """Start and end offset of a line's content (without its line break)."""
        start = self.starts[line]
        if line + 1 >= len(self.starts):
            return start, len(self.text)
        end = self.starts[line + 1] - 1
        if end > start and self.text[end] == "\n" and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.span(line)
        return self.text[start:end]

    def offset(self, line: int, character: int, encoding: str) -> int:
        """The offset of an LSP position (a line past the end is the end of the text)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.span(line)
        return start + chars_for_units(self.text[start:end], character, encoding)

    def position(self, line: int, column: int, encoding: str) -> tuple[int, int]:
        """A 0-based line and code-point column as an LSP position (clamped to the text)."""
        if line >= len(self.starts):
            line = len(self.starts) - 1
            column = len(self.line_text(line))
        text = self.line_text(max(line, 0))
        return max(line, 0), units(text[:max(column, 0)], encoding)

    def end(self, encoding: str) -> tuple[int, int]:
        last = len(self.starts) - 1
        return last, units(self.line_text(last), encoding)


def apply_change(text: str, change, encoding: str) -> str:
    """A didChange content change applied to ``text``."""
    rng = getattr(change, "range", None)
    if rng is None:
        return change.text
    lines = LineMap(text)
    a = lines.offset(rng.start.line, rng.start.character, encoding)
    b = lines.offset(rng.end.line, rng.end.character, encoding)
    if b < a:
        a, b = b, a
    return text[:a] + change.text + text[b:]


def finding_span(f, lines: LineMap, encoding: str, bom: int = 0) -> tuple[tuple[int, int], tuple[int, int]]:
    """A finding's range in the client's buffer: gipcheck's 1-based line and code-point column
    refer to the text with \\r\\n and \\r read as \\n and a leading byte-order mark removed;
    the lines are the LSP's lines, so only the columns of line 1 shift by the marks removed."""
    if f.line <= 0:
        return (0, 0), (0, 0)

    def pos(line: int, column: int) -> tuple[int, int]:
        line = max(line, 1) - 1
        return lines.position(line, column - 1 + (bom if line == 0 else 0), encoding)

    start = pos(f.line, f.column)
    end = pos(f.end_line or f.line, f.end_column or f.column)
    return start, max(start, end)


# -- settings --------------------------------------------------------------------------------

_SETTING_KEYS = {"lang": "lang", "failLevel": "fail_level", "fail-level": "fail_level", "fail_level": "fail_level",
                 "select": "select", "ignore": "ignore", "extendSelect": "extend_select",
                 "extend-select": "extend_select", "extend_select": "extend_select", "profile": "profile"}


def plain(value):
    """Client JSON as plain dicts and lists (pygls may hand over named tuples)."""
    if hasattr(value, "_asdict"):
        value = value._asdict()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def parse_settings(raw) -> tuple[dict, list[str]]:
    """The client's settings as overrides of the command-line arguments, and what was wrong.

    Accepted either flat (``{"lang": "en"}``) or under ``"gipcheck"``; unknown keys are left
    to other tools."""
    raw = plain(raw)
    if isinstance(raw, dict) and isinstance(raw.get("gipcheck"), dict):
        raw = raw["gipcheck"]
    if not isinstance(raw, dict):
        return {}, []
    out: dict = {}
    problems: list[str] = []
    for key, value in raw.items():
        dest = _SETTING_KEYS.get(key)
        if dest is None or value is None:
            continue
        if dest in ("select", "ignore", "extend_select"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"设置 {key} 应为规则编号的列表 (setting '{key}' must be a list of rule codes)")
                continue
            out[dest] = [",".join(value)] if value else None  # argparse's "append" shape
        elif dest == "lang":
            if value not in ("zh", "en"):
                problems.append(f"设置 lang 应为 zh 或 en，实际为“{value}” (setting 'lang' must be zh or en)")
                continue
            out[dest] = value
        elif dest == "fail_level":
            if not isinstance(value, str) or value.lower() not in LEVEL_RANK:
                problems.append(f"设置 failLevel 应为 error、warning、info 之一，实际为“{value}”"
                                f" (setting 'failLevel' must be error, warning or info)")
                continue
            out[dest] = value.lower()
        elif dest == "profile":
            if not isinstance(value, str) or not value.strip():
                problems.append("设置 profile 应为规则配置名，如 gip-2021 (setting 'profile' must be a profile id)")
                continue
            out[dest] = value.strip()
    return out, problems


# -- linting (the worker thread) -------------------------------------------------------------


@dataclass
class Job:
    uri: str
    path: str  # the file (display path, per-file-ignores); a made-up name for an untitled buffer
    mode: str  # "text" (the buffer) or "disk" (the file)
    text: str
    version: int | None
    encoding: str
    config_path: str  # where the configuration is looked up from
    source_name: str  # the name whose suffix chooses the reader


@dataclass
class Outcome:
    entries: list  # [(Finding, lsp.Diagnostic)]
    notes: list[str]
    lang: str
    lint_ms: float


class Checker:
    """Linters built exactly as the command line builds them (``cli._Run``), one per
    configuration in effect; used from the worker thread only, except :meth:`configure`."""

    def __init__(self, args, plugins, references, cli_options, defaults):
        self.base_args = args
        self.plugins = plugins
        self.references = references
        self.cli_options = cli_options
        self.defaults = defaults
        self.overrides: dict = {}
        self._lock = threading.Lock()
        self._dirty = True
        self._notes: list[str] = []
        self.rules = {}
        for batch in plugins.hook.gipcheck_rules():
            for rule in batch or []:
                self.rules.setdefault(rule.code, rule)

    def configure(self, overrides: dict | None = None) -> None:
        """New client settings (or a changed configuration file): used from the next lint on."""
        with self._lock:
            if overrides is not None:
                self.overrides = overrides
            self._dirty = True

    def args(self):
        args = copy.copy(self.base_args)
        for key, value in self.overrides.items():
            setattr(args, key, value)
        return args

    def lang(self) -> str:
        return self.overrides.get("lang") or self.base_args.lang or self.defaults.get("lang", "zh")

    def _rebuild(self) -> None:
        from .cli import _Run
        from .config import Config, ConfigError, Resolver

        with self._lock:
            args = self.args()
            self._dirty = False
        try:
            self.resolver = Resolver(args.config, args.isolated)
        except ConfigError as exc:
            self._notes.append(str(exc))
            self.resolver = Resolver(None, isolated=True)
        self.run = _Run(args, self.plugins, self.resolver, self.references, self.cli_options, self.defaults)
        self.plain_run = _Run(self.base_args, self.plugins, self.resolver, self.references, self.cli_options,
                              self.defaults)
        self.empty = Config()

    def setup(self, config_path: str):
        """(run, config, linter) for a file: the client's settings over its configuration; when
        either cannot be used, the file is linted without it and a note says why."""
        from .config import ConfigError
        from .engine import UsageError
        from .profiles import ProfileError

        if self._dirty:
            self._rebuild()
        try:
            config = self.resolver.for_path(config_path)
        except ConfigError as exc:
            self._notes.append(str(exc))
            config = self.empty
        error = None
        for run, conf in ((self.run, config), (self.plain_run, config), (self.run, self.empty),
                          (self.plain_run, self.empty)):
            try:
                return run, conf, run.linter(conf)
            except (UsageError, ProfileError) as exc:
                if str(exc) not in self._notes:
                    self._notes.append(str(exc))
                error = exc
        raise error  # pragma: no cover - the built-in rules and profiles always build

    def warm(self, folder: str) -> None:
        """Build the linter for the workspace and parse a line once, before the first document."""
        try:
            _, _, linter = self.setup(folder)
            linter.lint_text("一、总体情况\n", os.path.join(folder, "warm-up.txt"))
        except Exception:  # warming up is only an optimisation
            log.debug("warm-up failed", exc_info=True)
        self._notes.clear()

    def lint(self, job: Job, current=lambda: True) -> Outcome | None:
        """Lint one document; None when ``current()`` says a newer edit superseded it."""
        if not current():
            return None
        started = time.perf_counter()
        run, config, linter = self.setup(job.config_path)
        notes, self._notes = self._notes, []
        if job.mode == "disk":
            result = linter.lint_path(job.path)
        else:
            # the bytes the command line would read from the saved file; a lone surrogate
            # (possible in JSON) becomes one "?", so that no column moves
            data = job.text.encode("utf-8", "replace")
            result = linter.lint_bytes(job.source_name, data, display_path=job.path)
        result = run._after(config, result)  # per-file-ignores, the fail level
        fail = LEVEL_RANK.get(result.fail_level or "warning", 1)
        entries = []
        if job.mode == "text":
            lines = LineMap(job.text)
            bom = len(job.text) - len(job.text.lstrip("\ufeff"))
        lang = linter.lang
        for f in result.findings:
            message = f.message
            if job.mode == "text":
                start, end = finding_span(f, lines, job.encoding, bom)
            else:
                start = end = (0, 0)
                if not result.unreadable:  # an unreadable file's finding is about the whole file
                    message = f"{message}{_where(f, lang)}"
            d = diagnostic(f, message, start, end, LEVEL_RANK.get(f.severity, 1) >= fail, self.rules.get(f.code))
            if job.mode == "text" and f.extra.get("related"):
                # the other places a finding points at: the earlier paragraph, the identity's cells
                from types import SimpleNamespace

                uri = job.uri
                d.related_information = []
                for r in f.extra["related"]:
                    place = SimpleNamespace(line=r["line"], column=r["column"], end_line=r["end_line"],
                                            end_column=r["end_column"])
                    a, b = finding_span(place, lines, job.encoding, bom)
                    d.related_information.append(lsp.DiagnosticRelatedInformation(
                        location=lsp.Location(uri=uri, range=lsp.Range(start=lsp.Position(*a), end=lsp.Position(*b))),
                        message=r["message"]))
            entries.append((f, d))
        return Outcome(entries, notes, lang, (time.perf_counter() - started) * 1000)

    def rule_page(self, code: str, lang: str) -> str | None:
        from . import ruledoc

        rule = self.rules.get(code)
        return ruledoc.text(rule, lang) if rule is not None else None


def _where(f, lang: str) -> str:
    """Where a finding of a .docx/.html/.pdf file is, for its message (the editor cannot show it)."""
    en = lang == "en"
    parts = []
    extra = f.extra or {}
    if "page" in extra:
        parts.append(f"page {extra['page']}" if en else f"第{extra['page']}页")
    if "paragraph" in extra:
        parts.append(f"paragraph {extra['paragraph']}" if en else f"第{extra['paragraph']}段")
    if "table" in extra:
        row = extra.get("row")
        parts.append((f"table {extra['table']}" + (f", row {row}" if row else "")) if en
                     else (f"表格{extra['table']}" + (f"第{row}行" if row else "")))
    if f.line > 0:
        parts.append(f"text line {f.line}, column {f.column}" if en else f"文本第{f.line}行第{f.column}列")
    if not parts:
        return ""
    return f" ({', '.join(parts)})" if en else f"（{'，'.join(parts)}）"


def rule_url(code: str, rule) -> str | None:
    """The rule's page, as the SARIF output links it (built-in rules only)."""
    if rule is None or not rule.__module__.startswith("gipcheck."):
        return None
    from .formatters.sarif import information_uri

    return f"{information_uri()}/blob/main/docs/rules/{code}.md"


def diagnostic(f, message: str, start: tuple[int, int], end: tuple[int, int], fails: bool, rule=None):
    severity = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
                "info": lsp.DiagnosticSeverity.Information}.get(f.severity, lsp.DiagnosticSeverity.Warning)
    url = rule_url(f.code, rule)
    data = {"fingerprint": f.fingerprint, "fails": fails}
    if f.fix is not None:
        data["fix"] = f.fix
    return lsp.Diagnostic(
        range=lsp.Range(start=lsp.Position(*start), end=lsp.Position(*end)), message=message, severity=severity,
        code=f.code, code_description=lsp.CodeDescription(href=url) if url else None, source="gipcheck", data=data)


# -- "ignore this rule for this file": an edit of the configuration -------------------------


@dataclass
class IgnorePlan:
    target: Path  # the configuration file to write
    old_text: str | None  # None: the file is created
    new_text: str


_HEADER = ("# gipcheck 配置（docs/configuration.md）/ gipcheck configuration\n")


def ignore_pattern(path: str, folder: str | Path) -> str | None:
    """``path`` as a per-file-ignores pattern relative to ``folder`` (forward slashes, wildcard
    characters escaped; a file directly in the folder gets a leading "/" so that it does not
    also match files of the same name in sub-folders). None when the file is outside."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        return None
    rel = Path(rel).as_posix()
    rel = re.sub(r"([\\*?\[\]])", r"\\\1", rel)
    if rel[:1] in ("!", "#"):
        rel = "\\" + rel
    if rel.endswith(" "):
        rel = rel.rstrip(" ") + "\\ " * (len(rel) - len(rel.rstrip(" ")))
    return rel if "/" in rel else "/" + rel


def _origin_file(origin: str | None) -> Path | None:
    if not origin:
        return None
    m = re.match(r"^(.*?)(?::\d+){0,2}$", origin)
    return Path(m.group(1)).resolve() if m and m.group(1) else None


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _dump(data, indent: int = 2, seq_indent: int | None = None, offset: int | None = None) -> str:
    yaml = _yaml()
    yaml.indent(mapping=indent, sequence=seq_indent or indent, offset=offset or 0)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _codes_seq(codes: list[str]):
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(codes)
    seq.fa.set_flow_style()
    return seq


def add_ignore(text: str, pattern: str, code: str) -> str | None:
    """The YAML ``text`` with ``code`` added to ``per-file-ignores[pattern]`` (comments, order
    and quoting kept: ruamel.yaml round trip); None when the file is not a usable mapping."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        data, seq_indent, offset = load_yaml_guess_indent(text, yaml=_yaml())  # quotes kept
    except YAMLError:
        return None
    keep = ""
    if data is None:  # empty, or only comments: they stay, the table goes after them
        data = CommentedMap()
        keep = text if not text or text.endswith("\n") else text + "\n"
    if not isinstance(data, dict):
        return None
    table = data.get("per-file-ignores")
    if table is None:
        table = CommentedMap()
        data["per-file-ignores"] = table
    elif not isinstance(table, dict):
        return None
    codes = table.get(pattern)
    if codes is None:
        table[DoubleQuotedScalarString(pattern)] = _codes_seq([code])
    elif isinstance(codes, list):
        if code not in codes:
            codes.append(code)
    elif isinstance(codes, str):
        if code not in [c.strip() for c in codes.split(",")]:
            table[pattern] = f"{codes}, {code}"
    else:
        return None
    m = re.search(r"^[^\s#][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( +)[^\s#-]", text, flags=re.M)
    indent = len(m.group(1)) if m else 2
    new = keep.replace("\r\n", "\n") + _dump(data, indent, seq_indent, offset)
    if not text.strip():
        new = _HEADER + new
    return new.replace("\n", "\r\n") if "\r\n" in text else new


def plan_ignore(path: str, code: str, *, explicit: str | None, isolated: bool, root: str | None,
                read=lambda p: p.read_text(encoding="utf-8")) -> IgnorePlan | None:
    """Which configuration file to change, and how, so that ``code`` is ignored for ``path``."""
    from .config import ConfigError, find, load

    if isolated:
        return None
    found = Path(explicit).resolve() if explicit else find(path)
    if found is None:  # no configuration yet: one in the workspace folder (or the file's own)
        folder = Path(root) if root and ignore_pattern(path, root) is not None else Path(path).resolve().parent
        pattern = ignore_pattern(path, folder)
        if pattern is None:
            return None
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        table = CommentedMap()
        table[DoubleQuotedScalarString(pattern)] = _codes_seq([code])
        return IgnorePlan(folder / ".gipcheck.yaml", None, _HEADER + _dump({"per-file-ignores": table}))
    found = Path(found).resolve()
    try:
        config = load(found)
    except ConfigError:
        return None
    target = _origin_file(config.origins.get("per-file-ignores")) or found  # where the table is
    if target.name == "pyproject.toml":
        if target != found or target.with_name(".gipcheck.yaml").exists():
            return None
        # a .gipcheck.yaml beside it that extends it, with its table and the new entry
        # (the two files share a folder, so the patterns keep their meaning)
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        pattern = ignore_pattern(path, target.parent)
        if pattern is None:
            return None
        table = CommentedMap()
        for key, codes in (config.values.get("per-file-ignores") or {}).items():
            table[DoubleQuotedScalarString(key)] = _codes_seq(list(codes))
        codes = table.setdefault(DoubleQuotedScalarString(pattern), _codes_seq([]))
        if code not in codes:
            codes.append(code)
        header = ("# gipcheck 配置：其余设置仍在 pyproject.toml 的 [tool.gipcheck] 中"
                  " / the other settings stay in pyproject.toml\n")
        return IgnorePlan(target.with_name(".gipcheck.yaml"), None,
                          header + _dump({"extends": "pyproject.toml", "per-file-ignores": table}))
    pattern = ignore_pattern(path, target.parent)
    if pattern is None:
        return None
    try:
        old = read(target)
    except (OSError, UnicodeDecodeError):
        return None
    new = add_ignore(old, pattern, code)
    return None if new is None else IgnorePlan(target, old, new)


# -- the server ------------------------------------------------------------------------------


@dataclass
class Doc:
    uri: str
    path: str | None
    text: str
    version: int | None
    language_id: str
    mode: str  # "text", "disk", "config" (a configuration file: kept for edits) or "other"
    gen: int = 0  # bumped by every edit, save, close and re-lint: a result for an older one is dropped
    timer: object = None
    entries: list = field(default_factory=list)  # the published (Finding, Diagnostic) pairs
    published_version: int | None = None
    lang: str = "zh"
    linted_gen: int = -1  # the edit generation the entries belong to (pull diagnostics wait for it)


class _Answered:
    """A request answered while it was read (its parameters do not fit its method)."""

    jsonrpc = "answered"


class GipcheckProtocol(LanguageServerProtocol):
    """pygls' protocol with gipcheck's own text store (the LSP's line breaks only: pygls'
    store splits lines at \\f, \\x1c, \\u2028 … as well, which would misplace edits after such a
    character) and an error answer to a request whose parameters cannot be read."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN if lsp else "")
    def lsp_text_document__did_open(self, params):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE if lsp else "")
    def lsp_text_document__did_change(self, params):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE if lsp else "")
    def lsp_text_document__did_close(self, params):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException:
            if isinstance(data, dict) and "method" in data and data.get("id") is not None:
                self._send_response(data["id"], error=lsp.ResponseError(
                    code=lsp.ErrorCodes.InvalidParams,
                    message=f"Invalid params for {data.get('method')!r} (参数不符合该方法)"))
                return _Answered()
            raise

    def handle_message(self, message):
        if isinstance(message, _Answered):
            return
        super().handle_message(message)


class GipcheckServer(LanguageServer):
    def __init__(self, checker: Checker):
        super().__init__("gipcheck", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=GipcheckProtocol)
        self.checker = checker
        self.docs: dict[str, Doc] = {}
        self.pulling: dict[str, int] = {}  # pull requests waiting per document
        self.encoding = "utf-16"
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gipcheck-lint")
        self.timing = bool(os.environ.get(TIMING_ENV))
        self.shown: set[str] = set()
        self.folders: list[str] = []
        self.client_flags: dict = {}
        self.init_overrides: dict = {}  # the client's settings: initializationOptions …
        self.settings_overrides: dict = {}  # … and workspace/didChangeConfiguration over them
        self._init_problems: list[str] = []
        self._tasks: set = set()
        self._register()

    # -- helpers -------------------------------------------------------------------------
    def log_message(self, message: str, kind=None) -> None:
        self.window_log_message(lsp.LogMessageParams(type=kind or lsp.MessageType.Log, message=message))

    def notify_once(self, message: str) -> None:
        """A configuration or settings problem: shown once until the configuration changes."""
        if message in self.shown:
            return
        self.shown.add(message)
        self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"gipcheck: {message}"))
        self.log_message(f"gipcheck: {message}", lsp.MessageType.Error)

    def report_server_error(self, error: Exception, source) -> None:
        """Unreadable input: a JSON-RPC parse error (id null) and a log message; never a pop-up."""
        if source is FeatureRequestError:
            return  # already answered with an error response
        if isinstance(error, ValueError):  # json.JSONDecodeError, UnicodeDecodeError: not JSON at all
            self.protocol._send_data({"jsonrpc": "2.0", "id": None,
                                      "error": {"code": int(lsp.ErrorCodes.ParseError), "message": "Parse error"}})
        self.log_message(f"gipcheck server: {type(error).__name__}: {error}", lsp.MessageType.Error)

    def root(self) -> str | None:
        return self.folders[0] if self.folders else None

    def folder_of(self, path: str) -> str | None:
        best = None
        for folder in self.folders:
            if ignore_pattern(path, folder) is not None and (best is None or len(folder) > len(best)):
                best = folder
        return best

    def _flag(self, caps, dotted: str):
        for part in dotted.split("."):
            caps = getattr(caps, part, None)
            if caps is None:
                return None
        return caps

    # -- documents -----------------------------------------------------------------------
    def classify(self, uri: str, language_id: str) -> tuple[str | None, str]:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        name = os.path.basename(path) if path else ""
        if name in CONFIG_FILES:
            return path, "config"
        suffix = os.path.splitext(name)[1].lower()
        if path is None:
            return None, "text" if (language_id or "plaintext") in TEXT_LANGUAGES else "other"
        if suffix in DISK_SUFFIXES:
            return path, "disk"
        if suffix in TEXT_SUFFIXES or suffix == "" or language_id in TEXT_LANGUAGES:
            return path, "text"
        return path, "other"

    def schedule(self, doc: Doc, delay: float) -> None:
        doc.gen += 1
        if doc.timer is not None:
            doc.timer.cancel()
        doc.timer = asyncio.get_running_loop().call_later(delay, self._fire, doc.uri, doc.gen)

    def _fire(self, uri: str, gen: int) -> None:
        task = asyncio.ensure_future(self._lint_and_publish(uri, gen, time.monotonic()))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def job(self, doc: Doc) -> Job:
        if doc.path is None:  # an untitled buffer: the workspace's configuration
            folder = self.root() or os.getcwd()
            name = os.path.join(folder, (doc.uri.rsplit("/", 1)[-1] or "untitled").replace(":", "-") + ".txt")
            return Job(doc.uri, name, "text", doc.text, doc.version, self.encoding, folder, name)
        # the real path: per-file-ignores patterns are relative to the configuration's real folder
        path = os.path.realpath(doc.path)
        suffix = os.path.splitext(path)[1].lower()
        source = path if suffix in TEXT_SUFFIXES or suffix == "" or doc.mode == "disk" else path + ".txt"
        return Job(doc.uri, path, doc.mode, doc.text if doc.mode == "text" else "", doc.version,
                   self.encoding, path, source)

    async def _lint_and_publish(self, uri: str, gen: int, fired: float) -> None:
        doc = self.docs.get(uri)
        if doc is None or doc.gen != gen:
            return
        job = self.job(doc)
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(self.worker, self.checker.lint, job, lambda: doc.gen == gen)
        except Exception as exc:  # logged; the server goes on
            log.exception("lint failed")
            self.log_message(f"gipcheck: {type(exc).__name__}: {exc}", lsp.MessageType.Error)
            return
        if outcome is None:
            return
        for note in outcome.notes:
            self.notify_once(note)
        if self.docs.get(uri) is not doc or doc.gen != gen:
            return  # a newer edit, save, close or re-lint superseded this result
        doc.entries = outcome.entries
        doc.published_version = job.version
        doc.lang = outcome.lang
        doc.linted_gen = gen
        if self.client_flags.get("pull"):
            # the client pulls (textDocument/diagnostic): a waiting pull returns these; a result
            # nobody asked for (a configuration change) asks the client to pull again
            if self.client_flags.get("refresh") and not self.pulling.get(uri):
                self.workspace_diagnostic_refresh(None)
        else:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=[d for _, d in outcome.entries], version=job.version))
        if self.timing:
            done = time.monotonic()
            self.log_message("gipcheck-timing " + json.dumps({
                "uri": uri, "version": job.version, "fired": fired, "published": done,
                "lint_ms": round(outcome.lint_ms, 3), "fire_to_publish_ms": round((done - fired) * 1000, 3)}))

    def relint_all(self) -> None:
        for doc in self.docs.values():
            if doc.mode in ("text", "disk"):
                self.schedule(doc, 0)

    def config_changed(self) -> None:
        self.checker.configure()
        self.shown.clear()
        self.relint_all()

    def apply_settings(self, raw) -> None:
        """workspace/didChangeConfiguration: these settings over the initializationOptions (an
        empty or null payload, which some clients send once at start, leaves those in force)."""
        self.settings_overrides, problems = parse_settings(raw)
        self.checker.configure({**self.init_overrides, **self.settings_overrides})
        self.shown.clear()
        for p in problems:
            self.notify_once(p)
        self.relint_all()

    # -- handlers ------------------------------------------------------------------------
    def _register(self) -> None:
        def bind(method):  # pygls marks the handler function itself, so each gets one of its own
            if asyncio.iscoroutinefunction(method):
                async def handler(params):
                    return await method(params)
            else:
                def handler(params):
                    return method(params)
            return handler

        for name, method, options in (
                (lsp.INITIALIZE, self.on_initialize, None),
                (lsp.INITIALIZED, self.on_initialized, None),
                (lsp.SHUTDOWN, self.on_shutdown, None),
                (lsp.TEXT_DOCUMENT_DID_OPEN, self.on_did_open, None),
                (lsp.TEXT_DOCUMENT_DID_CHANGE, self.on_did_change, None),
                (lsp.TEXT_DOCUMENT_DID_SAVE, self.on_did_save, lsp.SaveOptions(include_text=False)),
                (lsp.TEXT_DOCUMENT_DID_CLOSE, self.on_did_close, None),
                (lsp.WORKSPACE_DID_CHANGE_CONFIGURATION, self.on_did_change_configuration, None),
                (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, self.on_did_change_watched_files, None),
                (lsp.TEXT_DOCUMENT_HOVER, self.on_hover, None),
                (lsp.TEXT_DOCUMENT_DIAGNOSTIC, self.on_diagnostic,
                 lsp.DiagnosticOptions(identifier="gipcheck", inter_file_dependencies=False,
                                       workspace_diagnostics=False)),
                (lsp.TEXT_DOCUMENT_CODE_ACTION, self.on_code_action,
                 lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))):
            self.feature(name, options)(bind(method))

    def on_initialize(self, params: lsp.InitializeParams) -> None:
        encoding = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        self.encoding = getattr(encoding, "value", encoding)
        caps = params.capabilities
        self.client_flags = {
            "document_changes": bool(self._flag(caps, "workspace.workspace_edit.document_changes")),
            "create": "create" in [getattr(k, "value", k) for k in
                                   self._flag(caps, "workspace.workspace_edit.resource_operations") or []],
            "configuration": bool(self._flag(caps, "workspace.configuration")),
            "watch": bool(self._flag(caps, "workspace.did_change_watched_files.dynamic_registration")),
            # pull diagnostics (LSP 3.17) when the client can: then nothing is pushed
            "pull": self._flag(caps, "text_document.diagnostic") is not None,
            "refresh": bool(self._flag(caps, "workspace.diagnostics.refresh_support")),
            "markdown": lsp.MarkupKind.Markdown in (self._flag(caps, "text_document.hover.content_format")
                                                    or [lsp.MarkupKind.Markdown]),
        }
        folders = [f.uri for f in params.workspace_folders or []]
        if not folders and params.root_uri:
            folders = [params.root_uri]
        self.folders = [os.path.realpath(p) for p in (to_fs_path(u) for u in folders if u.startswith("file:")) if p]
        if not self.folders and params.root_path:
            self.folders = [os.path.realpath(params.root_path)]
        if params.initialization_options is not None:
            self.init_overrides, self._init_problems = parse_settings(params.initialization_options)
            self.checker.configure(dict(self.init_overrides))

    def on_initialized(self, params) -> None:
        for p in self._init_problems:
            self.notify_once(p)
        if self.client_flags.get("watch"):
            watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
            self.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="gipcheck-config-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        self.worker.submit(self.checker.warm, self.root() or os.getcwd())

    def on_shutdown(self, params) -> None:
        for doc in self.docs.values():
            if doc.timer is not None:
                doc.timer.cancel()
            doc.gen += 1

    def on_did_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        td = params.text_document
        path, mode = self.classify(td.uri, td.language_id)
        old = self.docs.get(td.uri)
        doc = Doc(td.uri, path, td.text, td.version, td.language_id, mode, gen=old.gen if old else 0,
                  lang=self.checker.lang())
        if old is not None and old.timer is not None:
            old.timer.cancel()
        self.docs[td.uri] = doc
        if mode in ("text", "disk"):
            self.schedule(doc, 0)

    def on_did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None:
            self.log_message(f"gipcheck: didChange for a document that is not open: {params.text_document.uri}",
                             lsp.MessageType.Warning)
            return
        text = doc.text
        for change in params.content_changes:
            text = apply_change(text, change, self.encoding)
        doc.text = text
        doc.version = params.text_document.version
        if doc.mode == "text":
            self.schedule(doc, DEBOUNCE_SECONDS)
        # .docx/.html/.pdf are linted from the file: an edit counts when it is saved

    def on_did_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path and os.path.basename(path) in CONFIG_FILES:
            self.config_changed()
            return
        doc = self.docs.get(uri)
        if doc is not None and doc.mode in ("text", "disk"):
            self.schedule(doc, 0)

    def on_did_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        doc = self.docs.pop(params.text_document.uri, None)
        if doc is None:
            return
        if doc.timer is not None:
            doc.timer.cancel()
        doc.gen += 1
        if doc.mode in ("text", "disk"):
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))

    async def on_did_change_configuration(self, params: lsp.DidChangeConfigurationParams) -> None:
        raw = plain(params.settings)
        if not raw and self.client_flags.get("configuration"):
            try:
                result = await self.workspace_configuration_async(lsp.ConfigurationParams(
                    items=[lsp.ConfigurationItem(section="gipcheck")]))
                raw = plain(result[0]) if result else None
            except Exception as exc:  # noqa: BLE001 - the client could not answer: keep the settings
                self.log_message(f"gipcheck: workspace/configuration failed: {exc}", lsp.MessageType.Warning)
                return
        self.apply_settings(raw or {})

    def on_did_change_watched_files(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = to_fs_path(change.uri) if change.uri.startswith("file:") else None
            if path and os.path.basename(path) in CONFIG_FILES:
                self.config_changed()
                return

    async def on_diagnostic(self, params: lsp.DocumentDiagnosticParams):
        """textDocument/diagnostic: the document's diagnostics once the lint of its latest
        edit is done (the debounce still applies); an unknown document has none."""
        uri = params.text_document.uri
        doc = self.docs.get(uri)
        if doc is None or doc.mode not in ("text", "disk"):
            return lsp.RelatedFullDocumentDiagnosticReport(items=[])
        self.pulling[uri] = self.pulling.get(uri, 0) + 1
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 30
            while self.docs.get(uri) is doc and doc.linted_gen != doc.gen and loop.time() < deadline:
                await asyncio.sleep(0.01)
        finally:
            self.pulling[uri] -= 1
        return lsp.RelatedFullDocumentDiagnosticReport(items=[d for _, d in doc.entries])

    def _at(self, doc: Doc, rng) -> list:
        a = (rng.start.line, rng.start.character)
        b = (rng.end.line, rng.end.character)
        out = []
        for f, d in doc.entries:
            s = (d.range.start.line, d.range.start.character)
            e = (d.range.end.line, d.range.end.character)
            if s <= b and a <= e:
                out.append((f, d))
        return out

    def on_hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None or not doc.entries:
            return None
        hits = self._at(doc, lsp.Range(start=params.position, end=params.position))
        if not hits:
            return None
        pages, seen = [], set()
        for f, _ in hits:
            if f.code not in seen:
                seen.add(f.code)
                page = self.checker.rule_page(f.code, doc.lang)
                if page:
                    pages.append(page.strip())
        if not pages:
            return None
        kind = lsp.MarkupKind.Markdown if self.client_flags.get("markdown", True) else lsp.MarkupKind.PlainText
        return lsp.Hover(contents=lsp.MarkupContent(kind=kind, value="\n\n---\n\n".join(pages)),
                         range=hits[0][1].range)

    async def on_code_action(self, params: lsp.CodeActionParams) -> list:
        doc = self.docs.get(params.text_document.uri)
        if doc is None or not doc.entries:
            return []
        only = params.context.only
        if only and not any(getattr(k, "value", k) in ("", "quickfix") for k in only):
            return []  # only other kinds of action were asked for
        wanted = {(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in params.context.diagnostics or []}
        picked = [(f, d) for f, d in doc.entries
                  if (d.code, d.range.start.line, d.range.start.character, d.range.end.line,
                      d.range.end.character) in wanted]
        for pair in self._at(doc, params.range):
            if pair not in picked:
                picked.append(pair)
        en = doc.lang == "en"
        actions: list = []
        fresh = doc.mode == "text" and doc.published_version == doc.version
        for f, d in picked:
            if f.fix is None or not fresh:
                continue
            shown = f.fix if len(f.fix) <= 30 else f.fix[:30] + "…"
            if f.fix:
                title = f"Replace with “{shown}”" if en else f"改为“{shown}” / Replace with “{shown}”"
            else:
                title = "Delete" if en else "删除 / Delete"
            edit = lsp.TextEdit(range=d.range, new_text=f.fix)
            actions.append(lsp.CodeAction(title=f"{f.code}: {title}", kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=[d], is_preferred=True,
                                          edit=self._edit(doc.uri, doc.version, [edit])))
        codes: dict[str, list] = {}
        for f, d in picked:
            codes.setdefault(f.code, []).append(d)
        if doc.path is not None:
            loop = asyncio.get_running_loop()
            args = self.checker.args()
            path = os.path.realpath(doc.path)
            root = self.folder_of(path)
            buffers = {os.path.realpath(d.path): d.text for d in self.docs.values() if d.mode == "config" and d.path}

            def read(target: Path) -> str:  # an open buffer's text, unsaved changes included
                text = buffers.get(str(target))
                return text if text is not None else target.read_text(encoding="utf-8")

            for code, diags in codes.items():
                plan = await loop.run_in_executor(None, lambda c=code: plan_ignore(
                    path, c, explicit=args.config, isolated=args.isolated, root=root, read=read))
                edit = self._config_edit(plan) if plan is not None else None
                if edit is None:
                    continue
                title = f"Ignore {code} for this file" if en else f"在本文件中忽略 {code} / Ignore {code} for this file"
                actions.append(lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=diags,
                                              edit=edit))
        return actions

    def _config_doc(self, target: Path) -> Doc | None:
        for doc in self.docs.values():
            if doc.path and os.path.realpath(doc.path) == str(target):
                return doc
        return None

    def _edit(self, uri: str, version: int | None, edits: list):
        if self.client_flags.get("document_changes"):
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])
        return lsp.WorkspaceEdit(changes={uri: edits})

    def _config_edit(self, plan: IgnorePlan):
        doc = self._config_doc(plan.target)
        uri = doc.uri if doc is not None else from_fs_path(str(plan.target))
        if plan.old_text is None:
            if not self.client_flags.get("create"):  # resource operations come in documentChanges only
                return None  # the client cannot create files through an edit
            return lsp.WorkspaceEdit(document_changes=[
                lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(overwrite=False, ignore_if_exists=True)),
                lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                                     edits=[lsp.TextEdit(range=lsp.Range(start=lsp.Position(0, 0),
                                                                         end=lsp.Position(0, 0)),
                                                         new_text=plan.new_text)])])
        end = LineMap(plan.old_text).end(self.encoding)
        edit = lsp.TextEdit(range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(*end)), new_text=plan.new_text)
        return self._edit(uri, doc.version if doc is not None else None, [edit])


# -- entry point -----------------------------------------------------------------------------


def _env_plugins() -> list:
    """Extra plugins named by GIPCHECK_SERVER_PLUGINS ("module:object", comma-separated)."""
    import importlib

    out = []
    for item in filter(None, (s.strip() for s in os.environ.get(PLUGINS_ENV, "").split(","))):
        module, _, attr = item.partition(":")
        try:
            obj = importlib.import_module(module)
            for part in filter(None, attr.split(".")):
                obj = getattr(obj, part)
            out.append(obj)
        except Exception as exc:  # noqa: BLE001 - a broken plugin is reported and skipped
            sys.stderr.write(f"gipcheck: 插件 “{item}” 加载失败，已跳过：{exc} (plugin failed to load; skipped)\n")
    return out


_HELP = """用法：gipcheck [选项] server

在标准输入、输出上运行语言服务器（Language Server Protocol），供编辑器使用；见 docs/editors.md。
可以给出与命令行相同的选项（--config、--isolated、--select、--ignore、--lang、--profile、
--fail-level、--option、--no-plugins、--max-size），编辑器的设置优先于它们。

usage: gipcheck [options] server
Runs the language server over standard input and output for editors (docs/editors.md). The
command line's options apply; the editor's settings take precedence over them.
"""


def main(argv: list[str] | None = None) -> int:
    """``gipcheck server``: serve until the client sends exit (0 after shutdown, else 1)."""
    argv = [a for a in (sys.argv[1:] if argv is None else argv)
            if a != "--stdio" and not a.startswith("--clientProcessId")]  # what generic clients add
    if lsp is None:
        sys.stderr.write("gipcheck: 编辑器服务需要 pygls：pip install 'gipcheck[lsp]'"
                         " (the language server needs the lsp extra)\n")
        return 2
    if "-h" in argv or "--help" in argv:
        sys.stdout.write(_HELP)
        return 0
    from .cli import _argparse_message, _err, _lang_of, _setup, _Usage, build_parser

    lang = _lang_of(argv)
    try:
        args = build_parser(lang).parse_args(argv)
    except _Usage as exc:
        _err(f"用法错误：{_argparse_message(str(exc), lang)} (usage error)")
        return 2
    if args.paths:
        _err("用法错误：gipcheck server 不接受文件参数，文件由编辑器打开 (usage error: server takes no paths)")
        return 2
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="gipcheck server: %(levelname)s %(name)s: %(message)s")
    setup = _setup(args, _env_plugins())
    if setup is None:
        return 2
    plugins, defaults, references, options = setup
    server = GipcheckServer(Checker(args, plugins, references, options, defaults))
    server.start_io()
    return 0 if server.protocol._shutdown else 1


__all__ = ["main", "GipcheckServer", "Checker", "LineMap", "apply_change", "finding_span", "plan_ignore",
           "add_ignore", "ignore_pattern", "parse_settings", "units"]
