"""What the server lints with: the workspace's config file, then the client's settings.

The client's settings come from ``initializationOptions`` and ``workspace/configuration``
(section ``followup-lint``); keys use camelCase or dashes: ``config``, ``roster``, ``company``,
``role``, ``kind``, ``interviewedAt``, ``decisionExpectedBy``, ``select``, ``ignore``,
``grammar``, ``languagetoolUrl``. They win over the config file, as command-line options do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import Config, find_config_file, load_config
from ..context import NoteContext, load_context_file, parse_when
from ..errors import ConfigError
from ..roster import Roster, load_roster
from ..rules import rule_table

SECTION = "followup-lint"


@dataclass
class Settings:
    """Config, roster (None: a draft's To/Cc) and context for the documents of a workspace."""

    config: Config = field(default_factory=Config)
    roster: Roster | None = None
    context: NoteContext = field(default_factory=NoteContext)
    #: The config file read, if any (where accepted words are added).
    config_path: Path | None = None
    #: Problems with the settings, shown to the user once instead of a crash.
    problems: list[str] = field(default_factory=list)


def _key(name: str) -> str:
    """``interviewedAt`` / ``interviewed-at`` -> ``interviewed_at``."""
    return re.sub(r"(?<=[a-z])([A-Z])", r"_\1", name).replace("-", "_").lower()


def _ids(value: object) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ConfigError(f"expected a list of rule ids, not {type(value).__name__}")


_TRUE = {"true", "on", "yes", "1"}
_FALSE = {"false", "off", "no", "0", ""}


def _flag(name: str, value: object) -> bool:
    """A true/false setting; some clients send ``"false"``, which ``bool()`` reads as true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, str)) and str(value).strip().lower() in _TRUE | _FALSE:
        return str(value).strip().lower() in _TRUE
    raise ConfigError(f"{name}: expected true or false, not {value!r}")


def _path(value: str, root: Path | None) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() or root is None else root / p


def resolve(client: dict[str, Any], root: Path | None) -> Settings:
    """Settings from the workspace root's config file and the client's settings."""
    given = {_key(k): v for k, v in (client or {}).items() if v is not None}
    out = Settings()
    try:
        if given.get("config"):
            out.config_path = _path(str(given["config"]), root)
        elif root is not None:
            out.config_path = find_config_file(root)
        config = load_config(out.config_path)
        overrides: dict[str, Any] = {}
        if "select" in given:
            overrides["select"] = _ids(given["select"])
        if "ignore" in given:
            overrides["ignore"] = list(config.ignore) + _ids(given["ignore"])
        if "grammar" in given:
            overrides["grammar"] = _flag("grammar", given["grammar"])
        if given.get("languagetool_url"):
            overrides["languagetool_url"] = str(given["languagetool_url"])
        out.config = load_config(out.config_path, overrides=overrides)
        rule_table(out.config)  # an unknown rule id is reported now, not on every keystroke
        if given.get("roster"):
            roster_file = _path(str(given["roster"]), root)
            out.roster = load_roster(roster_file)
            out.context = load_context_file(roster_file)
        changes: dict[str, Any] = {k: given[k] for k in ("company", "role", "kind") if given.get(k)}
        for k in ("interviewed_at", "decision_expected_by"):
            if given.get(k):
                try:
                    changes[k] = parse_when(str(given[k]))
                except ValueError:
                    raise ConfigError(f"{k}: {given[k]!r} is not an ISO 8601 date") from None
        if changes:
            out.context = replace(out.context, **changes)
    except (ConfigError, OSError) as e:
        out.problems.append(str(e))
    except Exception as e:  # noqa: BLE001 - RosterError and the like: said, not raised
        out.problems.append(f"{type(e).__name__}: {e}")
    return out
