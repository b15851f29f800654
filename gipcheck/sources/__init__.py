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

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
