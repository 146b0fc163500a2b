"""lint_note / lint_many: input -> Note -> one parse -> rules -> LintResult."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from email.message import Message
from typing import TYPE_CHECKING

from . import nlp
from .config import Config
from .context import KINDS, NoteContext
from .errors import InputError
from .findings import LintResult
from .kinds import detect_kind
from .note import MAX_PARSE_TOKENS, Note, note_from_text, parse_prefix
from .reading.mail import note_from_bytes, note_from_message, sent_at
from .reading.suppress import drop_suppressed
from .reading.templates import mask_placeholders
from .roster import Person, Roster, roster_from_display_names
from .rules import CHECKS, LintContext, RuleTable, rule_table
from .rules.base import CheckFn

if TYPE_CHECKING:
    from spacy.tokens import Doc

NoteInput = str | bytes | Message | Note
RosterInput = Roster | Iterable[str | Person] | None

#: Above this share of U+FFFD / NUL characters a text is taken for binary data.
_BINARY_SHARE = 0.1
#: Half of a UTF-16 pair on its own: a str can hold one, but no encoding can write it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
    bad_char = _LONE_SURROGATE.search(text)
    if bad_char:
        raise InputError(f"the note holds a lone surrogate (U+{ord(bad_char.group()):04X}) at "
                         f"character {bad_char.start()}, which is not text; decode the bytes "
                         f"properly or pass them as bytes")
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


class _Job:
    """One note on its way through the pipeline, with everything resolved for it."""

    def __init__(self, note: NoteInput, roster: RosterInput, about: NoteContext | None,
                 config: Config | None) -> None:
        n = to_note(note)
        cfg = config if config is not None else Config()
        self.rules: RuleTable = rule_table(cfg)
        if cfg.template:  # template mode: placeholders are masked, not linted
            n = mask_placeholders(n, cfg.placeholder_patterns)
        ctx = about if about is not None else NoteContext()
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
        self.note, self.roster, self.about, self.config = n, r, ctx, cfg
        #: Checks whose work starts before the parse (grammar), by position in CHECKS.
        self.finish: dict[int, CheckFn] = {}
        #: The next check to run (begin / finish_checks).
        self._next = 0

    def prepare(self, background: bool) -> None:
        """Start the checks that work while spaCy parses (LanguageTool's request)."""
        for i, check in enumerate(CHECKS):
            if check.prepare is not None and self.rules.any_enabled(check.rules):
                done = check.prepare(self.note, self.config, self.rules, background)
                if done is not None:
                    self.finish[i] = done

    @property
    def parse_text(self) -> str:
        """The part of the note that is parsed: all of it, or for a huge note the first
        max_parse_chars characters (and MAX_PARSE_TOKENS words and symbols) cut at whitespace
        (said in result.skipped)."""
        return parse_prefix(self.note.analysis_text, self.config.max_parse_chars)

    def context(self, doc: Doc) -> LintContext:
        """The context the checks run in, for this note and its parse."""
        return LintContext(note=self.note, doc=doc, roster=self.roster, about=self.about,
                           config=self.config, rules=self.rules,
                           kind=self.about.kind or detect_kind(doc))

    def begin(self, doc: Doc) -> LintContext:
        """The checks over the parse, in order, up to the first whose work was prepared
        (grammar, which waits for LanguageTool); ``finish_checks`` runs the rest."""
        n = self.note
        lc = self.context(doc)
        lc.skipped.update(n.notices)
        parsed = len(nlp.doc_text(doc))
        if parsed < len(n.text):
            lc.skipped["past-limit"] = (
                f"the note has {len(n.text):,} characters; names, tone and grammar were "
                f"checked in the first {parsed:,} only (max_parse_chars, or "
                f"{MAX_PARSE_TOKENS:,} words and symbols)")
        self._next = 0
        self._run_checks(lc, stop_at_prepared=True)
        return lc

    @property
    def waiting(self) -> bool:
        """Whether checks remain after ``begin`` (the prepared ones)."""
        return self._next < len(CHECKS)

    def finish_checks(self, lc: LintContext) -> None:
        """The checks ``begin`` left, joining the prepared work (LanguageTool's answer)."""
        self._run_checks(lc, stop_at_prepared=False)

    def _run_checks(self, lc: LintContext, stop_at_prepared: bool) -> None:
        while self._next < len(CHECKS):
            i = self._next
            if stop_at_prepared and i in self.finish:
                return
            self._next += 1
            check = CHECKS[i]
            if self.rules.any_enabled(check.rules):
                self.finish.get(i, check.run)(lc)

    def result(self, lc: LintContext, model: str) -> LintResult:
        """The result of the checks run so far (a snapshot: later checks do not change it)."""
        n = self.note
        # Inline <!-- followup-lint: ignore RULE --> comments (reading/suppress.py).
        findings = drop_suppressed(sorted(lc.findings, key=lambda f: (f.start, f.end, f.rule)), n.text)
        return LintResult(text=n.text, findings=findings, skipped=dict(lc.skipped), kind=lc.kind,
                          model=model, meta=dict(n.headers))

    def run(self, doc: Doc, model: str) -> LintResult:
        """Every enabled check over the parse, then the result."""
        lc = self.begin(doc)
        self.finish_checks(lc)
        return self.result(lc, model)


def check_context(note: NoteInput, roster: RosterInput = None,
                  context: NoteContext | None = None, config: Config | None = None,
                  doc: Doc | None = None) -> LintContext:
    """The LintContext one check would run in (for tests and benchmarks of a single check);
    ``doc`` is the parse of the note's analysis text, made here when not given."""
    job = _Job(note, roster, context, config)
    return job.context(doc if doc is not None else nlp.parse(job.parse_text))


def lint_note(note: NoteInput, roster: RosterInput = None, context: NoteContext | None = None,
              config: Config | None = None) -> LintResult:
    """Lint one follow-up note.

    ``note`` is the text, the bytes of an RFC 822 message, or an ``email.message.Message``.
    ``roster`` is a Roster or names like ``["Dr. Katherine Smyth", "Jon Baker"]``; when it is
    None and the note is an email, the To/Cc display names are the roster.
    Raises FollowupLintError (InputError, RosterError, ConfigError, ModelNotInstalled) with
    a clear message for input it cannot lint.
    """
    job = _Job(note, roster, context, config)
    job.prepare(background=False)  # LanguageTool works while spaCy parses
    doc = nlp.parse(job.parse_text)
    return job.run(doc, nlp.model_name())


def lint_in_passes(note: NoteInput, roster: RosterInput = None,
                   context: NoteContext | None = None,
                   config: Config | None = None) -> Iterator[tuple[LintResult, bool]]:
    """Lint one note as ``lint_note`` does, in passes: ``(result, done)``. When LanguageTool
    is asked, first the findings of every other check (without waiting for LanguageTool,
    done False), then the full result, equal to ``lint_note``'s (done True); else that alone.
    One parse serves both passes; the language server shows the first at once. Closing the
    generator early drops the wait for LanguageTool. Raises as lint_note does (on the first
    ``next``)."""
    job = _Job(note, roster, context, config)
    job.prepare(background=False)  # LanguageTool works while spaCy parses
    doc = nlp.parse(job.parse_text)
    model = nlp.model_name()
    lc = job.begin(doc)
    if job.waiting:
        yield job.result(lc, model), False
        job.finish_checks(lc)
    yield job.result(lc, model), True


def lint_many(notes: Iterable[NoteInput], roster: RosterInput = None,
              context: NoteContext | None = None, config: Config | None = None,
              batch_size: int = 32) -> list[LintResult]:
    """Lint many notes with one pipeline and ``nlp.pipe``; results in input order.

    Every note is read before any is parsed, so a note that cannot be linted raises its
    FollowupLintError before any work is spent; the command line checks each file first.
    """
    roster_value: RosterInput = roster if roster is None or isinstance(roster, Roster) \
        else Roster.of(roster)
    jobs = [_Job(n, roster_value, context, config) for n in notes]
    # Every LanguageTool request is queued now: several are in flight while spaCy parses.
    for job in jobs:
        job.prepare(background=True)
    docs: Sequence[Doc] = list(nlp.parse_many((j.parse_text for j in jobs),
                                              batch_size=batch_size))
    model = nlp.model_name()
    return [job.run(doc, model) for job, doc in zip(jobs, docs, strict=True)]
