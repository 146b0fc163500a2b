"""The rule registry: every check, in the order it runs, and every rule's metadata."""

from __future__ import annotations

from importlib import import_module

from .base import Check, Example, LintContext, Rule

# Modules are listed, not discovered, so that the order checks run in is explicit:
# a later check may read what an earlier one left in LintContext.facts.
_MODULES = (
    "placeholders",
    "names",
    "tone",
    "length",
    "content",
    "timing",
    "company",
    "grammar",
)

CHECKS: tuple[Check, ...] = tuple(import_module(f"{__name__}.{m}").CHECK for m in _MODULES)
RULES: dict[str, Rule] = {r.id: r for c in CHECKS for r in c.rules}
CATEGORIES: frozenset[str] = frozenset(r.category for r in RULES.values())

__all__ = ["CHECKS", "RULES", "CATEGORIES", "Check", "Example", "LintContext", "Rule"]
