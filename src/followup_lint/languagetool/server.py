"""The shared LanguageTool server: one per user and version, on 127.0.0.1, reused across processes.

``ensure_server()`` returns the URL of a running server, starting one on first need:
it takes a file lock, picks a free port, runs ``org.languagetool.server.HTTPServer``
(without ``--public``, so it listens on localhost only), waits for its health with a
timeout, sends one warm-up check (LanguageTool loads its English rules on the first
check, ~6 s) and writes a state file (pid, port, version) that later processes read
instead of paying the start-up again. A stale state file (dead pid, nothing listening)
is removed.

The server is registered (state "starting", and its watchdog running) before the wait
for its health, so a starter killed during start-up leaves nothing unowned: the next start
adopts that server once it answers, or stops it. Under the lock, every start also looks
for servers of ours that no state file names (the file was lost or corrupted) and adopts
one or stops them, so there is never a second server. Each use checks that the port is
still held by the recorded server (``security.verify``): see security.py for the threat
model and the private files.

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
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

import requests

from ..errors import GrammarUnavailable
from . import security
from .install import LT_VERSION, cache_root, file_lock, home, install, installed, lib_dir
from .limits import MAX_TEXT

#: The heap limit: measured RSS ~330 MB with it (bench/grammar_speed.py); checks of
#: notes need far less than LanguageTool's default of a quarter of the machine's memory.
DEFAULT_HEAP = "512m"  # measured: bench/server_sizing.py, docs/decisions.md
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
    #: "starting" from the launch until the server answers, then "running".
    status: str = "running"

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
    """The Java heap limit: $FOLLOWUP_LINT_LT_HEAP (e.g. ``1g``) or 512m."""
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


def private_home() -> Path:
    """The state folder, made 0700 (and checked to be ours) on the way."""
    return security.private_dir(home(), root=cache_root())


def read_state() -> ServerState | None:
    """The recorded server, or None (no file, an unreadable one, or someone else's)."""
    try:
        data = json.loads(security.read_private(state_path()))
        watchdog = data.get("watchdog_pid")
        return ServerState(pid=int(data["pid"]), port=int(data["port"]),
                           version=str(data["version"]),
                           started_at=float(data.get("started_at", 0.0)),
                           watchdog_pid=int(watchdog) if watchdog else None,
                           status=str(data.get("status", "running")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_state(state: ServerState) -> None:
    security.write_private(state_path(), json.dumps(asdict(state)))


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
    return " ".join(security.cmdline(pid))


def _is_our_server(pid: int) -> bool:
    """Guard against a recycled pid or someone else's process: it must be our HTTPServer
    (without /proc, only that the pid is alive)."""
    return not security.has_proc() or security.is_our_server(pid, home(), lib_dir())


def verified(state: ServerState) -> bool:
    """True when the recorded server is alive, ours, and holds its port's LISTEN socket."""
    if not security.has_proc():
        return pid_alive(state.pid) and _listening(state.port)
    return security.verify(state.pid, state.port, home(), lib_dir())


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
        os.utime(activity_path(), follow_symlinks=False)
    except FileNotFoundError:
        try:
            os.close(security.open_private(activity_path(), os.O_WRONLY | os.O_CREAT))
        except (OSError, GrammarUnavailable):
            pass
    except OSError:
        pass


def status() -> ServerState | None:
    """The running server, or None; a stale state file is removed on the way."""
    state = read_state()
    if state is None:
        return None
    if state.version == LT_VERSION and state.status == "running" and verified(state):
        return state
    if not pid_alive(state.pid):
        _clear_state(state.pid)
    return None


_known: ServerState | None = None
_known_lock = threading.Lock()


def local_url(fresh: bool = False) -> str:
    """The shared server's URL for one connection: the server last found, if it still holds
    its port (checked each call, cheaply), else ``ensure_server()``'s."""
    global _known
    with _known_lock:
        known = _known
    if not fresh and known is not None and verified(known):
        return known.url
    url = ensure_server()
    with _known_lock:
        _known = read_state()
    return url


def ensure_server(timeout: float | None = None) -> str:
    """The URL of the shared server, starting it (and fetching its jars) when needed;
    ``timeout`` (default START_TIMEOUT) bounds the wait for a new server.

    Raises GrammarUnavailable with a one-sentence reason when it cannot.
    """
    state = status()
    if state is None:
        private_home()
        with file_lock(home() / "server.lock"):
            state = status()  # another process may have started it meanwhile
            if state is None:
                wait = START_TIMEOUT if timeout is None else timeout
                state = _reclaim(wait) or _start(wait)
    touch(force=True)
    return state.url


def _reclaim(timeout: float) -> ServerState | None:
    """Under the lock, with no usable registered server: adopt a server of ours that still
    answers (one whose starter was killed, or whose state file was lost) and stop every
    other one; None when none was adopted."""
    old = read_state()
    candidates = security.our_servers(home(), lib_dir()) if security.has_proc() else []
    if old is not None and pid_alive(old.pid) and _is_our_server(old.pid) \
            and old.pid not in candidates:
        candidates.insert(0, old.pid)
    elif old is not None and old.pid in candidates:  # the registered one first
        candidates.remove(old.pid)
        candidates.insert(0, old.pid)
    adopted: ServerState | None = None
    for pid in candidates:
        port = security.port_of(pid) or (old.port if old is not None and old.pid == pid else None)
        if adopted is None and port is not None:
            # A server still starting (its starter was killed) gets the start-up's time.
            starting = old is not None and old.pid == pid and old.status == "starting"
            state = ServerState(pid=pid, port=port, version=LT_VERSION, started_at=time.time())
            if _wait_ready(partial(pid_alive, pid), port, timeout if starting else 2.0,
                           None, popen=False) is None and verified(state):
                adopted = state
                continue
        _kill(pid)  # hung, unregistered or a duplicate
    _clear_state()
    if adopted is None:
        return None
    touch(force=True)
    adopted = ServerState(**(asdict(adopted) | {"watchdog_pid": _watchdog_of(adopted.pid)
                                                or _spawn_watchdog(adopted)}))
    _write_state(adopted)
    return adopted


def _watchdog_of(pid: int) -> int | None:
    """The watchdog already following server ``pid``, if one runs."""
    if not security.has_proc():
        return None
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            args = security.cmdline(int(entry.name))
            if "followup_lint.languagetool.watchdog" in args and \
                    args[args.index("--pid") + 1:][:1] == [str(pid)] and \
                    str(state_path()) in args and security.owner(int(entry.name)) == os.geteuid():
                return int(entry.name)
    return None


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
    fd = security.open_private(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(
            "# Written by followup-lint; see followup_lint/languagetool/server.py\n"
            f"maxTextLength={MAX_TEXT}\n"
            "maxCheckTimeMillis=60000\n"
            # A small sentence cache still helps template trees (shared sentences); 2000
            # entries kept a 256 MB heap 97% full (bench/server_sizing.py).
            "cacheSize=500\n"
            # Reuse the rule pipeline between requests instead of building one per check:
            # ~45% less CPU per note and ~110 MB less resident (docs/decisions.md). One per
            # request the client keeps in flight (client.MAX_IN_FLIGHT).
            "pipelineCaching=true\n"
            "maxPipelinePoolSize=4\n")
    return path


def _tail(path: Path, lines: int = 40) -> list[str]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            return handle.read().decode("utf-8", "replace").splitlines()[-lines:]
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


class _StopSignals:
    """While this process starts a JVM, SIGTERM and SIGHUP (where they would kill the
    process anyway: default action, main thread) are only recorded, so that the JVM being
    started is stopped first; on leaving, the signal is raised again with its default
    action. SIGINT needs nothing: its KeyboardInterrupt stops the JVM on the way out."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    def __init__(self) -> None:
        self.received: list[int] = []
        self._old: dict[int, object] = {}

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for s in self.SIGNALS:
                if signal.getsignal(s) is signal.SIG_DFL:
                    self._old[s] = signal.signal(s, self._record)
        return self

    def _record(self, signum: int, frame: object) -> None:
        self.received.append(signum)

    def __call__(self) -> bool:
        return bool(self.received)

    def __exit__(self, *exc: object) -> None:
        for s, old in self._old.items():
            signal.signal(s, old)  # type: ignore[arg-type]
        if self.received:
            signal.raise_signal(self.received[0])  # now with its default action


def _start(timeout: float) -> ServerState:
    """Start a server (the caller holds the lock); returns its state once it answers."""
    with _StopSignals() as stop:
        return _start_until(timeout, stop)


def _start_until(timeout: float, stop: _StopSignals) -> ServerState:
    java = java_command()
    if not installed():
        install()
    props = _write_properties()
    log = log_path()
    last_reason = "no port was free"
    for _ in range(_PORT_TRIES):
        if stop():
            break
        port = _free_port()
        if not _port_free(port):
            last_reason = f"port {port} on 127.0.0.1 is taken"
            continue
        cmd = [java, f"-Xmx{heap()}", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
               f"{security.MARKER}{home()}",  # marks it ours, for finding orphans
               "-cp", str(lib_dir() / "*"), security.SERVER_CLASS,
               "--port", str(port), "--config", str(props)]
        out = security.open_private(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, cwd=home(),
                                    start_new_session=True)
        except OSError as e:
            raise GrammarUnavailable(f"Java could not be run: {e}") from None
        finally:
            os.close(out)
        # Registered before the wait: a starter killed now leaves a server the next start
        # finds (and a watchdog that stops it when idle), never an unowned JVM.
        state = ServerState(pid=proc.pid, port=port, version=LT_VERSION,
                            started_at=time.time(), status="starting")
        try:
            _write_state(state)
            touch(force=True)
            state = ServerState(**(asdict(state) | {"watchdog_pid": _spawn_watchdog(state)}))
            _write_state(state)
            reason = _wait_ready(proc.poll, port, timeout, log, stop=stop)
        except BaseException:
            _abandon(proc, state)
            raise
        if stop():  # a stop signal: no JVM of ours outlives its starter's start-up
            _abandon(proc, state)
            break
        if reason is None:
            state = ServerState(**(asdict(state) | {"status": "running"}))
            _write_state(state)
            return state
        _abandon(proc, state)
        if reason != "its port was taken":
            raise GrammarUnavailable(f"the LanguageTool server failed to start: {reason} "
                                     f"(log: {log})")
        last_reason = f"port {port} on 127.0.0.1 was taken"
    raise GrammarUnavailable(f"the LanguageTool server could not start: {last_reason}")


def _abandon(proc: subprocess.Popen[bytes], state: ServerState) -> None:
    """Stop a server that failed to start (or whose starter is interrupted), its watchdog,
    and its registration."""
    _kill(proc.pid)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    if state.watchdog_pid:
        _kill(state.watchdog_pid, grace=2.0)
    _clear_state(state.pid)


def _wait_ready(poll: Callable[[], object], port: int, timeout: float,
                log: Path | None, *, popen: bool = True,
                stop: Callable[[], bool] = lambda: False) -> str | None:
    """None once the server answers and is warmed up, else why it did not.

    ``poll`` is ``Popen.poll`` (not None once it exited) or, for a server adopted from
    another starter, a function true while it lives; ``stop`` true ends the wait.
    """
    exited: Callable[[], bool] = (lambda: poll() is not None) if popen \
        else (lambda: not poll())
    deadline = time.monotonic() + timeout
    base = f"http://127.0.0.1:{port}/v2"
    while time.monotonic() < deadline:
        if stop():
            return "interrupted"
        if exited():
            return _start_failure(log) if log else "it exited"
        try:
            r = requests.get(f"{base}/languages", timeout=2)
            # A foreign server on the port would not answer with LanguageTool's list.
            if r.ok and not exited() and any("longCode" in x for x in r.json()):
                break
        except (requests.RequestException, ValueError, TypeError):
            pass
        time.sleep(0.2)
    else:
        return f"it did not answer within {timeout:.0f} s"

    def warm_up() -> None:
        try:
            requests.post(f"{base}/check", data={"language": "en-US", "text": _WARM_UP},
                          timeout=max(5.0, deadline - time.monotonic()))
        except requests.RequestException:
            pass  # the warm-up is only for speed; a real check will report real trouble

    # In a thread, so that a stop signal need not wait for LanguageTool's first check.
    warming = threading.Thread(target=warm_up, name="languagetool-warm-up", daemon=True)
    warming.start()
    while warming.is_alive() and not stop():
        warming.join(0.2)
    if stop():
        return "interrupted"
    if exited():
        return _start_failure(log) if log else "it exited"
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
    private_home()
    with file_lock(home() / "server.lock"):
        state = read_state()
        orphans = security.our_servers(home(), lib_dir()) if security.has_proc() else []
        for pid in orphans:
            if state is None or pid != state.pid:
                _kill(pid)  # unregistered ones too: "stop" leaves none of ours running
        if state is None:
            return bool(orphans)
        running = pid_alive(state.pid) and _is_our_server(state.pid)
        if running:
            _kill(state.pid)
        if state.watchdog_pid and pid_alive(state.watchdog_pid) \
                and "followup_lint.languagetool.watchdog" in _cmdline(state.watchdog_pid):
            _kill(state.watchdog_pid, grace=2.0)
        _clear_state()
        return running
