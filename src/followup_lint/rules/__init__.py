"""The rules: one module per concern, a registry, and the table of which rules run."""

from __future__ import annotations

from .base import Check, Example, LintContext, Rule
from .registry import CATEGORIES, CHECKS, RULES
from .selection import RuleTable, rule_table

__all__ = ["CHECKS", "RULES", "CATEGORIES", "Check", "Example", "LintContext", "Rule",
           "RuleTable", "rule_table"]
