"""Readable terminal output (rich): grouped by file, the source line with the span marked,
and a summary."""

from __future__ import annotations

from ..textutil import visible
from . import SEVERITY_ZH, Formatter

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_WINDOW_BEFORE = 24
_WINDOW_AFTER = 60
_MAX_MARK = 40  # mark at most this many characters of a long span


def _snippet(line_text: str, col: int, end_col: int | None) -> tuple[str, int, int]:
    """A window of ``line_text`` around the 1-based span [col, end_col) and the span inside it."""
    start = col - 1
    end = len(line_text) if end_col is None else max(end_col - 1, start + 1)
    end = min(end, start + _MAX_MARK)
    lo = max(0, start - _WINDOW_BEFORE)
    hi = min(len(line_text), max(end, start + 1) + 12)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line_text) else ""
    shown = prefix + line_text[lo:hi] + suffix
    return shown, len(prefix) + start - lo, len(prefix) + min(end, hi) - lo


def native_location(extra: dict, en: bool = False) -> str:
    """" [第2页]", " [段落5]", " [表2 第3行 第4格]" — where the finding is in the original file."""
    if "page" in extra:
        return f" [page {extra['page']}]" if en else f" [第{extra['page']}页]"
    if "table" in extra:
        if en:
            return f" [table {extra['table']} row {extra['row']} cell {extra.get('cell', 1)}]"
        return f" [表{extra['table']} 第{extra['row']}行 第{extra.get('cell', 1)}格]"
    if "paragraph" in extra:
        return f" [paragraph {extra['paragraph']}]" if en else f" [段落{extra['paragraph']}]"
    return ""


class TextFormatter(Formatter):
    def render(self, results, out) -> None:
        from rich.cells import cell_len
        from rich.console import Console
        from rich.markup import escape

        console = Console(file=out, no_color=not self.color, force_terminal=self.color,
                          highlight=False, soft_wrap=True, emoji=False)
        en = self.lang == "en"
        counts = {"error": 0, "warning": 0, "info": 0}
        files_with = 0
        for result in results:
            if not result.findings:
                continue
            files_with += 1
            meta = []
            if result.profile:
                meta.append(result.profile)
            if result.year:
                meta.append(f"{result.year}" if en else f"{result.year}年")
            header = f"[bold]{escape(visible(result.path, keep=''))}[/bold]"
            if meta:
                header += f"  [dim]({escape(' · '.join(meta))})[/dim]"
            console.print(header)
            lines = result.text.split("\n")
            findings = result.findings
            for i, f in enumerate(findings):
                counts[f.severity] = counts.get(f.severity, 0) + 1
                sev = f.severity if en else SEVERITY_ZH.get(f.severity, f.severity)
                style = _STYLE.get(f.severity, "")
                where = visible(native_location(f.extra, en))
                console.print(
                    f"  [dim]{f.line}:{f.column}{escape(where)}[/dim]  [{style}]{f.code} {escape(sev)}[/{style}]"
                    f"  {escape(visible(f.message))}  [dim]{escape(f.name)}[/dim]"
                )
                nxt = findings[i + 1] if i + 1 < len(findings) else None
                same_span = nxt is not None and (nxt.line, nxt.column, nxt.end_line, nxt.end_column) == (
                    f.line, f.column, f.end_line, f.end_column)
                # findings on the same span share one quotation of the source, after the last
                if not same_span and 1 <= f.line <= len(lines) and lines[f.line - 1].strip():
                    text = lines[f.line - 1]
                    shown_line = visible(text)
                    if shown_line != text:  # escapes widen the line: mark the span in the escaped text
                        f_col = len(visible(text[:f.column - 1])) + 1
                        f_end = (len(visible(text[:f.end_column - 1])) + 1) if f.end_line == f.line else None
                        text = shown_line
                    else:
                        f_col, f_end = f.column, (f.end_column if f.end_line == f.line else None)
                    shown, s, e = _snippet(text, f_col, f_end)
                    pad = cell_len(shown[:s])
                    width = max(1, cell_len(shown[s:e]))
                    console.print(f"     [dim]│[/dim] {escape(shown)}")
                    console.print(f"     [dim]│[/dim] {' ' * pad}[{style}]{'^' * width}[/{style}]")
        total = sum(counts.values())
        nfiles = len(results)
        unreadable = sum(1 for r in results if r.unreadable)
        if en:
            summary = (f"{nfiles} file(s) checked: {total} finding(s) "
                       f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info)")
            if unreadable:
                summary += f"; {unreadable} file(s) could not be read"
        else:
            summary = (f"共检查 {nfiles} 个文件：发现 {total} 个问题"
                       f"（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}）")
            if unreadable:
                summary += f"；{unreadable} 个文件无法读取"
        if total == 0:
            summary = (f"{nfiles} file(s) checked: no findings" if en
                       else f"共检查 {nfiles} 个文件：未发现问题")
        console.print(f"[bold]{escape(summary)}[/bold]")
