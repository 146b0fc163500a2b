"""When a note goes out: a late thank-you, a status check too soon or too often.

Why: the standard advice is a thank-you within 24 hours of the interview, a status check
only after the promised decision date (or about a week after the interview when none was
promised), at most one status check a week, and keep-in-touch notes about once a month.

These rules need the context's dates (``interviewed_at``, ``decision_expected_by``,
``previous_followups``); with none they stay silent. ``sent_at`` None means now (for an
email, its Date header). Aware datetimes are compared as instants; naive ones and plain
dates are taken as local time, and the message says so. Working days are Monday to Friday;
public holidays are not known.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from ..context import as_aware, is_naive, now
from ..kinds import cue_sentence, first_line
from .base import Check, Example, LintContext, Rule

#: A thank-you is late after this many hours.
THANK_YOU_HOURS = 24
#: With no promised date, wait this many working days after the interview.
WAIT_WORKING_DAYS = 5
#: Days between status checks.
STATUS_CHECK_GAP_DAYS = 7
#: Days between keep-in-touch notes ("about once a month": four weeks).
KEEP_IN_TOUCH_GAP_DAYS = 28

_LOCAL_NOTE = " (Times without a time zone were taken as local time.)"

_THANKS = "Dear Ms. Lee,\n\nThank you for your time on Tuesday. I enjoyed our conversation.\n\nBest,\nSam"
_STATUS = ("Dear Ms. Lee,\n\nI hope you are well. I interviewed for the Data Analyst role on "
           "May 7 and wanted to ask whether there is any update on the decision.\n\nBest,\nSam")
_KEEP = ("Dear Ms. Lee,\n\nCongratulations on the launch of the new app! I came across this "
         "article on mobile payments and thought of our conversation.\n\nBest,\nSam")

LATE_THANK_YOU = Rule(
    id="late-thank-you",
    category="timing",
    severity="warning",
    summary="A thank-you note sent more than 24 hours after the interview.",
    why="A thank-you that arrives within a day shows interest while the panel still remembers "
        "you and before they decide; after that it reads as an afterthought. Needs "
        "interviewed_at; silent without it.",
    source="Standard interview follow-up advice: send the thank-you within 24 hours.",
    bad=(Example(_THANKS, context={"kind": "thank-you",
                                   "interviewed_at": "2024-05-07T10:00:00+02:00",
                                   "sent_at": "2024-05-09T18:00:00+02:00"}),),
    good=(Example(_THANKS, context={"kind": "thank-you",
                                    "interviewed_at": "2024-05-07T10:00:00+02:00",
                                    "sent_at": "2024-05-07T19:30:00+02:00"}),
          # 23 hours later, written in another time zone.
          Example(_THANKS, context={"kind": "thank-you",
                                    "interviewed_at": "2024-05-07T10:00:00+02:00",
                                    "sent_at": "2024-05-08T08:00:00+00:00"}),
          Example(_THANKS, context={"kind": "thank-you"})),
)

TOO_SOON = Rule(
    id="too-soon",
    category="timing",
    severity="warning",
    summary="A status check sent before the promised decision date, or within five working "
            "days of the interview when no date was promised.",
    why="Chasing a decision before it was due tells the panel you did not listen or cannot "
        "wait; give them the time they asked for. Needs decision_expected_by or "
        "interviewed_at; silent without them.",
    source="Standard interview follow-up advice: follow up when the promised date has passed, "
           "or about a week after the interview.",
    bad=(Example(_STATUS, context={"kind": "status-check",
                                   "interviewed_at": "2024-05-07T10:00:00+02:00",
                                   "decision_expected_by": "2024-05-17T17:00:00+02:00",
                                   "sent_at": "2024-05-14T09:00:00+02:00"}),
         Example(_STATUS, context={"kind": "status-check",
                                   "interviewed_at": "2024-05-07T10:00:00+02:00",
                                   "sent_at": "2024-05-10T09:00:00+02:00"})),
    good=(Example(_STATUS, context={"kind": "status-check",
                                    "interviewed_at": "2024-05-07T10:00:00+02:00",
                                    "decision_expected_by": "2024-05-17T17:00:00+02:00",
                                    "sent_at": "2024-05-21T09:00:00+02:00"}),
          Example(_STATUS, context={"kind": "status-check",
                                    "interviewed_at": "2024-05-07T10:00:00+02:00",
                                    "sent_at": "2024-05-14T09:00:00+02:00"}),
          Example(_STATUS, context={"kind": "status-check"})),
)

TOO_FREQUENT = Rule(
    id="too-frequent",
    category="timing",
    severity="warning",
    summary="Status checks less than a week apart, or keep-in-touch notes more often than "
            "about once a month.",
    why="One polite check a week keeps you in mind; more than that reads as pressure. "
        "Keep-in-touch notes work when they are occasional. Needs previous_followups; "
        "silent without them.",
    source="Standard interview follow-up advice: wait a week between status checks; keep in "
           "touch about once a month.",
    bad=(Example(_STATUS, context={"kind": "status-check",
                                   "previous_followups": ["2024-05-20T09:00:00+02:00"],
                                   "sent_at": "2024-05-23T09:00:00+02:00"}),
         Example(_KEEP, context={"kind": "keep-in-touch",
                                 "previous_followups": ["2024-06-03T09:00:00+02:00"],
                                 "sent_at": "2024-06-17T09:00:00+02:00"})),
    good=(Example(_STATUS, context={"kind": "status-check",
                                    "previous_followups": ["2024-05-20T09:00:00+02:00"],
                                    "sent_at": "2024-05-27T09:00:00+02:00"}),
          Example(_KEEP, context={"kind": "keep-in-touch",
                                  "previous_followups": ["2024-06-03T09:00:00+02:00"],
                                  "sent_at": "2024-07-08T09:00:00+02:00"}),
          Example(_STATUS, context={"kind": "status-check"})),
)


def add_working_days(day: date, n: int) -> date:
    """``day`` plus ``n`` working days (Monday to Friday)."""
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def next_working_day(day: date) -> date:
    """The first working day after ``day``."""
    return add_working_days(day, 1)


def _day(value: datetime | date, zone: tzinfo | None) -> date:
    """The calendar day of ``value`` in ``zone`` (a plain date is its own day)."""
    if not isinstance(value, datetime):
        return value
    return as_aware(value).astimezone(zone).date()


def _fmt_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _fmt_time(when: datetime, original: datetime | date) -> str:
    if not isinstance(original, datetime):
        return _fmt_day(original)
    zone = when.tzname() or ""
    return f"{_fmt_day(when.date())} {when:%H:%M} {zone}".rstrip()


def _span(ctx: LintContext, ask: bool) -> tuple[int, int]:
    """The sentence asking for the update (when ``ask``), else the greeting / first line."""

    found = cue_sentence(ctx.doc, ctx.kind or "") if ask else None
    return found if found is not None else first_line(ctx.note.analysis_text)


def _late_thank_you(ctx: LintContext, sent: datetime, naive: bool) -> None:
    raw = ctx.about.interviewed_at
    if ctx.kind != "thank-you" or raw is None:
        return
    interviewed = as_aware(raw)
    late_by = sent - interviewed
    if late_by <= timedelta(hours=THANK_YOU_HOURS):
        return
    deadline = interviewed + timedelta(hours=THANK_YOU_HOURS)
    hours = late_by.total_seconds() / 3600
    ago = f"{round(hours)} hours" if hours < 48 else f"{late_by.days} days"
    note = _LOCAL_NOTE if naive or is_naive(raw) else ""
    start, end = _span(ctx, ask=False)
    ctx.emit(LATE_THANK_YOU, start, end,
             f"This thank-you goes out {ago} after the interview; it should have gone out by "
             f"{_fmt_time(deadline, raw)}. Send it as "
             f"soon as you can: a short late thank-you is still better than none.{note}")


def _too_soon(ctx: LintContext, sent: datetime, naive: bool) -> None:
    if ctx.kind != "status-check":
        return
    promised = ctx.about.decision_expected_by
    interviewed = ctx.about.interviewed_at
    if promised is not None:
        due = as_aware(promised)
        if sent >= due:
            return
        earliest = next_working_day(_day(promised, due.tzinfo))
        note = _LOCAL_NOTE if naive or is_naive(promised) else ""
        start, end = _span(ctx, ask=True)
        ctx.emit(TOO_SOON, start, end,
                 f"The decision was promised by {_fmt_time(due, promised)} and that has not "
                 f"passed yet; wait, and send this status check on or after "
                 f"{_fmt_day(earliest)}.{note}")
    elif interviewed is not None:
        zone = as_aware(interviewed).tzinfo
        day = _day(interviewed, zone)
        earliest = add_working_days(day, WAIT_WORKING_DAYS)
        sent_day = sent.astimezone(zone).date()
        if sent_day >= earliest or sent_day < day:
            return
        note = _LOCAL_NOTE if naive or is_naive(interviewed) else ""
        start, end = _span(ctx, ask=True)
        ctx.emit(TOO_SOON, start, end,
                 f"This status check goes out less than {WAIT_WORKING_DAYS} working days after "
                 f"the interview on {_fmt_day(day)}, and no decision date was promised; give "
                 f"them time and send it on or after {_fmt_day(earliest)}.{note}")


def _too_frequent(ctx: LintContext, sent: datetime, naive: bool) -> None:
    if ctx.kind == "status-check":
        gap, what = STATUS_CHECK_GAP_DAYS, "wait at least a week between status checks"
    elif ctx.kind == "keep-in-touch":
        gap, what = KEEP_IN_TOUCH_GAP_DAYS, "keep in touch about once a month, not more"
    else:
        return
    zone = sent.tzinfo
    earlier = [(p, _day(p, zone)) for p in ctx.about.previous_followups
               if p is not None and as_aware(p) <= sent]
    if not earlier:
        return
    raw, last = max(earlier, key=lambda e: e[1])
    days = (sent.date() - last).days
    if days >= gap:
        return
    when = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
    note = _LOCAL_NOTE if naive or is_naive(raw) else ""
    start, end = _span(ctx, ask=ctx.kind == "status-check")
    ctx.emit(TOO_FREQUENT, start, end,
             f"Your last follow-up went out on {_fmt_day(last)} ({when}); {what}, so send this "
             f"on or after {_fmt_day(last + timedelta(days=gap))}.{note}")


def _run(ctx: LintContext) -> None:
    c = ctx.about
    if c.interviewed_at is None and c.decision_expected_by is None and not c.previous_followups:
        return
    raw = c.sent_at
    sent = as_aware(raw) if raw is not None else now()
    naive = is_naive(raw)
    _late_thank_you(ctx, sent, naive)
    _too_soon(ctx, sent, naive)
    _too_frequent(ctx, sent, naive)


CHECK = Check(name="timing", rules=(LATE_THANK_YOU, TOO_SOON, TOO_FREQUENT), run=_run)
