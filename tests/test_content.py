"""missing-role: the advice proposes the known role, never an invented one."""

from __future__ import annotations

from followup_lint import Config, NoteContext, lint_note

_STATUS = ("Dear Ms. Lee,\n\nI wanted to follow up on my application and ask whether there is "
           "any update on the hiring timeline.\n\nBest regards,\nSam")


def test_missing_role_proposes_only_the_known_role():
    (f,) = lint_note(_STATUS, roster=["Ms. Ana Lee"],
                     context=NoteContext(kind="status-check"),
                     config=Config(grammar=False)).by_rule("missing-role")
    assert "Data Analyst" not in f.message and "[role]" in f.message
    (f,) = lint_note(_STATUS, roster=["Ms. Ana Lee"],
                     context=NoteContext(kind="status-check", role="Payroll Clerk"),
                     config=Config(grammar=False)).by_rule("missing-role")
    assert "the Payroll Clerk role" in f.message
