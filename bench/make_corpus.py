"""Build the labelled corpus in bench/corpus/ from templates, name lists and hand-written notes.

Deterministic: the same seed gives byte-identical files, so the committed corpus can be
rebuilt and reviewed as a diff.

    python bench/make_corpus.py [--seed 20250601] [--out bench/corpus]

Each output line (one JSONL file per kind of note) is one note:

    {"id", "kind", "variety", "register", "source": "generated"|"hand",
     "text", "roster": [names], "context": {company, role, writer, kind?, interviewed_at,
     sent_at, decision_expected_by?, previous_followups?}, "config": {...},
     "expect": [{"rule", "span", "start", "suggestion"?, "model"?}],
     "forbid": [{"rules": [...], "span"?, "start"?}]}

``expect`` lists the findings the note MUST produce (rule + exact span text; ``span`` null
for note-level rules such as late-thank-you), ``forbid`` what it MUST NOT produce. The rules
in quality.EXHAUSTIVE are labelled completely: any other finding of theirs is a false alarm.
Name typos come from error models (keyboard slips, transpositions, dropped or doubled
letters, dropped accents, phonetic respellings, wrong inner capitals) applied to a roster of
Irish, Vietnamese, Nigerian, Polish, Indian, Spanish, Dutch and Anglo names.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from nicknames import NickNamer

HERE = Path(__file__).resolve().parent
SRC = HERE / "corpus_src"
KINDS = ("thank-you", "status-check", "feedback-request", "keep-in-touch")
PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "la", "le", "du"}

# --------------------------------------------------------------------------------------
# People. (roster entry, gender "f"/"m", origin, curated phonetic respellings by word)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class P:
    entry: str
    gender: str
    origin: str
    phonetic: dict[str, tuple[str, ...]] = field(default_factory=dict)


PEOPLE: tuple[P, ...] = (
    # Irish
    P("Ms. Siobhán O'Sullivan", "f", "irish", {"Siobhán": ("Shiobhan", "Siobhain"), "O'Sullivan": ("O'Sulivan",)}),
    P("Niamh McCarthy", "f", "irish", {"Niamh": ("Neamh", "Niam"), "McCarthy": ("MacCarthy",)}),
    P("Mr. Pádraig Byrne", "m", "irish", {"Pádraig": ("Padraic",), "Byrne": ("Burne",)}),
    P("Dr. Aoife Gallagher", "f", "irish", {"Gallagher": ("Gallager", "Galagher")}),
    # Vietnamese (written given-name first, as they sign at work)
    P("Ms. Trang Nguyễn", "f", "vietnamese", {"Trang": ("Chang",)}),
    P("Mr. Minh Trần", "m", "vietnamese", {"Minh": ("Min",)}),
    P("Dr. Phương Lê", "f", "vietnamese", {"Phương": ("Phuong", "Fuong")}),
    P("Huy Phạm", "m", "vietnamese", {"Huy": ("Hui",)}),
    # Nigerian
    P("Dr. Chukwuemeka Okafor", "m", "nigerian", {"Chukwuemeka": ("Chukwuemaka", "Chukuemeka"), "Okafor": ("Okafour",)}),
    P("Mr. Oluwaseun Adeyemi", "m", "nigerian", {"Oluwaseun": ("Oluwaseyun", "Oluseun"), "Adeyemi": ("Adeyimi",)}),
    P("Mrs. Ngozi Eze", "f", "nigerian", {"Ngozi": ("Ngozie",)}),
    P("Ms. Adaeze Nwosu", "f", "nigerian", {"Adaeze": ("Adaezi",), "Nwosu": ("Nwaosu",)}),
    P("Babatunde Olatunji", "m", "nigerian", {"Babatunde": ("Babatundi",), "Olatunji": ("Olatunjee",)}),
    # Polish
    P("Dr. Małgorzata Wiśniewska", "f", "polish", {"Małgorzata": ("Malgosata",), "Wiśniewska": ("Wisniewski", "Vishnevska")}),
    P("Mr. Łukasz Kowalczyk", "m", "polish", {"Łukasz": ("Lucas", "Lukash"), "Kowalczyk": ("Kovalchik", "Kowalczik")}),
    P("Agnieszka Dąbrowska", "f", "polish", {"Agnieszka": ("Agnieshka",), "Dąbrowska": ("Dombrowska",)}),
    P("Mr. Wojciech Zieliński", "m", "polish", {"Wojciech": ("Wojciek",), "Zieliński": ("Zielinsky",)}),
    # Indian
    P("Ms. Priya Raghunathan", "f", "indian", {"Raghunathan": ("Ragunathan",), "Priya": ("Preeya",)}),
    P("Mr. Venkatesh Subramanian", "m", "indian", {"Subramanian": ("Subramaniam",), "Venkatesh": ("Venkatesch",)}),
    P("Dr. Lakshmi Narayanan", "f", "indian", {"Lakshmi": ("Laxmi",), "Narayanan": ("Narayan",)}),
    P("Aishwarya Iyer", "f", "indian", {"Aishwarya": ("Aishvarya", "Ishwarya")}),
    P("Harpreet Kaur Dhillon", "f", "indian", {"Dhillon": ("Dhilon",), "Harpreet": ("Harprit",)}),
    # Spanish, with particles and accents
    P("Dr. María José de la Fuente", "f", "spanish", {"Fuente": ("Fuentes",)}),
    P("Mr. Andrés del Río", "m", "spanish", {"Andrés": ("Andreas",)}),
    P("Ms. Begoña Ibáñez", "f", "spanish", {"Begoña": ("Begonia",), "Ibáñez": ("Ibanes",)}),
    P("Joaquín García-Márquez", "m", "spanish", {"Joaquín": ("Joakin",), "García-Márquez": ("Garcia-Marques",)}),
    # Dutch particle
    P("Prof. Jan van der Berg", "m", "dutch", {"Berg": ("Burg",)}),
    # Anglo
    P("Dr. Katherine Smyth", "f", "anglo", {"Smyth": ("Smith",), "Katherine": ("Kathryn", "Catherine")}),
    P("Mr. Robert MacLeod", "m", "anglo", {"MacLeod": ("McLeod",)}),
    P("Elizabeth Harrington", "f", "anglo", {"Harrington": ("Harington",)}),
    P("Ms. Rebecca Thornton", "f", "anglo", {"Thornton": ("Thorton",)}),
    P("Matthew Ellis", "m", "anglo", {}),
    P("Mrs. Susan McDonald", "f", "anglo", {"McDonald": ("MacDonald",)}),
    P("Mr. Jonathan Baker", "m", "anglo", {"Baker": ("Bakker",)}),
)

#: People who are on nobody's roster: the leftovers of a note written for another company.
STRANGERS = (("Mr.", "Hartley", "Graham"), ("Ms.", "Okonkwo", "Chidinma"), ("Ms.", "Kowalski", "Anna"),
             ("Mr.", "Fitzgerald", "Declan"), ("Ms.", "Sharma", "Neha"), ("Mr.", "Vu", "Quang"),
             ("Ms.", "Jennings", "Laura"), ("Mr.", "Ortega", "Pablo"))

WRITERS = ("Tunde Bakare", "Rohan Mehta", "Aoife Byrne", "Tomasz Nowak", "Camila Reyes",
           "Linh Đặng", "Emily Carter", "Oliver Hughes", "Sneha Kulkarni", "Chiamaka Obi",
           "Daniel Ortiz", "Grace Mensah", "Kwame Asante", "Ciara Doyle", "Arjun Pillai",
           "Zofia Lewandowska")

COMPANIES = ("Halden Systems", "Okoro Capital", "Lumen Bank", "Sahel Payments", "Riverbend Foods",
             "Vistula Software", "Cedarline Consulting", "Marlow & Finch", "Brightline Health",
             "Kestrel Logistics", "Northwind Analytics", "Tamarind Studios")
ROLES = ("Data Analyst", "Product Designer", "Backend Engineer", "Clinical Research Associate",
         "Marketing Manager", "Graduate Trainee", "Operations Lead", "Site Reliability Engineer",
         "Financial Analyst", "UX Researcher", "Supply Chain Planner", "Quality Engineer")
TOPICS = ("the new payments platform", "the move to event-driven services", "the patient outreach work",
          "the analytics roadmap", "how the team runs design critiques", "the warehouse automation pilot",
          "the customer research backlog", "the plans for the Lagos office", "the data quality project",
          "the mobile app redesign")
SKILLS = ("SQL and dashboarding", "user research", "Kubernetes and on-call work", "clinical trial monitoring",
          "campaign analytics", "demand forecasting", "financial modelling", "accessibility testing")
ACHIEVEMENTS = ("a migration of our reporting to dbt", "a study with forty customers",
                "a cut in cloud costs of about a fifth", "the onboarding of three new sites",
                "a certification in Six Sigma", "a short course on service design")

VARIETIES = ("en-US", "en-GB", "en-IN", "en-NG")
TZ = {"en-US": timezone(timedelta(hours=-4)), "en-GB": timezone(timedelta(hours=1)),
      "en-IN": timezone(timedelta(hours=5, minutes=30)), "en-NG": timezone(timedelta(hours=1))}

# --------------------------------------------------------------------------------------
# Sentence pools: {role} {company} {weekday} {date} {topic} {skill} {achievement} {month}
# {M} marks where a panel member is named in the body.
# --------------------------------------------------------------------------------------

OPEN = {
    "thank-you": {
        "en-US": ["Thank you for taking the time to meet with me on {weekday} about the {role} role at {company}.",
                  "Thanks so much for chatting with me on {weekday} about the {role} position.",
                  "Thank you for the great conversation on {weekday} about the {role} opening at {company}."],
        "en-GB": ["Many thanks for taking the time to speak with me on {weekday} about the {role} role at {company}.",
                  "Thank you for a thoroughly enjoyable conversation on {weekday} about the {role} post.",
                  "Thank you for seeing me on {weekday}; I enjoyed learning more about the {role} role."],
        "en-IN": ["Thank you for taking the time to interview me for the {role} position at {company} on {date}.",
                  "I am grateful for the opportunity to interview for the {role} role at {company} on {weekday}.",
                  "Thank you for your time during the interview for the {role} position on {date}."],
        "en-NG": ["I hope this email meets you well. Thank you for the opportunity to interview for the {role} role at {company} on {weekday}.",
                  "Trust you are doing well. I want to sincerely thank you for your time during my interview on {date}.",
                  "Thank you for the opportunity to interview for the {role} position at {company} on {weekday}."],
    },
    "status-check": {
        "en-US": ["I hope you are well. I interviewed for the {role} position on {date} and wanted to follow up on the timeline.",
                  "I am writing to ask whether there is any update on the {role} role I interviewed for on {date}.",
                  "I wanted to check in on the {role} position at {company} and see if there is any news on the next steps."],
        "en-GB": ["I hope you are keeping well. I interviewed for the {role} role on {date} and wondered whether there was any news.",
                  "I am writing to ask whether there is any update on the {role} post I interviewed for on {date}.",
                  "I wanted to follow up on my interview for the {role} role at {company} on {date}."],
        "en-IN": ["I am writing to enquire about the status of my application for the {role} position at {company}.",
                  "I attended the interview for the {role} role on {date} and wanted to know the status of my candidature.",
                  "Greetings of the day. I am writing to follow up on my interview for the {role} position on {date}."],
        "en-NG": ["I hope this meets you well. I write to follow up on my interview for the {role} role on {date}.",
                  "Trust you are doing well. I am writing to find out if there is any update on the {role} position.",
                  "Good day. I interviewed for the {role} role at {company} on {date} and wanted to follow up."],
    },
    "feedback-request": {
        "en-US": ["Thank you for letting me know about your decision on the {role} role.",
                  "Thanks for getting back to me about the {role} position, even though the news was not what I hoped."],
        "en-GB": ["Thank you for letting me know the outcome of my application for the {role} role.",
                  "Many thanks for your email about the {role} post; I was sorry to hear the news but grateful to know."],
        "en-IN": ["Thank you for informing me about the decision regarding the {role} position at {company}.",
                  "I received your mail regarding the {role} role and thank you for letting me know."],
        "en-NG": ["Thank you for your mail on the outcome of my interview for the {role} role.",
                  "I received your email about the {role} position and I appreciate you letting me know."],
    },
    "keep-in-touch": {
        "en-US": ["I hope all is well since we spoke in {month} about the {role} role.",
                  "I hope things are going well at {company} since we met in {month}."],
        "en-GB": ["I hope you are keeping well since we spoke in {month}.",
                  "I hope all is well at {company} since our conversation in {month}."],
        "en-IN": ["I hope you are doing well since we last spoke in {month}.",
                  "Hope you are doing well. We met in {month} when I interviewed for the {role} role."],
        "en-NG": ["I hope you are doing great since we spoke in {month}.",
                  "Trust all is well with you and the team at {company} since {month}."],
    },
}

BODY = {
    "thank-you": ["It was a pleasure to meet the team and learn more about {topic}.",
                  "I especially enjoyed hearing about {topic}.",
                  "Our conversation confirmed my interest in the role, and I believe my experience with {skill} would let me contribute quickly.",
                  "I forgot to mention that I also led {achievement}, which seems relevant to {topic}.",
                  "Please pass on my thanks to {M} as well.",
                  "It was great to hear {M}'s view on {topic}.",
                  "I am confident that my background in {skill} fits what the team needs.",
                  "I enjoyed meeting the team and seeing how you work.",
                  "I am looking forward to meeting the wider team."],
    "status-check": ["I remain very interested in joining {company}.",
                     "Please let me know if there is anything else you need from me.",
                     "I understand these decisions take time.",
                     "If it would help, I am happy to share references.",
                     "I enjoyed meeting {M} and the rest of the panel.",
                     "I would like to discuss the next steps whenever convenient.",
                     "Since we spoke, I have completed {achievement}."],
    "feedback-request": ["Although I am disappointed, I appreciated the chance to meet the team.",
                         "If you have a few minutes, I would be grateful for any feedback on my interview so I can improve.",
                         "I would welcome the chance to be considered for future roles at {company}.",
                         "It was a pleasure to meet {M} and learn about {topic}.",
                         "Any pointers on my case study would be especially helpful.",
                         "I would like to discuss the next steps in my job search with that feedback in mind."],
    "keep-in-touch": ["I came across this article on {topic} and thought of our conversation.",
                      "Congratulations on the launch of the new product; it looks great.",
                      "Since we spoke, I have completed {achievement}.",
                      "I would love to stay in touch and hear how the team is doing.",
                      "Please give my regards to {M}.",
                      "I enjoyed meeting the team and seeing how you work.",
                      "If a role like the {role} position opens again, I would be glad to hear about it."],
}

CLOSE = {
    "en-US": ["I look forward to hearing from you.", "Please let me know if I can provide anything else."],
    "en-GB": ["Do let me know if you need anything further from me.", "I look forward to hearing from you."],
    "en-IN": ["Kindly let me know if any further information is required from my side.", "I look forward to hearing from you."],
    "en-NG": ["Kindly let me know if any further information is required.", "I look forward to hearing from you."],
}
SIGN = {
    "en-US": ["Best regards,", "Best,", "Thanks again,", "Sincerely,"],
    "en-GB": ["Kind regards,", "Best wishes,", "Many thanks,"],
    "en-IN": ["Thanks and regards,", "Warm regards,", "Regards,"],
    "en-NG": ["Warm regards,", "Best regards,", "Thank you,"],
}
#: A thank-you without thanks in it (missing-thanks).
NO_THANKS_OPEN = ["I enjoyed our conversation on {weekday} about the {role} role at {company}.",
                  "It was good to meet you on {weekday} to discuss the {role} position."]
#: Status-check openers that never name the role (missing-role).
NO_ROLE_OPEN = ["I hope you are well. I wanted to follow up on my interview from last week.",
                "I am writing to ask whether there is any update following my interview."]
LONG_SENTENCE = ("In my current role I have been responsible for running the weekly planning meeting, "
                 "writing the reports that go to the leadership team every month, training the new "
                 "analysts who join us from the graduate scheme, and looking after the relationship "
                 "with our two largest suppliers in the region.")

#: Correct words of British, Indian or Nigerian English that a US dictionary may reject.
VARIETY_WORDS = ("enquire", "programme", "organisation", "candidature", "whilst", "colour",
                 "modelling", "keener")
#: (correct word, misspelling) for planted spelling errors.
SPELLING = (("opportunity", "oppurtunity"), ("receive", "recieve"), ("experience", "experiance"),
            ("grateful", "greatful"), ("interested", "intrested"), ("position", "postion"),
            ("conversation", "converstion"), ("completed", "compleated"), ("especially", "especialy"),
            ("forward", "foward"), ("appreciated", "apreciated"), ("pleasure", "plesure"))
#: (correct phrase, wrong phrase, span of the error in the wrong phrase) for planted grammar errors.
GRAMMAR = (("forward to hearing", "forward to hear", "to hear"),
           ("forward to meeting", "forward to meet", "to meet"),
           ("like to discuss the", "like to discuss about the", "discuss about the"),
           ("enjoyed meeting", "enjoyed to meet", "enjoyed to meet"),
           ("meet the team", "meet the the team", "the the"),
           ("I am writing to ask", "I am writing to asking", "to asking"))

# --------------------------------------------------------------------------------------
# Name error models
# --------------------------------------------------------------------------------------

QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbours(ch: str) -> str:
    for r, row in enumerate(QWERTY):
        c = row.find(ch)
        if c >= 0:
            out = [row[c - 1] if c > 0 else "", row[c + 1] if c + 1 < len(row) else ""]
            for rr in (r - 1, r + 1):
                if 0 <= rr < len(QWERTY):
                    out += [QWERTY[rr][cc] for cc in (c, c + 1) if cc < len(QWERTY[rr])]
            return "".join(out)
    return ""


def strip_accents(s: str) -> str:
    """Drop diacritics, including the ones NFKD does not decompose (ł, đ, ø)."""
    s = s.translate(str.maketrans("łŁđĐøØ", "lLdDoO"))
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _inner_letters(w: str) -> list[int]:
    return [i for i in range(1, len(w)) if w[i].isalpha() and w[i - 1].isalpha()]


def typo(word: str, model: str, rng: random.Random, person: P) -> str | None:
    """One realistic misspelling of ``word`` under ``model``, or None when it does not apply."""
    inner = _inner_letters(word)
    if model == "keyboard" and inner:
        for _ in range(10):
            i = rng.choice(inner)
            nb = _neighbours(word[i].lower())
            if nb:
                c = rng.choice(nb)
                return word[:i] + (c.upper() if word[i].isupper() else c) + word[i + 1:]
    if model == "transposition":
        pairs = [i for i in inner[:-1] if i + 1 in inner and word[i] != word[i + 1]]
        if pairs:
            i = rng.choice(pairs)
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if model == "dropped-letter" and len(inner) >= 4:
        doubles = [i for i in inner if word[i] == word[i - 1]]
        i = rng.choice(doubles or inner[:-1] or inner)
        return word[:i] + word[i + 1:]
    if model == "doubled-letter" and len(inner) >= 4:
        i = rng.choice([i for i in inner if word[i].lower() not in "aeiouy"] or inner)
        return word[:i] + word[i] + word[i:]
    if model == "dropped-accent":
        plain = strip_accents(word)
        return plain if plain != word else None
    if model == "phonetic":
        options = person.phonetic.get(word, ())
        return rng.choice(options) if options else None
    if model == "wrong-capitals":
        m = re.match(r"^(Mc|Mac|O'|Di|De)([A-Z])(.*)$", word)
        if m:
            return m.group(1) + m.group(2).lower() + m.group(3)
        if "-" in word:  # García-Márquez -> García-márquez
            a, _, b = word.partition("-")
            return f"{a}-{b[:1].lower()}{b[1:]}"
    return None


MODELS = ("keyboard", "transposition", "dropped-letter", "doubled-letter", "dropped-accent",
          "phonetic", "wrong-capitals")
#: Where a name has accents or inner capitals, losing them is the likeliest slip.
MODEL_WEIGHT = {"dropped-accent": 4, "wrong-capitals": 4}

# --------------------------------------------------------------------------------------
# Building one note
# --------------------------------------------------------------------------------------

_NICK = NickNamer()


#: The nicknames people actually use, each checked against the nicknames package below.
COMMON_NICKS = {"Katherine": ("Kate", "Kathy", "Katy"), "Robert": ("Bob", "Rob", "Bobby"),
                "Elizabeth": ("Liz", "Beth", "Lizzie"), "Rebecca": ("Becky", "Becca"),
                "Matthew": ("Matt",), "Susan": ("Sue", "Susie"), "Jonathan": ("Jon", "Jonny")}


def nicknames_of(given: str) -> list[str]:
    """Every nickname the package knows for ``given`` (to keep typos from landing on one)."""
    return sorted(n.capitalize() for n in _NICK.nicknames_of(given.casefold()))


def common_nicknames(given: str) -> list[str]:
    known = set(nicknames_of(given))
    return [n for n in COMMON_NICKS.get(given, ()) if n in known]


def split_name(entry: str) -> tuple[str | None, str, list[str], str]:
    """(title, given, middle words, family) of a roster entry."""
    words = entry.split()
    title = words[0] if words[0].rstrip(".") in ("Dr", "Mr", "Ms", "Mrs", "Prof") else None
    if title:
        words = words[1:]
    split = len(words) - 1
    for i in range(1, len(words) - 1):
        if words[i] in PARTICLES:
            split = i
            break
    return title, words[0], words[1:split], " ".join(words[split:])


def family_core(family: str) -> str:
    parts = family.split(" ")
    while len(parts) > 1 and parts[0] in PARTICLES:
        parts = parts[1:]
    return " ".join(parts)


class Builder:
    """Appends text and records labels with their offsets."""

    def __init__(self) -> None:
        self.text = ""
        self.expect: list[dict[str, Any]] = []
        self.forbid: list[dict[str, Any]] = []

    def add(self, s: str) -> None:
        self.text += s

    def label(self, rule: str, span: str, **extra: Any) -> None:
        self.expect.append({"rule": rule, "span": span, "start": len(self.text), **extra})
        self.text += span

    def add_labelled(self, s: str, rule: str, span: str, **extra: Any) -> None:
        """Add ``s`` whose first occurrence of ``span`` carries a label."""
        i = s.index(span)
        self.add(s[:i])
        self.label(rule, span, **extra)
        self.add(s[i + len(span):])


@dataclass
class Plan:
    """What goes wrong (or not) in one generated note."""

    name_issue: str | None = None   # typo, nickname, unknown, title, None
    typo_model: str | None = None
    company_mismatch: bool = False
    spelling: bool = False
    grammar: bool = False
    placeholder: bool = False
    timing: bool = False
    missing_thanks: bool = False
    missing_role: bool = False
    long: bool = False
    tone: dict[str, Any] | None = None


def _fmt_date(d: datetime, variety: str) -> str:
    if variety == "en-US":
        return f"{d:%B} {d.day}"
    if variety == "en-IN":
        sfx = "th" if 11 <= d.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return f"{d.day}{sfx} {d:%B}"
    return f"{d.day} {d:%B}"


class Generator:
    def __init__(self, seed: int, tone_sentences: dict[str, Any]) -> None:
        self.rng = random.Random(seed)
        self.tone = tone_sentences

    # -- names ---------------------------------------------------------------------------
    def name_mention(self, b: Builder, person: P, form: str, issue: str | None, model: str | None,
                     roster_words: set[str]) -> bool:
        """Write a mention of ``person``; returns True when the planned issue was placed."""
        title, given, _middle, family = split_name(person.entry)
        core = family_core(family)
        if form == "formal" and not title:
            form = "full"
        if issue == "nickname":
            nicks = common_nicknames(given)
            if nicks:
                b.label("name-nickname", self.rng.choice(nicks))
                return True
            issue = None
        if issue == "title" and title:
            wrong = {"m": ["Ms."], "f": ["Mr."]}[person.gender]
            if title in ("Dr.", "Prof."):
                wrong = ["Mr."] if person.gender == "m" else ["Ms.", "Mrs."]
            b.label("title-mismatch", f"{self.rng.choice(wrong)} {family}")
            return True
        if issue == "title":
            issue = None
        # Which word carries a typo: the one the form shows.
        shown = {"formal": [family], "given": [given], "full": [given, family]}[form]
        typo_word, bad = None, None
        if issue == "typo" and model:
            candidates = [w for s in shown for w in (s.split(" ") if s == family else [s])
                          if w not in PARTICLES]
            self.rng.shuffle(candidates)
            # Draw the error model among those that apply to the words shown, so that
            # accents and inner capitals get their share where the name has them.
            options = []
            for w in candidates:
                for m in MODELS:
                    probe = typo(w, m, random.Random(0), person)
                    if probe and self._acceptable(w, probe, given, roster_words):
                        options.append((m, w))
            if options:
                kinds = sorted({m for m, _ in options})
                model = self.rng.choices(kinds, [MODEL_WEIGHT.get(m, 1) for m in kinds])[0]
                w = self.rng.choice([w for m, w in options if m == model])
                for _ in range(10):
                    bad = typo(w, model, self.rng, person)
                    if bad and self._acceptable(w, bad, given, roster_words):
                        typo_word = w
                        break
        def piece(s: str) -> None:
            if typo_word and typo_word in s.split(" "):
                parts = s.split(" ")
                for k, part in enumerate(parts):
                    if k:
                        b.add(" ")
                    if part == typo_word:
                        b.label("name-misspelled", bad, suggestion=typo_word, model=model,
                                origin=person.origin)
                    else:
                        b.add(part)
            else:
                b.add(s)
        if form == "formal":
            b.add(f"{title} ")
            piece(family)
        elif form == "given":
            piece(given)
        else:
            piece(given)
            b.add(" ")
            piece(family)
        return typo_word is not None

    @staticmethod
    def _acceptable(word: str, bad: str, given: str, roster_words: set[str]) -> bool:
        if bad == word or bad in roster_words or len(strip_accents(bad)) < 3 and len(word) > 2:
            return False
        if bad.casefold() in {n.casefold() for n in nicknames_of(given)}:
            return False  # "Jon" for "Jonathan" is a nickname, not a slip
        return True

    # -- notes ---------------------------------------------------------------------------
    def note(self, kind: str, n: int) -> dict[str, Any]:
        rng = self.rng
        variety = rng.choice(VARIETIES)
        register = rng.choice(("formal", "formal", "casual"))
        size = rng.choice(("short", "short", "medium", "medium", "long"))
        company, role = rng.choice(COMPANIES), rng.choice(ROLES)
        panel = rng.sample(PEOPLE, rng.choice((1, 1, 2, 2, 3, 4)))
        plan = self._plan(kind, size)
        if plan.name_issue == "nickname":  # someone whose given name has nicknames leads the panel
            nicked = [p for p in PEOPLE if common_nicknames(split_name(p.entry)[1])]
            lead = rng.choice(nicked)
            panel = [lead] + [p for p in panel if p != lead][:len(panel) - 1]
        roster_words = {w for p in panel for w in p.entry.split() if w not in PARTICLES}
        writer = rng.choice(WRITERS)
        interviewed = datetime(2025, 3, 3, tzinfo=TZ[variety]) + timedelta(days=rng.randrange(0, 110))
        while interviewed.weekday() >= 5:
            interviewed += timedelta(days=1)
        interviewed = interviewed.replace(hour=rng.choice((9, 10, 11, 14, 15, 16)))
        ctx: dict[str, Any] = {"company": company, "role": role}
        b = Builder()
        # greeting
        addressed = panel[: (2 if len(panel) >= 2 and rng.random() < 0.3 else 1)]
        mentioned = [p for p in panel if p not in addressed] or panel
        form = "formal" if register == "formal" else "given"
        issue_at = rng.choice(("greeting", "body")) if plan.name_issue else None
        if plan.name_issue == "title":
            form, issue_at = "formal", "greeting"
        greet = {"formal": ["Dear "], "given": ["Hi ", "Hello ", "Dear "]}[form]
        if plan.placeholder and rng.random() < 0.5:
            b.add(rng.choice(greet))
            b.label("placeholder-unfilled", rng.choice(("[Name]", "{first_name}", "{{ name }}", "<NAME>")))
            b.add(",\n\n")
            plan.placeholder = False
            issue_at = "body" if plan.name_issue else None
        elif plan.name_issue == "unknown" and issue_at == "greeting":
            t, fam, giv = rng.choice(STRANGERS)
            b.add(rng.choice(greet))
            if form == "formal":
                b.add(f"{t} ")
                b.label("name-unknown", fam)
            else:
                b.label("name-unknown", giv)
            b.add(",\n\n")
            plan.name_issue = None
        else:
            b.add(rng.choice(greet))
            for k, p in enumerate(addressed):
                if k:
                    b.add(" and ")
                issue = plan.name_issue if issue_at == "greeting" and k == len(addressed) - 1 else None
                if self.name_mention(b, p, form, issue, plan.typo_model, roster_words):
                    plan.name_issue = None
            b.add(",\n\n")
        if plan.name_issue and plan.name_issue != "unknown":
            issue_at = "body"
        # sentences
        slots = {"role": role, "company": company, "weekday": f"{interviewed:%A}",
                 "date": _fmt_date(interviewed, variety), "topic": rng.choice(TOPICS),
                 "skill": rng.choice(SKILLS), "achievement": rng.choice(ACHIEVEMENTS),
                 "month": f"{interviewed:%B}"}
        if plan.missing_thanks:
            opener = rng.choice(NO_THANKS_OPEN)
        elif plan.missing_role:
            opener = rng.choice(NO_ROLE_OPEN)
        else:
            opener = rng.choice(OPEN[kind][variety])
        n_body = {"short": 1, "medium": 3, "long": 6}[size]
        body_pool = list(BODY[kind])
        rng.shuffle(body_pool)
        # The {M} sentence is kept when the plan needs a body mention; otherwise it may appear.
        with_m = [s for s in body_pool if "{M}" in s]
        without_m = [s for s in body_pool if "{M}" not in s]
        if plan.missing_thanks:
            no_thanks = re.compile(r"thank|appreciat|grateful", re.I)
            without_m = [s for s in without_m if not no_thanks.search(s)]
            with_m = [s for s in with_m if not no_thanks.search(s)]
        body = without_m[:n_body]
        if with_m and (issue_at == "body" or rng.random() < 0.4):
            body.insert(rng.randrange(0, len(body) + 1), with_m[0])
        sentences = [opener] + body
        if plan.long:
            sentences.insert(2, LONG_SENTENCE)
        if plan.company_mismatch:
            other = rng.choice([c for c in COMPANIES if c != company])
            sentences.insert(len(sentences), f"I am excited about the chance to bring my skills to {other}.")
            ctx_other = other
        closing = [] if plan.missing_thanks else [rng.choice(CLOSE[variety])]
        spelled = grammared = False
        paragraphs = [sentences[:2], sentences[2:]] if len(sentences) > 3 else [sentences]
        paragraphs.append(closing)
        tone_sentence = plan.tone
        if tone_sentence is not None:
            paragraphs[-2].append("{TONE}")
        for pi, para in enumerate(paragraphs):
            if not para:
                continue
            for si, s in enumerate(para):
                if si:
                    b.add(" ")
                if s == "{TONE}":
                    self._tone_sentence(b, tone_sentence)
                    continue
                if s == LONG_SENTENCE:
                    b.label("long-sentence", s)
                    continue
                s = s.format(M="{M}", **slots)
                if "{M}" in s:
                    self._mention(b, s, plan, issue_at, mentioned, roster_words)
                    continue
                if plan.company_mismatch and ctx_other in s:
                    b.add_labelled(s, "company-mismatch", ctx_other, suggestion=company)
                    continue
                if plan.placeholder and "{{" not in s and role in s:
                    ph = rng.choice(("[Role]", "{{ role }}", "<ROLE>", "XXX"))
                    s = s.replace(role, ph, 1)
                    b.add_labelled(s, "placeholder-unfilled", ph)
                    plan.placeholder = False
                    continue
                if plan.grammar and not grammared:
                    hit = next((g for g in GRAMMAR if g[0] in s), None)
                    if hit:
                        s = s.replace(hit[0], hit[1], 1)
                        b.add_labelled(s, "grammar", hit[2])
                        grammared = True
                        continue
                if plan.spelling and not spelled:
                    hit = next((w for w in SPELLING if re.search(rf"\b{w[0]}\b", s)), None)
                    if hit:
                        s = re.sub(rf"\b{hit[0]}\b", hit[1], s, count=1)
                        b.add_labelled(s, "spelling", hit[1], suggestion=hit[0])
                        spelled = True
                        continue
                b.add(s)
            b.add("\n\n")
        signs = [x for x in SIGN[variety] if not plan.missing_thanks or "hank" not in x]
        b.add(rng.choice(signs) + "\n")
        b.add(writer if register == "formal" or rng.random() < 0.5 else writer.split()[0])
        b.add("\n")
        if plan.placeholder:  # nowhere to put it above: a TODO line before the sign-off
            b.text = b.text.rstrip("\n") + "\n"
            b.add("\n")
            b.label("placeholder-unfilled", "TODO")
            b.add(": attach portfolio link\n")
        # A planned name issue that found no place (e.g. no nickname, no typo fits) is dropped.
        kind_given = rng.random() < 0.7
        if kind_given:
            ctx["kind"] = kind
        if rng.random() < 0.75:
            ctx["writer"] = writer
        self._timing(kind, ctx, interviewed, plan, b)
        words = len(re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", b.text))
        budget = {"status-check": 120}.get(kind, 200)
        if words > budget + 15:
            b.expect.append({"rule": "too-long", "span": None})
        elif words < budget - 15:
            b.forbid.append({"rules": ["too-long"]})
        if plan.missing_thanks:
            b.expect.append({"rule": "missing-thanks", "span": None})
        if kind == "status-check":
            if plan.missing_role:
                b.expect.append({"rule": "missing-role", "span": None})
            elif role in b.text:
                b.forbid.append({"rules": ["missing-role"]})
        if not plan.long:
            b.forbid.append({"rules": ["long-sentence"]})
        if not plan.grammar:
            pass  # grammar is not labelled exhaustively: LanguageTool has opinions on style
        return self._finish(b, f"{kind}-{n:03d}", kind, variety, register, [p.entry for p in panel],
                            ctx, writer, "generated", size)

    def _mention(self, b: Builder, s: str, plan: Plan, issue_at: str | None, mentioned: list[P],
                 roster_words: set[str]) -> None:
        """Write a body sentence that names a panel member (or a stranger)."""
        rng = self.rng
        before, _, after = s.partition("{M}")
        b.add(before)
        p = rng.choice(mentioned)
        issue = plan.name_issue if issue_at == "body" else None
        if issue == "unknown":
            t, fam, _giv = rng.choice(STRANGERS)
            b.add(f"{t} ")
            b.label("name-unknown", fam)
            plan.name_issue = None
        else:
            mform = "formal" if issue == "title" else rng.choice(("formal", "given", "full"))
            if self.name_mention(b, p, mform, issue, plan.typo_model, roster_words):
                plan.name_issue = None
        b.add(after)

    def _plan(self, kind: str, size: str) -> Plan:
        rng = self.rng
        p = Plan()
        r = rng.random()
        if r < 0.42:
            p.name_issue, p.typo_model = "typo", "any"
        elif r < 0.52:
            p.name_issue = "nickname"
        elif r < 0.57:
            p.name_issue = "unknown"
        elif r < 0.63:
            p.name_issue = "title"
        p.company_mismatch = rng.random() < 0.06
        p.spelling = rng.random() < 0.12
        p.grammar = rng.random() < 0.12
        p.placeholder = rng.random() < 0.05
        p.timing = rng.random() < 0.2
        p.missing_thanks = kind == "thank-you" and rng.random() < 0.1
        p.missing_role = kind == "status-check" and rng.random() < 0.15
        p.long = size == "long" and rng.random() < 0.5
        if kind in ("status-check", "feedback-request") and rng.random() < 0.6:
            p.tone = rng.choice(self.tone["sentences"])
        return p

    def _tone_sentence(self, b: Builder, t: dict[str, Any]) -> None:
        text = t["text"]
        labels = sorted(t.get("expect", []), key=lambda e: text.index(e["span"]))
        pos = 0
        for e in labels:
            i = text.index(e["span"], pos)
            b.add(text[pos:i])
            b.label(e["rule"], e["span"])
            pos = i + len(e["span"])
        b.add(text[pos:])

    def _timing(self, kind: str, ctx: dict[str, Any], interviewed: datetime, plan: Plan,
                b: Builder) -> None:
        rng = self.rng
        ctx["interviewed_at"] = interviewed.isoformat()
        late = plan.timing
        if kind == "thank-you":
            sent = interviewed + timedelta(hours=rng.randint(30, 80) if late else rng.randint(2, 20))
            b.expect.append({"rule": "late-thank-you", "span": None}) if late else \
                b.forbid.append({"rules": ["late-thank-you"]})
        elif kind == "status-check":
            promised = rng.random() < 0.7
            if promised:
                decision = interviewed + timedelta(days=rng.randint(7, 10))
                ctx["decision_expected_by"] = decision.isoformat()
                base = decision
            else:
                base = interviewed + timedelta(days=9)
            which = rng.choice(("too-soon", "too-frequent")) if late else None
            if which == "too-soon":
                sent = base - timedelta(days=2) if promised else interviewed + timedelta(days=2)
                b.expect.append({"rule": "too-soon", "span": None})
                b.forbid.append({"rules": ["too-frequent"]})
            else:
                sent = base + timedelta(days=rng.randint(2, 5))
                b.forbid.append({"rules": ["too-soon"]})
                if which == "too-frequent":
                    ctx["previous_followups"] = [(sent - timedelta(days=2)).isoformat()]
                    b.expect.append({"rule": "too-frequent", "span": None})
                else:
                    if rng.random() < 0.3:
                        ctx["previous_followups"] = [(sent - timedelta(days=9)).isoformat()]
                    b.forbid.append({"rules": ["too-frequent"]})
        elif kind == "feedback-request":
            sent = interviewed + timedelta(days=rng.randint(10, 25))
            b.forbid.append({"rules": ["too-soon", "too-frequent", "late-thank-you"]})
        else:
            sent = interviewed + timedelta(days=rng.randint(60, 150))
            if late:
                ctx["previous_followups"] = [(sent - timedelta(days=rng.randint(6, 12))).isoformat()]
                b.expect.append({"rule": "too-frequent", "span": None})
            else:
                if rng.random() < 0.5:
                    ctx["previous_followups"] = [(sent - timedelta(days=rng.randint(35, 50))).isoformat()]
                b.forbid.append({"rules": ["too-frequent"]})
        ctx["sent_at"] = sent.replace(minute=rng.choice((5, 20, 40))).isoformat()
        if kind in ("status-check", "keep-in-touch"):
            b.forbid.append({"rules": ["late-thank-you"]})

    def _finish(self, b: Builder, nid: str, kind: str, variety: str, register: str,
                roster: list[str], ctx: dict[str, Any], writer: str | None, source: str,
                size: str) -> dict[str, Any]:
        add_name_forbids(b, roster, writer, ctx)
        cfg = {"languagetool_language": "en-US" if variety == "en-US" else "en-GB"}
        return {"id": nid, "kind": kind, "variety": variety, "register": register, "size": size,
                "source": source, "text": b.text, "roster": roster, "context": ctx, "config": cfg,
                "expect": b.expect, "forbid": b.forbid}


def _word_spans(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<![\w]){re.escape(word)}(?![\w])", text)]


def add_name_forbids(b: Builder, roster: list[str], writer: str | None, ctx: dict[str, Any]) -> None:
    """Correct roster names, the writer's name, the company and the role must not be flagged
    as misspelled names, unknown names or spelling errors."""
    covered = [(e["start"], e["start"] + len(e["span"])) for e in b.expect if e.get("span")]
    def free(s: int, e: int) -> bool:
        return not any(a < e and s < z for a, z in covered)
    words: list[tuple[str, str, list[str]]] = []
    for entry in roster:
        for w in entry.split():
            if w not in PARTICLES and not w.endswith("."):
                words.append((w, "roster", ["name-misspelled", "name-unknown", "spelling", "title-mismatch"]))
    for w in (writer or "").split():
        words.append((w, "writer", ["name-misspelled", "name-unknown", "spelling"]))
    if ctx.get("company"):
        words.append((ctx["company"], "company", ["company-mismatch", "spelling", "name-unknown"]))
    if ctx.get("role"):
        words.append((ctx["role"], "role", ["spelling"]))
    for w in VARIETY_WORDS:  # right in British, Indian and Nigerian English
        words.append((w, "variety", ["spelling"]))
    seen = set()
    for w, what, rules in words:
        for s in _word_spans(b.text, w):
            if (s, w) in seen or not free(s, s + len(w)):
                continue
            seen.add((s, w))
            b.forbid.append({"rules": rules, "span": w, "start": s, "what": what})


# --------------------------------------------------------------------------------------
# Hand-written notes
# --------------------------------------------------------------------------------------

DEFAULT_DATES = {"thank-you": (0, 4), "status-check": (14, None), "feedback-request": (20, None),
                 "keep-in-touch": (90, None)}


def hand_notes(path: Path) -> list[dict[str, Any]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, h in enumerate(data["note"], 1):
        text = h["text"].strip("\n") + "\n"
        kind = h["kind"]
        b = Builder()
        b.text = text
        for e in h.get("expect", []):
            span = e.get("span")
            label = {"rule": e["rule"], "span": span}
            if span is not None:
                nth = e.get("nth", 1)
                start = -1
                for _ in range(nth):
                    start = text.index(span, start + 1)
                label["start"] = start
            if "suggestion" in e:
                label["suggestion"] = e["suggestion"]
            b.expect.append(label)
        for f in h.get("forbid", []):
            label = {"rules": f["rules"]}
            if f.get("span"):
                label |= {"span": f["span"], "start": text.index(f["span"])}
            b.forbid.append(label)
        ctx = dict(h.get("context", {}))
        tz = TZ[h.get("variety", "en-GB")]
        interviewed = datetime(2025, 5, 5, 10, 0, tzinfo=tz)
        days, hours = DEFAULT_DATES[kind]
        ctx.setdefault("interviewed_at", interviewed.isoformat())
        sent = interviewed + timedelta(days=days, hours=hours or 0)
        ctx.setdefault("sent_at", sent.isoformat())
        roster = list(h.get("roster", []))
        add_name_forbids(b, roster, ctx.get("writer"), ctx)
        variety = h.get("variety", "en-GB")
        out.append({"id": f"hand-{i:03d}", "kind": kind, "variety": variety,
                    "register": h.get("register", "formal"), "size": "short", "source": "hand",
                    "text": text, "roster": roster, "context": ctx,
                    "config": {"languagetool_language": "en-US" if variety == "en-US" else "en-GB"},
                    "expect": b.expect, "forbid": b.forbid})
    return out


def build(seed: int) -> dict[str, list[dict[str, Any]]]:
    """Every note, grouped by kind."""
    tone = tomllib.loads((SRC / "tone_sentences.toml").read_text(encoding="utf-8"))
    gen = Generator(seed, tone)
    counts = {"thank-you": 60, "status-check": 80, "feedback-request": 45, "keep-in-touch": 35}
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for kind in KINDS:
        for n in range(1, counts[kind] + 1):
            by_kind[kind].append(gen.note(kind, n))
    for note in hand_notes(SRC / "hand_notes.toml"):
        by_kind[note["kind"]].append(note)
    return by_kind


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20250601)
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for kind, notes in build(args.seed).items():
        path = args.out / f"{kind}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for note in notes:
                fh.write(json.dumps(note, ensure_ascii=False, sort_keys=True) + "\n")
        total += len(notes)
        print(f"{path.relative_to(HERE.parent)}: {len(notes)} notes")
    print(f"{total} notes")


if __name__ == "__main__":
    main()
