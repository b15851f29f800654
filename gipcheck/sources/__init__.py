"""Sources turn bytes into a :class:`Document`.

A source is a plugin hook (``gipcheck_source(path, data)``, first result wins). The built-in
text source reads ``.txt`` and ``.md``; readers for ``.docx``, ``.html`` and ``.pdf`` plug into
the same hook later. A source never raises for bad input: it returns a Document with
``problems`` set, which the engine turns into GIP0xx findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong while reading: becomes a GIP0xx finding."""

    code: str  # e.g. "GIP002"
    args: dict = field(default_factory=dict)
    line: int = 1
    column: int = 1
    fatal: bool = True  # a fatal problem means the text cannot be checked
    key: str | None = None  # which of the rule's messages (default: its first)
    severity: str | None = None  # None: the rule's default severity
    where: dict | None = None  # the place in the original file ({"page": 2}), when the reader knows it


@dataclass(slots=True)
class Document:
    """A report as text, ready for parsing.

    ``text`` has its line endings normalised to ``\\n`` (CRLF and CR both count as one line
    break, so line numbers match what an editor shows) and no byte-order mark.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    format: str = "text"
    problems: list[Problem] = field(default_factory=list)
    # native locations of the text view: (start offset, end offset, {"page": 3} or
    # {"paragraph": 12} or {"table": 2, "row": 5}), sorted by start
    segments: list[tuple[int, int, dict]] = field(default_factory=list)

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)

    def native(self, offset: int) -> dict:
        """Where ``offset`` of the text view is in the original file (page, paragraph, cell)."""
        import bisect

        if not self.segments:
            return {}
        i = bisect.bisect_right([s for s, _, _ in self.segments], offset) - 1
        if i < 0:
            return {}
        start, end, where = self.segments[i]
        if offset > end:
            return {}
        loc = dict(where)
        if "row" in loc:  # which cell of a "| a | b | c |" row
            loc["cell"] = self.text.count("|", start, offset)
        return loc


class TextBuilder:
    """Builds a text view line by line, remembering each line's native location."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[tuple[int, int, dict]] = []

    def line(self, text: str, where: dict | None = None) -> None:
        text = text.replace("\r", " ").replace("\n", " ")
        if where:
            self.segments.append((self.length, self.length + len(text), where))
        self.parts.append(text)
        self.length += len(text) + 1

    def row(self, cells: list[str], where: dict | None = None) -> None:
        self.line("| " + " | ".join(c.replace("|", "｜") for c in cells) + " |", where)

    @property
    def text(self) -> str:
        return "\n".join(self.parts)



def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
