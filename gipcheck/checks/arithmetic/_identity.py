"""The identity engine: table identities (勾稽关系) as data, checked column- or row-wise."""

from __future__ import annotations

from typing import ClassVar

from ..base import Rule
from ..tables._common import outdated, short
from ._common import _fmt

_EPS = 1e-6


# How the identity messages name their terms (the template's words, in both languages).
TERM_MESSAGES = {
    "many": "{first} … {last}（{count}项）",
    "flat": "表{table}“{column}”",
    "row": "表{table}“{row}”行",
    "cell": "{row}：{value}",
}


def _row_name(ctx, spec) -> str:
    """"一、本年新收政府信息公开申请数量" → "一、本年新收"."""
    subject = ctx.profile.wording.label_subject
    return short(ctx, (spec.label.split(subject)[0] if subject else spec.label) or spec.label, 14)


class IdentityRule(Rule):
    """Base of the identity rules: checks the identities whose id is in ``identities``."""

    identities: ClassVar[tuple[str, ...]] = ()

    def _specs(self, ctx):
        if outdated(ctx):
            return
        for table in ctx.facts.tables.values():
            for ident in table.spec.identities:
                if ident.id in self.identities:
                    yield table, ident

    def check(self, ctx):
        for table, ident in self._specs(ctx):
            if ident.kind == "columns":
                yield from self._columns(ctx, table, ident)
            else:
                yield from self._rows(ctx, table, ident)

    # Σ left rows = Σ right rows, for every column
    def _columns(self, ctx, table, ident):
        rows = table.rows

        def present(rid):
            r = rows.get(rid)
            return r is not None and r.cells is not None

        needed = [rid for rid in ident.left + ident.right if not table.spec.row(rid).optional
                  and not any(rid in o.replaces and present(o.id) for o in table.spec.rows if o.optional)]
        if not all(present(r) for r in needed):
            return  # a missing or misaligned row: GIP402/GIP403 say so
        used = [rid for rid in ident.left + ident.right if present(rid)]
        uncertain = any(rows[r].uncertain for r in used)
        implied = self._implied_totals(table)
        for i, col in enumerate(table.spec.columns):
            left = [(rid, rows[rid].cells[i]) for rid in ident.left if present(rid)]
            right = [(rid, rows[rid].cells[i]) for rid in ident.right if present(rid)]

            def value(rid, cell, i=i):
                # a blank total is GIP504's finding; here it stands for the sum of its row
                return implied.get(rid, cell.number) if i == implied.get("_col") else cell.number

            if any(c.kind == "text" or value(r, c) is None for r, c in left + right):
                continue  # a cell that is not a number (GIP404 says so): this column cannot be added up
            lsum = sum(value(r, c) for r, c in left)
            rsum = sum(value(r, c) for r, c in right)
            if abs(lsum - rsum) <= _EPS or uncertain:
                continue
            anchor = left[-1][1] if len(left) == 1 else right[0][1]
            # every cell of the identity, so an editor can show where the sums come from
            cells = [(c.start, c.end, TERM_MESSAGES["cell"].format(row=_row_name(ctx, table.spec.row(r)),
                                                                   value=_fmt(value(r, c))))
                     for r, c in left + right if c is not anchor]
            terms = lambda side: " + ".join(_row_name(ctx, table.spec.row(r)) for r, _ in side)
            values = lambda side, i=i: " + ".join(_fmt(value(r, c)) for r, c in side)
            finding = ctx.report(
                "columns", anchor.start, anchor.end, table=table.spec.number, column=col.label,
                left=terms(left), lsum=_fmt(lsum), right=terms(right) if len(right) <= 4 else
                TERM_MESSAGES["many"].format(first=_row_name(ctx, table.spec.row(right[0][0])),
                                             last=_row_name(ctx, table.spec.row(right[-1][0])), count=len(right)),
                rsum=_fmt(rsum), identity=ident.name, fingerprint_extra=f"{ident.id}:{col.id}", related=cells)
            # the sums written out, for the HTML report and the Word comments
            finding.extra["computation"] = (f"{terms(left)} = {values(left)} = {_fmt(lsum)} ≠ "
                                            f"{terms(right)} = {values(right)} = {_fmt(rsum)}")
            yield finding

    @staticmethod
    def _implied_totals(table) -> dict:
        """For rows whose row-total cell is blank: the sum of the row's parts ({row id: sum}, None
        when a part is not a number), plus the total column's index under "_col"."""
        ident = next((i for i in table.spec.identities if i.kind == "rows" and i.total == table.spec.row_total), None)
        if ident is None:
            return {}
        cols = {c.id: i for i, c in enumerate(table.spec.columns)}
        out: dict = {"_col": cols[ident.total]}
        for row in table.rows.values():
            if row.cells is not None and row.cells[cols[ident.total]].kind == "blank":
                parts = [row.cells[cols[p]] for p in ident.parts]
                # (None: a part is not a number, so neither is the sum it stands for)
                out[row.spec.id] = None if any(c.kind == "text" for c in parts) else sum(c.number for c in parts)
        return out

    # the total column = Σ part columns, in every row
    def _rows(self, ctx, table, ident):
        cols = {c.id: i for i, c in enumerate(table.spec.columns)}
        for row in table.rows.values():
            if row.cells is None or row.uncertain:
                continue
            total = row.cells[cols[ident.total]]
            parts = [row.cells[cols[p]] for p in ident.parts]
            psum = sum(c.number for c in parts)
            if any(c.kind == "text" for c in parts + [total]):
                continue  # GIP404 reports the cell
            where = (TERM_MESSAGES["flat"].format(table=table.spec.number, column=table.spec.column(ident.total).label)
                     if table.spec.flat else TERM_MESSAGES["row"].format(table=table.spec.number,
                                                                         row=_row_name(ctx, row.spec)))
            if total.kind in ("blank", "placeholder"):
                if abs(psum) > _EPS and "blank" in self.messages:
                    yield ctx.report("blank", total.start, total.end, where=where, sum=_fmt(psum),
                                     fingerprint_extra=f"{ident.id}:{row.spec.id}:{ident.total}")
                continue
            if "rows" in self.messages and abs(total.number - psum) > _EPS:
                names = {i: table.spec.column(p).label for i, p in enumerate(ident.parts)}
                finding = ctx.report("rows", total.start, total.end, where=where, total=_fmt(total.number),
                                 sum=_fmt(psum), parts=" + ".join(_fmt(c.number) for c in parts),
                                 identity=ident.name, fingerprint_extra=f"{ident.id}:{row.spec.id}:{ident.total}",
                                 related=[(c.start, c.end, TERM_MESSAGES["cell"].format(row=names[i], value=_fmt(c.number)))
                                          for i, c in enumerate(parts)])
                finding.extra["computation"] = (f"{table.spec.column(ident.total).label} = {_fmt(total.number)} ≠ "
                                                f"{' + '.join(names.values())} = "
                                                f"{' + '.join(_fmt(c.number) for c in parts)} = {_fmt(psum)}")
                yield finding


COLUMNS_MESSAGE = ("表{table}“{column}”列不平衡：{left} = {lsum}，{right} = {rsum}（勾稽关系：{identity}）",
                "table {table}, column '{column}' does not balance: {left} = {lsum}, {right} = {rsum}"
                " (identity: {identity})")
