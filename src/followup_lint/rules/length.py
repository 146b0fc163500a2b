"""Length: the whole note against a word budget for its kind, and very long sentences.

Why: hiring managers skim; career advice keeps a thank-you to a short paragraph or three
and a status check to a few lines.
"""

from __future__ import annotations

from .base import Check, Example, LintContext, Rule

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


def _run(ctx: LintContext) -> None:
    budget = ctx.config.word_budget(ctx.kind)
    words = ctx.note.prose_word_count
    text = ctx.note.analysis_text
    if words > budget:
        # Point at the first word past the budget, to the end of the prose.
        tokens = [t for t in ctx.doc if t.is_alpha or t.like_num]
        start = tokens[budget].idx if len(tokens) > budget else 0
        end = len(text.rstrip())
        over = "over " if ctx.note.word_count_partial else ""  # counted in the first 1 MB
        ctx.emit(TOO_LONG, start, max(start, end),
                 f"This {ctx.kind or 'note'} has {over}{words} words; keep it under {budget} "
                 f"by cutting what the reader does not need.")
    limit = ctx.config.long_sentence_words
    for sent in ctx.doc.sents:
        n = sum(1 for t in sent if t.is_alpha or t.like_num)
        if n > limit:
            ctx.emit(LONG_SENTENCE, sent.start_char, sent.end_char,
                     f"This sentence has {n} words (over {limit}); split it in two.")


CHECK = Check(name="length", rules=(TOO_LONG, LONG_SENTENCE), run=_run)
