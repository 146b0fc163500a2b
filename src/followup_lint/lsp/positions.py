"""From a finding's offsets to LSP positions in the document, in the negotiated encoding.

A finding's ``start``/``end`` are code-point offsets into the note's text; for an email draft
that text is the body, and ``Note.line_col`` maps it back to the draft's own line and column.
LSP counts a column in UTF-16 code units by default, or UTF-8 bytes / code points when the
client and server agreed on that at ``initialize``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..note import Note

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` counts in ``encoding`` (an LSP PositionEncodingKind)."""
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == UTF32:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, column: int, encoding: str) -> int:
    """The code-point index in ``line`` of a column given in ``encoding`` units."""
    if encoding == UTF32:
        return min(column, len(line))
    count = 0
    for i, ch in enumerate(line):
        if count >= column:
            return i
        count += units(ch, encoding)
    return len(line)


@dataclass(frozen=True)
class Point:
    """A 0-based LSP position: line and column in the negotiated units."""

    line: int
    character: int


class DocumentPositions:
    """Positions in one document's text for the offsets of the note read from it."""

    def __init__(self, source: str, note: Note, encoding: str) -> None:
        self.lines = source.split("\n")
        self.note = note
        self.encoding = encoding

    def point(self, offset: int) -> Point:
        """The LSP position of a code-point offset into ``note.text``."""
        line1, col1 = self.note.line_col(offset)
        line = min(max(line1 - 1, 0), len(self.lines) - 1)
        text = self.lines[line].rstrip("\r")
        return Point(line, units(text[:max(col1 - 1, 0)], self.encoding))

    def line_end(self, line: int) -> Point:
        """The end of a line (before its line break)."""
        text = self.lines[line].rstrip("\r") if 0 <= line < len(self.lines) else ""
        return Point(line, units(text, self.encoding))
