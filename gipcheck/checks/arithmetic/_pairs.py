"""Helpers of the rules that compare two reports of one agency (gipcheck/collection.py)."""

from __future__ import annotations

from ._common import _fmt


def across_identities(pair, kind: str):
    """(table spec, identity) of the later report's profile for one cross-year ``kind`` that the
    earlier report's profile has too (a 2019-format table 二 has no 现行有效件数: its column of
    the same id means something else), for reports of consecutive years."""
    later, earlier = pair.later.profile, pair.earlier.profile
    if later is None or earlier is None or not pair.consecutive:
        return
    theirs = {(t.id, i.id, i.kind) for t in earlier.tables for i in t.identities}
    for table in later.tables:
        for ident in table.identities:
            if ident.kind == kind and (table.id, ident.id, ident.kind) in theirs:
                yield table, ident


def label(table, rid: str) -> str:
    spec = table.row(rid)
    if spec is None:
        for block in table.blocks:
            spec = next((r for r in block.rows if r.id == rid), spec)
    return spec.label if spec is not None else rid


def column_label(table, cid: str) -> str:
    spec = table.column(cid)
    if spec is None:
        for block in table.blocks:
            spec = next((c for c in block.columns if c.id == cid), spec)
    return spec.label if spec is not None else cid


# how a report is named by its year in the pair rules' messages
YEAR_MESSAGES = {"year": ("{year}年", "{year}"), "unknown": ("另一年度", "the other year")}


def year_name(report, lang: str) -> str:
    zh, en = YEAR_MESSAGES["year" if report.year else "unknown"]
    return (en if lang == "en" else zh).format(year=report.year)


__all__ = ["across_identities", "label", "column_label", "year_name", "_fmt"]
