"""Tone of a follow-up: accusatory, pushy, passive-aggressive and desperate phrasings.

Why: the standard advice for chasing a hiring decision is to keep the note short and polite,
ask for an update and offer more information -- and never to sound accusatory ("you said I
would hear on Monday but it is now Wednesday"), pushy or desperate.

The phrasings are spaCy Matcher/DependencyMatcher patterns in ``data/tone.toml``; the engine
that runs them is ``tone_engine``. They match lemmas and the dependency parse, so "As you
said, the team is growing" is fine while "You said I would hear back by Monday" is not.
"""

from __future__ import annotations

from functools import cache

from ..data import load
from ..nlp import get_nlp
from .base import Check, Example, LintContext, Rule
from .tone_engine import ToneEngine, load_patterns, load_sets

_SOURCE = ("Interview follow-up advice: when chasing a decision keep it short and polite, ask "
           "for an update and offer more information; never sound accusatory, pushy or "
           "desperate (e.g. Indeed Career Guide, 'How to follow up after an "
           "interview').")

ACCUSATORY = Rule(
    id="accusatory",
    category="tone",
    severity="error",
    summary="Blaming the reader for a missed promise or date ('you said I would hear by Monday').",
    why="A status check that quotes the panel's promise back at them, points out the date or "
        "complains about the silence puts them on the defensive; hiring takes longer than "
        "planned more often than not, and a polite request for an update gets a better answer.",
    source=_SOURCE,
    bad=(
        Example("You said I would hear back by Monday."),
        Example("You promised a decision by Friday, and it is now Wednesday."),
        Example("As you told me, I should have heard last week."),
        Example("I still have not heard anything from your team."),
        Example("You never got back to me after the final round."),
        Example("Why haven't you replied to my emails?"),
        Example("You were supposed to call me on Tuesday."),
    ),
    good=(
        Example("As you said, the team is growing."),
        Example("Thank you for letting me know the decision would come by Monday."),
        Example("You mentioned that you hoped to make a decision by Friday, so I wanted to "
                "check in."),
        Example("I wanted to follow up on my application for the analyst role."),
        Example("I understand if you haven't had time to review my portfolio yet."),
        Example("I haven't heard back yet, so I wanted to check in on the timeline."),
    ),
)

PUSHY = Rule(
    id="pushy",
    category="tone",
    severity="warning",
    summary="Demands, deadlines and pressure put on the reader ('I need an answer by Friday', "
            "'ASAP', '!!!').",
    why="The panel owes the candidate nothing; a demand or a deadline reads as entitlement, "
        "while asking for an update when they have a moment keeps the tone friendly.",
    source=_SOURCE,
    bad=(
        Example("I need an answer by Friday."),
        Example("Please let me know ASAP."),
        Example("Please respond immediately."),
        Example("I expect a reply by tomorrow."),
        Example("Reply by end of day, please."),
        Example("Any news on the role?!!"),
        Example("PLEASE LET ME KNOW either way."),
    ),
    good=(
        Example("I would appreciate an update when you have a moment."),
        Example("I'd welcome any update on the next steps."),
        Example("Could you share any update on the timeline?"),
        Example("I can start as soon as possible."),
        Example("I will send the references by Friday."),
        Example("I have experience with AWS and SQL."),
    ),
)

PASSIVE_AGGRESSIVE = Rule(
    id="passive-aggressive",
    category="tone",
    severity="warning",
    summary="'Per my last email', 'as I said before', 'just a friendly reminder' and their family.",
    why="These office phrases are widely read as 'you did not read my email'; in a note to "
        "people deciding whether to hire you, the edge costs more than it gains.",
    source=_SOURCE,
    bad=(
        Example("Per my last email, I am available all week."),
        Example("As I said before, I can start in June."),
        Example("As previously mentioned, my notice period is two weeks."),
        Example("Just a friendly reminder that I applied three weeks ago."),
        Example("I'm not sure if you saw my email from last week."),
        Example("Just circling back again on my application."),
    ),
    good=(
        Example("As I mentioned in our interview, I have led two data migrations."),
        Example("Per our conversation, I have attached my references."),
        Example("I wanted to follow up on my application for the analyst role."),
        Example("I will check in again next month."),
        Example("Did you get a chance to look at my portfolio?"),
    ),
)

DESPERATE = Rule(
    id="desperate",
    category="tone",
    severity="warning",
    summary="Pleading: 'I really need this job', 'please please', 'I will do anything'.",
    why="A hiring panel wants someone who fits the role, not someone who needs any job; "
        "pleading weakens the candidate's position and makes the reader uncomfortable.",
    source=_SOURCE,
    bad=(
        Example("I really need this job."),
        Example("Please, please consider me for the role."),
        Example("I will do anything to get this job."),
        Example("I'm begging you to give me a chance."),
        Example("This job means everything to me."),
        Example("I have no other options right now."),
    ),
    good=(
        Example("I am very excited about this role and the team."),
        Example("Is there anything else I can do to help with your decision?"),
        Example("I have no other commitments that week."),
        Example("I am happy to provide references or anything else you need."),
        Example("Please feel free to reach out if you have any questions."),
    ),
)

RULES = (ACCUSATORY, PUSHY, PASSIVE_AGGRESSIVE, DESPERATE)
_BY_ID = {r.id: r for r in RULES}


@cache
def engine() -> ToneEngine:
    """The tone matchers, built once per process from data/tone.toml."""
    data = load("tone")
    return ToneEngine(get_nlp().vocab, load_patterns(data, _BY_ID),
                      proper_words=load_sets(data).get("proper_nouns", ()))


def _run(ctx: LintContext) -> None:
    if not ctx.rules.any_enabled(RULES):
        return
    for hit in engine().find(ctx.doc, names=ctx.roster.words()):
        ctx.emit(_BY_ID[hit.rule], hit.start, hit.end, hit.message, hit.suggestions)


CHECK = Check(name="tone", rules=RULES, run=_run)
