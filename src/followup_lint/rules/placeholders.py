"""Unfilled template fields left in a draft: {{ name }}, {first_name}, [Company], <NAME>, TODO.

Why: a mail-merge field that was never filled tells the reader the note is a form letter.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from .base import Check, Example, LintContext, Rule
from .data import load

PLACEHOLDER_UNFILLED = Rule(
    id="placeholder-unfilled",
    category="template",
    severity="error",
    summary="A template placeholder ({{ name }}, [Company], <NAME>, TODO) is still in the draft.",
    why="A field left unfilled shows the reader a form letter and usually hides a missing name "
        "or company; fill it in before sending.",
    source="Mail-merge practice; DESIGN.md 'placeholder-unfilled'.",
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
    ),
    good=(
        Example("Thank you for your time [sic] yesterday; I enjoyed it."),
        Example("The results (see figure [1]) were good; email me at <jo@example.com>."),
        Example("I have a to-do list ready for the first week."),
        Example("The function returns {} when the list is empty."),
        Example("I attached my CV [PDF] and the portfolio it mentions."),
        Example("The salary range of $50,000 works; my class's __init__ method is now fixed."),
    ),
)


@cache
def patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled placeholder patterns from data/placeholders.toml."""
    return tuple(re.compile(p["regex"]) for p in load("placeholders")["pattern"])


@cache
def _extra(sources: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in sources)


def find_placeholders(text: str, extra: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """Every placeholder in ``text`` as (start, end, name), non-overlapping, in order.

    ``extra`` adds the config's own placeholder syntaxes (regular expressions).
    """
    allow = {a.casefold() for a in load("placeholders")["square"]["allow"]}
    spans: list[tuple[int, int, str]] = []
    for pattern in patterns() + _extra(tuple(extra)):
        for m in pattern.finditer(text):
            name = (m.group(1) if m.groups() and m.group(1) else m.group(0)).strip()
            if m.group(0).startswith("[") and name.casefold() in allow:
                continue
            spans.append((m.start(), m.end(), name))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _run(ctx: LintContext) -> None:
    if ctx.config.template:
        return  # templates are expected to hold placeholders
    for start, end, name in find_placeholders(ctx.note.analysis_text,
                                              ctx.config.placeholder_patterns):
        ctx.emit(PLACEHOLDER_UNFILLED, start, end,
                 f"The placeholder '{ctx.note.text[start:end]}' was never filled in; "
                 f"replace it with the real {name.lower() or 'text'} before sending.")


CHECK = Check(name="placeholders", rules=(PLACEHOLDER_UNFILLED,), run=_run)
