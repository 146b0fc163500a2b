"""The thin client: find the daemon, send it one request, read one reply.

Standard library only (no spaCy, no rules, not even the config): ``check`` and ``guard``
come through here before the full command line is imported. Any failure (no daemon, a
stale socket, a timeout, a reply that makes no sense) returns None and the caller lints
in-process.

Protocol: one request per connection, JSON; the client shuts its side for writing, the
server answers with one JSON object and closes.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

#: Seconds of no requests after which the daemon exits: $FOLLOWUP_LINT_DAEMON_IDLE or 900.
DEFAULT_IDLE = 900.0
#: Set to 0 to never use the daemon (the in-process path, e.g. for a benchmark's cold run).
DISABLE_ENV = "FOLLOWUP_LINT_DAEMON"
#: The source folder of this package: a daemon running other code is not used.
PACKAGE_DIR = str(Path(__file__).resolve().parent.parent)
#: ``check`` options that take a value (so a '-' after them is not standard input).
#: tests/test_daemon.py checks this against the real parser.
VALUE_OPTIONS = frozenset((
    "--roster", "--company", "--role", "--kind", "--interviewed-at", "--decision-expected-by",
    "--sent-at", "--previous-followup", "--config", "--select", "--ignore", "--template-data",
    "--languagetool-url", "--format", "--output", "-o", "--stdin-filename", "--jobs", "-j"))
#: Options the daemon does not take: they write files or fan out to processes.
_LOCAL_ONLY = ("--fix", "--jobs", "-j", "--help", "-h")
_MAX_REPLY = 256 * 1024 * 1024


def runtime_dir() -> Path:
    """Where the socket lives (made mode 0700): $FOLLOWUP_LINT_DAEMON_DIR; else a private
    folder in $FOLLOWUP_LINT_CACHE when that is set (another cache is another install, and
    the tests' own); else $XDG_RUNTIME_DIR/followup-lint; else one in ~/.cache/followup-lint."""
    explicit = os.environ.get("FOLLOWUP_LINT_DAEMON_DIR", "").strip()
    if explicit:
        return Path(explicit)
    cache = os.environ.get("FOLLOWUP_LINT_CACHE", "").strip()
    if cache:
        return Path(cache) / f"run-{os.getuid()}"
    xdg = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    if xdg:
        return Path(xdg) / "followup-lint"
    xdg_cache = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg_cache) if xdg_cache else Path.home() / ".cache"
    return base / "followup-lint" / f"run-{os.getuid()}"


def socket_path() -> Path:
    """The daemon's Unix socket."""
    return runtime_dir() / "daemon.sock"


def lock_path() -> Path:
    """The lock the running daemon holds; it contains its pid."""
    return runtime_dir() / "daemon.pid"


def idle_seconds() -> float:
    """$FOLLOWUP_LINT_DAEMON_IDLE or 900 s."""
    raw = os.environ.get("FOLLOWUP_LINT_DAEMON_IDLE")
    try:
        return float(raw) if raw else DEFAULT_IDLE
    except ValueError:
        return DEFAULT_IDLE


def disabled() -> bool:
    """True when $FOLLOWUP_LINT_DAEMON says not to use the daemon."""
    return os.environ.get(DISABLE_ENV, "").strip().lower() in ("0", "off", "no", "false")


def request(message: dict[str, Any], timeout: float) -> dict[str, Any] | None:
    """Send one request and return the reply, or None on any failure."""
    path = socket_path()
    if not path.exists():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(min(timeout, 2.0))
            s.connect(str(path))
            s.settimeout(timeout)
            s.sendall(json.dumps(message).encode("utf-8"))
            s.shutdown(socket.SHUT_WR)
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = s.recv(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > _MAX_REPLY:
                    return None
        reply = json.loads(b"".join(chunks))
    except (OSError, ValueError):
        return None
    return reply if isinstance(reply, dict) else None


def ping(timeout: float = 2.0) -> dict[str, Any] | None:
    """The running daemon's pid and socket, or None."""
    reply = request({"op": "ping"}, timeout)
    return reply if reply and reply.get("ok") else None


def start_detached() -> subprocess.Popen[bytes]:
    """Start the daemon in its own session, detached from this terminal; returns at once."""
    folder = runtime_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    log = os.open(folder / "daemon.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        return subprocess.Popen([sys.executable, "-m", "followup_lint.daemon"],
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True, close_fds=True)
    finally:
        os.close(log)


def _env() -> dict[str, str]:
    """The caller's settings the daemon must see (config trust, cache, LanguageTool)."""
    return {k: v for k, v in os.environ.items() if k.startswith("FOLLOWUP_LINT_")}


def _stdin_wanted(options: list[str]) -> bool:
    """Whether ``check``'s arguments name standard input ('-' as a PATH)."""
    previous = ""
    for arg in options:
        if arg == "-" and previous not in VALUE_OPTIONS:
            return True
        previous = arg if "=" not in arg else ""
    return False


def _read_stdin(limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = sys.stdin.buffer.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def base(op: str, argv: list[str]) -> dict[str, Any]:
    """What every lint request carries: the arguments, the folder and the environment."""
    return {"op": op, "argv": argv, "cwd": os.getcwd(), "env": _env(), "package": PACKAGE_DIR}


def check(options: list[str]) -> int | None:
    """``followup-lint check OPTIONS`` through the daemon; the exit code, or None to run
    it in-process (no daemon, an option it does not take, or any failure). Standard input
    that was read is never lost: once read, a failure reruns in-process on the same bytes."""
    if disabled() or any(a in _LOCAL_ONLY or a.startswith(("--jobs=", "-j")) for a in options):
        return None
    if not socket_path().exists():
        return None
    message = base("check", options)
    stdin: bytes | None = None
    if _stdin_wanted(options):
        stdin = _read_stdin(10 * 1024 * 1024 + 1)
        message["stdin"] = base64.b64encode(stdin).decode("ascii")
    reply = request(message, timeout=600.0)
    try:
        assert reply is not None and "code" in reply
        out = base64.b64decode(reply["stdout"])
        err = base64.b64decode(reply["stderr"])
        code = int(reply["code"])
    except (AssertionError, KeyError, ValueError, TypeError):
        if stdin is not None:
            _unread(stdin)
        return None
    sys.stdout.flush()
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    sys.stderr.flush()
    sys.stderr.buffer.write(err)
    sys.stderr.buffer.flush()
    return code


def _unread(data: bytes) -> None:
    """Give the in-process fallback the standard input already read."""
    import io

    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding=sys.stdin.encoding or "utf-8")


def guard_args_ok(options: list[str]) -> bool:
    """Whether the daemon runs and takes these ``guard`` options (checked before the
    message is read, so that a usage error behaves exactly as without the daemon)."""
    if disabled() or any(a in _LOCAL_ONLY for a in options) or not socket_path().exists():
        return False
    reply = request({**base("guard-args", options)}, timeout=10.0)
    return bool(reply and reply.get("ok"))


def guard(options: list[str], raw: bytes) -> dict[str, Any] | None:
    """The daemon's verdict on one message (see ``cli.guard.verdict``), or None."""
    message = base("guard", options)
    message["raw"] = base64.b64encode(raw).decode("ascii")
    reply = request(message, timeout=120.0)
    verdict = reply.get("verdict") if reply else None
    if not isinstance(verdict, dict) or verdict.get("kind") not in (
            "result", "grammar-unavailable", "cannot-check"):
        return None
    return verdict
