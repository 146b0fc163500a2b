"""The company the note is about: another organisation's name, or a misspelled one.

Why: a template left over from another application ("I am excited about the role at
Initech" sent to Acme) or a misspelled company name ("Gooogle") tells the reader the note
was not written for them.

Needs the context's ``company``; silent without it. Another organisation is flagged only
in a company position ("at X", "join X", "X's team", "a fit for X", "the role with X");
the writer's own past or current employers ("I worked at X", "my time at X", "my three
years ... at X"), schools, the company's own products ("Acme Cloud") and roster names are
left alone. A name close to the company's (Damerau-Levenshtein, Jaro-Winkler: jellyfish)
is a misspelling anywhere, and the company's spelling is the suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

import jellyfish

from ..data import load
from ..roster import TITLES, canonicals_of, fold, nicknames_of
from .base import Check, Example, LintContext, Rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

COMPANY_MISMATCH = Rule(
    id="company-mismatch",
    category="company",
    severity="error",
    summary="Another organisation is named where the company belongs, or the company's name "
            "is misspelled.",
    why="A note that names the wrong company, or misspells the right one, shows it was "
        "copied from another application or written in a hurry; check the name before "
        "sending. Needs the context's company; silent without it.",
    source="Standard interview follow-up advice: tailor each note to the company and "
           "proofread names.",
    fix="unsafe",
    bad=(Example("Dear Ms. Lee,\n\nThank you for your time today. I am excited about the Data "
                 "Analyst role at Initech and would love to join the team.\n\nBest,\nSam",
                 roster=("Ms. Ana Lee",), context={"company": "Acme Corp"}),
         Example("Dear Ms. Lee,\n\nThank you for your time today. Hooli's mission really "
                 "resonates with me.\n\nBest,\nSam",
                 roster=("Ms. Ana Lee",), context={"company": "Acme Corp"}),
         Example("Dear Ms. Lee,\n\nI enjoyed learning about the plans at Acmee Corp.\n\nSam",
                 roster=("Ms. Ana Lee",), context={"company": "Acme Corp"}),
         Example("Hi Ana,\n\nThanks for the chat. I would be thrilled to join Gooogle.\n\nSam",
                 roster=("Ana Lee",), context={"company": "Google"})),
    good=(Example("Dear Ms. Lee,\n\nThank you for your time today. I am excited about the Data "
                  "Analyst role at Acme and would love to join the team. My three years of "
                  "building dashboards at Contoso and my degree from Stanford University "
                  "would help.\n\nBest,\nSam",
                  roster=("Ms. Ana Lee",), context={"company": "Acme Corp"}),
          Example("Dear Ms. Lee,\n\nI worked at Initech for five years, and I use Tableau and "
                  "Acme Cloud every day.\n\nBest,\nSam",
                  roster=("Ms. Ana Lee",), context={"company": "Acme Corp"}),
          Example("Hi Ana,\n\nThank you for your time. I am excited about the role at Initech.",
                  roster=("Ana Lee",))),
)

#: Capitalised words that never continue an organisation's name ("At Zentra Payments I ...").
_PRONOUNS = frozenset(("i", "i'm", "i’m", "i've", "i’d", "i'd", "we"))
_WORD = re.compile(r"[^\W_]+(?:[&'’.\-][^\W_]+)*")
_POSSESSIVE = ("'s", "’s", "'", "’")


@cache
def _data() -> dict:  # type: ignore[type-arg]
    return load("company")


def _core_words(name: str) -> list[str]:
    """The folded words of a company name without "the" and legal suffixes."""
    suffixes = set(_data()["suffixes"])
    words = [w.rstrip(".") for w in _WORD.findall(fold(name))]
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in suffixes:
        words = words[:-1]
    return words


def _allowed_distance(length: int) -> int:
    return 1 if length <= 8 else 2


def _similar(written: str, company: str) -> bool:
    """Close enough to be a misspelling of ``company`` (folded strings, not equal)."""
    if written == company:
        return False
    if jellyfish.damerau_levenshtein_distance(written, company) > _allowed_distance(len(company)):
        return False
    return jellyfish.jaro_winkler_similarity(written, company) >= 0.85


def _capitalised(tok: Token) -> bool:
    return bool(tok.text) and tok.text[0].isupper() and (tok.is_alpha or "&" in tok.text
                                                          or tok.text[0].isalnum())


def _name_run(tok: Token) -> Span:
    """The run of capitalised words around ``tok`` ("Umbrella Corporation"), no "'s"."""
    doc = tok.doc
    start = end = tok.i
    while start > tok.sent.start and not doc[start - 1].is_sent_start and (
            _capitalised(doc[start - 1]) or (doc[start - 1].text == "&" and start - 1 > tok.sent.start
                                             and _capitalised(doc[start - 2]))):
        start -= 1  # "Birch & Oak's": the name before "&" too
    while end + 1 < tok.sent.end and (_capitalised(doc[end + 1]) or doc[end + 1].text == "&") \
            and doc[end + 1].lower_ not in _PRONOUNS:
        end += 1
    while end > start and doc[end].text in _POSSESSIVE + ("&",):
        end -= 1
    return doc[start:end + 1]


def _first_person(verb: Token, far: bool = False) -> bool:
    """The verb's subject is I/we ("I worked ... and was at X": a conjunct shares it). With
    ``far``, an opening clause takes the main clause's subject too ("Having spent three years
    at X, I ..."); not where the position is a sure one ("Having spent the day with the team
    at X, I ..." is a copied company)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    deps = ("conj", "xcomp", "advcl") if far else ("conj", "xcomp")
    if not subjects and verb.dep_ in deps and verb.head is not verb:
        # "I ... and started coaching two squads at X": the subject of the verb it hangs on
        return _first_person(verb.head, far)
    if far and not subjects and verb.dep_ == "pcomp" and verb.head.head is not verb.head:
        return _first_person(verb.head.head, far)  # "I ... after finishing my degree at X"
    return any(c.lower_ in ("i", "we") for c in subjects)


def _mine(tok: Token) -> bool:
    """A noun the writer owns: "my experience", "our MArch"."""
    return any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in tok.children)


def _perfect(verb: Token) -> bool:
    """"I've just wrapped up", "I have continued", "I've been promoted": the present
    perfect, how a writer tells their own work history since the interview."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have"
                                      for c in verb.children)


def _own(tok: Token, sure: bool = False) -> bool:
    """True when ``tok`` sits in the writer's own past or current work or study. Where the
    position is only "at X" (not ``sure``), the clause's parse also counts: the writer's
    own noun as subject or object ("my experience preparing BOQs at X", "finishing my
    MArch at X") and the writer in the present perfect ("I have continued at X")."""
    data = _data()
    before = tok.doc[max(tok.sent.start, tok.i - 4):tok.i]
    if any(t.lower_ in data["own_markers"] for t in before):
        return True
    sent_before = tok.doc[tok.sent.start:tok.i]
    if any(t.lower_ in ("i", "we") for t in sent_before) and any(
            t.lower_ in data["own_now"] for t in sent_before):
        return True  # "I'm now a grants officer at X", "I am currently at X"
    window = tok.doc[max(tok.sent.start, tok.i - 8):tok.i]
    if any(a.lower_ in ("my", "our") and b.lemma_.lower() in data["own_after_my"]
           for a, b in zip(window, window[1:], strict=False)):
        return True  # "my time organising events at X", "my background in growth at X"
    run = _name_run(tok)
    after = [t for t in tok.doc[run.end:min(tok.sent.end, run.end + 2)] if t.text != ","]
    if after and after[0].lower_ in _PRONOUNS and tok.doc[run.start - 1].lower_ == "at" \
            and (run.start - 1 == tok.sent.start or tok.doc[run.start - 2].lower_ in
                 ("and", "but", "so", "then", "while", "when", ",")):
        return True  # "At Brightline I led ...": where the writer was
    prep = tok.head
    if prep.dep_ == "prep" and prep.head.lemma_ == "be" and _first_person(prep.head, not sure):
        return True  # "I was at X for five years"
    verb_seen = False
    for anc in tok.ancestors:
        if anc.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in anc.children):
                return True
            if anc.lemma_.lower() in data["own_nouns"]:
                return True
        if anc.pos_ in ("VERB", "AUX") and not verb_seen:
            # Only the clause's own verb says whose work this is.
            verb_seen = True
            if anc.lemma_.lower() not in data["own_verbs"]:
                continue  # "my skills would be an asset at X", "I have admired X": not history
            far = not sure
            if far and (any(c.dep_ in ("nsubj", "dobj") and _mine(c) for c in anc.children)
                        or (_perfect(anc) and _first_person(anc, far))):
                return True
            if anc.tag_ in ("VBD", "VBN") and _first_person(anc, far):
                return True
            if anc.tag_ in ("VBP", "VBZ") and _first_person(anc, far):
                return True  # "I work at X": the current employer
            if anc.tag_ == "VBG" and any(c.lower_ == "been" for c in anc.children):
                return True  # "I have been working at X"
            if anc.tag_ == "VBG" and _first_person(anc, far):
                return True  # "I am working at X"
    return False


def _positions(doc: Doc) -> Iterator[tuple[Token, bool]]:
    """Tokens that start or end an organisation's name in a company position, and whether
    the position is a sure one (the role at X, join X, X's mission) or only "at X"."""
    data = _data()
    heads = data["heads"]
    for tok in doc:
        low = tok.lower_
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "the" and tok.i + 2 < len(tok.doc):
            nxt = tok.doc[tok.i + 2]
        if nxt is None or not _capitalised(nxt) or nxt.is_sent_start:
            pass
        elif low == "at":
            # Sure when the company's word governs it or stands just before it: "the role at
            # X", "meet everyone at X" (the parse hangs "at" on "meet").
            before = doc[tok.i - 1].lemma_.lower() if tok.i > 0 else ""
            yield nxt, tok.head.lemma_.lower() in heads["with"] or before in heads["with"]
        elif low in heads and tok.head.lemma_.lower() in heads[low]:
            # "work with X" names a partner or a client as often as the employer ("Vantage's
            # work with Columbus"): a company position, but not a sure one.
            yield nxt, not (low == "with" and tok.head.lemma_.lower() in data["partner_heads"])
        elif tok.lemma_.lower() == "join" and tok.pos_ == "VERB":
            yield nxt, True
        if low in _POSSESSIVE and tok.i > 0 and _capitalised(tok.doc[tok.i - 1]):
            after = [t for t in tok.doc[tok.i + 1:tok.i + 3]]
            if any(t.lemma_.lower() in data["owned"] for t in after[:1]) or (
                    len(after) == 2 and after[0].pos_ == "ADJ"
                    and after[1].lemma_.lower() in data["owned"]):
                yield tok.doc[tok.i - 1], True


class _CompanyNames:
    """One note's check against the context's company: what it may be misspelled as, and
    which spans were already reported."""

    def __init__(self, ctx: LintContext, company: str, target: list[str]) -> None:
        self.ctx, self.company, self.target = ctx, company, target
        self.full_text = " ".join(w.rstrip(".") for w in _WORD.findall(fold(company)))
        skip = {fold(w) for w in ctx.roster.words()}
        for extra in (ctx.about.writer, ctx.about.role):
            skip |= {fold(w) for w in _WORD.findall(extra or "")}
        self.skip_words = skip | {fold(w) for w in ctx.config.accepted_words}
        self.reported: set[tuple[int, int]] = set()
        # Every word of the company's name, split at hyphens and "&" ("Covenant-Hill",
        # "Juniper & Oak"): a mention made only of these is the company itself.
        self.own_words = set(_parts(company)) - {"and"}
        # Initials of the company: of all its words, and of its core words ("RUSD", "SRCU").
        letters = [w for w in _WORD.findall(company) if w[0].isupper()]
        self.initials = {"".join(w[0] for w in letters).upper(),
                         "".join(w[0] for w in target).upper()}
        # What a written name may be a misspelling of: the full name, the name without its
        # legal suffix, and its leading words ("Northwind" for "Northwind Traders").
        self.goals: list[tuple[list[str], str]] = [(self.full_text.split(), company)]
        for k in range(len(target), 0, -1):
            if k == len(target) or len(" ".join(target[:k])) >= 4:
                self.goals.append((target[:k], _spelling_of_core(company, k)))

    def report(self, span: Span, misspelled: bool, suggestion: str, sure: bool = True) -> None:
        end = span.end_char
        if span.text.endswith(".") and not suggestion.endswith("."):
            end -= 1  # "Acmee Corp." at a sentence end: the full stop is not the name's
        key = (span.start_char, end)
        if key in self.reported:
            return
        self.reported.add(key)
        written = self.ctx.note.text[key[0]:key[1]]
        if misspelled:
            self.ctx.emit(COMPANY_MISMATCH, *key,
                          f"'{written}' looks like a misspelling of the company's name; write "
                          f"it as '{suggestion}'.", [suggestion], fix_safe=True)
        else:
            found = self.ctx.emit(COMPANY_MISMATCH, *key,
                                  f"'{written}' is named where {self.company} belongs; if this "
                                  f"was copied from another application, replace it with "
                                  f"'{self.company}'.", [self.company], fix_safe=False)
            if found is not None and not sure and found.severity == "error" \
                    and COMPANY_MISMATCH.id not in self.ctx.config.severity:
                # Only "at X" or "work with X": perhaps a client, a venue or a past
                # employer; not sure enough to block a send.
                self.ctx.findings[-1] = replace(found, severity="warning")

    def check_misspelled(self, span: Span) -> bool:
        """Report ``span`` when it is a near-miss of the company's name; True when reported."""
        words = [w.rstrip(".") for w in _WORD.findall(fold(span.text))]
        if " ".join(words) == self.full_text and span.text != self.company \
                and not span.text.isupper():
            self.report(span, True, self.company)  # case only: "Paypal" for "PayPal"
            return True
        for goal_words, spelled in self.goals:
            size, goal = len(goal_words), " ".join(goal_words)
            for i in range(0, len(words) - size + 1):
                written = " ".join(words[i:i + size])
                if written == goal:
                    return False  # the company itself (perhaps with more words after it)
                if _similar(written, goal):
                    sub = span[i:i + size] if len(span) == len(words) else span
                    self.report(sub, True, spelled)
                    return True
        return False

    def is_company(self, words: list[str]) -> bool:
        n = len(self.target)
        return words[:n] == self.target or self.target[:len(words)] == words

    def misspellings(self) -> None:
        """Misspellings anywhere: runs of capitalised proper nouns and ORG entities."""
        seen_runs: set[tuple[int, int]] = set()
        for tok in self.ctx.doc:
            if not _capitalised(tok) or tok.pos_ not in ("PROPN", "NOUN", "X"):
                continue
            run = _name_run(tok)
            if (run.start, run.end) in seen_runs:
                continue
            seen_runs.add((run.start, run.end))
            if all(fold(t.text) in self.skip_words for t in run if t.is_alpha):
                continue
            self.check_misspelled(run)

    def others(self) -> None:
        """Another organisation in a company position."""
        for tok, sure in _positions(self.ctx.doc):
            run = _name_run(tok)
            if self._not_another_company(run, sure) or self.check_misspelled(run):
                continue
            self.report(run, False, self.company, sure)

    def _not_another_company(self, run: Span, sure: bool) -> bool:
        if (run.start_char, run.end_char) in self.reported or any(
                t.ent_type_ in _NOT_NAMES for t in run):
            return True
        words = _core_words(run.text)
        if not words or self.is_company(words):
            return True
        parts = _parts(run.text)
        if parts and all(w in self.own_words or w == "and" for w in parts):
            return True  # "at Covenant-Hill Telecoms", "Juniper & Oak's commitment"
        if run.text.isupper() and len(run) == 1 and run.text.rstrip(".") in self.initials:
            return True  # "RUSD" for Redwood Unified School District
        if any(t.ent_type_ in _PLACES for t in run) and not (
                sure and all(t.ent_type_ == "FAC" for t in run)):
            return True  # a place or an event; the parse's FAC is no match for "the role at X"
        doc = self.ctx.doc
        if run.end < len(doc) and doc[run.end].lemma_.lower() in _data()["sites"]:
            return True  # "the Cedar Park branch", "the MASFAA conference"
        if any(w in _data()["sites"] for w in words):
            return True  # "the Office of Student Life", "Autumn Fair"
        if _names_a_site(run):
            return True  # "at the Nagpur metro depot project", "at the Harrogate home"
        if any(w in _data()["institutions"] for w in words):
            return True
        if all(w in self.skip_words for w in words):
            return True
        if run[0].lower_.rstrip(".") in TITLES:
            return True  # "an interview with Engr. Tunde Bakare": a person, for the name rules
        if not sure and run.end < len(doc) and doc[run.end].ent_type_ in ("DATE", "TIME"):
            return True  # "perhaps at UXINDIA later this year": an event or a venue
        if len(run) > 1 and all(t.ent_type_ == "PERSON" for t in run) and not (
                run.start > 0 and doc[run.start - 1].lower_ in ("at", "to", "for")):
            return True  # "Mark Lee's team": a person; but "bring my skills to X" is no person's
        if len(run) == 1 and run.end < len(doc) and doc[run.end].text in _POSSESSIVE \
                and _given_name(run.text):
            return True  # "join Mark's team": a person's team, not a company
        return _own(run.root, sure)


#: Entity types of places, events and products: never another employer in the note.
_PLACES = frozenset(("LOC", "FAC", "EVENT"))
#: Entity types that are never an organisation's name.
_NOT_NAMES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"))


def _parts(name: str) -> list[str]:
    """The folded words of a name split at hyphens, "&" and a possessive ending."""
    folded = _POSSESSIVE_END.sub("", fold(name))
    return [w for w in re.split(r"[^\w]+", folded) if w]


_POSSESSIVE_END = re.compile(r"(?:'s|’s|'|’)(?=\W|$)")


def _names_a_site(run: Span) -> bool:
    """"the X metro depot project", "the X home": a capitalised word modifying lower-case
    nouns of one noun phrase after "the" names a place of the company's (the phrase ends in a
    place: data ``site_heads``), not another company ("the X team", "the X family" stay
    company positions)."""
    doc, root = run.doc, run.root
    head = root.head
    if root.dep_ not in ("compound", "amod", "nmod") or head.i < run.end \
            or run.start == 0 or doc[run.start - 1].lower_ != "the":
        return False
    between = doc[run.end:head.i + 1]
    if not all(t.pos_ == "NOUN" and t.text.islower() for t in between):
        return False
    return head.lemma_.lower() in _data()["site_heads"]


def _run(ctx: LintContext) -> None:
    company = (ctx.about.company or "").strip()
    target = _core_words(company) if company else []
    if not target:
        return
    check = _CompanyNames(ctx, company, target)
    check.misspellings()
    check.others()


def _given_name(word: str) -> bool:
    """A known given name or nickname (the `nicknames` data package)."""
    return bool(nicknames_of(word) or canonicals_of(word))


def _spelling_of_core(company: str, size: int) -> str:
    """The first ``size`` words of the company's name, as the company writes them."""
    words = company.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(words[:size])


CHECK = Check(name="company", rules=(COMPANY_MISMATCH,), run=_run)
