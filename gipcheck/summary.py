"""``--summary FILE``: a collection at a glance, for reviewers of many reports.

``.html``: one self-contained page (no network) with one row per report — agency, year, format
era, file format, errors/warnings/info, the most frequent codes, a link to the report's own HTML
page (written into ``<name>_files/``) — one row per rule (how many reports fail it), filters by
agency, year, severity and rule, sortable columns, and a bar chart of findings per family.

``.csv``: the same rows per report (UTF-8 with a byte-order mark, so that Excel reads the
Chinese), and the rows per rule in ``<name>-规则.csv`` beside it.
"""

from __future__ import annotations

import csv
import html
import os
from collections import Counter

from .checks.base import FAMILIES
from .formatters import SEVERITY_ORDER, SEVERITY_ZH
from .formatters.html import _CSP, _e, _href

FORMAT_NAMES = {"text": "文本", "docx": "Word", "html": "网页", "pdf": "PDF"}

_T = {
    "title": ("政府信息公开工作年度报告检查汇总", "Annual reports: summary of the checks"),
    "reports": ("报告", "Reports"),
    "rules": ("规则", "Rules"),
    "chart": ("各类别的问题数", "Findings per family"),
    "agency": ("机关", "Agency"),
    "year": ("年度", "Year"),
    "era": ("格式", "Format"),
    "kind": ("文件", "File"),
    "top": ("主要问题", "Top codes"),
    "open": ("查看", "Open"),
    "code": ("规则", "Rule"),
    "name": ("名称", "Name"),
    "about": ("说明", "What it checks"),
    "failing": ("有此问题的报告", "Reports with it"),
    "count": ("问题数", "Findings"),
    "all": ("全部", "all"),
    "filter_agency": ("按机关筛选", "Filter by agency"),
    "filter_year": ("年度", "Year"),
    "filter_severity": ("至少有", "With at least one"),
    "filter_rule": ("规则", "Rule"),
    "shown": ("显示 {n} / {total} 份报告", "{n} of {total} reports shown"),
    "unknown": ("（未识别）", "(unknown)"),
    "unreadable": ("无法读取", "unreadable"),
    "generated": ("由 gipcheck {version} 生成；本页不联网，可离线打开。点击表头排序。",
                  "Made by gipcheck {version}; works offline. Click a column header to sort."),
}

_CSS = """
*{box-sizing:border-box}body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:#1b1b1b;margin:0;line-height:1.5}
main{max-width:1400px;margin:0 auto;padding:1rem}h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:2px solid #c8c8c8;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef1f4;cursor:pointer;user-select:none}thead th[aria-sort=ascending]::after{content:" ▲"}thead th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}.e{color:#a4001d;font-weight:600}.w{color:#6b4400}.i{color:#0b4f8a}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:.5rem 0}.filters label{display:flex;flex-direction:column;font-size:.9rem}
input,select{font:inherit;padding:.2rem .4rem}a:focus,input:focus,select:focus,th:focus{outline:3px solid #1a5fb4;outline-offset:2px}
.bar{fill:#1a5fb4}.chart text{font-size:12px;fill:#1b1b1b}code{font-family:ui-monospace,Consolas,monospace}
#shown{color:#4a4a4a}footer{color:#4a4a4a;font-size:.85rem;margin-top:2rem}
@media print{.filters{display:none}}
"""

_JS = """
(function(){
var rows=Array.prototype.slice.call(document.querySelectorAll('#reports tbody tr'));
var fa=document.getElementById('f-agency'),fy=document.getElementById('f-year'),fs=document.getElementById('f-severity'),
fr=document.getElementById('f-rule'),shown=document.getElementById('shown'),tmpl=shown.getAttribute('data-template');
function apply(){var a=fa.value.trim(),y=fy.value,s=fs.value,r=fr.value,n=0;
rows.forEach(function(tr){var ok=(!a||tr.getAttribute('data-agency').indexOf(a)>=0)&&(!y||tr.getAttribute('data-year')===y)
&&(!s||Number(tr.getAttribute('data-'+s))>0)&&(!r||(' '+tr.getAttribute('data-codes')+' ').indexOf(' '+r+' ')>=0);
tr.hidden=!ok;if(ok)n++;});shown.textContent=tmpl.replace('{n}',n).replace('{total}',rows.length);}
[fa,fy,fs,fr].forEach(function(x){x.addEventListener('input',apply);x.addEventListener('change',apply);});
document.querySelectorAll('a.rule-filter').forEach(function(a){a.addEventListener('click',function(e){e.preventDefault();
fr.value=a.getAttribute('data-code');apply();document.getElementById('reports').scrollIntoView();});});
document.querySelectorAll('table.sortable').forEach(function(t){var ths=t.querySelectorAll('thead th');
ths.forEach(function(th,i){th.tabIndex=0;function sort(){var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
ths.forEach(function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var body=t.tBodies[0],list=Array.prototype.slice.call(body.rows);list.sort(function(x,y){
var a=x.cells[i].getAttribute('data-v')||x.cells[i].textContent,b=y.cells[i].getAttribute('data-v')||y.cells[i].textContent;
var na=parseFloat(a),nb=parseFloat(b);if(!isNaN(na)&&!isNaN(nb))return (na-nb)*dir;return a.localeCompare(b,'zh')*dir;});
list.forEach(function(r){body.appendChild(r);});}
th.addEventListener('click',sort);th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});});});
apply();})();
"""


def _counts(result) -> dict[str, int]:
    return {s: sum(1 for f in result.findings if f.severity == s) for s in SEVERITY_ORDER}


def _era(result) -> str:
    """The format the report was checked against: its name when the view has it."""
    view = result.view or {}
    return view.get("profile_name") or result.profile or view.get("profile") or ""


def report_rows(results, lang: str = "zh") -> list[dict]:
    """One dict per report: what both the page and the CSV show."""
    out = []
    for result in results:
        counts = _counts(result)
        codes = Counter(f.code for f in result.findings if f.severity != "info")
        top = [c for c, _ in codes.most_common(3)]
        agency = (result.agency or {}).get("name") or ""
        fmt = (result.view or {}).get("format") or os.path.splitext(result.path)[1].lstrip(".").lower() or "text"
        out.append({"path": result.path, "agency": agency, "year": result.year or "", "era": _era(result),
                    "format": fmt, "unreadable": result.unreadable, **counts, "top": top,
                    "codes": sorted({f.code for f in result.findings})})
    return out


def rule_rows(results, rules) -> list[dict]:
    """One dict per rule that any report has a finding of, most reports first."""
    failing: Counter = Counter()
    total: Counter = Counter()
    for result in results:
        for f in result.findings:
            total[f.code] += 1
        for code in {f.code for f in result.findings}:  # as the page's rule filter counts them
            failing[code] += 1
    names = {r.code: r for r in rules or []}
    out = []
    for code in sorted(total, key=lambda c: (-failing[c], -total[c], c)):
        rule = names.get(code)
        out.append({"code": code, "name": rule.name if rule else "", "summary": rule.summary if rule else "",
                    "failing": failing[code], "findings": total[code]})
    return out


def write_csv(results, path: str, rules=None, lang: str = "zh") -> list[str]:
    """The per-report CSV at ``path`` and the per-rule CSV beside it; returns both paths."""
    en = lang == "en"
    head = (["file", "agency", "year", "format", "file type", "errors", "warnings", "info", "top codes"] if en else
            ["文件", "机关", "年度", "格式", "文件类型", "错误", "警告", "提示", "主要问题"])
    rules_path = os.path.splitext(path)[0] + ("-rules.csv" if en else "-规则.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        for r in report_rows(results, lang):
            w.writerow([_cell(r["path"]), _cell(r["agency"]), r["year"], r["era"], r["format"], r["error"],
                        r["warning"], r["info"], " ".join(r["top"])])
    with open(rules_path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["rule", "name", "summary", "reports with it", "findings"] if en else
                   ["规则", "名称", "说明", "有此问题的报告数", "问题数"])
        for r in rule_rows(results, rules):
            w.writerow([r["code"], r["name"], r["summary"], r["failing"], r["findings"]])
    return [path, rules_path]


def _cell(text: str) -> str:
    """A CSV cell that Excel does not run as a formula (=, +, -, @ at the start)."""
    from .textutil import visible

    text = visible(str(text))
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_html(results, path: str, rules=None, lang: str = "zh", formatter=None) -> list[str]:
    """The summary page at ``path`` and each report's own page in ``<name>_files/``; returns the
    pages written (the summary first)."""
    from . import __version__

    en = lang == "en"

    def t(key: str, **args) -> str:
        zh, en_text = _T[key]
        return (en_text if en else zh).format(**args)

    written = [path]
    links: list[str | None] = [None] * len(results)
    if formatter is not None:  # each report's own page, beside the summary
        links, pages = formatter.write_pages(results, path)
        written += pages
    rows = report_rows(results, lang)
    years = sorted({r["year"] for r in rows if r["year"]})
    rule_list = rule_rows(results, rules)
    sev = {"error": ("e", SEVERITY_ZH["error"]), "warning": ("w", SEVERITY_ZH["warning"]),
           "info": ("i", SEVERITY_ZH["info"])}
    body_rows = []
    for r, link in zip(rows, links):
        agency = r["agency"] or t("unknown")
        name = _e(os.path.basename(r["path"]))
        file_cell = f'<a href="{_href(link)}">{name}</a>' if link else name
        if r["unreadable"]:
            file_cell += f" <span class='e'>（{t('unreadable')}）</span>"
        top = " ".join(f"<code>{_e(c)}</code>" for c in r["top"])
        body_rows.append(
            f"<tr data-agency='{_e(r['agency'])}' data-year='{_e(r['year'])}' data-error='{r['error']}'"
            f" data-warning='{r['warning']}' data-info='{r['info']}' data-codes='{_e(' '.join(r['codes']))}'>"
            f"<td>{_e(agency)}</td><td class='n'>{_e(r['year'])}</td><td>{_e(r['era'])}</td>"
            f"<td>{_e(FORMAT_NAMES.get(r['format'], r['format']) if not en else r['format'])}</td>"
            + "".join(f"<td class='n {sev[s][0]}' data-v='{r[s]}'>{r[s]}</td>" for s in SEVERITY_ORDER)
            + f"<td>{top}</td><td>{file_cell}</td></tr>")
    rule_body = "".join(
        f"<tr><td><a class='rule-filter' href='#reports' data-code='{_e(r['code'])}'><code>{_e(r['code'])}</code></a></td>"
        f"<td>{_e(r['name'])}</td><td>{_e(r['summary'])}</td><td class='n' data-v='{r['failing']}'>{r['failing']}</td>"
        f"<td class='n' data-v='{r['findings']}'>{r['findings']}</td></tr>" for r in rule_list)
    chart = _chart(results, en)
    sev_head = "".join(f"<th scope='col'>{s if en else sev[s][1]}</th>" for s in SEVERITY_ORDER)
    options_year = "".join(f"<option>{_e(y)}</option>" for y in years)
    options_rule = "".join(f"<option value='{_e(r['code'])}'>{_e(r['code'])} {_e(r['name'])}</option>" for r in rule_list)
    options_sev = "".join(f"<option value='{s}'>{s if en else sev[s][1]}</option>" for s in SEVERITY_ORDER)
    total = {s: sum(r[s] for r in rows) for s in SEVERITY_ORDER}
    counts = " · ".join(f"<span class='{sev[s][0]}'>{s if en else sev[s][1]} {total[s]}</span>" for s in SEVERITY_ORDER)
    page = f"""<!DOCTYPE html>
<html lang="{'en' if en else 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}"><meta name="generator" content="gipcheck">
<title>{_e(t('title'))}</title><style>{_CSS}</style></head><body><main>
<h1>{_e(t('title'))}</h1>
<p>{_e(t('reports'))}：{len(rows)} · {counts}</p>
<h2 id="h-chart">{_e(t('chart'))}</h2>{chart}
<h2 id="h-reports">{_e(t('reports'))}</h2>
<div class="filters" role="search">
<label>{_e(t('filter_agency'))}<input id="f-agency" type="search"></label>
<label>{_e(t('filter_year'))}<select id="f-year"><option value="">{_e(t('all'))}</option>{options_year}</select></label>
<label>{_e(t('filter_severity'))}<select id="f-severity"><option value="">{_e(t('all'))}</option>{options_sev}</select></label>
<label>{_e(t('filter_rule'))}<select id="f-rule"><option value="">{_e(t('all'))}</option>{options_rule}</select></label>
<span id="shown" aria-live="polite" data-template="{_e(_T['shown'][1 if en else 0])}"></span></div>
<table id="reports" class="sortable"><thead><tr><th scope="col">{_e(t('agency'))}</th><th scope="col">{_e(t('year'))}</th>
<th scope="col">{_e(t('era'))}</th><th scope="col">{_e(t('kind'))}</th>{sev_head}<th scope="col">{_e(t('top'))}</th>
<th scope="col">{_e(t('open'))}</th></tr></thead><tbody>{''.join(body_rows)}</tbody></table>
<h2 id="h-rules">{_e(t('rules'))}</h2>
<table id="rules" class="sortable"><thead><tr><th scope="col">{_e(t('code'))}</th><th scope="col">{_e(t('name'))}</th>
<th scope="col">{_e(t('about'))}</th><th scope="col">{_e(t('failing'))}</th><th scope="col">{_e(t('count'))}</th></tr></thead>
<tbody>{rule_body}</tbody></table>
<footer>{_e(t('generated', version=__version__))}</footer>
</main><script>{_JS}</script></body></html>"""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(page)
    return written


def _chart(results, en: bool) -> str:
    """An inline SVG bar chart: findings per family (errors and warnings and notes together)."""
    per: Counter = Counter()
    for r in results:
        for f in r.findings:
            if len(f.code) > 3 and f.code[3].isdigit():
                per[int(f.code[3])] += 1
    fams = sorted(FAMILIES)
    top = max(per.values(), default=0) or 1
    bar_h, gap, label_w, width = 22, 8, 130, 520
    height = len(fams) * (bar_h + gap) + gap
    parts = []
    for i, fam in enumerate(fams):
        y = gap + i * (bar_h + gap)
        w = int((width - label_w - 60) * per[fam] / top)
        name = FAMILIES[fam][1 if en else 0]
        parts.append(f"<text x='{label_w - 6}' y='{y + 15}' text-anchor='end'>{html.escape(name)}</text>"
                     f"<rect class='bar' x='{label_w}' y='{y}' width='{w}' height='{bar_h}' data-family='{fam}'>"
                     f"<title>{html.escape(name)}: {per[fam]}</title></rect>"
                     f"<text x='{label_w + w + 6}' y='{y + 15}'>{per[fam]}</text>")
    return (f"<svg class='chart' role='img' aria-labelledby='h-chart' width='{width}' height='{height}'"
            f" viewBox='0 0 {width} {height}'>{''.join(parts)}</svg>")
