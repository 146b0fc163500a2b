"""The text being linted, the parts of it that are not the writer's prose, and positions."""

from __future__ import annotations

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


def _break_run(m: re.Match[str]) -> str:
    """A long run with every _RUN-th character (after the first _RUN) made a space."""
    run = m.group()
    return run[:_RUN] + "".join(" " + run[i + 1:i + _RUN] for i in range(_RUN, len(run), _RUN))


def _hide(piece: str) -> str:
    """``piece`` as spaces, its newlines kept."""
    if "\n" not in piece:
        return " " * len(piece)
    return "\n".join(" " * len(part) for part in piece.split("\n"))


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each [start, end) span replaced by spaces (newlines kept), same length.

    The one way the pipeline hides what is not prose while keeping every offset. Built from
    slices (not a list of characters), so time and memory stay linear in the text's size.
    """
    ordered = sorted((max(0, s), min(e, len(text))) for s, e in spans)
    if not ordered:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end in ordered:
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(_hide(text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def cut_at_whitespace(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to the last space or newline
    when there is one in the second half (a word is not split); all of it when shorter."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", 0, limit), text.rfind("\n", 0, limit))
    return text[:cut if cut > limit // 2 else limit]


#: The most tokens (words and symbols) the parse reads: the parse costs per token, and text
#: of symbols ("%%%", "x,x,", emoji, "$word $word") has up to five times the tokens of prose.
MAX_PARSE_TOKENS = 6_000
_TOKENISH = re.compile(r"[^\W_]+|[^\w\s]|_")


def parse_prefix(text: str, max_chars: int, max_tokens: int = MAX_PARSE_TOKENS) -> str:
    """The part of ``text`` that is parsed: at most ``max_chars`` characters and about
    ``max_tokens`` words and symbols, cut at whitespace (see :func:`cut_at_whitespace`)."""
    head = cut_at_whitespace(text, max_chars)
    for i, m in enumerate(_TOKENISH.finditer(head)):
        if i == max_tokens:
            return cut_at_whitespace(head, m.start())
    return head


#: Words are counted in this many characters at most (far past any word budget): counting
#: 10 MB of "> x" lines cost seconds and a list of millions of words.
MAX_COUNT_CHARS = 1_000_000
#: A word as a person or a word processor counts it: a run without whitespace that holds a
# letter or digit ("labor-planning", "3.5", "Q3", "I'd", "a.b@c.com", "CI/CD" are one word
# each; a lone dash or bullet is none).
WORD = re.compile(r"[^\s\w]*[^\W_]\S*")


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Words in ``text[start:end]`` as a person counts them (see ``WORD``)."""
    return len(WORD.findall(text, start, len(text) if end is None else end))


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
    #: What of the input was left unread, and why; copied into ``LintResult.skipped``.
    notices: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Frozen: derived values are set once here (object.__setattr__ is the dataclass way).
        object.__setattr__(self, "masks", sorted(self.masks, key=lambda m: m.start))
        object.__setattr__(self, "_analysis", None)

    @property
    def analysis_text(self) -> str:
        """``text`` with masked regions and control characters blanked, same length."""
        cached: str | None = self.__dict__["_analysis"]
        if cached is None:
            clean = _CONTROL.sub(" ", self.text)
            cached = blank(_LONG_RUN.sub(_break_run, clean) if _LONG_RUN.search(clean)
                           else clean, ((m.start, m.end) for m in self.masks))
            object.__setattr__(self, "_analysis", cached)
        return cached

    def with_masks(self, extra: Iterable[Mask]) -> Note:
        """The same note with more masked regions."""
        return Note(text=self.text, masks=[*self.masks, *extra], position=self.position,
                    headers=dict(self.headers), recipients=list(self.recipients),
                    sender=self.sender, notices=dict(self.notices))

    def is_masked(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any masked region."""
        return any(m.start < end and start < m.end for m in self.masks)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset`` (in the original file when known)."""
        if self.position is not None:
            return self.position(offset)
        # Counted in C up to the offset, not a list of every line start: a 10 MB note of
        # short lines made that list (millions of ints) the slowest step of lint_note.
        return self.text.count("\n", 0, offset) + 1, offset - self.text.rfind("\n", 0, offset)

    @property
    def prose_word_count(self) -> int:
        """Words the writer wrote (masked regions not counted), in the first
        MAX_COUNT_CHARS characters (see :attr:`word_count_partial`)."""
        return len(WORD.findall(self.analysis_text, 0, MAX_COUNT_CHARS))

    @property
    def word_count_partial(self) -> bool:
        """True when the note is longer than what ``prose_word_count`` counts."""
        return len(self.text) > MAX_COUNT_CHARS


def note_from_text(text: str, masks: list[Mask] | None = None) -> Note:
    """A note from plain text: line endings are kept as written."""
    return Note(text=text, masks=list(masks or []))
