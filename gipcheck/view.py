"""What gipcheck read from a report, as plain data for the HTML report and the web page: the
profile and year it chose and why, and the standard tables as grids (every cell with its kind and
its place in the text). Built only when asked for (``Linter(keep_view=True)``); JSON-safe, so a
cached result carries it too."""

from __future__ import annotations

YEAR_SOURCES = {  # ReportYear.source -> (Chinese, English)
    "title": ("标题", "the title"),
    "preamble": ("引言", "the introduction"),
    "period": ("统计期限", "the statistics period"),
    "body": ("正文第一部分", "the opening of part one"),
    "majority": ("正文中出现最多的年份", "the year most often named in the text"),
    "signature": ("落款日期", "the date under the signature"),
}


def _span(facts, start: int, end: int) -> dict:
    line, column = facts.position(start)
    end_line, end_column = facts.position(max(end, start))
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def _choice(facts, lang: str) -> dict:
    """The profile and year, and why (what the summary of the HTML report says)."""
    en = lang == "en"
    profile = facts.profile
    year = facts.report_year
    out: dict = {"profile": profile.id, "profile_name": profile.name_en if en and profile.name_en else profile.name,
                 "year": year.year if year else None}
    if year is not None:
        where = YEAR_SOURCES.get(year.source, (year.source, year.source))[1 if en else 0]
        out["year_place"] = _span(facts, year.start, year.end)
        out["year_reason"] = (f"{year.year}, read from {where} (line {out['year_place']['line']})" if en else
                              f"{year.year} 年，取自{where}（第 {out['year_place']['line']} 行）")
    else:
        out["year_reason"] = ("no report year in the title, introduction or statistics period" if en
                              else "标题、引言和统计期限中都没有找到报告年度")
    if profile.year_from and profile.year_to:
        span = f"{profile.year_from}–{profile.year_to}" + ("" if en else " 年度")
    elif profile.year_from:
        span = f"{profile.year_from}+" if en else f"{profile.year_from} 年度起"
    elif profile.year_to:
        span = f"–{profile.year_to}" if en else f"{profile.year_to} 年度及以前"
    else:
        span = ""
    if facts.profile_override and facts.profiles.get(facts.profile_override) is profile:
        reason = ("chosen with --profile or in the configuration" if en else "由 --profile 或配置文件指定")
    elif facts.profile_inferred:
        reason = ("no year given; the tables use this format's row names" if en
                  else "报告未写年度，表格使用了该格式的栏目名称，按该格式检查")
    elif year is not None:
        reason = (f"the format in force for {year.year}" + (f" (reports of {span})" if span else "") if en else
                  f"{year.year} 年度报告适用的格式" + (f"（适用于 {span}）" if span else ""))
    else:
        reason = "the newest format, for want of a year" if en else "无法确定年度，按最新格式检查"
    out["profile_reason"] = reason
    return out


def _cell(facts, cell) -> dict:
    return {"raw": cell.raw, "kind": cell.kind, **_span(facts, cell.start, cell.end)}


def _table(facts, read, lang: str) -> dict:
    spec = read.spec
    en = lang == "en"
    blocks = ([(b.caption, b.columns, b.rows) for b in spec.blocks] if spec.blocks
              else [("", spec.columns, spec.rows)])
    missing = {r.id for r in read.missing}
    out_blocks = []
    for caption, columns, rows in blocks:
        out_rows = []
        for rspec in rows:
            got = read.rows.get(rspec.id)
            row: dict = {"id": rspec.id, "label": rspec.label, "group": rspec.group or ""}
            if got is None:
                if rspec.optional and rspec.id not in missing:
                    continue  # an optional row the report does not use
                row["status"] = "missing" if rspec.id in missing else "absent"
                row["cells"] = None
            else:
                row["status"] = ("unaligned" if got.cells is None else "uncertain" if got.uncertain else "read")
                row["problem"] = got.problem or ""
                row["found"] = got.found
                if got.label is not None:
                    row["label_place"] = _span(facts, got.label.start, got.label.end)
                row["cells"] = [_cell(facts, c) for c in got.cells] if got.cells is not None else None
            out_rows.append(row)
        out_blocks.append({"caption": caption, "columns": [c.label for c in columns], "rows": out_rows})
    return {"id": spec.id, "number": spec.number, "name": spec.name_en if en and spec.name_en else spec.name,
            "found": read.found, "section_found": read.section_found, "empty": read.empty,
            "flat": spec.flat, "unplaced": read.unplaced, "blocks": out_blocks}


def build_view(facts, doc, lang: str = "zh") -> dict:
    """The view of one checked document (see the module docstring)."""
    view: dict = {"format": doc.format, "encoding": doc.encoding}
    try:
        view.update(_choice(facts, lang))
    except Exception:  # noqa: BLE001 - informational: a view never fails a run
        pass
    tables = []
    try:
        for spec in facts.profile.tables:
            tables.append(_table(facts, facts.tables[spec.id], lang))
    except Exception:  # noqa: BLE001 - a table that cannot be shown is left out, the findings stay
        pass
    view["tables"] = tables
    return view
