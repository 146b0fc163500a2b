"""The engine behind the tone rules: spaCy Matcher and DependencyMatcher patterns read from
``data/tone.toml``, a few guards on the parse, and spans cut to the offending clause.

The engine knows nothing about any phrase; every phrase, message and rewrite lives in the
data file (Vale's split between engine and data). It runs on the parse the linter already
made and never parses again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..nlp import doc_text
from ..roster import fold, title_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

SpanKind = Literal["match", "clause"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Children left out of a clause: a coordinated clause is a clause of its own.
_NOT_IN_CLAUSE = frozenset({"conj", "cc"})
#: Phrases before the verb that are not part of the offence ("Per my last email, I need ...").
_LEADING = frozenset({"prep", "intj", "npadvmod", "dep", "punct"})
#: How far a guard walks up the tree, and how many tokens either side of the anchor it reads:
#: sentences in notes are short, and these bounds keep a megabyte of run-on text linear.
_MAX_UP = 6
_WINDOW = 40
#: spaCy's DependencyMatcher grows faster than linearly with sentence length; a sentence
#: longer than this (run-on or junk text, never prose) is matched in pieces of this size.
_LONG_SENTENCE = 150
_PATTERN_KEYS = frozenset({"id", "rule", "type", "span", "anchor", "message", "suggestions",
                           "unless_subtree", "unless_ancestors", "unless_sentence",
                           "require_sentence", "subject_in", "subject_not", "require_subtree",
                           "require_node", "soft", "model_picks_rule",
                           "unless_followed_by", "unless_heading_without", "patterns"})
#: Matcher key suffix of an entry's ``unless_followed_by`` patterns.
_AFTER = "|unless_followed_by"
#: Entity types whose words keep their capitals in a re-cased suggestion.
_NAME_ENTS = frozenset({"PERSON"})
#: Parts of speech a roster word can have when it is used as a name.
_NAME_POS = frozenset({"PROPN", "NOUN", "X"})
#: Hits of one rule this many tokens apart or less, with no verb between, are one offence.
_TOUCH_GAP = 4


class ToneDataError(ValueError):
    """The tone data file is malformed (a packaging bug, named by pattern id)."""


@dataclass(frozen=True)
class TonePattern:
    """One entry of tone.toml: the patterns for one phrasing, and what to say about it."""

    id: str
    rule: str
    kind: Literal["token", "dep"]
    span: SpanKind
    #: Token offset into the match (token patterns) or a node's RIGHT_ID (dep patterns).
    anchor: int | str
    message: str
    suggestions: tuple[str, ...]
    #: Drop the match when any of these lemmas/words is in the anchor's subtree.
    unless_subtree: frozenset[str]
    #: ... or among the anchor's ancestors ("Thanks for calling today").
    unless_ancestors: frozenset[str]
    #: ... or anywhere in the sentence.
    unless_sentence: frozenset[str]
    #: Keep the match only when one of these lemmas/words is in the sentence (the cue that
    #: makes a soft phrase pointed: "a gentle nudge" is polite, "another gentle nudge" is not).
    require_sentence: frozenset[str]
    #: The nearest subject above the anchor must be one of these ("" = no subject) ...
    subject_in: frozenset[str] | None
    #: ... or must not be one of these (the writer's own promises are not pushy).
    subject_not: frozenset[str]
    #: Keep the match only when, for every one of these word sets, a word of it is in the
    #: subtree of ``require_node`` (one set: any of its words; several: all of them).
    require_subtree: tuple[frozenset[str], ...]
    require_node: str | None
    patterns: tuple[Any, ...]
    #: Token patterns; a match of one later in the sentence drops the hit ("I have not
    #: heard back, so I wanted to check in" is the advised wording, not a complaint).
    unless_followed_by: tuple[Any, ...] = ()
    #: A soft phrasing (check-in and follow-up wording that polite notes use too): with the
    #: model on, it stands only when the model sees some rudeness in its sentence.
    soft: bool = False
    #: A hedge that names no offence itself ("With all due respect, ..."): with the model on,
    #: the model's rule (above its threshold) replaces the pattern's when they disagree.
    model_picks_rule: bool = False
    #: Drop a match on a line that is a heading: the whole line in capitals, no "!", and none
    #: of these words ("APPLICATION FOR THE POST OF LECTURER II" heads formal letters).
    unless_heading_without: frozenset[str] | None = None


@dataclass(frozen=True)
class ToneHit:
    """A tone finding before it is reported: rule id, character span and what to say."""

    rule: str
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...]
    pattern: str
    #: Every phrasing merged into this hit is soft (see ``TonePattern.soft``).
    soft: bool = False
    #: Every phrasing merged into this hit lets the model pick the rule.
    model_picks_rule: bool = False


def _expand(value: Any, sets: dict[str, list[str]], where: str) -> Any:
    """Replace "$name" (a whole value, or an item of a list) by the named set's words."""
    if isinstance(value, str) and value.startswith("$"):
        try:
            return list(sets[value[1:]])
        except KeyError:
            raise ToneDataError(f"tone.toml {where}: unknown set {value!r}") from None
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if isinstance(item, str) and item.startswith("$"):
                out.extend(_expand(item, sets, where))
            else:
                out.append(_expand(item, sets, where))
        return out
    if isinstance(value, dict):
        return {k: _expand(v, sets, where) for k, v in value.items()}
    return value


def _curly(value: Any) -> Any:
    """Add the typographic apostrophe to every word with a straight one ("n't" -> "n’t"):
    mail clients type "haven’t" and spaCy keeps the character."""
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            out.append(_curly(item))
            if isinstance(item, str) and "'" in item:
                out.append(item.replace("'", "’"))
        return out
    if isinstance(value, dict):
        fixed: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("LOWER", "ORTH", "TEXT", "NORM") and isinstance(item, str) and "'" in item:
                fixed[key] = {"IN": [item, item.replace("'", "’")]}
            elif key == "REGEX":
                fixed[key] = item
            else:
                fixed[key] = _curly(item)
        return fixed
    return value


def _words(entry: dict[str, Any], key: str) -> frozenset[str]:
    words = [w.lower() for w in entry.get(key, ())]
    return frozenset(words + [w.replace("'", "\u2019") for w in words])


def _groups(entry: dict[str, Any], key: str) -> tuple[frozenset[str], ...]:
    """A flat word list as one group; a list of lists as one group per list (all must hold:
    "my" and a mail word in "as stated in my earlier message")."""
    value = entry.get(key, ())
    if value and all(isinstance(v, list) for v in value):
        return tuple(_words({key: v}, key) for v in value)
    return (_words(entry, key),) if value else ()


def load_sets(data: dict[str, Any]) -> dict[str, list[Any]]:
    """The ``[sets]`` of tone.toml with every "$name" expanded."""
    sets: dict[str, list[Any]] = {}
    for name, words in data.get("sets", {}).items():  # a set may use the sets above it
        sets[name] = _expand(list(words), sets, f"set {name!r}")
    return sets


def load_patterns(data: dict[str, Any], rules: Iterable[str]) -> tuple[TonePattern, ...]:
    """Validate and expand the ``[[pattern]]`` entries of tone.toml."""
    known = set(rules)
    sets = load_sets(data)
    out: list[TonePattern] = []
    seen: set[str] = set()
    for raw in data.get("pattern", []):
        pid = raw.get("id", "?")
        unknown = set(raw) - _PATTERN_KEYS
        if unknown:
            raise ToneDataError(f"tone.toml pattern {pid!r}: unknown keys {sorted(unknown)}")
        if pid in seen:
            raise ToneDataError(f"tone.toml: pattern id {pid!r} used twice")
        seen.add(pid)
        entry = _expand(raw, sets, f"pattern {pid!r}")
        if entry.get("rule") not in known:
            raise ToneDataError(f"tone.toml pattern {pid!r}: unknown rule {entry.get('rule')!r}")
        kind = entry.get("type", "token")
        if kind not in ("token", "dep") or not entry.get("patterns") or not entry.get("message"):
            raise ToneDataError(f"tone.toml pattern {pid!r}: needs type token|dep, patterns, message")
        if kind == "dep":
            for pattern in entry["patterns"]:
                for node in pattern:
                    if node.get("REL_OP", ">") not in (">", "<", ".", ";", "$+", "$-") \
                            or not node.get("RIGHT_ATTRS"):
                        # Unbounded operators and free nodes make the DependencyMatcher
                        # try every token: quadratic or worse on a long sentence.
                        raise ToneDataError(
                            f"tone.toml pattern {pid!r}: node {node.get('RIGHT_ID')!r} needs "
                            f"attributes and a local operator; use require_subtree instead")
        anchor = entry.get("anchor", 0)
        if kind == "dep" and not isinstance(anchor, str):
            anchor = entry["patterns"][0][0]["RIGHT_ID"]
        if kind == "dep":
            # spaCy reports which entry matched, not which of its patterns: the named nodes
            # must sit at the same place in every pattern of the entry.
            names = (anchor, entry.get("require_node", anchor))
            places = set()
            for pattern in entry["patterns"]:
                ids = [n["RIGHT_ID"] for n in pattern]
                places.add(tuple(ids.index(n) if n in ids else -1 for n in names))
            if len(places) != 1 or -1 in next(iter(places)):
                raise ToneDataError(f"tone.toml pattern {pid!r}: anchor and require_node must "
                                    f"be at the same position in every pattern")
        subject_in = entry.get("subject_in")
        out.append(TonePattern(
            id=pid, rule=entry["rule"], kind=kind, span=entry.get("span", "match"),
            anchor=anchor, message=entry["message"],
            suggestions=tuple(entry.get("suggestions", ())),
            unless_subtree=_words(entry, "unless_subtree"),
            unless_ancestors=_words(entry, "unless_ancestors"),
            unless_sentence=_words(entry, "unless_sentence"),
            require_sentence=_words(entry, "require_sentence"),
            subject_in=None if subject_in is None else frozenset(s.lower() for s in subject_in),
            subject_not=_words(entry, "subject_not"),
            require_subtree=_groups(entry, "require_subtree"),
            require_node=entry.get("require_node"),
            patterns=tuple(_curly(entry["patterns"])),
            unless_followed_by=tuple(_curly(entry.get("unless_followed_by", []))),
            soft=bool(entry.get("soft", False)),
            model_picks_rule=bool(entry.get("model_picks_rule", False)),
            unless_heading_without=(_words(entry, "unless_heading_without")
                                    if "unless_heading_without" in entry else None),
        ))
    return tuple(out)


def _heading(doc: Doc, start: int, end: int, words: frozenset[str]) -> bool:
    """Whether tokens ``start:end`` lie on a line of capitals that heads the note, not a
    sentence shouted at the reader (see ``TonePattern.unless_heading_without``)."""
    text = doc_text(doc)  # doc.text joins every token again on each access
    lo = text.rfind("\n", 0, doc[start].idx) + 1
    hi = text.find("\n", doc[end - 1].idx)
    line = text[lo:hi if hi >= 0 else len(text)]
    if len(line) > 200 or "!" in line or "?" in line or any(c.islower() for c in line):
        return False
    return not any(w.strip(".,:;?()'\"").lower() in words for w in line.split())


def _has(tokens: Iterable[Token], words: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in words or t.lower_ in words for t in tokens)


def _subtree(token: Token) -> Span:
    """The token's subtree, at most _WINDOW tokens either side (the parse is projective,
    so a subtree is the span between its edges)."""
    doc, i = token.doc, token.i
    return doc[max(token.left_edge.i, i - _WINDOW):min(token.right_edge.i, i + _WINDOW) + 1]


def _ancestors(token: Token) -> Iterable[Token]:
    for i, t in enumerate(token.ancestors):
        if i >= _MAX_UP:
            return
        yield t


def _subject(token: Token) -> str:
    """The lower-cased subject of the nearest clause at or above ``token`` ("" if none)."""
    t = token
    for _ in range(_MAX_UP):
        for child in t.children:
            if child.dep_ in _SUBJECTS:
                return child.lower_
        if t.head is t:
            break
        t = t.head
    return ""


def _clause(anchor: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the clause around ``anchor``: its head's subtree without
    coordinated clauses, leading phrases such as "Per my last email," or a greeting, and
    anything across a line break."""
    head = anchor
    for _ in range(_MAX_UP):
        if head.dep_ == "ROOT" or head.dep_ in _NOT_IN_CLAUSE \
                or any(c.dep_ in _SUBJECTS for c in head.children):
            break
        head = head.head
    lo = hi = head.i
    for child in head.children:
        if child.dep_ in _NOT_IN_CLAUSE or (child.i < head.i and child.dep_ in _LEADING):
            continue
        lo = min(lo, child.left_edge.i)
        hi = max(hi, child.right_edge.i)
    doc = head.doc
    # A line break ends a clause: the parser often hangs "Hi Ms. Lee," on the first verb.
    for i in range(anchor.i - 1, lo - 1, -1):
        if "\n" in doc[i].text:
            lo = i + 1
            break
    for i in range(anchor.i + 1, hi + 1):
        if "\n" in doc[i].text:
            hi = i - 1
            break
    # Trim punctuation, spaces and conjunctions at the edges: ", but it is now Wednesday."
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].dep_ == "cc"):
        hi -= 1
    return lo, hi + 1


class ToneEngine:
    """Both matchers, built once from the data, and the guards applied to their matches."""

    def __init__(self, vocab: Vocab, patterns: tuple[TonePattern, ...],
                 proper_words: Iterable[str] = ()) -> None:
        """``proper_words``: lower-case words a re-cased suggestion capitalises when the
        parse calls them a date ("FRIDAY" -> "Friday")."""
        from ..gated import GatedDependencyMatcher, GatedMatcher

        self.patterns = patterns
        self._by_key: dict[int, TonePattern] = {}
        self._order = {p.id: i for i, p in enumerate(patterns)}
        self._after_keys: dict[int, str] = {}
        self.proper_words = frozenset(w.lower() for w in proper_words)
        # Gated: only the patterns whose words occur in a note run on it (same matches).
        self.matcher = GatedMatcher(vocab, validate=True)
        self.dep_matcher = GatedDependencyMatcher(vocab, validate=True)
        for p in patterns:
            key = vocab.strings.add(p.id)
            self._by_key[key] = p
            try:
                if p.kind == "token":
                    self.matcher.add(p.id, [list(x) for x in p.patterns], greedy="LONGEST")
                else:
                    self.dep_matcher.add(p.id, [list(x) for x in p.patterns])
                if p.unless_followed_by:
                    self._after_keys[vocab.strings.add(p.id + _AFTER)] = p.id
                    self.matcher.add(p.id + _AFTER, [list(x) for x in p.unless_followed_by])
            except Exception as e:  # spaCy's own validation error, re-raised with the id
                raise ToneDataError(f"tone.toml pattern {p.id!r}: {e}") from e
        self._dep_nodes = {p.id: [n["RIGHT_ID"] for n in p.patterns[0]]
                           for p in patterns if p.kind == "dep"}

    def _candidates(self, doc: Doc, after: dict[str, list[int]]
                    ) -> Iterable[tuple[TonePattern, int, int, Token, Token]]:
        """(pattern, start, end, anchor token, required-node token) for every raw match;
        the starts of ``unless_followed_by`` matches go into ``after`` by pattern id."""
        matches = self.matcher(doc)
        for key, start, _ in matches:  # first: a guard needs them all
            if key in self._after_keys:
                after.setdefault(self._after_keys[key], []).append(start)
        for key, start, end in matches:
            if key in self._after_keys:
                continue
            p = self._by_key[key]
            assert isinstance(p.anchor, int)
            offset = p.anchor if p.anchor >= 0 else end - start + p.anchor
            anchor = doc[start + max(0, min(offset, end - start - 1))]
            yield p, start, end, anchor, anchor
        for key, token_ids in self._dep_matches(doc):
            p = self._by_key[key]
            nodes = self._dep_nodes[p.id]
            at = token_ids[nodes.index(p.anchor)] if p.anchor in nodes else token_ids[0]
            need = token_ids[nodes.index(p.require_node)] if p.require_node in nodes else at
            yield p, min(token_ids), max(token_ids) + 1, doc[at], doc[need]

    def _dep_matches(self, doc: Doc) -> list[tuple[int, list[int]]]:
        """DependencyMatcher matches; on a doc with a very long sentence, piece by piece."""
        if all(len(sent) <= _LONG_SENTENCE for sent in doc.sents):
            return self.dep_matcher(doc)
        out: list[tuple[int, list[int]]] = []
        for sent in doc.sents:
            for start in range(sent.start, sent.end, _LONG_SENTENCE):
                piece = doc[start:min(start + _LONG_SENTENCE, sent.end)].as_doc()
                out.extend((key, [start + i for i in ids]) for key, ids in self.dep_matcher(piece))
        return out

    @staticmethod
    def _keep(p: TonePattern, anchor: Token, need: Token, sent: tuple[int, int],
              after: list[int]) -> bool:
        doc, i = anchor.doc, anchor.i
        if any(i < a < sent[1] for a in after):
            return False
        if p.require_subtree:
            span = _subtree(need)
            if not all(_has(span, words) for words in p.require_subtree):
                return False
        if p.unless_subtree and _has(_subtree(anchor), p.unless_subtree):
            return False
        if p.unless_ancestors and _has(_ancestors(anchor), p.unless_ancestors):
            return False
        if p.unless_sentence and _has(doc[max(sent[0], i - _WINDOW):min(sent[1], i + _WINDOW)],
                                      p.unless_sentence):
            return False
        if p.require_sentence and not _has(
                doc[max(sent[0], i - _WINDOW):min(sent[1], i + _WINDOW)], p.require_sentence):
            return False
        if p.subject_in is not None or p.subject_not:
            subject = _subject(anchor)
            if p.subject_in is not None and subject not in p.subject_in:
                return False
            if subject in p.subject_not:
                return False
        return True

    def find(self, doc: Doc, names: Iterable[str] = ()) -> list[ToneHit]:
        """Every tone hit in ``doc`` in document order. Hits of one rule in one sentence that
        overlap, or are clauses joined only by a connective ("You said ... , but I have not
        heard ..."), are one offence: one hit over both, with the first one's message.
        ``names`` (the roster's words) keep their spelling in re-cased suggestions."""
        # Sentence bounds once (Token.sent rescans its sentence on every call).
        sents = [(s.start, s.end) for s in doc.sents]
        starts = [s for s, _ in sents]
        after: dict[str, list[int]] = {}
        found: list[tuple[int, int, TonePattern]] = []
        for p, start, end, anchor, need in self._candidates(doc, after):
            sent = sents[bisect_right(starts, anchor.i) - 1]
            if not self._keep(p, anchor, need, sent, after.get(p.id, [])):
                continue
            if p.unless_heading_without is not None and _heading(
                    doc, start, end, p.unless_heading_without):
                continue
            if p.span == "clause":
                start, end = _clause(anchor)
            found.append((start, end, p))
        # Document order; at one start the longest, then the one listed first in the data.
        found.sort(key=lambda f: (f[0], f[0] - f[1], self._order[f[2].id]))
        # [start, end, first pattern, start and end of the last hit merged in, all soft,
        # all model_picks_rule]
        groups: dict[tuple[str, int], list[list[Any]]] = {}
        merged: list[list[Any]] = []
        for start, end, p in found:
            # Hits of one rule can only be one offence within a sentence.
            bucket = groups.setdefault((p.rule, bisect_right(starts, start)), [])
            last = bucket[-1] if bucket else None
            if last is not None and (start < last[1] or _joined(doc, last, start, end)):
                last[1], last[3], last[4] = max(last[1], end), start, end
                last[5] = last[5] and p.soft
                last[6] = last[6] and p.model_picks_rule
                continue
            group = [start, end, p, start, end, p.soft, p.model_picks_rule]
            bucket.append(group)
            merged.append(group)
        key = {fold(n): n for n in names if n}
        hits = []
        for start, end, p, _, _, soft, picks in merged:
            span = doc[start:end]
            hits.append(ToneHit(rule=p.rule, start=span.start_char, end=span.end_char,
                                message=_fill(p.message, span, key, self.proper_words),
                                suggestions=tuple(_fill(s, span, key, self.proper_words)
                                                  for s in p.suggestions),
                                pattern=p.id, soft=soft, model_picks_rule=picks))
        hits.sort(key=lambda h: (h.start, h.rule))
        return hits


def _is_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) hold a verb with its subject (a clause, not a word)."""
    return any(t.dep_ in _SUBJECTS and start <= t.head.i < end for t in doc[start:end])


def _joined(doc: Doc, group: list[Any], start: int, end: int) -> bool:
    """Whether the hit [start, end) is a clause joined to the group's last hit, a clause, by
    no more than a connective: punctuation, "and"/"but"/"so", a short phrase without a verb."""
    gap = doc[group[1]:start]
    if not len(gap) or len(gap) > _TOUCH_GAP or any(t.pos_ in ("VERB", "AUX") for t in gap):
        return False  # words side by side ("ASAP!!!") keep a fix each
    return _is_clause(doc, group[3], group[4]) and _is_clause(doc, start, end)


def _fill(template: str, span: Any, names: dict[str, str] | None = None,
          proper: frozenset[str] = frozenset()) -> str:
    """A suggestion with {text} (the span as written) or {lower} (the span re-cased to fit a
    sentence: ordinary words in lower case, names kept)."""
    if "{" not in template:
        return template
    return template.format(lower=_recase(span, names or {}, proper), text=span.text)


def _recase(span: Any, names: dict[str, str], proper: frozenset[str]) -> str:
    """The span in lower case, sentence-cased at a sentence start, except names: a roster
    word takes the roster's spelling, a proper noun keeps its capitals as written (and a name
    written in capitals, "SMYTH", becomes "Smyth")."""
    out = []
    for k, tok in enumerate(span):
        word = tok.text
        shouted = word.isupper() and len(word) > 1
        if fold(word) in names and (tok.pos_ in _NAME_POS or tok.ent_type_ in _NAME_ENTS
                                    or _next_to_name(span, k, names)):
            word = names[fold(word)]  # not "I WILL CALL" for a Will on the panel
        elif tok.lower_ == "i" and tok.pos_ == "PRON":
            word = "I"
        elif shouted and (tok.ent_type_ in _NAME_ENTS
                          or (tok.ent_type_ == "DATE" and tok.lower_ in proper)
                          or (title_key(word) and k + 1 < len(span)
                              and span[k + 1].ent_type_ in _NAME_ENTS)):
            # In capitals the tagger calls most words PROPN (and "ASK" an ORG); only a
            # person entity, a title before one, or a day or month is trusted to be a name.
            word = _title_case(word)
        elif shouted or not (tok.pos_ == "PROPN" or tok.ent_type_ in _NAME_ENTS):
            word = word.lower()
        out.append(word + (tok.whitespace_ if k + 1 < len(span) else ""))
    text = "".join(out)
    if text and span[0].is_sent_start:
        text = text[0].upper() + text[1:]
    return text


def _next_to_name(span: Any, k: int, names: dict[str, str]) -> bool:
    """Whether a word next to span[k] is a roster word too ("WILL GRANT" for Will Grant)."""
    return any(0 <= j < len(span) and fold(span[j].text) in names for j in (k - 1, k + 1))


def _title_case(word: str) -> str:
    """ "O'NEILL" -> "O'Neill", "SMYTH-JONES" -> "Smyth-Jones", "MS." -> "Ms."."""
    return word.lower().title()
