"""The guard under real signals, and when it checked less than usual.

Every test runs ``python -m followup_lint guard ... -- python fake_sendmail.py OUT`` as a
process of its own and sends it real SIGINT/SIGTERM/SIGHUP at chosen moments. The fake
sendmail (tests/fake_sendmail.py) stands in for a real one so that a fault can be injected
and delivery observed: it reads slowly and "sends" (renames OUT.part to OUT) only when its
input ends. Each run must end with the message delivered whole exactly once (exit 0, no
copy kept) or held whole (not delivered, exit 128+N): never both, never neither.
"""

from __future__ import annotations

import base64
import os
import random
import resource
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

FAKE_SENDMAIL = Path(__file__).with_name("fake_sendmail.py")
FAKE_LT = Path(__file__).with_name("fake_languagetool.py")

GOOD = (b'From: Priya Raman <priya@example.org>\r\nTo: "Dr. Katherine Smyth" <k@northwind.example>\r\n'
        b"Subject: Thank you\r\nDate: Tue, 05 Nov 2024 09:30:00 +0000\r\n\r\n"
        b"Dear Dr. Smyth,\r\n\r\nThank you for your time yesterday. I enjoyed our talk about the "
        b"data platform.\r\n\r\nBest regards,\r\nPriya\r\n")
BAD = GOOD.replace(b"the data platform", b"the [Role] position")
MISSPELLED = GOOD.replace(b"enjoyed our talk", b"enjoyed our tlak")


def big_message(size: int = 400_000) -> bytes:
    """A clean note with a CV attached: about ``size`` bytes, most of them base64."""
    head, body = GOOD.split(b"\r\n\r\n", 1)
    head = head + b'\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"'
    blob = base64.encodebytes(random.Random(15).randbytes(size * 3 // 4)).replace(b"\n", b"\r\n")
    return (head + b"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
            + b"\r\n--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            b'Content-Disposition: attachment; filename="cv.pdf"\r\n\r\n' + blob + b"\r\n--b1--\r\n")


class Run:
    """One guard process with the fake sendmail behind it."""

    def __init__(self, tmp_path: Path, raw: bytes, options: tuple[str, ...] = ("--no-grammar",),
                 env: dict[str, str] | None = None,
                 program: tuple[str, ...] = (sys.executable, "-m", "followup_lint"),
                 **popen: object) -> None:
        self.tmp, self.raw = tmp_path, raw
        self.out = tmp_path / "sent.eml"
        self.held_folder = tmp_path / "state" / "followup-lint" / "held"
        stdin = tmp_path / "draft.eml"
        stdin.write_bytes(raw)
        environ = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state")) | (env or {})
        if "FOLLOWUP_LINT_SEND_ANYWAY" not in (env or {}):
            environ.pop("FOLLOWUP_LINT_SEND_ANYWAY", None)
        with stdin.open("rb") as f:
            self.proc = subprocess.Popen(
                [*program, "guard", "--isolated", *options, "--",
                 sys.executable, str(FAKE_SENDMAIL), str(self.out)],
                stdin=f, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ,
                cwd=tmp_path, **popen)  # type: ignore[call-overload]

    def held(self) -> list[Path]:
        return sorted(self.held_folder.glob("*.eml")) if self.held_folder.is_dir() else []

    def wait_for(self, ready: Callable[[], bool], timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while not ready():
            assert self.proc.poll() is None, f"the guard ended first: {self.finish()[1]}"
            assert time.monotonic() < end, "timed out waiting for the moment to signal"
            time.sleep(0.002)

    def finish(self, timeout: float = 180) -> tuple[int, str]:
        _, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, err.decode(errors="replace")

    def outcome(self, signum: int | None) -> str:
        """'delivered' or 'held', after checking that it is exactly one of them, whole."""
        code, err = self.finish()
        assert "Traceback" not in err, err
        assert not list(self.held_folder.glob(".incoming-*")), "a temp file was left behind"
        assert not self.out.with_name(self.out.name + ".again").exists(), "delivered twice"
        held = self.held()
        if self.out.exists():
            assert self.out.read_bytes() == self.raw, "delivered, but not the same bytes"
            assert held == [], f"delivered and also held: {err}"
            assert code == 0, err
            return "delivered"
        assert len(held) == 1, f"neither delivered nor held (exit {code}): {err}"
        assert held[0].read_bytes() == self.raw, "held, but not the same bytes"
        assert str(held[0]) in err
        if signum is not None:
            assert code == 128 + signum, err
            assert f"interrupted by {signal.Signals(signum).name}" in err
        return "held"


SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


@pytest.mark.parametrize("repeat", [1, 2])
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_signal_while_checking_holds_the_message_fake_sendmail(tmp_path, signum, repeat):
    run = Run(tmp_path, GOOD)
    run.wait_for(lambda: bool(run.held()))  # the write-ahead copy: the check starts now
    time.sleep(random.uniform(0, 0.3))       # loading spaCy and parsing take longer
    run.proc.send_signal(signum)
    assert run.outcome(signum) == "held"
    assert not Path(str(run.out) + ".part").exists(), "sendmail must not have started"


#: The guard with its check replaced by a fake whose object's finalizer takes seconds (as a
#: connection or a model closing can): a signal raised as an exception while a finalizer
#: runs is printed as "Exception ignored ... Traceback" and swallowed, the flake once seen.
_SLOW_FINALIZER_GUARD = r"""
import pathlib, sys, time
from followup_lint.cli import guard, main

class Closing:
    def __del__(self):
        pathlib.Path(sys.argv[1]).write_text("finalizing")
        time.sleep(30)
        pathlib.Path(sys.argv[1]).write_text("finalized")

def fake_check(args, raw):
    Closing()  # dropped at once: its finalizer runs inside the check
    return {"kind": "result", "text": "", "grammar": None, "errors": 0, "result": {}}

guard._in_process = fake_check
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_signal_while_a_finalizer_runs_in_the_check_prints_no_traceback_fake_check(tmp_path,
                                                                                     signum):
    marker = tmp_path / "finalizing"
    run = Run(tmp_path, GOOD, program=(sys.executable, "-c", _SLOW_FINALIZER_GUARD, str(marker)))
    run.wait_for(marker.exists)
    run.proc.send_signal(signum)
    assert run.outcome(signum) == "held"  # no Traceback on stderr, exit 128+N, copy kept
    assert marker.read_text() == "finalizing", "the guard waited for the check to end"
    assert not Path(str(run.out) + ".part").exists(), "sendmail must not have started"


@pytest.mark.slow
@pytest.mark.parametrize("repeat", [1, 2])
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_signal_while_fake_sendmail_reads_stops_it_before_the_end(tmp_path, signum, repeat):
    raw = big_message()
    run = Run(tmp_path, raw)
    part = Path(str(run.out) + ".part")
    run.wait_for(lambda: part.exists() and part.stat().st_size > 0)
    time.sleep(random.uniform(0, 0.1))
    run.proc.send_signal(signum)
    assert run.outcome(signum) == "held"
    assert part.stat().st_size < len(raw)  # it was mid-message, and never saw its end


@pytest.mark.slow
def test_ctrl_c_to_the_process_group_while_fake_sendmail_reads(tmp_path):
    # A terminal's Ctrl-C reaches the guard and the sendmail it runs.
    run = Run(tmp_path, big_message(), start_new_session=True)
    part = Path(str(run.out) + ".part")
    run.wait_for(lambda: part.exists() and part.stat().st_size > 0)
    os.killpg(run.proc.pid, signal.SIGINT)
    assert run.outcome(signal.SIGINT) == "held"


@pytest.mark.slow
def test_no_signal_delivers_and_removes_the_copy_fake_sendmail(tmp_path):
    run = Run(tmp_path, big_message())
    assert run.outcome(None) == "delivered"


@pytest.mark.slow
def test_signal_at_random_moments_never_loses_or_duplicates_fake_sendmail(tmp_path):
    rng = random.Random()
    seen = set()
    for i in range(3):
        folder = tmp_path / str(i)
        folder.mkdir()
        run = Run(folder, big_message(200_000))
        run.wait_for(lambda r=run: bool(r.held()) or r.out.exists())  # type: ignore[misc]
        time.sleep(rng.uniform(0, 3.0))
        signum = rng.choice(SIGNALS)
        if run.proc.poll() is None:
            run.proc.send_signal(signum)
        seen.add(run.outcome(signum if not run.out.exists() else None))
    assert seen <= {"delivered", "held"}


@pytest.mark.slow
def test_fake_sendmail_failing_keeps_the_copy(tmp_path):
    run = Run(tmp_path, GOOD, env={"FAKE_STATUS": "75"})
    code, err = run.finish()
    assert code == 75 and run.out.read_bytes() == GOOD
    [held] = run.held()
    assert held.read_bytes() == GOOD and str(held) in err and "exited 75" in err


@pytest.mark.slow
def test_held_copy_is_private_whatever_the_umask_fake_sendmail(tmp_path):
    run = Run(tmp_path, BAD, umask=0)
    code, _ = run.finish()
    assert code == 1
    [held] = run.held()
    assert stat.S_IMODE(held.stat().st_mode) == 0o600
    assert stat.S_IMODE(run.held_folder.stat().st_mode) == 0o700


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.slow
def test_disk_full_leaves_no_empty_or_partial_file_fake_sendmail(tmp_path):
    # RLIMIT_FSIZE makes every write past 4 KiB fail (EFBIG), as a full disk would.
    (tmp_path / "tmp").mkdir()
    raw = BAD + b"P.S. " + b"I am attaching my portfolio. " * 400 + b"\r\n"
    run = Run(tmp_path, raw, env={"TMPDIR": str(tmp_path / "tmp")}, preexec_fn=_limit_file_size)
    code, err = run.finish()
    assert code == 2 and "no copy could be kept" in err and "nothing was sent" in err
    assert "Traceback" not in err
    assert not run.out.exists()
    leftovers = [p for p in (tmp_path / "state").rglob("*") if p.is_file()]
    leftovers += [p for p in (tmp_path / "tmp").rglob("*") if p.is_file()]
    assert leftovers == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def slow_fake_languagetool():
    """A fake LanguageTool server that takes two minutes to answer a check."""
    port = _free_port()
    env = dict(os.environ, FAKE_LT_MODE="slow", FAKE_LT_DELAY="120")
    server = subprocess.Popen([sys.executable, str(FAKE_LT), "--port", str(port)], env=env)
    url = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < end and server.poll() is None
            time.sleep(0.05)
    yield url
    server.kill()
    server.wait()


def test_signal_during_a_slow_fake_languagetool_request(tmp_path, slow_fake_languagetool):
    run = Run(tmp_path, GOOD, options=("--languagetool-url", slow_fake_languagetool))
    run.wait_for(lambda: bool(run.held()))
    time.sleep(1.5)  # the request is sent before the parse and waits two minutes
    run.proc.send_signal(signal.SIGTERM)
    # It stops now rather than waiting for the request's time-out.
    assert run.outcome(signal.SIGTERM) == "held"


@pytest.mark.slow
@pytest.mark.languagetool
def test_signal_with_grammar_on_real_languagetool_fake_sendmail(tmp_path, languagetool_server):
    # A generous time-out: on a loaded machine the first check can take over 20 s.
    (tmp_path / "patient.toml").write_text("languagetool-timeout = 120\n")
    options = ("--languagetool-url", languagetool_server, "--config", str(tmp_path / "patient.toml"))
    run = Run(tmp_path, GOOD, options=options)
    run.wait_for(lambda: bool(run.held()))
    time.sleep(random.uniform(0, 1.0))
    run.proc.send_signal(signal.SIGHUP)
    assert run.outcome(signal.SIGHUP if not run.out.exists() else None) in ("held", "delivered")
    (tmp_path / "again").mkdir()
    again = Run(tmp_path / "again", GOOD, options=options)
    code, err = again.finish()
    assert code == 0 and again.out.read_bytes() == GOOD and "not checked" not in err


def _closed_port_url() -> str:
    return f"http://127.0.0.1:{_free_port()}"


@pytest.mark.slow
def test_skipped_grammar_is_said_and_the_message_sent_fake_sendmail(tmp_path):
    run = Run(tmp_path, MISSPELLED, options=("--languagetool-url", _closed_port_url()))
    code, err = run.finish()
    assert code == 0 and run.out.read_bytes() == MISSPELLED
    [line] = [x for x in err.splitlines() if "not checked" in x]
    assert line.startswith("followup-lint guard: grammar and spelling were not checked: ")
    assert "could not reach LanguageTool" in line  # its own capitals kept


@pytest.mark.slow
def test_no_grammar_by_choice_is_not_reported_as_skipped_fake_sendmail(tmp_path):
    run = Run(tmp_path, GOOD)
    code, err = run.finish()
    assert code == 0 and "not checked" not in err


@pytest.mark.slow
@pytest.mark.parametrize("how", ["option", "config"])
def test_require_grammar_holds_when_grammar_was_skipped_fake_sendmail(tmp_path, how):
    options: tuple[str, ...] = ("--languagetool-url", _closed_port_url())
    if how == "option":
        options += ("--require-grammar",)
    else:
        (tmp_path / "strict.toml").write_text("require-grammar = true\n")
        options += ("--config", str(tmp_path / "strict.toml"))
    run = Run(tmp_path, MISSPELLED, options=options)
    code, err = run.finish()
    assert code == 2 and not run.out.exists()
    assert "grammar and spelling were not checked: could not reach LanguageTool" in err
    assert "required (require-grammar)" in err
    [held] = run.held()
    assert held.read_bytes() == MISSPELLED and str(held) in err
