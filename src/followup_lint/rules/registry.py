"""Every check, in the order it runs, and every rule's metadata."""

from __future__ import annotations

from importlib import import_module

from .base import Check, Rule

# Modules are listed, not discovered, so that the order checks run in is explicit: the
# grammar check runs after the names check and reads LintContext.name_spans.
_MODULES = (
    "placeholders",
    "invisible",
    "names",
    "tone",
    "length",
    "content",
    "timing",
    "company",
    "grammar",
)

CHECKS: tuple[Check, ...] = tuple(import_module(f"{__package__}.{m}").CHECK for m in _MODULES)
RULES: dict[str, Rule] = {r.id: r for c in CHECKS for r in c.rules}
CATEGORIES: frozenset[str] = frozenset(r.category for r in RULES.values())
