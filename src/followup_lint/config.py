"""Configuration: which rules run, their severities, budgets, accepted words, LanguageTool."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import SEVERITIES, Severity

LANGUAGETOOL_MODES = ("local", "download", "public")

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
    #: Only this many characters are parsed and checked by the language rules; a longer
    #: note is still counted whole for too-long and placeholders (bounded time on huge input).
    max_parse_chars: int = 20_000
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
    #: Extra placeholder syntaxes (Python regular expressions; group 1 is the field's name),
    #: added to those in rules/data/placeholders.toml, e.g. ``'@@(\\w+)@@'``.
    placeholder_patterns: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["**/*.txt", "**/*.md", "**/*.eml",
                                                        "**/*.j2", "**/*.jinja", "**/*.tmpl"])
    exclude: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise ConfigError for unknown rule ids, categories or severities."""
        from .rules import RULES, CATEGORIES  # local: rules import config

        for key in ("select", "ignore", "accepted_words", "languagetool_disabled_rules",
                    "placeholder_patterns", "include", "exclude"):
            value = getattr(self, key)
            if value is not None and (isinstance(value, str) or not all(
                    isinstance(v, str) for v in value)):
                raise ConfigError(f"{key.replace('_', '-')} must be a list of strings, "
                                  f"such as [{value!r}]" if isinstance(value, str) else
                                  f"{key.replace('_', '-')} must be a list of strings")
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
            if kind not in DEFAULT_WORD_BUDGETS:
                raise ConfigError(f"word budget for unknown kind {kind!r}; use one of "
                                  f"{', '.join(DEFAULT_WORD_BUDGETS)}")
            if not isinstance(budget, int) or isinstance(budget, bool) or budget <= 0:
                raise ConfigError(f"word budget for {kind!r} must be a positive whole number")
        for key, low in (("long_sentence_words", 1), ("max_parse_chars", 1000)):
            value = getattr(self, key)
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                raise ConfigError(f"{key.replace('_', '-')} must be a whole number of at least {low}")
        if not isinstance(self.languagetool_timeout, (int, float)) or self.languagetool_timeout <= 0:
            raise ConfigError("languagetool-timeout must be a positive number of seconds")
        if self.languagetool_mode not in LANGUAGETOOL_MODES:
            raise ConfigError(f"languagetool-mode must be one of {', '.join(LANGUAGETOOL_MODES)}, "
                              f"not {self.languagetool_mode!r}")
        for pattern in self.placeholder_patterns:
            try:
                re.compile(pattern)
            except re.error as e:
                raise ConfigError(f"placeholder pattern {pattern!r} is not a valid regular "
                                  f"expression: {e}") from None

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


# --- where the configuration is found -----------------------------------------------------

#: The project's own config file; ``[tool.followup-lint]`` in pyproject.toml works too.
CONFIG_FILE = ".followup-lint.toml"


def _check_types(data: dict[str, Any], where: str) -> None:
    """Raise ConfigError when a value has the wrong type for its Config field."""
    annotations = {f.name: str(f.type) for f in fields(Config)}
    for key, value in data.items():
        kind = annotations.get(key.replace("-", "_"))
        if kind is None:
            continue  # from_mapping names the unknown key
        ok = True
        if kind.startswith("list[str]"):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif kind.startswith("dict["):
            ok = isinstance(value, dict)
        elif kind == "bool":
            ok = isinstance(value, bool)
        elif kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind == "float":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif kind.startswith("str"):
            ok = isinstance(value, str) or (value is None and "None" in kind)
        if not ok:
            raise ConfigError(f"{where}: {key!r} must be {kind.replace(' | None', '')}, "
                              f"not {type(value).__name__}")


def read_config_file(path: "str | Path") -> dict[str, Any]:
    """The followup-lint table of a config file (the whole of .followup-lint.toml, or
    ``[tool.followup-lint]`` of a pyproject.toml); ConfigError names the file and line."""
    from .files import parse_toml, read_text

    p = Path(path)
    data = parse_toml(read_text(p, "config", ConfigError), p, ConfigError)
    if p.name == "pyproject.toml":
        table = data.get("tool", {}).get("followup-lint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{p}: [tool.followup-lint] must be a table")
        return table
    return data


def find_config_file(start: "str | Path") -> "Path | None":
    """The nearest .followup-lint.toml, or pyproject.toml with a [tool.followup-lint] table,
    in ``start`` or a folder above it (the nearest folder wins; in one folder the
    .followup-lint.toml wins)."""
    import tomllib

    here = Path(start).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        own = folder / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                return pyproject  # let read_config_file report the problem
            if isinstance(data.get("tool"), dict) and "followup-lint" in data["tool"]:
                return pyproject
    return None


def load_config(path: "str | Path | None" = None, *, start: "str | Path | None" = None,
                overrides: dict[str, Any] | None = None) -> Config:
    """A Config from ``path`` (or the file found from ``start``), with ``overrides``
    (command-line options, already in Config field names) applied on top."""
    data: dict[str, Any] = {}
    where = "config"
    found = Path(path) if path is not None else (find_config_file(start) if start is not None else None)
    if found is not None:
        data = dict(read_config_file(found))
        where = str(found)
        _check_types(data, where)
    merged = {k.replace("-", "_"): v for k, v in data.items()}
    if found is not None:
        try:
            Config.from_mapping(merged, where=where)
        except ConfigError as e:
            msg = str(e)
            raise ConfigError(msg if msg.startswith(where) else f"{where}: {msg}") from None
    merged.update(overrides or {})
    return Config.from_mapping(merged, where="command line" if overrides else where)
