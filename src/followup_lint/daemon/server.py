"""The daemon: one process that keeps spaCy, the rules and the LanguageTool connection warm
and answers the thin client's requests, one at a time, on a Unix socket only its user can
open. It exits after $FOLLOWUP_LINT_DAEMON_IDLE seconds (default 900) without a request.

Each request runs the very code the command line runs in-process (``cli.main.run`` for
``check``, ``cli.guard.verdict`` for ``guard``), in the caller's folder and with its
FOLLOWUP_LINT_* environment, so results are the same by construction. Requests are
served one after another: the folder and environment are process-wide.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import io
import json
import os
import signal
import socket
import struct
import sys
import time
from collections.abc import Iterator
from typing import Any

from . import client, state
from .state import Refused

#: Lint requests answered (``ping`` reports it: the tests check the daemon did the work).
SERVED = 0
_MAX_REQUEST = 16 * 1024 * 1024


@contextlib.contextmanager
def _as_caller(message: dict[str, Any], stdin: bytes = b"") -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """The caller's folder, environment and standard streams, for one request."""
    old_cwd = os.getcwd()
    env: dict[str, str] = message.get("env") or {}
    saved = {k: v for k, v in os.environ.items() if k.startswith("FOLLOWUP_LINT_")}
    old_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    try:
        os.chdir(message["cwd"])
        for k in saved:
            if k not in env:
                del os.environ[k]
        os.environ.update({k: str(v) for k, v in env.items()})
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace",
                                      write_through=True)
        yield out, err
    finally:
        with contextlib.suppress(ValueError):
            sys.stdout.flush()
            sys.stderr.flush()
        sys.stdin, sys.stdout, sys.stderr = old_streams
        for k in [k for k in os.environ if k.startswith("FOLLOWUP_LINT_")]:
            del os.environ[k]
        os.environ.update(saved)
        os.chdir(old_cwd)


def _check(message: dict[str, Any]) -> dict[str, Any]:
    from ..cli.main import run

    stdin = base64.b64decode(message["stdin"]) if message.get("stdin") else b""
    with _as_caller(message, stdin) as (out, err):
        try:
            code = run(["check", *message["argv"]])
        except Refused:
            return {"refused": "daemon = off"}
        sys.stdout.flush()
        sys.stderr.flush()
        return {"code": code, "stdout": base64.b64encode(out.getvalue()).decode("ascii"),
                "stderr": base64.b64encode(err.getvalue()).decode("ascii")}


def _guard_args(message: dict[str, Any]) -> dict[str, Any]:
    from ..cli.common import UsageError
    from ..cli.main import build_parser

    with _as_caller(message):
        try:
            build_parser().parse_args(["guard", *message["argv"]])
        except (UsageError, SystemExit):
            return {"ok": False}
    return {"ok": True}


def _guard(message: dict[str, Any]) -> dict[str, Any]:
    from ..cli.guard import verdict
    from ..cli.main import build_parser

    raw = base64.b64decode(message["raw"])
    with _as_caller(message):
        args = build_parser().parse_args(["guard", *message["argv"]])
        try:
            return {"verdict": verdict(args, raw)}
        except Refused:
            return {"refused": "daemon = off"}


def handle(message: dict[str, Any]) -> dict[str, Any]:
    """The reply to one request (errors become ``{"error": ...}``; the client then lints
    in-process)."""
    global SERVED
    op = message.get("op")
    if op == "ping":
        return {"ok": True, "pid": os.getpid(), "socket": str(client.socket_path()),
                "package": client.PACKAGE_DIR, "served": SERVED}
    if message.get("package") != client.PACKAGE_DIR:
        return {"error": "the daemon runs another copy of followup-lint"}
    handlers = {"check": _check, "guard": _guard, "guard-args": _guard_args}
    if op not in handlers:
        return {"error": f"unknown request {op!r}"}
    try:
        reply = handlers[str(op)](message)
        if "refused" not in reply and op != "guard-args":
            SERVED += 1
        return reply
    except Exception as e:  # noqa: BLE001 - the client falls back to in-process linting
        return {"error": f"{type(e).__name__}: {e}"}


def _peer_uid(conn: socket.socket) -> int | None:
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return None
    return int(struct.unpack("3i", creds)[1])


def _read(conn: socket.socket) -> dict[str, Any] | None:
    conn.settimeout(30.0)
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = conn.recv(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > _MAX_REQUEST:
            return None
    try:
        message = json.loads(b"".join(chunks))
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def _serve_one(conn: socket.socket) -> bool:
    """Answer one connection; False when asked to stop."""
    with conn:
        uid = _peer_uid(conn)
        if uid is not None and uid != os.getuid():
            return True
        try:
            message = _read(conn)
        except OSError:
            return True
        if message is None:
            reply: dict[str, Any] = {"error": "bad request"}
        elif message.get("op") == "stop":
            with contextlib.suppress(OSError):
                conn.sendall(json.dumps({"ok": True, "pid": os.getpid()}).encode())
            return False
        else:
            reply = handle(message)
        with contextlib.suppress(OSError):
            conn.sendall(json.dumps(reply).encode("utf-8"))
    return True


def _warm_up() -> None:
    """Load spaCy, the rules, the tone model and LanguageTool's connection now, not on the
    first send."""
    from ..api import lint_note

    with contextlib.suppress(Exception):
        lint_note("Hi Sam,\n\nThank you for your time yesterday. I enjoyed meeting the team."
                  "\n\nBest,\nAlex\n")


def serve() -> int:
    """Run the daemon in this process until it is stopped or idle; returns the exit code."""
    folder = client.runtime_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    lock = os.open(client.lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print("followup-lint daemon: already running", file=sys.stderr)
        return 1
    path = client.socket_path()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a stale socket: the lock says no daemon owns it
    old_umask = os.umask(0o177)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        srv.bind(str(path))
    finally:
        os.umask(old_umask)
    os.chmod(path, 0o600)
    _warm_up()
    srv.listen(16)
    os.ftruncate(lock, 0)
    os.write(lock, f"{os.getpid()}\n".encode())
    state.SERVING = True
    stop = False

    def _term(signum: int, frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _term)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    idle = client.idle_seconds()
    last = time.monotonic()
    srv.settimeout(1.0)
    try:
        while not stop and time.monotonic() - last < idle:
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            except InterruptedError:  # pragma: no cover
                continue
            conn.settimeout(None)
            if not _serve_one(conn):
                break
            last = time.monotonic()
    finally:
        state.SERVING = False
        with contextlib.suppress(OSError):
            path.unlink()
        srv.close()
        os.ftruncate(lock, 0)
        os.close(lock)
    return 0
