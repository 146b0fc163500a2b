"""The kind of note (thank-you, status check, feedback request, keep-in-touch) from its text."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from .context import KINDS, Kind
from .nlp import get_nlp
from .rules.data import load

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc


@cache
def _matcher() -> "Matcher":
    from spacy.matcher import Matcher

    matcher = Matcher(get_nlp().vocab)
    for kind, spec in load("kinds").items():
        matcher.add(kind, spec["patterns"])
    return matcher


def detect_kind(doc: "Doc") -> Kind | None:
    """The most likely kind of note, or None when the text gives no cue."""
    data = load("kinds")
    scores: dict[str, float] = {}
    vocab = doc.vocab.strings
    for match_id, _start, _end in _matcher()(doc):
        kind = vocab[match_id]
        scores[kind] = scores.get(kind, 0.0) + data[kind]["weight"]
    if not scores:
        return None
    best = max(scores, key=lambda k: scores[k])
    return best if best in KINDS else None  # type: ignore[return-value]
