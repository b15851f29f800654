"""Command line: ``gipcheck [options] PATH...``.

Exit codes: 0 no finding at or above the failing level; 1 findings; 2 usage error or an
input that could not be read. No traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from . import __version__, rx
from .textutil import visible

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, in Chinese first, exit 2
        raise _Usage(message)


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


# Every option's help: (Chinese, English). --lang en gives English help and errors.
_HELP = {
    "paths": ("报告文件或目录；“-”表示标准输入", "report files or folders; - for standard input"),
    "help": ("显示本帮助并退出", "show this help and exit"),
    "version": ("显示版本号并退出", "show the version and exit"),
    "format": ("输出格式：text（默认）、concise、json、sarif、github、gitlab、junit、html（不分大小写；"
               "在 GitHub Actions 中默认 github）",
               "output format: text (default), concise, json, sarif, github, gitlab, junit, html (any case;"
               " github by default in GitHub Actions)"),
    "output-file": ("把结果写入此文件（而不是标准输出）；-f html 检查多个报告时为索引页，各报告的页面写在旁边的"
                    "“<文件名>_files”目录", "write the output to this file instead of standard output; with -f html and"
                    " several reports, the index page, each report's page in the folder '<name>_files' beside it"),
    "annotate": ("把带批注（审查意见）的 Word 副本写到此文件（只用于一个 .docx 报告；原文件不会被修改）",
                 "write a copy of the Word report with a comment per finding to this file (one .docx input;"
                 " the input is never written)"),
    "annotate-dir": ("为每个 .docx 报告在此目录中写一份带批注的副本（文件名加“-审查意见”）",
                     "write an annotated copy of every .docx report into this folder (names end in -审查意见)"),
    "force": ("覆盖已存在的批注副本", "overwrite existing annotated copies"),
    "follow-links": ("检查目录时也读取指向目录外文件的符号链接（默认跳过）",
                     "in folders, also read symbolic links to files outside the folder (skipped by default)"),
    "previous": ("指定同一机关上一年度的报告，做跨年度核对（结转衔接、现行有效件数、雷同；只用于一个报告）",
                 "the same agency's report of the year before, for the checks across years (one input)"),
    "summary": ("把一批报告的汇总写到此文件：.html（可筛选、排序的网页，附每份报告一页）或 .csv（Excel 可打开）",
                "write a summary of the reports to this file: .html (a page to filter and sort, with a page per"
                " report) or .csv (for Excel)"),
    "lang": ("消息语言：zh（默认）或 en", "message language: zh (default) or en"),
    "select": ("只运行这些规则：编号、编号前缀或名称，逗号分隔", "run only these rules: codes, code prefixes or names,"
               " comma-separated"),
    "extend-select": ("在已选规则之外再运行这些规则", "run these rules as well as the selected ones"),
    "ignore": ("不运行这些规则：编号、编号前缀或名称，逗号分隔", "do not run these rules (codes, prefixes or names)"),
    "profile": ("指定规则配置，如 gip-2021（默认按报告年度选择）", "force a profile such as gip-2021 (default: by the"
                " report year)"),
    "fail-level": ("达到此级别的问题使退出码为 1（默认 warning）", "findings at or above this level make the exit"
                   " code 1 (default warning)"),
    "exit-zero": ("有问题时退出码仍为 0（用法错误仍为 2）", "exit 0 even when there are findings (usage errors"
                  " still exit 2)"),
    "statistics": ("只输出每条规则的问题数（按数量排序）", "print only the number of findings per rule, sorted"),
    "config": ("使用此配置文件（.gipcheck.yaml 或 pyproject.toml），不再查找其他配置文件",
               "use this configuration file (.gipcheck.yaml or pyproject.toml) and no other"),
    "isolated": ("不读取任何配置文件", "read no configuration file"),
    "baseline": ("只报告不在此基线文件中的问题", "report only findings that are not in this baseline file"),
    "write-baseline": ("把当前全部问题写入基线文件（之后用 --baseline 只看新问题）",
                       "write every current finding to a baseline file (then use --baseline)"),
    "jobs": ("并行进程数（默认等于 CPU 数；1 表示不并行）", "number of parallel processes (default: the number of"
             " CPUs; 1: none)"),
    "no-cache": ("不读取也不写入结果缓存", "neither read nor write the result cache"),
    "stdin-filename": ("从标准输入读取时使用的文件名", "the file name to use for standard input"),
    "compare": ("与另一份报告（如上一年度的报告）比较，报告相同句子的比例（GIP604）",
                "compare with another report (such as last year's) for repeated text (GIP604)"),
    "repeat-threshold": ("相同句子比例达到此值时报警告（即 --option GIP604.threshold=SHARE）",
                         "warn when this share of sentences repeats (same as --option GIP604.threshold=SHARE)"),
    "option": ("设置规则选项，如 --option GIP511.min_coverage=0.8（gipcheck rule CODE 列出规则的选项）",
               "set a rule option, such as --option GIP511.min_coverage=0.8 (gipcheck rule CODE lists them)"),
    "max-size": ("单个文件大小上限（MB，默认 10）", "size limit of one file in MB (default 10)"),
    "no-plugins": ("不加载第三方插件（也可设环境变量 GIPCHECK_NO_PLUGINS=1）", "load no third-party plugins (or set"
                   " GIPCHECK_NO_PLUGINS=1)"),
    "color": ("彩色输出：auto（默认）、always、never", "colour: auto (default), always, never"),
    "list-rules": ("列出全部规则", "list every rule"),
    "list-profiles": ("列出全部规则配置", "list every profile"),
    "explain": ("显示一条规则的说明（同 gipcheck rule CODE）", "show a rule's documentation (as gipcheck rule CODE)"),
}

_TEXT = {
    "description": ("政府信息公开工作年度报告检查工具。", "A linter for Chinese government information disclosure"
                    " annual reports (政府信息公开工作年度报告)."),
    "epilog": ("退出码：0 没有达到失败级别的问题 · 1 有问题（包括无法读取的文件）· 2 用法错误或没有任何输入可读 · "
               "130 已中断。子命令：gipcheck rule CODE（规则说明）、gipcheck config FILE（对该文件生效的配置）。"
               "示例：gipcheck examples/",
               "Exit codes: 0 nothing at or above the fail level · 1 findings (including unreadable files) · 2 usage"
               " error or no input readable · 130 interrupted. Commands: gipcheck rule CODE (a rule's page), gipcheck"
               " config FILE (the configuration in effect for a file). Example: gipcheck examples/"),
    "usage": ("用法：", "usage: "),
    "positionals": ("参数", "arguments"),
    "optionals": ("选项", "options"),
}


class _HelpFormatter(argparse.HelpFormatter):
    prefix = "用法："

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, self.prefix if prefix is None else prefix)


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    en = lang == "en"

    def h(key: str) -> str:
        zh_text, en_text = _HELP[key]
        return en_text if en else zh_text

    def t(key: str) -> str:
        return _TEXT[key][1 if en else 0]

    formatter = type("_Formatter", (_HelpFormatter,), {"prefix": t("usage")})
    p = _Parser(prog="gipcheck", description=t("description"), epilog=t("epilog"), add_help=False,
                formatter_class=formatter)
    p._positionals.title = t("positionals")
    p._optionals.title = t("optionals")
    p.add_argument("paths", nargs="*", metavar="PATH", help=h("paths"))
    p.add_argument("-h", "--help", action="help", help=h("help"))
    p.add_argument("-f", "--format", default=None, type=str.lower, help=h("format"))
    p.add_argument("--output-file", metavar="FILE", help=h("output-file"))
    p.add_argument("--lang", choices=["zh", "en"], default=None, help=h("lang"))
    p.add_argument("--annotate", metavar="FILE.docx", help=h("annotate"))
    p.add_argument("--annotate-dir", metavar="DIR", help=h("annotate-dir"))
    p.add_argument("--force", action="store_true", help=h("force"))
    p.add_argument("--previous", metavar="FILE", help=h("previous"))
    p.add_argument("--follow-links", action="store_true", help=h("follow-links"))
    p.add_argument("--summary", metavar="FILE", help=h("summary"))
    p.add_argument("--select", action="append", metavar="CODES", help=h("select"))
    p.add_argument("--extend-select", action="append", metavar="CODES", help=h("extend-select"))
    p.add_argument("--ignore", action="append", metavar="CODES", help=h("ignore"))
    p.add_argument("--profile", help=h("profile"))
    p.add_argument("--fail-level", choices=["error", "warning", "info"], type=str.lower, default=None,
                   help=h("fail-level"))
    p.add_argument("--exit-zero", action="store_true", help=h("exit-zero"))
    p.add_argument("--statistics", action="store_true", help=h("statistics"))
    p.add_argument("--config", metavar="FILE", help=h("config"))
    p.add_argument("--isolated", action="store_true", help=h("isolated"))
    p.add_argument("--baseline", metavar="FILE", help=h("baseline"))
    p.add_argument("--write-baseline", metavar="FILE", help=h("write-baseline"))
    p.add_argument("-j", "--jobs", type=int, metavar="N", default=None, help=h("jobs"))
    p.add_argument("--no-cache", action="store_true", help=h("no-cache"))
    p.add_argument("--stdin-filename", metavar="NAME", help=h("stdin-filename"))
    p.add_argument("--compare", action="append", metavar="FILE", help=h("compare"))
    p.add_argument("--repeat-threshold", default=None, metavar="SHARE", help=h("repeat-threshold"))
    p.add_argument("-o", "--option", action="append", metavar="RULE.KEY=VALUE", default=[], help=h("option"))
    p.add_argument("--max-size", type=float, metavar="MB", default=None, help=h("max-size"))
    p.add_argument("--no-plugins", action="store_true", help=h("no-plugins"))
    p.add_argument("--color", choices=["auto", "always", "never"], type=str.lower, default="auto", help=h("color"))
    p.add_argument("--list-rules", action="store_true", help=h("list-rules"))
    p.add_argument("--list-profiles", action="store_true", help=h("list-profiles"))
    p.add_argument("--explain", metavar="CODE", help=h("explain"))
    p.add_argument("--version", action="version", version=f"gipcheck {__version__}", help=h("version"))
    return p


# argparse's own error messages, in Chinese (the English ones are kept for --lang en)
_ARGPARSE_ZH = [
    (rx.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (rx.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)"), "{0} 的值 “{1}” 无效，可选：{2}"),
    (rx.compile(r"argument (\S+): expected one argument"), "{0} 需要一个值"),
    (rx.compile(r"argument (\S+): invalid (\w+) value: '?(.*?)'?$"), "{0} 的值 “{2}” 不是有效的数字"),
    (rx.compile(r"argument (\S+): ignored explicit argument '?(.*?)'?$"), "{0} 不接受值 “{1}”"),
    (rx.compile(r"the following arguments are required: (.*)"), "缺少参数：{0}"),
    (rx.compile(r"ambiguous option: (\S+) could match (.*)"), "选项 {0} 有歧义，可能是：{1}"),
]


def _argparse_message(message: str, lang: str) -> str:
    if lang == "en":
        return message
    for pattern, template in _ARGPARSE_ZH:
        m = pattern.match(message)
        if m:
            return template.format(*(g.replace("'", "") for g in m.groups()))
    return message


_LANG = {"lang": "zh"}  # the run's language, for messages on stderr

# "<place>: 中文说明 (English)" — with --lang en only the place and the English part are shown,
# with the quoted names of the Chinese part that the English part does not repeat
_BILINGUAL = rx.compile(r"^(?P<loc>[^\s\u4e00-\u9fff]+: )?(?P<zh>.*[\u4e00-\u9fff].*?)\s\((?P<en>[^()\u4e00-\u9fff]+)\)$",
                        re.S)
_QUOTED = rx.compile(r"“([^”]{1,60})”")


def _english(msg: str) -> str:
    m = _BILINGUAL.match(msg)
    if m is None:
        return msg
    en = m.group("en").strip()
    names = [q for q in _QUOTED.findall(m.group("zh")) if q not in en and not re.search("[\u4e00-\u9fff]", q)]
    return (m.group("loc") or "") + en + (f": {', '.join(names)}" if names else "")


def _err(msg: str) -> None:
    from .textutil import visible

    if _LANG["lang"] == "en":
        msg = _english(msg)
    sys.stderr.write(f"gipcheck: {visible(msg, keep='')}\n")


# Files in a folder that are documentation, not reports (still checked when named directly).
_NOT_REPORTS = ("readme", "changelog", "license", "licence", "contributing", "authors", "notice")


def _walk(linter, root: str, errors: list | None = None, excluded=None, follow_links: bool = False,
          outside: list | None = None) -> list[str]:
    """Report files under ``root``, sorted; folders that cannot be listed go to ``errors``
    (path, OSError) in walk order; ``excluded(path)`` drops files (the configuration's exclude).
    Symbolic links to folders are not entered; a link to a file outside ``root`` is not read
    unless ``follow_links`` (it goes to ``outside``)."""
    suffixes = linter.suffixes()
    found = []

    def failed(exc: OSError) -> None:
        if errors is not None:
            errors.append((exc.filename or root, exc, len(found)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or os.path.splitext(name)[0].lower() in _NOT_REPORTS:
                continue
            if os.path.splitext(name)[1].lower() in suffixes:
                path = os.path.join(dirpath, name)
                if not follow_links and os.path.islink(path) and not _inside(path, root):
                    if outside is not None:
                        outside.append(path)
                    continue
                if excluded is None or not excluded(path):
                    found.append(path)
    return found


def _print_rules(linter, out, lang: str) -> None:
    from .checks.base import FAMILIES

    current = None
    for r in linter.all_rules:
        fam = r.family()
        if fam != current:
            current = fam
            zh, en = FAMILIES.get(fam, ("", ""))
            out.write(f"\n{'GIP%d xx' % fam}  {en if lang == 'en' else zh}\n")
        summary = r.summary_en if lang == "en" else r.summary
        out.write(f"  {r.code}  {r.name:<28} {r.default_severity:<8} {summary}\n")


def _explain(linter, token: str, out, lang: str = "zh") -> int:
    from . import ruledoc
    from .engine import _matches

    rules = [r for r in linter.all_rules if r.code == token.upper() or r.name == token.lower()]
    if not rules:
        rules = [r for r in linter.all_rules if _matches(r, token)]
    if not rules:
        _err(f"未知的规则：“{token}”（运行 gipcheck --list-rules 查看全部规则） (unknown rule)")
        return EXIT_ERROR
    for r in rules:
        out.write(ruledoc.text(r, lang) + "\n")
    return EXIT_OK


def _rule_options(args) -> tuple[dict, dict] | str:
    """Rule options from the command line: ({rule: {key: text}}, origins) or a usage error."""
    given: dict[str, dict] = {}
    origins: dict = {}
    if args.repeat_threshold is not None:
        given.setdefault("GIP604", {})["threshold"] = args.repeat_threshold
        origins[("GIP604", "threshold")] = "命令行 --repeat-threshold (command line)"
    for item in args.option:
        rule_key, sep, value = item.partition("=")
        rule, dot, key = rule_key.strip().partition(".")
        if not sep or not dot or not rule or not key.strip():
            return (f"用法错误：--option 应写成 规则.选项=值，如 GIP511.min_coverage=0.8，实际为“{item}”"
                    f" (usage error: --option takes RULE.KEY=VALUE)")
        given.setdefault(rule, {})[key.strip()] = value
        origins[(rule, key.strip())] = f"命令行 --option {item} (command line)"
        origins.setdefault(rule, f"命令行 --option {item} (command line)")
    return given, origins


def _read_references(plugins, paths: list[str], max_bytes: int) -> list[tuple[str, str]] | str:
    """The texts of the --compare files, or a usage error."""
    references = []
    if paths:  # reading a document makes garbage: not while start-up pauses the collector
        from ._entry import resume_gc

        resume_gc()
    for ref in paths:
        try:
            with open(ref, "rb") as fh:
                doc = plugins.hook.gipcheck_source(path=ref, data=fh.read(max_bytes + 1))
        except OSError as exc:
            from .engine import os_reason

            return f"无法读取对比文件：{ref}（{os_reason(exc)}） (cannot read --compare file)"
        if doc is None or doc.fatal:
            return f"对比文件不是可读的文本：{ref} (--compare file is not readable text)"
        references.append((ref, doc.text))
    return references


def _info(linter, args, lang: str, out) -> int | None:
    """--explain / rule CODE, --list-rules, --list-profiles: print and return an exit code."""
    if args.explain:
        return _explain(linter, args.explain, out, lang)
    if args.list_rules:
        _print_rules(linter, out, lang)
        return EXIT_OK
    if args.list_profiles:
        for p in linter.profiles.profiles.values():
            span = f"{p.year_from or '…'}–{p.year_to or '…'}"
            out.write(f"{p.id:<10} {span:<11} {p.name_en if lang == 'en' else p.name}  [{p.source}]\n")
        return EXIT_OK
    return None


def _located(config, message: str) -> str:
    """A rule code or name the configuration file gave that the engine refused: say where."""
    if config.path is None:
        return message
    for token in config.get("severity") or ():
        if f"“{token}”" in message:
            return f"{config.origins.get(('severity', token), config.path)}: {message}"
    for key in ("select", "extend-select", "ignore", "profile"):
        value = config.get(key) or ()
        for token in [value] if isinstance(value, str) else value:
            if f"“{token}”" in message:
                return f"{config.origins.get(key, config.path)}: {message}"
    return message


def _check_ignores(config, linter) -> None:
    """Every code in per-file-ignores must name a rule, as in select and ignore."""
    from .engine import UsageError, _matches

    for pattern, codes in (config.get("per-file-ignores") or {}).items():
        for code in codes:
            if not any(_matches(r, code) for r in linter.all_rules):
                where = config.origins.get(("per-file-ignores", pattern), config.path)
                raise UsageError(f"{where}: per-file-ignores 中未知的规则编号或名称：“{code}”"
                                 f"（运行 gipcheck --list-rules 查看全部规则） (unknown rule code or name '{code}')")


class _Run:
    """One run over the inputs: a linter per configuration in effect, results in input order."""

    def __init__(self, args, plugins, resolver, references, cli_options, defaults):
        self.args = args
        self.plugins = plugins
        self.resolver = resolver
        self.references = references
        self.cli_options = cli_options  # ({rule: {key: text}}, origins)
        self.defaults = defaults  # the plugins' default configuration
        self._linters: dict[str, object] = {}
        self._by_config: dict[tuple, object] = {}  # (id(configuration), output needs) → its linter
        self.keep_view = False  # the HTML report needs what gipcheck read (gipcheck/view.py)
        self.keep_summary = False  # the checks across reports need summaries (gipcheck/collection.py)
        self.keep_text = True  # False when the output shows no source text (runner._trim)
        self.collection = None  # the checks across reports, fed as results arrive
        self.failed = False  # something asked for could not be done (exit 2)

    # -- settings ------------------------------------------------------------------------
    def lang(self, config) -> str:
        return self.args.lang or config.get("lang") or self.defaults.get("lang", "zh")

    def fail_level(self, config) -> str:
        return self.args.fail_level or config.get("fail-level") or self.defaults.get("fail_level", "warning")

    def settings(self, config) -> dict:
        """The Linter's keyword arguments for a configuration, the command line winning."""
        args = self.args
        select = _split(args.select) or config.get("select") or []
        extend = (config.get("extend-select") or []) + _split(args.extend_select)
        if select and extend:
            select = select + extend
        ignore = (config.get("ignore") or []) + _split(args.ignore)
        options: dict = {r: dict(o) for r, o in (config.get("options") or {}).items()}
        origins: dict = {}
        for rule, opts in options.items():
            for key in opts:
                origins[(rule, key)] = config.origins.get(("options", rule, key), str(config.path))
            origins[rule] = config.origins.get("options", str(config.path))
        for rule, opts in self.cli_options[0].items():
            options.setdefault(rule, {}).update(opts)
        origins.update(self.cli_options[1])
        max_mb = args.max_size if args.max_size is not None else self.defaults.get("max_size_mb", 10)
        return {"select": select, "ignore": ignore, "lang": self.lang(config),
                "profile": args.profile or config.get("profile"), "max_size": int(max_mb * 1024 * 1024),
                "references": self.references, "rule_options": options, "option_origins": origins,
                "severities": config.get("severity") or {}, "keep_view": self.keep_view,
                "keep_summary": self.keep_summary, "keep_text": self.keep_text}

    def linter(self, config):
        from .engine import Linter, UsageError

        # folders whose configurations come to the same settings share one linter (building one
        # loads the rules and profiles: a noticeable part of the start-up)
        # (the settings hold the reference texts: their key is made once per configuration and
        # output needs; the needs may change after a first, early call)
        fast = (id(config), self.keep_view, self.keep_summary, self.keep_text)
        known = self._by_config.get(fast)
        if known is not None and known[0] is config:  # (the configuration is kept: no reused id)
            return known[1]
        settings = self.settings(config)
        needs = {k: settings.pop(k) for k in ("keep_view", "keep_summary", "keep_text")}
        key = repr(settings)  # (equal settings read in another order only miss the sharing)
        if key not in self._linters:
            try:
                self._linters[key] = Linter(self.plugins, **settings, **needs)
            except UsageError as exc:
                raise UsageError(_located(config, str(exc))) from None
        linter = self._linters[key].with_needs(**needs)  # (output needs set later share the rules)
        _check_ignores(config, linter)
        self._by_config[fast] = (config, linter)
        return linter

    def cache_key(self, config) -> str:
        import hashlib
        import json

        s = self.settings(config)
        del s["option_origins"]  # where an option came from changes no finding
        del s["keep_text"]  # the cache always keeps the text; it is dropped after loading
        s["references"] = [(n, hashlib.sha256(t.encode("utf-8")).hexdigest()) for n, t in s["references"]]
        # the plugins (and their versions) that can change findings
        s["plugins"] = sorted(f"{name}={getattr(plugin, '__version__', '')}"
                              for name, plugin in self.plugins.pm.list_name_plugin())
        return json.dumps(s, sort_keys=True, ensure_ascii=False, default=str)

    # -- inputs --------------------------------------------------------------------------
    def lint(self) -> list:
        """Every input: files, folders (walked; the configuration's exclude applies) and
        standard input. A path that does not exist or cannot be read, and a folder that cannot
        be listed, become a GIP001 finding of that path; the run goes on."""
        args = self.args
        paths = args.paths or (["-"] if args.stdin_filename else [])
        slots: list = []  # per input item: a FileResult or (config, path) to lint
        for path in paths:
            if path == "-":
                config = self.resolver.for_path(args.stdin_filename or ".")
                linter = self.linter(config)
                name = args.stdin_filename or "<stdin>"
                data = sys.stdin.buffer.read(linter.max_size + 1)
                slots.append((config, linter.lint_bytes(name if args.stdin_filename else "-", data,
                                                        display_path=name)))
                continue
            if os.path.isdir(path):
                errors: list = []
                walker = self.linter(self.resolver.for_path(path))
                outputs = self.output_folders()
                outside: list = []
                files = _walk(walker, path, errors, lambda f, outputs=outputs: self.resolver.for_path(f).excludes(f)
                              or any(_inside(f, o) for o in outputs), follow_links=args.follow_links, outside=outside)
                if outside:
                    _err(f"跳过 {len(outside)} 个指向目录外的符号链接（如 {args_path(outside[0])}；加 --follow-links 读取）"
                         f" (skipped {len(outside)} symbolic link(s) to files outside {args_path(path)})")
                items: list = [(self.resolver.for_path(f), f) for f in files]
                for folder, exc, at in reversed(errors):
                    config = self.resolver.for_path(folder)
                    items.insert(at, (config, self._unreadable(config, folder, exc)))
                if not items:
                    _err(f"目录中没有可检查的报告文件（{'、'.join(sorted(walker.suffixes()))}）：{path}"
                         f" (no report files in the folder {path})")
                slots.extend(items)
            else:
                config = self.resolver.for_path(path)
                if not os.path.lexists(path):
                    slots.append((config, self._unreadable(config, path, FileNotFoundError())))
                else:
                    slots.append((config, path))
        if self.keep_summary:
            from .collection import Collection

            pairs = {paths[0]: args.previous} if args.previous and paths else {}
            self.collection = Collection(self.linter(self.resolver.for_path(".")), previous=pairs,
                                         expected=sum(1 for _, item in slots if isinstance(item, str)) + 1)
        previous = None
        if args.previous and slots:
            config = self.resolver.for_path(args.previous)
            previous = (config, args.previous if os.path.lexists(args.previous)
                        else self._unreadable(config, args.previous, FileNotFoundError()))
            slots.append(previous)
        self._lint_slots(slots)
        if previous is not None:
            previous = slots.pop()[1]  # linted in place: its result
        if self.collection is not None:
            self._across([r for _, r in slots], previous)
        return [self._after(config, r) for config, r in slots]

    def take(self, result) -> None:
        """A result has arrived: its summary goes to the collection and is dropped."""
        if self.collection is not None and result.summary is not None:
            self.collection.add(result.path, result.summary)
        result.summary = None

    def _across(self, results: list, previous) -> None:
        """The checks that need two reports (gipcheck/collection.py): pairs of one agency's
        consecutive years, ``--previous``, and near-duplicates across the collection. Their
        findings join each report's own."""
        from .engine import _with_level

        collection = self.collection
        linter = collection.linter
        for r in results + ([previous] if previous is not None else []):
            self.take(r)  # results that did not come through the runner (standard input)
        if previous is not None and previous.unreadable:
            _err(f"上一年度报告无法读取，未做跨年度核对：{args_path(previous.path)} (--previous unreadable)")
            self.failed = True
        elif previous is not None and results:
            a = collection.reports.get(previous.path)
            b = collection.reports.get(results[0].path)
            if a is not None and b is not None and a.year and b.year and b.year != a.year + 1:
                _err(f"提示：--previous 的报告年度是 {a.year}，不是 {b.year} 的前一年：只比较雷同（GIP604），"
                     f"不做跨年度核对 (note: not consecutive years; only GIP604 compares them)")
        found = collection.findings()
        for r in results:
            extra = found.get(r.path)
            if extra:
                if linter.severities:
                    extra = [_with_level(f, linter.severities.get(f.code), linter.by_code.get(f.code)) for f in extra]
                r.findings = sorted(r.findings + extra, key=lambda f: (f.line, f.column, f.code))

    def output_folders(self) -> list[str]:
        """What this run writes inside the folders it may walk: the annotated copies' folder,
        the HTML report's pages and the summary's pages — never read back as reports."""
        args = self.args
        out = []
        for target in (getattr(args, "annotate_dir", None),):
            if target:
                out.append(target)
        for page in (args.output_file, getattr(args, "summary", None)):
            if page:
                out.append(os.path.splitext(page)[0] + "_files")
                out.append(page)
        return out

    def _unreadable(self, config, path: str, exc: OSError):
        from .engine import os_reason

        linter = self.linter(config)
        return linter._unreadable(path, os_reason(exc, linter.lang))

    def _lint_slots(self, slots: list) -> None:
        """Lint the paths in ``slots`` in place, grouped by configuration, in parallel."""
        groups: dict[int, list[int]] = {}
        for i, (config, item) in enumerate(slots):
            if isinstance(item, str):
                groups.setdefault(id(config), []).append(i)
        if not groups:
            return
        total = sum(len(v) for v in groups.values())
        try:
            from .runner import ResultCache, lint_files
        except ImportError:  # pragma: no cover - the runner ships with gipcheck
            lint_files = None
        cache = None
        if lint_files is not None and not self.args.no_cache and not os.environ.get("GIPCHECK_NO_CACHE"):
            cache = ResultCache()
        progress = total > 5 and sys.stderr.isatty()
        for indexes in groups.values():
            config = slots[indexes[0]][0]
            linter = self.linter(config)
            paths = [slots[i][1] for i in indexes]
            if lint_files is None:
                results = [linter.lint_path(p) for p in paths]
            else:
                results = lint_files(linter, paths, jobs=self.args.jobs, cache=cache, progress=progress,
                                     config_key=self.cache_key(config), on_result=self.take)
            for i, r in zip(indexes, results):
                slots[i] = (config, r)

    def _after(self, config, result):
        """per-file-ignores: findings of the codes the configuration turns off for this file."""
        from .engine import _matches

        codes = config.ignores_for(result.path) if result.path not in ("-", "<stdin>") else []
        if codes:
            linter = self.linter(config)
            rules = {r.code: r for r in linter.all_rules}
            result.findings = [f for f in result.findings
                               if not any(_matches(rules[f.code], c) if f.code in rules else f.code.startswith(c.upper())
                                          for c in codes)]
        result.fail_level = self.fail_level(config)
        return result


def _split_command(argv: list[str]) -> tuple[list[str], str | None, str | None]:
    """"gipcheck rule CODE" and "gipcheck config FILE" (as ruff does): the first non-option
    word "rule" or "config" is a command, unless a file of that name exists."""
    takes_value = {s for a in build_parser()._actions if a.option_strings and a.nargs is None
                   and not isinstance(a, (argparse._StoreTrueAction, argparse._VersionAction,
                                          argparse._HelpAction)) for s in a.option_strings}
    first = None
    skip = False
    for i, a in enumerate(argv):
        if skip:
            skip = False
            continue
        if a.startswith("-"):
            skip = a in takes_value  # "--lang en": "en" is the option's value, not a word
            continue
        first = i
        break
    if first is not None and argv[first] in ("server", "serve") and not os.path.exists(argv[first]):
        return argv[:first] + argv[first + 1:], argv[first], None  # "server" and "serve" take no value
    if (first is not None and argv[first] in ("rule", "config") and first + 1 < len(argv)
            and not os.path.exists(argv[first])):
        return argv[:first] + argv[first + 2:], argv[first], argv[first + 1]
    return argv, None, None


def _split_rule_command(argv: list[str]) -> tuple[list[str], str | None]:
    argv, command, value = _split_command(argv)
    return argv, value if command == "rule" else None


def _lang_of(argv: list[str]) -> str:
    """The language for help and argument errors, before the arguments are parsed."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "zh"


def _show_config(run_: _Run, path: str, out) -> int:
    """gipcheck config FILE: the settings in effect for FILE and where each comes from."""
    config = run_.resolver.for_path(path)
    args = run_.args
    en = run_.lang(config) == "en"
    cli_zh, cli_en = "命令行", "command line"
    default = "default" if en else "默认值"
    file_label = ("configuration file: " if en else "配置文件：") + (str(config.path) if config.path else
                                                                   ("none" if en else "无"))
    out.write(f"{visible(path)}\n{file_label}\n")

    def origin(key: str, cli_value) -> str:
        if cli_value:
            return cli_en if en else cli_zh
        return config.origins.get(key) or default

    rows = [
        ("select", _split(args.select) or config.get("select") or ["ALL"], origin("select", args.select)),
        ("extend-select", (config.get("extend-select") or []) + _split(args.extend_select),
         origin("extend-select", args.extend_select)),
        ("ignore", (config.get("ignore") or []) + _split(args.ignore), origin("ignore", args.ignore)),
        ("severity", config.get("severity") or {}, origin("severity", None)),
        ("fail-level", run_.fail_level(config), origin("fail-level", args.fail_level)),
        ("profile", args.profile or config.get("profile") or ("by report year" if en else "按报告年度选择"),
         origin("profile", args.profile)),
        ("lang", run_.lang(config), origin("lang", args.lang)),
        ("per-file-ignores", config.get("per-file-ignores") or {}, origin("per-file-ignores", None)),
        ("  → " + ("this file" if en else "本文件"), config.ignores_for(path), origin("per-file-ignores", None)),
        ("exclude", config.get("exclude") or [], origin("exclude", None)),
        ("  → " + ("this file excluded" if en else "本文件被排除"),
         ("yes" if en else "是") if config.excludes(path) else ("no" if en else "否"), origin("exclude", None)),
    ]
    options = run_.settings(config)["rule_options"]
    for rule, opts in sorted(options.items()):
        for key, value in sorted(opts.items()):
            where = run_.cli_options[1].get((rule, key)) or config.origins.get(("options", rule, key)) or default
            rows.append((f"options.{rule}.{key}", value, where))
    for key, value, where in rows:
        if isinstance(value, list):
            value = ", ".join(value) if value else "—"
        elif isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) if value else "—"
        out.write(f"  {key:<24} {visible(str(value))}  ({visible(str(where))})\n")
    return EXIT_OK


def _statistics(results, lang: str, out) -> None:
    from collections import Counter

    from .formatters import SEVERITY_ZH

    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    for (code, name, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        sev = severity if lang == "en" else SEVERITY_ZH.get(severity, severity)
        out.write(f"{n:>6}  {code}  {name:<30} {sev}\n")


def _setup(args, extra_plugins: list | None = None):
    """What every command needs before it runs (the linter and the language server): the
    plugins (failures said once), their default configuration, the --compare texts and the
    --option values — or None after saying what is wrong."""
    from .plugins import plugin_manager

    plugins = plugin_manager(load_external=not args.no_plugins, extra=extra_plugins)
    for e in plugins.errors:
        _err(f"插件 “{e.name}” 加载失败，已跳过：{e.error} (plugin failed to load; skipped)")
    defaults: dict = {}
    for conf in plugins.hook.gipcheck_default_config():
        defaults.update(conf or {})
    if args.max_size is not None and args.max_size <= 0:
        _err("用法错误：--max-size 必须大于 0 (usage error: --max-size must be positive)")
        return None
    max_mb = args.max_size if args.max_size is not None else defaults.get("max_size_mb", 10)
    references = _read_references(plugins, args.compare or [], int(max_mb * 1024 * 1024))
    options = _rule_options(args)
    for problem in (references, options):
        if isinstance(problem, str):
            _err(problem)
            return None
    return plugins, defaults, references, options


def run(argv: list[str] | None = None) -> int:
    argv, command, value = _split_command(list(sys.argv[1:] if argv is None else argv))
    if command in ("server", "serve"):  # long-running: the garbage collector on from the start
        from ._entry import resume_gc

        resume_gc()
    if command == "server":  # the language server (gipcheck/server.py; pygls is imported only there)
        from .server import main as language_server
        return language_server(argv)
    if command == "serve":  # the local web page (gipcheck/serve.py; Starlette is imported only there)
        from .serve import main as web_page
        return web_page(argv)
    lang_arg = _lang_of(argv)
    _LANG["lang"] = lang_arg
    try:
        args = build_parser(lang_arg).parse_args(argv)
    except _Usage as exc:
        if lang_arg == "en":
            _err(f"usage error: {exc} (run gipcheck --help)")
        else:
            _err(f"用法错误：{_argparse_message(str(exc), lang_arg)}（运行 gipcheck --help 查看用法） (usage error)")
        return EXIT_ERROR
    args.explain = (value if command == "rule" else None) or args.explain

    from .baseline import BaselineError
    from .config import ConfigError, Resolver
    from .engine import UsageError
    from .profiles import ProfileError

    if args.jobs is not None and args.jobs < 1:
        _err("用法错误：-j/--jobs 至少为 1 (usage error: --jobs must be at least 1)")
        return EXIT_ERROR
    setup = _setup(args)
    if setup is None:
        return EXIT_ERROR
    plugins, defaults, references, options = setup
    try:
        resolver = Resolver(args.config, args.isolated)
        run_ = _Run(args, plugins, resolver, references, options, defaults)
        here = resolver.for_path(".")
        linter = run_.linter(here)
    except (UsageError, ProfileError, ConfigError) as exc:
        _err(str(exc))
        return EXIT_ERROR
    finally:
        from ._entry import resume_gc

        resume_gc()  # start-up is over (see gipcheck/_entry.py)
    lang = run_.lang(here)
    _LANG["lang"] = lang

    out = sys.stdout
    if command == "config":
        try:
            run_.linter(resolver.for_path(value))  # the file's settings must be valid too
            return _show_config(run_, value, out)
        except (UsageError, ProfileError, ConfigError) as exc:
            _err(str(exc))
            return EXIT_ERROR
    status = _info(linter, args, lang, out)
    if status is not None:
        return status
    formatters: dict = {}
    for batch in plugins.hook.gipcheck_formatters():
        formatters.update(batch or {})
    fmt = args.format
    if fmt is None:
        github = formatters.get("github")
        fmt = "github" if github is not None and os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in formatters:
        _err(f"用法错误：未知的输出格式 “{fmt}”，可选：{'、'.join(sorted(formatters))}"
             f" (unknown format)")
        return EXIT_ERROR
    if not args.paths and not args.stdin_filename:
        _err("用法错误：请指定要检查的报告文件或目录，例如 gipcheck report.txt（运行 gipcheck --help 查看用法）"
             " (usage error: no input)")
        return EXIT_ERROR
    problem = _output_plan(args, formatters[fmt])
    if problem:
        _err(problem)
        return EXIT_ERROR
    wants_view = getattr(formatters[fmt], "needs_view", False) or (args.summary or "").lower().endswith(".html")
    wants_summary = bool(args.previous or args.summary or _several(args, []))
    wants_text = getattr(formatters[fmt], "needs_text", True) or bool(args.summary)
    if (wants_view and not run_.keep_view) or (wants_summary and not run_.keep_summary) or not wants_text:
        run_.keep_view = run_.keep_view or wants_view  # tables, profile and year as read (gipcheck/view.py)
        run_.keep_summary = run_.keep_summary or wants_summary  # checks across reports
        run_.keep_text = wants_text  # the report texts are not kept when nothing shows them
        run_._by_config.clear()

    try:
        results = run_.lint()
    except (UsageError, ProfileError, ConfigError) as exc:
        _err(str(exc))
        return EXIT_ERROR
    try:
        if args.write_baseline:
            from .baseline import write

            n = write(args.write_baseline, results)
            _err(f"已把 {n} 个问题写入基线文件 {args.write_baseline} (baseline written)")
        if args.baseline:
            from .baseline import apply

            suppressed, gone = apply(args.baseline, results)
            _err(f"基线：略去 {suppressed} 个已记录的问题；基线中有 {gone} 条已不再出现"
                 f" (baseline: {suppressed} known finding(s) suppressed, {gone} entr(ies) no longer seen)")
    except BaselineError as exc:
        _err(str(exc))
        return EXIT_ERROR

    if args.summary:
        from . import summary as summary_mod

        try:
            if args.summary.lower().endswith(".csv"):
                written = summary_mod.write_csv(results, args.summary, linter.all_rules, lang)
            else:
                from .formatters.html import HtmlFormatter

                pages = HtmlFormatter(lang=lang, rules=linter.all_rules)
                written = summary_mod.write_html(results, args.summary, linter.all_rules, lang, pages)
        except OSError as exc:
            from .engine import os_reason

            _err(f"无法写入汇总：{args.summary}（{os_reason(exc)}） (cannot write the summary)")
            return EXIT_ERROR
        _err(f"已写入汇总：{args_path(written[0])}（{len(results)} 份报告）" if lang != "en" else
             f"summary written: {args_path(written[0])} ({len(results)} reports)")
    annotated = True
    if args.annotate or args.annotate_dir:
        from .annotate import annotate_results

        annotated = annotate_results(results, roots=list(args.paths), target=args.annotate, folder=args.annotate_dir,
                                     force=args.force, rules={r.code: r for r in linter.all_rules}, lang=lang,
                                     say=_err, max_size=linter.max_size)
    color = (args.color == "always" or (args.color == "auto" and not args.output_file and out.isatty()
                                        and not os.environ.get("NO_COLOR")))
    try:
        formatter = formatters[fmt](lang=lang, color=color, rules=linter.all_rules)
    except TypeError:  # a plugin's formatter that takes only lang and color
        formatter = formatters[fmt](lang=lang, color=color)
    target = out
    if hasattr(formatter, "render_site") and args.output_file and _several(args, results):
        try:
            formatter.render_site(results, args.output_file)
        except OSError as exc:
            from .engine import os_reason

            _err(f"无法写入 HTML 报告：{args.output_file}（{os_reason(exc)}） (cannot write the HTML report)")
            return EXIT_ERROR
        status = _exit_status(results, args.exit_zero)
        return status if annotated and not run_.failed else EXIT_ERROR
    if args.output_file:
        try:
            target = open(args.output_file, "w", encoding="utf-8", newline="")
        except OSError as exc:
            from .engine import os_reason

            _err(f"无法写入输出文件：{args.output_file}（{os_reason(exc)}） (cannot write the output file)")
            return EXIT_ERROR
    try:
        if args.statistics:
            _statistics(results, lang, target)
        elif results or fmt != "text":
            formatter.render(results, target)
        target.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk, a closed terminal: say so, never "internal error"
        from .engine import os_reason

        where = args.output_file or ("标准输出" if lang != "en" else "standard output")
        reason = "磁盘已满" if getattr(exc, "errno", None) == 28 else os_reason(exc, "zh")
        _err(f"无法写出结果：{where}（{reason}） (cannot write the output: {exc.strerror or exc})")
        return EXIT_ERROR
    finally:
        if target is not out:
            try:
                target.close()
            except OSError:
                pass
    status = _exit_status(results, args.exit_zero)
    return status if annotated and not run_.failed else EXIT_ERROR


def args_path(path: str) -> str:
    from .textutil import visible

    return visible(path)


def _inside(path: str, target: str) -> bool:
    """Whether ``path`` is ``target`` or inside the folder ``target``."""
    a, b = os.path.realpath(path), os.path.realpath(target)
    return a == b or a.startswith(b.rstrip(os.sep) + os.sep)


def _several(args, results) -> bool:
    """More than one report: several inputs, or a folder."""
    return len(results) > 1 or any(p != "-" and os.path.isdir(p) for p in args.paths)


def _output_plan(args, formatter_cls) -> str | None:
    """Usage problems of --annotate/--annotate-dir and of -f html with several reports, found
    before anything is read (None: fine)."""
    paths = [p for p in args.paths]
    several = len(paths) > 1 or any(p != "-" and os.path.isdir(p) for p in paths)
    if hasattr(formatter_cls, "render_site") and several and not args.output_file:
        return ("用法错误：用 -f html 检查多个报告时，请用 --output-file 指定索引页（如 --output-file 报告/index.html），"
                "各报告的页面写在它旁边 (usage error: -f html with several reports needs --output-file)")
    if args.previous:
        if several or not paths or paths[0] == "-":
            return ("用法错误：--previous 只用于一个报告文件；检查目录时同一机关相邻年度的报告会自动配对"
                    " (usage error: --previous takes one input; folders are paired automatically)")
        if os.path.isdir(args.previous):
            return f"用法错误：--previous 应为一个报告文件：{args.previous} (usage error: --previous must be a file)"
        from .annotate import same_file

        if same_file(paths[0], args.previous):
            return (f"用法错误：--previous 指定的是同一个文件：{args.previous}"
                    " (usage error: --previous names the report itself)")
    if args.summary and not args.summary.lower().endswith((".html", ".htm", ".csv")):
        return (f"用法错误：--summary 的文件名应以 .html 或 .csv 结尾：{args.summary}"
                " (usage error: --summary must end in .html or .csv)")
    if args.annotate and args.annotate_dir:
        return "用法错误：--annotate 与 --annotate-dir 只能用一个 (usage error: --annotate or --annotate-dir, not both)"
    if args.annotate:
        if several or not paths or paths[0] == "-":
            return ("用法错误：--annotate 只用于一个 .docx 文件；检查多个文件或目录时请用 --annotate-dir 目录"
                    " (usage error: --annotate takes one .docx input; use --annotate-dir for several)")
        if not paths[0].lower().endswith(".docx"):
            return (f"用法错误：只能为 Word（.docx）报告生成批注副本：{paths[0]}"
                    " (usage error: only .docx reports can be annotated)")
        if not args.annotate.lower().endswith(".docx"):
            return f"用法错误：批注副本的文件名应以 .docx 结尾：{args.annotate} (usage error: the copy must end in .docx)"
        from .annotate import same_file

        if same_file(paths[0], args.annotate):
            return f"用法错误：批注副本不能写在原文件上：{args.annotate} (usage error: the copy cannot overwrite its input)"
        if os.path.lexists(args.annotate) and not args.force:
            return (f"用法错误：文件已存在，未覆盖（加 --force 覆盖）：{args.annotate}"
                    " (usage error: the file exists; use --force to overwrite)")
    if args.annotate_dir and "-" in paths:
        return ("用法错误：--annotate-dir 不能用于标准输入（批注副本要从原文件生成）"
                " (usage error: --annotate-dir needs files, not standard input)")
    if args.annotate_dir and os.path.exists(args.annotate_dir) and not os.path.isdir(args.annotate_dir):
        return f"用法错误：--annotate-dir 应为目录：{args.annotate_dir} (usage error: --annotate-dir must be a folder)"
    return None


def _exit_status(results, exit_zero: bool = False) -> int:
    """0: nothing at or above a file's fail level; 1: findings (an unreadable file is one);
    2: no input could be read at all."""
    from .checks.base import SEVERITY_RANK

    if not results or all(r.unreadable for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if any(r.worst() >= SEVERITY_RANK[getattr(r, "fail_level", None) or "warning"] for r in results):
        return EXIT_FINDINGS
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        code = run(argv)
    except KeyboardInterrupt:
        _err("已中断 (interrupted)")
        code = 130
    except BrokenPipeError:
        code = EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - never show a traceback to a user
        _err(f"内部错误：{exc}（请向维护者报告） (internal error)")
        code = EXIT_ERROR
    sys.exit(code)
