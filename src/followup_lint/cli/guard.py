"""``followup-lint guard [options] -- COMMAND ARGS...``: the pre-send hook.

Write-ahead, as mail transfer agents do: the message is read whole from stdin and saved in
the held folder (atomically, mode 600) before anything else. No errors: COMMAND gets the
very same bytes, and the copy is removed only once COMMAND exits 0; its exit status is ours.
Errors: they go to stderr, COMMAND is not run, the copy stays (its path is printed) and the
exit status is 1. Whatever goes wrong in between (an unreadable or empty message, a missing
COMMAND, a bug of ours), the copy stays and the exit status is 2.

Signals: SIGINT, SIGTERM and SIGHUP at any moment leave the copy in place, say where it is
and exit 128+N. They are only recorded (never raised as exceptions): the check runs in a
worker thread while the main thread waits for it or for a signal. While COMMAND reads the
message it is written from this thread in chunks, with the signal checked between them; on
a signal COMMAND is killed (SIGKILL) *before* its input is closed, so it never sees the end
of a partial message. Once COMMAND has the whole message, a signal gives it GRACE_SECONDS
to finish (a second signal cuts that short): exit 0 means it was sent, and the guard then
exits 0 too, so that the mail program's verdict matches what happened.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from ..errors import FollowupLintError, GrammarUnavailable
from ..guard import SEND_ANYWAY_ENV, hold, release, send_anyway
from .common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    PROG,
    Parser,
    Subparsers,
    UsageError,
    internal_error,
)

# The linting modules (api, options, inputs, output) load inside the functions that need
# them: through the daemon, the guard's own process never imports spaCy or the rules.

#: The signals that stop the guard with the message kept (exit 128+N).
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: After COMMAND has the whole message, how long a signal waits for its verdict.
GRACE_SECONDS = 10.0
_CHUNK = 64 * 1024


def register(sub: Subparsers) -> None:
    """Add ``guard`` to the command line."""
    guard = sub.add_parser(
        "guard", help="pre-send hook: check stdin, then pipe it to COMMAND",
        usage=f"{PROG} guard [options] -- COMMAND [ARGS...]",
        description="Read a message on stdin and check it. With no errors, run COMMAND (your "
                    "sendmail) with the very same bytes and exit with its status. With errors, "
                    "print them, keep the message in the held folder, send nothing and exit 1. "
                    "FOLLOWUP_LINT_SEND_ANYWAY=1 sends anyway. SIGINT, SIGTERM and SIGHUP keep "
                    "the message in the held folder and exit 128+N.")
    from .options import add_common

    add_common(guard, paths=False)
    guard.set_defaults(func=run_guard)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class Signals:
    """INT, TERM and HUP recorded as a flag, never raised: an exception raised at an
    arbitrary bytecode can land in a finalizer or a library's cleanup, which prints
    "Exception ignored ... Traceback" and swallows it. Each signal also wakes
    :attr:`wake_fd` (``signal.set_wakeup_fd``), so a ``poll`` on it returns at once."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self.wake_fd, self._wake_w = os.pipe()
        os.set_blocking(self.wake_fd, False)
        os.set_blocking(self._wake_w, False)
        self._old: dict[int, object] = {}
        self._old_wakeup = -1

    def install(self) -> None:
        self._old_wakeup = signal.set_wakeup_fd(self._wake_w)
        for s in SIGNALS:
            self._old[s] = signal.signal(s, self._handle)

    def close(self, *, handlers: bool = False) -> None:
        """Stop waking the pipe and close it. The handlers stay (only recording) unless
        ``handlers``: a signal after the verdict, while the process exits, must not kill it
        with a status that contradicts what happened to the message."""
        if handlers:
            for s, old in self._old.items():
                signal.signal(s, old)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._old_wakeup)
        for fd in (self.wake_fd, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.received.append(signum)

    def first(self) -> int | None:
        """The first signal received, or None."""
        return self.received[0] if self.received else None

    def drain(self) -> None:
        with contextlib.suppress(OSError):
            while os.read(self.wake_fd, 512):
                pass


class _Copy:
    """The write-ahead copy of the message: its path, or why none could be kept."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.path: Path | None = None
        self.error: str | None = None
        try:
            self.path = hold(raw)
        except Exception as e:  # noqa: BLE001 - no copy: the mail program still has the draft
            self.error = str(e)

    def where(self) -> str:
        if self.path is None:  # the disk may have room again by now
            try:
                self.path = hold(self.raw)
            except Exception as e:  # noqa: BLE001
                self.error = str(e)
        if self.path is not None:
            return f"the message is kept in {self.path}"
        return f"no copy could be kept ({self.error}); your mail program still has the draft"

    def release(self) -> None:
        if self.path is not None:
            why = release(self.path)
            if why:
                _say(f"{PROG} guard: the message was sent, but its copy {self.path} could not "
                     f"be removed: {why}")
            self.path = None


def _keep(copy: _Copy, why: str, code: int) -> int:
    """The message is not sent: say why and where its copy is; returns ``code``
    (EXIT_USAGE when no copy could be kept: the mail program then keeps the draft)."""
    where = copy.where()
    _say(f"{PROG} guard: {why}; nothing was sent; {where}")
    return code if copy.path is not None else EXIT_USAGE


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:  # pragma: no cover
        return f"signal {signum}"


def _interrupted(copy: _Copy, signum: int, note: str = "nothing was sent") -> int:
    _say(f"{PROG} guard: interrupted by {_signal_name(signum)}; {note}; {copy.where()}")
    return 128 + signum


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill COMMAND, and only then close its input: a dead process reads no end of file."""
    with contextlib.suppress(OSError):
        proc.kill()
    proc.wait()
    if proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()


def _feed(proc: subprocess.Popen[bytes], raw: bytes, signals: Signals) -> bool:
    """Write ``raw`` into COMMAND's input, checking for a signal between chunks. True when
    all of it was written; False on a signal (COMMAND is then killed, its input still open)
    or when COMMAND stopped reading."""
    assert proc.stdin is not None
    fd = proc.stdin.fileno()
    os.set_blocking(fd, False)
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    poller.register(signals.wake_fd, select.POLLIN)
    view, done = memoryview(raw), 0
    while done < len(raw):
        if signals.first() is not None:
            _stop(proc)
            return False
        poller.poll(1000)
        signals.drain()
        if signals.first() is not None:
            continue
        try:
            done += os.write(fd, view[done:done + _CHUNK])
        except BlockingIOError:
            continue
        except BrokenPipeError:
            return False
    if signals.first() is not None:  # the last check before the end of file
        _stop(proc)
        return False
    return True


def _send(command: list[str], copy: _Copy, signals: Signals) -> int:
    """Pipe the message into COMMAND; the copy goes only when COMMAND exits 0."""
    raw = copy.raw
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError as e:
        return _keep(copy, f"cannot run {command[0]!r}: {e.strerror or e}", EXIT_USAGE)
    except Exception as e:  # noqa: BLE001 - e.g. a NUL byte in an argument: keep the message
        return _keep(copy, f"cannot run {command[0]!r}: {type(e).__name__}: {e}", EXIT_USAGE)
    whole = _feed(proc, raw, signals)
    first = signals.first()
    if first is not None and proc.returncode is not None:
        return _interrupted(copy, first,
                            f"{command[0]} was stopped before the end of the message")
    assert proc.stdin is not None
    with contextlib.suppress(OSError):
        proc.stdin.close()  # the end of the message: COMMAND now has all of it (or gave up)
    code = _wait(proc, signals)
    first = signals.first()
    if code is None:
        assert first is not None
        return _interrupted(copy, first,
                            f"{command[0]} had the whole message and was stopped; it may or "
                            f"may not have sent it")
    if code == 0 and whole:
        copy.release()
        if first is not None:
            _say(f"{PROG} guard: {_signal_name(first)} arrived after {command[0]} had "
                 f"the whole message; it sent it")
        return 0
    if code == 0:
        return _keep(copy, f"{command[0]} exited 0 without reading the whole message",
                     EXIT_USAGE)
    shown = 128 - code if code < 0 else code  # killed by a signal: shell convention
    if first is not None:
        return _interrupted(copy, first, f"{command[0]} exited {shown}")
    _keep(copy, f"{command[0]} exited {shown}", shown)
    return shown


def _wait(proc: subprocess.Popen[bytes], signals: Signals) -> int | None:
    """COMMAND's exit status; None when a signal's grace ran out (COMMAND is killed)."""
    deadline: float | None = None
    while True:
        if signals.first() is not None:
            if deadline is None:
                deadline = time.monotonic() + GRACE_SECONDS
            if len(signals.received) > 1 or time.monotonic() >= deadline:
                _stop(proc)
                return None
        try:
            return proc.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue


def _not_checked(reason: str) -> None:
    """The one line saying grammar was skipped; the reason as a clause, like the rest."""
    reason = reason.split(" but could not run: ", 1)[-1].strip().rstrip(".")
    first = reason.split(" ", 1)[0]
    if first[1:].islower() and first != "Java":  # "Could not ..." but not "LanguageTool ..."
        reason = reason[:1].lower() + reason[1:]
    _say(f"{PROG} guard: grammar and spelling were not checked: {reason}")


def verdict(args: argparse.Namespace, raw: bytes) -> dict[str, Any]:
    """Check one message: what the guard needs to decide, as plain data (the daemon sends
    it back as is). ``kind`` is "result" (``text``: the findings as printed, ``grammar``:
    why grammar was skipped or None, ``errors``: how many), "grammar-unavailable" or
    "cannot-check" (``why``)."""
    from .. import api
    from ..daemon.state import honour
    from .inputs import Source, load
    from .options import settings_from_args
    from .output import Report, format_text

    try:
        settings = settings_from_args(args)
        honour(settings.config.daemon)
        item = load(Source(display="<message>", raw=raw), settings.config, settings.template_data)
        result = api.lint_note(item.note, roster=settings.roster, context=settings.context,
                               config=item.config)
    except GrammarUnavailable as e:  # only raised with require-grammar
        return {"kind": "grammar-unavailable", "why": str(e)}
    except (FollowupLintError, UsageError) as e:
        return {"kind": "cannot-check", "why": str(e)}
    text = format_text([Report(path="<message>", result=result, position=item.note.line_col)]) \
        if result.findings else ""
    return {"kind": "result", "text": text, "grammar": result.skipped.get("grammar"),
            "errors": sum(1 for f in result.findings if f.severity == "error"),
            "result": result.to_dict()}


def _in_process(args: argparse.Namespace, raw: bytes) -> dict[str, Any]:
    """The verdict from the daemon when the guard came through it, else from this process."""
    options: list[str] | None = getattr(args, "daemon_options", None)
    if options is not None:
        from ..daemon import client

        got = client.guard(options, raw)
        if got is not None:
            return got
        from .options import add_common  # the daemon failed: lint here, with the same options

        parser = Parser(prog=f"{PROG} guard")
        add_common(parser, paths=False)
        parsed = parser.parse_args(options)
        parsed.sendmail = args.sendmail
        args = parsed
    return verdict(args, raw)


class _Interrupted(Exception):
    """A stop signal arrived while the worker was checking (raised by the main thread
    after the handler recorded it, never from the handler itself)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _checked(args: argparse.Namespace, copy: _Copy, signals: Signals) -> dict[str, Any] | int:
    """The verdict, found in a worker thread while this (main) thread waits for it or for a
    signal (then _Interrupted; the worker is left running and the process exits without
    waiting for it, see run_guard); an exit code when the check itself failed."""
    box: dict[str, Any] = {}
    done_r, done_w = os.pipe()

    def work() -> None:
        try:
            box["found"] = _in_process(args, copy.raw)
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            box["error"] = e
        finally:
            os.write(done_w, b".")

    worker = threading.Thread(target=work, name="guard-check", daemon=True)
    poller = select.poll()
    poller.register(done_r, select.POLLIN)
    poller.register(signals.wake_fd, select.POLLIN)
    worker.start()
    while not box:  # set just before the worker's last act, its write to done_w
        first = signals.first()
        if first is not None:
            raise _Interrupted(first)  # done_r/done_w stay open: the worker still writes
        poller.poll(1000)
        signals.drain()
    worker.join()
    for fd in (done_r, done_w):
        os.close(fd)
    if "error" in box:
        error: BaseException = box["error"]
        _say(internal_error(error) if isinstance(error, Exception)
             else f"{PROG} guard: the check stopped: {type(error).__name__}")
        return _keep(copy, "the message could not be checked", EXIT_USAGE)
    found: dict[str, Any] = box["found"]
    return found


def _check(args: argparse.Namespace, copy: _Copy, signals: Signals) -> int | None:
    """Check the message: None to send it, else the exit code (the message is held)."""

    found = _checked(args, copy, signals)
    if isinstance(found, int):
        return found
    if found["kind"] == "grammar-unavailable":
        _not_checked(found["why"])
        if send_anyway():
            _say(f"{PROG} guard: {SEND_ANYWAY_ENV}=1: sending it unchecked")
            return None
        return _keep(copy, "the grammar check is required (require-grammar)", EXIT_USAGE)
    if found["kind"] == "cannot-check":
        if send_anyway():
            _say(f"{PROG} guard: cannot check the message ({found['why']}); "
                 f"{SEND_ANYWAY_ENV}=1: sending it unchecked")
            return None
        return _keep(copy, f"cannot check the message: {found['why']}", EXIT_USAGE)

    if found["text"]:
        sys.stderr.write(found["text"])
    if found["grammar"] is not None:
        _not_checked(found["grammar"])
    errors = int(found["errors"])
    if not errors:
        return None
    if send_anyway():
        _say(f"{PROG} guard: {SEND_ANYWAY_ENV}=1: sending despite "
             f"{errors} error{'s' if errors != 1 else ''}")
        return None
    code = _keep(copy, f"{errors} error{'s' if errors != 1 else ''}", EXIT_FINDINGS)
    _say(f"{PROG} guard: fix the draft and send again, or send it as is with {SEND_ANYWAY_ENV}=1")
    return code


def _guard(args: argparse.Namespace, command: list[str], signals: Signals) -> int:
    # Until the copy is saved a signal is only recorded: the read and the write finish.
    raw = sys.stdin.buffer.read()
    copy = _Copy(raw)
    first = signals.first()
    if first is not None:
        return _interrupted(copy, first)
    try:
        verdict = _check(args, copy, signals)
    except _Interrupted as e:
        return _interrupted(copy, e.signum)
    except Exception as e:  # noqa: BLE001 - whatever broke, keep the message
        _say(internal_error(e))
        verdict = _keep(copy, "the message could not be checked", EXIT_USAGE)
    first = signals.first()
    if first is not None:
        return _interrupted(copy, first)
    if verdict is not None:
        return verdict
    return _send(command, copy, signals)


def run_guard_thin(options: list[str], command: list[str]) -> int:
    """The guard through the daemon (``options`` are checked by it already): the same
    write-ahead copy, signals and sending as :func:`run_guard`; only the findings come
    from the daemon, and from this process when it fails."""
    return run_guard(argparse.Namespace(sendmail=command, daemon_options=options))


def run_guard(args: argparse.Namespace) -> int:
    """Run the guard; returns the exit code. The message is sent or kept, never dropped:
    any failure while checking it (a bug of ours included) holds it and exits 2; a signal
    holds it and exits 128+N."""
    command: list[str] | None = args.sendmail
    if not command:
        raise UsageError(f"{PROG} guard: give the sendmail command after '--', "
                         f"e.g. {PROG} guard -- /usr/sbin/sendmail -oi -t")
    signals = Signals()
    signals.install()
    try:
        code = _guard(args, command, signals)
    finally:
        signals.close()
    # The verdict is final (sent or held). Python puts the default handlers back while it
    # shuts down, so a late signal would kill the process with a status that contradicts
    # what happened to the message: block them; pending ones die with the process.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    if signals.first() is not None and threading.active_count() > 1:
        # The check (or a grammar request) may still run in a worker thread; the message
        # is safe and the user asked to stop, so do not wait for it at exit.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
