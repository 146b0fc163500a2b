"""The shared LanguageTool server: one per user and version, on 127.0.0.1, reused across processes.

``ensure_server()`` returns the URL of a running server, starting one on first need:
it takes a file lock, picks a free port, runs ``org.languagetool.server.HTTPServer``
(without ``--public``, so it listens on localhost only), waits for its health with a
timeout, sends one warm-up check (LanguageTool loads its English rules on the first
check, ~6 s) and writes a state file (pid, port, version) that later processes read
instead of paying the start-up again. A stale state file (dead pid, nothing listening)
is removed.

LanguageTool has no idle option, so a small detached Python watchdog
(``followup_lint.languagetool.watchdog``) stops the server when nobody has used it for
``idle_seconds()`` (default 15 minutes): every use touches an activity file whose
modification time the watchdog reads.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

from ..errors import GrammarUnavailable
from .install import LT_VERSION, file_lock, home, install, installed, lib_dir
from .limits import MAX_TEXT

#: The heap limit: measured RSS ~330 MB with it (bench/grammar_speed.py); checks of
#: notes need far less than LanguageTool's default of a quarter of the machine's memory.
DEFAULT_HEAP = "256m"
#: Seconds to wait for a new server to answer (start-up is ~2 s, the warm-up check ~6 s).
START_TIMEOUT = 90.0
#: Stop the server after this many idle seconds (0: never).
DEFAULT_IDLE = 900.0
#: Tries when the chosen port turns out to be taken.
_PORT_TRIES = 3
_WARM_UP = "Thank you for you time yesterday; I enjoyed meeting the team."


@dataclass(frozen=True)
class ServerState:
    """What the state file records about a running server."""

    pid: int
    port: int
    version: str
    started_at: float
    watchdog_pid: int | None = None

    @property
    def url(self) -> str:
        """The server's base URL, e.g. ``http://127.0.0.1:8123``."""
        return f"http://127.0.0.1:{self.port}"


def state_path() -> Path:
    """The state file of the shared server."""
    return home() / "server.json"


def activity_path() -> Path:
    """The file whose modification time is the server's last use."""
    return home() / "server.last-use"


def log_path() -> Path:
    """Where the server writes its log."""
    return home() / "server.log"


def idle_seconds() -> float:
    """Idle time before the watchdog stops the server: $FOLLOWUP_LINT_LT_IDLE or 900 s."""
    raw = os.environ.get("FOLLOWUP_LINT_LT_IDLE")
    try:
        return float(raw) if raw else DEFAULT_IDLE
    except ValueError:
        return DEFAULT_IDLE


def heap() -> str:
    """The Java heap limit: $FOLLOWUP_LINT_LT_HEAP (e.g. ``512m``) or 256m."""
    return os.environ.get("FOLLOWUP_LINT_LT_HEAP") or DEFAULT_HEAP


def java_command() -> str:
    """The ``java`` to run: $FOLLOWUP_LINT_JAVA, else $JAVA_HOME/bin/java, else PATH."""
    override = os.environ.get("FOLLOWUP_LINT_JAVA")
    if override:
        found = shutil.which(override)
        if not found:
            raise GrammarUnavailable(f"Java was not found at {override!r} (FOLLOWUP_LINT_JAVA)")
        return found
    java_home = os.environ.get("JAVA_HOME")
    if java_home and shutil.which(str(Path(java_home) / "bin" / "java")):
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise GrammarUnavailable("Java is not installed (no 'java' on PATH); LanguageTool "
                                 "needs Java 17, or set languagetool_url to a server of your own")
    return found


def read_state() -> ServerState | None:
    """The recorded server, or None (no file or an unreadable one)."""
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
        return ServerState(pid=int(data["pid"]), port=int(data["port"]),
                           version=str(data["version"]),
                           started_at=float(data.get("started_at", 0.0)),
                           watchdog_pid=data.get("watchdog_pid"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(state: ServerState) -> None:
    path = state_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(state)), encoding="utf-8")
    os.replace(tmp, path)  # atomic: readers never see half a file


def _clear_state(pid: int | None = None) -> None:
    """Remove the state file (only if it still names ``pid``, when given)."""
    current = read_state()
    if pid is not None and current is not None and current.pid != pid:
        return
    for path in (state_path(), state_path().with_suffix(".tmp")):
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def pid_alive(pid: int) -> bool:
    """True when ``pid`` runs and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _is_our_server(pid: int) -> bool:
    """Guard against a recycled pid: the process must be LanguageTool's HTTPServer."""
    line = _cmdline(pid)
    return not line or "org.languagetool.server.HTTPServer" in line


def _listening(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


_last_touch = 0.0
#: The watchdog counts idle time in minutes: recording each use more often than this is waste.
_TOUCH_EVERY = 10.0


def touch(*, force: bool = False) -> None:
    """Record a use of the server (the watchdog reads this to decide it is idle).

    Throttled to once every few seconds per process unless ``force``; a pre-send hook's
    single check always records its use, since a new process starts at 0.
    """
    global _last_touch
    now = time.monotonic()
    if not force and now - _last_touch < _TOUCH_EVERY:
        return
    _last_touch = now
    try:
        os.utime(activity_path())
    except FileNotFoundError:
        try:
            activity_path().touch()
        except OSError:
            pass
    except OSError:
        pass


def status() -> ServerState | None:
    """The running server, or None; a stale state file is removed on the way."""
    state = read_state()
    if state is None:
        return None
    if state.version == LT_VERSION and pid_alive(state.pid) and _is_our_server(state.pid) \
            and _listening(state.port):
        return state
    if not pid_alive(state.pid):
        _clear_state(state.pid)
    return None


def ensure_server(timeout: float | None = None) -> str:
    """The URL of the shared server, starting it (and fetching its jars) when needed;
    ``timeout`` (default START_TIMEOUT) bounds the wait for a new server.

    Raises GrammarUnavailable with a one-sentence reason when it cannot.
    """
    state = status()
    if state is None:
        home().mkdir(parents=True, exist_ok=True)
        with file_lock(home() / "server.lock"):
            state = status()  # another process may have started it meanwhile
            if state is None:
                old = read_state()
                if old is not None and pid_alive(old.pid) and \
                        "org.languagetool.server.HTTPServer" in _cmdline(old.pid):
                    _kill(old.pid)  # recorded but not answering: hung, replace it
                _clear_state()
                state = _start(START_TIMEOUT if timeout is None else timeout)
    touch(force=True)
    return state.url


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _write_properties() -> Path:
    path = home() / "server.properties"
    path.write_text(
        "# Written by followup-lint; see followup_lint/languagetool/server.py\n"
        f"maxTextLength={MAX_TEXT}\n"
        "maxCheckTimeMillis=60000\n"
        # A sentence cache helps template trees, where many notes share sentences.
        "cacheSize=2000\n",
        encoding="utf-8")
    return path


def _tail(path: Path, lines: int = 40) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError:
        return []


def _start_failure(log: Path) -> str:
    """One line saying why the JVM exited, from its log."""
    tail = _tail(log)
    for key in ("BindException", "Address already in use"):
        if any(key in ln for ln in tail):
            return "its port was taken"
    for ln in tail:
        if "UnsupportedClassVersionError" in ln:
            return "the installed Java is too old for LanguageTool (it needs Java 17)"
    for ln in tail:
        if "Exception" in ln or "Error" in ln:
            return ln.strip()[:200]
    return tail[-1].strip()[:200] if tail else "it exited without a message"


def _start(timeout: float) -> ServerState:
    """Start a server (the caller holds the lock); returns its state once it answers."""
    java = java_command()
    if not installed():
        install()
    props = _write_properties()
    log = log_path()
    last_reason = "no port was free"
    for _ in range(_PORT_TRIES):
        port = _free_port()
        if not _port_free(port):
            last_reason = f"port {port} on 127.0.0.1 is taken"
            continue
        cmd = [java, f"-Xmx{heap()}", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
               "-cp", str(lib_dir() / "*"), "org.languagetool.server.HTTPServer",
               "--port", str(port), "--config", str(props)]
        with open(log, "wb") as out:
            try:
                proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, cwd=home(),
                                        start_new_session=True)
            except OSError as e:
                raise GrammarUnavailable(f"Java could not be run: {e}") from None
        reason = _wait_ready(proc, port, timeout, log)
        if reason is None:
            state = ServerState(pid=proc.pid, port=port, version=LT_VERSION,
                                started_at=time.time())
            touch(force=True)
            state = ServerState(**(asdict(state) | {"watchdog_pid": _spawn_watchdog(state)}))
            _write_state(state)
            return state
        if reason != "its port was taken":
            raise GrammarUnavailable(f"the LanguageTool server failed to start: {reason} "
                                     f"(log: {log})")
        last_reason = f"port {port} on 127.0.0.1 was taken"
    raise GrammarUnavailable(f"the LanguageTool server could not start: {last_reason}")


def _wait_ready(proc: subprocess.Popen[bytes], port: int, timeout: float,
                log: Path) -> str | None:
    """None once the server answers and is warmed up, else why it did not."""
    deadline = time.monotonic() + timeout
    base = f"http://127.0.0.1:{port}/v2"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return _start_failure(log)
        try:
            r = requests.get(f"{base}/languages", timeout=2)
            # A foreign server on the port would not answer with LanguageTool's list.
            if r.ok and proc.poll() is None and any("longCode" in x for x in r.json()):
                break
        except (requests.RequestException, ValueError, TypeError):
            pass
        time.sleep(0.2)
    else:
        _kill(proc.pid)
        proc.wait(timeout=10)
        return f"it did not answer within {timeout:.0f} s"
    try:
        requests.post(f"{base}/check", data={"language": "en-US", "text": _WARM_UP},
                      timeout=max(5.0, deadline - time.monotonic()))
    except requests.RequestException:
        pass  # the warm-up is only for speed; a real check will report real trouble
    if proc.poll() is not None:
        return _start_failure(log)
    return None


def _spawn_watchdog(state: ServerState) -> int | None:
    idle = idle_seconds()
    if idle <= 0:
        return None
    cmd = [sys.executable, "-m", "followup_lint.languagetool.watchdog",
           "--pid", str(state.pid), "--state", str(state_path()),
           "--activity", str(activity_path()), "--idle", str(idle)]
    try:
        watchdog = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True,
                                    close_fds=True)
    except OSError:
        return None  # the server still works; it just will not stop by itself
    return watchdog.pid


def _kill(pid: int, grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:  # our own child: reap it
                return
        except ChildProcessError:
            pass
        if not pid_alive(pid):
            return
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop() -> bool:
    """Stop the shared server; True when one was running."""
    with file_lock(home() / "server.lock"):
        state = read_state()
        if state is None:
            return False
        running = pid_alive(state.pid) and _is_our_server(state.pid)
        if running:
            _kill(state.pid)
        if state.watchdog_pid and pid_alive(state.watchdog_pid) \
                and "followup_lint.languagetool.watchdog" in _cmdline(state.watchdog_pid):
            _kill(state.watchdog_pid, grace=2.0)
        _clear_state()
        return running
