"""How well the name rules catch misspelled roster names, and how rarely they cry wolf.

Generates misspellings of a diverse list of roster names (Irish, Vietnamese, Nigerian, Polish,
Indian, Spanish with particles and accents, Dutch, Anglo), embeds them in realistic note
templates, lints each note (grammar off) and counts:

* recall: the misspelled word flagged as ``name-misspelled`` with the roster spelling as the
  first suggestion (target >= 95%);
* false positives: ``name-misspelled`` or ``name-unknown`` on notes that spell every name
  right, use a common nickname, or use ordinary words that can be names (target ~0).

Deterministic (seeded). Run: ``python bench/name_accuracy.py [--show-misses N]``.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from jellyfish import damerau_levenshtein_distance

from followup_lint import Config, NoteContext, lint_many
from followup_lint.roster import PARTICLES, Person, fold
from followup_lint.rules.names.matching import nicknames_of

SEED = 20240611

PEOPLE = [
    # Irish
    "Dr. Siobhán O'Neill", "Pádraig Ó Súilleabháin", "Ms. Aoife Gallagher", "Mr. Ciarán Byrne",
    # Vietnamese
    "Ms. Nguyễn Thị Minh Khai", "Mr. Trần Văn Đức", "Phạm Thu Hằng", "Dr. Lê Quang Huy",
    # Nigerian
    "Mr. Chukwuemeka Okonkwo", "Dr. Oluwaseun Adebayo", "Ms. Ngozi Okonjo-Iweala",
    "Babajide Adeyemi", "Ms. Chiamaka Eze",
    # Polish
    "Ms. Agnieszka Wiśniewska", "Dr. Krzysztof Wójcik", "Łukasz Kowalczyk",
    "Ms. Małgorzata Zielińska",
    # Indian
    "Ms. Priyanka Raghunathan", "Dr. Venkatesh Subramanian", "Mr. Aarav Mehta", "Lakshmi Iyer",
    "Mr. Sanjay Chatterjee",
    # Spanish, with particles and accents
    "Mr. José García-López", "Ms. María de la Cruz", "Dr. Juan Carlos Fernández",
    "Mr. Ramón del Río", "Ms. Inés Domínguez",
    # Dutch / German particles
    "Prof. Jan van der Berg", "Mr. Pieter de Vries", "Dr. Jürgen Müller",
    # Anglo, with inner capitals and apostrophes
    "Dr. Katherine Smyth", "Mr. Jon Baker", "Mr. Ronald McDonald", "Ms. Elizabeth MacArthur",
    "Mr. Matthew O'Brien", "Ms. Sarah Whitfield", "Dr. Margaret Thornton", "Mr. Christopher Hughes",
]

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Case:
    """One generated note and what the name rules should say about it."""

    text: str
    roster: tuple[str, ...]
    group: str  # mutation kind, or the kind of clean note
    wrong: str | None = None  # the misspelled word as written
    right: str | None = None  # the roster spelling expected as the first suggestion


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if not unicodedata.combining(c)).translate(str.maketrans("łŁđĐ", "lLdD"))


def _letters(word: str) -> list[int]:
    return [i for i, c in enumerate(word) if c.isalpha()]


def mutate(word: str, kind: str, rng: random.Random) -> str | None:
    """A misspelling of ``word`` of the given kind, or None when it does not apply."""
    idx = _letters(word)
    if kind == "sub1" and len(idx) >= 3:
        i = rng.choice(idx[1:])  # the first letter is rarely the one mistyped
        c = rng.choice([x for x in LETTERS if x != fold(word[i])])
        return word[:i] + c + word[i + 1:]
    if kind == "first" and len(idx) >= 3:  # the first letter mistyped: the hard case
        i = idx[0]
        c = rng.choice([x for x in LETTERS if x != fold(word[i])])
        return word[:i] + (c.upper() if word[i].isupper() else c) + word[i + 1:]
    if kind == "sub2" and len(idx) >= 6:
        i, j = sorted(rng.sample(idx[1:], 2))
        w = list(word)
        for k in (i, j):
            w[k] = rng.choice([x for x in LETTERS if x != fold(word[k])])
        return "".join(w)
    if kind == "transpose" and len(idx) >= 4:
        pairs = [i for i in idx[1:-1] if i + 1 in idx and fold(word[i]) != fold(word[i + 1])]
        if not pairs:
            return None
        i = rng.choice(pairs)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop" and len(idx) >= 4:
        i = rng.choice(idx[1:])
        return word[:i] + word[i + 1:]
    if kind == "accent":
        plain = _strip_accents(word)
        return plain if plain != word else None
    if kind == "capitals":
        inner = [i for i in idx[1:] if word[i].isupper()]
        if inner:  # McDonald -> Mcdonald, O'Neill -> O'neill
            i = inner[0]
            return word[:i] + word[i].lower() + word[i + 1:]
        return None
    if kind == "lowercase":  # "Dear katherine,": only used in the greeting templates
        return word.lower() if word.lower() != word else None
    return None


KINDS = ("sub1", "sub2", "transpose", "drop", "accent", "capitals", "lowercase", "first")

# {g}: given name, {f}: family name (with particles), {t}: title + family.
TEMPLATES = {
    "greeting-given": "Dear {g},\n\nThank you for taking the time to meet with me yesterday. I "
                      "enjoyed learning about the team's plans for the new data platform.\n\n"
                      "Best regards,\nSam Patel",
    "greeting-title": "Dear {t},\n\nThank you for the interview on Tuesday. It was good to meet "
                      "you, and I am excited about the analyst role.\n\nKind regards,\nSam Patel",
    "body-full": "Hi team,\n\nThank you for the interviews today. I especially enjoyed talking "
                 "with {g} {f} about how the reporting pipeline is tested.\n\nThanks,\nSam",
    "body-given": "Hello all,\n\nThanks again for a great afternoon. Please pass my thanks to "
                  "{g} as well; the walkthrough of the dashboards was really helpful.\n\n"
                  "Best,\nSam",
    "two-people": "Dear {t} and {t2},\n\nThank you both for your time yesterday. I enjoyed our "
                  "conversation about the migration.\n\nSincerely,\nSam Patel",
    "body-prose": "Dear {t},\n\nThank you for showing me around the Dublin office on Monday. "
                  "I enjoyed hearing how Northwind moved from Oracle to Snowflake, and {g} {f}'s "
                  "story about the Lagos launch was a highlight. I have attached the Python "
                  "notebook I mentioned, and I am happy to walk through it in March.\n\n"
                  "Warm regards,\nSam Patel",
}
#: Which name word each template shows (None: both given and family).
USES = {"greeting-given": "given", "body-given": "given", "greeting-title": "family",
        "two-people": "family", "body-full": None, "body-prose": None}


def _title_form(p: Person, family: str) -> str:
    return f"{p.title or 'Dr.'} {family}"


def _fill(template: str, p: Person, other: Person, given: str, family: str) -> str:
    return template.format(g=given, f=family, t=_title_form(p, family),
                           t2=_title_form(other, other.family or ""))


def _core(p: Person) -> tuple[str, str]:
    """The family name with its particles, and the word of it that carries the name."""
    family = p.family or ""
    words = family.split()
    core_i = next((i for i, w in enumerate(words) if w.casefold() not in PARTICLES), 0)
    return family, words[core_i] if words else family


def build_cases(rng: random.Random) -> list[Case]:
    """Every misspelled and clean note of the benchmark, in a fixed order."""
    people = [Person.parse(n) for n in PEOPLE]
    cases: list[Case] = []
    for i, p in enumerate(people):
        others = [people[(i + 7) % len(people)], people[(i + 19) % len(people)]]
        roster = (p.display, others[0].display, others[1].display)
        taken = {fold(w) for q in people for w in q.name_words()}
        family, core = _core(p)
        given = p.given or ""
        for kind in KINDS:
            for slot, word in (("given", given), ("family", core)):
                if not word:
                    continue
                wrong = mutate(word, kind, rng)
                if wrong is None or wrong == word or fold(wrong) in taken and kind not in (
                        "accent", "capitals", "lowercase"):
                    continue
                if fold(wrong) in nicknames_of(fold(word)):
                    continue  # a real nickname, not a misspelling
                g2 = wrong if slot == "given" else given
                f2 = family.replace(core, wrong) if slot == "family" else family
                for name, template in TEMPLATES.items():
                    uses = USES[name]
                    if uses is not None and uses != slot:
                        continue
                    if kind == "lowercase" and name != "greeting-given":
                        continue  # a lower-case word in running prose is not taken for a name
                    text = _fill(template, p, others[0], g2, f2)
                    cases.append(Case(text, roster, kind, wrong, word))
        for name, template in TEMPLATES.items():  # the same notes spelled right
            cases.append(Case(_fill(template, p, others[0], given, family), roster, "correct"))
        # A nickname one edit away ("Jon" for John) is a respelling and is reported as one.
        nicks = sorted(n for n in nicknames_of(fold(given))
                       if len(n) >= 3 and damerau_levenshtein_distance(n, fold(given)) > 1)
        for nick in nicks[:2]:
            nick = nick.capitalize()
            for name in ("greeting-given", "body-given"):
                cases.append(Case(_fill(TEMPLATES[name], p, others[0], nick, family), roster,
                                  "nickname"))
    ordinary = [
        ("Dear Dr. Smyth,\n\nMark the date: I will send the report in May. Will you let me know "
         "if the team needs anything? I hope to hear from you soon.\n\nBest,\nSam",
         ("Dr. Katherine Smyth", "Marc Dubois", "Mae Chen", "Wil Grant")),
        ("Hi Grace,\n\nBy the grace of good planning the demo worked. Bill the hours to my "
         "account, and I will mark the calendar for June.\n\nThanks,\nSam",
         ("Grace Hopper", "June Carter", "Marcus Bell")),
        ("Dear Ms. Rose,\n\nI hope the April release went well. Frank feedback is welcome; "
         "I am happy to send more samples of my SQL work.\n\nRegards,\nPriya Raman",
         ("Ms. Amber Rose", "Frank Ocean", "Hope Nakamura")),
        ("Dear Mr. Baker,\n\nMy name is Priya Raman and I interviewed for the analyst role at "
         "Northwind on Monday. Could you share an update when you have a moment?\n\nBest regards,"
         "\nPriya Raman", ("Mr. Jon Baker", "Dr. Katherine Smyth")),
    ]
    ordinary.append((
        "Dear Dr. Kim,\n\nThank you for the interview. I used Java, Scala, Kafka, Spark and "
        "Airflow at Acme, and led the Data team in Paris and Lisbon. I also know Rust, Go, Lua "
        "and Dart, and have shipped apps on iOS, Android and Linux. In March I spoke at PyCon in "
        "Berlin and at a Meetup in Lima. Our Lab was on Marsh Road in Chelsea. Ian and Ada made "
        "the afternoon a pleasure, and Park Avenue was a nice walk afterwards.\n\nBest,\nSam",
        ("Dr. Anna Kim", "Mr. Leo Park", "Ms. Ada Lovelace", "Mr. Dan Ross", "Ms. Mae Chen",
         "Mr. Ian Lee", "Dr. Eva Marsh", "Ms. Rosa Diaz", "Mr. Omar Said", "Ms. Jo Lang")))
    for text, roster in ordinary:
        cases.append(Case(text, roster, "ordinary-words"))
    return cases


def evaluate(cases: list[Case], show_misses: int) -> dict[str, Counter[str]]:
    """Lint every case; count hits, misses, wrong suggestions and false positives per group."""
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    by_roster: dict[tuple[str, ...], list[Case]] = defaultdict(list)
    for c in cases:
        by_roster[c.roster].append(c)
    config = Config(grammar=False, select=["names"])
    for roster, group in by_roster.items():
        results = lint_many([c.text for c in group], roster=list(roster),
                            context=NoteContext(company="Northwind"), config=config)
        for c, r in zip(group, results):
            s = stats[c.group]
            s["notes"] += 1
            if c.wrong is not None:
                hits = [f for f in r.by_rule("name-misspelled") if f.text == c.wrong]
                if hits and hits[0].suggestions[:1] == [c.right]:
                    s["caught"] += 1
                elif hits:
                    s["wrong suggestion"] += 1
                    misses.append(f"{c.group}: {c.wrong!r} -> {hits[0].suggestions} "
                                  f"(want {c.right!r})")
                else:
                    s["missed"] += 1
                    other = [(f.rule, f.text) for f in r if f.category == "names"]
                    misses.append(f"{c.group}: {c.wrong!r} for {c.right!r} missed; "
                                  f"got {other}: {c.text.splitlines()[0]!r}")
            else:
                bad = [f for f in r if f.rule in ("name-misspelled", "name-unknown")]
                if bad:
                    s["false positive"] += 1
                    misses.append(f"{c.group} FP: {[(f.rule, f.text) for f in bad]} in "
                                  f"{c.text[:70]!r}")
                if c.group == "nickname" and r.by_rule("name-nickname"):
                    s["nickname noted"] += 1
    for line in misses[:show_misses]:
        print("  " + line)
    return stats


def main() -> None:
    """Print the accuracy table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=0, help="print up to N misses")
    args = parser.parse_args()
    cases = build_cases(random.Random(SEED))
    started = time.perf_counter()
    stats = evaluate(cases, args.show_misses)
    elapsed = time.perf_counter() - started
    print(f"{'group':16} {'notes':>6} {'caught':>7} {'wrong sugg':>10} {'missed':>7} "
          f"{'recall':>7} {'false pos':>9}")
    total = Counter[str]()
    for group in list(KINDS) + ["correct", "nickname", "ordinary-words"]:
        s = stats.get(group, Counter())
        total.update(s)
        if group in KINDS:
            recall = s["caught"] / s["notes"] if s["notes"] else 0.0
            print(f"{group:16} {s['notes']:6} {s['caught']:7} {s['wrong suggestion']:10} "
                  f"{s['missed']:7} {recall:7.1%} {'':>9}")
        else:
            print(f"{group:16} {s['notes']:6} {'':>7} {'':>10} {'':>7} {'':>7} "
                  f"{s['false positive']:9}")
    misspelled = sum(stats[k]["notes"] for k in KINDS)
    caught = sum(stats[k]["caught"] for k in KINDS)
    clean = sum(stats[k]["notes"] for k in ("correct", "nickname", "ordinary-words"))
    print(f"\nrecall with the right suggestion: {caught}/{misspelled} = "
          f"{caught / max(misspelled, 1):.1%} (target >= 95%)")
    print(f"false positives (name-misspelled/name-unknown on clean notes): "
          f"{total['false positive']}/{clean} (target ~0)")
    print(f"nicknames reported as name-nickname: {stats['nickname']['nickname noted']}/"
          f"{stats['nickname']['notes']}")
    print(f"{len(cases)} notes in {elapsed:.1f} s (seed {SEED})")


if __name__ == "__main__":
    main()
