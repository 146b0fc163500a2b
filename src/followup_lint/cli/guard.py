"""``followup-lint guard [options] -- COMMAND ARGS...``: the pre-send hook.

The message is read whole from stdin. No errors: COMMAND gets the very same bytes and
its exit status is ours. Errors: they go to stderr, COMMAND is not run, the message is
kept in the held folder (path printed) and the exit status is 1. Whatever goes wrong
in between (an unreadable or empty message, a missing COMMAND, a bug of ours), the
message is kept (in a temp folder when the held folder cannot be written) and the exit
status is 2: it is never dropped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from .. import api
from ..errors import FollowupLintError
from ..guard import SEND_ANYWAY_ENV, hold, send_anyway
from .common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    PROG,
    Subparsers,
    UsageError,
    internal_error,
)
from .inputs import Source, load
from .options import add_common, settings_from_args
from .output import Report, format_text


def register(sub: Subparsers) -> None:
    """Add ``guard`` to the command line."""
    guard = sub.add_parser(
        "guard", help="pre-send hook: check stdin, then pipe it to COMMAND",
        usage=f"{PROG} guard [options] -- COMMAND [ARGS...]",
        description="Read a message on stdin and check it. With no errors, run COMMAND (your "
                    "sendmail) with the very same bytes and exit with its status. With errors, "
                    "print them, keep the message in the held folder, send nothing and exit 1. "
                    "FOLLOWUP_LINT_SEND_ANYWAY=1 sends anyway.")
    add_common(guard, paths=False)
    guard.set_defaults(func=run_guard)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _keep(raw: bytes, why: str, code: int) -> int:
    """Hold the message and say where; returns ``code`` (EXIT_USAGE when no copy could be
    kept: the mail program then keeps the draft, as nothing was sent)."""

    try:
        held = hold(raw)
    except Exception as e:  # noqa: BLE001 - say what happened rather than crash
        _say(f"{PROG} guard: {why}; nothing was sent; {e}")
        return EXIT_USAGE
    _say(f"{PROG} guard: {why}; nothing was sent; the message is kept in {held}")
    return code


def _send(command: list[str], raw: bytes) -> int:
    """Pipe ``raw`` into COMMAND; on failure to start it, keep the message and exit 2."""
    try:
        proc = subprocess.run(command, input=raw)
    except OSError as e:
        return _keep(raw, f"cannot run {command[0]!r}: {e.strerror or e}", EXIT_USAGE)
    except Exception as e:  # noqa: BLE001 - e.g. a NUL byte in an argument: keep the message
        return _keep(raw, f"cannot run {command[0]!r}: {type(e).__name__}: {e}", EXIT_USAGE)
    code = proc.returncode
    return 128 - code if code < 0 else code  # killed by a signal: shell convention


def _check(args: argparse.Namespace, raw: bytes) -> int | None:
    """Check the message: None to send it, else the exit code (the message is held)."""

    try:
        settings = settings_from_args(args)
        item = load(Source(display="<message>", raw=raw), settings.config, settings.template_data)
        result = api.lint_note(item.note, roster=settings.roster, context=settings.context,
                           config=item.config)
    except (FollowupLintError, UsageError) as e:
        if send_anyway():
            _say(f"{PROG} guard: cannot check the message ({e}); "
                 f"{SEND_ANYWAY_ENV}=1: sending it unchecked")
            return None
        return _keep(raw, f"cannot check the message: {e}", EXIT_USAGE)

    if result.findings:
        sys.stderr.write(format_text([Report(path="<message>", result=result, position=item.note.line_col)]))
    errors = sum(1 for f in result.findings if f.severity == "error")
    if not errors:
        return None
    if send_anyway():
        _say(f"{PROG} guard: {SEND_ANYWAY_ENV}=1: sending despite "
             f"{errors} error{'s' if errors != 1 else ''}")
        return None
    code = _keep(raw, f"{errors} error{'s' if errors != 1 else ''}", EXIT_FINDINGS)
    _say(f"{PROG} guard: fix the draft and send again, or send it as is with {SEND_ANYWAY_ENV}=1")
    return code


def run_guard(args: argparse.Namespace) -> int:
    """Run the guard; returns the exit code. The message is sent or kept, never dropped:
    any failure while checking it (a bug of ours included) holds it and exits 2."""
    command: list[str] | None = args.sendmail
    if not command:
        raise UsageError(f"{PROG} guard: give the sendmail command after '--', "
                         f"e.g. {PROG} guard -- /usr/sbin/sendmail -oi -t")
    raw = sys.stdin.buffer.read()
    try:
        verdict = _check(args, raw)
    except Exception as e:  # noqa: BLE001 - whatever broke, keep the message
        _say(internal_error(e))
        verdict = _keep(raw, "the message could not be checked", EXIT_USAGE)
    if verdict is not None:
        return verdict
    return _send(command, raw)
