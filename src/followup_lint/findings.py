"""Findings and the result of linting one note."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem found in a note.

    ``start``/``end`` are character offsets into ``LintResult.text`` and
    ``text`` is always ``result.text[start:end]``; ``line``/``column`` are
    1-based and count in the same text (or, for a file, in the file itself).
    """

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestions: list[str] = field(default_factory=list)
    source: str = "followup-lint"
    fix_safe: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of every field."""
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "source": self.source,
            "fix_safe": self.fix_safe,
        }


@dataclass
class LintResult:
    """What ``lint_note`` returns: the findings, ordered by position, and what was linted."""

    text: str
    findings: list[Finding]
    skipped: dict[str, str] = field(default_factory=dict)
    kind: str | None = None
    model: str | None = None
    #: Header-derived facts for an email (subject, from, date); empty for plain text.
    meta: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def ok(self) -> bool:
        """True when no finding has severity ``"error"``."""
        return not any(f.severity == "error" for f in self.findings)

    def by_rule(self, rule: str) -> list[Finding]:
        """The findings of one rule id."""
        return [f for f in self.findings if f.rule == rule]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict: findings, skipped checks, kind, model."""
        return {
            "ok": self.ok,
            "kind": self.kind,
            "model": self.model,
            "skipped": dict(self.skipped),
            "findings": [f.to_dict() for f in self.findings],
        }
