"""Facts: lazy, cached understanding of a parsed report, shared by all checks.

A check never re-parses text that a fact extractor already understands. Each property is
computed on first use and cached for the lifetime of the :class:`Facts` object (one per
linted document).
"""

from __future__ import annotations

import re
from functools import cached_property

from .. import rx
from ..parse import parse
from ..profiles import Profile, ProfileSet
from ..textutil import LineIndex, Squeezed, fold, squeeze


class Facts:
    def __init__(self, text: str, profiles: ProfileSet, profile_override: str | None = None,
                 references: list[tuple[str, str]] | None = None):
        self.text = text
        self.profiles = profiles
        self.profile_override = profile_override
        self.references = references or []  # (name, text) of other reports to compare with

    # -- structure ---------------------------------------------------------------------
    @cached_property
    def _parsed(self):
        return parse(self.text, self.profiles.vocabulary() if self.profiles is not None else None)

    @property
    def tree(self):
        return self._parsed[0]

    @property
    def tokens(self):
        return self._parsed[1]

    @cached_property
    def row_starts(self) -> list[int]:
        """Where the table rows start, in order (for finding rows in a region by bisection)."""
        return [t.start for t in self.tokens if t.type == "TROW"]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def folded(self) -> str:
        """The whole text with full-width forms folded; same length, so offsets carry over."""
        return fold(self.text)

    @cached_property
    def squeezed(self) -> Squeezed:
        """The whole text folded and without whitespace, for patterns that cross line breaks."""
        return squeeze(self.text, folded=self.folded)

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    # -- year and profile ----------------------------------------------------------------
    @cached_property
    def report_year(self):
        from .year import find_report_year

        return find_report_year(self)

    @cached_property
    def profile(self) -> Profile:
        if self.profile_override:
            p = self.profiles.get(self.profile_override)
            if p is not None:
                return p
        year = self.report_year.year if self.report_year else None
        profile = self.profiles.for_year(year)
        if year is None:
            # no year anywhere: the tables' template tells the era ("本年新制作数量" → 2019 format)
            from .templates import foreign_labels

            found = foreign_labels(self, profile)
            if found:
                era = found[0][0]
                alt = next((p for p in self.profiles.profiles.values()
                            if not p.explicit and p.template.era == era), None)
                if alt is not None:
                    self.profile_inferred = True
                    return alt
        return profile

    profile_inferred = False  # set when the profile was chosen by the tables' template
    # set when the text ends at a sentence end and only the parts never reached say it is cut
    cut_inferred = False

    @cached_property
    def template_signals(self):
        from .templates import find_signals

        return find_signals(self)

    # -- content -------------------------------------------------------------------------
    @cached_property
    def periods(self):
        from .period import find_periods

        return find_periods(self)

    @property
    def period(self):
        """The first statistics-period statement, or None."""
        return self.periods[0] if self.periods else None

    @cached_property
    def malformed_dates(self):
        from .period import find_malformed_dates

        return find_malformed_dates(self)

    @cached_property
    def contact(self):
        from .contact import find_contact

        return find_contact(self)

    @cached_property
    def publication_date(self):
        from .contact import find_publication_date

        return find_publication_date(self)

    @cached_property
    def sections(self):
        from .sections import match_sections

        return match_sections(self)

    @cached_property
    def tables(self):
        """The standard tables of the profile, read by template: {table id: TableRead}."""
        from .tables import read_tables

        return read_tables(self)

    @cached_property
    def claims(self):
        """Numeric claims in the prose: sentences, quantities, breakdowns, rates, shares."""
        from .numbers import find_claims

        return find_claims(self)

    @cached_property
    def declared_parts(self):
        from .sections import find_declared_parts

        return find_declared_parts(self)

    @cached_property
    def truncated_at(self) -> tuple[int, int] | None:
        """Span of the last text when the report seems cut off, else None.

        Cut off means: the last paragraph stops mid-sentence (not at 。, a closing date or an
        agency name), or the text ends inside a table while template sections are missing.
        """
        last = next((t for t in reversed(self.tokens) if t.type != "CHROME"), None)
        if last is None:
            return None
        text = self.text[last.start:last.end].strip().rstrip("|｜ ")
        if _ATTACHMENT.search(text):
            return None  # "附件下载：…统计表.doc": the report ends with its attachments
        if last.type == "TROW":
            match = self.sections
            missing = [s for s in self.profile.sections if s.id not in match.ids]
            final = self.tree.sections[-1].heading.title if self.tree.sections else ""
            if any(w in final for w in self.profile.wording.attachment_words):
                return None  # the report ends with its attached statistics table (附表, 统计表)
            return (last.start, last.end) if missing and self.tree.sections else None
        if last.type in ("H1", "H2", "H3"):
            # a heading with nothing under it ends a complete report only as its last section
            match = self.sections
            final = self.profile.sections[-1].id if self.profile.sections else None
            last_id = next((i for i in reversed(match.ids) if i is not None), None)
            return None if last_id == final else (last.start, last.end)
        if last.type != "PARA" or _CLOSING_DATE.match(text):
            return None
        before = self._previous_token(last)
        if before is not None and before.type == "TROW" and not _COMPLETE_END.search(text):
            # a fragment right after table rows ("法人或其他组", "(本列数据的勾稽关系为:"): the
            # capture stopped inside a table, unless the template's sections are all there
            match = self.sections
            return (last.start, last.end) if any(s.id not in match.ids for s in self.profile.sections) else None
        if _COMPLETE_END.search(text):
            cut = self._announced_beyond_end(last) or self._template_beyond_end(last)
            self.cut_inferred = cut is not None
            return cut
        if len(text) <= 25 and _SIGNATURE_END.search(text) and not _PUNCT.search(text):
            return None  # a signature: the agency's name
        return last.start, last.end

    def _previous_token(self, tok):
        toks = [t for t in self.tokens if t.type != "CHROME" and t.end <= tok.start]
        return toks[-1] if toks else None

    def _template_beyond_end(self, last) -> tuple[int, int] | None:
        """The text ends at a sentence end inside a template section after which three or more
        template sections should follow, none of them anywhere in the text: a capture that
        stopped halfway (a complete report may lack its last section or two; those stay findings)."""
        match = self.sections
        order = [s.id for s in self.profile.sections]
        seen = [order.index(i) for i in match.ids if i in order]
        if not seen or match.ids[-1] not in order or order.index(match.ids[-1]) != max(seen):
            return None  # the text goes on past its last template section: it ended where it meant to
        after = order[max(seen) + 1:]
        if len(after) >= 3 and not any(i in match.nested or i in match.body_hits for i in after):
            return last.start, last.end
        return None

    def _announced_beyond_end(self, last) -> tuple[int, int] | None:
        """The text ends at a sentence end, but the introduction announces parts that appear
        neither in the body nor anywhere after the last section seen: the capture stopped
        before them (a complete report ends with what it announced last)."""
        decl = self.declared_parts
        if decl is None or not decl.parts or not self.tree.sections:
            return None
        from .sections import part_present

        match = self.sections
        present = [part_present(p, match) for p in decl.parts]
        if not any(present):
            return None
        trailing = len(present) - 1 - max(i for i, p in enumerate(present) if p)
        # Three or more announced parts, all after the last one present, missing: a cut, not a
        # gap. (A complete report may well omit its last part or two — "有关说明", "其他需要
        # 报告的事项" — and those stay findings.)
        return (last.start, last.end) if trailing >= 3 else None

    @cached_property
    def is_report(self) -> bool:
        """Whether the text looks like an annual report at all (title, headings, or its words)."""
        if self.tree.title or self.tree.sections:
            return True
        head = self.text[:3000]
        return "信息公开" in head and ("报告" in head or "年报" in head)

    @cached_property
    def starts_mid_report(self) -> tuple[int, int] | None:
        """Span of the first text when the beginning of the report is missing (a later page
        on its own): no title, and the first section heading is not 一、."""
        if self.tree.title or not self.tree.sections:
            return None
        first = self.tree.sections[0].heading
        if first.number is not None and first.number > 1:
            tok = next((t for t in self.tokens if t.type != "CHROME"), None)
            if tok is not None:
                return tok.start, tok.end
        return None


# ；and ： never end a report: a text that stops there was cut off
_COMPLETE_END = rx.compile(r"[。！？!?…」』”\"'】\].][)）”]?$|日[)）]?$|[无略]$")
_CLOSING_DATE = rx.compile(r"^(?:19|20)\d{2}(?:\d{2,4}|[-./年]\d{1,2}[-./月]\d{1,2}日?)$")
_ATTACHMENT = rx.compile(r"附件[:：下]|\.(?:docx?|pdf|xlsx?|wps|et)$", re.I)
_PUNCT = rx.compile(r"[，,。、；;：:《》“”（）()]")
_SIGNATURE_END = rx.compile(r"[局府办委室会院心镇乡道处所站队厅部组司区县市省]$")
