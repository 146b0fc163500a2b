"""followup-lint: check job-interview follow-up emails before they are sent."""

from .api import lint_many, lint_note
from .config import Config
from .context import NoteContext
from .errors import (
    ConfigError,
    FollowupLintError,
    GrammarUnavailable,
    InputError,
    ModelNotInstalled,
    RosterError,
)
from .findings import Finding, LintResult
from .roster import Person, Roster

__version__ = "0.1.0"

__all__ = [
    "lint_note",
    "lint_many",
    "Config",
    "NoteContext",
    "Finding",
    "LintResult",
    "Person",
    "Roster",
    "FollowupLintError",
    "InputError",
    "RosterError",
    "ConfigError",
    "ModelNotInstalled",
    "GrammarUnavailable",
    "__version__",
]
