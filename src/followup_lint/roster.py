"""The interview panel: people, how their names are written, and roster files."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .errors import RosterError
from .files import parse_json, parse_toml, read_text

#: Titles as written (lower case, no full stop), mapped to how they are printed.
TITLES: dict[str, str] = {
    "dr": "Dr.", "doctor": "Dr.", "prof": "Prof.", "professor": "Prof.", "mr": "Mr.",
    "ms": "Ms.", "mrs": "Mrs.", "miss": "Miss", "mx": "Mx.", "sir": "Sir", "dame": "Dame",
    "rev": "Rev.", "reverend": "Rev.",
    # Nigerian professional titles, written before the name like Dr.
    "engr": "Engr.", "pharm": "Pharm.", "barr": "Barr.", "arc": "Arc.", "hon": "Hon.",
    # Indian honorifics (Shrimati, Shri, Kumari), written before the name like Mrs. and Mr.
    "smt": "Smt.", "shri": "Shri", "kum": "Kum.", "kumari": "Kumari",
}

#: Lower-case particles that belong to the family name ("van der Berg", "de la Cruz").
PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le ten ter bin ibn al el mac st "
    "ó ní nic uí".split()  # the last four are Irish: Ó Súilleabháin, Ní Bhriain
)
_SUFFIXES = frozenset("jr sr ii iii iv phd md esq mba".split())
#: A preferred name the roster gives in quotes or brackets: Katherine "Kate" Smyth.
_PREFERRED = re.compile(r"""\s*(?:"([^"]+)"|“([^”]+)”|(?<!\S)'([^']+)'(?!\S)|\(([^)]+)\))\s*""")


def _is_suffix(word: str) -> bool:
    return word.strip(" ,").rstrip(".").replace(".", "").casefold() in _SUFFIXES


#: Default-ignorable code points (Unicode DerivedCoreProperties, Default_Ignorable_Code_Point):
#: invisible when shown, so "Sm\u200dyth" looks like "Smyth" but compares unequal to it.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                       "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff"
                       "\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                       "\U000e0000-\U000e0fff]")


def normalize_name(s: str) -> str:
    """``s`` for matching: NFKC (compatibility forms such as fullwidth letters folded) with
    default-ignorable code points (zero-width space and joiners, soft hyphen, BOM) removed."""
    return unicodedata.normalize("NFKC", INVISIBLE.sub("", s))


def fold(s: str) -> str:
    """Lower-case, accents removed: the key two spellings are compared on."""
    decomposed = unicodedata.normalize("NFKD", s)
    # Letters that do not decompose (ł, ø, đ, ß) are folded by hand: no NFKD form exists.
    return "".join(c for c in decomposed
                   if not unicodedata.combining(c)).casefold().translate(_UNDECOMPOSED)


_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                               "ı": "i", "ð": "d", "þ": "th", "ħ": "h"})


@cache
def _nicknamer():  # type: ignore[no-untyped-def]
    from nicknames import NickNamer  # imported late: loading its table costs ~50 ms

    return NickNamer()


@lru_cache(maxsize=4096)
def nicknames_of(name: str) -> frozenset[str]:
    """Known nicknames of a given name, lower case ("Katherine" -> {"kate", "kathy", ...}).

    One shared ``NickNamer`` (the ``nicknames`` package) for every rule.
    """
    return frozenset(_nicknamer().nicknames_of(name.casefold()))


@lru_cache(maxsize=4096)
def canonicals_of(name: str) -> frozenset[str]:
    """The given names ``name`` is a known nickname of, lower case ("Kate" -> {"katherine", ...})."""
    return frozenset(_nicknamer().canonicals_of(name.casefold()))


@cache
def known_given_names() -> frozenset[str]:
    """Every given name or nickname the ``nicknames`` data knows (English first names)."""
    nn = _nicknamer()
    return frozenset(nn.nickname_lookup) | frozenset(nn.canonical_lookup)


def title_key(word: str) -> str | None:
    """The TITLES key of ``word`` ("Dr." -> "dr"), or None when it is not a title."""
    key = word.strip().rstrip(".").casefold()
    return key if key in TITLES else None


@dataclass(frozen=True)
class Person:
    """One person on the panel, parsed from how the roster writes the name.

    ``Person.parse("Dr. Jan van der Berg")`` gives title "Dr.", given "Jan",
    family "van der Berg".
    """

    name: str
    title: str | None = None
    given: str | None = None
    middle: tuple[str, ...] = ()
    family: str | None = None
    role: str | None = None
    email: str | None = None
    #: The name the person goes by when the roster gives one: Katherine "Kate" Smyth.
    preferred: str | None = None

    @classmethod
    def parse(cls, raw: str, *, role: str | None = None, email: str | None = None,
              title: str | None = None) -> Person:
        """Parse a written name; raises RosterError when there is no name in it.

        Handles titles ("Dr.", "Prof. Dr."), suffixes ("Jr.", "PhD"), "Last, First",
        a preferred name in quotes or brackets, particles ("van der", "de la") and
        keeps hyphens, apostrophes, accents and inner capitals as written.
        """
        # Invisible characters are dropped so that the clean spelling matches the entry.
        text = normalize_name(" ".join(str(raw).split()))
        preferred = bracket_title = None
        m = _PREFERRED.search(text)
        if m:
            inner = next(g for g in m.groups() if g is not None).strip()
            if title_key(inner):  # "Dr. (Ms.) Ana Lee": a bracketed title
                bracket_title = TITLES[title_key(inner) or ""]
            elif inner:
                preferred = inner
            text = (text[:m.start()] + " " + text[m.end():]).strip()
        # Suffixes go first so that "King, Martin Luther, Jr." is still "Last, First".
        parts = [p.strip() for p in text.split(",")]
        while len(parts) > 1 and _is_suffix(parts[-1]):
            parts.pop()
        head = parts[0].split()
        named = [w for w in head[1:] if w.casefold() not in PARTICLES]  # "Dr. de la Cruz, Maria"
        if len(parts) >= 2 and len(named) >= 2 and title_key(head[0]):
            # "Barr. Aminat Bello, Managing Partner": a titled full name, then the job.
            role = role or ", ".join(p for p in parts[1:] if p) or None
            parts = parts[:1]
        if len(parts) >= 2 and parts[1] and title_key(head[0]):
            # "Dr. de la Cruz, Maria" -> "Dr. Maria de la Cruz"
            text = f"{head[0]} {' '.join(parts[1:])} {' '.join(head[1:])}"
        elif len(parts) >= 2 and parts[1]:  # "Smyth, Katherine" -> "Katherine Smyth"
            text = f"{' '.join(parts[1:])} {parts[0]}"
        else:
            text = " ".join(p for p in parts if p)
        words = [w for w in text.split(" ") if w]
        found_title = None
        while words and title_key(words[0]):
            found_title = found_title or TITLES[title_key(words[0]) or ""]
            words = words[1:]
        found_title = found_title or bracket_title
        while len(words) > 1 and _is_suffix(words[-1]):
            words = words[:-1]
        if title:
            key = title_key(title)
            found_title = TITLES[key] if key else title.strip()
        if not words or not any(any(ch.isalpha() for ch in w) for w in words):
            raise RosterError(f"no name in roster entry {raw!r}")
        if len(words) == 1:
            return cls(name=words[0], title=found_title, given=None, family=words[0],
                       role=role, email=email, preferred=preferred)
        # The family name starts at the first particle after the given name ("van der Berg");
        # otherwise it is the last word.
        split = len(words) - 1
        for i in range(1, len(words) - 1):
            if words[i].casefold() in PARTICLES:
                split = i
                break
        given, middle, family = words[0], tuple(words[1:split]), " ".join(words[split:])
        return cls(name=" ".join(words), title=found_title, given=given, middle=middle,
                   family=family, role=role, email=email, preferred=preferred)

    @property
    def display(self) -> str:
        """The name with its title, as the roster writes it."""
        return f"{self.title} {self.name}" if self.title else self.name

    def name_words(self) -> list[str]:
        """Every word of the name (given, middle, family parts, and a preferred name)."""
        words = [w for w in self.name.split(" ") if w]
        return words + [w for w in (self.preferred or "").split(" ") if w and w not in words]


@dataclass
class Roster:
    """The people a note may address or name, spelled as they spell themselves."""

    people: list[Person] = field(default_factory=list)

    @classmethod
    def of(cls, names: Roster | Iterable[str | Person] | None) -> Roster:
        """A roster from a Roster, an iterable of names or Persons, or None (empty)."""
        if names is None:
            return cls()
        if isinstance(names, Roster):
            return names
        if isinstance(names, (str, bytes)):
            raise RosterError("a roster is a list of names, not one string")
        people = []
        for item in names:
            if isinstance(item, Person):
                people.append(item)
            elif isinstance(item, str):
                if item.strip():
                    people.append(Person.parse(item))
            else:
                raise RosterError(f"roster entries are names (str) or Person, "
                                  f"not {type(item).__name__}")
        return cls(people)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)

    def __bool__(self) -> bool:
        return bool(self.people)

    def words(self) -> set[str]:
        """Every word of every name, as spelled (for spelling exceptions)."""
        return {w for p in self.people for w in p.name_words()}


def _person_from_mapping(entry: dict[str, Any], where: str) -> Person:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RosterError(f"{where}: entry has no 'name'")
    return Person.parse(name, role=entry.get("role"), email=entry.get("email"),
                        title=entry.get("title"))


#: The keys under which a roster file lists the panel (the first found is used).
ROSTER_KEYS: tuple[str, ...] = ("panel", "roster", "people", "interviewers")


def roster_from_data(data: Any, where: str) -> Roster:
    """A roster from parsed TOML/JSON: a list of names or tables, or a table with 'panel'."""
    if isinstance(data, dict):
        for key in ROSTER_KEYS:
            if key in data:
                data = data[key]
                break
        else:
            raise RosterError(f"{where}: no 'panel' list of names found")
    if not isinstance(data, list):
        raise RosterError(f"{where}: the panel must be a list of names")
    people = []
    for i, entry in enumerate(data, 1):
        if isinstance(entry, str):
            people.append(Person.parse(entry))
        elif isinstance(entry, dict):
            people.append(_person_from_mapping(entry, f"{where}: entry {i}"))
        else:
            raise RosterError(f"{where}: entry {i} is neither a name nor a table")
    return Roster(people)


def load_roster(path: str | Path) -> Roster:
    """Load a roster from TOML, JSON, CSV (a 'name' column) or a text file of one name a line.

    A file without a single name is an error: an empty roster would switch the name checks
    off silently.
    """
    roster = _read_roster(Path(path))
    if not roster:
        raise RosterError(f"{path}: the roster has no names")
    return roster


def _read_roster(path: str | Path) -> Roster:
    """The roster a file holds, possibly empty."""
    p = Path(path)
    text = read_text(p, "roster", RosterError)
    suffix = p.suffix.lower()
    if suffix == ".toml":
        return roster_from_data(parse_toml(text, p, RosterError), str(p))
    if suffix == ".json":
        return roster_from_data(parse_json(text, p, RosterError), str(p))
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        fields = [f.strip().casefold() for f in reader.fieldnames or []]
        if "name" not in fields:
            raise RosterError(f"{p}:1: CSV roster needs a 'name' column")
        people = []
        for row in reader:
            row = {(k or "").strip().casefold(): (v or "").strip() for k, v in row.items()}
            if row.get("name"):
                people.append(_person_from_mapping(row | {"title": row.get("title") or None,
                                                          "role": row.get("role") or None,
                                                          "email": row.get("email") or None},
                                                   f"{p}:{reader.line_num}"))
        return Roster(people)
    people = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                people.append(Person.parse(line))
            except RosterError as e:
                raise RosterError(f"{p}:{n}: {e}") from None
    return Roster(people)


_NAME_IN_HEADER = re.compile(r"[\"']")


def roster_from_display_names(names: Iterable[str]) -> Roster:
    """A roster from To/Cc display names, skipping bare addresses."""
    people = []
    for n in names:
        n = _NAME_IN_HEADER.sub("", n).strip()
        if n and "@" not in n:
            try:
                people.append(Person.parse(n))
            except RosterError:
                continue
    return Roster(people)
