"""Panel names: misspelled, unknown, nicknamed or wrongly titled people in a note.

Why: a thank-you note goes to the people who interviewed you, and every one of their names
must be spelled the way they spell it; a name from another company's note, or "Mr." for a
"Dr.", tells the reader the note was not written for them.

Leaves ``ctx.name_spans`` for the spelling check, which skips names: every name recognised
in the note (roster names as written, nicknames, misspellings, unknown people, the writer's
own name) and every span this check reported.
"""

from __future__ import annotations

from functools import cache

from ...data import load
from ...roster import PARTICLES, TITLES, Person, nicknames_of, title_key
from ..base import Check, Example, LintContext, Rule
from .matching import (
    ANCHORED,
    BODY,
    NAMED,
    Mode,
    NamePart,
    RosterIndex,
    WordMatch,
    index_for,
    key,
    skeleton,
)
from .mentions import (
    Mention,
    NoteNames,
    Word,
    common_words,
    find_names,
    is_common_word,
    opens_sentence,
    words_of,
)

_SOURCE = ("Interview follow-up advice in career guides (e.g. Indeed Career Guide, 'How To Write "
           "a Thank-You Email After an Interview'): address each interviewer by name and spell "
           "every name exactly as they do.")

NAME_MISSPELLED = Rule(
    id="name-misspelled",
    category="names",
    severity="error",
    summary="A name close to a roster name but spelled differently (letters, accents or capitals).",
    why="A misspelled name is the one mistake an interviewer always notices; it says the note "
        "was rushed. Copy the spelling, accents and capitals the person uses.",
    source=_SOURCE,
    fix="safe",
    bad=(
        Example("Dear Dr. Smith,\n\nThank you for your time yesterday.\n\nBest,\nSam",
                roster=("Dr. Katherine Smyth",)),
        Example("Hi Jon,\n\nThanks for the chat today.\n\nBest,\nSam", roster=("John Baker",)),
        Example("Dear Mr. Mcdonald,\n\nThank you for meeting me.\n\nSam",
                roster=("Mr. Ronald McDonald",)),
        Example("Dear Jose,\n\nThank you for the interview.\n\nSam", roster=("José García-López",)),
        Example("Thank you both. I enjoyed talking with Siobhan O'Neil about the roadmap.",
                roster=("Siobhán O'Neill", "Jan van der Berg")),
        Example("Dear Ms. Nguyen,\n\nThank you for your time.\n\nSam",
                roster=("Ms. Thị Hoa Nguyễn",)),
        Example("Dear Katherine Smtyh,\n\nThanks for your time.", roster=("Katherine Smyth",)),
    ),
    good=(
        Example("Dear Dr. Smyth,\n\nThank you for your time yesterday.\n\nBest,\nSam",
                roster=("Dr. Katherine Smyth",)),
        Example("Hi Kate,\n\nThanks for the chat today.\n\nBest,\nSam",
                roster=("Katherine Smyth",)),
        Example("Dear Dr. van der Berg,\n\nThank you for the interview.\n\nSam",
                roster=("Dr. Jan van der Berg",)),
        Example("Mark the date: I will send the report in May.\n\nSam",
                roster=("Marc Dubois", "Mae Chen")),
        Example("Dear José and Mr. O'Neill,\n\nThank you both.\n\nSam",
                roster=("José García-López", "Mr. Liam O’Neill")),
        Example("Hi Jon,\n\nThanks for the chat today.\n\nBest,\nJohn", roster=("Jon Baker",)),
    ),
)

NAME_UNKNOWN = Rule(
    id="name-unknown",
    category="names",
    severity="warning",
    summary="A person addressed or named who is not on the roster.",
    why="A name nobody on the panel has is usually left over from a note to another company; "
        "sending it tells the reader the note was copied.",
    source=_SOURCE,
    bad=(
        Example("Dear Mr. Thompson,\n\nThank you for your time.\n\nBest,\nSam",
                roster=("Dr. Katherine Smyth", "Jon Baker")),
        Example("Hi Rachel,\n\nThanks for the interview today.\n\nSam",
                roster=("Katherine Smyth",)),
        Example("Dear Katherine,\n\nIt was great to meet Rachel Green and the rest of the team.",
                roster=("Katherine Smyth",)),
    ),
    good=(
        Example("Dear Dr. Smyth,\n\nThank you for your time.\n\nBest regards,\nPriya Raman",
                roster=("Dr. Katherine Smyth",)),
        Example("Dear Hiring Manager,\n\nThank you for the interview.\n\nSam",
                roster=("Katherine Smyth",)),
        Example("Dear Mr. Thompson,\n\nThank you for your time.\n\nSam"),
        Example("Dear Dr. Smyth,\n\nMy name is Priya Raman and I interviewed for the analyst "
                "role. Will you share an update? I hope to hear from you soon.",
                roster=("Dr. Katherine Smyth",)),
        Example("Hi Katherine,\n\nThanks for the tour of Northwind today.\n\nThanks,\nSam Patel",
                roster=("Katherine Smyth",), context={"company": "Northwind"}),
    ),
)

NAME_NICKNAME = Rule(
    id="name-nickname",
    category="names",
    severity="info",
    summary="A known nickname of a roster name (\"Kate\" for Katherine).",
    why="A nickname is fine when the person uses it, and too familiar when they do not; "
        "check how they sign their own mail.",
    source=_SOURCE,
    bad=(
        Example("Hi Kate,\n\nThanks for the chat today.\n\nSam", roster=("Katherine Smyth",)),
        Example("Dear Bob,\n\nThank you for showing me around.\n\nSam", roster=("Robert Jones",)),
        Example("I enjoyed meeting Bill and Dr. Smyth on Tuesday.",
                roster=("William Chen", "Dr. Katherine Smyth")),
    ),
    good=(
        Example("Hi Katherine,\n\nThanks for the chat today.\n\nSam", roster=("Katherine Smyth",)),
        Example("Hi Kate,\n\nThanks for the chat today.\n\nSam",
                roster=('Katherine "Kate" Smyth',)),
        Example("Hi Jon,\n\nThanks for the chat today.\n\nSam", roster=("John Baker",)),
    ),
)

TITLE_MISMATCH = Rule(
    id="title-mismatch",
    category="names",
    severity="warning",
    summary="A title that differs from the roster's (\"Mr. Baker\" for Dr. Jon Baker).",
    why="Dropping someone's doctorate, or guessing a gender the roster does not give, is as "
        "noticeable as a misspelled name; use the title the person uses.",
    source=_SOURCE,
    fix="unsafe",
    bad=(
        Example("Dear Mr. Baker,\n\nThank you for your time.\n\nSam", roster=("Dr. Jon Baker",)),
        Example("Dear Ms. Baker,\n\nThank you for your time.\n\nSam", roster=("Mr. Jon Baker",)),
        Example("I enjoyed meeting Mrs. Lee and Dr. Smyth.",
                roster=("Ms. Ana Lee", "Dr. Katherine Smyth")),
    ),
    good=(
        Example("Dear Dr. Baker,\n\nThank you for your time.\n\nSam", roster=("Dr. Jon Baker",)),
        Example("Dear Dr. Smyth,\n\nThank you for your time.\n\nSam",
                roster=("Prof. Katherine Smyth",)),
        Example("Dear Jon,\n\nThank you for your time.\n\nSam", roster=("Dr. Jon Baker",)),
        Example("Dear Ms. Lee,\n\nThank you for your time.\n\nSam", roster=("Mrs. Ana Lee",)),
    ),
)

#: Slots that say which person is meant when they match ("Smyth" does, a particle does not).
_IDENTIFYING = frozenset({"family", "compound", "piece", "given", "preferred", "middle",
                          "joined"})


@cache
def _title_accepts() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load("names")["title_accepts"].items()}


def resolve(index: RosterIndex, mention: Mention,
            common: frozenset[str] = frozenset()) -> tuple[int | None, list[WordMatch | None]]:
    """The roster person a mention most likely means, and how each of its words matches.

    Words whose key is in ``common`` (ordinary words such as "Bill", "Mark") match only
    exactly, in their accents or capitals, or as a nickname, never as a near spelling.
    """
    note_title = title_key(mention.title.text) if mention.title else None
    mode = NAMED if mention.source != "body" else BODY

    def best(w: Word, parts: list[NamePart], m: Mode) -> WordMatch | None:
        found = index.best(w.text, parts, m)
        if found is not None and found.kind == "close" and m != ANCHORED and (
                w.key in common or (m == BODY and len(w.text) > 1 and w.text.isupper())):
            return None  # "Mark your calendar"; an acronym ("my RAC exam") is no misspelled Rao
        return found

    top: tuple[tuple[int, float], int, list[WordMatch | None]] | None = None
    # Only people one of whose parts a word could match (the index says which, without a scan).
    for person in sorted(frozenset().union(*(index.people_for(w.text) for w in mention.words))):
        parts = index.parts_of(person)
        matches = [best(w, parts, mode) for w in mention.words]
        identifying = [m for m in matches if m is not None and m.part.slot in _IDENTIFYING]
        if not identifying:
            continue
        anchored = len(identifying) >= 2 or any(m.kind != "close" for m in identifying)
        if anchored and None in matches:
            matches = [m or best(w, parts, ANCHORED) for w, m in zip(mention.words, matches, strict=False)]
        score = sum(m.score for m in matches if m is not None)
        roster_title = index.people[person].title
        if note_title and roster_title and _title_ok(TITLES[note_title], roster_title):
            score += 0.05
        rank = (sum(1 for m in matches if m is not None and m.part.slot != "particle"), score)
        if top is None or rank > top[0]:
            top = (rank, person, matches)
    if top is None:
        return None, [None] * len(mention.words)
    return top[1], top[2]


def _title_ok(written: str, roster: str) -> bool:
    return written == roster or written in _title_accepts().get(roster, frozenset())


def _looks_like_person(mention: Mention, ctx: LintContext) -> bool:
    """Whether an unmatched mention is surely a person, so that name-unknown may fire."""
    if mention.source in ("greeting", "title"):
        return all(w.capitalised for w in mention.words)
    if mention.source != "person":
        return False
    tokens = [ctx.doc.char_span(w.start, w.end, alignment_mode="expand") for w in mention.words]
    if not all(t is not None and len(t) and t[0].pos_ == "PROPN" for t in tokens):
        return False
    if any(is_common_word(w, ctx.doc) for w in mention.words):
        return False
    if len(mention.words) >= 2:
        return True
    word = mention.words[0]
    if word.key in common_words() and opens_sentence(word, ctx.doc):
        return False  # "Bill the hours to my account": an ordinary word opening a sentence
    # One word is a person when the sentence says so, whatever the name's origin.
    return mention.cued


#: Entity types of an organisation, place or product's name.
_ORG_TYPES = frozenset(("ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"))


def _organisation(ctx: LintContext, mention: Mention, matches: list[WordMatch | None]) -> bool:
    """A name of two or more body words, none of them exactly a roster word, one of them
    no roster word at all, that the parse takes for an organisation or place and that stands
    where places stand ("at Lumen Learning", "the Lumen Learning team" against Lauren):
    another organisation's name, not a misspelled person ("meeting Lauran Jones" is one)."""
    if mention.source in ("greeting", "title") or len(mention.words) < 2 \
            or not any(m is None for m in matches):
        return False
    spans = [ctx.doc.char_span(w.start, w.end, alignment_mode="expand") for w in mention.words]
    if not all(t is not None and len(t) and t[0].ent_type_ in _ORG_TYPES for t in spans):
        return False
    first = spans[0]
    return first is not None and first.start > 0 and ctx.doc[first.start - 1].lower_ in ("at", "the")


def _mention_text(ctx: LintContext, mention: Mention) -> str:
    return ctx.note.text[mention.start:mention.end]


def _judge(ctx: LintContext, index: RosterIndex, names: NoteNames, mention: Mention,
           spans: list[tuple[int, int]], flagged: list[tuple[int, int]]) -> None:
    common = common_words() if mention.source in ("person", "body") else frozenset()
    person_i, matches = resolve(index, mention, common)
    exact_somewhere = any(m is not None and m.kind == "exact" for m in matches)
    if not exact_somewhere and all(w.key in names.writer_keys for w in mention.words):
        spans.append((mention.start, mention.end))  # the writer's own name
        return
    if person_i is not None and not exact_somewhere and _organisation(ctx, mention, matches):
        spans.append((mention.start, mention.end))  # "at Lumen Learning": not Lauren
        return
    if person_i is None:
        spans.append((mention.start, mention.end))
        if _looks_like_person(mention, ctx):
            ctx.emit(NAME_UNKNOWN, mention.start, mention.end,
                     f"'{_mention_text(ctx, mention)}' is not on the roster; check that this "
                     f"note is for the right people.")
        return
    person = index.people[person_i]
    matched = [(w, m) for w, m in zip(mention.words, matches, strict=False) if m is not None]
    spans.append((matched[0][0].start, matched[-1][0].end))
    unmatched_last = matches[-1] is None and mention.words[-1].capitalised
    by_surname = any(m.part.slot in ("family", "compound", "piece") for _, m in matched)
    if unmatched_last and not by_surname and mention.source in ("greeting", "title", "person") \
            and len(mention.words) >= 2:
        # "Katherine Jones" for Katherine Smyth: another person with the same first name.
        spans.append((mention.start, mention.end))
        ctx.emit(NAME_UNKNOWN, mention.start, mention.end,
                 f"'{_mention_text(ctx, mention)}' is not on the roster; the nearest name is "
                 f"{person.display}.", [person.name])
        return
    done = _split_words(ctx, index, person_i, mention, matches, flagged)
    done |= _particles(ctx, person, mention, matches, flagged)
    for i, (w, m) in enumerate(zip(mention.words, matches, strict=False)):
        if m is None or i in done:
            continue
        if m.kind in ("form", "close"):
            if ctx.emit(NAME_MISSPELLED, w.start, w.end, _misspelled_message(w.text, m.part.text),
                        [m.part.text]) is not None:
                flagged.append((w.start, w.end))
        elif m.kind == "nickname":
            if key(w.text) in nicknames_of(m.part.key):
                message = (f"'{w.text}' is a nickname for {m.part.text}; check that "
                           f"{person.name} goes by it.")
            else:
                message = (f"The roster calls {person.name} '{m.part.text}', not '{w.text}'; "
                           f"check which name they go by.")
            ctx.emit(NAME_NICKNAME, w.start, w.end, message, [m.part.text])
    _check_title(ctx, mention, person, matches)


def _misspelled_message(written: str, roster: str) -> str:
    if key(written) == key(roster) and written.casefold() == roster.casefold():
        detail = " (capital letters)"
    elif key(written) == key(roster) and written.casefold() != roster.casefold():
        detail = " (accents)"
    elif skeleton(written) == skeleton(roster) and ("-" in written) != ("-" in roster):
        detail = " (hyphen)"
    else:
        detail = ""
    return f"'{written}' does not match the roster spelling '{roster}'{detail}."


def _split_words(ctx: LintContext, index: RosterIndex, person_i: int, mention: Mention,
                 matches: list[WordMatch | None], flagged: list[tuple[int, int]]) -> set[int]:
    """One roster word written as two ("Anne Marie", "Okonjo Iweala" for a hyphenated name,
    "O Neill"): one finding over both words. Returns the indexes of the words reported."""
    done: set[int] = set()
    words, text = mention.words, ctx.note.text
    parts = [p for p in index.parts_of(person_i)
             if p.slot in ("given", "preferred", "middle", "family")]
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if i in done or text[a.end:b.start].strip() or not text[a.end:b.start]:
            continue  # only words apart by spaces: "Anne-Marie" is one word already
        ma, mb = matches[i], matches[i + 1]
        roster = next((p.text for p in parts if p.skel == skeleton(a.text + b.text)), None)
        if roster is None and ma is not None and mb is not None and ma.part.slot == "piece" \
                and mb.part.slot == "piece" and ma.part.whole == mb.part.whole:
            pieces = [key(x) for x in ma.part.whole.split("-")]
            if ma.part.key in pieces and pieces.index(ma.part.key) + 1 < len(pieces) \
                    and pieces[pieces.index(ma.part.key) + 1] == mb.part.key:
                roster = ma.part.whole  # "Okonjo Iwela": the halves in order, one misspelled
        if roster is None:
            continue
        written = text[a.start:b.end]
        if ctx.emit(NAME_MISSPELLED, a.start, b.end, _misspelled_message(written, roster),
                    [roster]) is not None:
            flagged.append((a.start, b.end))
        done |= {i, i + 1}
    return done


def _particles(ctx: LintContext, person: Person, mention: Mention,
               matches: list[WordMatch | None], flagged: list[tuple[int, int]]) -> set[int]:
    """Other particles before the roster's family name ("van den Berg" for "van der Berg",
    "del Cruz" for "de la Cruz"). Capitals on a particle are accepted ("Van der Berg"): Dutch
    capitalises it without a given name before it, and Spanish usage varies."""
    family = (person.family or "").split()
    roster = [w for w in family[:-1] if w.casefold() in PARTICLES]
    if not roster:
        return set()
    core = next((i for i, m in enumerate(matches) if m is not None and m.part.slot == "family"
                 and m.part.text == family[-1]), None)
    if core is None:
        return set()
    first = core
    while first > 0 and mention.words[first - 1].text.casefold() in PARTICLES:
        before = matches[first - 1]
        if before is not None and before.part.slot != "particle" and before.kind != "close":
            break
        first -= 1
    written = mention.words[first:core]
    if not written or [w.text.casefold() for w in written] == [r.casefold() for r in roster]:
        return set()
    if len(written) == len(roster):
        pairs = [(w, r) for w, r in zip(written, roster, strict=False) if w.text.casefold() != r.casefold()]
    else:
        pairs = [(Word(written[0].start, written[-1].end,
                       ctx.note.text[written[0].start:written[-1].end]), " ".join(roster))]
    for w, r in pairs:
        suggestion = r[:1].upper() + r[1:] if w.capitalised else r
        if ctx.emit(NAME_MISSPELLED, w.start, w.end,
                    f"'{w.text}' does not match the roster spelling '{person.family}' "
                    f"(particle).", [suggestion]) is not None:
            flagged.append((w.start, w.end))
    return set(range(first, core))


def _check_title(ctx: LintContext, mention: Mention, person: Person,
                 matches: list[WordMatch | None]) -> None:
    if mention.title is None or not person.title:
        return
    tk = title_key(mention.title.text)
    if tk is None:
        return
    written = TITLES[tk]
    if _title_ok(written, person.title):
        return
    corrected = " ".join(m.part.text if m is not None else w.text
                         for w, m in zip(mention.words, matches, strict=False))
    ctx.emit(TITLE_MISMATCH, mention.title.start, mention.end,
             f"The roster lists {person.name} as '{person.title}', not '{written}'.",
             [f"{person.title} {corrected}"])


def _run(ctx: LintContext) -> None:
    index = index_for(ctx.roster) if ctx.roster else None
    writer = [n for n in (ctx.about.writer, ctx.note.sender) if n]
    skip = {w.key for v in (ctx.about.company, ctx.about.role) if v for w in words_of(v)}
    names = find_names(ctx.doc, index, writer, skip)
    spans: list[tuple[int, int]] = list(names.writer_spans)
    flagged: list[tuple[int, int]] = []
    reported = len(ctx.findings)
    for mention in names.mentions:
        if index is None:
            spans.append((mention.start, mention.end))
        else:
            _judge(ctx, index, names, mention, spans, flagged)
    spans += flagged
    spans += [(f.start, f.end) for f in ctx.findings[reported:]]
    ctx.name_spans = sorted(set(spans))


CHECK = Check(name="names", rules=(NAME_MISSPELLED, NAME_UNKNOWN, NAME_NICKNAME, TITLE_MISMATCH),
              run=_run)
