"""The kind of note (thank-you, status check, feedback request, keep-in-touch, withdrawal,
rejection reply) from its text.

The cues are data (data/kinds.toml): spaCy Matcher patterns in three strengths per
kind, plus "quiet" phrases that silence a kind's cues in their sentence. Each cue counts
once where it starts; the kind with the most points wins.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from .context import KINDS, Kind
from .data import load
from .gated import GatedMatcher
from .nlp import doc_text, get_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CUES_KEY = "followup_lint.kind_cues"

#: Points per cue strength.
STRENGTHS: dict[str, float] = {"strong": 3.0, "cue": 2.0, "weak": 0.5}


@cache
def _matcher() -> GatedMatcher:
    # Gated: of the ~90 cue patterns a note can match only the few whose words it holds.
    matcher = GatedMatcher(get_nlp().vocab)
    for kind, spec in load("kinds").items():
        for level in (*STRENGTHS, "quiet"):
            if spec.get(level):
                matcher.add(f"{kind}:{level}", spec[level])
    return matcher


def cue_spans(doc: Doc) -> list[tuple[Kind, float, int, int]]:
    """Every counted cue as (kind, points, start_char, end_char), in text order.

    A cue counts once per start token (the widest match kept); cues of a kind inside a
    sentence holding one of its "quiet" phrases are dropped.
    """
    cached = doc.user_data.get(_CUES_KEY)
    if cached is not None:  # detect_kind and the timing/content rules ask for the same doc
        return list(cached)
    vocab = doc.vocab.strings
    quiet: set[tuple[str, int]] = set()
    best: dict[tuple[str, int], tuple[float, int, int]] = {}
    for match_id, start, end in _matcher()(doc):
        kind, _, level = vocab[match_id].partition(":")
        if kind not in KINDS:
            continue
        if level == "quiet":
            quiet.add((kind, doc[start].sent.start))
            continue
        points = STRENGTHS[level]
        key = (kind, start)
        if key not in best or (points, end) > best[key][:2]:
            best[key] = (points, end, start)
    cues = []
    for (kind, start), (points, end, _) in best.items():
        if (kind, doc[start].sent.start) in quiet:
            continue
        span = doc[start:end]
        cues.append((kind, points, span.start_char, span.end_char))
    cues.sort(key=lambda c: (c[2], c[3]))
    doc.user_data[_CUES_KEY] = tuple(cues)
    return cues  # type: ignore[return-value]


def kind_scores(doc: Doc) -> dict[Kind, float]:
    """Points per kind (kinds without a cue left out)."""
    scores: dict[Kind, float] = {}
    for kind, points, _s, _e in cue_spans(doc):
        scores[kind] = scores.get(kind, 0.0) + points
    return scores


def detect_kind(doc: Doc) -> Kind | None:
    """The most likely kind of note, or None when the text gives no cue.

    Ties go to the kind listed first in KINDS.
    """
    scores = kind_scores(doc)
    if not scores:
        return None
    specs = load("kinds")
    # "only_over" kinds never win on their own points: their cues only refine another kind.
    own = [k for k in KINDS if not specs.get(k, {}).get("only_over")]
    best = max(own, key=lambda k: (scores.get(k, 0.0), -KINDS.index(k)))
    if scores.get(best, 0.0) == 0.0:
        return None
    # A kind that refines others ("over" in data/kinds.toml) takes the note from them once
    # it has enough points: a withdrawal that also thanks, a rejection reply that asks feedback.
    for kind in KINDS:
        spec = specs.get(kind, {})
        if best in spec.get("over", ()) and scores.get(kind, 0.0) >= spec.get("over_min", 0):
            return kind
    return best


def cue_sentence(doc: Doc, kind: str) -> tuple[int, int] | None:
    """(start_char, end_char) of the first sentence holding a cue of ``kind``, trailing
    space left out; None when no cue of that kind counted."""
    for cue_kind, _points, start, end in cue_spans(doc):
        if cue_kind == kind:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                sent = span.sent
                s, e = sent.start_char, sent.start_char + len(sent.text.rstrip())
                # spaCy may run a greeting line into the first sentence: keep the
                # paragraph that holds the cue.
                text = doc_text(doc)
                brk = text.rfind("\n\n", s, start)
                if brk >= 0:
                    s = brk + 2 + (len(text[brk + 2:start]) - len(text[brk + 2:start].lstrip()))
                brk = text.find("\n\n", end, e)
                if brk >= 0:
                    e = len(text[:brk].rstrip())
                return s, e
    return None


def first_line(text: str) -> tuple[int, int]:
    """(start, end) of the first non-blank line (the greeting, usually), stripped."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            return offset + lead, offset + len(line.rstrip())
        offset += len(line)
    return 0, 0
