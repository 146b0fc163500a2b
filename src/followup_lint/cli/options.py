"""From command-line options to the library's Config, Roster and NoteContext.

Precedence: command-line options, then the roster file's context (company, role, dates),
then the config file; the config file is the nearest ``.followup-lint.toml`` or
``pyproject.toml`` with ``[tool.followup-lint]`` in or above the folder of the files
checked (see :func:`search_start`).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..config import Config, load_config
from ..context import NoteContext, load_context_file
from ..roster import Roster
from .main import UsageError


@dataclass
class Settings:
    """What a command needs to lint: config, roster (None: from To/Cc), context."""

    config: Config
    roster: Roster | None
    context: NoteContext
    template_data: dict[str, Any] | None
    #: The config file that was read, if any.
    config_path: Path | None


def _ids(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def parse_when(value: str, option: str) -> datetime | date:
    """An ISO 8601 date or datetime from an option; UsageError names the option."""
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"followup-lint: {option}: {value!r} is not an ISO 8601 date or datetime "
                         f"(e.g. 2024-05-07 or 2024-05-07T14:00+02:00)") from None


def search_start(args: argparse.Namespace) -> Path:
    """Where the config search starts: the folder of the PATHs checked (their common
    parent when there are several; for stdin, that of --stdin-filename), else the
    current folder."""
    names = [p for p in (getattr(args, "paths", None) or []) if p != "-"]
    if "-" in (getattr(args, "paths", None) or []) and getattr(args, "stdin_filename", None):
        names.append(args.stdin_filename)
    if not names:
        return Path.cwd()
    try:
        return Path(os.path.commonpath([Path(n).resolve() for n in names]))
    except (ValueError, OSError):  # pragma: no cover - different drives on Windows
        return Path.cwd()


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Build Config, roster and context from parsed options (raises FollowupLintError/UsageError)."""
    from ..config import find_config_file

    overrides: dict[str, Any] = {}
    select, ignore = _ids(args.select), _ids(args.ignore)
    if select is not None:
        overrides["select"] = select
    if args.no_grammar:
        overrides["grammar"] = False
    if args.languagetool_url:
        overrides["languagetool_url"] = args.languagetool_url
    if args.require_grammar:
        overrides["require_grammar"] = True
    if args.template:
        overrides["template"] = True
    config_path: Path | None = None
    if args.config:
        config_path = Path(args.config)
    elif not args.isolated:
        config_path = find_config_file(search_start(args))
    config = load_config(config_path, overrides=overrides)
    if ignore is not None:
        config = replace(config, ignore=list(config.ignore) + ignore)

    roster: Roster | None = None
    context = NoteContext()
    if args.roster:
        from ..roster import load_roster

        roster = load_roster(args.roster)
        context = load_context_file(args.roster)
    changes: dict[str, Any] = {}
    for name in ("company", "role", "kind"):
        if getattr(args, name):
            changes[name] = getattr(args, name)
    for name in ("interviewed_at", "decision_expected_by", "sent_at"):
        value = getattr(args, name)
        if value:
            changes[name] = parse_when(value, "--" + name.replace("_", "-"))
    if args.previous_followup:
        changes["previous_followups"] = [parse_when(v, "--previous-followup") for v in args.previous_followup]
    if changes:
        context = replace(context, **changes)

    template_data = None
    if args.template_data:
        from ..templates import load_sample_data

        template_data = load_sample_data(args.template_data)
    return Settings(config=config, roster=roster, context=context, template_data=template_data,
                    config_path=config_path)
