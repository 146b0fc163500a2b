"""The project's own exceptions: one base type, each with a message a person can act on."""

from __future__ import annotations


class FollowupLintError(Exception):
    """Base of every error followup-lint raises on purpose."""


class InputError(FollowupLintError):
    """The note cannot be read (wrong type, undecodable bytes, broken message)."""


class RosterError(FollowupLintError):
    """A roster file or entry could not be understood."""


class ConfigError(FollowupLintError):
    """A configuration key, value or rule id is unknown or invalid."""


class ModelNotInstalled(FollowupLintError):
    """No spaCy English pipeline is installed."""


class GrammarUnavailable(FollowupLintError):
    """The grammar check could not run (no Java, no jars, LanguageTool down or too slow).

    Normally reported in ``result.skipped["grammar"]``; raised only with
    ``Config(require_grammar=True)``. The message is one sentence saying why.
    """
