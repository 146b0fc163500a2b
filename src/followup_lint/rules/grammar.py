"""Grammar and spelling, by LanguageTool: its matches become `grammar` and `spelling` findings.

Why: interview advice is unanimous that a note with spelling or grammar mistakes can put a
candidate out of the running; proofread it. LanguageTool does the proofreading; this module
decides what a candidate should see: a panel member's name, a nickname of one, the company,
the role, the writer's own name and the config's accepted words are never spelling errors,
and a name the name check already reported is not reported twice.

The request is sent before spaCy parses the note (``Check.prepare``) so the two overlap;
the check joins it. When LanguageTool cannot answer, ``result.skipped["grammar"]`` says why
(or, with ``require_grammar``, GrammarUnavailable is raised).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import nlp
from ..data import load
from ..errors import GrammarUnavailable
from ..languagetool.limits import MAX_TEXT
from ..note import blank, cut_at_whitespace
from ..reading.placeholders import find_placeholders
from ..roster import fold, nicknames_of
from .base import Check, CheckFn, Example, LintContext, Rule
from .length import letter_body

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..config import Config
    from ..languagetool.client import LTMatch, Pending
    from ..note import Note
    from .selection import RuleTable

#: Most replacements shown per finding.
MAX_SUGGESTIONS = 5

GRAMMAR = Rule(
    id="grammar",
    category="grammar",
    severity="warning",
    summary="A grammar, punctuation or style mistake LanguageTool found.",
    why="Hiring managers read a careless mistake as carelessness; a proofread note shows "
        "the attention to detail the interview tried to show.",
    source="LanguageTool (languagetool.org) rules; 'proofread it' in every follow-up guide.",
    fix="unsafe",
    needs_grammar=True,
    bad=(
        Example("Dear Ms. Lee,\n\nThank you for your time. I has five years of experience "
                "in data analysis.\n\nBest,\nSam", roster=("Ms. Ana Lee",)),
        Example("Thank you for meeting with me. I look forward to hear from you."),
    ),
    good=(
        Example("Dear Ms. Lee,\n\nThank you for your time yesterday. I enjoyed meeting the "
                "team and learning about the analyst role.\n\nBest regards,\nSam",
                roster=("Ms. Ana Lee",)),
        # A placeholder is not sent as words, so the blank it leaves is no grammar mistake.
        Example("Dear {{ name }},\n\nThank you for your time at {{ company }}.",
                config={"template": True}),
    ),
)

SPELLING = Rule(
    id="spelling",
    category="spelling",
    severity="error",
    summary="A misspelled word (panel names, the company, the role and accepted words excepted).",
    why="A spelling mistake in a two-paragraph note is the one thing a reader always "
        "notices; it can put a candidate out of the running.",
    source="LanguageTool's spell checker; 'proofread it' in every follow-up guide.",
    fix="unsafe",
    needs_grammar=True,
    bad=(
        Example("Thank you for the interveiw yesterday; I enjoyed meeting the team."),
        # Accents and emoji before a mistake: offsets still point at the word.
        Example("Merci, Zoë! 😀 I enjoyed the café tour and the teeam lunch."),
    ),
    good=(
        Example("Dear Ms. Szczepanska,\n\nThank you for your time yesterday.",
                roster=("Ms. Agnieszka Szczepanska",)),
        Example("Hi Effy, thank you for showing me around.", roster=("Euphemia Lawson",)),
        Example("I enjoyed learning how Zorblax builds the Fintrexa platform.",
                context={"company": "Zorblax", "role": "Fintrexa engineer"}),
        Example("Thanks again; I am keen to work on Quoxical.",
                config={"accepted_words": ["Quoxical"]}),
    ),
)

_WORD = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


@dataclass
class GrammarRequest:
    """A LanguageTool check in flight for one note."""

    #: The text sent: analysis_text with placeholders blanked, same offsets as the note.
    text: str
    #: Spans blanked here (placeholders): matches over them are dropped.
    blanked: list[tuple[int, int]] = field(default_factory=list)
    pending: Pending | None = None
    #: Why this English variant ran, when it was chosen from the note ("auto").
    variant: str | None = None

    def matches(self) -> list[LTMatch]:
        """Wait for LanguageTool's matches; raises GrammarUnavailable."""
        return [] if self.pending is None else self.pending.result()


def request_grammar(note: Note, config: Config, *,
                    background: bool = False) -> GrammarRequest | None:
    """Send a note to LanguageTool; None when grammar is off.

    Call it before parsing so that LanguageTool checks while spaCy parses.
    ``background=True`` (lint_many) queues it on a few worker threads instead.
    Placeholders, as the placeholder rule finds them, are not sent as words.
    """
    if not config.grammar:
        return None
    from ..languagetool.client import submit

    blanked = [(s, e) for s, e, _name in find_placeholders(note.analysis_text,
                                                            config.placeholder_patterns)]
    # The same part the parse covers, and no more than LanguageTool accepts.
    text = cut_at_whitespace(blank(note.analysis_text, blanked),
                             min(MAX_TEXT, config.max_parse_chars))
    if not text.strip():
        return GrammarRequest(text=text, blanked=blanked)
    config, why = email_profile(config, text, note.headers)
    return GrammarRequest(text=text, blanked=blanked, variant=why,
                          pending=submit(text, config, background=background))


def profile_disabled_rules() -> dict[str, str]:
    """LanguageTool rules off by default for short emails, each with its justifying figure
    (data/languagetool.toml)."""
    return dict(load("languagetool")["disabled"])



def english_variant(text: str, headers: dict[str, str] | None = None) -> tuple[str, str]:
    """(LanguageTool code, why) for a note: en-GB when its Content-Language says so, when
    the From address is in a British-spelling country domain, or when it spells more words
    the British way than the American way; else en-US."""
    data = load("languagetool")["variant"]
    headers = headers or {}
    lang = headers.get("content-language", "").strip().lower()
    if lang.startswith("en-") and lang != "en-us":
        return "en-GB", f"Content-Language is {lang}"
    sender = headers.get("from", "")
    tld = re.search(r"@[\w.-]+\.([a-z]{2})\b", sender.lower())
    if tld and tld.group(1) in data["british_domains"]:
        return "en-GB", f"the From address is in .{tld.group(1)}"
    low = text.lower()
    words = set(re.findall(r"[a-z]+", low))
    british = sorted(w for w in data["british"] if (" " in w and w in low) or w in words)
    american = [w for w in data["american"] if w in words]
    if british and len(british) >= len(american):
        shown = ", ".join(repr(w) for w in british[:3])
        return "en-GB", f"the note spells the British way ({shown})"
    return "en-US", "no British spellings in the note"


def email_profile(config: Config, text: str,
                  headers: dict[str, str] | None = None) -> tuple[Config, str | None]:
    """The config LanguageTool is asked with: the email profile's rules off (less those
    the user turned back on, plus the user's own), and the English variant when "auto"."""
    enabled = {r.upper() for r in config.languagetool_enabled_rules}
    off = [r for r in profile_disabled_rules() if r not in enabled]
    off += [r for r in config.languagetool_disabled_rules if r not in off]
    why = None
    language = config.languagetool_language
    if language.lower() == "auto":
        language, because = english_variant(text, headers)
        why = f"LanguageTool checked {language} English: {because} (languagetool-language)"
    return replace(config, languagetool_disabled_rules=off, languagetool_language=language), why


def is_spelling(match: LTMatch) -> bool:
    """A speller match (MORFOLOGIK_RULE_*, HUNSPELL_*) or another typo LanguageTool marks
    as a misspelling; confused words ("their is") stay grammar."""
    rule = match.rule_id.upper()
    return (rule.startswith(("MORFOLOGIK_RULE", "HUNSPELL")) or "SPELLER" in rule
            or "MULTITOKEN_SPELLING" in rule  # "Paul Anders" -> a famous name's spelling
            or (match.issue_type == "misspelling" and match.category_id == "TYPOS"))


def _words(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def accepted_words(ctx: LintContext) -> frozenset[str]:
    """Folded words never reported as spelling: roster names (every part) and their
    nicknames, the company, the role, the writer's own name, config.accepted_words."""
    return _accepted(tuple(p.name for p in ctx.roster), ctx.about.company, ctx.about.role,
                     ctx.about.writer, tuple(ctx.config.accepted_words))


@lru_cache(maxsize=64)
def _accepted(names: tuple[str, ...], company: str | None, role: str | None,
              writer: str | None, extra: tuple[str, ...]) -> frozenset[str]:
    # Cached: a batch or a template folder lints many notes for one roster and context.
    words: set[str] = set()
    for name in names:
        for part in _words(name):
            words.add(part)
            words.update(nicknames_of(part))
    for text in (company, role, writer, *extra):
        words.update(_words(text))
    return frozenset(fold(w) for w in words)


#: Entity labels whose capitalised words are proper nouns, never spelling errors.
_PROPER_LABELS = frozenset({"ORG", "PRODUCT", "GPE", "LOC", "FAC", "NORP", "EVENT",
                            "WORK_OF_ART", "LAW"})


def proper_noun_spans(ctx: LintContext) -> list[tuple[int, int]]:
    """Spans of organisations, products and places as the parse sees them, of all-capital
    proper nouns (acronyms such as NEBOSH, CDSCO), of camel-case names (PayKart, SAFe) and of
    capitalised proper nouns inside a sentence ("near Dawanau market", "at Brightline I")."""
    spans = [(e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ in _PROPER_LABELS]
    spans += [(t.idx, t.idx + len(t.text)) for t in ctx.doc if _proper_word(t)]
    return spans


@lru_cache(maxsize=1)
def _both_variants() -> frozenset[str]:
    return frozenset(load("languagetool")["variant"].get("both", ()))


def _all_capitals(text: str) -> bool:
    """Two or more letters, every one a capital ("ACCA", "PLEXOS"; not "THank")."""
    letters = [c for c in _POSSESSIVE.sub("", text) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _mixed_case(text: str) -> bool:
    """A capital after the first letter and a small letter: NextEra, SAFe, tele-ICU."""
    return any(c.isupper() for c in text[1:]) and any(c.islower() for c in text)


def _closed_compound(word: str, suggestions: list[str]) -> bool:
    """The speller's first suggestion is ``word`` split into two words of four letters or
    more ("handloom" -> "hand loom"): a compound written closed, not a typo ("alot" stays,
    and so does a part of three letters: "dataviz" -> "data viz" is a word to accept, not one
    every speller knows)."""
    if not suggestions:
        return False
    parts = suggestions[0].split()
    return (len(parts) == 2 and "".join(parts).casefold() == word.casefold()
            and min(len(p) for p in parts) >= 4)


#: Edits between a word and the speller's first suggestion above which the word is more
#: likely missing from the dictionary than misspelled (the labelled typos are 1-2 edits).
FAR_EDITS = 3


def _far(word: str, suggestions: list[str]) -> bool:
    import jellyfish

    if not suggestions:
        return True
    return jellyfish.damerau_levenshtein_distance(word.casefold(),
                                                  suggestions[0].casefold()) >= FAR_EDITS


#: Shorter capitalised words one edit from a dictionary word were as often names the
#: dictionary lacks (Ogun, Hosur, Baddi, Gramin on the good-note sets) as typos.
SLIP_MIN_LETTERS = 7

#: A Shift key held one letter too long: "THank", "INterview" (not "SAFe", "NextEra").
_SHIFT_SLIP = re.compile(r"[A-Z]{2}[a-z]{2,}")


def _common_word_slip(word: str, suggestions: list[str], proper: bool) -> bool:
    """A capitalised word that is a slip on an ordinary English word, so a typo even where a
    proper noun could stand: a Shift key held too long ("THank"), or, where the parse took it
    for a proper noun (``proper``), one edit from a dictionary word the speller suggests ("the
    Marketting team", "by Febuary 3", "the Data Analsyt role")."""
    import jellyfish

    words = nlp.english_words()
    if words is None or not suggestions:
        return False
    if _SHIFT_SLIP.fullmatch(word):
        return word.casefold() in words
    if not proper or _mixed_case(word) or word.isupper() or len(word) < SLIP_MIN_LETTERS:
        return False  # "SAFe" -> "Safe" a brand, "PICU" an acronym, "Ogun" -> "Gun" a place
    first = suggestions[0]
    return (first[:1].casefold() == word[:1].casefold()
            and all(_ordinary(w.casefold(), words) for w in first.split())
            and jellyfish.damerau_levenshtein_distance(word.casefold(), first.casefold()) <= 1)


#: Productive endings that make new words from known ones ("dense" -> "densification").
_DERIVED = ("ification", "isation", "ization")


def _unsure_word(word: str, suggestions: list[str]) -> bool:
    """A lower-case word that is more likely missing from the dictionary than misspelled, so
    never an error: a short run of consonants (a tool or an abbreviation: "dbt", "npm"), two
    known words of four letters or more written closed ("homeware"), or a known word with a
    productive ending ("densification"); but not a letter doubled, dropped or swapped from
    the speller's suggestion ("writting" is "writing", not "writ" + "ting")."""
    import jellyfish

    words = nlp.english_words()
    low = word.casefold()
    if not low.isalpha() or words is None:
        return False
    if len(low) <= 4 and not re.search(r"[aeiouy]", low):
        return True
    first = suggestions[0].casefold() if suggestions else ""
    if first and (len(first) != len(low) or sorted(first) == sorted(low)) \
            and jellyfish.damerau_levenshtein_distance(low, first) == 1:
        return False
    if any(_ordinary(low[:i], words) and _ordinary(low[i:], words)
           for i in range(4, len(low) - 3)):
        return True
    for end in _DERIVED:
        stem = low[:-len(end)]
        if low.endswith(end) and len(stem) >= 3 and any(
                stem + tail in words for tail in ("", "e", "y")):
            return True
    return False


def _ordinary(word: str, words: frozenset[str]) -> bool:
    """In the model's word lists, directly or as an inflection ("marketing" from "market")."""
    if word in words:
        return True
    for end in ("ing", "ed", "es", "s", "er", "ers", "ly"):
        stem = word[:-len(end)]
        if word.endswith(end) and len(stem) >= 3 and (stem in words or stem + "e" in words):
            return True
    return False


def _proper_word(tok: Token) -> bool:
    """A word only a proper noun is written as. Names of people, companies and roles have
    their own checks; the speller's dictionary cannot know the rest of the world's names."""
    text = tok.text
    if len(text) < 2 or not text[0].isalpha():
        return False
    if _mixed_case(text):
        return True  # mixed case (NextEra, AutoPay, SAFe): a brand or product, never a typo
    if tok.pos_ != "PROPN" or not text[0].isupper():
        return False
    return text.isupper() or not tok.is_sent_start


#: British -> American spelling changes (and back): a word whose suggestion is the same word
#: spelled the other way is correct English, not a typo.
_VARIANT_PAIRS: tuple[tuple[str, str], ...] = (
    ("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
    ("yse", "yze"), ("ysed", "yzed"), ("our", "or"), ("tre", "ter"), ("tred", "tered"),
    ("tres", "ters"), ("tring", "tering"), ("ller", "ler"), ("ogue", "og"),
    ("ence", "ense"), ("lled", "led"), ("lling", "ling"), ("mme", "m"), ("enquire", "inquire"),
    ("enquiry", "inquiry"), ("enquiries", "inquiries"), ("ae", "e"), ("oe", "e"))


def other_variant(word: str, suggestions: Iterable[str]) -> bool:
    """True when LanguageTool's suggestion for ``word`` is the same word in the other variant
    of English (characterisation / characterization, color / colour, enquire / inquire)."""
    low = word.casefold()
    for suggestion in list(suggestions)[:3]:
        alt = suggestion.casefold()
        for gb, us in _VARIANT_PAIRS:
            for a, b in ((gb, us), (us, gb)):
                start = low.find(a)
                while start >= 0:
                    if low[:start] + b + low[start + len(a):] == alt:
                        return True
                    start = low.find(a, start + 1)
    return False


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _reason(error: GrammarUnavailable) -> str:
    """The error as one sentence: capital first, full stop last."""
    text = str(error).strip() or "LanguageTool could not be reached"
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _prepare(note: Note, config: Config, rules: RuleTable, background: bool) -> CheckFn | None:
    request = request_grammar(note, config, background=background)
    if request is None:
        return None
    return lambda ctx: _report(ctx, request)


def _signature_start(text: str) -> int:
    """Where the lines under the sign-off start (len(text) when there is no sign-off). They are
    not prose: "M.Ed.", "B.Tech (CSE)" and "BEng Civil Engineering" drew grammar findings there,
    every one judged false; the sign-off line itself is still checked."""
    body_end = letter_body(text)[1]
    if body_end >= len(text):
        return len(text)
    line_end = text.find("\n", body_end)
    return len(text) if line_end < 0 else line_end + 1


def _run(ctx: LintContext) -> None:
    # Only when the pipeline did not prepare the request before the parse.
    request = request_grammar(ctx.note, ctx.config)
    if request is not None:
        _report(ctx, request)


def _report(ctx: LintContext, request: GrammarRequest) -> None:
    if request.variant:
        # Chosen from the note before asking: said even when the server then times out.
        ctx.skipped["english-variant"] = request.variant
    try:
        matches = request.matches()
    except GrammarUnavailable as e:
        if ctx.config.require_grammar:
            raise GrammarUnavailable(f"the grammar check is required (require_grammar) "
                                     f"but could not run: {e}") from None
        ctx.skipped["grammar"] = _reason(e)
        return
    accepted: frozenset[str] | None = None
    proper: list[tuple[int, int]] | None = None
    names = ctx.name_spans
    text = ctx.note.text
    signature = _signature_start(text)
    for m in matches:
        if m.end <= m.start or _overlaps(m.start, m.end, request.blanked) \
                or (m.start >= signature and not is_spelling(m)):
            continue
        suggestions = list(m.replacements[:MAX_SUGGESTIONS])
        source = f"languagetool:{m.rule_id}"
        if is_spelling(m):
            if _overlaps(m.start, m.end, names):
                continue  # the name check has it (or deliberately left it)
            if accepted is None:
                accepted = accepted_words(ctx)
            words = _words(_POSSESSIVE.sub("", text[m.start:m.end]))
            if words and all(fold(w) in accepted for w in words):
                continue
            if proper is None:
                proper = proper_noun_spans(ctx)
            flagged = text[m.start:m.end]
            in_proper = _overlaps(m.start, m.end, proper) and flagged[:1].isupper()
            slip = _common_word_slip(flagged, suggestions, in_proper)
            if not slip and in_proper:
                continue  # a place, organisation or product the parse recognised
            if (not slip and _mixed_case(flagged)) or _closed_compound(flagged, suggestions):
                continue  # "tele-ICU", "handloom" (-> "hand loom"): not typos
            if flagged.casefold() in _both_variants() or _all_capitals(flagged):
                continue  # "LOPA", "ERCOT": an acronym (Word's "ignore words in UPPERCASE")
            if ctx.config.languagetool_language == "auto" and other_variant(flagged, suggestions):
                # Correct in the other English ("realise" checked as en-US): a writer may
                # mix them; a variant the user set explicitly is enforced.
                continue
            message = (f"'{flagged}' looks misspelled; did you mean '{suggestions[0]}'?"
                       if suggestions else f"'{flagged}' looks misspelled.")
            if not m.rule_id.upper().startswith(("MORFOLOGIK", "HUNSPELL")) and m.message:
                message = m.message
            found = ctx.emit(SPELLING, m.start, m.end, message, suggestions, source=source,
                             fix_safe=False)
            if found is not None and found.severity == "error" \
                    and SPELLING.id not in ctx.config.severity \
                    and ((in_proper and slip) or _far(flagged, suggestions)
                         or _unsure_word(flagged, suggestions)):
                # A slip where a proper noun could stand ("Stanbic" -> "Stannic" is a bank),
                # no dictionary word near it ("agritech"), or a word built from known ones
                # ("homeware", "densification", "dbt"): more often a word the dictionary
                # lacks than a typo; told, but not sure enough to block.
                ctx.findings[-1] = replace(found, severity="warning")
        else:
            label = f" ({m.category_name})" if m.category_name else ""
            ctx.emit(GRAMMAR, m.start, m.end, f"{m.message}{label}", suggestions,
                     source=source, fix_safe=False)


CHECK = Check(name="grammar", rules=(GRAMMAR, SPELLING), run=_run, prepare=_prepare)
