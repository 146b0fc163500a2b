"""A large roster: the real misspelling is still found, ordinary words are not taken for
near-misses (bench/roster_scale.py measures the time per note)."""

from __future__ import annotations

import random

from followup_lint import lint_note
from followup_lint.config import Config
from followup_lint.roster import Roster

_STARTS = ["Back", "Lind", "Berg", "Holm", "Sand", "Hart", "Mor", "Ros", "Stan", "Wal", "Gal",
           "Rich", "Dal", "Gold", "Green", "Ward", "Nor", "Kov", "Nov", "Pet", "Ash", "Brad"]
_ENDS = ["lund", "son", "sen", "berg", "strom", "gren", "man", "ley", "ton", "wood", "field",
         "er", "ez", "ski", "ova", "ov", "ic", "ing", "more", "by", "ham", "ers", "end", "ent"]
_GIVEN = ["Anna", "Ben", "Carla", "Dev", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas",
          "Kiri", "Lena", "Milo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tara"]


def _big_roster(lead: str, n: int = 10_000) -> Roster:
    rng = random.Random(3)
    names = {lead}
    while len(names) < n:
        names.add(f"{rng.choice(_GIVEN)} {rng.choice(_STARTS)}{rng.choice(_ENDS)}{rng.randint(0, 40) or ''}"
                  .rstrip("0123456789") + rng.choice(["", "e", "a", "i", "o"]))
    return Roster.of(sorted(names))


CONFIG = Config(grammar=False, select=["names"])


def test_ten_thousand_names_still_find_the_misspelling() -> None:
    roster = _big_roster("Dr. Katherine Smyth")
    assert len(roster) == 10_000
    result = lint_note("Dear Dr. Smtyh,\n\nThank you for your time yesterday.\n\nSam", roster,
                       config=CONFIG)
    hits = result.by_rule("name-misspelled")
    assert [f.text for f in hits] == ["Smtyh"]
    assert hits[0].suggestions[0] == "Smyth"


def test_ten_thousand_names_make_no_near_miss_of_ordinary_words() -> None:
    roster = _big_roster("Dr. Katherine Smyth")
    # Backend/Backlund, Sandbox/Sandbox-like names, ASAP, Gold and Holding all have roster
    # names within two edits in this roster.
    note = ("Dear Dr. Smyth,\n\nThank you for your time yesterday. I enjoyed hearing about the "
            "Backend team, the Sandbox project and the Holdings migration. I will send the "
            "Benchmark results ASAP, and I am glad the Goldman review went well.\n\nSam")
    result = lint_note(note, roster, config=CONFIG)
    assert [(f.rule, f.text) for f in result if f.category == "names"] == []
