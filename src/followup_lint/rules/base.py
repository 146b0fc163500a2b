"""What a rule is: its metadata and examples, and the context a check runs in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..config import Config
from ..context import NoteContext
from ..findings import Finding, Severity
from ..note import Note
from ..roster import Roster

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .selection import RuleTable

FixSafety = Literal["safe", "unsafe", "none"]


@dataclass(frozen=True)
class Example:
    """A note a rule must flag (bad) or leave alone (good), with what it needs to know."""

    text: str
    roster: tuple[str, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """A rule's stable id and metadata, as ``followup-lint rule ID`` prints it."""

    id: str
    category: str
    severity: Severity
    summary: str
    why: str
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    #: Where the advice comes from (proselint-style citation).
    source: str = ""
    fix: FixSafety = "none"
    #: Needs a grammar engine (LanguageTool) to run.
    needs_grammar: bool = False


Span = tuple[int, int]


@dataclass
class LintContext:
    """Everything a check may read, and the one way it reports a finding."""

    note: Note
    doc: Doc
    roster: Roster
    #: What is known about the application (company, role, dates): the caller's NoteContext.
    about: NoteContext
    config: Config
    #: The enabled rules and their severities, resolved once per Config.
    rules: RuleTable
    kind: str | None
    #: Findings so far (checks run in registry order; a later check may defer to them).
    findings: list[Finding] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    #: Every name the names check recognised or reported (roster names, nicknames,
    #: misspellings, unknown people, the writer): the spelling check leaves them alone.
    name_spans: list[Span] = field(default_factory=list)

    def emit(self, rule: Rule, start: int, end: int, message: str,
             suggestions: Iterable[str] = (), *, source: str = "followup-lint",
             fix_safe: bool | None = None, category: str | None = None,
             allow_masked: bool = False) -> Finding | None:
        """Record a finding for ``rule`` over ``[start, end)`` unless the rule is off
        or the span lies in a masked region (quote, signature, placeholder)."""
        if not self.rules.enabled(rule):
            return None
        text = self.note.text
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        if not allow_masked and end > start and self.note.is_masked(start, end):
            return None
        line, column = self.note.line_col(start)
        finding = Finding(
            rule=rule.id,
            category=category or rule.category,
            severity=self.rules.severity(rule),
            message=message,
            start=start,
            end=end,
            line=line,
            column=column,
            text=text[start:end],
            suggestions=list(dict.fromkeys(s for s in suggestions if s is not None)),
            source=source,
            fix_safe=rule.fix == "safe" if fix_safe is None else fix_safe,
        )
        self.findings.append(finding)
        return finding


CheckFn = Callable[[LintContext], None]
#: Runs before the parse with the note, the config, the rule table and whether many notes
#: are in flight (lint_many); returns the function that finishes the check once the parse
#: is done, or None to run ``Check.run`` as usual. The grammar check sends its request here
#: so that LanguageTool works while spaCy parses.
PrepareFn = Callable[[Note, Config, "RuleTable", bool], CheckFn | None]


@dataclass(frozen=True)
class Check:
    """A function that reports findings for one or more rules of one concern.

    The pipeline runs a check only when one of its rules is enabled.
    """

    name: str
    rules: tuple[Rule, ...]
    run: CheckFn
    prepare: PrepareFn | None = None
