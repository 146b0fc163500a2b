"""The quality harness: the corpus loads and is consistent, and the scorer counts right."""

from __future__ import annotations

import json

import pytest
from bench import make_corpus, quality


@pytest.fixture(scope="module")
def corpus():
    return quality.load_corpus()


def test_corpus_is_big_and_covers_every_kind_and_variety(corpus):
    assert len(corpus) >= 200
    assert {n["kind"] for n in corpus} == set(make_corpus.KINDS)
    assert {n["variety"] for n in corpus} == {"en-US", "en-GB", "en-IN", "en-NG"}
    assert sum(1 for n in corpus if not n["expect"]) >= 40  # notes that must stay clean
    assert len({n["id"] for n in corpus}) == len(corpus)


def test_every_label_span_is_in_its_note(corpus):
    for note in corpus:
        for label in note["expect"] + note["forbid"]:
            if label.get("span") is not None:
                start = label["start"]
                assert note["text"][start:start + len(label["span"])] == label["span"], note["id"]


def test_every_note_builds_a_context_and_a_roster(corpus):
    from followup_lint import Roster

    for note in corpus:
        ctx = quality.note_context(note["context"])
        assert ctx.sent_at is not None and ctx.interviewed_at is not None
        Roster.of(note["roster"])


def test_misspelled_names_differ_from_the_roster_spelling(corpus):
    for note in corpus:
        for label in note["expect"]:
            if label["rule"] == "name-misspelled":
                assert label["span"] != label["suggestion"]
                assert any(label["suggestion"] in entry for entry in note["roster"]), note["id"]


def test_the_generator_is_deterministic():
    a = make_corpus.build(7)
    b = make_corpus.build(7)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_typo_models_make_realistic_slips():
    import random

    rng = random.Random(1)
    person = make_corpus.PEOPLE[0]
    assert make_corpus.typo("Siobhán", "dropped-accent", rng, person) == "Siobhan"
    assert make_corpus.typo("Łukasz", "dropped-accent", rng, person) == "Lukasz"
    assert make_corpus.typo("McDonald", "wrong-capitals", rng, person) == "Mcdonald"
    swapped = make_corpus.typo("Okafor", "transposition", rng, person)
    assert sorted(swapped) == sorted("Okafor") and swapped != "Okafor" and swapped[0] == "O"


NOTE = {
    "id": "tiny", "text": "Dear Dr. Smith, you said Monday. Per my last email, Kate.",
    "expect": [
        {"rule": "name-misspelled", "span": "Smith", "start": 9, "suggestion": "Smyth"},
        {"rule": "accusatory", "span": "you said Monday", "start": 16},
        {"rule": "passive-aggressive", "span": "Per my last email", "start": 33},
    ],
    "forbid": [{"rules": ["grammar"], "span": "Kate", "start": 52}],
}


def test_scorer_counts_true_and_false_positives_and_misses():
    P = quality.Pred
    preds = [
        P("name-misspelled", 9, 14, "Smith", ("Smyth",)),          # hit, right suggestion
        P("name-misspelled", 9, 14, "Smith", ("Smyth",)),          # same label again: duplicate
        P("accusatory", 16, 24, "you said"),                       # partial overlap still a hit
        P("accusatory", 52, 56, "Kate"),                           # no label: false positive
        P("grammar", 52, 56, "Kate"),                              # on a must-not span: false positive
        P("grammar", 0, 4, "Dear"),                                # grammar is partial: unlabelled
    ]                                                              # passive-aggressive: missed
    rules = ("name-misspelled", "accusatory", "passive-aggressive", "grammar")
    counts = quality.score([NOTE], [preds], rules)
    nm, acc, pa, gr = (counts[r] for r in rules)
    assert (nm.tp, nm.fp, nm.fn, nm.dup) == (1, 0, 0, 1)
    assert nm.precision == 1.0 and nm.recall == 1.0 and nm.suggest_ok == 1
    assert (acc.tp, acc.fp, acc.fn) == (1, 1, 0)
    assert acc.precision == pytest.approx(0.5) and acc.recall == 1.0
    assert acc.f1 == pytest.approx(2 / 3)
    assert (pa.tp, pa.fn, pa.recall, pa.precision) == (0, 1, 0.0, None)
    assert (gr.fp, gr.unlabelled) == (1, 1)
    total = quality.micro(counts, rules)
    assert (total.tp, total.fp, total.fn) == (2, 2, 1)


def test_wrong_suggestion_is_counted_and_whole_name_suggestion_accepted():
    P = quality.Pred
    note = {"id": "s", "text": "Hi Katherine Smith,", "forbid": [],
            "expect": [{"rule": "name-misspelled", "span": "Smith", "start": 13, "suggestion": "Smyth"}]}
    whole = quality.score([note], [[P("name-misspelled", 3, 18, "Katherine Smith", ("Katherine Smyth",))]],
                          ["name-misspelled"])["name-misspelled"]
    wrong = quality.score([note], [[P("name-misspelled", 13, 18, "Smith", ("Smithe",))]],
                          ["name-misspelled"])["name-misspelled"]
    assert (whole.tp, whole.suggest_ok) == (1, 1)
    assert (wrong.tp, wrong.suggest_ok, wrong.suggest_total) == (1, 0, 1)


def test_keyword_baseline_matches_substrings_case_insensitively():
    table = {"pushy": ["asap"], "desperate": ["please please"]}
    [preds] = quality.run_keywords([{"text": "Reply ASAP. asap!"}], table)
    assert [(p.rule, p.start, p.end) for p in preds] == [("pushy", 6, 10), ("pushy", 12, 16)]
    assert set(quality.load_keywords()) == set(quality.TONE)
