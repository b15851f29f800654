"""Checks across reports: consecutive years of one agency, and copies between agencies.

Linting a folder (or one report with ``--previous FILE``) keeps, for every report, a small
*summary* built from its facts (:func:`summarize`; JSON data, cached with the result): the
agency and year, the table cells the cross-year identities read (with their places), the prose
figures that restate them, the words that explain a legitimate difference, the report's sentence
keys (hashed) and a MinHash of them. A :class:`Collection` takes the summaries one at a time —
never the documents — and afterwards gives the findings that need two reports:

- the cross-year identities of the profiles (``kind: across`` — I-5, GIP521; ``kind: stock`` —
  I-12, GIP522) and prose that restates last year's figures (GIP523), for every pair of reports of
  one agency for consecutive years (or the explicit ``--previous`` pair);
- 雷同 against the agency's own previous report (GIP604, as ``--compare`` gives it);
- near-duplicate reports of *different* agencies (GIP607), found with MinHash LSH (datasketch) on
  the sets of sentence keys, so that ten thousand reports compare in seconds, then confirmed on
  the exact sets.

Pair rules are rules like the others (code, messages, options, docs, select/ignore); their
``check`` finds nothing in one report, and ``check_pair`` (or ``check_similar``) does the work.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .checks.base import Finding

SUMMARY_VERSION = 1
NUM_PERM = 128


# -- the summary of one report -----------------------------------------------------------------------

def _span(facts, start: int, end: int) -> list[int]:
    line, column = facts.position(start)
    end_line, end_column = facts.position(max(end, start))
    return [line, column, end_line, end_column]


def _cross_rows(facts) -> dict[str, set[str]]:
    """{table id: row ids} that any profile's cross-year identity reads (whatever this report's
    era: the pair's later report decides which identity applies)."""
    need: dict[str, set[str]] = {}
    for profile in facts.profiles.profiles.values():
        for table in profile.tables:
            for ident in table.identities:
                if ident.kind == "across":
                    need.setdefault(table.id, set()).update(ident.left + ident.right)
                elif ident.kind == "stock":
                    need.setdefault(table.id, set()).update(ident.rows)
    return need


def _legitimate_words(facts) -> tuple[str, ...]:
    words: list[str] = []
    for profile in facts.profiles.profiles.values():
        for table in profile.tables:
            for ident in table.identities:
                words.extend(w for w in ident.legitimate if w not in words)
    return tuple(words)


def sentence_hashes(folded: str) -> list[str]:
    from .facts.sentences import sentence_keys

    return [hashlib.blake2b(k.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest() for k in sentence_keys(folded)]


def _legitimate_subjects(facts) -> tuple[str, ...]:
    """The row labels of the stock identities (规章, 行政规范性文件 …): a legitimate-difference word
    counts only in a sentence about one of them."""
    out: list[str] = []
    for profile in facts.profiles.profiles.values():
        for table in profile.tables:
            for ident in table.identities:
                for rid in ident.rows:
                    for block in table.blocks or ():
                        for r in block.rows:
                            if r.id == rid:
                                out.extend(x for x in (r.label, *r.variants) if x not in out)
    return tuple(out)


# years read from these places are good enough to pair reports on (not a majority of the years
# named in the body, or a year guessed from the signature's date)
STRONG_YEAR_SOURCES = ("title", "preamble", "period")


def summarize(facts, doc=None) -> dict:
    """The summary of one checked report (see the module docstring)."""
    from .facts.agency import find_agency
    from .textutil import SENTENCE_END

    out: dict = {"v": SUMMARY_VERSION, "profile": facts.profile.id, "era": facts.profile.template.era}
    native: dict = {}  # "line:column" → the place in the original file (page, paragraph, table cell)

    def span(start: int, end: int) -> list[int]:
        place = _span(facts, start, end)
        if doc is not None and doc.segments:
            where = doc.native(start)
            if where:
                native[f"{place[0]}:{place[1]}"] = where
        return place

    agency = find_agency(facts)
    if agency is not None:
        out["agency"] = {"name": agency.name, "key": agency.key, "source": agency.source,
                         "qualified": agency.qualified, "place": span(agency.start, agency.end)}
    year = facts.report_year
    if year is not None:
        out["year"] = year.year
        out["year_source"] = year.source
        out["year_place"] = span(year.start, year.end)
    tables: dict = {}
    uncertain: dict = {}
    for tid, rows in _cross_rows(facts).items():
        read = facts.tables.get(tid)
        if read is None:
            continue
        for rid in rows:
            row = read.rows.get(rid)
            if row is None or row.cells is None:
                continue
            cols = read.columns_of(rid)
            cells = {}
            for spec, cell in zip(cols, row.cells):
                if cell.kind in ("int", "decimal"):  # a blank or "—" is no figure to carry over
                    cells[spec.id] = [cell.number, cell.raw, *span(cell.start, cell.end)]
            tables.setdefault(tid, {})[rid] = cells
            if row.uncertain:
                uncertain.setdefault(tid, []).append(rid)
    out["tables"] = tables
    out["uncertain"] = uncertain
    # prose that restates a figure of table 三 (the profile's prose patterns), one value per row
    prose: dict = {}
    t3 = next((t for t in facts.profile.tables if t.id == "t3"), None)
    if t3 is not None and facts.tables.get("t3") is not None:
        text = facts.folded
        for figure in t3.prose:
            hits = [h for node in facts.tree.paragraphs() for h in figure.matches(text, node.start, node.end)]
            if len({h[2] for h in hits}) == 1:
                s, e, value = hits[0]
                prose[figure.row] = [value, figure.name, *span(s, e)]
    out["prose"] = prose
    words = {}
    folded = facts.folded
    subjects = _legitimate_subjects(facts)
    legitimate = _legitimate_words(facts)
    for node in facts.tree.paragraphs():
        seg = folded[node.start:node.end]
        if not any(w in seg for w in legitimate):
            continue
        pos = 0
        for m in list(SENTENCE_END.finditer(seg)) + [None]:
            end = m.end() if m is not None else len(seg)
            sentence = seg[pos:end]
            if any(x in sentence for x in subjects):  # "修订" of a 规范性文件, not of 《条例》
                for w in legitimate:
                    i = sentence.find(w)
                    if i >= 0 and w not in words:
                        words[w] = span(node.start + pos + i, node.start + pos + i + len(w))
            pos = end
    out["words"] = words
    # the prose only: every report of one format shares the tables' labels
    prose_text = "\n".join(folded[n.start:n.end] for n in facts.tree.paragraphs() if n.kind == "paragraph")
    out["sentences"] = sentence_hashes(prose_text)
    if native:
        out["native"] = native
    import sys

    if "datasketch" in sys.modules:  # a large collection (the parent imported it before forking):
        # the MinHash of the sentences is made here, in the worker process, for the LSH index
        out["minhash"] = [int(v) for v in minhash(out["sentences"]).hashvalues]
    return out


_PERMUTATIONS: list = []


def minhash(hashes: list[str]):
    """The MinHash of a report's sentence keys (the permutations made once per process)."""
    from datasketch import MinHash

    if not _PERMUTATIONS:
        first = MinHash(num_perm=NUM_PERM, seed=7)
        _PERMUTATIONS.append((first.permutations, first.scheme))
    permutations, scheme = _PERMUTATIONS[0]
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=permutations, scheme=scheme)
    if hashes:
        m.update_batch([h.encode("ascii") for h in set(hashes)])
    return m


def _from_values(values):
    """A MinHash rebuilt from the hash values a worker made (None when there are none)."""
    from datasketch import MinHash

    if not values or len(values) != NUM_PERM:
        return None
    minhash([])  # the shared permutations and their scheme
    permutations, scheme = _PERMUTATIONS[0]
    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=values, permutations=permutations, scheme=scheme)


# -- the pairs -----------------------------------------------------------------------------------------

@dataclass
class Report:
    """One report of the collection, as the pair rules see it."""

    path: str
    summary: dict
    profile: object = None  # the Profile of the report (from the linter's profiles)

    @property
    def year(self) -> int | None:
        return self.summary.get("year")

    @property
    def agency(self) -> dict | None:
        return self.summary.get("agency")

    @property
    def pairable(self) -> bool:
        """Good enough to pair automatically: a name that tells the agency apart, and a year read
        from the title, introduction or statistics period."""
        a = self.agency
        return bool(a and a.get("qualified") and self.year and self.summary.get("year_source") in STRONG_YEAR_SOURCES)

    def cell(self, table: str, row: str, col: str) -> list | None:
        return ((self.summary.get("tables") or {}).get(table) or {}).get(row, {}).get(col)

    def uncertain(self, table: str, row: str) -> bool:
        return row in ((self.summary.get("uncertain") or {}).get(table) or [])


@dataclass
class PairContext:
    """What a pair rule sees: the earlier and the later report, its options and a way to report
    at a place of either report (with the other report's place attached)."""

    earlier: Report
    later: Report
    rule: type
    lang: str = "zh"
    options: dict = field(default_factory=dict)
    explicit: bool = False  # paired by --previous, not by agency and year
    collection: object = None

    @property
    def consecutive(self) -> bool:
        """The later report's year follows the earlier's (or a year is unknown, for an explicit
        pair): the identities across years apply."""
        a, b = self.earlier.year, self.later.year
        if a and b:
            return b == a + 1
        return self.explicit

    def text(self, key: str, **args) -> str:
        zh, en = self.rule.messages[key]
        return (en if self.lang == "en" else zh).format(**args)

    def report(self, key: str, report: Report, place: list, *, against: Report | None = None,
               against_place: list | None = None, severity: str | None = None, fingerprint_extra: str = "",
               related=(), **args) -> Finding:
        """A finding of message ``key`` in ``report`` at ``place`` ([value, raw, line, col, end_line,
        end_col] of a cell, or [line, col, end_line, end_col]); ``against``/``against_place``: the
        place in the other report it refers to (``extra["other"]``)."""
        message = self.text(key, **args)
        line, col, end_line, end_col = (place[-4:] if place else [1, 1, 1, 1])
        raw = str(place[1]) if place and len(place) == 6 else ""
        basis = "\x1f".join((self.rule.code, key + fingerprint_extra, raw or message))
        f = Finding(self.rule.code, self.rule.name, severity or self.rule.default_severity, message, report.path,
                    int(line), int(col), int(end_line), int(end_col), raw,
                    hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16])
        where = (report.summary.get("native") or {}).get(f"{int(line)}:{int(col)}")
        if where:  # the page, paragraph or table cell in the original file
            f.extra.update(where)
        if against is not None:
            o = against_place[-4:] if against_place else [1, 1, 1, 1]
            f.extra["other"] = {"path": against.path, "line": int(o[0]), "column": int(o[1]), "end_line": int(o[2]),
                                "end_column": int(o[3]), "year": against.year}
        places = [{"line": int(p[-4]), "column": int(p[-3]), "end_line": int(p[-2]), "end_column": int(p[-1]),
                   "message": note} for p, note in related]
        if places:
            f.extra["related"] = places
        return f


def _anchor(report: Report) -> list:
    """Where a finding about a whole report points: the agency's name, else its year."""
    agency = report.agency
    if agency and agency.get("place"):
        return agency["place"]
    return report.summary.get("year_place") or [1, 1, 1, 1]


class Collection:
    """Summaries in, cross-report findings out (see the module docstring).

    ``add`` keeps the summary of a report (its sentence hashes only while they are needed for
    the near-duplicate check); ``findings`` pairs the reports and compares them, and returns
    {path: [findings]}. ``previous``: explicit pairs {later path: earlier path} (``--previous``).
    """

    # up to this many reports, every pair is compared exactly (no LSH, no datasketch import)
    EXACT_UP_TO = 400

    def __init__(self, linter, previous: dict[str, str] | None = None, expected: int | None = None):
        self.linter = linter
        self.lang = linter.lang
        self.previous = dict(previous or {})
        self.reports: dict[str, Report] = {}
        self.selected = {r.code for r in linter.rules}
        self.pair_rules = [r for r in linter.rules if hasattr(r, "check_pair")]
        self.similar_rules = [r for r in linter.rules if hasattr(r, "check_similar")]
        self._lsh = None
        self._candidates: set[tuple[str, str]] = set()
        self.frequency: dict[str, int] = {}  # sentence hash → reports holding it
        self._common: tuple[int, set] | None = None
        self.use_lsh = expected is None or expected > self.EXACT_UP_TO
        if self.similar_rules and self.use_lsh:
            try:  # imported before the runner forks its workers, which then make the MinHashes
                minhash([])
            except ImportError:  # without datasketch, every pair is compared
                self.use_lsh = False
        self._sets: dict[str, frozenset] = {}

    def add(self, path: str, summary: dict | None) -> None:
        if not summary or summary.get("v") != SUMMARY_VERSION or path in self.reports:
            return  # the same file given twice is one report
        for h in set(summary.get("sentences") or ()):
            self.frequency[h] = self.frequency.get(h, 0) + 1
        profile = self.linter.profiles.get(summary.get("profile") or "")
        self.reports[path] = Report(path, summary, profile)
        if self.similar_rules and self.use_lsh and summary.get("sentences"):
            if self._lsh is None:
                from datasketch import MinHashLSH

                threshold = min(r_opts.get("threshold", 0.8) for r_opts in
                                (self.linter.rule_options.get(r.code, {}) for r in self.similar_rules))
                # bands weighted against misses (at the default 0.6: 25 bands of 5 rows, so a pair
                # at the threshold collides with probability 0.87, at 0.7 with 0.99, while two
                # reports sharing only a template's sentences, J ≈ 0.2, collide with 0.5 %); every
                # candidate is then checked exactly
                self._lsh = MinHashLSH(threshold=max(min(threshold, 0.9), 0.1), num_perm=NUM_PERM,
                                       weights=(0.1, 0.9))
            m = _from_values(summary.pop("minhash", None)) or minhash(summary["sentences"])
            # the reports already in the index that collide with this one: each candidate pair is
            # found when its second report arrives, and no MinHash is kept afterwards
            for other in self._lsh.query(m):
                if other != path:
                    self._candidates.add((other, path) if other < path else (path, other))
            self._lsh.insert(path, m)
        else:
            summary.pop("minhash", None)

    # -- pairing ---------------------------------------------------------------------------------
    def pairs(self) -> list[tuple[Report, Report, bool]]:
        """(earlier, later, explicit): reports of one agency for consecutive years, one report per
        agency and year (two files of one agency and year are not paired: which one is meant?),
        and the ``--previous`` pairs."""
        out = []
        explicit_later = set()
        for later, earlier in self.previous.items():
            if later in self.reports and earlier in self.reports:
                out.append((self.reports[earlier], self.reports[later], True))
                explicit_later.add(later)
        groups: dict[str, dict[int, list[Report]]] = {}
        for r in self.reports.values():
            if r.pairable and r.path not in explicit_later:
                groups.setdefault(r.agency["key"], {}).setdefault(r.year, []).append(r)
        for years in groups.values():
            for year, reports in sorted(years.items()):
                nxt = years.get(year + 1)
                if len(reports) == 1 and nxt is not None and len(nxt) == 1:
                    out.append((reports[0], nxt[0], False))
        return out

    def findings(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}

        def add(f: Finding) -> None:
            out.setdefault(f.path, []).append(f)

        for earlier, later, explicit in self.pairs():
            for rule in self.pair_rules:
                ctx = PairContext(earlier, later, rule, self.lang, self.linter.rule_options.get(rule.code, {}), explicit,
                                  self)
                self._run(lambda r=rule, c=ctx: r().check_pair(c), rule, later, add)
        for rule in self.similar_rules:
            opts = self.linter.rule_options.get(rule.code, {})
            self._run(lambda r=rule, o=opts: r().check_similar(self, o), rule, None, add)
        return out

    def common(self) -> set[str]:
        """Sentences that many reports of the collection share (boilerplate of a template or a
        province: at least 3 reports and 5 % of them): they say nothing about copying. (Made
        once, after the last report is in.)"""
        n = len(self.reports)
        if self._common is None or self._common[0] != n:
            least = max(3, int(0.05 * n))
            self._common = (n, {h for h, k in self.frequency.items() if k >= least} if n >= 3 else set())
        return self._common[1]

    def _run(self, call, rule, report, add) -> None:
        """A rule across reports that fails is a GIP009 finding (never a traceback)."""
        try:
            for f in call() or ():
                add(f)
        except Exception as exc:  # noqa: BLE001 - one rule's bug must not lose the run's output
            crash = self.linter.by_code.get("GIP009")
            target = report or next(iter(self.reports.values()), None)
            if crash is None or target is None:
                return
            ctx = PairContext(target, target, crash, self.lang)
            add(ctx.report("crash", target, _anchor(target), rule=f"{rule.code} {rule.name}",
                           error=f"{type(exc).__name__}: {exc}", fingerprint_extra=rule.code))

    def sentence_set(self, path: str) -> frozenset:
        """The report's own sentence keys: a set, without the sentences many reports share (made
        once, after the last report is in)."""
        got = self._sets.get(path)
        if got is None:
            got = self._sets[path] = frozenset(self.reports[path].summary.get("sentences") or ()) - self.common()
        return got

    def candidates(self) -> list[tuple[str, str]]:
        """Pairs of reports to compare: those whose MinHash signatures collide in the LSH index,
        or, in a small collection, every pair (each pair once)."""
        if not self.use_lsh:
            import itertools

            paths = sorted(p for p, r in self.reports.items() if r.summary.get("sentences"))
            return list(itertools.combinations(paths, 2))
        return sorted(self._candidates)
