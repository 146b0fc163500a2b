"""The gated matchers (gated.GatedMatcher / GatedDependencyMatcher) find exactly what spaCy's
own Matcher / DependencyMatcher holding every pattern finds, on real parses."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import DependencyMatcher, Matcher

from followup_lint.kinds import _matcher as kinds_matcher
from followup_lint.gated import GatedDependencyMatcher, GatedMatcher
from followup_lint.nlp import doc_text, get_nlp, parse
from followup_lint.data import load
from followup_lint.rules.tone import engine
from followup_lint.rules.tone_engine import _AFTER

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.txt"))
NOTES = [p.read_text(encoding="utf-8") for p in EXAMPLES] + [
    "Thank you for your time today. I enjoyed meeting the team.",
    "You said I would hear back by Monday. It is now Wednesday and I still have not heard.",
    "Please reply by Friday. Per my last email, I really need this job.",
    "Any update on the decision? I wanted to check in on the timeline.",
    "",
    "Thanks",
]


def _sorted(matches):
    return sorted(matches, key=lambda m: (m[1], m[2], m[0]))


@pytest.mark.parametrize("text", NOTES)
def test_gated_matcher_finds_what_the_full_matcher_finds(text):
    doc = parse(text)
    vocab = get_nlp().vocab
    full = Matcher(vocab)
    for kind, spec in load("kinds").items():
        for level in ("strong", "cue", "weak", "quiet"):
            if spec.get(level):
                full.add(f"{kind}:{level}", spec[level])
    assert kinds_matcher()(doc) == _sorted(full(doc))


@pytest.mark.parametrize("text", NOTES)
def test_gated_matchers_agree_with_spacy_on_the_tone_patterns(text):
    # The tone engine's own (gated) matchers against spaCy's, holding the same patterns,
    # the "unless followed by" ones included.
    doc = parse(text)
    vocab = get_nlp().vocab
    tone = engine()
    full, full_dep = Matcher(vocab), DependencyMatcher(vocab)
    for p in tone.patterns:
        if p.kind == "token":
            full.add(p.id, [list(x) for x in p.patterns], greedy="LONGEST")
            if p.unless_followed_by:
                full.add(p.id + _AFTER, [list(x) for x in p.unless_followed_by])
        else:
            full_dep.add(p.id, [list(x) for x in p.patterns])
    assert _sorted(tone.matcher(doc)) == _sorted(full(doc))
    assert sorted(tone.dep_matcher(doc)) == sorted(full_dep(doc))


def test_greedy_longest_and_optional_first_token():
    vocab = get_nlp().vocab
    patterns = [[{"LOWER": {"IN": ["very", "really"]}, "OP": "?"}, {"LEMMA": "need"}],
                [{"LOWER": "need"}, {"LOWER": "this"}, {"LOWER": "job"}]]
    full, gated = Matcher(vocab), GatedMatcher(vocab)
    full.add("X", patterns, greedy="LONGEST")
    gated.add("X", patterns, greedy="LONGEST")
    for text in ("I really need this job.", "We need it.", "Nothing here."):
        doc = parse(text)
        assert gated(doc) == _sorted(full(doc))


def test_a_bad_pattern_is_refused_when_added():
    gated = GatedMatcher(get_nlp().vocab, validate=True)
    with pytest.raises(Exception):
        gated.add("BAD", [[{"LOWER": {"NOPE": 1}}]])
    dep = GatedDependencyMatcher(get_nlp().vocab)
    with pytest.raises(ValueError):
        dep.add("BAD", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LOWER": "x"}},
                         {"LEFT_ID": "zz", "REL_OP": ">", "RIGHT_ID": "b",
                          "RIGHT_ATTRS": {"LOWER": "y"}}]])


def test_doc_text_is_the_parsed_text():
    text = "Dear Dr. Smyth,\n\nThank you, Zoë! 😀 See you soon.\n"
    doc = parse(text)
    assert doc_text(doc) == text == doc.text
    assert doc_text(doc) is doc_text(doc)
    piece = doc[2:5].as_doc(copy_user_data=True)  # a copied cache must not leak
    assert doc_text(piece) == piece.text
