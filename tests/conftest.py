"""Shared test helpers. Tests run against the real spaCy pipeline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from followup_lint import Config, LintResult, NoteContext, lint_note
from followup_lint.rules import Example


def _context(values: dict[str, Any]) -> NoteContext:
    fixed = {}
    for key, value in values.items():
        if key in ("interviewed_at", "decision_expected_by", "sent_at") and isinstance(value, str):
            value = datetime.fromisoformat(value)
        if key == "previous_followups":
            value = [datetime.fromisoformat(v) if isinstance(v, str) else v for v in value]
        fixed[key] = value
    return NoteContext(**fixed)


def run_example(example: Example, *, grammar: bool = False, **config: Any) -> LintResult:
    """Lint a rule example the way a user would, with its roster, context and config."""
    settings = {"grammar": grammar} | dict(example.config) | config
    return lint_note(example.text, roster=list(example.roster) or None,
                     context=_context(dict(example.context)), config=Config(**settings))


@pytest.fixture
def lint():
    """lint_note with grammar off unless asked for."""
    def _lint(text, roster=None, grammar=False, **context):
        return lint_note(text, roster=roster, context=_context(context) if context else None,
                         config=Config(grammar=grammar))
    return _lint
