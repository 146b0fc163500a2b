"""How a word written in a note compares with the words of the roster's names.

The roster is indexed once (``index_for``); every comparison after that is a dictionary
look-up or a few jellyfish calls on short strings, memoised per word. A word is compared
only with the parts it could match: same key or skeleton, a nickname, or a skeleton within
two edits (a deletion index, so the cost per word does not grow with the roster).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import lru_cache
from itertools import pairwise
from typing import Literal

import jellyfish

from ...nlp import english_words
from ...roster import PARTICLES, Person, Roster, canonicals_of, fold, known_given_names, nicknames_of

#: exact: as the roster writes it; form: same letters, other capitals/accents/punctuation;
#: nickname: a known nickname (either way round); close: a near spelling.
MatchKind = Literal["exact", "form", "nickname", "close"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_NOT_LETTER = re.compile(r"[^\w]|_")


def nfc(s: str) -> str:
    """NFC with one apostrophe: two spellings that look the same compare equal."""
    return unicodedata.normalize("NFC", s).translate(_APOSTROPHES)


@lru_cache(maxsize=16384)
def key(s: str) -> str:
    """Case- and accent-free form of a word ("José" -> "jose")."""
    return fold(nfc(s))


@lru_cache(maxsize=16384)
def skeleton(s: str) -> str:
    """``key`` without apostrophes, hyphens and spaces ("O'Neill" -> "oneill")."""
    return _NOT_LETTER.sub("", key(s))


@dataclass(frozen=True)
class NamePart:
    """One word of a roster name (or a whole compound family name, for run-together forms)."""

    text: str
    person: int
    #: given, preferred, middle, family, particle, piece (one half of a hyphenated word),
    #: compound (a family name with particles, matched only when written as one word),
    #: joined (two roster words run together, "Annemarie" or "Anne-Marie" for "Anne Marie").
    slot: str
    key: str
    skel: str
    metaphone: str
    nysiis: str
    #: For a piece: the hyphenated roster word it is part of ("Anne-Marie" for "Marie").
    whole: str = ""

    @property
    def is_given(self) -> bool:
        return self.slot in ("given", "preferred")


@dataclass(frozen=True)
class WordMatch:
    """How one note word relates to one roster name part."""

    part: NamePart
    kind: MatchKind
    score: float


def _part(text: str, person: int, slot: str) -> NamePart:
    k = key(text)
    return NamePart(text=nfc(text), person=person, slot=slot, key=k, skel=skeleton(text),
                    metaphone=jellyfish.metaphone(k), nysiis=jellyfish.nysiis(k))


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) <= 1


def person_parts(person: Person, index: int) -> list[NamePart]:
    """The words a note may use for ``person``: names, halves of hyphenated names, particles."""
    parts: list[NamePart] = []
    given_words = [(person.given, "given")] if person.given else []
    if person.preferred:
        given_words += [(w, "preferred") for w in person.preferred.split()]
    words = given_words + [(w, "middle") for w in person.middle]
    family_words = (person.family or "").split()
    for i, w in enumerate(family_words):
        is_particle = i < len(family_words) - 1 and w.casefold() in PARTICLES
        words.append((w, "particle" if is_particle else "family"))
    for text, slot in words:
        if not text or _is_initial(text):
            continue
        parts.append(_part(text, index, slot))
        if "-" in text and slot != "particle":
            parts.extend(replace(_part(piece, index, "piece"), whole=nfc(text))
                         for piece in text.split("-") if len(piece) > 1)
    if len(family_words) > 1:
        # Keyed on the run-together form, suggested as the roster writes it.
        parts.append(replace(_part("".join(family_words), index, "compound"),
                             text=nfc(person.family or "")))
    # Two neighbouring roster words written as one ("Anne-Marie" for "Anne Marie");
    # a family name with particles is the compound above.
    seq = [(text, slot) for text, slot in words if slot != "preferred"]
    for (a, sa), (b, sb) in pairwise(seq):
        if "particle" not in (sa, sb) and a and b and not (_is_initial(a) or _is_initial(b)):
            parts.append(replace(_part(a + b, index, "joined"), text=nfc(f"{a} {b}")))
    return parts


#: How sure the caller already is that the word is a roster name, loosest last.
class Mode(IntEnum):
    """How sure the note is that a word is a name, which sets how close a match must be."""

    BODY = 0  # a capitalised word anywhere
    NAMED = 1  # a word the note surely uses as a name (greeting, title, PERSON entity)
    ANCHORED = 2  # another word of the mention already says which person is meant


BODY, NAMED, ANCHORED = Mode.BODY, Mode.NAMED, Mode.ANCHORED


#: Above this many name parts a roster is "large": a capitalised word in running text must be
#: a near spelling by one edit, and neither an English word nor written in capitals, to be
#: taken for a slip (with 10,000 names most ordinary words are two edits from some name).
LARGE_ROSTER_PARTS = 300
#: Edits a near spelling may have outside ANCHORED mode (``_limit``'s largest value there).
_NEAR = 2


def _deletions(s: str, depth: int = _NEAR) -> set[str]:
    """``s`` with up to ``depth`` letters deleted: two words within ``depth`` edits
    (Damerau-Levenshtein) share at least one of these."""
    out, frontier = {s}, {s}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))} - out
        out |= frontier
    return out


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Lower-case English words of the spaCy model (empty when it has no word lists)."""
    return english_words() or frozenset()


def _limit(n: int, mode: Mode) -> int:
    """Largest edit distance accepted for a name of ``n`` letters."""
    if mode == ANCHORED:  # another word of the mention already says which person is meant
        return 1 if n <= 3 else 2 if n <= 9 else 3
    return 0 if n <= 2 else 1 if n <= 5 else 2


class RosterIndex:
    """A roster prepared for matching: its name parts, keyed several ways."""

    def __init__(self, people: tuple[Person, ...]) -> None:
        self.people = people
        self.parts: list[NamePart] = [p for i, person in enumerate(people)
                                      for p in person_parts(person, i)]
        self.by_key: dict[str, list[NamePart]] = {}
        self.by_skel: dict[str, list[NamePart]] = {}
        self.nick_of: dict[str, list[NamePart]] = {}   # nickname key -> given-name parts
        self.canon_of: dict[str, list[NamePart]] = {}  # canonical key -> nickname parts
        for part in self.parts:
            if part.slot not in ("compound", "joined"):
                self.by_key.setdefault(part.key, []).append(part)
            self.by_skel.setdefault(part.skel, []).append(part)
            if part.is_given:
                for nick in nicknames_of(part.key):
                    self.nick_of.setdefault(nick, []).append(part)
                for canon in canonicals_of(part.key):
                    self.canon_of.setdefault(canon, []).append(part)
        self.keys: frozenset[str] = frozenset(self.by_key)
        self._memo: dict[tuple[str, int, int], WordMatch | None] = {}
        #: Keys a lower-case word must equal to be taken for a roster name in running text.
        self.lower_keys: frozenset[str] = frozenset(
            p.key for p in self.parts
            if p.slot in ("given", "preferred", "family") and len(p.key) >= 3)
        self._by_person: list[list[NamePart]] = [[] for _ in people]
        for part in self.parts:
            self._by_person[part.person].append(part)
        self.large = len(self.parts) > LARGE_ROSTER_PARTS
        #: Deletion variants of skeletons -> parts a near spelling may be compared with.
        self._near: dict[str, list[NamePart]] = {}
        by_skel: dict[str, list[NamePart]] = {}
        for part in self.parts:
            if part.slot not in ("particle", "compound", "joined"):
                by_skel.setdefault(part.skel, []).append(part)
        for skel, parts in by_skel.items():
            for variant in _deletions(skel):
                self._near.setdefault(variant, []).extend(parts)
        self._order = {id(p): i for i, p in enumerate(self.parts)}
        self._cand_memo: dict[str, list[NamePart]] = {}
        self._cand_people: dict[str, frozenset[int]] = {}

    def people_for(self, word: str) -> frozenset[int]:
        """The people one of whose parts ``word`` could match outside ANCHORED mode."""
        found = self._cand_people.get(word)
        if found is None:
            found = frozenset(p.person for p in self.candidates(word))
            if len(self._cand_people) > 50_000:
                self._cand_people.clear()
            self._cand_people[word] = found
        return found

    def candidates(self, word: str) -> list[NamePart]:
        """The parts ``word`` could match outside ANCHORED mode, in roster order: the same
        key or skeleton, a nickname either way round, or a skeleton within two edits."""
        found = self._cand_memo.get(word)
        if found is not None:
            return found
        k, sk = key(nfc(word)), skeleton(word)
        seen: dict[int, NamePart] = {}
        for group in (self.by_key.get(k, ()), self.by_skel.get(sk, ()),
                      self.nick_of.get(k, ()), self.canon_of.get(k, ())):
            for part in group:
                seen.setdefault(id(part), part)
        for variant in _deletions(sk):
            for part in self._near.get(variant, ()):
                seen.setdefault(id(part), part)
        found = sorted(seen.values(), key=lambda p: self._order[id(p)])
        if len(self._cand_memo) > 50_000:
            self._cand_memo.clear()
        self._cand_memo[word] = found
        return found

    def compare(self, word: str, part: NamePart, mode: Mode = BODY) -> WordMatch | None:
        """How ``word`` (as written in the note) matches ``part``, or None.

        ``mode`` is BODY for a capitalised word anywhere, NAMED for a word the note surely
        uses as a name (greeting, title, PERSON entity), ANCHORED when another word of the
        same mention already matched this person.
        """
        memo_key = (word, id(part), mode)
        if memo_key in self._memo:
            return self._memo[memo_key]
        result = self._compare(nfc(word), part, mode, self.large)
        if len(self._memo) > 50_000:  # bounded: a long-lived process lints many notes
            self._memo.clear()
        self._memo[memo_key] = result
        return result

    @staticmethod
    def _compare(word: str, part: NamePart, mode: Mode, large: bool = False) -> WordMatch | None:
        if word == part.text:
            return WordMatch(part, "exact", 1.0)
        k, sk = key(word), skeleton(word)
        if part.slot == "particle":  # "Van der Berg" and "van der Berg" are both fine
            return WordMatch(part, "exact", 0.9) if k == part.key else None
        if part.slot in ("compound", "joined"):  # "Vanderberg" for "van der Berg"
            return WordMatch(part, "form", 0.9) if sk == part.skel else None
        if k == part.key or sk == part.skel:
            if word.isupper() and len(word) > 1 and sk == part.skel and k == part.key:
                return WordMatch(part, "exact", 0.98)  # capitals for emphasis: KATHERINE
            return WordMatch(part, "form", 0.95)
        distance = jellyfish.damerau_levenshtein_distance(sk, part.skel)
        if part.is_given and (k in nicknames_of(part.key) or k in canonicals_of(part.key)):
            # "Kate" for Katherine is a nickname; "Jon" for John is a respelling.
            if distance <= 1:
                return WordMatch(part, "close", 0.9)
            return WordMatch(part, "nickname", 0.8)
        n = max(len(sk), len(part.skel))
        if min(len(sk), len(part.skel)) < 2:
            return None
        if mode == BODY and ((sk[0] != part.skel[0] and n < 7) or k in known_given_names()):
            # In running text, "Spark" is not "Park" and "Evan" is someone else, not "Eva";
            # a long name with another first letter ("Ishwarya") is still a slip.
            return None
        limit = _limit(n, mode)
        if mode == BODY and large:
            # Many names make chance neighbours of ordinary words: "Backend" is two edits
            # from "Backlund", "ASAP" from "Asaph". Only a one-edit slip of a word that is
            # not English and not in capitals is taken for a misspelt name.
            if word.isupper() or k in _english_words():
                return None
            limit = min(limit, 1)
        if distance > limit + 1:
            return None
        jw = jellyfish.jaro_winkler_similarity(sk, part.skel)
        phonetic = (jellyfish.metaphone(k) == part.metaphone
                    or jellyfish.nysiis(k) == part.nysiis)
        score = 0.5 + 0.3 * jw + 0.1 * phonetic - 0.05 * distance
        if distance <= limit:
            # A capitalised word in running text must also look or sound like the name.
            if mode != BODY or distance < limit or jw >= 0.79 or phonetic:
                return WordMatch(part, "close", score)
            return None
        if mode == ANCHORED and phonetic and jw >= 0.85 and n >= 6:
            return WordMatch(part, "close", score - 0.1)
        return None

    def best(self, word: str, parts: list[NamePart] | None = None,
             mode: Mode = BODY) -> WordMatch | None:
        """The best match of ``word`` among ``parts`` (default: every roster part)."""
        best: WordMatch | None = None
        if parts is None:
            parts = self.candidates(word) if mode != ANCHORED else self.parts
        elif mode != ANCHORED and parts and parts[0].person not in self.people_for(word):
            return None  # none of this person's parts is a candidate for the word
        for part in parts:
            m = self.compare(word, part, mode)
            if m is not None and (best is None or m.score > best.score):
                best = m
        return best

    def parts_of(self, person: int) -> list[NamePart]:
        """The name parts of one person."""
        return self._by_person[person]


@lru_cache(maxsize=64)
def _index(people: tuple[Person, ...]) -> RosterIndex:
    return RosterIndex(people)


_by_roster: dict[int, tuple[tuple[Person, ...], RosterIndex]] = {}


def index_for(roster: Roster) -> RosterIndex:
    """The index of ``roster``, built once per distinct list of people."""
    people = tuple(roster.people)
    # The same Roster object again (lint_many, a long-lived process): identity checks are
    # far cheaper than hashing thousands of people for the cache below.
    hit = _by_roster.get(id(roster))
    if hit is not None and len(hit[0]) == len(people) \
            and all(a is b for a, b in zip(hit[0], people, strict=True)):
        return hit[1]
    index = _index(people)
    if len(_by_roster) >= 64:
        _by_roster.clear()
    _by_roster[id(roster)] = (people, index)
    return index
