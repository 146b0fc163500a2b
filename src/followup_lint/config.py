"""Configuration: which rules run, their severities, budgets, accepted words, LanguageTool."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from .errors import ConfigError
from .findings import SEVERITIES, Severity

DEFAULT_WORD_BUDGETS: dict[str, int] = {
    "thank-you": 200,
    "status-check": 120,
    "feedback-request": 200,
    "keep-in-touch": 200,
    "default": 200,
}


@dataclass
class Config:
    """Settings for one run. Unknown rule ids are an error, not silence.

    ``select``/``ignore`` take rule ids or categories (``"tone"``), or ``"ALL"``.
    """

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    word_budgets: dict[str, int] = field(default_factory=dict)
    long_sentence_words: int = 35
    accepted_words: list[str] = field(default_factory=list)
    grammar: bool = True
    require_grammar: bool = False
    languagetool_url: str | None = None
    #: "local" (the project's shared server), "download" (language_tool_python fetches it),
    #: "public" (the public API, only when asked for by name).
    languagetool_mode: str = "local"
    languagetool_language: str = "en-US"
    languagetool_timeout: float = 20.0
    languagetool_disabled_rules: list[str] = field(default_factory=list)
    template: bool = False
    include: list[str] = field(default_factory=lambda: ["**/*.txt", "**/*.md", "**/*.eml",
                                                        "**/*.j2", "**/*.jinja", "**/*.tmpl"])
    exclude: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise ConfigError for unknown rule ids, categories or severities."""
        from .rules import RULES, CATEGORIES  # local: rules import config

        known = set(RULES) | set(CATEGORIES) | {"ALL"}
        for name in list(self.select or []) + list(self.ignore):
            if name not in known:
                raise ConfigError(f"unknown rule id or category {name!r} "
                                  f"(see 'followup-lint rules')")
        for rule, sev in self.severity.items():
            if rule not in RULES:
                raise ConfigError(f"unknown rule id {rule!r} in severity settings")
            if sev not in SEVERITIES:
                raise ConfigError(f"severity of {rule!r} must be one of {', '.join(SEVERITIES)}")
        for kind, budget in self.word_budgets.items():
            if not isinstance(budget, int) or budget <= 0:
                raise ConfigError(f"word budget for {kind!r} must be a positive whole number")

    def enabled(self, rule_id: str) -> bool:
        """Whether a rule runs under select/ignore."""
        from .rules import RULES

        category = RULES[rule_id].category if rule_id in RULES else None
        def hit(names: list[str]) -> bool:
            return "ALL" in names or rule_id in names or (category is not None and category in names)
        if self.select is not None and not hit(self.select):
            return False
        return not hit(self.ignore)

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        """The configured severity of a rule, or its default."""
        return self.severity.get(rule_id, default)

    def word_budget(self, kind: str | None) -> int:
        """The word budget for a kind of note."""
        budgets = DEFAULT_WORD_BUDGETS | self.word_budgets
        return budgets.get(kind or "default", budgets["default"])

    @classmethod
    def from_mapping(cls, data: dict[str, Any], where: str = "config") -> "Config":
        """Build from a TOML table (keys may use dashes); unknown keys are an error."""
        names = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            attr = key.replace("-", "_")
            if attr not in names:
                raise ConfigError(f"{where}: unknown key {key!r}")
            kwargs[attr] = value
        try:
            return cls(**kwargs)
        except TypeError as e:
            raise ConfigError(f"{where}: {e}") from None
