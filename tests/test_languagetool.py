"""Getting LanguageTool, the shared server, the client, the command, and the faults.

The real server is the session's (``languagetool_server``). Faults are injected in an
isolated cache folder; where a JVM would only rarely show a fault, a fake ``java``
(tests/fake_languagetool.py) plays the server, and the test says "fake" in its name.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from followup_lint import Config, lint_note
from followup_lint.errors import GrammarUnavailable
from followup_lint.languagetool import client, server
from followup_lint.languagetool.client import parse_matches, utf16_to_index
from followup_lint.languagetool.install import LT_VERSION, cache_root, install, installed, lib_dir

FAKE = Path(__file__).with_name("fake_languagetool.py")
NOTE = ("Dear {{ name }},\n\nThank you for teh interview yesterday; I enjoyed meeting the "
        "team.\n\nBest,\nSam")


def _run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup_lint.languagetool", *args],
                          capture_output=True, text=True, timeout=300,
                          env=env if env is not None else dict(os.environ))


@pytest.fixture
def isolated(tmp_path, monkeypatch, languagetool_server):
    """A cache folder of its own (the real jars linked in), no server in it yet.

    Depends on the session server so that, when the test ends, the environment falls back
    to it; stops whatever the test started there.
    """
    cache = tmp_path / "cache"
    (cache / "languagetool" / LT_VERSION).mkdir(parents=True)
    real_lib = Path(os.path.realpath(lib_dir()))
    os.symlink(real_lib, cache / "languagetool" / LT_VERSION / "lib")
    monkeypatch.setenv("FOLLOWUP_LINT_CACHE", str(cache))
    monkeypatch.setenv("FOLLOWUP_LINT_LT_IDLE", "0")
    client.reset()
    yield cache
    server.stop()
    client.reset()


@pytest.fixture
def fake_java(tmp_path, monkeypatch):
    """Put a fake ``java`` in charge (FOLLOWUP_LINT_JAVA); set FAKE_LT_MODE to choose a fault."""
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text(f"#!/bin/sh\nexec {sys.executable} {FAKE} \"$@\"\n")
    java.chmod(0o755)
    monkeypatch.setenv("FOLLOWUP_LINT_JAVA", str(java))
    return java


def _grammar_off_findings_still_there(result) -> None:
    assert result.by_rule("placeholder-unfilled"), "the other rules must still report"
    reason = result.skipped["grammar"]
    assert "\n" not in reason and reason.endswith(".") and reason[0].isupper()


# --- getting the jars ---------------------------------------------------------------------

def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("FOLLOWUP_LINT_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "followup-lint"
    monkeypatch.setenv("FOLLOWUP_LINT_CACHE", str(tmp_path / "own"))
    assert cache_root() == tmp_path / "own"
    assert lib_dir() == tmp_path / "own" / "languagetool" / LT_VERSION / "lib"


@pytest.mark.languagetool
def test_install_is_idempotent_and_does_not_run_maven_again(languagetool_server, monkeypatch):
    assert installed()
    monkeypatch.setenv("FOLLOWUP_LINT_MVN", "/nonexistent/mvn")  # would fail if it ran
    assert install() == lib_dir()
    jars = {p.name for p in lib_dir().glob("*.jar")}
    assert any(n.startswith("languagetool-server-") for n in jars)
    assert any(n.startswith("language-en-") for n in jars)
    assert not any(n.startswith(("language-all-", "language-de-", "language-fr-")) for n in jars)


@pytest.mark.languagetool
@pytest.mark.slow
def test_maven_unreachable_fake_offline_maven(isolated, tmp_path, monkeypatch):
    """Real Maven, forced offline with an empty local repository: Central is unreachable."""
    (isolated / "languagetool" / LT_VERSION / "lib").unlink()  # no jars yet
    mvn = tmp_path / "fake-mvn"
    mvn.write_text(f"#!/bin/sh\nexec mvn -o -Dmaven.repo.local={tmp_path}/empty-repo \"$@\"\n")
    mvn.chmod(0o755)
    monkeypatch.setenv("FOLLOWUP_LINT_MVN", str(mvn))
    with pytest.raises(GrammarUnavailable, match="Maven could not fetch LanguageTool"):
        install()
    assert not installed()
    client.reset()
    result = lint_note(NOTE, config=Config())
    _grammar_off_findings_still_there(result)
    assert "Maven" in result.skipped["grammar"]


@pytest.mark.languagetool
def test_no_maven_at_all(isolated, monkeypatch):
    (isolated / "languagetool" / LT_VERSION / "lib").unlink()
    monkeypatch.setenv("FOLLOWUP_LINT_MVN", "/nonexistent/mvn")
    result = lint_note(NOTE, config=Config())
    _grammar_off_findings_still_there(result)
    assert "Maven ('mvn') was not found" in result.skipped["grammar"]


# --- the shared server --------------------------------------------------------------------

@pytest.mark.languagetool
def test_session_server_answers_on_localhost_and_status_prints_its_url(languagetool_server):
    state = server.read_state()
    assert state is not None and state.url == languagetool_server
    assert languagetool_server.startswith("http://127.0.0.1:")
    done = _run_cli("status")
    assert done.returncode == 0
    assert done.stdout.strip() == languagetool_server


@pytest.mark.languagetool
def test_server_listens_on_loopback_only(languagetool_server):
    port = server.read_state().port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no traffic: picks the outward interface
            outward = probe.getsockname()[0]
        except OSError:
            pytest.skip("no network interface besides loopback")
    if outward.startswith("127."):
        pytest.skip("no network interface besides loopback")
    with pytest.raises(OSError):
        socket.create_connection((outward, port), timeout=2).close()


@pytest.mark.languagetool
def test_a_later_process_reuses_the_running_server(languagetool_server):
    before = server.read_state()
    done = subprocess.run(
        [sys.executable, "-c", "from followup_lint.languagetool.server import ensure_server;"
                               "print(ensure_server())"],
        capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == languagetool_server
    assert server.read_state().pid == before.pid


@pytest.mark.languagetool
def test_stale_state_file_is_cleaned_up(isolated):
    dead = subprocess.Popen(["true"])
    dead.wait()
    home = isolated / "languagetool" / LT_VERSION
    (home / "server.json").write_text(json.dumps(
        {"pid": dead.pid, "port": 1, "version": LT_VERSION, "started_at": 0}))
    done = _run_cli("status")
    assert done.returncode == 1 and "not running" in done.stderr
    assert not (home / "server.json").exists()


@pytest.mark.languagetool
def test_start_status_stop_with_fake_java(isolated, fake_java):
    started = _run_cli("start")
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip()
    assert url.startswith("http://127.0.0.1:")
    assert _run_cli("status").stdout.strip() == url
    pid = server.read_state().pid
    assert _run_cli("stop").stdout.strip() == "stopped"
    assert not server.pid_alive(pid)
    assert _run_cli("status").returncode == 1


@pytest.mark.languagetool
def test_idle_server_is_stopped_by_the_watchdog_fake_java(isolated, fake_java, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_LINT_LT_IDLE", "1")
    server.ensure_server()
    state = server.read_state()
    assert state is not None and state.watchdog_pid
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.pid_alive(state.pid):
        time.sleep(0.2)
    assert not server.pid_alive(state.pid), "the watchdog did not stop the idle server"
    while time.monotonic() < deadline and server.state_path().exists():
        time.sleep(0.2)
    assert not server.state_path().exists()


# --- faults -------------------------------------------------------------------------------

@pytest.mark.languagetool
def test_no_java_on_path(isolated, monkeypatch, tmp_path):
    monkeypatch.delenv("FOLLOWUP_LINT_JAVA", raising=False)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing in it
    result = lint_note(NOTE, config=Config())
    _grammar_off_findings_still_there(result)
    assert "Java is not installed" in result.skipped["grammar"]


@pytest.mark.languagetool
def test_java_override_pointing_nowhere_and_require_grammar(isolated, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_LINT_JAVA", "/nonexistent/java")
    result = lint_note(NOTE, config=Config())
    _grammar_off_findings_still_there(result)
    assert "Java was not found" in result.skipped["grammar"]
    with pytest.raises(GrammarUnavailable, match="require_grammar"):
        lint_note(NOTE, config=Config(require_grammar=True))


@pytest.mark.languagetool
def test_server_fails_to_start_fake_java(isolated, fake_java, monkeypatch):
    monkeypatch.setenv("FAKE_LT_MODE", "fail")
    result = lint_note(NOTE, config=Config())
    _grammar_off_findings_still_there(result)
    assert "failed to start" in result.skipped["grammar"]
    assert "Could not find or load main class" in result.skipped["grammar"]
    assert server.read_state() is None


@pytest.mark.languagetool
def test_server_never_ready_times_out_fake_java(isolated, fake_java, monkeypatch):
    monkeypatch.setenv("FAKE_LT_MODE", "hang")
    monkeypatch.setattr(server, "START_TIMEOUT", 1.5)
    result = lint_note(NOTE, config=Config())
    _grammar_off_findings_still_there(result)
    assert "did not answer within 2 s" in result.skipped["grammar"]
    left = [p.name for p in Path("/proc").glob("[0-9]*")
            if str(FAKE) in server._cmdline(int(p.name)) and server.pid_alive(int(p.name))]
    assert not left, "the server that never answered was not stopped"


@pytest.mark.languagetool
def test_port_taken_is_retried_on_another_port_fake_java(isolated, fake_java, monkeypatch):
    """The JVM finds its port taken (BindException): the server starts on another one."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    taken_port = taken.getsockname()[1]
    real_free_port = server._free_port
    ports = iter([taken_port])
    monkeypatch.setattr(server, "_free_port", lambda: next(ports, None) or real_free_port())
    monkeypatch.setattr(server, "_port_free", lambda port: True)  # the race: looked free
    try:
        result = lint_note(NOTE, config=Config())
    finally:
        taken.close()
    assert "grammar" not in result.skipped
    assert [f.text for f in result.by_rule("spelling")] == ["teh"]
    assert server.read_state().port != taken_port


@pytest.mark.languagetool
def test_port_always_taken_fake_java(isolated, fake_java, monkeypatch):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    monkeypatch.setattr(server, "_free_port", lambda: taken.getsockname()[1])
    try:
        result = lint_note(NOTE, config=Config())
    finally:
        taken.close()
    _grammar_off_findings_still_there(result)
    assert "is taken" in result.skipped["grammar"]


@pytest.mark.languagetool
def test_server_killed_mid_run_fake_java(isolated, fake_java, monkeypatch):
    monkeypatch.setenv("FAKE_LT_MODE", "die-on-check")
    result = lint_note(NOTE, config=Config())
    _grammar_off_findings_still_there(result)
    assert "not answering" in result.skipped["grammar"]
    # The next note finds the stale state, starts a new server and is checked.
    monkeypatch.setenv("FAKE_LT_MODE", "serve")
    again = lint_note(NOTE, config=Config())
    assert "grammar" not in again.skipped
    assert [f.text for f in again.by_rule("spelling")] == ["teh"]


@pytest.mark.languagetool
@pytest.mark.slow
def test_real_server_killed_between_notes_is_restarted(isolated):
    first = lint_note("Thank you for teh interview.", config=Config())
    assert [f.text for f in first.by_rule("spelling")] == ["teh"]
    pid = server.read_state().pid
    os.kill(pid, signal.SIGKILL)
    second = lint_note("Thank you for teh interview.", config=Config())
    assert "grammar" not in second.skipped
    assert [f.text for f in second.by_rule("spelling")] == ["teh"]
    assert server.read_state().pid != pid


@pytest.mark.languagetool
@pytest.mark.slow
def test_request_timeout_fake_server(isolated, fake_java, monkeypatch):
    monkeypatch.setenv("FAKE_LT_MODE", "slow")
    monkeypatch.setenv("FAKE_LT_DELAY", "5")
    url = server.ensure_server()  # a slow fake server, given to the config by URL
    result = lint_note(NOTE, config=Config(languagetool_url=url, languagetool_timeout=0.5))
    _grammar_off_findings_still_there(result)
    assert "did not answer within 0.5 s" in result.skipped["grammar"]
    with pytest.raises(GrammarUnavailable):
        lint_note(NOTE, config=Config(languagetool_url=url, languagetool_timeout=0.5,
                                      require_grammar=True))


@pytest.mark.languagetool
def test_unreachable_url_is_reported(isolated):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    result = lint_note(NOTE, config=Config(languagetool_url=f"http://127.0.0.1:{port}"))
    _grammar_off_findings_still_there(result)
    assert f"127.0.0.1:{port}" in result.skipped["grammar"]


@pytest.mark.languagetool
def test_unknown_mode_is_a_config_error(isolated):
    from followup_lint import ConfigError

    with pytest.raises(ConfigError, match="languagetool-mode must be one of local, download, public"):
        Config(languagetool_mode="cloud")


# --- the client ---------------------------------------------------------------------------

def test_utf16_offsets_become_python_offsets():
    text = "Zoë 😀😀 said teh"
    to_index = utf16_to_index(text)
    utf16 = len(text[:text.index("teh")].encode("utf-16-le")) // 2
    assert utf16 == text.index("teh") + 2
    assert to_index(utf16) == text.index("teh")
    payload = {"matches": [{"offset": utf16, "length": 3, "message": "m", "replacements": [],
                            "rule": {"id": "X", "issueType": "misspelling",
                                     "category": {"id": "TYPOS", "name": "Possible Typo"}}}]}
    (match,) = parse_matches(text, payload)
    assert text[match.start:match.end] == "teh"


@pytest.mark.languagetool
def test_real_server_offsets_with_accents_and_emoji(languagetool_server):
    text = "Café ☕ and 😀 naïve 😀 then a mistkae here."
    checker = client.Checker(languagetool_server, "en-US")
    hits = [text[m.start:m.end] for m in checker.check(text)]
    assert "mistkae" in hits
