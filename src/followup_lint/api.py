"""lint_note / lint_many: input -> Note -> one parse -> rules -> LintResult."""

from __future__ import annotations

from dataclasses import replace
from email.message import Message
from typing import TYPE_CHECKING, Iterable, Sequence, Union

from . import nlp
from .config import Config
from .context import KINDS, NoteContext
from .errors import InputError
from .findings import LintResult
from .kinds import detect_kind
from .mail import note_from_bytes, note_from_message, sent_at
from .note import Note, note_from_text
from .roster import Person, Roster, roster_from_display_names
from .rules import CHECKS, LintContext
from .rules.grammar import GRAMMAR_REQUEST, GrammarRequest, request_grammar
from .templates import mask_placeholders

if TYPE_CHECKING:
    from spacy.tokens import Doc

NoteInput = Union[str, bytes, Message, Note]
RosterInput = Union[Roster, Iterable[Union[str, Person]], None]

#: Above this share of U+FFFD / NUL characters a text is taken for binary data.
_BINARY_SHARE = 0.1


def to_note(note: NoteInput) -> Note:
    """Turn the accepted input types into a Note; raises InputError otherwise."""
    if isinstance(note, Note):
        result = note
    elif isinstance(note, str):
        result = note_from_text(note)
    elif isinstance(note, (bytes, bytearray, memoryview)):
        result = note_from_bytes(bytes(note))
    elif isinstance(note, Message):
        result = note_from_message(note)
    else:
        raise InputError(f"a note is text (str), an RFC 822 message (bytes) or an "
                         f"email.message.Message, not {type(note).__name__}")
    text = result.text
    if text:
        bad = text.count("\ufffd") + text.count("\x00")
        if bad / len(text) > _BINARY_SHARE:
            raise InputError("the note looks like binary data, not text")
    if not result.analysis_text.strip():
        if text.strip():
            raise InputError("the note has no text of its own: all of it is quoted reply, "
                             "signature or control characters")
        raise InputError("the note is empty")
    return result


def _prepare(note: NoteInput, roster: RosterInput, context: NoteContext | None,
             config: Config | None) -> tuple[Note, Roster, NoteContext, Config]:
    n = to_note(note)
    cfg = config if config is not None else Config()
    if cfg.template:  # template mode: placeholders are masked, not linted
        n = mask_placeholders(n, cfg.placeholder_patterns)
    ctx = context if context is not None else NoteContext()
    if ctx.kind is not None and ctx.kind not in KINDS:
        raise InputError(f"unknown kind of note {ctx.kind!r}; use one of {', '.join(KINDS)}")
    if ctx.sent_at is None and n.headers:
        when = sent_at(n)
        if when is not None:
            ctx = replace(ctx, sent_at=when)
    if ctx.writer is None and n.sender:
        ctx = replace(ctx, writer=n.sender)
    r = Roster.of(roster)
    if roster is None and n.recipients:
        r = roster_from_display_names(n.recipients)
    return n, r, ctx, cfg


def _parse_text(n: Note, cfg: Config) -> str:
    """The part of the note that is parsed: all of it, or the first max_parse_chars
    characters cut at whitespace for a huge note (said in result.skipped)."""
    text = n.analysis_text
    limit = cfg.max_parse_chars
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", 0, limit), text.rfind("\n", 0, limit))
    return text[:cut if cut > limit // 2 else limit]


def _run_checks(n: Note, doc: "Doc", roster: Roster, ctx: NoteContext, cfg: Config,
                model: str, grammar: GrammarRequest | None = None) -> LintResult:
    kind = ctx.kind or detect_kind(doc)
    lc = LintContext(note=n, doc=doc, roster=roster, context=ctx, config=cfg, kind=kind)
    if grammar is not None:
        lc.facts[GRAMMAR_REQUEST] = grammar
    parsed = len(nlp.doc_text(doc))
    if parsed < len(n.text):
        lc.skipped["past-limit"] = (
            f"the note has {len(n.text):,} characters; names, tone and grammar were checked "
            f"in the first {parsed:,} only (max_parse_chars)")
    for check in CHECKS:
        if check.wanted(cfg):
            check.run(lc)
    findings = sorted(lc.findings, key=lambda f: (f.start, f.end, f.rule))
    return LintResult(text=n.text, findings=findings, skipped=lc.skipped, kind=kind,
                      model=model, meta=dict(n.headers))


def lint_note(note: NoteInput, roster: RosterInput = None, context: NoteContext | None = None,
              config: Config | None = None) -> LintResult:
    """Lint one follow-up note.

    ``note`` is the text, the bytes of an RFC 822 message, or an ``email.message.Message``.
    ``roster`` is a Roster or names like ``["Dr. Katherine Smyth", "Jon Baker"]``; when it is
    None and the note is an email, the To/Cc display names are the roster.
    Raises FollowupLintError (InputError, RosterError, ModelNotInstalled) with a clear
    message for input it cannot lint.
    """
    n, r, ctx, cfg = _prepare(note, roster, context, config)
    grammar = request_grammar(n, cfg)  # LanguageTool works while spaCy parses
    doc = nlp.parse(_parse_text(n, cfg))
    return _run_checks(n, doc, r, ctx, cfg, nlp.model_name(), grammar)


def lint_many(notes: Iterable[NoteInput], roster: RosterInput = None,
              context: NoteContext | None = None, config: Config | None = None,
              batch_size: int = 32) -> list[LintResult]:
    """Lint many notes with one pipeline and ``nlp.pipe``; results in input order.

    Every note is read before any is parsed, so a note that cannot be linted raises its
    FollowupLintError before any work is spent; the command line checks each file first.
    """
    roster_value: RosterInput = roster if roster is None or isinstance(roster, Roster) \
        else Roster.of(roster)
    prepared = [_prepare(n, roster_value, context, config) for n in notes]
    # Every LanguageTool request is queued now: several are in flight while spaCy parses.
    grammar = [request_grammar(p[0], p[3], background=True) for p in prepared]
    docs: Sequence["Doc"] = list(nlp.parse_many((_parse_text(p[0], p[3]) for p in prepared),
                                                batch_size=batch_size))
    model = nlp.model_name()
    return [_run_checks(n, doc, r, ctx, cfg, model, g)
            for (n, r, ctx, cfg), doc, g in zip(prepared, docs, grammar)]
