"""Timing rules: late-thank-you, too-soon, too-frequent, on fixed datetimes (never the clock)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from followup_lint import Config, NoteContext, lint_note

CEST = timezone(timedelta(hours=2))
BST = timezone(timedelta(hours=1))

THANKS = "Dear Ms. Lee,\n\nThank you for your time on Tuesday. I enjoyed our conversation.\n\nBest,\nSam"
STATUS = ("Dear Ms. Lee,\n\nI hope you are well. I interviewed for the Data Analyst role on May 7 "
          "and wanted to ask whether there is any update on the decision.\n\nBest,\nSam")
KEEP = ("Dear Ms. Lee,\n\nCongratulations on the launch of the new app! I came across this "
        "article and thought of our conversation.\n\nBest,\nSam")
ASK = "I interviewed for the Data Analyst role on May 7 and wanted to ask whether there is any update on the decision."


def run(text, **context):
    return lint_note(text, context=NoteContext(**context), config=Config(grammar=False))


def one(result, rule):
    hits = result.by_rule(rule)
    assert len(hits) == 1, [f.message for f in result]
    return hits[0]


def test_late_thank_you_says_when_it_should_have_gone_and_points_at_the_greeting():
    r = run(THANKS, kind="thank-you", interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST),
            sent_at=datetime(2024, 5, 10, 9, tzinfo=CEST))
    f = one(r, "late-thank-you")
    assert "Wednesday 8 May 2024 10:00" in f.message
    assert "2 days after" in f.message
    assert f.text == "Dear Ms. Lee," and f.line == 1
    assert f.severity == "warning"


def test_thank_you_within_24_hours_is_fine():
    r = run(THANKS, kind="thank-you", interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST),
            sent_at=datetime(2024, 5, 8, 9, 59, tzinfo=CEST))
    assert not r.by_rule("late-thank-you")


def test_time_zones_are_compared_as_instants():
    interviewed = datetime(2024, 5, 7, 10, tzinfo=CEST)
    # 09:30 BST on the 8th is 10:30 CEST: 24.5 hours, late though the clock reads earlier.
    late = run(THANKS, kind="thank-you", interviewed_at=interviewed,
               sent_at=datetime(2024, 5, 8, 9, 30, tzinfo=BST))
    assert late.by_rule("late-thank-you")
    # 07:30 UTC on the 8th is 09:30 CEST: 23.5 hours, in time.
    in_time = run(THANKS, kind="thank-you", interviewed_at=interviewed,
                  sent_at=datetime(2024, 5, 8, 7, 30, tzinfo=timezone.utc))
    assert not in_time.by_rule("late-thank-you")


def test_naive_datetimes_are_local_time_and_the_message_says_so():
    ctx = NoteContext(kind="thank-you", interviewed_at=datetime(2024, 5, 7, 10),
                      sent_at=datetime(2024, 5, 9, 18))
    r = lint_note(THANKS, context=ctx, config=Config(grammar=False))
    assert "taken as local time" in one(r, "late-thank-you").message
    assert any("interviewed_at" in a and "local time" in a for a in ctx.assumptions())


def test_detected_kind_is_enough_and_an_email_date_header_is_sent_at():
    msg = (b"From: Sam Patel <sam@example.com>\r\nTo: Ana Lee <ana@example.com>\r\n"
           b"Subject: Thank you\r\nDate: Fri, 10 May 2024 09:00:00 +0200\r\n\r\n"
           + THANKS.replace("\n", "\r\n").encode())
    r = lint_note(msg, context=NoteContext(interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST)),
                  config=Config(grammar=False))
    assert r.kind == "thank-you"
    assert r.by_rule("late-thank-you")


def test_no_dates_no_timing_findings():
    for text, kind in ((THANKS, "thank-you"), (STATUS, "status-check"), (KEEP, "keep-in-touch")):
        r = run(text, kind=kind, sent_at=datetime(2024, 5, 10, tzinfo=CEST))
        assert not [f for f in r if f.category == "timing"]


def test_status_check_before_the_promised_date_gives_the_next_working_day():
    r = run(STATUS, kind="status-check", interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST),
            decision_expected_by=datetime(2024, 5, 17, 17, tzinfo=CEST),  # a Friday
            sent_at=datetime(2024, 5, 15, 9, tzinfo=CEST))
    f = one(r, "too-soon")
    assert "on or after Monday 20 May 2024" in f.message
    assert f.text == ASK


def test_status_check_after_the_promised_date_is_fine_even_within_five_days():
    r = run(STATUS, kind="status-check", interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST),
            decision_expected_by=datetime(2024, 5, 8, 17, tzinfo=CEST),
            sent_at=datetime(2024, 5, 9, 9, tzinfo=CEST))
    assert not r.by_rule("too-soon")


def test_promised_date_as_a_plain_date_holds_the_whole_day():
    on_the_day = run(STATUS, kind="status-check", decision_expected_by=date(2024, 5, 17),
                     sent_at=datetime(2024, 5, 17, 16))
    assert "on or after Monday 20 May 2024" in one(on_the_day, "too-soon").message
    assert not run(STATUS, kind="status-check", decision_expected_by=date(2024, 5, 17),
                   sent_at=datetime(2024, 5, 18, 9)).by_rule("too-soon")


def test_without_a_promise_wait_five_working_days():
    interviewed = datetime(2024, 5, 7, 10, tzinfo=CEST)  # a Tuesday
    r = run(STATUS, kind="status-check", interviewed_at=interviewed,
            sent_at=datetime(2024, 5, 13, 9, tzinfo=CEST))  # the next Monday: 4 working days
    assert "on or after Tuesday 14 May 2024" in one(r, "too-soon").message
    assert not run(STATUS, kind="status-check", interviewed_at=interviewed,
                   sent_at=datetime(2024, 5, 14, 9, tzinfo=CEST)).by_rule("too-soon")


def test_too_soon_is_only_for_status_checks():
    r = run(THANKS, kind="thank-you", interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST),
            sent_at=datetime(2024, 5, 7, 18, tzinfo=CEST))
    assert not r.by_rule("too-soon")


def test_status_checks_a_week_apart():
    prev = [datetime(2024, 5, 1, 9, tzinfo=CEST), datetime(2024, 5, 20, 9, tzinfo=CEST)]
    r = run(STATUS, kind="status-check", previous_followups=prev,
            sent_at=datetime(2024, 5, 23, 9, tzinfo=CEST))
    f = one(r, "too-frequent")
    assert "Monday 20 May 2024 (3 days ago)" in f.message
    assert "on or after Monday 27 May 2024" in f.message
    assert f.text == ASK
    assert not run(STATUS, kind="status-check", previous_followups=prev,
                   sent_at=datetime(2024, 5, 27, 9, tzinfo=CEST)).by_rule("too-frequent")


def test_keep_in_touch_about_once_a_month():
    prev = [datetime(2024, 6, 3, 9, tzinfo=CEST)]
    r = run(KEEP, kind="keep-in-touch", previous_followups=prev,
            sent_at=datetime(2024, 6, 17, 9, tzinfo=CEST))
    f = one(r, "too-frequent")
    assert "once a month" in f.message and "Monday 1 July 2024" in f.message
    # A gap of 10 days is fine for a status check but not for keeping in touch.
    assert not run(STATUS, kind="status-check", previous_followups=prev,
                   sent_at=datetime(2024, 6, 13, 9, tzinfo=CEST)).by_rule("too-frequent")


def test_later_followups_than_this_note_are_ignored():
    r = run(STATUS, kind="status-check",
            previous_followups=[datetime(2024, 6, 1, tzinfo=CEST)],
            sent_at=datetime(2024, 5, 23, 9, tzinfo=CEST))
    assert not r.by_rule("too-frequent")


def test_timing_rules_obey_select_and_severity():
    ctx = NoteContext(kind="thank-you", interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST),
                      sent_at=datetime(2024, 5, 10, 9, tzinfo=CEST))
    off = lint_note(THANKS, context=ctx, config=Config(grammar=False, ignore=["timing"]))
    assert not off.by_rule("late-thank-you")
    err = lint_note(THANKS, context=ctx,
                    config=Config(grammar=False, severity={"late-thank-you": "error"}))
    assert not err.ok


def test_span_is_the_asking_sentence_not_the_greeting_it_runs_into():
    text = ("Hi Ms. Nguyen,\n\nI have not heard back about the Data Analyst role yet and wanted "
            "to check in.\n\nPriya")
    r = run(text, kind="status-check", interviewed_at=datetime(2024, 5, 7, 10, tzinfo=CEST),
            sent_at=datetime(2024, 5, 9, 9, tzinfo=CEST))
    f = one(r, "too-soon")
    assert f.text.startswith("I have not heard back") and f.line == 3
