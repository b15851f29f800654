"""Command line: ``gipcheck [options] PATH...``.

Exit codes: 0 no finding at or above the failing level; 1 findings; 2 usage error or an
input that could not be read. No traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__

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


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="gipcheck",
        description="政府信息公开工作年度报告检查工具 — a linter for Chinese government information"
                    " disclosure annual reports.",
        epilog="退出码 / exit codes: 0 无问题 (clean) · 1 有问题 (findings) · 2 用法错误或无法读取 (usage"
               " error or unreadable input)。示例 / example: gipcheck examples/",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="报告文件或目录；“-”表示标准输入 (files or folders; - for stdin)")
    p.add_argument("-f", "--format", default="text", help="输出格式 (output format): text（默认）、concise、json")
    p.add_argument("--lang", choices=["zh", "en"], default=None, help="消息语言 (message language)，默认 zh")
    p.add_argument("--select", action="append", metavar="CODES", help="只运行这些规则：编号、编号前缀或名称，逗号分隔")
    p.add_argument("--ignore", action="append", metavar="CODES", help="不运行这些规则：编号、编号前缀或名称，逗号分隔")
    p.add_argument("--profile", help="指定规则配置，如 gip-2021（默认按报告年度选择）")
    p.add_argument("--fail-level", choices=["error", "warning", "info"], default=None,
                   help="达到此级别的问题使退出码为 1（默认 warning）")
    p.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取时使用的文件名")
    p.add_argument("--compare", action="append", metavar="FILE",
                   help="与另一份报告（如上一年度的报告）比较，报告相同句子的比例（GIP604）")
    p.add_argument("--repeat-threshold", default=None, metavar="SHARE",
                   help="相同句子比例达到此值时报警告（即 --option GIP604.threshold=SHARE）")
    p.add_argument("-o", "--option", action="append", metavar="RULE.KEY=VALUE", default=[],
                   help="设置规则选项，如 --option GIP511.min_coverage=0.8（gipcheck rule CODE 列出规则的选项）")
    p.add_argument("--max-size", type=float, metavar="MB", default=None, help="单个文件大小上限（MB，默认 10）")
    p.add_argument("--no-plugins", action="store_true", help="不加载第三方插件（也可设环境变量 GIPCHECK_NO_PLUGINS=1）")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="彩色输出")
    p.add_argument("--list-rules", action="store_true", help="列出全部规则")
    p.add_argument("--list-profiles", action="store_true", help="列出全部规则配置")
    p.add_argument("--explain", metavar="CODE", help="显示一条规则的说明（同 gipcheck rule CODE）")
    p.add_argument("--version", action="version", version=f"gipcheck {__version__}")
    return p


def _err(msg: str) -> None:
    sys.stderr.write(f"gipcheck: {msg}\n")


# Files in a folder that are documentation, not reports (still checked when named directly).
_NOT_REPORTS = ("readme", "changelog", "license", "licence", "contributing", "authors", "notice")


def _walk(linter, root: str) -> list[str]:
    suffixes = linter.suffixes()
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or os.path.splitext(name)[0].lower() in _NOT_REPORTS:
                continue
            if os.path.splitext(name)[1].lower() in suffixes:
                found.append(os.path.join(dirpath, name))
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
    for ref in paths:
        try:
            with open(ref, "rb") as fh:
                doc = plugins.hook.gipcheck_source(path=ref, data=fh.read(max_bytes + 1))
        except OSError as exc:
            return f"无法读取对比文件：{ref}（{exc.strerror}） (cannot read --compare file)"
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


def _lint_inputs(linter, args) -> tuple[list, int]:
    """Lint every path given (files, folders, stdin): the results and the exit status so far."""
    paths = args.paths or (["-"] if args.stdin_filename else [])
    results = []
    status = EXIT_OK
    for path in paths:
        if path == "-":
            name = args.stdin_filename or "<stdin>"
            data = sys.stdin.buffer.read(linter.max_size + 1)
            results.append(linter.lint_bytes(name if args.stdin_filename else "-", data, display_path=name))
            continue
        if os.path.isdir(path):
            files = _walk(linter, path)
            if not files:
                _err(f"目录中没有可检查的报告文件（{'、'.join(sorted(linter.suffixes()))}）：{path}"
                     f" (no report files in the folder)")
                status = EXIT_ERROR
                continue
            results.extend(linter.lint_path(f) for f in files)
        elif os.path.exists(path):
            results.append(linter.lint_path(path))
        else:
            _err(f"文件不存在：{path} (no such file)")
            status = EXIT_ERROR
    return results, status


def _settings(plugins, args) -> tuple[str, str, float]:
    """Language, failing level and size limit: the command line over the plugins' defaults."""
    defaults: dict = {}
    for conf in plugins.hook.gipcheck_default_config():
        defaults.update(conf or {})
    lang = args.lang or defaults.get("lang", "zh")
    fail_level = args.fail_level or defaults.get("fail_level", "warning")
    max_mb = args.max_size if args.max_size is not None else defaults.get("max_size_mb", 10)
    return lang, fail_level, max_mb


def _exit_status(results, status: int, fail_level: str) -> int:
    from .checks.base import SEVERITY_RANK

    threshold = SEVERITY_RANK[fail_level]
    if any(r.unreadable for r in results):
        return EXIT_ERROR
    if status != EXIT_ERROR and any(r.worst() >= threshold for r in results):
        return EXIT_FINDINGS
    return status


def _split_rule_command(argv: list[str]) -> tuple[list[str], str | None]:
    """"gipcheck rule CODE" (as ruff does): the first non-option word "rule" asks for a rule's
    documentation, unless a file of that name exists."""
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
    if first is not None and argv[first] == "rule" and first + 1 < len(argv) and not os.path.exists("rule"):
        return argv[:first] + argv[first + 2:], argv[first + 1]
    return argv, None


def run(argv: list[str] | None = None) -> int:
    argv, explain_token = _split_rule_command(list(sys.argv[1:] if argv is None else argv))
    try:
        args = build_parser().parse_args(argv)
    except _Usage as exc:
        _err(f"用法错误：{exc}（运行 gipcheck --help 查看用法） (usage error)")
        return EXIT_ERROR
    args.explain = explain_token or args.explain

    from .engine import Linter, UsageError
    from .plugins import plugin_manager
    from .profiles import ProfileError

    plugins = plugin_manager(load_external=not args.no_plugins)
    for e in plugins.errors:
        _err(f"插件 “{e.name}” 加载失败，已跳过：{e.error} (plugin failed to load; skipped)")
    lang, fail_level, max_mb = _settings(plugins, args)
    if max_mb <= 0:
        _err("用法错误：--max-size 必须大于 0 (usage error: --max-size must be positive)")
        return EXIT_ERROR
    references = _read_references(plugins, args.compare or [], int(max_mb * 1024 * 1024))
    options = _rule_options(args)
    for problem in (references, options):
        if isinstance(problem, str):
            _err(problem)
            return EXIT_ERROR
    try:
        linter = Linter(plugins, select=_split(args.select), ignore=_split(args.ignore), lang=lang,
                        profile=args.profile, max_size=int(max_mb * 1024 * 1024), references=references,
                        rule_options=options[0], option_origins=options[1])
    except (UsageError, ProfileError) as exc:
        _err(str(exc))
        return EXIT_ERROR

    out = sys.stdout
    status = _info(linter, args, lang, out)
    if status is not None:
        return status
    formatters: dict = {}
    for batch in plugins.hook.gipcheck_formatters():
        formatters.update(batch or {})
    if args.format not in formatters:
        _err(f"用法错误：未知的输出格式 “{args.format}”，可选：{'、'.join(sorted(formatters))}"
             f" (unknown format)")
        return EXIT_ERROR
    if not args.paths and not args.stdin_filename:
        _err("用法错误：请指定要检查的报告文件或目录，例如 gipcheck report.txt（运行 gipcheck --help 查看用法）"
             " (usage error: no input)")
        return EXIT_ERROR

    results, status = _lint_inputs(linter, args)
    color = args.color == "always" or (args.color == "auto" and out.isatty() and not os.environ.get("NO_COLOR"))
    formatter = formatters[args.format](lang=lang, color=color)
    if results or args.format == "json":
        formatter.render(results, out)
    out.flush()
    return _exit_status(results, status, fail_level)


def main(argv: list[str] | None = None) -> int:
    try:
        code = run(argv)
    except KeyboardInterrupt:
        _err("已中断 (interrupted)")
        code = 130
    except BrokenPipeError:
        code = EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - never show a traceback to a user
        _err(f"内部错误：{type(exc).__name__}: {exc}（请向维护者报告） (internal error)")
        code = EXIT_ERROR
    sys.exit(code)
