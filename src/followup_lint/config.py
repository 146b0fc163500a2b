"""Configuration: which rules run, their severities, budgets, accepted words, LanguageTool."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .context import KINDS, WORD_BUDGETS
from .errors import ConfigError
from .findings import SEVERITIES, Severity

LANGUAGETOOL_MODES = ("local", "download", "public")

#: Words per kind of note; "default" for a note whose kind is unknown.
DEFAULT_WORD_BUDGETS: dict[str, int] = {kind: WORD_BUDGETS.get(kind, 200)
                                        for kind in (*KINDS, "default")}


@dataclass
class Config:
    """Settings for one run: plain data, checked when made (ConfigError for a bad value).

    ``select``/``ignore`` take rule ids or categories (``"tone"``), or ``"ALL"``; unknown
    ids are a ConfigError when the rules are resolved (``rules.rule_table``), which
    ``lint_note`` and the command line do before any note is read.
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
    #: "auto" (the default): en-GB for a note that spells the British way (or mail from a
    #: British-spelling country domain), else en-US; result.skipped["english-variant"] says
    #: which ran. Any LanguageTool code (en-US, en-GB, en-AU, ...) fixes it.
    languagetool_language: str = "auto"
    languagetool_timeout: float = 20.0
    languagetool_disabled_rules: list[str] = field(default_factory=list)
    #: LanguageTool rules the email profile (data/languagetool.toml) turns off, turned back on.
    languagetool_enabled_rules: list[str] = field(default_factory=list)
    template: bool = False
    #: Extra placeholder syntaxes (Python regular expressions; group 1 is the field's name),
    #: added to those in data/placeholders.toml, e.g. ``'@@(\\w+)@@'``.
    placeholder_patterns: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["**/*.txt", "**/*.md", "**/*.eml",
                                                        "**/*.j2", "**/*.jinja", "**/*.tmpl"])
    exclude: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for f in fields(self):
            problem = _problem(f.name, getattr(self, f.name))
            if problem:
                raise ConfigError(problem)

    def word_budget(self, kind: str | None) -> int:
        """The word budget for a kind of note."""
        budgets = DEFAULT_WORD_BUDGETS | self.word_budgets
        return budgets.get(kind or "default", budgets["default"])

    @classmethod
    def from_mapping(cls, data: dict[str, Any], where: str = "config") -> Config:
        """Build from a TOML table (keys may use dashes); unknown keys are an error and
        every error names ``where``."""
        names = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            attr = key.replace("-", "_")
            if attr not in names:
                raise ConfigError(f"{where}: unknown key {key!r}")
            kwargs[attr] = value
        try:
            return cls(**kwargs)
        except ConfigError as e:
            raise ConfigError(f"{where}: {e}") from None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


#: (check, what the value must be) for each field whose type alone is checked.
_TYPES: dict[str, tuple[Callable[[object], bool], str]] = {
    "select": (lambda v: v is None or _str_list(v), "a list of strings"),
    "ignore": (_str_list, "a list of strings"),
    "accepted_words": (_str_list, "a list of strings"),
    "languagetool_disabled_rules": (_str_list, "a list of strings"),
    "languagetool_enabled_rules": (_str_list, "a list of strings"),
    "placeholder_patterns": (_str_list, "a list of strings"),
    "include": (_str_list, "a list of strings"),
    "exclude": (_str_list, "a list of strings"),
    "severity": (lambda v: isinstance(v, dict), "a table of rule ids and severities"),
    "word_budgets": (lambda v: isinstance(v, dict), "a table of kinds and word counts"),
    "grammar": (lambda v: isinstance(v, bool), "true or false"),
    "require_grammar": (lambda v: isinstance(v, bool), "true or false"),
    "template": (lambda v: isinstance(v, bool), "true or false"),
    "languagetool_url": (lambda v: v is None or isinstance(v, str), "a string"),
    "languagetool_mode": (lambda v: isinstance(v, str), "a string"),
    "languagetool_language": (lambda v: isinstance(v, str), "a string"),
    "long_sentence_words": (_is_int, "a whole number"),
    "max_parse_chars": (_is_int, "a whole number"),
    "languagetool_timeout": (lambda v: _is_int(v) or isinstance(v, float), "a number"),
}


def _problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` for the Config field ``name``, or None: the one validator."""
    key = name.replace("_", "-")
    check, what = _TYPES.get(name, (lambda v: True, ""))
    if not check(value):
        if what == "a list of strings" and isinstance(value, str):
            return f"{key} must be a list of strings, such as [{value!r}]"
        return f"{key} must be {what}, not {type(value).__name__}"
    if name == "word_budgets":
        for kind, budget in value.items():
            if kind not in DEFAULT_WORD_BUDGETS:
                return (f"word budget for unknown kind {kind!r}; use one of "
                        f"{', '.join(DEFAULT_WORD_BUDGETS)}")
            if not _is_int(budget) or budget <= 0:
                return f"word budget for {kind!r} must be a positive whole number"
    elif name == "severity":
        for rule, sev in value.items():
            if sev not in SEVERITIES:
                return f"severity of {rule!r} must be one of {', '.join(SEVERITIES)}"
    elif name in _LOWEST and value < _LOWEST[name]:
        return f"{key} must be a whole number of at least {_LOWEST[name]}"
    elif name == "languagetool_timeout" and value <= 0:
        return "languagetool-timeout must be a positive number of seconds"
    elif name == "languagetool_mode" and value not in LANGUAGETOOL_MODES:
        return f"languagetool-mode must be one of {', '.join(LANGUAGETOOL_MODES)}, not {value!r}"
    elif name == "placeholder_patterns":
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as e:
                return f"placeholder pattern {pattern!r} is not a valid regular expression: {e}"
    return None


#: The smallest value of the whole-number settings.
_LOWEST = {"long_sentence_words": 1, "max_parse_chars": 1000}


# --- where the configuration is found -----------------------------------------------------

#: The project's own config file; ``[tool.followup-lint]`` in pyproject.toml works too.
CONFIG_FILE = ".followup-lint.toml"


def read_config_file(path: str | Path) -> dict[str, Any]:
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


def find_config_file(start: str | Path) -> Path | None:
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


def load_config(path: str | Path | None = None, *, start: str | Path | None = None,
                overrides: dict[str, Any] | None = None) -> Config:
    """A Config from ``path`` (or the file found from ``start``), with ``overrides``
    (command-line options, already in Config field names) applied on top."""
    found = Path(path) if path is not None else (find_config_file(start) if start is not None else None)
    config = Config() if found is None else Config.from_mapping(read_config_file(found), str(found))
    if not overrides:
        return config
    try:
        return replace(config, **overrides)
    except ConfigError as e:
        raise ConfigError(f"command line: {e}") from None
