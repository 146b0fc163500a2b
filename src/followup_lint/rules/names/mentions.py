"""Where a note names people: its greeting, titles with names, PERSON entities, and roster
words elsewhere in the body; and where the writer names themself (sign-off, "My name is").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from ...data import load
from ...nlp import doc_text, english_words
from ...roster import INVISIBLE, PARTICLES, normalize_name, title_key
from .matching import RosterIndex, key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Source = Literal["greeting", "title", "person", "body"]

_LETTER = r"(?:[^\W\d_][\u0300-\u036f]*)"
#: Letters with invisible characters between them ("Sm\u200dyth"): one word, read clean.
_RUN = rf"{_LETTER}+(?:{INVISIBLE.pattern}+{_LETTER}+)*"
#: A word of a name: letters (with combining accents), joined by apostrophes or hyphens.
WORD_RE = re.compile(rf"{_RUN}(?:['’‘ʼ\-]{_RUN})*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_NOT_NAME_ENTS = frozenset("DATE TIME MONEY QUANTITY ORDINAL CARDINAL PERCENT".split())


@dataclass(frozen=True)
class Word:
    """A word of the note and its offsets in the analysis text (a possessive 's removed).

    ``text`` is the word as read for matching: NFKC with invisible characters removed, so
    ``text`` can differ from the note's ``[start:end]`` (which findings point at).
    """

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return key(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class Mention:
    """A run of name words the note uses for one person, with the title written before it."""

    words: list[Word]
    source: Source
    title: Word | None = None
    #: The sentence says this is a person (object of "meet", "with" after "talk", a conjunct
    #: of another person...): enough for a one-word name of any origin to be reported.
    cued: bool = False

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


@dataclass
class NoteNames:
    """Everything the name rules need to know about one note."""

    mentions: list[Mention] = field(default_factory=list)
    #: Keys of the words the writer uses for themself (sign-off, self-introduction, context).
    writer_keys: set[str] = field(default_factory=set)
    #: Spans of the writer's own name (sign-off, "My name is ...").
    writer_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class NameData:
    """The name rules' word lists (data/names.toml), compiled once."""

    greeting_re: re.Pattern[str]
    greeting_words: frozenset[str]
    addressees: frozenset[str]
    #: Longest first: "best regards" before "best".
    signoffs: tuple[str, ...]
    intro_re: re.Pattern[str]
    common: frozenset[str]
    org: frozenset[str]


@cache
def _data() -> NameData:
    raw = load("names")

    def by_length(xs: list[str]) -> tuple[str, ...]:
        return tuple(sorted({x.casefold() for x in xs}, key=len, reverse=True))

    greetings = by_length(raw["greetings"])
    intro = by_length(raw["self_intro"])
    return NameData(
        greeting_re=re.compile(r"\s*(?:" + "|".join(re.escape(g) for g in greetings) + r")\b",
                               re.IGNORECASE),
        greeting_words=frozenset(w for g in greetings for w in g.split()),
        addressees=frozenset(a.casefold() for a in raw["addressees"]),
        signoffs=by_length(raw["signoffs"]),
        intro_re=re.compile(r"(?:^|(?<=[\s.!?]))(?:" + "|".join(re.escape(i).replace("'", "['’]")
                                                              for i in intro)
                            + r")\s+(?=[^\W\d_])", re.IGNORECASE),
        common=frozenset(c.casefold() for c in raw["common_words"]),
        org=frozenset(o.casefold() for o in raw["org_words"]),
    )


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The name-like words of ``text[start:end]`` with their offsets."""
    out = []
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        s, e = m.start(), m.end()
        word = m.group()
        pm = _POSSESSIVE.search(word)
        if pm and len(word) > 3:
            e -= 2
            word = word[:-2]
        if not word.isascii():  # the note as the roster is read: "Sm\u200dyth" is Smyth
            word = normalize_name(word)
        out.append(Word(s, e, word))
    return out


def _adjacent(text: str, a: Word, b: Word) -> bool:
    """Whether b follows a in the same name: one space, or a title/initial's period."""
    gap = text[a.end:b.start]
    if gap == " " or gap == "-":
        return True
    return gap in (". ", ".") and (title_key(a.text) is not None or len(a.text) == 1)


def _is_particle(w: Word) -> bool:
    return w.text.casefold() in PARTICLES


def _name_like(w: Word) -> bool:
    return w.capitalised and title_key(w.text) is None


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _contact_line(line: str) -> bool:
    """A short line under the writer's name: a phone number, an address, credentials."""
    line = line.strip()
    return len(line.split()) <= 6 and not line.endswith((".", "?", "!", ":"))


def _signoff(text: str, words: list[Word]) -> tuple[int, list[Word]]:
    """Where the sign-off starts (len(text) when there is none) and the writer's name words."""
    data = _data()
    lines: list[tuple[int, int]] = []
    pos = len(text)
    while pos > 0 and len(lines) < 8:
        start, end = _line_bounds(text, pos - 1)
        if text[start:end].strip():
            lines.append((start, end))
        pos = start - 1 if start > 0 else 0
        if start == 0:
            break
    for start, end in lines:  # from the bottom up
        line = text[start:end].strip()
        low = line.casefold()
        for phrase in data.signoffs:
            if not low.startswith(phrase):
                continue
            rest = line[len(phrase):]
            if rest and rest[0].isalnum():
                continue  # "Bestow", "Thanksgiving"
            rest_words = words_of(rest)
            if all(_name_like(w) or _is_particle(w) for w in rest_words) and len(rest_words) <= 4 \
                    and not re.search(r"[?]", rest):
                after = text.index(line, start) + len(phrase)
                return start, [w for w in words if w.start >= after]
    # Any closing line ending in a comma ("Thanking you,", "Enjoy the rest of your week,")
    # then a short name line; below it at most two short contact or credential lines.
    for i in range(min(3, len(lines) - 1)):
        (s1, e1), (s0, e0) = lines[i + 1], lines[i]
        closing = text[s1:e1].strip()
        last = [w for w in words if s0 <= w.start < e0]
        if len(last) > 1 and title_key(last[0].text) is not None:
            last = last[1:]  # "Dr. Meera Pillai" signs with her title
        below = [text[s:e] for s, e in lines[:i]]
        if closing.endswith(",") and len(closing.split()) <= 8 and 1 <= len(last) <= 4 \
                and all(_name_like(w) or _is_particle(w) for w in last) \
                and all(_contact_line(line) for line in below):
            return s1, [w for w in words if s0 <= w.start < e0]
    if lines:  # a bare name on the last line, in its own paragraph: "Sam" or "Priya Raman"
        start, end = lines[0]
        last = [w for w in words if start <= w.start < end]
        before = text[:start].rstrip(" \t")
        if 1 <= len(last) <= 3 and all(w.capitalised for w in last) and before.endswith("\n\n") \
                and not text[start:end].rstrip().endswith((".", "?", "!", ":")):
            return start, last
    return len(text), []


def _greeting(text: str, words: list[Word], index: RosterIndex | None) -> list[Mention]:
    """The people the first line addresses: "Dear Dr. Smyth and Mr. Baker," -> two mentions."""
    data = _data()
    m = None
    pos, seen = 0, 0
    while m is None and seen < 3:  # the greeting is one of the first lines (after a subject)
        found = re.compile(r"\S").search(text, pos)
        if found is None:
            return []
        line_start, line_end = _line_bounds(text, found.start())
        m = data.greeting_re.match(text, line_start, line_end)
        pos, seen = line_end, seen + 1
    if m is None:
        return []
    mentions: list[Mention] = []
    group = Mention(words=[], source="greeting")
    discard = False
    prev_end, prev_word = m.end(), None

    def close() -> None:
        nonlocal group, discard
        if group.words and not discard:
            mentions.append(group)
        group, discard = Mention(words=[], source="greeting"), False

    for w in words:
        if w.start < m.end():
            continue
        if w.start >= line_end:
            break
        gap = text[prev_end:w.start]
        if re.search(r"[:;!?()\[\]{}]|\s[-–—]\s|[–—]", gap):
            break
        abbreviation = prev_word is not None and (title_key(prev_word.text) is not None
                                                  or len(prev_word.text) == 1)
        if "." in gap and not abbreviation:
            break
        if "," in gap or "&" in gap or "/" in gap:
            close()
        prev_end, prev_word = w.end, w
        low = w.text.casefold()
        if low in ("and", "or"):
            close()
            continue
        if title_key(w.text) and not group.words and w.capitalised:
            group.title = w
            continue
        if low in data.addressees:
            discard = True
            continue
        if w.capitalised or (group.words and _is_particle(w)):
            group.words.append(w)
        elif index is not None and index.best(w.text) is not None:
            group.words.append(w)  # "hi katherine,": a roster name with the wrong capitals
        else:
            break  # prose has started: "Hi Katherine thanks for ..."
    close()
    return mentions


def _before_name(text: str, words: list[Word], j: int) -> bool:
    """Whether the particle ``words[j]`` starts a run of particles that ends in a
    capitalised word ("van der Berg")."""
    k = j + 1
    while k < len(words) and _is_particle(words[k]) and not words[k].capitalised \
            and _adjacent(text, words[k - 1], words[k]):
        k += 1
    return k < len(words) and words[k].capitalised and _adjacent(text, words[k - 1], words[k])


def _titled(text: str, words: list[Word], claimed: set[int]) -> list[Mention]:
    """"Dr. Smyth", "Mr. Jon Baker", "Professor van der Berg" anywhere in the note."""
    mentions = []
    i = 0
    while i < len(words):
        w = words[i]
        if title_key(w.text) and w.capitalised and w.start not in claimed:
            run: list[Word] = []
            j = i + 1
            prev = w
            while j < len(words) and len(run) < 4 and _adjacent(text, prev, words[j]):
                nxt = words[j]
                if _name_like(nxt) or (_is_particle(nxt) and _before_name(text, words, j)):
                    run.append(nxt)
                    prev = nxt
                    j += 1
                else:
                    break
            if run and not any(x.start in claimed for x in run):
                mentions.append(Mention(words=run, source="title", title=w))
                i = j
                continue
        i += 1
    return mentions


def _person_entities(doc: Doc, words: list[Word], by_start: dict[int, int],
                     claimed: set[int]) -> list[Mention]:
    greeting_words = _data().greeting_words
    starts = [w.start for w in words]
    mentions = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        lo = bisect.bisect_left(starts, ent.start_char)
        hi = bisect.bisect_left(starts, ent.end_char)
        inside = words[lo:hi]
        while inside and (inside[0].text.casefold() in greeting_words
                          or title_key(inside[0].text)):
            inside = inside[1:]
        while inside and not inside[-1].capitalised:
            inside = inside[:-1]
        inside = [w for w in inside if w.start not in claimed]
        if not inside or not inside[0].capitalised:
            continue
        if any(w.key in _data().org for w in inside):
            continue  # "Vistula Software": an organisation the parser took for a person
        title = None
        k = by_start[inside[0].start] - 1
        if k >= 0 and title_key(words[k].text) and _adjacent(doc_text(doc), words[k], inside[0]):
            title = words[k]
        mentions.append(Mention(words=inside, source="person", title=title))
    return mentions


_PERSON_VERBS = frozenset({"meet", "thank", "interview", "introduce", "invite", "greet",
                           "congratulate", "call", "email", "ask", "tell", "join"})
_WITH_VERBS = frozenset({"meet", "speak", "talk", "chat", "work", "interview", "sit", "catch",
                         "connect", "lunch", "visit", "pair", "collaborate", "thank"})
_WITH_NOUNS = frozenset({"chat", "conversation", "call", "session", "meeting", "lunch",
                         "coffee", "interview", "discussion", "talk", "time", "round",
                         "chats", "conversations", "calls", "sessions", "meetings"})
_SAY_VERBS = frozenset({"say", "mention", "explain", "tell", "ask", "show", "describe",
                        "share", "walk", "suggest", "introduce", "invite", "offer", "present",
                        "note", "interview", "give", "take", "lead", "answer"})
#: Entity types that are surely not a person; ORG and NORP are not here because the small
#: model often calls an unfamiliar given name ("Wojciech", "Priya") one of those.
_PLACE_OR_THING = frozenset("GPE LOC FAC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split()) \
    | _NOT_NAME_ENTS


def person_cue(tok: Token, persons: set[int]) -> bool:
    """Whether the sentence says ``tok`` (a proper noun) is a person: object of "meet" or
    "thank", "with"/"to" after "talk"/"chat"/"work" or "the chat with", subject of "said",
    or a conjunct of a word at a char offset in ``persons`` ("Jon and Ngozi")."""
    if tok.ent_type_ in _PLACE_OR_THING:
        return False
    head, dep = tok.head, tok.dep_
    if dep == "conj":
        root = head
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        return head.idx in persons or root.idx in persons
    if dep == "dobj" and head.lemma_.casefold() in _PERSON_VERBS:
        # "join Northwind": the company is skipped before this; "work with" needs PERSON.
        return head.lemma_.casefold() != "join"
    if dep == "poss":  # "Rachel's team"; "Google's team" is an ORG
        return tok.ent_type_ == "PERSON"
    if dep in ("nsubj", "nsubjpass") and head.lemma_.casefold() in _SAY_VERBS:
        return tok.ent_type_ == "PERSON"
    if dep == "pobj" and head.lower_ in ("with", "to"):
        verb = head.head
        lemma = verb.lemma_.casefold()
        if lemma == "work" and tok.ent_type_ != "PERSON":
            return False  # "worked with Spark": a product as often as a colleague
        if head.lower_ == "to":
            return verb.pos_ == "VERB" and lemma in ("speak", "talk", "chat", "introduce",
                                                     "say", "write", "reach", "thank")
        return lemma in _WITH_VERBS or (verb.pos_ == "NOUN" and lemma in _WITH_NOUNS)
    return False


def _cued(doc: Doc, words: list[Word], by_start: dict[int, int], claimed: set[int],
          persons: set[int], skip_keys: set[str]) -> list[Mention]:
    """One-word proper nouns the sentence marks as people, whatever their origin
    ("I enjoyed meeting Priya", "the chat with Chidi", "Jon and Ngozi")."""
    mentions = []
    greeting_words = _data().greeting_words
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.idx in claimed or not tok.text[:1].isupper():
            continue
        i = by_start.get(tok.idx)
        if i is None or i >= len(words) or words[i].end != tok.idx + len(tok.text) or len(tok.text) < 2:
            continue
        w = words[i]
        if (title_key(w.text) or w.key in skip_keys or w.key in _data().org
                or w.text.casefold() in greeting_words):
            continue
        if person_cue(tok, persons):
            mentions.append(Mention(words=[w], source="person", cued=True))
            persons.add(tok.idx)
    return mentions


def opens_sentence(w: Word, doc: Doc) -> bool:
    """Whether ``w`` starts a sentence or a line (where any word is capitalised)."""
    window = max(0, w.start - 80)  # a bounded look back: linear time on long notes
    before = doc_text(doc)[window:w.start].rstrip(" \t")
    if (not before and window == 0) or before.endswith(("\n", ".", "!", "?", ":")):
        return True
    tok = doc.char_span(w.start, w.end, alignment_mode="expand")
    return bool(tok is not None and len(tok) and tok[0].is_sent_start)


def common_words() -> frozenset[str]:
    """Keys of ordinary words that can be names ("will", "mark", "grace")."""
    return _data().common


def is_common_word(w: Word, doc: Doc) -> bool:
    """True for an ordinary word used as one ("Mark your calendar", "Will you", "in May")."""
    if w.key not in _data().common:
        return False
    tok = doc.char_span(w.start, w.end, alignment_mode="expand")
    if tok is None or not len(tok):
        return True
    t = tok[0]
    return not (t.pos_ == "PROPN" and t.ent_type_ == "PERSON")


def _eligible(w: Word, doc: Doc, claimed: set[int]) -> bool:
    """Whether a capitalised word of running text could be part of a name."""
    if w.start in claimed or not w.capitalised or len(w.text) < 2 or title_key(w.text):
        return False
    tok = doc.char_span(w.start, w.end, alignment_mode="expand")
    t = tok[0] if tok is not None and len(tok) else None
    if t is None or t.ent_type_ in _NOT_NAME_ENTS:
        return False
    if t.pos_ != "PROPN" and t.ent_type_ != "PERSON" and opens_sentence(w, doc):
        return False  # "Hope to hear from you", "Thanks again"
    return not is_common_word(w, doc)


def _body(doc: Doc, words: list[Word], claimed: set[int], index: RosterIndex,
          stop: int) -> list[Mention]:
    """Runs of capitalised words elsewhere with a roster-like word in them ("... with
    Katherine Smith"); the other words of a run are matched once the person is known."""
    text = doc_text(doc)
    mentions: list[Mention] = []
    current: list[Word] = []
    hit = False

    def flush() -> None:
        while current and _is_particle(current[-1]) and not current[-1].capitalised:
            current.pop()
        if current and hit:
            mentions.append(Mention(words=list(current), source="body"))

    for w in words:
        if w.start >= stop:
            break
        joins = bool(current) and _adjacent(text, current[-1], w)
        if joins and _is_particle(w) and not w.capitalised and w.start not in claimed:
            current.append(w)  # "María de la Cruz"
            continue
        ok = _eligible(w, doc, claimed)
        if ok and joins:
            current.append(w)
        else:
            flush()
            current, hit = ([w] if ok else []), False
        if ok and index.best(w.text) is not None:
            hit = True
    flush()
    return mentions


#: Parts of speech a lower-case roster name is not ("will", "do", "an").
_FUNCTION_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM",
                           "INTJ"})


def _lower_case(doc: Doc, words: list[Word], claimed: set[int],
                index: RosterIndex) -> list[Mention]:
    """Roster names written in lower case in running text ("talking with katherine"): only
    a word spelled exactly like a roster given or family name that is not an English word
    (the model's own word lists say which are), so "baker" or "rose" stay words."""
    english = english_words()
    if english is None:
        return []
    by_idx = {t.idx: t for t in doc}
    mentions = []
    for w in words:
        if w.start in claimed or not w.text.islower() or w.key not in index.lower_keys \
                or w.key in _data().common:
            continue
        tok = by_idx.get(w.start)
        # The whole token: not part of an address, a handle or a file name.
        if tok is None or tok.idx + len(tok.text) != w.end or tok.pos_ in _FUNCTION_POS:
            continue
        if w.text.casefold() in english or tok.lemma_.casefold() in english:
            continue
        mentions.append(Mention(words=[w], source="body"))
    return mentions


def find_names(doc: Doc, index: RosterIndex | None, writer_names: list[str],
               skip_keys: set[str]) -> NoteNames:
    """The name mentions of a parsed note and the writer's own names.

    ``writer_names`` are names known to be the writer's (context, From header);
    ``skip_keys`` are keys of words that are not people (the company, the role).
    """
    text = doc_text(doc)
    words = words_of(text)
    by_start = {w.start: i for i, w in enumerate(words)}
    result = NoteNames()
    for name in writer_names:
        result.writer_keys.update(w.key for w in words_of(re.sub(r"<[^>]*>", " ", name)))
    stop, signed = _signoff(text, words)
    for w in signed:
        if _name_like(w) or _is_particle(w):
            result.writer_keys.add(w.key)
            if result.writer_spans and _adjacent(text, Word(*result.writer_spans[-1], ""), w):
                result.writer_spans[-1] = (result.writer_spans[-1][0], w.end)  # "Sam Patel"
            else:
                result.writer_spans.append((w.start, w.end))
    for m in _data().intro_re.finditer(text):
        k = by_start.get(m.end())
        run: list[Word] = []
        while k is not None and k < len(words) and words[k].capitalised and len(run) < 3 \
                and (not run or _adjacent(text, run[-1], words[k])):
            run.append(words[k])
            k += 1
        if run:
            result.writer_keys.update(w.key for w in run)
            result.writer_spans.append((run[0].start, run[-1].end))
    words = [w for w in words if w.start < stop]
    claimed: set[int] = set()

    def take(mentions: list[Mention]) -> None:
        for mention in mentions:
            mention.words = [w for w in mention.words
                             if w.start not in claimed and w.key not in skip_keys]
            if mention.words:
                result.mentions.append(mention)
                claimed.update(w.start for w in mention.words)
                if mention.title is not None:
                    claimed.add(mention.title.start)

    take(_greeting(text, words, index))
    take(_titled(text, words, claimed))
    take(_person_entities(doc, words, by_start, claimed))
    if index is not None:
        take(_body(doc, words, claimed, index, stop))
        take(_lower_case(doc, words, claimed, index))
        # Surely people: addressed, titled, a full name or a roster name; a one-word PERSON
        # entity only once the sentence marks it ("I used Java, Scala" does not).
        persons = {w.start for m in result.mentions if m.source in ("greeting", "title")
                   or (m.source == "person" and len(m.words) > 1)
                   or all(w.key in index.keys for w in m.words) for w in m.words}
        for found in sorted(result.mentions, key=lambda found: found.start):
            if found.source == "person" and len(found.words) == 1:
                tok = doc.char_span(found.start, found.end, alignment_mode="expand")
                found.cued = bool(tok is not None and len(tok) and person_cue(tok[0], persons))
                if found.cued:
                    persons.add(found.start)
        take(_cued(doc, words, by_start, claimed, persons, skip_keys))
    return result
