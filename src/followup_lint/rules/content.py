"""What a note must say for its kind: a thank-you thanks someone.

Why: the standard advice for a thank-you note is to thank the interviewers for their time.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..nlp import get_nlp
from .base import Check, Example, LintContext, Rule
from .data import load

if TYPE_CHECKING:
    from spacy.matcher import Matcher

MISSING_THANKS = Rule(
    id="missing-thanks",
    category="content",
    severity="warning",
    summary="A thank-you note that never thanks the reader.",
    why="The point of a thank-you note is to thank the panel for their time; without it the "
        "note reads as a sales pitch.",
    source="Standard interview follow-up advice: thank them for their time within 24 hours.",
    bad=(Example("Dear Ms. Lee,\n\nI enjoyed our interview for the analyst role yesterday. "
                 "I am sure my SQL experience fits the team.\n\nBest,\nSam",
                 roster=("Ms. Ana Lee",), context={"kind": "thank-you"}),),
    good=(Example("Dear Ms. Lee,\n\nThank you for your time yesterday.\n\nBest,\nSam",
                  roster=("Ms. Ana Lee",), context={"kind": "thank-you"}),
          Example("Dear Ms. Lee,\n\nI really appreciate you taking the time to meet me.\n\nSam",
                  roster=("Ms. Ana Lee",), context={"kind": "thank-you"}),),
)


@cache
def _matcher() -> "Matcher":
    from spacy.matcher import Matcher

    matcher = Matcher(get_nlp().vocab)
    matcher.add("THANKS", load("thanks")["patterns"])
    return matcher


def _run(ctx: LintContext) -> None:
    if ctx.kind != "thank-you" or not ctx.doc.text.strip():
        return
    if _matcher()(ctx.doc):
        return
    first = next((t for t in ctx.doc if not t.is_space), None)
    start = first.idx if first is not None else 0
    end = start + len(first.sent.text.rstrip()) if first is not None else 0
    ctx.emit(MISSING_THANKS, start, end,
             "This thank-you note never thanks them; add a line such as "
             "'Thank you for your time today.'",
             ["Thank you for your time today."])


CHECK = Check(name="content", rules=(MISSING_THANKS,), run=_run)
