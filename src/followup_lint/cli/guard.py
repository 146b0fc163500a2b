"""``followup-lint guard [options] -- COMMAND ARGS...``: the pre-send hook.

The message is read whole from stdin. No errors: COMMAND gets the very same bytes and
its exit status is ours. Errors: they go to stderr, COMMAND is not run, the message is
kept in the held folder (path printed) and the exit status is 1. Whatever goes wrong
in between (unreadable message, missing COMMAND), the message is kept, never dropped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from ..errors import FollowupLintError
from .main import EXIT_FINDINGS, EXIT_USAGE, PROG, UsageError


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _send(command: list[str], raw: bytes) -> int:
    """Pipe ``raw`` into COMMAND; on failure to start it, keep the message and exit 2."""
    from ..guard import hold

    try:
        proc = subprocess.run(command, input=raw)
    except (FileNotFoundError, PermissionError, OSError) as e:
        held = hold(raw)
        _say(f"{PROG} guard: cannot run {command[0]!r}: {e.strerror or e}; nothing was sent; "
             f"the message is kept in {held}")
        return EXIT_USAGE
    code = proc.returncode
    return 128 - code if code < 0 else code  # killed by a signal: shell convention


def run_guard(args: argparse.Namespace, command: list[str] | None) -> int:
    """Run the guard; returns the exit code."""
    if not command:
        raise UsageError(f"{PROG} guard: give the sendmail command after '--', "
                         f"e.g. {PROG} guard -- /usr/sbin/sendmail -oi -t")
    from ..api import lint_note
    from ..guard import SEND_ANYWAY_ENV, hold, send_anyway
    from ..mail import looks_like_message, note_from_bytes
    from ..note import note_from_text
    from .options import settings_from_args
    from .output import Report, format_text

    raw = sys.stdin.buffer.read()
    try:
        settings = settings_from_args(args)
        if looks_like_message(raw):
            note = note_from_bytes(raw)
        else:
            note = note_from_text(raw.decode("utf-8"))
        result = lint_note(note, roster=settings.roster, context=settings.context,
                           config=settings.config)
    except (FollowupLintError, UnicodeDecodeError, UsageError) as e:
        reason = str(e) if not isinstance(e, UnicodeDecodeError) else "the message is not UTF-8 text"
        if send_anyway():
            _say(f"{PROG} guard: cannot check the message ({reason}); "
                 f"{SEND_ANYWAY_ENV}=1: sending it unchecked")
            return _send(command, raw)
        held = hold(raw)
        _say(f"{PROG} guard: cannot check the message: {reason}; nothing was sent; "
             f"the message is kept in {held}")
        return EXIT_USAGE

    if result.findings:
        sys.stderr.write(format_text([Report(path="<message>", result=result, position=note.line_col)]))
    errors = sum(1 for f in result.findings if f.severity == "error")
    if not errors:
        return _send(command, raw)
    if send_anyway():
        _say(f"{PROG} guard: {SEND_ANYWAY_ENV}=1: sending despite "
             f"{errors} error{'s' if errors != 1 else ''}")
        return _send(command, raw)
    held = hold(raw)
    _say(f"{PROG} guard: not sent. The message is kept in {held}")
    _say(f"{PROG} guard: fix the draft and send again, or send it as is with {SEND_ANYWAY_ENV}=1")
    return EXIT_FINDINGS
