"""spaCy's matchers, run only with the patterns a note can match.

spaCy's Matcher starts every pattern at every token, so it costs patterns x tokens even when
a pattern needs a word the note does not hold (most patterns, for any one note). A gated
matcher works out once which words each pattern requires; per doc it runs a matcher holding
only the patterns whose required words all occur (built on first need and kept for the next
doc needing the same set). The matches are those of one matcher holding every pattern
(tests/test_gated_matcher.py checks this against spaCy's own).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

#: Token attributes a pattern's required words are read from (TEXT is spaCy's alias of ORTH).
_GATE_ATTRS = ("ORTH", "LOWER", "LEMMA")
_GATE_ALIASES = {"TEXT": "ORTH"}


def _required_words(pattern: list[dict[str, Any]]) -> list[tuple[int, frozenset[int]]]:
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


def _present_words(doc: Doc | Span) -> list[set[int]]:
    """The hashes of the doc's words, one set per attribute of _GATE_ATTRS."""
    from spacy.attrs import LEMMA, LOWER, ORTH
    from spacy.tokens import Doc

    if isinstance(doc, Doc):
        array = doc.to_array([ORTH, LOWER, LEMMA])
    else:  # a Span
        array = doc.doc.to_array([ORTH, LOWER, LEMMA])[doc.start:doc.end]
    return [set(c) for c in array.T.tolist()] if len(array) else [set(), set(), set()]


_sets_lock = threading.Lock()


class _Gated:
    """What both gated matchers share: the patterns, their gates and the cached matchers."""

    #: Matchers kept for sets of patterns (a set costs ~25 us a pattern to build).
    CACHED_SETS = 128

    def __init__(self, vocab: Vocab, validate: bool = False) -> None:
        self.vocab = vocab
        self.validate = validate
        self._patterns: list[tuple[str, list[dict[str, Any]]]] = []
        self._options: dict[str, dict[str, Any]] = {}
        self._gates: list[list[tuple[int, frozenset[int]]]] = []
        self._sets: OrderedDict[tuple[int, ...], Any] = OrderedDict()

    def _spacy_matcher(self, validate: bool = False) -> Any:
        raise NotImplementedError

    def _token_specs(self, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The token specifications of a pattern (its nodes' attributes)."""
        return pattern

    def _add(self, key: str, patterns: list[list[dict[str, Any]]], **options: Any) -> None:
        # spaCy's own checks run here, so a bad pattern fails when it is added.
        self._spacy_matcher(self.validate).add(key, patterns, **options)
        self._options[key] = options
        for pattern in patterns:
            self._patterns.append((key, pattern))
            self._gates.append(_required_words(self._token_specs(pattern)))
        self._sets.clear()

    def __len__(self) -> int:
        return len(self._patterns)

    def _build(self, indices: Iterable[int]) -> Any:
        by_key: dict[str, list[list[dict[str, Any]]]] = {}
        for i in indices:
            key, pattern = self._patterns[i]
            by_key.setdefault(key, []).append(pattern)
        matcher = self._spacy_matcher()
        for key, patterns in by_key.items():
            matcher.add(key, patterns, **self._options[key])
        return matcher

    def possible(self, doc: Doc | Span) -> tuple[int, ...]:
        """Indices of the patterns whose required words all occur in ``doc``."""
        present = _present_words(doc)
        return tuple(i for i, gate in enumerate(self._gates)
                     if all(not words.isdisjoint(present[attr]) for attr, words in gate))

    def _matcher_for(self, indices: tuple[int, ...]) -> Any:
        """The matcher for a set of pattern indices, from a least-recently-used cache."""
        with _sets_lock:
            found = self._sets.get(indices)
            if found is not None:
                self._sets.move_to_end(indices)
                return found
        built = self._build(indices)
        with _sets_lock:
            self._sets[indices] = built
            if len(self._sets) > self.CACHED_SETS:
                self._sets.popitem(last=False)
        return built


class GatedMatcher(_Gated):
    """spaCy's ``Matcher``, run only with the patterns a doc can match; when many can, one
    Matcher holding every pattern runs. Matches are sorted by (start, end, match_id)."""

    #: Above this share of possible patterns the one full Matcher runs.
    FULL_SHARE = 0.4

    def __init__(self, vocab: Vocab, validate: bool = False) -> None:
        super().__init__(vocab, validate)
        self._full: Any = None

    def _spacy_matcher(self, validate: bool = False) -> Any:
        from spacy.matcher import Matcher

        return Matcher(self.vocab, validate=validate)

    def add(self, key: str, patterns: list[list[dict[str, Any]]], greedy: str | None = None) -> None:
        """Add patterns under ``key`` (as ``Matcher.add``; spaCy's errors are raised here)."""
        self._add(key, patterns, greedy=greedy)
        self._full = None

    def __call__(self, doc: Doc | Span) -> list[tuple[int, int, int]]:
        """(match_id, start, end) of every match, sorted by (start, end, match_id)."""
        indices = self.possible(doc)
        if not indices:
            return []
        if len(indices) > self.FULL_SHARE * len(self._patterns):
            if self._full is None:
                self._full = self._build(range(len(self._patterns)))
            matcher = self._full
        else:
            matcher = self._matcher_for(indices)
        return sorted(matcher(doc), key=lambda m: (m[1], m[2], m[0]))


class GatedDependencyMatcher(_Gated):
    """spaCy's ``DependencyMatcher``, run only with the patterns whose every node's required
    words occur in the doc. Matches: (match_id, token ids in pattern order), in the order
    keys and patterns were added."""

    def _spacy_matcher(self, validate: bool = False) -> Any:
        from spacy.matcher import DependencyMatcher

        return DependencyMatcher(self.vocab, validate=validate)

    def _token_specs(self, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [node.get("RIGHT_ATTRS", {}) for node in pattern]

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under ``key`` (as ``DependencyMatcher.add``; errors raised here)."""
        self._add(key, patterns)

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        """(match_id, token ids in pattern order) of every match."""
        indices = self.possible(doc)
        if not indices:
            return []
        matches: list[tuple[int, list[int]]] = self._matcher_for(indices)(doc)
        return matches
