"""``-f html``: a self-contained HTML report for people (agency staff, reviewers), Chinese first.

One page per report: a summary (counts by severity and family; the profile and year gipcheck
chose, and why), the finding list (each linking to its place, the computation of a failed
identity written out, the rule's page opening in place), tables 二/三/四 drawn as grids from
what gipcheck read (the cells a finding points at highlighted, cells it could not read marked),
and the report text with every finding's span highlighted and numbered.

CSS and JavaScript are inline and the page loads nothing (a Content-Security-Policy forbids it);
it prints (rule pages open, navigation hidden) and works from the keyboard (skip link; ``j``/``k``
move between findings). Several reports: :meth:`HtmlFormatter.render_site` writes one page per
report into a folder and an index page linking to them.
"""

from __future__ import annotations

import os
import re

from . import SEVERITY_ORDER, SEVERITY_ZH, Formatter, visible_controls

_T = {  # every word of the page: (Chinese, English)
    "title": ("政府信息公开工作年度报告检查结果", "Government information disclosure annual report: check results"),
    "index_title": ("检查结果汇总", "Check results: index"),
    "skip": ("跳到问题列表", "Skip to the findings"),
    "summary": ("概况", "Summary"),
    "findings": ("问题列表", "Findings"),
    "tables": ("表格（gipcheck 读到的内容）", "Tables (as gipcheck read them)"),
    "text": ("报告全文（问题处已标出）", "Report text (findings highlighted)"),
    "docs": ("规则说明", "Rule documentation"),
    "file": ("文件", "File"),
    "format": ("格式", "Format"),
    "profile": ("检查依据的格式", "Format checked against"),
    "year": ("报告年度", "Report year"),
    "why": ("原因", "why"),
    "family": ("类别", "Family"),
    "count": ("数量", "Count"),
    "none": ("未发现问题。", "No findings."),
    "unreadable": ("无法读取此文件，未能检查内容。", "The file could not be read; its content was not checked."),
    "at": ("第 {line} 行第 {column} 列", "line {line}, column {column}"),
    "computation": ("计算", "Computation"),
    "related": ("相关单元格", "Related cells"),
    "other": ("另一份报告", "The other report"),
    "doc_link": ("规则说明", "rule page"),
    "not_found": ("报告中未找到此表。", "This table was not found in the report."),
    "empty": ("此表未填写数字。", "This table has no numbers filled in."),
    "row_missing": ("未找到此行", "row not found"),
    "row_unaligned": ("此行的数字个数与模板不符（找到 {found} 个），无法逐格对齐",
                      "this row's number of values does not fit the template ({found} found); not aligned"),
    "row_uncertain": ("此行未能确定对应模板的哪一行，未用于计算", "this row's place in the template is uncertain;"
                      " not used in sums"),
    "unread": ("无法读取为数字", "not readable as a number"),
    "unplaced": ("另有 {n} 行数字无法对应到模板的行。", "{n} more row(s) of numbers could not be placed in the template."),
    "legend": ("图例：", "Legend: "),
    "legend_bad": ("问题所在单元格", "cell a finding points at"),
    "legend_rel": ("参与计算的单元格", "cell taking part in a failed sum"),
    "legend_unread": ("无法读取的单元格", "cell not readable as a number"),
    "keys": ("键盘：j / k 跳到下一个 / 上一个问题。", "Keys: j / k go to the next / previous finding."),
    "generated": ("由 gipcheck {version} 生成；本页不联网，可离线打开和打印。",
                  "Made by gipcheck {version}; this page loads nothing from the network and prints."),
    "reports": ("报告", "Reports"),
    "open": ("打开", "open"),
    "total": ("合计", "Total"),
    "back": ("返回汇总", "Back to the index"),
    "col_label": ("行 \\ 列", "row \\ column"),
}

FORMAT_NAMES = {"text": ("纯文本", "plain text"), "docx": ("Word（.docx）", "Word (.docx)"),
                "html": ("网页（.html）", "web page (.html)"), "pdf": ("PDF", "PDF")}

_CSS = """
:root{--err:#a4001d;--err-bg:#fde8eb;--warn:#6b4400;--warn-bg:#fff1cc;--info:#0b4f8a;--info-bg:#e6f0fb;
--ink:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--focus:#1a5fb4}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:var(--ink);
background:#fff;margin:0;line-height:1.6}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 1rem}
h1{font-size:1.5rem;margin:1rem 0 .25rem}h2{font-size:1.25rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:#0b4f8a}a:focus,button:focus,summary:focus,[tabindex]:focus{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:9}
.file{color:var(--muted);word-break:break-all;margin:0}
.counts{display:flex;gap:.6rem;flex-wrap:wrap;margin:.5rem 0}
.pill{padding:.15rem .7rem;border-radius:1rem;font-weight:600}
.sev-error .sev,.pill.error{color:var(--err);background:var(--err-bg)}
.sev-warning .sev,.pill.warning{color:var(--warn);background:var(--warn-bg)}
.sev-info .sev,.pill.info{color:var(--info);background:var(--info-bg)}
table.facts{border-collapse:collapse;margin:.4rem 0}table.facts th,table.facts td{border:1px solid var(--line);padding:.2rem .6rem;text-align:left;vertical-align:top}
ol.findings{padding-left:0;list-style:none}
ol.findings>li{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:4px;padding:.5rem .75rem;margin:.5rem 0}
ol.findings>li.sev-error{border-left-color:var(--err)}ol.findings>li.sev-warning{border-left-color:#b07800}ol.findings>li.sev-info{border-left-color:var(--info)}
ol.findings>li:target,ol.findings>li.current{box-shadow:0 0 0 3px var(--focus)}
.num{display:inline-block;min-width:1.8rem;font-weight:700}
.sev{padding:0 .4rem;border-radius:3px;font-weight:600}
.code{font-family:ui-monospace,Consolas,monospace;font-weight:600}
.msg{margin:.2rem 0}.calc{font-family:ui-monospace,Consolas,monospace;background:#f4f4f4;padding:.2rem .4rem;margin:.2rem 0;white-space:pre-wrap}
.where{color:var(--muted);font-size:.92rem}
table.grid{border-collapse:collapse;font-size:.9rem;margin:.3rem 0 1rem;max-width:100%}
.gridwrap{overflow-x:auto}
table.grid th,table.grid td{border:1px solid #8a8a8a;padding:.15rem .4rem;text-align:center;min-width:2.2rem}
table.grid th.rowlabel{text-align:left;font-weight:normal;max-width:22rem}
table.grid thead th{background:#eef1f4}
table.grid td.rel{background:#fff1cc;outline:2px dashed #8a5a00;outline-offset:-2px}
table.grid td.bad{background:var(--err-bg);color:var(--err);font-weight:700;outline:3px solid var(--err);outline-offset:-3px}
table.grid td.unread{background:#ececec;color:#333;font-style:italic}
table.grid tr.missing th,table.grid tr.missing td{color:var(--muted);background:repeating-linear-gradient(45deg,#fff,#fff 6px,#f1f1f1 6px,#f1f1f1 12px)}
.note{color:var(--muted);font-size:.88rem}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.5rem;border:1px solid #8a8a8a}
.legend .bad{background:var(--err-bg);color:var(--err);font-weight:700}.legend .rel{background:#fff1cc}.legend .unread{background:#ececec;font-style:italic}
.src{font-family:ui-monospace,"Noto Sans Mono CJK SC",Consolas,monospace;font-size:.9rem;border:1px solid var(--line);padding:.4rem 0;overflow-x:auto}
.src .ln{display:flex;white-space:pre-wrap;word-break:break-all;padding:0 .5rem}
.src .no{flex:none;width:3.5rem;color:var(--muted);text-align:right;padding-right:.8rem;user-select:none}
.src mark{background:var(--warn-bg);color:inherit;border-bottom:2px solid #b07800}
.src mark.error{background:var(--err-bg);border-bottom-color:var(--err)}.src mark.info{background:var(--info-bg);border-bottom-color:var(--info)}
.src mark.rel{background:#fff7e0;border-bottom:2px dashed #8a5a00}
.badge{display:inline-block;font-size:.72rem;line-height:1.1;padding:0 .25rem;margin:0 .1rem;border-radius:3px;background:#333;color:#fff;text-decoration:none;vertical-align:super}
.badge.error{background:var(--err)}.badge.warning{background:#7a4d00}.badge.info{background:var(--info)}
details.doc{border:1px solid var(--line);border-radius:4px;padding:.3rem .6rem;margin:.4rem 0}
details.doc pre{white-space:pre-wrap;background:#f6f6f6;padding:.3rem}
.keys{color:var(--muted);font-size:.88rem}
footer{color:var(--muted);font-size:.85rem;margin:2rem auto 1rem}
@media print{.skip,.keys,.badge{display:none}a{color:inherit;text-decoration:none}
h2{break-after:avoid}ol.findings>li,table.grid{break-inside:avoid}body{font-size:10.5pt}
.src .ln{white-space:pre-wrap}details.doc{border:none}}
"""

_JS = """
(function(){
var items=Array.prototype.slice.call(document.querySelectorAll('ol.findings>li'));var cur=-1;
function go(i){if(!items.length)return;cur=(i+items.length)%items.length;items.forEach(function(x){x.classList.remove('current')});
var li=items[cur];li.classList.add('current');li.focus();}
document.addEventListener('keydown',function(e){if(e.altKey||e.ctrlKey||e.metaKey)return;var t=e.target.tagName;
if(t==='INPUT'||t==='TEXTAREA'||t==='SELECT')return;if(e.key==='j'){go(cur+1);e.preventDefault();}
else if(e.key==='k'){go(cur-1);e.preventDefault();}});
function openDoc(){var h;try{h=decodeURIComponent(location.hash.slice(1));}catch(e){return;}
var d=h&&document.getElementById(h);if(d&&d.tagName==='DETAILS'){d.open=true;}}
window.addEventListener('hashchange',openDoc);openDoc();
document.querySelectorAll('a.doclink').forEach(function(a){a.addEventListener('click',function(){
var d=document.getElementById(a.getAttribute('href').slice(1));if(d)d.open=true;});});
// inside the web page the report is an iframe's srcdoc: a "#…" link would load the page's own
// address there, so in-page links scroll instead
if(location.protocol==='about:'){document.addEventListener('click',function(e){
var a=e.target.closest&&e.target.closest('a[href^="#"]');if(!a)return;e.preventDefault();
var t=document.getElementById(a.getAttribute('href').slice(1));if(!t)return;
if(t.tagName==='DETAILS')t.open=true;t.scrollIntoView();if(t.tabIndex<0&&t.tagName==='LI'){t.focus();}});}
window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.setAttribute('data-was',d.open?'1':'');d.open=true;});});
window.addEventListener('afterprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=d.getAttribute('data-was')==='1';});});
})();
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(text) -> str:
    """Escaped for HTML, every control character (and lone surrogate) shown as visible text."""
    import html  # (the standard library's; imported when an HTML report is written)

    return html.escape(visible_controls(str(text), keep="\n\t"), quote=True)


def _href(path: str) -> str:
    """A relative link to a file: every part URL-quoted (a name may hold #, ?, % or a colon)."""
    import html
    from urllib.parse import quote

    parts = path.replace(os.sep, "/").split("/")
    quoted = "/".join(quote(p.encode("utf-8", "surrogateescape"), safe="") if p not in ("..", ".") else p
                      for p in parts)
    return html.escape(quoted if quoted.startswith(("../", "./")) else "./" + quoted, quote=True)


def markdown_html(md: str) -> str:
    """A rule page (Markdown as gipcheck writes it: headings, lists, fenced code, paragraphs,
    inline code) as HTML; everything escaped."""
    out: list[str] = []
    para: list[str] = []
    in_list = False
    in_code = False
    code: list[str] = []

    def inline(s: str) -> str:
        s = _e(s)
        return re.sub(r"`([^`]+)`", r"<code>\1</code>", s)

    def flush():
        nonlocal in_list
        if para:
            out.append("<p>" + " ".join(inline(p) for p in para) + "</p>")
            para.clear()
        if in_list:
            out.append("</ul>")
            in_list = False

    for line in md.split("\n"):
        if line.startswith("```"):
            if in_code:
                out.append("<pre>" + _e("\n".join(code)) + "</pre>")
                code.clear()
                in_code = False
            else:
                flush()
                in_code = True
            continue
        if in_code:
            code.append(line)
            continue
        if not line.strip():
            flush()
            continue
        m = re.match(r"^(#{1,6})\s+(.*)", line)
        if m:
            flush()
            level = min(len(m.group(1)) + 3, 6)
            out.append(f"<h{level}>{inline(m.group(2))}</h{level}>")
            continue
        if re.match(r"^\s*[-*] ", line):
            if para:
                flush()
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append("<li>" + inline(re.sub(r"^\s*[-*] ", "", line)) + "</li>")
            continue
        para.append(line.strip())
    if in_code:
        out.append("<pre>" + _e("\n".join(code)) + "</pre>")
    flush()
    return "\n".join(out)


def _family(code: str) -> int | None:
    return int(code[3]) if len(code) > 3 and code[3].isdigit() else None


class HtmlFormatter(Formatter):
    """The HTML report (see the module docstring)."""

    needs_view = True  # the CLI builds the linter with keep_view=True (tables, profile and year)

    def t(self, key: str, **args) -> str:
        zh, en = _T[key]
        return (en if self.lang == "en" else zh).format(**args)

    # -- one report ------------------------------------------------------------------------
    def render(self, results, out) -> None:
        results = list(results)
        if len(results) == 1:
            out.write(self.page(results[0]))
        else:
            out.write(self.index(results, [None] * len(results)))

    def page(self, result, back: str | None = None) -> str:
        name = self.display_path(result.path)
        numbered = list(enumerate(result.findings, 1))
        parts = [self._head(f"{self.t('title')} — {name}"), "<body>",
                 f'<a class="skip" href="#findings">{self.t("skip")}</a>',
                 "<header>", f"<h1>{self.t('title')}</h1>", f'<p class="file">{_e(name)}</p>']
        if back:
            parts.append(f'<p><a href="{_href(back)}">{self.t("back")}</a></p>')
        parts += ["</header>", "<main>", self._summary(result), self._findings(result, numbered)]
        if result.view and result.view.get("tables"):
            parts.append(self._tables(result, numbered))
        if result.text:
            parts.append(self._text(result, numbered))
        parts.append(self._docs(result))
        parts += ["</main>", self._footer(), f"<script>{_JS}</script>", "</body></html>"]
        return "\n".join(parts)

    def _head(self, title: str) -> str:
        lang = "en" if self.lang == "en" else "zh-CN"
        return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
                f'<meta name="generator" content="gipcheck"><title>{_e(title)}</title>'
                f"<style>{_CSS}</style></head>")

    def _footer(self) -> str:
        from .. import __version__

        return f"<footer>{self.t('generated', version=__version__)}</footer>"

    def _counts(self, findings) -> str:
        counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
        return '<div class="counts">' + "".join(
            f'<span class="pill {s}" data-severity="{s}">{self._sev(s)} {counts[s]}</span>' for s in SEVERITY_ORDER) + "</div>"

    def _sev(self, severity: str) -> str:
        return severity if self.lang == "en" else SEVERITY_ZH.get(severity, severity)

    def _summary(self, result) -> str:
        from ..checks.base import FAMILIES

        view = result.view or {}
        rows = []
        fmt = view.get("format")
        if fmt:
            rows.append((self.t("format"), FORMAT_NAMES.get(fmt, (fmt, fmt))[1 if self.lang == "en" else 0]))
        if view.get("profile_name"):
            rows.append((self.t("profile"), f"{view['profile_name']}（{view['profile']}）— {self.t('why')}："
                         f"{view.get('profile_reason', '')}"))
        if "year_reason" in view:
            rows.append((self.t("year"), view["year_reason"]))
        elif result.year:
            rows.append((self.t("year"), str(result.year)))
        facts = "".join(f"<tr><th scope='row'>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
        by_family: dict[int, dict[str, int]] = {}
        for f in result.findings:
            fam = _family(f.code)
            if fam is not None:
                by_family.setdefault(fam, {s: 0 for s in SEVERITY_ORDER})[f.severity] += 1
        fam_rows = "".join(
            f"<tr><th scope='row'>{_e(FAMILIES.get(k, (str(k), str(k)))[1 if self.lang == 'en' else 0])}</th>"
            + "".join(f"<td>{v[s]}</td>" for s in SEVERITY_ORDER) + "</tr>" for k, v in sorted(by_family.items()))
        fam_table = ""
        if fam_rows:
            head = "".join(f"<th scope='col'>{self._sev(s)}</th>" for s in SEVERITY_ORDER)
            fam_table = (f"<table class='facts' aria-label='{self.t('family')}'><thead><tr><th scope='col'>"
                         f"{self.t('family')}</th>{head}</tr></thead><tbody>{fam_rows}</tbody></table>")
        unreadable = f"<p><strong>{self.t('unreadable')}</strong></p>" if result.unreadable else ""
        return (f'<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">{self.t("summary")}</h2>'
                f"{self._counts(result.findings)}{unreadable}"
                f"<table class='facts'><tbody>{facts}</tbody></table>{fam_table}</section>")

    def _where(self, f) -> str:
        at = self.t("at", line=f.line, column=f.column)
        native = []
        if "page" in f.extra:
            native.append(f"第 {f.extra['page']} 页" if self.lang != "en" else f"page {f.extra['page']}")
        if "table" in f.extra:
            native.append(f"Word 表格 {f.extra['table']} 第 {f.extra.get('row')} 行第 {f.extra.get('cell')} 格"
                          if self.lang != "en" else
                          f"table {f.extra['table']}, row {f.extra.get('row')}, cell {f.extra.get('cell')}")
        elif "paragraph" in f.extra:
            native.append(f"第 {f.extra['paragraph']} 段" if self.lang != "en" else f"paragraph {f.extra['paragraph']}")
        return at + ("（" + "，".join(native) + "）" if native and self.lang != "en" else
                     (" (" + ", ".join(native) + ")" if native else ""))

    def _findings(self, result, numbered) -> str:
        head = f'<section id="findings" aria-labelledby="h-findings"><h2 id="h-findings">{self.t("findings")}' \
               f"（{len(numbered)}）</h2>"
        if not numbered:
            return head + f"<p>{self.t('none')}</p></section>"
        items = []
        for n, f in numbered:
            extra = ""
            if f.extra.get("computation"):
                extra += f'<div class="calc">{self.t("computation")}：{_e(f.extra["computation"])}</div>'
            related = [p.get("message", "") for p in f.extra.get("related") or [] if p.get("message")]
            if related:
                extra += f'<div class="where">{self.t("related")}：{_e("；".join(related))}</div>'
            other = f.extra.get("other")
            if isinstance(other, dict) and other.get("path"):
                extra += (f'<div class="where">{self.t("other")}：{_e(self.display_path(str(other["path"])))}'
                          f'（{_e(self.t("at", line=other.get("line"), column=other.get("column")))}）</div>')
            target = f"#m{n}" if result.text else "#summary"
            items.append(
                f'<li id="f{n}" class="sev-{f.severity}" tabindex="-1" data-code="{_e(f.code)}" data-severity="{f.severity}">'
                f'<span class="num">{n}</span><span class="sev">{self._sev(f.severity)}</span> '
                f'<span class="code">{_e(f.code)}</span> <span class="name">{_e(f.name)}</span> '
                f'<a class="doclink" href="#doc-{_e(f.code)}">{self.t("doc_link")}</a>'
                f'<p class="msg">{_e(f.message)}</p>{extra}'
                f'<div class="where"><a href="{target}">{_e(self._where(f))}</a></div></li>')
        keys = f'<p class="keys">{self.t("keys")}</p>'
        return head + keys + '<ol class="findings">' + "".join(items) + "</ol></section>"

    # -- tables ----------------------------------------------------------------------------
    def _tables(self, result, numbered) -> str:
        primary: dict[tuple[int, int], list[int]] = {}
        related: dict[tuple[int, int], list[int]] = {}
        for n, f in numbered:
            primary.setdefault((f.line, f.column), []).append(n)
            for p in f.extra.get("related") or []:
                related.setdefault((p.get("line"), p.get("column")), []).append(n)
        parts = [f'<section id="tables" aria-labelledby="h-tables"><h2 id="h-tables">{self.t("tables")}</h2>',
                 f'<p class="legend">{self.t("legend")}<span class="bad">{self.t("legend_bad")}</span>'
                 f'<span class="rel">{self.t("legend_rel")}</span><span class="unread">{self.t("legend_unread")}</span></p>']
        for table in result.view["tables"]:
            title = f"表{table['number']} {table['name']}" if self.lang != "en" else f"Table {table['number']}: {table['name']}"
            parts.append(f'<h3 id="table-{_e(table["id"])}">{_e(title)}</h3>')
            if not table.get("found") and not table.get("section_found"):
                parts.append(f'<p class="note">{self.t("not_found")}</p>')
                continue
            if table.get("empty"):
                parts.append(f'<p class="note">{self.t("empty")}</p>')
            for block in table["blocks"]:
                parts.append(self._grid(table, block, primary, related))
            if table.get("unplaced"):
                parts.append(f'<p class="note">{self.t("unplaced", n=table["unplaced"])}</p>')
        parts.append("</section>")
        return "\n".join(parts)

    def _grid(self, table, block, primary, related) -> str:
        cols = block["columns"]
        caption = f"<caption>{_e(block['caption'])}</caption>" if block.get("caption") else ""
        head = f"<th scope='col'>{self.t('col_label')}</th>" + "".join(f"<th scope='col'>{_e(c)}</th>" for c in cols)
        body = []
        for row in block["rows"]:
            label = row["label"]
            if row.get("group") and self.lang != "en":
                label = f"{row['group']} {label}"
            status = row.get("status")
            cells = row.get("cells")
            note = ""
            if status == "missing":
                note = self.t("row_missing")
            elif status == "unaligned":
                note = self.t("row_unaligned", found=row.get("found", 0))
            elif status == "uncertain":
                note = self.t("row_uncertain")
            label_html = f"<th scope='row' class='rowlabel'>{_e(label)}" + (
                f"<br><span class='note'>{_e(note)}</span>" if note else "") + "</th>"
            if cells is None:
                body.append(f"<tr class='{_e(status or '')}' data-row='{_e(row['id'])}'>{label_html}"
                            + "".join("<td>·</td>" for _ in cols) + "</tr>")
                continue
            tds = []
            for col, cell in zip(cols, cells):
                key = (cell["line"], cell["column"])
                classes, titles = [], []
                if key in primary:
                    classes.append("bad")
                    titles.append("、".join(f"#{n}" for n in primary[key]))
                if key in related:
                    classes.append("rel")
                    titles.append("、".join(f"#{n}" for n in related[key]))
                if cell["kind"] == "text":
                    classes.append("unread")
                    titles.append(self.t("unread"))
                shown = _e(cell["raw"]) if cell["raw"] else ""
                refs = list(dict.fromkeys(primary.get(key, []) + related.get(key, [])))
                links = "".join(f'<a class="badge" href="#f{n}" aria-label="#{n}">{n}</a>' for n in refs)
                attrs = (f" class='{' '.join(classes)}'" if classes else "") + (
                    f" title='{_e('；'.join(titles))}'" if titles else "")
                tds.append(f"<td{attrs} data-col='{_e(col)}' data-line='{cell['line']}'>{shown}{links}</td>")
            body.append(f"<tr class='{_e(status or '')}' data-row='{_e(row['id'])}'>{label_html}{''.join(tds)}</tr>")
        return (f"<div class='gridwrap'><table class='grid' data-table='{_e(table['id'])}'>{caption}"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")

    # -- the text --------------------------------------------------------------------------
    def _text(self, result, numbered) -> str:
        lines = result.text.split("\n")
        # per line: (start column, end column, finding number, kind) with 0-based columns
        marks: dict[int, list[tuple[int, int, int, str]]] = {}

        def add(n, line, col, end_line, end_col, kind):
            for ln in range(line, min(end_line, len(lines)) + 1):
                if ln < 1 or ln > len(lines):
                    continue
                a = col - 1 if ln == line else 0
                b = end_col - 1 if ln == end_line else len(lines[ln - 1])
                marks.setdefault(ln, []).append((max(a, 0), max(b, a), n, kind))

        for n, f in numbered:
            add(n, f.line, f.column, f.end_line, f.end_column, f.severity)
            for p in f.extra.get("related") or []:
                try:
                    add(n, int(p["line"]), int(p["column"]), int(p["end_line"]), int(p["end_column"]), "rel")
                except (KeyError, TypeError, ValueError):
                    continue
        out = [f'<section id="text" aria-labelledby="h-text"><h2 id="h-text">{self.t("text")}</h2><div class="src">']
        first_badge: set[int] = set()
        for ln, line in enumerate(lines, 1):
            out.append(f'<div class="ln" id="L{ln}"><span class="no">{ln}</span><span class="tx">'
                       f"{self._marked(line, marks.get(ln, []), first_badge)}</span></div>")
        out.append("</div></section>")
        return "\n".join(out)

    def _marked(self, line: str, spans, first_badge: set[int]) -> str:
        if not spans:
            return _e(line)
        bounds = sorted({0, len(line)} | {a for a, _, _, _ in spans} | {min(b, len(line)) for _, b, _, _ in spans})
        html_parts = []
        badges_at: dict[int, list[tuple[int, str]]] = {}
        for a, _, n, kind in spans:
            if kind != "rel" and n not in first_badge:
                first_badge.add(n)
                badges_at.setdefault(min(a, len(line)), []).append((n, kind))
        for i, pos in enumerate(bounds):
            for n, kind in badges_at.get(pos, []):
                html_parts.append(f'<a class="badge {kind}" id="m{n}" href="#f{n}" aria-label="#{n}">{n}</a>')
            if i + 1 >= len(bounds):
                break
            nxt = bounds[i + 1]
            chunk = line[pos:nxt]
            covering = [(n, kind) for a, b, n, kind in spans if a <= pos and b >= nxt and b > a]
            if covering and chunk:
                main = [k for _, k in covering if k != "rel"]
                cls = ("error" if "error" in main else "warning" if "warning" in main else "info" if main else "rel")
                ids = " ".join(str(n) for n, _ in covering)
                html_parts.append(f'<mark class="{cls}" data-f="{ids}">{_e(chunk)}</mark>')
            else:
                html_parts.append(_e(chunk))
        return "".join(html_parts)

    # -- rule pages ------------------------------------------------------------------------
    def _docs(self, result) -> str:
        from ..ruledoc import text as rule_text

        codes = sorted({f.code for f in result.findings})
        if not codes:
            return ""
        by_code = {r.code: r for r in (self.rules or [])}
        out = [f'<section id="docs" aria-labelledby="h-docs"><h2 id="h-docs">{self.t("docs")}</h2>']
        for code in codes:
            rule = by_code.get(code)
            if rule is None:
                continue
            try:
                page = rule_text(rule, self.lang)
            except Exception:  # noqa: BLE001 - a plugin rule's page that cannot be built is left out
                continue
            summary = rule.summary_en if self.lang == "en" and rule.summary_en else rule.summary
            out.append(f'<details class="doc" id="doc-{_e(code)}"><summary><span class="code">{_e(code)}</span> '
                       f"{_e(rule.name)} — {_e(summary)}</summary>{markdown_html(page)}</details>")
        out.append("</section>")
        return "\n".join(out)

    # -- several reports -------------------------------------------------------------------
    def index(self, results, links) -> str:
        rows = []
        total = {s: 0 for s in SEVERITY_ORDER}
        for result, link in zip(results, links):
            counts = {s: sum(1 for f in result.findings if f.severity == s) for s in SEVERITY_ORDER}
            for s in SEVERITY_ORDER:
                total[s] += counts[s]
            name = _e(self.display_path(result.path))
            cell = f'<a href="{_href(link)}">{name}</a>' if link else name
            view = result.view or {}
            rows.append(f"<tr><td>{cell}</td><td>{_e(view.get('profile') or result.profile or '')}</td>"
                        f"<td>{_e(result.year or '')}</td>" + "".join(f"<td>{counts[s]}</td>" for s in SEVERITY_ORDER)
                        + "</tr>")
        head = "".join(f"<th scope='col'>{self._sev(s)}</th>" for s in SEVERITY_ORDER)
        foot = "".join(f"<td>{total[s]}</td>" for s in SEVERITY_ORDER)
        return "\n".join([
            self._head(self.t("index_title")), "<body><header>", f"<h1>{self.t('index_title')}</h1>",
            f"<p class='file'>{self.t('reports')}：{len(results)}</p></header><main>",
            "<section id='summary'>", self._counts([f for r in results for f in r.findings]), "</section>",
            f"<table class='facts' id='reports'><thead><tr><th scope='col'>{self.t('file')}</th>"
            f"<th scope='col'>{self.t('profile')}</th><th scope='col'>{self.t('year')}</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody><tfoot><tr><th scope='row' colspan='3'>{self.t('total')}</th>{foot}</tr>"
            "</tfoot></table></main>", self._footer(), "</body></html>"])

    def render_site(self, results, index_path: str) -> list[str]:
        """One page per report in ``<index stem>_files/`` and the index at ``index_path``;
        returns the pages written."""
        results = list(results)
        links, written = self.write_pages(results, index_path)
        with open(index_path, "w", encoding="utf-8") as fh:
            fh.write(self.index(results, links))
        return written

    def write_pages(self, results, index_path: str) -> tuple[list[str], list[str]]:
        """One page per report in ``<index stem>_files/``, each linking back to ``index_path``
        (the HTML report's index, or the summary of a collection); returns (links relative to the
        index, paths written). The folder belongs to the index (its name comes from the output
        file the user named), so the pages of an earlier run are replaced."""
        folder = os.path.splitext(index_path)[0] + "_files"
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            if re.fullmatch(r"\d{4,}-.*\.html", old):
                os.unlink(os.path.join(folder, old))
        width = max(4, len(str(len(results))))
        back = os.path.relpath(index_path, folder).replace(os.sep, "/")
        links, written = [], []
        for i, result in enumerate(results, 1):
            base = re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", os.path.splitext(os.path.basename(result.path))[0])[:60]
            name = f"{i:0{width}d}-{base or 'report'}.html"
            path = os.path.join(folder, name)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(self.page(result, back=back))
            written.append(path)
            links.append(os.path.basename(folder) + "/" + name)
        return links, written
