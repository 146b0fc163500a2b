"""Stops the shared LanguageTool server after an idle period (LanguageTool has no such option).

Started detached by ``server.ensure_server``; exits when the server is gone. Usage:
``python -m followup_lint.languagetool.watchdog --pid P --state FILE --activity FILE --idle S``
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from .server import _kill, pid_alive


def _state_pid(state: Path) -> int | None:
    try:
        return int(json.loads(state.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def watch(pid: int, state: Path, activity: Path, idle: float) -> None:
    """Poll until the server ``pid`` is gone or idle for ``idle`` seconds, then stop it."""
    step = max(0.5, min(30.0, idle / 4))
    while True:
        time.sleep(step)
        if not pid_alive(pid):
            break
        if _state_pid(state) not in (pid, None):
            return  # the state names another server now; it has its own watchdog
        try:
            last = activity.stat().st_mtime
        except OSError:
            last = 0.0
        if time.time() - last > idle:
            _kill(pid)
            break
    if _state_pid(state) == pid:
        try:
            state.unlink()
        except OSError:
            pass


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m followup_lint.languagetool.watchdog``."""
    parser = argparse.ArgumentParser(prog="followup_lint.languagetool.watchdog")
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--activity", type=Path, required=True)
    parser.add_argument("--idle", type=float, required=True)
    args = parser.parse_args(argv)
    os.chdir("/")
    watch(args.pid, args.state, args.activity, args.idle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
