"""Helpers the test modules import (conftest.py keeps only fixtures and hooks)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from followup_lint import Config, LintResult, NoteContext, lint_note
from followup_lint.rules import Example

DATA = Path(__file__).resolve().parent / "data"
"""Files the tests read that live in the repository (tests/data/)."""


def note_context(values: dict[str, Any]) -> NoteContext:
    """A NoteContext from plain values; ISO date strings become datetimes."""
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
                     context=note_context(dict(example.context)), config=Config(**settings))


def shared_dir() -> Path:
    """The project's shared/ folder: beside the clone (as CI lays it), else /work/shared."""
    for candidate in (Path(__file__).resolve().parents[2] / "shared", Path("/work/shared")):
        if (candidate / "DESIGN.md").is_file():
            return candidate
    return Path(__file__).resolve().parents[2] / "shared"
