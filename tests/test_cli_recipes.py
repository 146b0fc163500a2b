"""The recipes in examples/recipes work as written (with a fake sendmail in place of msmtp)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test runs the command in two or more fresh processes (> 5 s)

RECIPES = Path(__file__).resolve().parent.parent / "examples" / "recipes"
GOOD = (b'From: Priya Raman <priya@example.org>\nTo: "Dr. Katherine Smyth" <k@northwind.example>\n'
        b"Subject: Thank you\n\nDear Dr. Smyth,\n\nThank you for your time yesterday.\n")
BAD = GOOD.replace(b"your time yesterday", b"your time talking about [Role]")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), **extra)
    env.pop("FOLLOWUP_LINT_SEND_ANYWAY", None)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def test_sendmail_wrapper_with_fake_msmtp(tmp_path):
    got = tmp_path / "got.eml"
    fake = tmp_path / "fake-msmtp"
    fake.write_text(f"#!/bin/sh\ncat > '{got}'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = _env(tmp_path, FOLLOWUP_SENDMAIL=str(fake), FOLLOWUP_LINT_OPTIONS="--no-grammar")
    wrapper = RECIPES / "followup-sendmail"
    ok = subprocess.run([str(wrapper), "k@northwind.example"], input=GOOD, env=env, capture_output=True)
    assert ok.returncode == 0, ok.stderr
    assert got.read_bytes() == GOOD
    got.unlink()
    bad = subprocess.run([str(wrapper), "k@northwind.example"], input=BAD, env=env, capture_output=True)
    assert bad.returncode == 1 and not got.exists()


def test_sendemail_validate_hook(tmp_path):
    msg = tmp_path / "0001-thanks.patch"
    msg.write_bytes(GOOD)
    hook = RECIPES / "sendemail-validate"
    assert subprocess.run([str(hook), str(msg)], env=_env(tmp_path), capture_output=True).returncode == 0
    msg.write_bytes(BAD)
    proc = subprocess.run([str(hook), str(msg)], env=_env(tmp_path), capture_output=True)
    assert proc.returncode == 1 and b"[placeholder-unfilled]" in proc.stdout


def test_smtplib_script_dry_run(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Dear Dr. Smyth,\n\nThank you for your time talking about [Role].\n")
    args = [sys.executable, str(RECIPES / "send_followup.py"), str(draft), "--to",
            "Dr. Katherine Smyth <k@northwind.example>", "--dry-run"]
    proc = subprocess.run(args, env=_env(tmp_path), capture_output=True, text=True)
    assert proc.returncode == 1 and "placeholder-unfilled" in proc.stderr
    held = list((tmp_path / "state" / "followup-lint" / "held").glob("*.eml"))
    assert len(held) == 1
    draft.write_text("Dear Dr. Smyth,\n\nThank you for your time yesterday.\n")
    proc = subprocess.run(args, env=_env(tmp_path), capture_output=True, text=True)
    assert proc.returncode == 0 and "would be sent" in proc.stderr
