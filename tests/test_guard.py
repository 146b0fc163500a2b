"""The pre-send guard, end to end with a fake sendmail that records what it received."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from followup_lint import Config, FollowupLintError
from followup_lint.guard import MessageBlocked, check_message, held_dir

GOOD = (b'From: Priya Raman <priya@example.org>\r\nTo: "Dr. Katherine Smyth" <k@northwind.example>\r\n'
        b"Subject: Thank you\r\nDate: Tue, 05 Nov 2024 09:30:00 +0000\r\n\r\n"
        b"Dear Dr. Smyth,\r\n\r\nThank you for your time yesterday. I enjoyed our talk about the "
        b"data platform.\r\n\r\nBest regards,\r\nPriya\r\n-- \r\nPriya Raman | {{ phone }}\r\n")
BAD = GOOD.replace(b"the data platform", b"the [Role] position")


@pytest.fixture
def fake_sendmail(tmp_path: Path) -> tuple[Path, Path]:
    """A fake sendmail: saves stdin and its arguments, exits with $FAKE_STATUS."""
    out = tmp_path / "received.eml"
    script = tmp_path / "fake-sendmail"
    script.write_text(f"#!/bin/sh\ncat > '{out}'\nprintf '%s\\n' \"$@\" > '{out}.args'\n"
                      f"exit ${{FAKE_STATUS:-0}}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, out


def guard(tmp_path: Path, raw: bytes, *command: str, env: dict[str, str] | None = None,
          options: tuple[str, ...] = ("--no-grammar",)) -> subprocess.CompletedProcess[bytes]:
    environ = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state")) | (env or {})
    environ.pop("FOLLOWUP_LINT_SEND_ANYWAY", None) if "FOLLOWUP_LINT_SEND_ANYWAY" not in (env or {}) else None
    return subprocess.run([sys.executable, "-m", "followup_lint", "guard", *options, "--", *command],
                          input=raw, capture_output=True, env=environ, cwd=tmp_path, timeout=120)


def held_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "state" / "followup-lint" / "held"
    return sorted(folder.glob("*.eml")) if folder.is_dir() else []


def test_fake_sendmail_gets_the_very_same_bytes_and_arguments(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    proc = guard(tmp_path, GOOD, str(script), "-oi", "--", "k@northwind.example")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == GOOD
    assert (out.parent / "received.eml.args").read_text().split() == ["-oi", "--", "k@northwind.example"]
    assert held_files(tmp_path) == []


def test_fake_sendmail_exit_status_is_passed_on(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    proc = guard(tmp_path, GOOD, str(script), env={"FAKE_STATUS": "75"})
    assert proc.returncode == 75 and out.read_bytes() == GOOD


def test_errors_block_the_fake_sendmail_and_hold_the_message(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    proc = guard(tmp_path, BAD, str(script), "-t")
    assert proc.returncode == 1
    assert not out.exists()
    err = proc.stderr.decode()
    assert "<message>:8:" in err and "[placeholder-unfilled]" in err
    [held] = held_files(tmp_path)
    assert held.read_bytes() == BAD
    assert str(held) in err and "FOLLOWUP_LINT_SEND_ANYWAY=1" in err
    assert stat.S_IMODE(held.stat().st_mode) == 0o600


def test_send_anyway_sends_to_the_fake_sendmail_and_says_so(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    proc = guard(tmp_path, BAD, str(script), env={"FOLLOWUP_LINT_SEND_ANYWAY": "1"})
    assert proc.returncode == 0
    assert out.read_bytes() == BAD
    assert b"sending despite 1 error" in proc.stderr
    assert held_files(tmp_path) == []


def test_unreadable_message_is_held_not_sent_to_fake(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    junk = b"From: a@b\nContent-Type: text/plain; charset=x-nope\n\nHi\n"
    proc = guard(tmp_path, junk, str(script))
    assert proc.returncode == 2 and not out.exists()
    [held] = held_files(tmp_path)
    assert held.read_bytes() == junk
    assert b"unknown charset" in proc.stderr and b"Traceback" not in proc.stderr


def test_missing_sendmail_keeps_the_message(tmp_path):
    proc = guard(tmp_path, GOOD, str(tmp_path / "no-such-sendmail"))
    assert proc.returncode == 2
    [held] = held_files(tmp_path)
    assert held.read_bytes() == GOOD


def test_guard_without_command_is_usage_error(tmp_path):
    proc = guard(tmp_path, GOOD)
    assert proc.returncode == 2 and b"after '--'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_signature_placeholder_is_not_linted():
    # The {{ phone }} after "-- " is signature, not the writer's text: GOOD passes.
    result = check_message(GOOD, config=Config(grammar=False))
    assert result.ok


def test_check_message_raises_message_blocked_with_findings(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.delenv("FOLLOWUP_LINT_SEND_ANYWAY", raising=False)
    msg = EmailMessage()
    msg["From"] = "Priya Raman <priya@example.org>"
    msg["To"] = "Dr. Katherine Smyth <k@northwind.example>"
    msg["Subject"] = "Thank you"
    msg.set_content("Dear Dr. Smyth,\n\nThank you for the talk about the [Role] position.\n")
    with pytest.raises(MessageBlocked) as info:
        check_message(msg, config=Config(grammar=False), keep=True)
    e = info.value
    assert isinstance(e, FollowupLintError)
    assert [f.rule for f in e.findings] == ["placeholder-unfilled"]
    assert e.held is not None and e.held.parent == held_dir() and e.held.read_bytes() == msg.as_bytes()
    assert "[placeholder-unfilled]" in str(e)
    monkeypatch.setenv("FOLLOWUP_LINT_SEND_ANYWAY", "1")
    assert not check_message(msg, config=Config(grammar=False)).ok


def test_held_dir_defaults_to_local_state(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert held_dir() == tmp_path / ".local" / "state" / "followup-lint" / "held"
