r"""GitHub Actions: one workflow command per finding, which GitHub shows as an annotation on the
file (and on the pull request's diff), and a Markdown job summary.

    ::error file=reports/2023.txt,line=3,col=87,endLine=3,endColumn=118,title=GIP203 · period-not-calendar-year::统计期限…

``warning`` findings become ``::warning``, ``info`` findings ``::notice``. Values are escaped
as GitHub's toolkit does (``@actions/core``, command.ts): in the message ``%`` → ``%25``,
CR → ``%0D``, LF → ``%0A``; in property values also ``:`` → ``%3A`` and ``,`` → ``%2C``.
Any other control character (ESC, NUL, DEL, the C1 controls) is then written as visible
text, ``\x1b``, so that nothing in a report can drive the log viewer or a terminal.

When ``GITHUB_STEP_SUMMARY`` names a file, a summary (totals by severity, a table of files and
a table of rules) is appended to it.
"""

from __future__ import annotations

import os
import sys

from .. import rx
from . import SEVERITY_ORDER, SEVERITY_ZH, Formatter, visible_controls

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def github_default() -> bool:
    """True inside a GitHub Actions job (where this format is the natural default)."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def escape_data(s: str) -> str:
    """A workflow command's message (toolkit ``escapeData``), then control characters made visible."""
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible_controls(s)


def escape_property(s: str) -> str:
    """A workflow command's property value (toolkit ``escapeProperty``), then control characters made visible."""
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
    return visible_controls(s)


def command(f, path: str) -> str:
    """The workflow command for finding ``f`` in the file shown as ``path``."""
    props = [("file", path)]
    if f.line >= 1:
        end_line = max(f.line, f.end_line)
        props.append(("line", str(f.line)))
        if end_line == f.line and f.column >= 1:  # GitHub takes columns only within one line
            props.append(("col", str(f.column)))
            props.append(("endLine", str(end_line)))
            props.append(("endColumn", str(max(f.column, f.end_column))))
        else:
            props.append(("endLine", str(end_line)))
    props.append(("title", f"{f.code} · {f.name}"))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS.get(f.severity, 'warning')} {head}::{escape_data(f.message)}"


# inside a table cell only inline markup matters (no block starts there)
_MD_SPECIAL = rx.compile(r"([\\`*_\[\]|~])")


def md_cell(s: str) -> str:
    """Text for a Markdown table cell: one line, no markup, ``|`` escaped, no raw HTML."""
    s = " ".join(str(s).split())
    s = visible_controls(s)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s)


class GithubFormatter(Formatter):
    needs_text = False  # findings only: the runner need not keep the report texts

    def render(self, results, out) -> None:
        for result in results:
            path = self.display_path(result.path)
            for f in result.findings:
                out.write(command(f, path) + "\n")
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        if target:
            try:
                with open(target, "a", encoding="utf-8") as fh:
                    fh.write(self.summary(results))
            except OSError as exc:
                sys.stderr.write(f"gipcheck: GITHUB_STEP_SUMMARY ({target}): {exc.strerror or exc}\n")

    def summary(self, results) -> str:
        """The job summary in Markdown."""
        en = self.lang == "en"
        sev_name = (lambda s: s) if en else (lambda s: SEVERITY_ZH[s])
        totals = {s: 0 for s in SEVERITY_ORDER}
        by_rule: dict[str, list] = {}
        rows = []
        for result in results:
            counts = {s: 0 for s in SEVERITY_ORDER}
            for f in result.findings:
                sev = f.severity if f.severity in counts else "warning"
                counts[sev] += 1
                totals[sev] += 1
                entry = by_rule.setdefault(f.code, [f.name, 0])
                entry[1] += 1
            rows.append((self.display_path(result.path), counts, result.unreadable))
        nfiles, total = len(results), sum(totals.values())
        lines = ["## gipcheck: results" if en else "## gipcheck 检查结果", ""]
        if en:
            lines.append(f"{nfiles} file(s) checked: {total} finding(s) — " + ", ".join(
                f"{totals[s]} {s}" for s in SEVERITY_ORDER) + ".")
        else:
            lines.append(f"共检查 {nfiles} 个文件，发现 {total} 个问题：" + "，".join(
                f"{sev_name(s)} {totals[s]}" for s in SEVERITY_ORDER) + "。")
        lines.append("")
        if rows:
            head = ["File" if en else "文件", *(sev_name(s) for s in SEVERITY_ORDER)]
            lines.append("| " + " | ".join(head) + " |")
            lines.append("|---|" + "---:|" * len(SEVERITY_ORDER))
            for path, counts, unreadable in rows:
                note = (" (could not be read)" if en else "（无法读取）") if unreadable else ""
                lines.append(f"| {md_cell(path + note)} | " + " | ".join(str(counts[s]) for s in SEVERITY_ORDER)
                             + " |")
            lines.append("")
        if by_rule:
            lines.append("### Rules" if en else "### 规则")
            lines.append("")
            lines.append("| Rule | Name | Findings |" if en else "| 规则 | 名称 | 问题数 |")
            lines.append("|---|---|---:|")
            for code in sorted(by_rule):
                name, n = by_rule[code]
                lines.append(f"| {md_cell(code)} | {md_cell(name)} | {n} |")
            lines.append("")
        return "\n".join(lines) + "\n"
