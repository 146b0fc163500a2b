"""Unfilled template fields left in a draft: {{ name }}, {first_name}, [Company], <NAME>, TODO.

Why: a mail-merge field that was never filled tells the reader the note is a form letter.
"""

from __future__ import annotations

import re

from ..reading.placeholders import MAX_FOUND, MAX_SCAN_CHARS, find_placeholders
from .base import Check, Example, LintContext, Rule

PLACEHOLDER_UNFILLED = Rule(
    id="placeholder-unfilled",
    category="template",
    severity="error",
    summary="A template placeholder ({{ name }}, [Company], <NAME>, ____, XX, TODO) is still in "
            "the draft.",
    why="A field left unfilled shows the reader a form letter and usually hides a missing name "
        "or company; fill it in before sending.",
    source="Proofreading checklists for application letters: personalise every note and check "
           "that no mail-merge field or bracketed prompt is left before sending.",
    bad=(
        Example("Dear {{ name }},\n\nThank you for your time yesterday."),
        Example("Hi {first_name}, thanks again for the interview."),
        Example("I am excited about the role at [Company Name]."),
        Example("Dear <HIRING MANAGER>, thank you for meeting me."),
        Example("Thanks for the chat on TODO about the «role»."),
        Example("I enjoyed learning about %team% and its plans."),
        Example("Dear [insert name], thank you for the interview."),
        Example("Hi $first_name, thanks again for your time."),
        Example("Thank you, @@interviewer@@, for the tour.",
                config={"placeholder_patterns": ["@@(\\w+)@@"]}),
        Example("Dear [name], thank you for the interview."),
        Example("Dear (interviewer's name),\n\nThank you for your time."),
        Example("Dear Mr./Ms. _____,\n\nThank you for meeting me on XX/XX."),
        Example("I am excited about the role at XYZ Company.\n\nBest regards,\nYour Name"),
    ),
    good=(
        Example("Thank you for your time [sic] yesterday; I enjoyed it."),
        Example("The results (see figure [1]) were good; email me at <jo@example.com>."),
        Example("I have a to-do list ready for the first week."),
        Example("The function returns {} when the list is empty."),
        Example("I attached my CV [PDF] and the portfolio it mentions."),
        Example("The salary range of $50,000 works; my class's __init__ method is now fixed."),
        Example("The project (and occasionally hectic) ended well; see [here](https://x.org)."),
    ),
)


def _run(ctx: LintContext) -> None:
    if ctx.config.template:
        return  # templates are expected to hold placeholders
    text = ctx.note.analysis_text
    found = find_placeholders(text, ctx.config.placeholder_patterns)
    if len(found) == MAX_FOUND or len(text) > MAX_SCAN_CHARS:
        ctx.skipped["placeholders-past-limit"] = (
            f"placeholders were looked for in the first {MAX_SCAN_CHARS:,} characters and at "
            f"most {MAX_FOUND:,} are reported")
    for start, end, name in found:
        ctx.emit(PLACEHOLDER_UNFILLED, start, end,
                 f"The placeholder '{ctx.note.text[start:end]}' was never filled in; "
                 f"replace it with the real {_what(name)} before sending.")


#: Names that say nothing of what belongs there: blanks and fillers (____, XX/XX, XYZ).
_FILLER = re.compile(r"[_Xx/\-.:,]+|XYZ")


def _what(name: str) -> str:
    return "text" if not name or _FILLER.fullmatch(name) else name.lower()


CHECK = Check(name="placeholders", rules=(PLACEHOLDER_UNFILLED,), run=_run)
