"""What is known about the interview a note follows up on, and the file that says so.

Time zones: aware datetimes are compared as instants. A naive datetime (no offset) is
taken as the machine's local time, and :meth:`NoteContext.assumptions` says so in words;
the timing rules repeat it in their messages, so a user sees why a time may be off.
A plain date (a TOML ``2024-05-10``) means that whole day, local time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import ConfigError, RosterError
from .files import parse_json, parse_toml, read_text
from .roster import ROSTER_KEYS

#: The kinds of note. Adding one: name it here, give it cues in data/kinds.toml (and a
#: word budget below when 200 words is wrong for it).
Kind = Literal["thank-you", "status-check", "feedback-request", "keep-in-touch", "withdrawal",
               "rejection-reply"]
KINDS: tuple[Kind, ...] = get_args(Kind)
#: Word budgets that differ from the default of 200 words.
#: (A rejection reply is a feedback request plus a door-open line: the default, as one.)
WORD_BUDGETS: dict[str, int] = {"status-check": 120, "withdrawal": 150}

#: The datetime fields of a NoteContext, in the order they are reported.
DATE_FIELDS: tuple[str, ...] = ("interviewed_at", "decision_expected_by", "sent_at")
#: The keys a context file may hold beside the panel.
CONTEXT_KEYS: tuple[str, ...] = ("company", "role", "interviewed_at", "decision_expected_by",
                                 "sent_at", "previous_followups", "kind", "writer")


@dataclass
class NoteContext:
    """Facts about the application; every field is optional.

    ``sent_at`` None means "now" (for an email, lint_note takes its Date header).
    ``previous_followups`` are the times of earlier status checks or keep-in-touch notes.
    Datetimes should be timezone-aware; a naive one is taken as local time, and a plain
    ``date`` as that whole day (see :meth:`assumptions`). Rules that need a date stay silent
    when it is missing.
    """

    company: str | None = None
    role: str | None = None
    interviewed_at: datetime | date | None = None
    decision_expected_by: datetime | date | None = None
    sent_at: datetime | date | None = None
    previous_followups: list[datetime | date] = field(default_factory=list)
    kind: Kind | None = None
    #: The candidate's own name: never taken for a panel name.
    writer: str | None = None

    def __post_init__(self) -> None:
        # Accept ISO 8601 strings for dates, as the roster file does; reject wrong types
        # here with a clear error rather than deep inside a rule.
        for key in ("company", "role", "writer", "kind"):
            value = getattr(self, key)
            if value is not None and not isinstance(value, str):
                raise ConfigError(f"NoteContext.{key} must be a string, not {type(value).__name__}")
        for key in DATE_FIELDS:
            value = getattr(self, key)
            if value is not None:
                setattr(self, key, _when(value, key, "NoteContext"))
        raw: object = self.previous_followups  # callers may pass anything
        if isinstance(raw, (str, date)):
            raise ConfigError("NoteContext.previous_followups must be a list of dates")
        self.previous_followups = [_when(v, "previous_followups", "NoteContext")
                                   for v in self.previous_followups]

    def assumptions(self) -> list[str]:
        """Plain sentences about values taken on trust: each naive datetime is local time."""
        notes = []
        zone = datetime.now().astimezone().tzname() or "local time"
        for name in DATE_FIELDS:
            value = getattr(self, name)
            if isinstance(value, datetime) and is_naive(value):
                notes.append(f"{name} {value.isoformat(sep=' ')} has no time zone; "
                             f"taken as local time ({zone}).")
            elif isinstance(value, date) and not isinstance(value, datetime):
                notes.append(f"{name} {value.isoformat()} is a date without a time; "
                             f"taken as the end of that day, local time ({zone}).")
        naive = [v for v in self.previous_followups if is_naive(v)]
        if naive:
            notes.append(f"{len(naive)} of previous_followups have no time zone; "
                         f"taken as local time ({zone}).")
        return notes


def as_aware(value: datetime | date) -> datetime:
    """An aware datetime: naive values and plain dates are taken as local time.

    A plain date becomes the end of that day, local time (a promise "by 10 May" holds
    all of 10 May).
    """
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(23, 59, 59))
    if value.tzinfo is None or value.utcoffset() is None:
        return value.astimezone()  # naive -> the machine's local zone
    return value


def is_naive(value: datetime | date | None) -> bool:
    """True for a datetime without an offset or a plain date (both read as local time)."""
    if value is None:
        return False
    if not isinstance(value, datetime):
        return True
    return value.tzinfo is None or value.utcoffset() is None


def now() -> datetime:
    """The current time, aware (what an unset ``sent_at`` means)."""
    return datetime.now(UTC)


def parse_when(text: str) -> datetime | date:
    """An ISO 8601 date ("2024-05-07", kept a date) or datetime (a trailing "Z" is UTC);
    raises ValueError."""
    text = text.strip()
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)


def _when(value: Any, key: str, where: str) -> datetime | date:
    """A TOML datetime/date or an ISO 8601 string as a datetime (a plain date kept a date)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_when(value)
        except ValueError:
            pass
    raise ConfigError(f"{where}: {key} must be an ISO 8601 date or datetime such as "
                      f"2024-05-07T14:00:00+02:00, not {value!r}")


def context_from_data(data: dict[str, Any], where: str) -> NoteContext:
    """A NoteContext from a parsed TOML/JSON table; raises ConfigError naming ``where``."""
    unknown = sorted(k for k in data if k not in CONTEXT_KEYS and k not in ROSTER_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; a roster file may hold "
                          f"panel and {', '.join(CONTEXT_KEYS)}")
    values: dict[str, Any] = {}
    for key in ("company", "role", "writer", "kind"):
        if key in data:
            if not isinstance(data[key], str) or not data[key].strip():
                raise ConfigError(f"{where}: {key} must be a non-empty string")
            values[key] = data[key].strip()
    if "kind" in values and values["kind"] not in KINDS:
        raise ConfigError(f"{where}: unknown kind {values['kind']!r}; use one of {', '.join(KINDS)}")
    for key in DATE_FIELDS:
        if key in data:
            values[key] = _when(data[key], key, where)
    if "previous_followups" in data:
        raw = data["previous_followups"]
        if not isinstance(raw, list):
            raise ConfigError(f"{where}: previous_followups must be a list of dates")
        values["previous_followups"] = [_when(v, "previous_followups", where) for v in raw]
    return NoteContext(**values)


def load_context_file(path: str | Path) -> NoteContext:
    """The context a roster file holds beside its panel (TOML or JSON).

    Keys: company, role, interviewed_at, decision_expected_by, sent_at, previous_followups,
    kind, writer. Dates are TOML datetimes/dates or ISO 8601 strings. A file of another
    kind (CSV, one name a line) holds no context: an empty NoteContext is returned.
    Raises RosterError when the file cannot be read or parsed, ConfigError for a bad value.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".toml", ".json"):
        return NoteContext()
    text = read_text(p, "roster", RosterError)
    data = parse_toml(text, p, RosterError) if suffix == ".toml" else parse_json(text, p, RosterError)
    if not isinstance(data, dict):
        return NoteContext()  # a bare JSON list of names: no context
    return context_from_data(data, str(p))
