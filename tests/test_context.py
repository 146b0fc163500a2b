"""load_context_file: the interview facts a roster file holds beside its panel."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from followup_lint import Config, ConfigError, NoteContext, RosterError, lint_note
from followup_lint.context import load_context_file
from followup_lint.roster import load_roster

ROSTER = """\
company = "Northwind"
role = "Data Analyst"
kind = "thank-you"
writer = "Priya Raman"
interviewed_at = 2024-05-07T10:00:00+02:00
decision_expected_by = 2024-05-17
sent_at = "2024-05-09T18:00:00+02:00"
previous_followups = [2024-04-01T09:00:00, "2024-04-20"]

[[panel]]
name = "Katherine Smyth"
title = "Dr."
"""


def write(tmp_path, text, name="interview.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_every_field_beside_the_panel(tmp_path):
    path = write(tmp_path, ROSTER)
    ctx = load_context_file(path)
    cest = timezone(timedelta(hours=2))
    assert ctx.company == "Northwind" and ctx.role == "Data Analyst"
    assert ctx.kind == "thank-you" and ctx.writer == "Priya Raman"
    assert ctx.interviewed_at == datetime(2024, 5, 7, 10, tzinfo=cest)
    assert ctx.decision_expected_by == date(2024, 5, 17)
    assert ctx.sent_at == datetime(2024, 5, 9, 18, tzinfo=cest)
    assert ctx.previous_followups == [datetime(2024, 4, 1, 9), date(2024, 4, 20)]
    # The same file is still a roster.
    assert [p.display for p in load_roster(path)] == ["Dr. Katherine Smyth"]


def test_assumptions_name_the_naive_values(tmp_path):
    ctx = load_context_file(write(tmp_path, ROSTER))
    notes = ctx.assumptions()
    assert any(n.startswith("decision_expected_by 2024-05-17 is a date") for n in notes)
    assert any("previous_followups" in n and "local time" in n for n in notes)
    assert not any(n.startswith("interviewed_at") for n in notes)  # it has an offset


def test_the_file_drives_the_timing_rules(tmp_path):
    path = write(tmp_path, ROSTER)
    result = lint_note("Dear Dr. Smyth,\n\nThank you for your time on Tuesday.\n\nPriya",
                       roster=load_roster(path), context=load_context_file(path),
                       config=Config(grammar=False))
    assert result.kind == "thank-you"
    assert result.by_rule("late-thank-you")


def test_json_works_too_and_other_roster_files_hold_no_context(tmp_path):
    js = write(tmp_path, '{"panel": ["Jon Baker"], "company": "Acme", '
                         '"interviewed_at": "2024-05-07T10:00:00Z"}', "r.json")
    ctx = load_context_file(js)
    assert ctx.company == "Acme"
    assert ctx.interviewed_at == datetime(2024, 5, 7, 10, tzinfo=timezone.utc)
    assert load_context_file(write(tmp_path, "name\nJon Baker\n", "r.csv")) == NoteContext()
    assert load_context_file(write(tmp_path, '["Jon Baker"]', "list.json")) == NoteContext()


@pytest.mark.parametrize("line,words", [
    ('interviewed_at = "last Tuesday"', ["interviewed_at", "ISO 8601"]),
    ("interviewed_at = 10:00:00", ["interviewed_at"]),
    ('previous_followups = "2024-05-01"', ["previous_followups", "list"]),
    ('kind = "thanks"', ["unknown kind", "thank-you"]),
    ('company = ""', ["company"]),
    ('interviewed-at = 2024-05-07', ["unknown key", "interviewed-at"]),
])
def test_bad_values_are_config_errors_naming_the_file(tmp_path, line, words):
    path = write(tmp_path, line + '\npanel = ["Jon Baker"]\n')
    with pytest.raises(ConfigError) as info:
        load_context_file(path)
    message = str(info.value)
    assert message.startswith(str(path))
    for w in words:
        assert w in message


def test_unreadable_files_are_roster_errors_naming_the_file(tmp_path):
    broken = write(tmp_path, "company = \n")
    with pytest.raises(RosterError, match=r"interview\.toml.*line 1"):
        load_context_file(broken)
    with pytest.raises(RosterError, match="missing.toml: cannot read"):
        load_context_file(tmp_path / "missing.toml")
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(RosterError, match="not UTF-8"):
        load_context_file(binary)
