"""``followup-lint daemon start|stop|status``: the resident engine for the pre-send path."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from ..daemon import client
from .common import EXIT_OK, EXIT_USAGE, PROG, Subparsers

#: How long ``start`` waits for the daemon to answer (it loads spaCy and LanguageTool).
START_TIMEOUT = 120.0


def register(sub: Subparsers) -> None:
    """Add ``daemon`` to the command line."""
    p = sub.add_parser("daemon", help="a resident engine that makes check and guard fast",
                       description="Keep spaCy, the rules and LanguageTool warm in one background "
                                   "process; check and guard use it when it runs. It exits after "
                                   "$FOLLOWUP_LINT_DAEMON_IDLE seconds without a request (900).")
    p.add_argument("action", choices=("start", "stop", "status"))
    p.set_defaults(func=run_daemon)


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def run_daemon(args: argparse.Namespace) -> int:
    """Run ``daemon ACTION``; returns the exit code."""
    info = client.ping()
    if args.action == "status":
        if info is None:
            _say(f"{PROG} daemon: not running")
            return 1
        print(f"pid {info['pid']} socket {info['socket']}")
        return EXIT_OK
    if args.action == "stop":
        if info is None:
            _say(f"{PROG} daemon: not running")
            return EXIT_OK
        client.request({"op": "stop"}, timeout=10.0)
        _wait_gone(int(info["pid"]))
        print(f"stopped pid {info['pid']}")
        return EXIT_OK
    if info is not None:
        print(f"pid {info['pid']} socket {info['socket']} (already running)")
        return EXIT_OK
    proc = client.start_detached()
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        info = client.ping()
        if info is not None:
            print(f"pid {info['pid']} socket {info['socket']}")
            return EXIT_OK
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
    _say(f"{PROG} daemon: it did not start; see {client.runtime_dir() / 'daemon.log'}")
    return EXIT_USAGE


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:  # pragma: no cover
            return
        time.sleep(0.05)
