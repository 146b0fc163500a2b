"""What a note must say for its kind: a thank-you thanks someone; a status check names the role.

Why: the standard advice for a thank-you note is to thank the interviewers for their time;
a status check must say who you are and which role, since the reader may be hiring for several.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ..data import load
from ..kinds import cue_sentence, first_line
from ..nlp import doc_text, get_nlp
from ..roster import fold
from .base import Check, Example, LintContext, Rule

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

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

_STATUS = ("Dear Ms. Lee,\n\nI hope you are well. I wanted to ask whether there is any update "
           "on {what}.\n\nBest,\nSam")

MISSING_ROLE = Rule(
    id="missing-role",
    category="content",
    severity="info",
    summary="A status check that does not say which role it is about.",
    why="The person you write to may be hiring for several roles; a status check should say "
        "who you are and which role you interviewed for, so they can answer without looking "
        "it up. Uses the context's role when given; otherwise looks for a named role "
        "('the Data Analyst position').",
    source="Standard interview follow-up advice: when chasing a decision, say who you are and "
           "which role.",
    bad=(Example(_STATUS.format(what="my application"), context={"kind": "status-check"}),
         Example(_STATUS.format(what="the position"),
                 context={"kind": "status-check", "role": "Data Analyst"})),
    good=(Example(_STATUS.format(what="the Data Analyst position"),
                  context={"kind": "status-check"}),
          Example(_STATUS.format(what="my application for the senior data analyst role"),
                  context={"kind": "status-check", "role": "Senior Data Analyst"}),
          Example(_STATUS.format(what="my application"), context={"kind": "thank-you"})),
)


@cache
def _matcher() -> Matcher:
    from spacy.matcher import Matcher

    matcher = Matcher(get_nlp().vocab)
    matcher.add("THANKS", load("thanks")["patterns"])
    return matcher


def _run(ctx: LintContext) -> None:
    if ctx.kind != "thank-you" or not doc_text(ctx.doc).strip():
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


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _names_role(doc: Doc, role: str | None) -> bool:
    """Whether the note says which role: the context's role, or a role noun with a name."""
    if role:
        wanted = [_singular(fold(w)) for w in role.split() if any(c.isalpha() for c in w)]
        present = {_singular(fold(t.text)) for t in doc if t.is_alpha}
        if wanted and wanted[-1] in present and \
                sum(w in present for w in wanted) * 2 >= len(wanted):
            return True
    data = load("role")
    vague = set(data["vague"])
    for tok in doc:
        if tok.lemma_.lower() not in data["nouns"]:
            continue
        for child in tok.children:
            if child.dep_ == "compound" and child.lower_ not in vague:
                return True
            if child.dep_ == "amod" and child.text[:1].isupper() and child.lower_ not in vague:
                return True
            if child.dep_ == "prep" and child.lower_ in ("of", "as") and \
                    any(g.dep_ == "pobj" for g in child.children):
                return True
    return False


def _in_a_thread(ctx: LintContext) -> bool:
    """A reply in an existing thread (a quoted original, a "Re:" subject, or an opening that
    answers the reader's message): the thread already says which role."""
    if any(m.kind == "quote" for m in ctx.note.masks):
        return True
    if re.match(r"\s*(?:re|aw|sv)\s*:", ctx.note.headers.get("subject", ""), re.I):
        return True
    opening = " ".join(doc_text(ctx.doc)[:400].split()).casefold()
    return any(cue in opening for cue in load("role")["reply_cues"])


def _run_role(ctx: LintContext) -> None:
    if ctx.kind != "status-check" or not doc_text(ctx.doc).strip():
        return
    if _names_role(ctx.doc, ctx.about.role) or _in_a_thread(ctx):
        return
    subject = ctx.note.headers.get("subject", "").strip()
    if subject and _names_role(get_nlp()(subject[:300]), ctx.about.role):
        return  # "Subject: DevOps Engineer interview - status"

    start, end = cue_sentence(ctx.doc, "status-check") or first_line(ctx.note.analysis_text)
    # An invented role in the advice reads as if we knew it: only the known role is proposed.
    example = (f"'my interview for the {ctx.about.role} role'" if ctx.about.role
               else "'my interview for the [role] position', with the role's title")
    ctx.emit(MISSING_ROLE, start, end,
             f"This status check does not say which role it is about; name it, for example "
             f"{example}.")


def _run_all(ctx: LintContext) -> None:
    if ctx.rules.enabled(MISSING_THANKS):
        _run(ctx)
    if ctx.rules.enabled(MISSING_ROLE):
        _run_role(ctx)


CHECK = Check(name="content", rules=(MISSING_THANKS, MISSING_ROLE), run=_run_all)
