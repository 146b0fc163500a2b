"""Tone of a follow-up: accusatory, pushy, passive-aggressive, desperate, resentful and
self-focused sentences.

Why: the standard advice for chasing a hiring decision is to keep the note short and polite,
ask for an update and offer more information -- and never to sound accusatory ("you said I
would hear on Monday but it is now Wednesday"), pushy or desperate.

The phrasings are spaCy Matcher/DependencyMatcher patterns in ``data/tone.toml``; the engine
that runs them is ``tone_engine``. They match lemmas and the dependency parse, so "As you
said, the team is growing" is fine while "You said I would hear back by Monday" is not.

Beside the patterns runs a trained sentence model (``tone_model``). One verdict per sentence:
a pattern match keeps its span, message and rewrite; a sentence only the model flags gets the
rule's model message (``[model.<rule>]`` in tone.toml), the sentence as its span and a
severity one step lower than the rule's, so the user can tell a sure match from a likely one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from ..data import load
from ..findings import SEVERITIES, Severity
from ..nlp import get_nlp
from . import tone_model
from .base import Check, Example, LintContext, Rule
from .tone_engine import ToneEngine, ToneHit, load_patterns, load_sets

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Span

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
        Example("You said Monday."),
        Example("You told me Wednesday, and it is now Friday."),
        Example("How much longer do I have to wait?"),
    ),
    good=(
        Example("As you said, the team is growing."),
        Example("As you said Monday, the team is growing."),
        Example("How long does the hiring process usually take?"),
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
        Example("I will be calling your office tomorrow if I don't hear back today."),
        Example("Please reply this week; I won't be chasing again."),
    ),
    good=(
        Example("I would appreciate an update when you have a moment."),
        Example("I'd welcome any update on the next steps."),
        Example("Could you share any update on the timeline?"),
        Example("I can start as soon as possible."),
        Example("Thank you for the list of projects where you have shared your experience."),
        Example("I will send the references by Friday."),
        Example("I have experience with AWS and SQL."),
        Example("I am happy to call if email is not convenient for you."),
        Example("Dear Sir,\n\nAPPLICATION FOR THE POST OF LECTURER II\n\nThank you for the "
                "interview on Tuesday."),
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
        Example("Did you even get my email?"),
        Example("Thanks for finally getting back to me."),
        Example("I'd appreciate it if someone could finally get back to me."),
        Example("I guess you aren't interested in me then."),
    ),
    good=(
        Example("As I mentioned in our interview, I have led two data migrations."),
        Example("Per our conversation, I have attached my references."),
        Example("I wanted to follow up on my application for the analyst role."),
        Example("I will check in again next month."),
        Example("Did you get a chance to look at my portfolio?"),
        Example("I can finally share the portfolio link I promised."),
        Example("I guess the best next step is a call next week."),
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

RESENTFUL = Rule(
    id="resentful",
    category="tone",
    severity="error",
    summary="Resentment aimed at the reader: disputing or mocking a decision, sarcasm, "
            "insults, 'I wasted my time', demanding an explanation.",
    why="A reply that argues with a rejection, mocks the panel or tells them they wasted "
        "your time closes the door for good and may be passed around; a short, gracious "
        "reply (and, if you like, a request for feedback) keeps it open.",
    source=_SOURCE,
    bad=(
        Example("Frankly, your team seemed unprepared and uninterested."),
        Example("I wasted a whole day on your interview."),
        Example("I demand an explanation for this decision."),
        Example("Your decision is a mistake you will regret."),
        Example("Well, your loss."),
        Example("After four rounds I think I am owed a real explanation."),
        Example("What do you people even do all day?"),
        Example("I'll be telling everyone exactly how I was treated."),
    ),
    good=(
        Example("Thank you for letting me know your decision."),
        Example("I'd be grateful for any feedback on my interview."),
        Example("I enjoyed meeting the team, and I hope our paths cross again."),
        Example("I understand the decision, and I wish you every success with the role."),
        Example("Could you tell me which areas I should strengthen?"),
        Example("I will tell my colleagues how welcoming the team was."),
    ),
)

SELF_FOCUSED = Rule(
    id="self-focused",
    category="tone",
    severity="info",
    summary="What the job would do for the writer ('this job would really help my career') "
            "instead of what the writer brings.",
    why="The panel is choosing who helps them most; a note about the salary, the commute or "
        "the writer's career goals answers a question nobody asked, while a line about what "
        "the writer would bring to the role answers the one they did.",
    source=_SOURCE,
    bad=(
        Example("This role would be a great stepping stone for my career."),
        Example("The salary would really help me pay off my loans."),
        Example("Working from your office would cut my commute in half."),
    ),
    good=(
        Example("I would bring five years of data engineering to the team."),
        Example("I am excited to help your team ship the new billing system."),
        Example("My experience with Kafka fits the work you described."),
    ),
)

RULES = (ACCUSATORY, PUSHY, PASSIVE_AGGRESSIVE, DESPERATE, RESENTFUL, SELF_FOCUSED)
_BY_ID = {r.id: r for r in RULES}


@cache
def engine() -> ToneEngine:
    """The tone matchers, built once per process from data/tone.toml."""
    data = load("tone")
    return ToneEngine(get_nlp().vocab, load_patterns(data, _BY_ID),
                      proper_words=load_sets(data).get("proper_nouns", ()))




#: Sentences with fewer words than this are left to the patterns.
_MIN_WORDS = 3


@cache
def _stop_words() -> frozenset[str]:
    # Imported on first use: importing the rules (``followup-lint rules``) must not load spaCy.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _label_line(line: str) -> bool:
    """A line that labels rather than says: ends with "," (a sign-off) or every word that is
    not a small word starts with a capital ("Talent Acquisition Lead", "Head of People")."""
    line = line.strip().lstrip(">").strip()
    if not line or line.endswith(","):
        return True
    return all(w[:1].isupper() for w in line.replace("|", " ").split()
               if any(c.isalpha() for c in w) and w.lower() not in _stop_words())  # "Head of HR"


def _is_prose(sent: Span) -> bool:
    """Whether the model should judge this sentence. A signature, job title or heading
    ("Suresh Pandey / Regional Manager – HR") has no verb, no closing stop and reads as
    labels; on such lines the model's scores are noise (tone4 saw pushy 0.46 on a title)."""
    if any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True
    text = sent.text.strip()
    if text.endswith((".", "!", "?")):
        return True
    return not all(_label_line(line) for line in text.splitlines())


@cache
def _model_messages() -> dict[str, tuple[str, tuple[str, ...]]]:
    """rule id -> (message, suggestions) for a sentence only the model flags."""
    table = load("tone").get("model", {})
    return {rule: (entry["message"], tuple(entry.get("suggestions", ())))
            for rule, entry in table.items()}


@cache
def _guards() -> tuple[Matcher, dict[str, tuple[frozenset[str], frozenset[str]]]]:
    """The ``[[model_guard]]`` entries: a Matcher, and per guard id (rules it silences, words
    that lift it)."""
    from spacy.matcher import Matcher

    data = load("tone")
    sets = load_sets(data)

    def words(value: object) -> list[str]:
        if isinstance(value, str) and value.startswith("$"):
            return [str(w) for w in sets[value[1:]]]
        return [str(w) for w in value] if isinstance(value, list) else []

    def expand(value: object) -> object:
        if isinstance(value, dict):
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            out: list[object] = []
            for item in value:
                if isinstance(item, str) and item.startswith("$"):
                    out.extend(words(item))
                else:
                    out.append(expand(item))
            return out
        return value

    matcher = Matcher(get_nlp().vocab)
    info = {}
    for guard in data.get("model_guard", []):
        matcher.add(guard["id"], expand(guard["patterns"]))  # type: ignore[arg-type]
        info[guard["id"]] = (frozenset(guard["rules"]),
                             frozenset(w.lower() for w in words(guard.get("unless_sentence"))))
    return matcher, info


def _guarded(sent: Span) -> frozenset[str]:
    """The rules a model guard silences in this sentence."""
    matcher, info = _guards()
    out: set[str] = set()
    for key, _, _ in matcher(sent):
        rules, lift = info[sent.vocab.strings[key]]
        if not any(t.lower_ in lift or t.lemma_.lower() in lift for t in sent):
            out |= rules
    return frozenset(out)


def _lower(severity: Severity) -> Severity:
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]


@cache
def _agreement() -> tuple[dict[str, float], float, float]:
    """``[model_agreement]``: per-rule soft floor, prefer-model level, pattern-rule ceiling."""
    table = load("tone").get("model_agreement", {})
    floors = {str(k): float(v) for k, v in table.get("soft_floor", {}).items()}
    return floors, float(table.get("prefer_model_at", 1.1)), float(
        table.get("pattern_rule_below", 0.0))


def _bounds(sent: Span) -> tuple[int, int]:
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return start, start + len(text)


def _best(probs: dict[str, float], enabled: list[Rule], limits: dict[str, float],
          guarded: frozenset[str]) -> Rule | None:
    """The model's verdict on one sentence: the most likely rule above its threshold."""
    candidates = [(probs[r.id], r) for r in enabled
                  if probs[r.id] >= limits[r.id] and r.id not in guarded]
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _run(ctx: LintContext) -> None:
    if not ctx.rules.any_enabled(RULES):
        return
    hits = engine().find(ctx.doc, names=ctx.roster.words())
    scored: list[tuple[Span, dict[str, float]]] = []
    if ctx.config.tone_model and tone_model.available():
        # Greetings and sign-offs ("Hi Anna,", "Best, Sam") are too short to judge: on them
        # every label scores near its bias.
        # Signatures, job titles and headings are not prose: the patterns alone judge them.
        sents = [s for s in ctx.doc.sents
                 if sum(t.is_alpha for t in s) >= _MIN_WORDS and _is_prose(s)]
        scored = list(zip(sents, tone_model.scores(sents), strict=True))
        hits = _settle(ctx, hits, scored)
    for hit in hits:
        ctx.emit(_BY_ID[hit.rule], hit.start, hit.end, hit.message, hit.suggestions)
    if scored:
        _run_model(ctx, [(h.start, h.end) for h in hits], scored)


def _settle(ctx: LintContext, hits: list[ToneHit],
            scored: list[tuple[Span, dict[str, float]]]) -> list[ToneHit]:
    """Drop the pattern hits the model overrules: a soft phrasing in a sentence the model finds
    polite, and a phrasing whose rule the model is sure is wrong (the model then gives its own
    verdict on the sentence)."""
    floors, prefer_at, rule_below = _agreement()
    enabled = [r for r in RULES if ctx.rules.enabled(r)]
    limits = tone_model.default_thresholds() | ctx.config.tone_thresholds
    bounds = [(_bounds(s), s, p) for s, p in scored]
    starts = [a for (a, _), _, _ in bounds]

    def where(hit: ToneHit) -> int | None:
        # bisect, not a scan: a long note has thousands of sentences and hits
        i = bisect_right(starts, hit.start) - 1
        return i if i >= 0 and hit.start < bounds[i][0][1] else None

    places = [where(h) for h in hits]
    rules_at: dict[int, set[str]] = {}
    for h, j in zip(hits, places, strict=True):
        if j is not None:
            rules_at.setdefault(j, set()).add(h.rule)
    kept = []
    for hit, i in zip(hits, places, strict=True):
        if i is None:
            kept.append(hit)
            continue
        _, sent, probs = bounds[i]
        if hit.soft and max(probs[r.id] for r in enabled) < floors.get(hit.rule, 0.0):
            continue
        best = _best(probs, enabled, limits, _guarded(sent))
        # Another phrasing in the sentence already gives the model's rule: both offences stand.
        agreed = best is not None and best.id in rules_at[i]
        # Only a hedge ("with all due respect") or a warning-level phrasing gives way: an
        # error's exact span and rewrite (blame, resentment) never turn into a milder verdict.
        if best is not None and not agreed and (hit.model_picks_rule or (
                _BY_ID[hit.rule].severity != "error"
                and probs[best.id] >= prefer_at and probs[hit.rule] < rule_below)):
            continue
        kept.append(hit)
    return kept


def _run_model(ctx: LintContext, matched: list[tuple[int, int]],
               scored: list[tuple[Span, dict[str, float]]]) -> None:
    """Flag sentences the model finds and no tone pattern matched: one verdict per sentence
    (the most likely rule above that rule's threshold)."""
    enabled = [r for r in RULES if ctx.rules.enabled(r)]
    limits = tone_model.default_thresholds() | ctx.config.tone_thresholds
    messages = _model_messages()
    for sent, probs in scored:
        start, end = _bounds(sent)
        if any(a < end and b > start for a, b in matched):
            continue  # a pattern's verdict, with its exact span and rewrite, stands
        rule = _best(probs, enabled, limits, _guarded(sent))
        if rule is None:
            continue
        message, suggestions = messages[rule.id]
        finding = ctx.emit(rule, start, end, message, suggestions,
                           source="followup-lint/tone-model")
        if finding is not None:  # a likely finding, not a sure one: one step lower
            ctx.findings[-1] = replace(finding, severity=_lower(finding.severity))


CHECK = Check(name="tone", rules=RULES, run=_run)
