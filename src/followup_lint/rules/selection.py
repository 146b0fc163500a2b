"""Which rules run and at what severity, resolved once per Config (ruff's RuleTable).

``select``/``ignore`` name rule ids, categories (``"tone"``) or ``"ALL"``; ``severity``
overrides a rule's default. An unknown id is a ConfigError here, so a typo in a config file
is never silently a rule that does not run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..config import Config
from ..errors import ConfigError
from ..findings import SEVERITIES, Severity
from .base import Rule
from .registry import CATEGORIES, RULES
from .tone_model import LABELS as MODEL_LABELS


@dataclass(frozen=True)
class RuleTable:
    """The enabled rules of one Config and the severity each reports at."""

    severities: dict[str, Severity]

    def enabled(self, rule: Rule | str) -> bool:
        """Whether ``rule`` (a Rule or its id) runs."""
        return (rule if isinstance(rule, str) else rule.id) in self.severities

    def any_enabled(self, rules: Iterable[Rule]) -> bool:
        """Whether any of ``rules`` runs."""
        return any(r.id in self.severities for r in rules)

    def severity(self, rule: Rule) -> Severity:
        """The severity ``rule`` reports at (only asked of enabled rules)."""
        return self.severities.get(rule.id, rule.severity)


def rule_table(config: Config) -> RuleTable:
    """The RuleTable of ``config``; ConfigError for an unknown rule id, category or severity."""
    for rule_id in config.tone_thresholds:
        if rule_id not in MODEL_LABELS:
            raise ConfigError(f"tone threshold for unknown rule {rule_id!r}; use one of "
                              f"{', '.join(MODEL_LABELS)}")
    return _table(None if config.select is None else tuple(config.select), tuple(config.ignore),
                  tuple(sorted(config.severity.items())))


@lru_cache(maxsize=64)
def _table(select: tuple[str, ...] | None, ignore: tuple[str, ...],
           severity: tuple[tuple[str, Severity], ...]) -> RuleTable:
    # Cached: a batch or a folder of templates lints many notes under one Config.
    known = set(RULES) | set(CATEGORIES) | {"ALL"}
    for name in (*(select or ()), *ignore):
        if name not in known:
            raise ConfigError(f"unknown rule id or category {name!r} (see 'followup-lint rules')")
    overrides: dict[str, Severity] = {}
    for rule_id, sev in severity:
        if rule_id not in RULES:
            raise ConfigError(f"unknown rule id {rule_id!r} in severity settings")
        if sev not in SEVERITIES:
            raise ConfigError(f"severity of {rule_id!r} must be one of {', '.join(SEVERITIES)}")
        overrides[rule_id] = sev

    def hit(names: Iterable[str], rule: Rule) -> bool:
        return any(n in ("ALL", rule.id, rule.category) for n in names)

    return RuleTable({rule.id: overrides.get(rule.id, rule.severity)
                      for rule in RULES.values()
                      if (select is None or hit(select, rule)) and not hit(ignore, rule)})
