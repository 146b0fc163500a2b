"""What is known about the interview a note follows up on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Kind = Literal["thank-you", "status-check", "feedback-request", "keep-in-touch"]
KINDS: tuple[Kind, ...] = ("thank-you", "status-check", "feedback-request", "keep-in-touch")


@dataclass
class NoteContext:
    """Facts about the application; every field is optional.

    Datetimes should be timezone-aware; a naive one is taken as local time.
    """

    company: str | None = None
    role: str | None = None
    interviewed_at: datetime | None = None
    decision_expected_by: datetime | None = None
    sent_at: datetime | None = None
    previous_followups: list[datetime] = field(default_factory=list)
    kind: Kind | None = None
    #: The candidate's own name: never taken for a panel name.
    writer: str | None = None
