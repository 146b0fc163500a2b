"""The trained tone model: a spaCy ``textcat_multilabel`` (bag of n-grams) shipped as package
data in ``data/tone_model/``, trained by ``training/tone/train.py``.

It reads the sentences of the parse the linter already made: each sentence becomes a small
feature Doc (its words in lower case, then lemma and subject/verb/object cues from the parse),
so there is no second parse. Nothing is downloaded; the weights load from the package.
"""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: The labels the model scores, in the order of its output.
LABELS = ("accusatory", "pushy", "passive-aggressive", "desperate", "resentful", "self-focused")
#: Dependencies whose (child, head) lemma pair is a feature: who does what to whom.
_PAIR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "neg", "aux", "advmod", "ccomp", "xcomp",
                        "prep", "pobj", "acomp", "attr"})
#: A sentence longer than this many tokens is cut: run-on text is not prose, and the cost
#: stays linear.
_MAX_TOKENS = 120

_lock = threading.Lock()
_loaded: tuple[Language, dict[str, float]] | None = None


def features(sent: Span | Doc) -> list[str]:
    """The feature words of one parsed sentence: what the model reads. Training and linting
    call this one function, so both see the same features."""
    words: list[str] = []
    extra: list[str] = []
    for tok in sent[:_MAX_TOKENS]:
        if tok.is_space:
            continue
        low = tok.lower_.replace("\u2019", "'")
        words.append(low)
        lemma = tok.lemma_.lower().replace("\u2019", "'")
        if lemma != low:
            extra.append("L:" + lemma)
        if tok.dep_ in _PAIR_DEPS:
            head = tok.head.lemma_.lower()
            extra.append(f"D:{tok.dep_}:{lemma}>{head}")
        if tok.is_upper and len(tok.text) > 1 and tok.is_alpha:
            extra.append("F:shout")
    if sent[-1:].text.count("!") or "!!" in sent.text:
        extra.append("F:bang")
    return words + ["|"] + extra


def _data_dir() -> Any:
    return resources.files("followup_lint.data").joinpath("tone_model")


def load() -> tuple[Language, dict[str, float]]:
    """The model pipeline and its default per-rule thresholds (chosen on held-out data)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    with _lock:
        if _loaded is None:
            import spacy

            with resources.as_file(_data_dir()) as path, warnings.catch_warnings():
                # W095: trained with another spaCy 3.8.x patch release. The ranges allow any
                # 3.8.x (the lowest-versions run checks 3.8.15); do not print it on every run.
                warnings.filterwarnings("ignore", message=r"\[W095\]")
                nlp = spacy.load(path)
                thresholds = json.loads((path / "thresholds.json").read_text("utf-8"))
            _loaded = (nlp, {k: float(v) for k, v in thresholds.items()})
    return _loaded


def available() -> bool:
    """Whether the weights are installed with the package."""
    return bool(_data_dir().joinpath("config.cfg").is_file())


def scores(sents: Sequence[Span | Doc]) -> list[dict[str, float]]:
    """Probability of each label for each sentence."""
    if not sents:
        return []
    from spacy.tokens import Doc

    nlp, _ = load()
    textcat = nlp.get_pipe("textcat_multilabel")
    docs = []
    for s in sents:
        words = features(s)
        docs.append(Doc(nlp.vocab, words=words, spaces=[True] * len(words)))
    probs = textcat.predict(docs)  # type: ignore[attr-defined]
    labels = textcat.labels  # type: ignore[attr-defined]
    return [{label: float(row[i]) for i, label in enumerate(labels)} for row in probs]


def default_thresholds() -> dict[str, float]:
    """The shipped per-rule thresholds."""
    return dict(load()[1])
