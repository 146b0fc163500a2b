"""followup-lint: check job-interview follow-up emails before they are sent.

The public names load on first use (PEP 562), so ``import followup_lint`` is cheap and
tools that only need part of the package (the command line's thin paths) do not pay for
the rules; spaCy itself loads only when the first note is parsed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

__version__: str  # set on first use by __getattr__ (annotation only: no value here)

#: Public name -> the module that defines it.
_EXPORTS = {
    "lint_note": "api", "lint_many": "api", "Config": "config", "NoteContext": "context",
    "Finding": "findings", "LintResult": "findings", "Person": "roster", "Roster": "roster",
    "FollowupLintError": "errors", "InputError": "errors", "RosterError": "errors",
    "ConfigError": "errors", "ModelNotInstalled": "errors", "GrammarUnavailable": "errors",
}

__all__ = ["lint_note", "lint_many", "Config", "NoteContext", "Finding", "LintResult", "Person",
           "Roster", "FollowupLintError", "InputError", "RosterError", "ConfigError",
           "ModelNotInstalled", "GrammarUnavailable", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs ~30 ms: only when asked
        globals()[name] = value = _version()
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("followup-lint")
    except PackageNotFoundError:  # pragma: no cover - a source tree that is not installed
        return "0+unknown"
