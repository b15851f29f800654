"""A rule's documentation: its docstring (what, why), its declared options and the examples
of its case file, executed — the same text for ``gipcheck rule CODE`` and ``docs/rules``."""

from __future__ import annotations

from pathlib import Path

from .checks.base import FAMILIES

SEV_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def case_folder() -> Path | None:
    """The built-in case files: shipped as ``gipcheck._cases``, or ``tests/rules`` in a checkout."""
    from importlib import resources

    try:
        base = Path(str(resources.files("gipcheck._cases")))
        if base.is_dir() and any(base.glob("GIP*.yaml")):
            return base
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):
        pass
    here = Path(__file__).resolve().parent.parent / "tests" / "rules"
    return here if here.is_dir() else None


def options_lines(rule, lang: str = "zh") -> list[str]:
    """One Markdown list item per declared option."""
    out = []
    for key, opt in rule.options.items():
        if lang == "en":
            out.append(f"- `{key}` ({opt.describe('en')}): {opt.help_en}")
        else:
            out.append(f"- `{key}`（{opt.describe('zh')}）：{opt.help} / {opt.help_en}")
    return out


def examples(rule, folder: Path | None = None, plugins: list | None = None,
             problems: list[str] | None = None) -> list[tuple[str, list[str]]]:
    """The first failing and first passing documented cases, run: [(heading, markdown lines)].

    An example that does not hold raises AssertionError, unless ``problems`` is given: then it
    is collected there and the page says so instead of showing it."""
    from .testing import load_cases, run_case

    folder = folder if folder is not None else case_folder()
    path = folder / f"{rule.code}.yaml" if folder is not None else None
    if path is None or not path.is_file():
        return []
    cases = [c for c in load_cases(path) if c.in_docs]
    out = []
    for failing, heading in ((True, "错误示例 / Failing example"), (False, "正确示例 / Passing example")):
        case = next((c for c in cases if c.failing == failing), None)
        if case is None:
            continue
        try:
            found = run_case(case, plugins)  # an example that does not hold fails here
        except AssertionError as exc:
            if problems is None:
                raise
            problems.append(str(exc))
            out.append((heading, ["（示例未通过检验，见用例文件 / the example does not hold yet: "
                                  f"`{case.source}`）"]))
            continue
        out.append((heading, _render_case(case, found)))
    return out


def _render_input(d: dict, found) -> list[str]:
    lines: list[str] = []
    if "text" in d:
        lines += ["```text", *_excerpt(str(d["text"]), found), "```"]
    elif "base" in d:
        edits = d.get("edit") or []
        if not edits:
            lines.append(f"标准报告 `{d['base']}` 原样（the clean report `{d['base']}` as it is）。")
        else:
            lines.append(f"在标准报告 `{d['base']}` 中（edits of the clean report `{d['base']}`）：")
            for e in edits:
                if "append" in e:
                    lines.append(f"- 末尾加上 / append: `{_one_line(e['append'])}`")
                elif "delete" in e:
                    lines.append(f"- 删去 / delete: `{_one_line(e['delete'])}`")
                else:
                    lines.append(f"- `{_one_line(e['replace'])}` → `{_one_line(e.get('with', ''))}`")
    return lines


def _render_case(case, found) -> list[str]:
    d = case.data
    lines: list[str] = []
    if d.get("note"):
        lines += [str(d["note"]), ""]
    if "text" in d or "base" in d:
        lines += _render_input(d, found)
        if isinstance(d.get("previous"), dict):
            lines += ["", "上一年度报告（`--previous`，the previous year's report）："]
            lines += _render_input(d["previous"], [])
        for other in d.get("others") or []:
            if isinstance(other, dict):
                name = other.get("name", "other.txt")
                lines += ["", f"同一批中的另一份报告 `{name}`（another report of the collection）："]
                lines += _render_input(other, [])
    elif "file" in d:
        lines.append(f"文件 / file: `{d['file'].get('name', 'report.txt')}`")
    if case.data.get("options"):
        opts = "，".join(f"`{k}={v}`" for k, v in case.data["options"].items())
        lines += ["", f"选项 / options: {opts}"]
    lines.append("")
    if found:
        lines.append("gipcheck 报告 / reports:")
        lines.append("")
        lines += [f"- 第{f.line}行第{f.column}列 {f.severity}: {f.message}" for f in found]
    else:
        lines.append("gipcheck 不报告此规则 / no finding of this rule.")
    return lines


def _one_line(text) -> str:
    text = str(text).replace("\n", "⏎")
    return text if len(text) <= 80 else text[:80] + "…"


def _excerpt(text: str, found, limit: int = 14) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    if len(lines) <= limit:
        return lines
    around = found[0].line if found else 1
    lo = max(0, around - limit // 2)
    return (["…"] if lo else []) + lines[lo:lo + limit] + (["…"] if lo + limit < len(lines) else [])


def markdown(rule, folder: Path | None = None, problems: list[str] | None = None) -> str:
    """The rule's page (docs/rules/GIPnnn.md)."""
    fam = rule.family()
    body = [f"# {rule.code} `{rule.name}`", "",
            f"- 说明 / summary: {rule.summary} / {rule.summary_en}",
            f"- 默认级别 / default severity: {SEV_ZH[rule.default_severity]}",
            f"- 类别 / family: {FAMILIES[fam][0]} / {FAMILIES[fam][1]}",
            f"- 关闭 / turn off: `gipcheck --ignore {rule.code}` 或 `--ignore {rule.name}`", ""]
    for para in rule.doc().split("\n\n"):
        body += [para.strip(), ""]
    if rule.options:
        body += ["## 选项 / Options", "",
                 f"设置方法 / set with: `gipcheck --option {rule.code}.KEY=VALUE`", ""]
        body += options_lines(rule) + [""]
    for heading, lines in examples(rule, folder, problems=problems):
        body += [f"## {heading}", "", *lines, ""]
    body += ["## 消息 / messages", ""]
    for key, (zh, en) in rule.messages.items():
        body += [f"- `{key}`: {zh}", f"  — {en}"]
    return "\n".join(body).rstrip() + "\n"


def rendered_page(rule) -> str | None:
    """The generated page of a built-in rule (docs/rules, shipped as ``gipcheck._ruledocs``):
    its examples were run when the page was made, so showing it runs nothing."""
    from importlib import resources

    if not rule.__module__.startswith("gipcheck.checks."):
        return None
    try:
        page = resources.files("gipcheck._ruledocs").joinpath(f"{rule.code}.md")
        if page.is_file():
            return page.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):
        pass
    here = Path(__file__).resolve().parent.parent / "docs" / "rules" / f"{rule.code}.md"
    return here.read_text(encoding="utf-8") if here.is_file() else None


def text(rule, lang: str = "zh") -> str:
    """``gipcheck rule CODE``: the rule's generated page (Chinese first, English beside it), or
    for a plugin's rule its docstring and declared options."""
    page = rendered_page(rule)
    if page is not None:
        return page
    out = [f"{rule.code} {rule.name} ({rule.default_severity})", f"{rule.summary} / {rule.summary_en}", "",
           rule.doc()]
    if rule.options:
        out += ["", "选项 / Options（--option " + rule.code + ".KEY=VALUE）:", *options_lines(rule, lang)]
    return "\n".join(out).rstrip() + "\n"
