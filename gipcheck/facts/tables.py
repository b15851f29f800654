"""Reading the standard tables (二/三/四) by their template, whatever the layout.

The region of a table (its section, else the whole text) is cut into *lines of cells*:
pipe rows (with or without edge pipes), one cell per line ending in " |", tab-separated
rows, and space-separated PDF text where a label is followed by its numbers. Label-only
lines are kept as fragments, so a label broken over two or three lines joins the numbers
that follow it. The lines become *candidate rows* (label cells + value cells), which are
matched to the template's rows by label (folded, punctuation-free, by prefix or truncated
prefix, or as a fragment of the label). Rows left without a label are matched to the
template rows left without data only when their numbers agree exactly; such rows are marked
``uncertain`` and no arithmetic finding is built on them.

The result is a typed grid: every cell with its kind (int, decimal, blank, placeholder or
text), its value and its exact span in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import rx
from ..parse import CHROME_LINE, PAGE_MARK
from ..profiles import RowSpec, TableSpec
from ..textutil import MAX_DIGITS, fold, fold_label

_NUM = rx.compile(r"^([+\-−－]?)(\d+(?:\.\d+)?)(元|万元|件|个|项|条)?$")
_PLACEHOLDER = frozenset(["/", "-", "—", "－", "——", "--", "无", "\\", "／", "–"])
_MD_RULE = rx.compile(r"^\|?\s*:?-{3,}")
_PUNCT = rx.compile(r"[\W_]+")
_NUMBERING = rx.compile(r"^(?:[一二三四五六七八九十]+|\d+)")


@dataclass(slots=True)
class Cell:
    raw: str  # the cell as written, stripped
    start: int  # span of the cell in the document (zero-width for an empty cell)
    end: int
    kind: str  # "int", "decimal", "blank", "placeholder", "text"
    value: float | int | None = None  # numbers; 0 for blank and placeholder cells
    unit: str | None = None

    @property
    def is_value(self) -> bool:
        return self.kind != "text"

    @property
    def number(self) -> float | int:
        """The value used in sums: blanks and placeholders count as zero."""
        return self.value if self.value is not None else 0


def read_cell(raw: str, start: int, end: int) -> Cell:
    text = raw.strip()
    if not text:
        return Cell(text, start, end, "blank", 0)
    if len(text) > 40:  # a line of prose read as one cell: not worth keeping
        return _read_cell(text, start, end)
    kind, value, unit = _cell_kind(text)
    return Cell(text, start, end, kind, value, unit)


@lru_cache(maxsize=65536)
def _cell_kind(text: str) -> tuple[str, float | int | None, str | None]:
    """(kind, value, unit) of a stripped, non-empty cell text (pure, and cell texts recur: cached)."""
    cell = _read_cell(text, 0, 0)
    return cell.kind, cell.value, cell.unit


def _read_cell(text: str, start: int, end: int) -> Cell:
    folded = re.sub(r"[\s,，]", "", fold(text))
    if any(ch.isdigit() for ch in folded):
        # punctuation of a wrapped label that a PDF places in the next cell ("、0")
        folded = folded.strip("、。;:")
    if folded in _PLACEHOLDER or text in _PLACEHOLDER:
        return Cell(text, start, end, "placeholder", 0)
    m = _NUM.match(folded)
    if m and sum(ch.isdigit() for ch in m.group(2)) > MAX_DIGITS:
        m = None  # no count or amount has so many digits: the cell is read as text (GIP404)
    if m:
        sign, digits, unit = m.groups()
        value: float | int = float(digits) if "." in digits else int(digits)
        if sign in ("-", "−", "－"):
            value = -value
        return Cell(text, start, end, "decimal" if "." in digits else "int", value, unit)
    return Cell(text, start, end, "text")


def digit_count(text: str) -> int:
    """How many digits the number written in a cell holds (0: not written as a number): what a
    cell read as text because it is too long to be a count or an amount (GIP404) has."""
    folded = re.sub(r"[\s,，]", "", fold(text))
    folded = folded.strip("、。;:") if any(ch.isdigit() for ch in folded) else folded  # as _read_cell
    m = _NUM.match(folded)
    return sum(ch.isdigit() for ch in m.group(2)) if m else 0


@dataclass(slots=True)
class Line:
    cells: list[Cell]
    start: int
    one_cell: bool = False  # the one-cell-per-line layout ("0 |")


def _cells_by(sep: str, text: str, base: int) -> list[tuple[str, int, int]]:
    out = []
    pos = 0
    for part in text.split(sep):
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        s = base + pos + lead
        out.append((stripped, s, s + len(stripped)))
        pos += len(part) + len(sep)
    return out


_ONE_CELL_PADDED = rx.compile(r"[^|]*\|[ \t]*\|{2,}[ \t]*")


def split_lines(text: str, start: int, end: int) -> list[Line]:
    """Cut the region [start, end) of ``text`` into lines of cells."""
    lines: list[Line] = []
    pos = start
    for raw in text[start:end].split("\n"):
        base = pos
        pos += len(raw) + 1
        s = raw.strip()
        if not s or _MD_RULE.match(s) or PAGE_MARK.match(s) or CHROME_LINE.search(s):  # page marks, site furniture
            continue
        lead = len(raw) - len(raw.lstrip())
        if s.startswith("#"):
            s2 = s.lstrip("#").strip()
            lead += len(s) - len(s2)
            s = s2
        s = s.replace("｜", "|")
        if "|" in s:
            if not s.replace("|", "").strip():
                continue  # "||||": the empty cells of a merged header, not data
            parts = _cells_by("|", s, base + lead)
            if s.startswith("|"):
                parts = parts[1:]
                if parts and not parts[-1][0]:
                    parts = parts[:-1]
                one = False
            else:
                # one cell per line: "0 |", also with the padding merged cells leave ("0 | ||")
                one = s.endswith("|") and (s.count("|") == 1 or _ONE_CELL_PADDED.fullmatch(s) is not None)
                if one:
                    parts = parts[:1]
            lines.append(Line([read_cell(t, a, b) for t, a, b in parts], base, one))
        elif "\t" in raw.strip(" \r\u3000"):
            # trailing tabs are blank cells (a blank total at the row's end), not white space
            s = raw.lstrip().rstrip(" \r\u3000")
            lines.append(Line([read_cell(t, a, b) for t, a, b in _cells_by("\t", s, base + lead)], base))
        else:
            tokens = [(m.group(), base + lead + m.start(), base + lead + m.end()) for m in re.finditer(r"\S+", s)]
            cells = [read_cell(t, a, b) for t, a, b in tokens]
            k = len(cells)
            while k > 0 and cells[k - 1].is_value and cells[k - 1].kind != "blank":
                k -= 1
            if k == len(cells):  # no numbers at the end: a label (or prose) line
                lines.append(Line([Cell(s, base + lead, base + lead + len(s), "text")], base))
            else:
                label = []
                if k:
                    a, b = cells[0].start, cells[k - 1].end
                    label = [Cell(text[a:b], a, b, "text")]
                lines.append(Line(label + cells[k:], base))
    return lines


@dataclass(slots=True)
class Candidate:
    labels: list[Cell]
    values: list[Cell]
    fragments: list[Cell] = field(default_factory=list)  # label pieces on lines before

    @property
    def label(self) -> str:
        return self.labels[-1].raw if self.labels else ""

    @property
    def texts(self) -> bool:
        return any(c.kind == "text" for c in self.values)


def candidates(lines: list[Line]) -> list[Candidate]:
    out: list[Candidate] = []
    pending: list[Cell] = []
    cur: Candidate | None = None
    for line in lines:
        if line.one_cell:
            c = line.cells[0]
            if c.kind == "text":
                if cur is not None and not cur.values:
                    cur.labels.append(c)
                else:
                    cur = Candidate([c], [], pending)
                    pending = []
                    out.append(cur)
            else:
                if cur is None:
                    cur = Candidate([], [], pending)
                    pending = []
                    out.append(cur)
                cur.values.append(c)
            continue
        cells = line.cells
        if len(cells) == 1 and cells[0].is_value and cells[0].kind != "blank":
            # one number on a line of its own (cells laid out one per line without pipes)
            if cur is None:
                label = pending[-1:]
                cur = Candidate(label, [], pending[:-1])
                pending = []
                out.append(cur)
            cur.values.append(cells[0])
            continue
        cur = None
        # empty cells left of the labels are the rest of a merged group label ("|  | （二）部分公开 |")
        lead = 0
        while lead < len(cells) - 1 and cells[lead].kind == "blank":
            lead += 1
        if lead and cells[lead].kind == "text":
            cells = cells[lead:]
        k = 0
        # a number too long to be read as one (GIP404) is still a value, not part of the label
        while k < len(cells) and cells[k].kind == "text" and not (k and digit_count(cells[k].raw)):
            k += 1
        labels, values = cells[:k], cells[k:]
        if len(labels) >= 3 and all(c.kind == "blank" for c in values):
            values = []  # "自然人 | 法人或其他组织 | 总计 | |||": a header row with empty merged cells
        if not values:
            if len(labels) >= 2:
                out.append(Candidate(labels, []))  # a header row
                pending = []
            else:
                pending = (pending + labels)[-3:]
            continue
        out.append(Candidate(labels, values, pending))
        pending = []
    return out


@lru_cache(maxsize=4096)
def norm(label: str) -> str:
    """Label for matching: folded, without spaces and punctuation."""
    return _PUNCT.sub("", fold_label(label))


@lru_cache(maxsize=4096)
def core(label: str) -> str:
    return _NUMBERING.sub("", norm(label))


@lru_cache(maxsize=65536)
def label_score(text: str, spec_labels: tuple[str, ...]) -> int:
    """3 exact, 2 prefix either way, 1 same without numbering or a fragment of the label, 0 none.
    (Pure, and the same labels recur in every report: cached.)"""
    a = norm(text)
    if not a:
        return 0
    best = 0
    for t in spec_labels:
        b = norm(t)
        if a == b:
            return 3
        if a.startswith(b) or (b.startswith(a) and len(a) >= min(4, len(b))):
            best = max(best, 2)
            continue
        ca, cb = core(text), core(t)
        if len(ca) >= 3 and ca == cb or len(ca) >= 4 and len(cb) >= 4 and (ca.startswith(cb) or cb.startswith(ca)):
            best = max(best, 2)  # the same label numbered differently ("予以公开" for "（一）予以公开")
        elif len(a) >= 5 and a in b:
            best = max(best, 1)  # a fragment of a label broken over lines or cells
        elif len(a) >= 8 and one_edit(a, b):
            best = max(best, 1)  # the label with a character lost, added or changed (GIP413)
    return best


def one_edit(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ by exactly one character lost, added or changed?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


@dataclass(slots=True)
class RowRead:
    spec: RowSpec
    cells: list[Cell] | None  # exactly one per column, or None when the row cannot be aligned
    label: Cell | None
    uncertain: bool = False
    problem: str | None = None  # "short" / "long" (cell count), "cut" (text ends in the row)
    found: int = 0  # how many value cells were there


@dataclass(slots=True)
class TableRead:
    spec: TableSpec
    start: int
    end: int
    rows: dict[str, RowRead] = field(default_factory=dict)
    missing: list[RowSpec] = field(default_factory=list)
    section_found: bool = False
    section_closed: bool = False  # another section heading follows: the table cannot be cut off
    has_rows_text: bool = False  # the region holds table rows at all (for "not filled in")
    # rows of numbers with no label that could not be placed: the labels of some rows stand
    # apart from their numbers (PDF text), so a row that seems missing may be there
    unplaced: int = 0

    @property
    def empty(self) -> bool:
        """Table rows are there but not one number: the template was not filled in."""
        cells = [c for r in self.rows.values() if r.cells for c in r.cells]
        if cells:
            return all(c.kind == "blank" for c in cells)
        return self.section_found and self.has_rows_text and not self.rows
    @property
    def found(self) -> bool:
        return bool(self.rows)

    def cell(self, row: str, col: str) -> Cell | None:
        r = self.rows.get(row)
        if r is None or r.cells is None:
            return None
        for c, spec in zip(r.cells, self.columns_of(row)):
            if spec.id == col:
                return c
        return None

    def columns_of(self, row: str):
        if self.spec.blocks:
            for b in self.spec.blocks:
                if any(r.id == row for r in b.rows):
                    return b.columns
        return self.spec.columns


def _take(cand: Candidate, n: int) -> tuple[list[Cell] | None, str | None, bool]:
    """The row's ``n`` value cells, a problem ("long"/"short") and whether the placement is
    uncertain. Merged cells leave empty padding in tab, pipe and PDF rows
    ("一、本年新收…\t\t\t26\t\t\t\t\t\t26"): extra cells that are all blank, before and after
    the ``n`` cells, are padding. When several placements are possible, the first is taken and
    marked uncertain (it never feeds an identity)."""
    values = list(cand.values)
    if len(values) < n:
        return None, "short", False
    fits = [k for k in range(len(values) - n + 1)
            if all(c.kind == "blank" for c in values[:k]) and all(c.kind == "blank" for c in values[k + n:])]
    if not fits:
        return None, "long", False
    distinct = {tuple(c.raw for c in values[k:k + n]) for k in fits}
    return values[fits[0]:fits[0] + n], None, len(distinct) > 1


def _region(facts, spec: TableSpec) -> tuple[int, int, bool, bool]:
    """The table's section (to the next section heading); else the whole text, where only
    rows found by their labels are read."""
    blocks = facts.sections.blocks_for(spec.section)
    if blocks:
        heads = facts.tree.sections
        index = {id(h): i for i, h in enumerate(heads)} if len(blocks) > 1 else None
        regions = []
        for b in blocks:
            i = index[id(b)] if index is not None else next(i for i, h in enumerate(heads) if h is b)
            end = heads[i + 1].start if i + 1 < len(heads) else len(facts.text)
            regions.append((b.heading.end, end, True, i + 1 < len(heads)))
        # Two headings may name the section (a report with two numbering series: "三、主动公开
        # 工作情况" and later "一、主动公开政府信息情况"): the table is read where its rows are.
        import bisect

        rows = facts.row_starts
        with_rows = [r for r in regions if bisect.bisect_left(rows, r[0]) < bisect.bisect_left(rows, r[1])]
        return (with_rows or regions)[0]
    return 0, len(facts.text), False, False


def _flat_row_specs(spec: TableSpec) -> list[tuple[RowSpec, int]]:
    if spec.blocks:
        return [(r, len(b.columns)) for b in spec.blocks for r in b.rows]
    return [(r, len(spec.columns)) for r in spec.rows]


def read_table(facts, spec: TableSpec) -> TableRead:
    start, end, section_found, closed = _region(facts, spec)
    table = TableRead(spec, start, end, section_found=section_found, section_closed=closed)
    lines = split_lines(facts.text, start, end)
    cands = candidates(lines)
    table.has_rows_text = any(len(line.cells) > 1 or line.one_cell for line in lines)
    if spec.flat:
        # a row of numbers without labels can only be placed inside its own section
        return _read_flat(table, cands) if section_found else table
    specs = _flat_row_specs(spec)
    assigned: dict[str, tuple[Candidate, bool]] = {}
    orphans: list[Candidate] = []
    stray = 0
    taken = [False] * len(specs)
    ptr = 0
    for cand in cands:
        if not cand.values or cand.texts and not cand.labels:
            continue
        options = []
        for text in _label_texts(cand):
            for j, (rspec, _) in enumerate(specs):
                if taken[j]:
                    continue
                sc = label_score(text, (rspec.label, *rspec.variants))
                if rspec.optional and norm(text) != norm(rspec.label):
                    continue  # "（六）其他处理" stands for its sub-rows only when it is all the label says
                if sc:
                    options.append((sc, 0 if j >= ptr else 1, j))
        if not options:
            if not cand.labels and not cand.fragments:
                orphans.append(cand)
            elif any(c.kind in ("int", "decimal") for c in cand.values):
                stray += 1  # numbers after text that names no row ("（其中修订 16 件）" / "55")
            continue
        options.sort(key=lambda o: (-o[0], o[1], o[2]))
        j = options[0][2]
        taken[j] = True
        _shift_trailing_labels(cand, specs[j][0])
        assigned[specs[j][0].id] = (cand, False)
        ptr = j + 1
    # rows without labels, in order, stand for the template rows left without data, when
    # their numbers are consistent — marked uncertain either way
    left = [j for j, (r, _) in enumerate(specs) if not taken[j] and not r.optional]
    if orphans and len(orphans) == len(left):
        for j, cand in zip(left, orphans):
            taken[j] = True
            assigned[specs[j][0].id] = (cand, True)
    else:
        table.unplaced = len(orphans)
    table.unplaced += stray
    for rspec, n in specs:
        got = assigned.get(rspec.id)
        if got is None:
            if not rspec.optional and not _replaced(rspec, specs, assigned):
                table.missing.append(rspec)
            continue
        cand, uncertain = got
        cells, problem, ambiguous = _take(cand, n)
        label = cand.labels[-1] if cand.labels else (cand.fragments[0] if cand.fragments else None)
        glued = _glued(label, cells)
        table.rows[rspec.id] = RowRead(rspec, cells, label, uncertain or ambiguous or glued, problem,
                                       len(cand.values))
    return table


def _glued(label: Cell | None, cells: list[Cell] | None) -> bool:
    """Cell boundaries were lost: digits stuck to the end of the label ("政府集中采购2510" —
    no row label ends with a digit) or a number with a leading zero ("00元", the tail of a
    number wrapped in a narrow PDF cell). The numbers read may be shifted pieces."""
    if label is not None and label.raw.rstrip()[-1:].isdigit():
        return True
    return any(c.kind == "int" and len(d := c.raw.strip().lstrip("+-")) > 1 and d[0] in "0０" and d[1:2].isdigit()
               for c in cells or ())


def _shift_trailing_labels(cand: Candidate, rspec: RowSpec) -> None:
    """Text cells after the cell holding the row's own label are data cells that are not
    numbers ("行政许可 | 若干 | …"), not more label."""
    names = (rspec.label, *rspec.variants)
    own = [i for i, c in enumerate(cand.labels) if label_score(c.raw, names) >= 2]
    if own and own[-1] < len(cand.labels) - 1:
        k = own[-1] + 1
        cand.values[:0] = cand.labels[k:]
        del cand.labels[k:]


def _replaced(rspec: RowSpec, specs, assigned) -> bool:
    """A row is not missing when an optional row standing for it ("（六）其他处理") is there."""
    return any(r.optional and rspec.id in r.replaces and r.id in assigned for r, _ in specs)


def _label_texts(cand: Candidate) -> list[str]:
    texts = []
    if cand.labels:
        texts.append(cand.labels[-1].raw)
        if len(cand.labels) > 1:
            texts.append("".join(c.raw for c in cand.labels))
    own = "".join(c.raw for c in cand.labels)
    for k in range(1, len(cand.fragments) + 1):  # the label's last pieces, nearest first
        texts.append("".join(c.raw for c in cand.fragments[-k:]) + own)
    return texts


def _read_flat(table: TableRead, cands: list[Candidate]) -> TableRead:
    """Table 四: the 15 numbers in order, from rows that hold numbers only."""
    n = len(table.spec.columns)
    cells: list[Cell] = []
    first_label = None
    ambiguous = False
    for cand in cands:
        if not cand.values or cand.texts or all(c.kind == "blank" for c in cand.values):
            continue  # header rows and the empty cells of merged headers
        vals = [c for c in cand.values]
        # empty cells around a row's numbers are the padding of merged cells, not data
        # ("| | | 1 | 0 | … | 0 | |")
        if len(cells) + len(vals) > n:
            need = n - len(cells)
            fits = [k for k in range(len(vals) - need + 1)
                    if all(c.kind == "blank" for c in vals[:k])
                    and all(c.kind == "blank" for c in vals[k + need:])]
            if fits:
                # blank cells may be data (zeros left empty) as well as padding: when the
                # numbers could sit in more than one place, the row is not trusted
                ambiguous = ambiguous or len({tuple(c.raw for c in vals[k:k + need]) for k in fits}) > 1
                vals = vals[fits[0]:fits[0] + need]
            else:
                vals = vals[:need] + [c for c in vals[need:] if c.kind != "blank"]
        cells.extend(vals)
        first_label = first_label or (cand.labels[0] if cand.labels else None)
        if len(cells) >= n:
            break
    rspec = table.spec.rows[0]
    if not cells or not any(c.kind in ("int", "decimal") for c in cells):
        table.missing.append(rspec)
        return table
    if len(cells) == n:
        table.rows[rspec.id] = RowRead(rspec, cells, first_label, ambiguous, found=n)
    else:
        table.rows[rspec.id] = RowRead(rspec, None, first_label, problem="short" if len(cells) < n else "long",
                                       found=len(cells))
    return table


def read_tables(facts) -> dict[str, TableRead]:
    return {spec.id: read_table(facts, spec) for spec in facts.profile.tables}
