"""Configuration: which rules run, their severities, budgets, accepted words, LanguageTool."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .context import KINDS, WORD_BUDGETS
from .errors import ConfigError
from .findings import SEVERITIES, Severity

LANGUAGETOOL_MODES = ("local", "download", "public")
#: The ``daemon`` setting: use a running daemon, also start one, or never use it.
DAEMON_MODES = ("use", "auto", "off")

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
    #: Globs of the files that are templates whatever their suffix (e.g. ``["outreach/**"]``),
    #: matched as include/exclude are, against the path relative to the config file's folder.
    templates: list[str] = field(default_factory=list)
    #: Extra placeholder syntaxes (Python regular expressions; group 1 is the field's name),
    #: added to those in data/placeholders.toml, e.g. ``'@@(\\w+)@@'``.
    placeholder_patterns: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["**/*.txt", "**/*.md", "**/*.eml",
                                                        "**/*.j2", "**/*.jinja", "**/*.tmpl"])
    exclude: list[str] = field(default_factory=list)
    #: Run the trained tone model beside the tone patterns (rules/tone_model.py).
    tone_model: bool = True
    #: Per-rule probability the model needs to flag a sentence on its own, e.g.
    #: ``{"accusatory": 0.6}``; a rule not listed keeps the shipped threshold.
    tone_thresholds: dict[str, float] = field(default_factory=dict)
    #: The resident engine (``followup-lint daemon``): "use" it when it runs, "auto" also
    #: starts it, "off" never uses it.
    daemon: str = "use"

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
    "templates": (_str_list, "a list of strings"),
    "severity": (lambda v: isinstance(v, dict), "a table of rule ids and severities"),
    "word_budgets": (lambda v: isinstance(v, dict), "a table of kinds and word counts"),
    "grammar": (lambda v: isinstance(v, bool), "true or false"),
    "require_grammar": (lambda v: isinstance(v, bool), "true or false"),
    "template": (lambda v: isinstance(v, bool), "true or false"),
    "tone_model": (lambda v: isinstance(v, bool), "true or false"),
    "tone_thresholds": (lambda v: isinstance(v, dict), "a table of tone rule ids and numbers"),
    "languagetool_url": (lambda v: v is None or isinstance(v, str), "a string"),
    "languagetool_mode": (lambda v: isinstance(v, str), "a string"),
    "languagetool_language": (lambda v: isinstance(v, str), "a string"),
    "long_sentence_words": (_is_int, "a whole number"),
    "max_parse_chars": (_is_int, "a whole number"),
    "languagetool_timeout": (lambda v: _is_int(v) or isinstance(v, float), "a number"),
    "daemon": (lambda v: v in DAEMON_MODES, "one of " + ", ".join(repr(m) for m in DAEMON_MODES)),
}


def _problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` for the Config field ``name``, or None: the one validator."""
    key = name.replace("_", "-")
    check, what = _TYPES.get(name, (lambda v: True, ""))
    if not check(value):
        if what == "a list of strings" and isinstance(value, str):
            return f"{key} must be a list of strings, such as [{value!r}]"
        return f"{key} must be {what}, not {type(value).__name__}"
    if name in ("word_budgets", "severity", "tone_thresholds"):
        return _table_problem(name, value)
    if name in _LOWEST and value < _LOWEST[name]:
        return f"{key} must be a whole number of at least {_LOWEST[name]:,}"
    elif name in _HIGHEST and value > _HIGHEST[name]:
        return f"{key} must be a whole number of at most {_HIGHEST[name]:,}"
    elif name == "languagetool_timeout" and not 0 < value <= MAX_LANGUAGETOOL_TIMEOUT:
        # "not 0 < value" also refuses nan; inf is over the top.
        return (f"languagetool-timeout must be a number of seconds above 0 and at most "
                f"{MAX_LANGUAGETOOL_TIMEOUT:g}")
    elif name == "languagetool_mode" and value not in LANGUAGETOOL_MODES:
        return f"languagetool-mode must be one of {', '.join(LANGUAGETOOL_MODES)}, not {value!r}"
    elif name == "placeholder_patterns":
        from .reading.placeholders import PatternError, compile_user_pattern

        for pattern in value:
            try:
                compile_user_pattern(pattern)
            except PatternError as e:
                return f"placeholder pattern {pattern!r} is not a regular expression RE2 can run: {e}"
    return None


def _table_problem(name: str, value: dict[str, Any]) -> str | None:
    """What is wrong with the values of a table setting (its rule ids are checked by the
    rule table, rules.selection, which knows the rules)."""
    for item, v in value.items():
        if name == "word_budgets":
            if item not in DEFAULT_WORD_BUDGETS:
                return (f"word budget for unknown kind {item!r}; use one of "
                        f"{', '.join(DEFAULT_WORD_BUDGETS)}")
            if not _is_int(v) or not 0 < v <= MAX_WORD_BUDGET:
                return f"word budget for {item!r} must be a whole number from 1 to {MAX_WORD_BUDGET:,}"
        elif name == "severity" and v not in SEVERITIES:
            return f"severity of {item!r} must be one of {', '.join(SEVERITIES)}"
        elif name == "tone_thresholds" and (
                isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v <= 1):
            return f"tone threshold of {item!r} must be a number above 0 and at most 1"
    return None


#: The smallest value of the whole-number settings.
_LOWEST = {"long_sentence_words": 1, "max_parse_chars": 1000}
#: Upper bounds: a config from a pull request must not buy minutes of parsing or gigabytes
#: (max-parse-chars), and a budget or limit past these says nothing about a short note.
MAX_PARSE_CHARS = 1_000_000
MAX_WORD_BUDGET = 100_000
MAX_LANGUAGETOOL_TIMEOUT = 600.0
_HIGHEST = {"long_sentence_words": 1000, "max_parse_chars": MAX_PARSE_CHARS}


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


#: Config files (or folders of them) whose owner is not checked, separated by os.pathsep;
#: "*" trusts every file (as git's safe.directory).
SAFE_CONFIG_ENV = "FOLLOWUP_LINT_SAFE_CONFIG"
#: Settings that send the note's text to a server: read only from config files you own.
SENDING_SETTINGS = ("languagetool_url", "languagetool_mode")


def _warn(message: str) -> None:
    print(f"followup-lint: warning: {message}", file=sys.stderr)


def _listed_safe(path: Path) -> bool:
    """Whether the user listed ``path`` (or a folder above it) in FOLLOWUP_LINT_SAFE_CONFIG."""
    entries = [e for e in os.environ.get(SAFE_CONFIG_ENV, "").split(os.pathsep) if e]
    if "*" in entries:
        return True
    resolved = path.resolve()
    for entry in entries:
        safe = Path(entry).expanduser().resolve()
        if resolved == safe or safe in resolved.parents:
            return True
    return False


def config_trust(path: str | Path) -> str:
    """How far a config file is trusted: "all" (yours, or listed in FOLLOWUP_LINT_SAFE_CONFIG),
    "no-sending" (root's: read, but not the settings that send text elsewhere) or "none"
    (another user's: a shared folder above your files must not steer your linter)."""
    from .files import ownership

    p = Path(path)
    try:
        owner, _uid = ownership(p)
    except OSError:
        return "all"  # it cannot be read anyway; read_config_file says why
    if owner == "own" or _listed_safe(p):
        return "all"
    return "no-sending" if owner == "root" else "none"


def _foreign(path: Path, warn: Callable[[str], None]) -> bool:
    """Whether ``path`` belongs to another user (and so is skipped, with a warning)."""
    if config_trust(path) != "none":
        return False
    from .files import ownership

    uid = ownership(path)[1]
    warn(f"ignoring {path}: it belongs to uid {uid}, not to you or root "
         f"(set {SAFE_CONFIG_ENV}={path} to read it)")
    return True


def find_config_file(start: str | Path, warn: Callable[[str], None] = _warn) -> Path | None:
    """The nearest .followup-lint.toml, or pyproject.toml with a [tool.followup-lint] table,
    in ``start`` or a folder above it (the nearest folder wins; in one folder the
    .followup-lint.toml wins). A file another user owns (not you, not root) is skipped
    with a one-line ``warn``ing, as git skips a repository someone else owns."""
    import tomllib

    here = Path(start).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        own = folder / CONFIG_FILE
        if own.is_file() and not _foreign(own, warn):
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
                data = {"tool": {"followup-lint": {}}}  # let read_config_file report the problem
            if (isinstance(data.get("tool"), dict) and "followup-lint" in data["tool"]
                    and not _foreign(pyproject, warn)):
                return pyproject
    return None


def load_config(path: str | Path | None = None, *, start: str | Path | None = None,
                overrides: dict[str, Any] | None = None,
                warn: Callable[[str], None] = _warn) -> Config:
    """A Config from ``path`` (or the file found from ``start``), with ``overrides``
    (command-line options, already in Config field names) applied on top.

    The settings that send text elsewhere (``languagetool-url``, ``languagetool-mode``) are
    read only from a file you own (or one listed in FOLLOWUP_LINT_SAFE_CONFIG); in a file
    someone else owns they are left out with a ``warn``ing. Overrides always apply.
    """
    found = Path(path) if path is not None else (find_config_file(start, warn) if start is not None else None)
    config = Config()
    if found is not None:
        data = read_config_file(found)
        if config_trust(found) != "all":
            dropped = [k for k in data if k.replace("-", "_") in SENDING_SETTINGS]
            for key in dropped:
                del data[key]
            if dropped:
                warn(f"ignoring {', '.join(dropped)} in {found}: settings that send your text "
                     f"elsewhere are read only from config files you own "
                     f"(or set {SAFE_CONFIG_ENV}={found})")
        config = Config.from_mapping(data, str(found))
    return with_overrides(config, overrides)


def with_overrides(config: Config, overrides: dict[str, Any] | None) -> Config:
    """``config`` with command-line settings on top; ConfigError says "command line"."""
    if not overrides:
        return config
    try:
        return replace(config, **overrides)
    except ConfigError as e:
        raise ConfigError(f"command line: {e}") from None
