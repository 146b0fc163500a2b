"""Length: the whole note against a word budget for its kind, and very long sentences.

Why: hiring managers skim; career advice keeps a thank-you to a short paragraph or three
and a status check to a few lines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..data import load
from ..note import MAX_COUNT_CHARS, WORD, count_words
from .base import Check, Example, LintContext, Rule

# Where one sentence cannot go on: a blank line (a new paragraph, the sign-off, a quoted
# original that is masked) or a new list item ("- ", "* ", "• ", "1. ", "2) ").
# Anchored at line starts: unanchored, a long run of spaces was scanned from every position.
_LINE = re.compile(r"^[^\S\n]*\S[^\n]*", re.M)
_BREAK = re.compile(r"\r?\n[ \t\r]*\n\s*|\r?\n[ \t]*(?=(?:[-*•–]|\d{1,2}[.)])[ \t])")

_LONG_NOTE = " ".join(["I enjoyed our conversation about the team and its plans."] * 25)
_LONG_SENTENCE = ("I wanted to write to say that I really enjoyed our conversation on Tuesday "
                  "about the data platform and the migration and the way the team works "
                  "together across time zones and the plans for next year which sound "
                  "exciting to me and to many people I know.")

TOO_LONG = Rule(
    id="too-long",
    category="length",
    severity="warning",
    summary="The note is longer than the word budget for its kind.",
    why="Follow-up notes are read in seconds; advice keeps a thank-you under about 200 words "
        "and a status check under about 120. Cut to what the reader needs.",
    source="Career guides' advice to keep follow-up notes brief, a few short paragraphs (e.g. "
           "Indeed Career Guide, 'How To Follow Up After an Interview'); the budgets (thank-you "
           "200, status check 120, withdrawal 150, others 200 words) are followup-lint's defaults, "
           "set in config.",
    bad=(Example(_LONG_NOTE),
         Example("Hello, I am writing to ask for an update. " * 15,
                 context={"kind": "status-check"})),
    good=(Example("Thank you for your time today. I enjoyed meeting the team."),),
)

LONG_SENTENCE = Rule(
    id="long-sentence",
    category="length",
    severity="info",
    summary="A sentence is over the sentence-length limit (35 words by default).",
    why="Long sentences are hard to read on a phone; split them.",
    source="Plain-language guidance (sentences of 15-20 words on average).",
    bad=(Example(_LONG_SENTENCE),),
    good=(Example("I enjoyed our conversation on Tuesday. The migration plans sound exciting."),),
)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line in text[start:end]."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text, start, end)]


def letter_body(text: str) -> tuple[int, int]:
    """Where the message a reader reads for length starts and ends: after a greeting line
    ("Dear Ms. Nair,") and before the sign-off, the writer's name and contact lines
    ("Regards,\nArjun Reddy\n+91 90000 12874"), which nobody reads as part of the note."""
    head = _lines(text, 0, min(len(text), 2000))  # only the first and last lines matter
    lines = _lines(text, text.rfind("\n", 0, max(0, len(text) - 2000)) + 1, len(text))
    if len(head) < 2 or len(lines) < 2:
        return 0, len(text)
    first_start, first_end = head[0]
    first = text[first_start:first_end].strip()
    start = first_end if first.endswith((",", ":")) and count_words(first) <= 8 else 0
    signoffs = load("names")["signoffs"]
    end = len(text)
    for i in range(len(lines) - 1, max(-1, len(lines) - 7), -1):
        line = text[lines[i][0]:lines[i][1]].strip()
        closing = line.rstrip(",!.").casefold()
        if (line.endswith(",") and count_words(line) <= 8) or closing in signoffs:
            below = [text[s:e].strip() for s, e in lines[i + 1:]]
            if 1 <= len(below) <= 4 and all(count_words(b) <= 6 and not b.endswith(
                    (".", "?", "!", ":")) for b in below):
                end = lines[i][0]
            break
    return (start, end) if start < end else (0, len(text))


def _run(ctx: LintContext) -> None:
    budget = ctx.config.word_budget(ctx.kind)
    text = ctx.note.analysis_text
    body_start, body_end = letter_body(text)
    words = count_words(text, body_start, min(body_end, MAX_COUNT_CHARS))
    if words > budget:
        # Point at the first word past the budget, to the end of the message (not the signature).
        past = next(itertools.islice(WORD.finditer(text, body_start, body_end), budget, None),
                    None)
        start = past.start() if past else body_start
        end = len(text[:body_end].rstrip())
        over = "over " if ctx.note.word_count_partial else ""  # counted in the first 1 MB
        ctx.emit(TOO_LONG, start, max(start, end),
                 f"This {ctx.kind or 'note'} has {over}{words} words; keep it under {budget} "
                 f"by cutting what the reader does not need.")
    limit = ctx.config.long_sentence_words
    for start, end in _sentences(ctx):
        n = count_words(text, start, end)
        if n > limit:
            ctx.emit(LONG_SENTENCE, start, end,
                     f"This sentence has {n} words (over {limit}); split it in two.")


def _sentences(ctx: LintContext) -> Iterator[tuple[int, int]]:
    """The parse's sentences, cut at paragraph breaks and list items (the parser can run a
    heading, a list or the sign-off into the next sentence), each without its trailing space."""
    text = ctx.note.analysis_text
    for sent in ctx.doc.sents:
        start = sent.start_char
        cuts = [(m.start(), m.end()) for m in _BREAK.finditer(text, start, sent.end_char)]
        for cut, resume in cuts:
            if text[start:cut].strip():
                yield start, start + len(text[start:cut].rstrip())
            start = resume
        if text[start:sent.end_char].strip():
            yield start, start + len(text[start:sent.end_char].rstrip())


CHECK = Check(name="length", rules=(TOO_LONG, LONG_SENTENCE), run=_run)
