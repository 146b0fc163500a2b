"""Fixtures and hooks shared by the tests. Tests run against the real spaCy pipeline.
Helpers the test modules import live in tests/helpers.py."""

from __future__ import annotations

import io
import sys

import pytest

from followup_lint import Config, lint_note
from followup_lint.cli import main

from .helpers import note_context


@pytest.fixture
def lint():
    """lint_note with grammar off unless asked for."""
    def _lint(text, roster=None, grammar=False, **context):
        return lint_note(text, roster=roster, context=note_context(context) if context else None,
                         config=Config(grammar=grammar))
    return _lint


@pytest.fixture(scope="session", autouse=True)
def _languagetool_home(tmp_path_factory):
    """Every test runs with a LanguageTool home of the session's own (the user's installed
    jars linked in), so the suite never reuses or stops a server the user is running, and a
    server any test starts is stopped at the end. Yields the user's jar folder."""
    import os

    from followup_lint.languagetool import client, server
    from followup_lint.languagetool.install import LT_VERSION, lib_dir

    user_lib = lib_dir()  # before the environment changes
    home = tmp_path_factory.mktemp("followup-lint-cache")
    (home / "languagetool" / LT_VERSION).mkdir(parents=True)
    os.symlink(user_lib, home / "languagetool" / LT_VERSION / "lib")
    patch = pytest.MonkeyPatch()
    original = os.environ.get("FOLLOWUP_LINT_CACHE")
    patch.setenv("FOLLOWUP_LINT_CACHE", str(home))
    patch.setenv("FOLLOWUP_LINT_LT_IDLE", "900")  # the watchdog stops it 15 minutes after a killed pytest
    client.reset()
    try:
        yield user_lib, original
    finally:
        server.stop()
        patch.undo()
        client.reset()


@pytest.fixture(scope="session")
def languagetool_server(_languagetool_home):
    """One real LanguageTool server for the whole test session, started here and stopped at
    the end (by _languagetool_home). The jars are fetched into the user's cache when missing
    (``followup-lint languagetool install``, which scripts/setup.sh runs). Yields its URL."""
    import os

    from followup_lint.languagetool import server
    from followup_lint.languagetool.install import install

    _, original = _languagetool_home
    with pytest.MonkeyPatch.context() as patch:  # install where the user keeps the jars
        if original is None:
            patch.delenv("FOLLOWUP_LINT_CACHE", raising=False)
        else:
            patch.setenv("FOLLOWUP_LINT_CACHE", original)
        install()
    assert os.path.isdir(server.lib_dir())
    return server.ensure_server()


@pytest.fixture
def run(capsys, monkeypatch, tmp_path):
    """Run the command line in process from ``tmp_path``; returns (code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)

    def _run(*args: str, stdin: bytes | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err
    return _run
