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

from ..config import Config, find_config_file, load_config, with_overrides
from ..context import KINDS, NoteContext, load_context_file
from ..context import parse_when as when
from ..errors import ConfigError
from ..reading.templates import load_sample_data
from ..roster import Roster, load_roster
from ..rules import rule_table
from .common import UsageError


@dataclass
class Settings:
    """What a command needs to lint: config, roster (None: from To/Cc), context."""

    config: Config
    roster: Roster | None
    context: NoteContext
    template_data: dict[str, Any] | None
    #: The config file that was read, if any.
    config_path: Path | None


def add_common(p: argparse.ArgumentParser, *, paths: bool) -> None:
    """Options shared by ``check`` and ``guard``."""
    if paths:
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders to check; '-' reads standard input (default: '.')")
    g = p.add_argument_group("what the note is about")
    g.add_argument("--roster", metavar="FILE",
                   help="the panel: TOML, JSON, CSV or one name a line (TOML/JSON may also hold "
                        "company, role, interviewed_at, ...)")
    g.add_argument("--company", help="the company you interviewed with")
    g.add_argument("--role", help="the role you applied for")
    g.add_argument("--kind", choices=KINDS,
                   help="the kind of note (detected from the text when not given)")
    g.add_argument("--interviewed-at", metavar="ISO-8601", help="when the interview took place")
    g.add_argument("--decision-expected-by", metavar="ISO-8601", help="when they said they would decide")
    g.add_argument("--sent-at", metavar="ISO-8601",
                   help="when the note goes out (default: its Date header, or now)")
    g.add_argument("--previous-followup", metavar="ISO-8601", action="append", default=[],
                   help="when an earlier follow-up was sent (repeatable)")
    r = p.add_argument_group("rules and settings")
    r.add_argument("--config", metavar="FILE",
                   help="config file (default: the nearest .followup-lint.toml or pyproject.toml "
                        "with [tool.followup-lint], searched upward from the folder of the PATHs "
                        "checked (their common parent if several), else from the current folder)")
    r.add_argument("--isolated", action="store_true", help="ignore every config file")
    r.add_argument("--select", metavar="IDS", help="comma-separated rule ids or categories to run")
    r.add_argument("--ignore", metavar="IDS", help="comma-separated rule ids or categories to skip")
    r.add_argument("--template", action="store_true", default=None,
                   help="template mode: placeholders are masked, placeholder-unfilled is off")
    r.add_argument("--template-data", metavar="TOML",
                   help="render Jinja2 templates with this sample data and lint the result")
    r.add_argument("--no-grammar", action="store_true",
                   help="skip the LanguageTool grammar and spelling check")
    r.add_argument("--languagetool-url", metavar="URL", help="use this LanguageTool server")
    r.add_argument("--require-grammar", action="store_true",
                   help="fail (exit 2) when the grammar check cannot run")


def _ids(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def parse_when(value: str, option: str) -> datetime | date:
    """An ISO 8601 date or datetime from an option; UsageError names the option."""
    try:
        return when(value)
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


def _resolve_rules(config: Config, where: str) -> None:
    """An unknown rule id is a usage error naming where it was written, before any file is read."""
    try:
        rule_table(config)
    except ConfigError as e:
        raise ConfigError(f"{where}: {e}") from None


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Build Config, roster and context from parsed options (raises FollowupLintError/UsageError)."""

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
    config = load_config(config_path)
    _resolve_rules(config, str(config_path) if config_path else "config")
    if ignore is not None:
        overrides["ignore"] = list(config.ignore) + ignore
    config = with_overrides(config, overrides)
    _resolve_rules(config, "command line")

    roster: Roster | None = None
    context = NoteContext()
    if args.roster:

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

        template_data = load_sample_data(args.template_data)
    return Settings(config=config, roster=roster, context=context, template_data=template_data,
                    config_path=config_path)
