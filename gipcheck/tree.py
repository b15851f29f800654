"""The report tree produced by :mod:`gipcheck.parse`.

Every node carries ``start`` and ``end``: half-open character offsets into the document
text. Line and column are derived on demand through the document's :class:`LineIndex`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator


@dataclass(slots=True)
class Node:
    kind: str  # "title", "paragraph", "chrome", "table"
    start: int
    end: int
    source: str = field(repr=False, compare=False)  # the whole document: text is sliced on demand

    @property
    def text(self) -> str:
        """The node's text (not stored: a 20 MB report has hundreds of thousands of nodes)."""
        return self.source[self.start:self.end]


@dataclass(slots=True)
class Table:
    """Consecutive table-row lines; the tables issue reads them as grids."""

    start: int
    end: int
    rows: list[Node] = field(default_factory=list)
    kind: str = "table"

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows)


@dataclass(slots=True)
class Heading:
    level: int  # 1 = 一、  2 = （一）  3 = 1、
    number: int | None  # the numeral's value, None when it cannot be read
    marker: str  # the numbering as written, e.g. "一、" or "(二)"
    title: str  # heading text as written (may be empty when the line is all body)
    start: int  # start of the marker
    end: int  # end of the title
    title_start: int


@dataclass(slots=True)
class Block:
    """A section, subsection or item: a heading and what follows it."""

    heading: Heading
    children: list = field(default_factory=list)  # Node | Table | Block

    @property
    def start(self) -> int:
        return self.heading.start

    @property
    def end(self) -> int:
        last = self.children[-1] if self.children else None
        return last.end if last is not None else self.heading.end

    def paragraphs(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Block):
                yield from child.paragraphs()
            elif isinstance(child, Node) and child.kind == "paragraph":
                yield child

    def subblocks(self) -> Iterator["Block"]:
        for child in self.children:
            if isinstance(child, Block):
                yield child
                yield from child.subblocks()

    def tables(self) -> Iterator[Table]:
        for child in self.children:
            if isinstance(child, Table):
                yield child
            elif isinstance(child, Block):
                yield from child.tables()


@dataclass(slots=True)
class ReportTree:
    title: list[Node] = field(default_factory=list)  # one node per title line
    front: list = field(default_factory=list)  # Node | Table | Block before the first 一、
    chrome: list[Node] = field(default_factory=list)
    sections: list[Block] = field(default_factory=list)

    @property
    def title_text(self) -> str:
        return "".join(n.text.strip().lstrip("#").strip() for n in self.title)

    @property
    def preamble(self) -> list[Node]:
        """Paragraphs before the first section heading (the introduction)."""
        out: list[Node] = []
        for n in self.front:
            if isinstance(n, Node) and n.kind == "paragraph":
                out.append(n)
            elif isinstance(n, Block):
                out.extend(n.paragraphs())
        return out

    def paragraphs(self) -> Iterator[Node]:
        yield from self.preamble
        for s in self.sections:
            yield from s.paragraphs()
