"""The local LanguageTool server under local attack and clumsy interruptions (issue 15).

Each test has a cache folder of its own, so the session's shared server is never touched.
A fault-injection fake (a plain Python HTTP server, "fake" in the test's name) plays the
process that took over a port, or a server that answers late. Real JVM starts are few:
they take 5-10 s each (far more on a loaded machine).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from followup_lint import Config, lint_many, lint_note
from followup_lint.languagetool import client, server
from followup_lint.languagetool.install import LT_VERSION

NOTE = "Thank you for teh interview yesterday; I enjoyed meeting the team."
#: Generous: other test suites may be loading the machine while a JVM warms up.
SLOW_OK = {"languagetool_timeout": 120.0}


@pytest.fixture
def own_cache(tmp_path, monkeypatch, _languagetool_home):
    """A cache folder of this test's own (the real jars linked in); whatever server the
    test starts there is stopped at the end."""
    user_lib, _ = _languagetool_home
    cache = tmp_path / "cache"
    (cache / "languagetool" / LT_VERSION).mkdir(parents=True)
    os.symlink(os.path.realpath(user_lib), cache / "languagetool" / LT_VERSION / "lib")
    monkeypatch.setenv("FOLLOWUP_LINT_CACHE", str(cache))
    monkeypatch.setenv("FOLLOWUP_LINT_LT_IDLE", "0")
    client.reset()
    yield cache
    server.stop()
    for pid in _jvms(cache):  # whatever is left (a failed test): never leave a JVM behind
        os.kill(pid, signal.SIGKILL)
    client.reset()


def _home(cache: Path) -> Path:
    return cache / "languagetool" / LT_VERSION


def _jvms(cache: Path) -> list[int]:
    """Pids of LanguageTool servers for this cache, as ``ps`` lists them."""
    out = subprocess.run(["ps", "-ww", "-eo", "pid=,args="], capture_output=True, text=True,
                         check=True).stdout
    marker = f"-Dfollowup_lint.home={_home(cache)} "
    return [int(line.split(None, 1)[0]) for line in out.splitlines()
            if marker in line + " " and "org.languagetool.server.HTTPServer" in line]


class _Impostor(BaseHTTPRequestHandler):
    """Answers like LanguageTool: /v2/languages, and a "misspelling" on the first word."""

    posted: list[bytes] = []
    delays: list[float] = []  # seconds to wait before each answer to /v2/check, in order

    def log_message(self, *args: Any) -> None:
        pass

    def _json(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up waiting

    def do_GET(self) -> None:
        self._json([{"name": "English (US)", "code": "en", "longCode": "en-US"}])

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).posted.append(body)
        if type(self).delays:
            time.sleep(type(self).delays.pop(0))
        text = body.decode()
        start = text.find("teh")
        matches = [{"message": "Possible spelling mistake found.", "offset": 0, "length": 5,
                    "replacements": [{"value": "Thanks"}],
                    "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling",
                             "category": {"id": "TYPOS", "name": "Possible Typo"}}}]
        if start >= 0:  # the form-encoded text: offsets match NOTE's for plain words
            matches = []
        self._json({"matches": matches})


def _serve(port: int = 0) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", port), _Impostor)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def _modes(cache: Path) -> dict[str, int]:
    found = {}
    for path in [cache, *cache.rglob("*")]:
        if path.name == "lib" or "lib" in path.relative_to(cache).parts[2:3]:
            continue  # the jars (a link to the user's install)
        found[str(path.relative_to(cache))] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


@pytest.mark.languagetool
@pytest.mark.slow
def test_port_taken_over_by_a_fake_impostor_gets_no_drafts_and_files_stay_private(own_cache):
    _Impostor.posted = []
    home = _home(own_cache)
    precious = own_cache.parent / "precious.txt"
    precious.write_text("only root may write this\n")
    old_umask = os.umask(0)
    try:
        os.symlink(precious, home / "server.log")  # planted before the first start
        first = lint_note(NOTE, config=Config(**SLOW_OK))
        assert [f.text for f in first.by_rule("spelling")] == ["teh"], first.skipped
        assert precious.read_text() == "only root may write this\n", "the symlink was followed"
        assert not (home / "server.log").is_symlink()
        modes = _modes(own_cache)
        assert modes["."] == 0o700 and modes["languagetool"] == 0o700
        assert modes["languagetool/6.8"] == 0o700
        files = {k: v for k, v in modes.items() if k.startswith("languagetool/6.8/")}
        assert {"languagetool/6.8/server.json", "languagetool/6.8/server.log",
                "languagetool/6.8/server.lock"} <= set(files)
        assert set(files.values()) == {0o600}, files

        # Someone rewrites the state file: it names our server's pid but the port of another
        # process; then that process's own pid (it does hold the port, but is no LanguageTool).
        ours = server.read_state()
        impostor = _serve()
        port = impostor.server_address[1]
        try:
            for pid in (ours.pid, os.getpid()):
                (home / "server.json").write_text(json.dumps(
                    {"pid": pid, "port": port, "version": LT_VERSION,
                     "started_at": time.time(), "status": "running"}))
                server._known = None  # as a new process would: it reads the state file
                again = lint_note(NOTE, config=Config(**SLOW_OK))
                assert _Impostor.posted == [], "a draft was posted to the process on the port"
                assert "grammar" not in again.skipped, again.skipped
                # The fake would have flagged "Thank" (or nothing): these are our server's.
                assert [f.text for f in again.by_rule("spelling")] == ["teh"]
                assert server.read_state().port == ours.port  # our server, adopted again
        finally:
            impostor.shutdown()
            impostor.server_close()
    finally:
        os.umask(old_umask)
    assert _jvms(own_cache) == [ours.pid], "no second server was started"


def _start_cli(cache: Path, command: str = "-m followup_lint.languagetool start",
               idle: str = "0", **popen: Any) -> subprocess.Popen[str]:
    env = dict(os.environ, FOLLOWUP_LINT_CACHE=str(cache), FOLLOWUP_LINT_LT_IDLE=idle,
               FOLLOWUP_LINT_DAEMON="off")
    return subprocess.Popen(["sh", "-c", f"umask 000; exec {sys.executable} {command}"],
                            env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            **popen)


def _three_seconds_into_the_start(cache: Path, starter: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not _jvms(cache) and time.monotonic() < deadline and starter.poll() is None:
        time.sleep(0.1)
    time.sleep(3.0)
    assert starter.poll() is None, "the start-up ended before the signal: nothing to test"
    assert len(_jvms(cache)) == 1


@pytest.mark.languagetool
@pytest.mark.slow
def test_killed_starter_or_lost_state_file_never_leave_a_second_server(own_cache):
    starter = _start_cli(own_cache)
    deadline = time.monotonic() + 120
    while not _jvms(own_cache) and time.monotonic() < deadline and starter.poll() is None:
        time.sleep(0.1)
    time.sleep(3.0)  # 3 s into the JVM's start-up
    starter.send_signal(signal.SIGKILL)
    starter.wait()
    orphan = _jvms(own_cache)
    assert len(orphan) == 1, "the starter had launched a JVM before it was killed"

    done = _start_cli(own_cache)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    running = _jvms(own_cache)
    assert running == [server.read_state().pid], "one server, the registered one"
    assert server.read_state().status == "running"
    assert out.strip() == server.read_state().url

    # The state file is corrupted, then lost, while the server runs: the next start adopts
    # that server instead of launching a second one.
    for damage in ("{not json", None):
        if damage is None:
            (_home(own_cache) / "server.json").unlink()
        else:
            (_home(own_cache) / "server.json").write_text(damage)
        again = _start_cli(own_cache)
        out2, err2 = again.communicate(timeout=300)
        assert again.returncode == 0, err2
        assert _jvms(own_cache) == running, f"after {damage or 'deletion'}: {_jvms(own_cache)}"
        assert out2.strip() == out.strip()
    result = lint_note(NOTE, config=Config(**SLOW_OK))
    assert [f.text for f in result.by_rule("spelling")] == ["teh"]


@pytest.mark.languagetool
@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=lambda s: signal.Signals(s).name)
def test_a_signal_to_the_starter_stops_the_jvm_it_was_starting(own_cache, signum):
    starter = _start_cli(own_cache)
    _three_seconds_into_the_start(own_cache, starter)
    starter.send_signal(signum)
    _, err = starter.communicate(timeout=60)
    # SIGINT: "interrupted", exit 130; TERM and HUP: killed by the signal, as usual, but only
    # once the JVM it had launched was stopped and unregistered.
    assert starter.returncode == (130 if signum == signal.SIGINT else -signum), err
    assert "Traceback" not in err
    assert _jvms(own_cache) == [], "a JVM outlived the start-up it belonged to"
    assert server.read_state() is None


@pytest.mark.languagetool
@pytest.mark.slow
def test_sigterm_to_check_while_it_starts_the_server_leaves_it_registered(own_cache, tmp_path):
    # `check` starts the server from a worker thread, where Python cannot catch SIGTERM: the
    # process dies at once. The JVM must not be left unowned: it is in the state file
    # ("starting") with a watchdog following it, and the next start adopts it.
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    starter = _start_cli(own_cache, f"-m followup_lint check --isolated --require-grammar {note}",
                         idle="600")
    _three_seconds_into_the_start(own_cache, starter)
    starter.send_signal(signal.SIGTERM)
    starter.wait(timeout=60)
    [jvm] = _jvms(own_cache)
    state = server.read_state()
    assert state is not None and state.pid == jvm and state.status == "starting"
    assert state.watchdog_pid and f"--pid {jvm} " in server._cmdline(state.watchdog_pid) + " "

    again = _start_cli(own_cache)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert _jvms(own_cache) == [jvm], "the registered JVM was adopted, no second one started"
    assert server.read_state().status == "running"


@pytest.mark.languagetool
@pytest.mark.slow
def test_a_restarted_servers_port_taken_by_a_fake_gets_no_draft_from_a_long_lived_process(
        own_cache):
    # One process (as an editor or a batch job would) lints twice. Between the two notes our
    # server stops and another process binds the very port this process last used.
    _Impostor.posted = []
    first = lint_note(NOTE, config=Config(**SLOW_OK))
    assert [f.text for f in first.by_rule("spelling")] == ["teh"], first.skipped
    old = server.read_state()
    os.kill(old.pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while server.pid_alive(old.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    impostor = None
    while impostor is None and time.monotonic() < deadline:
        try:
            impostor = _serve(old.port)  # a plain http.server (SO_REUSEADDR) on our old port
        except OSError:
            time.sleep(0.1)
    assert impostor is not None, f"port {old.port} could not be bound again"
    try:
        second = lint_note(NOTE.replace("yesterday", "on Monday"), config=Config(**SLOW_OK))
    finally:
        impostor.shutdown()
        impostor.server_close()
    assert _Impostor.posted == [], "the draft was posted to the process now on the port"
    if "grammar" not in second.skipped:  # our server was started again, elsewhere
        assert [f.text for f in second.by_rule("spelling")] == ["teh"]
        assert server.read_state().port != old.port
        assert server.read_state().pid != old.pid


def test_state_folder_owned_by_another_user_is_refused(own_cache):
    home = _home(own_cache)
    os.chown(home, 65534, 65534)  # "nobody"; the tests run as root here
    try:
        result = lint_note(NOTE, config=Config())
    finally:
        os.chown(home, os.geteuid(), os.getegid())
    assert "owned by another user" in result.skipped["grammar"]
    assert _jvms(own_cache) == []


def test_lint_many_retries_a_timed_out_request_once_fake_slow_server(own_cache):
    _Impostor.posted = []
    _Impostor.delays = [3.0]  # the first answer comes after the 1 s timeout; the retry's at once
    fake = _serve()
    url = f"http://127.0.0.1:{fake.server_address[1]}"
    try:
        config = Config(languagetool_url=url, languagetool_timeout=1.0)
        results = lint_many([NOTE.replace("teh ", "")], config=config)
        assert "grammar" not in results[0].skipped
        assert len(_Impostor.posted) == 2
        assert [f.text for f in results[0].by_rule("spelling")] == ["Thank"]  # the retry's

        client.reset()
        _Impostor.posted, _Impostor.delays = [], [3.0, 3.0, 3.0, 3.0]
        results = lint_many([NOTE.replace("teh ", ""), "Thanks again."], config=config)
        # Counting what a batch lost is one line: results say which notes went unchecked.
        unchecked = sum("grammar" in r.skipped for r in results)
        assert unchecked == 2
        assert all("did not answer within 1 s (languagetool_timeout), twice."
                   == r.skipped["grammar"][-len("did not answer within 1 s "
                                                "(languagetool_timeout), twice."):]
                   for r in results), [r.skipped for r in results]
    finally:
        fake.shutdown()
        fake.server_close()
