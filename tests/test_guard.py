"""The pre-send guard, end to end with a fake sendmail that records what it received."""

from __future__ import annotations

import os
import signal
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


def fallback_files(tmp_path: Path) -> list[Path]:
    """Messages kept in the temp folder when the state folder cannot be written."""
    return sorted((tmp_path / "tmp").glob("followup-lint-held-*/*.eml"))


UNWRITABLE = {"XDG_STATE_HOME": "/dev/null/x"}


def _tmp_env(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return {"TMPDIR": str(tmp_path / "tmp"), **extra}


def test_unwritable_state_folder_keeps_a_blocked_message_in_the_temp_folder(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    proc = guard(tmp_path, BAD, str(script), env=_tmp_env(tmp_path, UNWRITABLE))
    assert proc.returncode == 1 and not out.exists()
    assert b"Traceback" not in proc.stderr
    [held] = fallback_files(tmp_path)
    assert held.read_bytes() == BAD and str(held).encode() in proc.stderr
    assert stat.S_IMODE(held.parent.stat().st_mode) == 0o700


def test_missing_sendmail_and_unwritable_state_folder_still_keeps_the_message(tmp_path):
    proc = guard(tmp_path, GOOD, str(tmp_path / "no-such-sendmail"), env=_tmp_env(tmp_path, UNWRITABLE))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    [held] = fallback_files(tmp_path)
    assert held.read_bytes() == GOOD and str(held).encode() in proc.stderr


@pytest.mark.parametrize("raw", [b"", b"\n \n\t\n",
                                 b"From: p@example.org\nTo: k@example.org\nSubject: Hi\n\n\n"])
def test_empty_message_is_held_not_sent_to_fake(tmp_path, fake_sendmail, raw):
    script, out = fake_sendmail
    proc = guard(tmp_path, raw, str(script))
    assert proc.returncode == 2 and not out.exists()
    [held] = held_files(tmp_path)
    assert held.read_bytes() == raw
    assert b"empty" in proc.stderr and b"Traceback" not in proc.stderr


def test_raw_utf8_recipient_name_is_checked_and_sent_to_fake(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    raw = GOOD.replace(b'"Dr. Katherine Smyth"', "José Álvarez".encode()).replace(
        b"Dear Dr. Smyth", "Dear José".encode())
    proc = guard(tmp_path, raw, str(script))
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_bytes() == raw


def test_text_with_a_bom_is_read_like_check_reads_it(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    proc = guard(tmp_path, b"\xef\xbb\xbfDear {{ name }},\n\nThank you for your time.\n", str(script))
    assert proc.returncode == 1 and b"<message>:1:6:" in proc.stderr


def test_oversized_message_is_held_not_checked(tmp_path, fake_sendmail):
    script, out = fake_sendmail
    raw = b"Thank you for your time. " * (11 * 1024 * 1024 // 25)
    proc = guard(tmp_path, raw, str(script))
    assert proc.returncode == 2 and not out.exists() and b"larger than" in proc.stderr
    [held] = held_files(tmp_path)
    assert held.stat().st_size == len(raw)


def _guard_in_process(monkeypatch, tmp_path, raw: bytes, *argv: str) -> int:
    import io

    from followup_lint.cli import main

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("FOLLOWUP_LINT_SEND_ANYWAY", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    try:
        return main(["guard", "--no-grammar", "--", *argv])
    finally:  # the guard keeps its handlers and blocks the signals until the process exits
        for s, handler in saved.items():
            signal.signal(s, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def test_fake_crash_in_the_linter_holds_the_message_exit_2(tmp_path, monkeypatch, capsys, fake_sendmail):
    import followup_lint.api as api

    def fake_lint_note(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(api, "lint_note", fake_lint_note)
    script, out = fake_sendmail
    code = _guard_in_process(monkeypatch, tmp_path, GOOD, str(script))
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    [held] = held_files(tmp_path)
    assert held.read_bytes() == GOOD and str(held) in err
    assert "internal error: RuntimeError: boom; please report it" in err and "Traceback" not in err
