"""The text being linted, the parts of it that are not the writer's prose, and positions."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

MaskKind = Literal["quote", "signature", "placeholder", "header", "markup"]
#: Maps an offset in a note's text to a 1-based (line, column) in the file it came from.
Position = Callable[[int], tuple[int, int]]

# Characters that are not text at all: C0 controls other than tab/newline/CR, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# spaCy's tokenizer is quadratic inside one long run without whitespace (emoji, "a,a,a,..."):
# such runs are broken every _RUN characters in the analysed copy so time stays linear.
_RUN = 64
_LONG_RUN = re.compile(rf"\S{{{_RUN * 4},}}")


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each [start, end) span replaced by spaces (newlines kept), same length.

    The one way the pipeline hides what is not prose while keeping every offset.
    """
    chars: list[str] | None = None
    for start, end in spans:
        if chars is None:
            chars = list(text)
        for i in range(max(0, start), min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return text if chars is None else "".join(chars)


def cut_at_whitespace(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to the last space or newline
    when there is one in the second half (a word is not split); all of it when shorter."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", 0, limit), text.rfind("\n", 0, limit))
    return text[:cut if cut > limit // 2 else limit]


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (0 first)."""
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


@dataclass(frozen=True)
class Mask:
    """A region of the note that rules must not read as the writer's prose."""

    start: int
    end: int
    kind: MaskKind


@dataclass(frozen=True)
class Note:
    """One note: its text, masked regions, and how offsets map to lines and columns.

    ``analysis_text`` has the same length as ``text``; masked regions are blanked
    (newlines kept) so that the parse and every rule see only the writer's prose
    while offsets stay those of ``text``.
    """

    text: str
    masks: list[Mask] = field(default_factory=list)
    #: Maps an offset in ``text`` to a 1-based (line, column) in the original file.
    position: Position | None = None
    #: Header facts when the note came from an email (to, cc, date, subject, from).
    headers: dict[str, str] = field(default_factory=dict)
    #: Display names from To/Cc (the roster when none is given).
    recipients: list[str] = field(default_factory=list)
    #: The writer's own name (From header), never a panel name.
    sender: str | None = None

    def __post_init__(self) -> None:
        # Frozen: derived values are set once here (object.__setattr__ is the dataclass way).
        object.__setattr__(self, "masks", sorted(self.masks, key=lambda m: m.start))
        object.__setattr__(self, "_line_starts", line_starts(self.text))
        object.__setattr__(self, "_analysis", None)

    @property
    def analysis_text(self) -> str:
        """``text`` with masked regions and control characters blanked, same length."""
        cached: str | None = self.__dict__["_analysis"]
        if cached is None:
            breaks = ((i, i + 1) for run in _LONG_RUN.finditer(self.text)
                      for i in range(run.start() + _RUN, run.end(), _RUN))
            cached = blank(_CONTROL.sub(" ", self.text),
                           [*((m.start, m.end) for m in self.masks), *breaks])
            object.__setattr__(self, "_analysis", cached)
        return cached

    def with_masks(self, extra: Iterable[Mask]) -> Note:
        """The same note with more masked regions."""
        return Note(text=self.text, masks=[*self.masks, *extra], position=self.position,
                    headers=dict(self.headers), recipients=list(self.recipients),
                    sender=self.sender)

    def is_masked(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any masked region."""
        return any(m.start < end and start < m.end for m in self.masks)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset`` (in the original file when known)."""
        if self.position is not None:
            return self.position(offset)
        starts: list[int] = self.__dict__["_line_starts"]
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    @property
    def prose_word_count(self) -> int:
        """Words the writer wrote (masked regions not counted)."""
        return len(re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", self.analysis_text))


def note_from_text(text: str, masks: list[Mask] | None = None) -> Note:
    """A note from plain text: line endings are kept as written."""
    return Note(text=text, masks=list(masks or []))
