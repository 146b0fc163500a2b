"""Invisible characters inside words: a zero-width space or joiner, a soft hyphen, a BOM.

Why: "Sm\u200dyth" looks like "Smyth" on screen but is another word to every program that
reads it (the reader's search, a spell checker, a name check); pasted from a web page or a
chat, such characters hide in names and make a correct-looking name wrong.
"""

from __future__ import annotations

import re

from ..roster import INVISIBLE
from .base import Check, Example, LintContext, Rule

INVISIBLE_CHARACTER = Rule(
    id="invisible-character",
    category="typography",
    severity="error",
    summary="An invisible character (zero-width space or joiner, soft hyphen, BOM) inside a word.",
    why="The word looks right but is not: names with a hidden character do not match the "
        "person's name in search, spell checks or the reader's address book. Delete it.",
    source="Unicode Standard Annex #31 and DerivedCoreProperties (Default_Ignorable_Code_Point): "
           "these code points are not displayed, so text containing them cannot be proofread "
           "by eye.",
    fix="safe",
    bad=(
        Example("Dear Dr. Sm\u200dyth,\n\nThank you for your time yesterday.\n\nSam",
                roster=("Dr. Katherine Smyth",)),
        Example("Thank you for the inter\u200bview today."),
        Example("Thanks, Katherine, for the tour of the of\u00adfice."),
    ),
    good=(
        Example("Dear Dr. Smyth,\n\nThank you for your time yesterday.\n\nSam",
                roster=("Dr. Katherine Smyth",)),
        Example("Thank you for the interview today \u2764\ufe0f and the coffee."),
        Example("\ufeffThank you for your time today."),
    ),
)

# A word with invisible characters inside it (letters on both sides of each run).
_WORD = re.compile(rf"[^\W_]+(?:{INVISIBLE.pattern}+[^\W_]+)+")


def _run(ctx: LintContext) -> None:
    text = ctx.note.analysis_text
    if not INVISIBLE.search(text):
        return
    for m in _WORD.finditer(text):
        word = m.group()
        clean = INVISIBLE.sub("", word)
        names = sorted({f"U+{ord(c):04X}" for c in INVISIBLE.findall(word)})
        ctx.emit(INVISIBLE_CHARACTER, m.start(), m.end(),
                 f"'{clean}' has an invisible character inside it ({', '.join(names)}); "
                 f"delete it so the word is really '{clean}'.", [clean])


CHECK = Check(name="invisible", rules=(INVISIBLE_CHARACTER,), run=_run)
