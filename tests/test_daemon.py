"""The resident engine: ``followup-lint daemon`` and the thin client ``check`` and ``guard``
use. Results through the daemon must be the very same as in-process (output, exit code,
what is sent or held), and any failure of the daemon must fall back to in-process linting."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from followup_lint.daemon import client

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ROSTER = str(EXAMPLES / "roster.toml")
EMAIL = (b'From: Priya Raman <priya@example.org>\r\nTo: "Dr. Katherine Smyth" <k@northwind.example>\r\n'
         b"Subject: Thank you\r\nDate: Tue, 05 Nov 2024 09:30:00 +0000\r\n\r\n"
         b"Dear Dr. Smith,\r\n\r\nThank you for you time yesterday. Per my last email, I need an "
         b"answer by Friday!!!\r\n\r\nBest regards,\r\nPriya\r\n")
GOOD_EMAIL = EMAIL.replace(b"Dr. Smith", b"Dr. Smyth").replace(
    b"you time yesterday. Per my last email, I need an answer by Friday!!!",
    b"your time yesterday. I enjoyed hearing about the data platform.")


def _run(args: list[str], env: dict[str, str], stdin: bytes = b"",
         cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "followup_lint", *args], input=stdin, env=env,
                          cwd=cwd, capture_output=True, timeout=300)


def _env(folder: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ, FOLLOWUP_LINT_DAEMON_DIR=folder, PYTHONPATH=str(ROOT / "src"),
               FOLLOWUP_LINT_DAEMON_IDLE="900") | extra
    env.pop("FOLLOWUP_LINT_DAEMON", None)
    env.pop("FOLLOWUP_LINT_SEND_ANYWAY", None)
    return env


@pytest.fixture(scope="module")
def daemon(languagetool_server: str) -> Iterator[dict[str, str]]:
    """A real daemon (spaCy, rules, the session's LanguageTool server) on a socket of its
    own; yields the environment that reaches it. In-process runs use FOLLOWUP_LINT_DAEMON=0."""
    folder = tempfile.mkdtemp(prefix="fld", dir="/tmp")  # a socket path must be short
    env = _env(folder)
    try:
        started = _run(["daemon", "start"], env)
        assert started.returncode == 0, started.stderr.decode()
        yield env
    finally:
        _run(["daemon", "stop"], env)
        shutil.rmtree(folder, ignore_errors=True)


def _served(env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-c", "import json; from followup_lint.daemon import client; "
                          "print(json.dumps(client.ping()))"], env=env, capture_output=True, check=True)
    return int(json.loads(out.stdout)["served"])


def _cold(env: dict[str, str]) -> dict[str, str]:
    return env | {"FOLLOWUP_LINT_DAEMON": "0"}


@pytest.mark.languagetool
def test_status_names_pid_and_a_socket_only_its_user_can_open(daemon: dict[str, str]) -> None:
    status = _run(["daemon", "status"], daemon)
    assert status.returncode == 0
    pid, sock = status.stdout.decode().split()[1::2]
    os.kill(int(pid), 0)
    assert stat.S_IMODE(os.stat(sock).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(Path(sock).parent).st_mode) == 0o700


def test_status_exits_1_when_no_daemon_runs(tmp_path: Path) -> None:
    folder = tempfile.mkdtemp(prefix="fld", dir="/tmp")
    try:
        status = _run(["daemon", "status"], _env(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert status.returncode == 1
    assert b"not running" in status.stderr


CASES = [[str(p), "--roster", ROSTER] for p in sorted(EXAMPLES.glob("*.txt"))] + [
    [str(EXAMPLES / "thank-you-bad.txt"), "--format", "json"],
    [str(EXAMPLES / "status-check-bad.txt"), "--format", "sarif", "--no-grammar"],
    [str(EXAMPLES / "thank-you-bad.txt"), "--select", "no-such-rule"],  # a usage error
]


@pytest.mark.languagetool
@pytest.mark.parametrize("args", CASES, ids=lambda a: "-".join(Path(x).name for x in a[:1] + a[2:]))
def test_check_through_the_daemon_prints_what_in_process_prints(daemon: dict[str, str],
                                                                args: list[str]) -> None:
    before = _served(daemon)
    warm = _run(["check", *args], daemon)
    cold = _run(["check", *args], _cold(daemon))
    assert (warm.returncode, warm.stdout.decode(), warm.stderr.decode()) == \
        (cold.returncode, cold.stdout.decode(), cold.stderr.decode())
    assert _served(daemon) == before + 1


@pytest.mark.languagetool
@pytest.mark.parametrize("raw", [EMAIL, GOOD_EMAIL], ids=["bad-email", "good-email"])
def test_check_of_an_email_on_stdin_through_the_daemon(daemon: dict[str, str], raw: bytes) -> None:
    before = _served(daemon)
    args = ["check", "-", "--stdin-filename", "note.eml"]
    warm, cold = _run(args, daemon, raw), _run(args, _cold(daemon), raw)
    assert warm.stdout and (warm.returncode, warm.stdout, warm.stderr) == \
        (cold.returncode, cold.stdout, cold.stderr)
    assert _served(daemon) == before + 1


def _sendmail(tmp_path: Path) -> tuple[Path, Path]:
    out = tmp_path / "received.eml"
    script = tmp_path / "fake-sendmail"
    script.write_text(f"#!/bin/sh\ncat > '{out}'\n")
    script.chmod(0o755)
    return script, out


def _guard(env: dict[str, str], tmp_path: Path, raw: bytes, name: str) -> tuple[int, str, bytes | None,
                                                                                 list[bytes]]:
    script, out = _sendmail(tmp_path)
    out.unlink(missing_ok=True)
    state = tmp_path / name
    done = _run(["guard", "--roster", ROSTER, "--", str(script)],
                env | {"XDG_STATE_HOME": str(state)}, raw)
    held = sorted((state / "followup-lint" / "held").glob("*")) if state.exists() else []
    err = done.stderr.decode().replace(str(state), "STATE")
    for path in held:
        err = err.replace(path.name, "HELD")
    return done.returncode, err, out.read_bytes() if out.exists() else None, \
        [p.read_bytes() for p in held]


@pytest.mark.languagetool
@pytest.mark.parametrize("raw", [EMAIL, GOOD_EMAIL, (EXAMPLES / "thank-you-bad.txt").read_bytes()],
                         ids=["bad-email", "good-email", "bad-text"])
def test_guard_through_the_daemon_sends_or_holds_as_in_process(daemon: dict[str, str], tmp_path: Path,
                                                                raw: bytes) -> None:
    before = _served(daemon)
    warm = _guard(daemon, tmp_path, raw, "warm")
    cold = _guard(_cold(daemon), tmp_path, raw, "cold")
    assert warm == cold
    code, _, sent, held = warm
    assert (sent == raw and not held) if code == 0 else (sent is None and held == [raw])
    assert _served(daemon) == before + 1


@pytest.mark.languagetool
def test_guard_usage_error_is_the_same_with_the_daemon(daemon: dict[str, str], tmp_path: Path) -> None:
    args = ["guard", "--kind", "nonsense", "--", "true"]
    warm, cold = _run(args, daemon, GOOD_EMAIL), _run(args, _cold(daemon), GOOD_EMAIL)
    assert warm.returncode == cold.returncode == 2
    assert warm.stderr == cold.stderr


@pytest.mark.languagetool
def test_config_daemon_off_lints_in_process(daemon: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / ".followup-lint.toml").write_text('daemon = "off"\ngrammar = false\n')
    note = tmp_path / "note.txt"
    note.write_bytes((EXAMPLES / "thank-you-bad.txt").read_bytes())
    before = _served(daemon)
    env = daemon | {"FOLLOWUP_LINT_SAFE_CONFIG": str(tmp_path)}
    warm, cold = _run(["check", str(note)], env), _run(["check", str(note)], _cold(env))
    assert warm.stdout and (warm.returncode, warm.stdout, warm.stderr) == \
        (cold.returncode, cold.stdout, cold.stderr)
    assert _served(daemon) == before


@pytest.mark.languagetool
def test_thin_client_imports_neither_spacy_nor_the_rules(daemon: dict[str, str], tmp_path: Path) -> None:
    # Nor the config, roster or package metadata: each costs tens of ms on every send.
    script, _ = _sendmail(tmp_path)
    probe = ("import sys, io\nfrom followup_lint.cli import main\n"
             f"sys.stdin = io.TextIOWrapper(io.BytesIO({GOOD_EMAIL!r}))\n"
             f"code = main(sys.argv[1:])\n"
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc') "
             "or m.startswith(('followup_lint.rules', 'followup_lint.api', 'followup_lint.config', "
             "'followup_lint.roster', 'followup_lint.findings', 'importlib.metadata')))\n"
             "print(code, bad, file=sys.stderr)\n")
    for args in (["check", str(EXAMPLES / "thank-you-good.txt"), "--roster", ROSTER],
                 ["guard", "--roster", ROSTER, "--", str(script)]):
        before = _served(daemon)
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, timeout=120,
                              env=daemon | {"XDG_STATE_HOME": str(tmp_path / "state")})
        assert done.stderr.decode().splitlines()[-1] == "0 []", done.stderr.decode()
        assert _served(daemon) == before + 1


class _FakeDaemon:
    """A fake daemon on a real socket that answers every request with ``reply`` (or closes
    the connection at once when it is None): the fault the client must survive."""

    def __init__(self, folder: str, reply: bytes | None) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(os.path.join(folder, "daemon.sock"))
        self.sock.listen(8)
        self.reply = reply
        self.requests = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self.requests += 1
                if self.reply is not None:
                    conn.settimeout(5)
                    while conn.recv(65536):
                        pass
                    conn.sendall(self.reply)

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("reply", [None, b"not json", b'{"ok": true}', b'{"code": "x", "stdout": 1}',
                                   b'{"verdict": {"kind": "result"}}'],
                         ids=["fake-closes", "fake-garbage", "fake-ok-only", "fake-bad-types",
                              "fake-verdict-missing-fields"])
def test_fake_daemon_that_fails_falls_back_to_in_process(tmp_path: Path, reply: bytes | None) -> None:
    folder = tempfile.mkdtemp(prefix="fld", dir="/tmp")
    fake = _FakeDaemon(folder, reply)
    try:
        env = _env(folder)
        args = ["check", "-", "--no-grammar", "--stdin-filename", "note.eml"]
        warm, cold = _run(args, env, EMAIL), _run(args, _cold(env), EMAIL)
        assert warm.stdout and (warm.returncode, warm.stdout, warm.stderr) == \
            (cold.returncode, cold.stdout, cold.stderr)
        script, out = _sendmail(tmp_path)
        for raw, sent in ((GOOD_EMAIL, True), (EMAIL, False)):
            out.unlink(missing_ok=True)
            state = tmp_path / "state"
            done = _run(["guard", "--no-grammar", "--", str(script)],
                        env | {"XDG_STATE_HOME": str(state)}, raw)
            held = [p.read_bytes() for p in (state / "followup-lint" / "held").glob("*")]
            shutil.rmtree(state, ignore_errors=True)
            if sent:
                assert done.returncode == 0 and out.read_bytes() == raw and not held
            else:
                assert done.returncode == 1 and not out.exists() and held == [raw]
        assert fake.requests >= 1
    finally:
        fake.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_value_options_match_the_check_parser() -> None:
    from followup_lint.cli.main import build_parser

    parser = build_parser()
    check = next(a for a in parser._subparsers._group_actions[0].choices.items()  # type: ignore[union-attr]
                 if a[0] == "check")[1]
    takes_value = {s for a in check._actions if a.option_strings and a.nargs != 0
                   for s in a.option_strings}
    assert takes_value == set(client.VALUE_OPTIONS)


def test_socket_folder_follows_xdg_runtime_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("FOLLOWUP_LINT_DAEMON_DIR", "FOLLOWUP_LINT_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert client.socket_path() == tmp_path / "followup-lint" / "daemon.sock"
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert client.runtime_dir() == tmp_path / "cache" / "followup-lint" / f"run-{os.getuid()}"


@pytest.mark.languagetool
@pytest.mark.slow
def test_daemon_exits_after_its_idle_time(languagetool_server: str) -> None:
    folder = tempfile.mkdtemp(prefix="fld", dir="/tmp")
    env = _env(folder, FOLLOWUP_LINT_DAEMON_IDLE="1")
    try:
        assert _run(["daemon", "start"], env).returncode == 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _run(["daemon", "status"], env).returncode == 0:
            time.sleep(0.5)
        assert _run(["daemon", "status"], env).returncode == 1
        assert not (Path(folder) / "daemon.sock").exists()
    finally:
        _run(["daemon", "stop"], env)
        shutil.rmtree(folder, ignore_errors=True)
