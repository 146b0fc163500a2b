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


def _role_findings(text: str | bytes, role: str | None = None) -> list[str]:
    result = lint_note(text, roster=["Ms. Ana Lee"],
                       context=NoteContext(kind="status-check", role=role),
                       config=Config(grammar=False))
    return [f.rule for f in result.by_rule("missing-role")]


def test_a_status_check_whose_subject_names_the_role_is_not_missing_it():
    mail = ("Subject: DevOps Engineer interview - update?\n\n" + _STATUS).encode()
    assert _role_findings(mail, role="DevOps Engineer") == []
    named = ("Subject: My application for the DevOps Engineer position\n\n" + _STATUS).encode()
    assert _role_findings(named) == []
    vague = ("Subject: Following up\n\n" + _STATUS).encode()
    assert _role_findings(vague) == ["missing-role"]


def test_a_reply_in_a_thread_does_not_have_to_name_the_role_again():
    quoted = ("Subject: Following up\n\n" + _STATUS + "\n\nOn Mon, 18 May 2026 at 09:37, "
              "Ana Lee <ana@example.com> wrote:\n> Dear Sam,\n> We will decide by early June.\n> Ana\n")
    assert _role_findings(quoted.encode()) == []
    assert _role_findings(b"Subject: Re: your application\n\n" + _STATUS.encode()) == []
    answer = _STATUS.replace("I wanted to follow up", "Thank you for your earlier email. "
                                                     "I wanted to follow up")
    assert _role_findings(answer) == []
