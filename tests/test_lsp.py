"""End-to-end tests of ``followup-lint lsp``: pytest-lsp drives the real server over stdio."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import tomllib
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SRC = Path(__file__).resolve().parent.parent / "src"

# Every test starts the server in a process of its own (spaCy loaded there): > 5 s each.
pytestmark = pytest.mark.slow

DRAFT = """\
From: Alex Doe <alex@example.com>
To: "Dr. Katherine Smyth" <ksmyth@northwind.example>, Jon Baker <jbaker@northwind.example>
Subject: Following up on the Data Analyst role

Dear Dr. Smith,

Thank you for your time last week. You said I would hear back by Monday, but it is now Wednesday.

Best,
Alex
"""


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@asynccontextmanager
async def server(tmp_path: Path, settings: dict[str, Any] | None = None,
                 encodings: list[str] | None = None, env: dict[str, str] | None = None,
                 init: dict[str, Any] | None = None) -> AsyncIterator[LanguageClient]:
    """The real server on stdio, initialised on ``tmp_path`` as its workspace; ``settings``
    answer workspace/configuration, ``init`` is sent as initializationOptions."""
    env = dict(os.environ, PYTHONPATH=str(SRC)) | (env or {})
    config = ClientServerConfig(server_command=[sys.executable, "-m", "followup_lint", "lsp"],
                                server_env=env)
    client: LanguageClient = await config.start()  # type: ignore[assignment]
    client.set_configuration({"grammar": False} | (settings or {}), section="followup-lint")
    caps = client_capabilities("visual-studio-code")
    if encodings is not None:
        caps.general = t.GeneralClientCapabilities(position_encodings=encodings)
    await client.initialize_session(t.InitializeParams(
        capabilities=caps, root_uri=tmp_path.as_uri(), initialization_options=init,
        workspace_folders=[t.WorkspaceFolder(uri=tmp_path.as_uri(), name="drafts")]))
    try:
        yield client
    finally:
        if client.error is None and client._server is not None and client._server.returncode is None:
            await client.shutdown_session()
        await client.stop()


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "mail") -> str:
    uri = path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        t.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


async def diagnostics(client: LanguageClient, uri: str,
                      until: Callable[[Sequence[t.Diagnostic]], bool],
                      wait: float = 60) -> list[t.Diagnostic]:
    """The diagnostics once they satisfy ``until`` (a deadline against a hang, not a timing test)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + wait
    while loop.time() < end:
        got = client.diagnostics.get(uri)
        if got is not None and until(got):
            return list(got)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no such diagnostics; last: {client.diagnostics.get(uri)}")


def codes(diags: Sequence[t.Diagnostic]) -> set[str]:
    return {str(d.code) for d in diags}


def text_at(text: str, r: t.Range, units: Callable[[str], int] = _utf16) -> str:
    """The text a range covers, counting columns with ``units``."""
    lines = text.split("\n")

    def offset(p: t.Position) -> int:
        line = lines[p.line]
        i = 0
        while i < len(line) and units(line[:i]) < p.character:
            i += 1
        return sum(len(x) + 1 for x in lines[:p.line]) + i
    return text[offset(r.start):offset(r.end)]


def change(client: LanguageClient, uri: str, version: int, r: t.Range | None, new: str) -> None:
    event: Any = (t.TextDocumentContentChangePartial(range=r, text=new) if r is not None
                  else t.TextDocumentContentChangeWholeDocument(text=new))
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[event]))


def apply(text: str, edits: Sequence[t.TextEdit]) -> str:
    lines = text.split("\n")

    def offset(p: t.Position) -> int:
        line = lines[p.line]
        i = 0
        while i < len(line) and _utf16(line[:i]) < p.character:
            i += 1
        return sum(len(x) + 1 for x in lines[:p.line]) + i
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


def edits_of(action: t.CodeAction) -> list[t.TextEdit]:
    assert action.edit is not None and action.edit.document_changes
    change = action.edit.document_changes[0]
    assert isinstance(change, t.TextDocumentEdit)
    return [e for e in change.edits if isinstance(e, t.TextEdit)]


@pytest.mark.asyncio
async def test_a_draft_gets_diagnostics_for_a_misspelled_name_and_an_accusatory_sentence(tmp_path):
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "mutt-draft-1", DRAFT)
        diags = await diagnostics(client, uri, lambda d: {"name-misspelled", "accusatory"} <= codes(d))
        name = next(d for d in diags if d.code == "name-misspelled")
        assert text_at(DRAFT, name.range) == "Smith"  # the body offset mapped back past the headers
        assert name.severity == t.DiagnosticSeverity.Error and name.source == "followup-lint"
        assert "Smyth" in name.message or (name.data and "Smyth" in name.data["suggestions"])
        blame = next(d for d in diags if d.code == "accusatory")
        assert text_at(DRAFT, blame.range).startswith("You said I would hear back")
        hover = await client.text_document_hover_async(t.HoverParams(
            text_document=t.TextDocumentIdentifier(uri=uri), position=blame.range.start))
        assert hover is not None and isinstance(hover.contents, t.MarkupContent)
        assert "accusatory" in hover.contents.value and "Why" in hover.contents.value
        # The rule's documentation is a link away: the project's Documentation URL, rule id anchor.
        docs = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))
        home = docs["project"]["urls"]["Documentation"]
        assert blame.code_description is not None and name.code_description is not None
        assert (blame.code_description.href, name.code_description.href) == (
            f"{home}#accusatory", f"{home}#name-misspelled")


@pytest.mark.asyncio
async def test_the_code_action_replaces_the_name_with_the_roster_spelling(tmp_path):
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "draft.eml", DRAFT, language="plaintext")
        diags = await diagnostics(client, uri, lambda d: "name-misspelled" in codes(d))
        name = next(d for d in diags if d.code == "name-misspelled")
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=name.range,
            context=t.CodeActionContext(diagnostics=[name])))
        assert actions
        fix = next(a for a in actions if isinstance(a, t.CodeAction) and a.is_preferred)
        fixed = apply(DRAFT, edits_of(fix))
        assert "Dear Dr. Smyth," in fixed and fixed.replace("Smyth,", "Smith,", 1) == DRAFT
        for e in edits_of(fix):  # the editor sends the edit back as an incremental change
            change(client, uri, 2, e.range, e.new_text)
        after = await diagnostics(client, uri, lambda d: "name-misspelled" not in codes(d))
        assert "accusatory" in codes(after)


@pytest.mark.asyncio
async def test_incremental_edits_keep_diagnostics_on_the_right_words(tmp_path):
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "draft", DRAFT)
        await diagnostics(client, uri, lambda d: "accusatory" in codes(d))
        text = DRAFT
        line = text.split("\n").index("Dear Dr. Smith,")
        # Type a new first body line, one keystroke at a time (debounced: linted once at the end).
        typed = ""
        for i, ch in enumerate("I hope you are well.\n"):
            pos = t.Position(line=line, character=i)
            change(client, uri, 2 + i, t.Range(start=pos, end=pos), ch)
            typed += ch
        text = text.replace("Dear Dr. Smith,", typed + "Dear Dr. Smith,")
        final = 1 + len("I hope you are well.\n")
        diags = await diagnostics(client, uri, lambda d: any(
            x.code == "name-misspelled" and x.range.start.line == line + 1 for x in d))
        name = next(d for d in diags if d.code == "name-misspelled")
        assert text_at(text, name.range) == "Smith"
        blame = next(d for d in diags if d.code == "accusatory")
        assert text_at(text, blame.range).startswith("You said")
        # Delete the accusatory sentence: its diagnostic goes away.
        lines = text.split("\n")
        k = next(i for i, s in enumerate(lines) if "You said" in s)
        start = t.Position(line=k, character=lines[k].index(" You said"))
        end = t.Position(line=k, character=_utf16(lines[k]))
        change(client, uri, final + 1, t.Range(start=start, end=end), "")
        await diagnostics(client, uri,
                          lambda d: "accusatory" not in codes(d) and "name-misspelled" in codes(d))


EMOJI = DRAFT.replace("Dear Dr. Smith,", "Hi 👋🏽 from Zoë — Dear Dr. Smith,")


@pytest.mark.asyncio
async def test_positions_count_utf16_units_after_emoji_and_accents(tmp_path):
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "draft", EMOJI)
        diags = await diagnostics(client, uri, lambda d: "name-misspelled" in codes(d))
        name = next(d for d in diags if d.code == "name-misspelled")
        line = EMOJI.split("\n")[name.range.start.line]
        prefix = line[:line.index("Smith")]
        assert name.range.start.character == _utf16(prefix) != len(prefix)
        assert text_at(EMOJI, name.range) == "Smith"


@pytest.mark.asyncio
async def test_positions_count_utf8_bytes_when_the_client_asks_for_utf8(tmp_path):
    async with server(tmp_path, encodings=["utf-8", "utf-16"]) as client:
        uri = open_doc(client, tmp_path / "draft", EMOJI)
        diags = await diagnostics(client, uri, lambda d: "name-misspelled" in codes(d))
        name = next(d for d in diags if d.code == "name-misspelled")
        line = EMOJI.split("\n")[name.range.start.line]
        prefix = line[:line.index("Smith")]
        assert name.range.start.character == len(prefix.encode("utf-8"))
        assert text_at(EMOJI, name.range, lambda s: len(s.encode("utf-8"))) == "Smith"


@pytest.mark.asyncio
async def test_ignore_for_this_line_inserts_a_comment_that_check_honours_too(tmp_path):
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "draft", DRAFT)
        diags = await diagnostics(client, uri, lambda d: "accusatory" in codes(d))
        blame = next(d for d in diags if d.code == "accusatory")
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=blame.range,
            context=t.CodeActionContext(diagnostics=[blame])))
        ignore = next(a for a in actions or [] if isinstance(a, t.CodeAction)
                      and a.title == "Ignore accusatory on this line")
        text = apply(DRAFT, edits_of(ignore))
        assert "<!-- followup-lint: ignore accusatory -->" in text
        change(client, uri, 2, None, text)
        after = await diagnostics(client, uri, lambda d: "accusatory" not in codes(d))
        assert "name-misspelled" in codes(after)
    draft = tmp_path / "draft.eml"
    draft.write_text(text, encoding="utf-8")
    import subprocess
    out = subprocess.run([sys.executable, "-m", "followup_lint", "check", "--no-grammar", "--format",
                          "json", str(draft)], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(SRC)))
    assert '"name-misspelled"' in out.stdout and '"accusatory"' not in out.stdout


@pytest.mark.asyncio
async def test_a_configuration_change_is_picked_up_without_a_restart(tmp_path):
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "draft", DRAFT)
        await diagnostics(client, uri, lambda d: "accusatory" in codes(d))
        client.set_configuration({"grammar": False, "ignore": ["accusatory"]}, section="followup-lint")
        client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings=None))
        after = await diagnostics(client, uri, lambda d: "accusatory" not in codes(d))
        assert "name-misspelled" in codes(after)
        # The workspace's config file is read again too.
        (tmp_path / ".followup-lint.toml").write_text('ignore = ["name-misspelled"]\n', encoding="utf-8")
        client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings=None))
        await diagnostics(client, uri, lambda d: not ({"accusatory", "name-misspelled"} & codes(d)))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Listener:
    """A local port that counts the connections made to it (nothing answers them)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def connections(self) -> int:
        n = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return n
            conn.close()
            n += 1


@pytest.mark.asyncio
@pytest.mark.parametrize("where", ["workspace/configuration", "workspace/configuration as text",
                                   "initializationOptions", "config file"])
async def test_grammar_turned_off_never_starts_or_contacts_languagetool(tmp_path, where):
    # The server gets a LanguageTool home of its own, so a server it started would show there,
    # and a Java that is not there, so such a start fails at once instead of taking a JVM.
    cache = tmp_path / "cache"
    workspace = tmp_path / "drafts"
    workspace.mkdir()
    env = {"FOLLOWUP_LINT_CACHE": str(cache), "FOLLOWUP_LINT_JAVA": str(tmp_path / "no-java")}
    lt = Listener()  # a languagetool-url, to see that it is not contacted either
    settings: dict[str, Any] = {"grammar": None}  # None: not set there
    init: dict[str, Any] | None = None
    if where == "workspace/configuration":
        settings = {"grammar": False}  # and no URL: the local server is the one not started
    elif where == "workspace/configuration as text":  # some clients send settings as strings
        settings = {"grammar": "false", "languagetoolUrl": lt.url}
    elif where == "initializationOptions":
        init = {"followup-lint": {"grammar": False, "languagetoolUrl": lt.url}}
    else:
        (workspace / ".followup-lint.toml").write_text(
            f'grammar = false\nlanguagetool-url = "{lt.url}"\n', encoding="utf-8")
    try:
        async with server(workspace, settings, env=env, init=init) as client:
            uri = open_doc(client, workspace / "draft", DRAFT)
            await diagnostics(client, uri, lambda d: "accusatory" in codes(d))
            change(client, uri, 2, None, DRAFT.replace("last week", "last week, truly"))
            await diagnostics(client, uri, lambda d: "accusatory" in codes(d))
            await asyncio.sleep(1.0)  # time for a grammar pass, were one started
            assert not any("grammar" in m.message for m in client.log_messages), client.log_messages
        assert not (cache / "languagetool").exists(), "a LanguageTool server was set up"
        assert lt.connections() == 0, "LanguageTool was contacted"
    finally:
        lt.sock.close()


@pytest.mark.asyncio
async def test_fake_languagetool_down_still_publishes_the_other_diagnostics(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}"
    async with server(tmp_path, {"grammar": True, "languagetoolUrl": url}) as client:
        uri = open_doc(client, tmp_path / "draft", DRAFT)
        loop = asyncio.get_running_loop()
        end = loop.time() + 60
        while not any("grammar skipped" in m.message for m in client.log_messages):
            assert loop.time() < end, "the grammar pass never reported"
            await asyncio.sleep(0.05)
        diags = await diagnostics(client, uri, lambda d: True)
        assert {"name-misspelled", "accusatory"} <= codes(diags)
        assert not {"grammar", "spelling"} & codes(diags)


@pytest.mark.asyncio
async def test_exit_is_prompt_while_a_fake_languagetool_never_answers(tmp_path):
    # A LanguageTool address that accepts connections and never answers: the grammar pass
    # hangs on it (for up to languagetool-timeout), and the editor's exit must not wait for it.
    (tmp_path / ".followup-lint.toml").write_text("languagetool-timeout = 240\n", encoding="utf-8")
    lt = Listener()
    try:
        async with server(tmp_path, {"grammar": True, "languagetoolUrl": lt.url}) as client:
            uri = open_doc(client, tmp_path / "draft", DRAFT)
            await diagnostics(client, uri, lambda d: "accusatory" in codes(d))
            loop = asyncio.get_running_loop()
            end = loop.time() + 60
            held = []  # accepted and kept open, never answered
            while not held:  # until the grammar request is in flight
                assert loop.time() < end, "the grammar pass never asked LanguageTool"
                with contextlib.suppress(BlockingIOError):
                    held.append(lt.sock.accept()[0])
                await asyncio.sleep(0.05)
            await asyncio.wait_for(client.shutdown_session(), timeout=60)  # a hang guard
            assert client._server is not None and client._server.returncode == 0
            for conn in held:
                conn.close()
    finally:
        lt.sock.close()


@pytest.mark.languagetool
@pytest.mark.asyncio
async def test_grammar_findings_follow_and_a_word_can_be_accepted(tmp_path, languagetool_server):
    text = DRAFT.replace("Thank you for your time last week.",
                         "Thank you for your time last week discussing dataviz.")
    # A shared, busy machine: LanguageTool's first answers can be slow; the config file says so.
    (tmp_path / ".followup-lint.toml").write_text("languagetool-timeout = 240\n", encoding="utf-8")
    async with server(tmp_path, {"grammar": True, "languagetoolUrl": languagetool_server}) as client:
        uri = open_doc(client, tmp_path / "draft", text)
        diags = await diagnostics(client, uri, lambda d: "spelling" in codes(d), wait=300)
        assert {"name-misspelled", "accusatory"} <= codes(diags)  # the fast findings stay
        word = next(d for d in diags if d.code == "spelling")
        assert text_at(text, word.range) == "dataviz"
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=word.range,
            context=t.CodeActionContext(diagnostics=[word])))
        accept = next(a for a in actions or [] if a.title.startswith("Add 'dataviz' to accepted-words"))
        # pytest-lsp's client flattens the Command inside this CodeAction into a string, so the
        # command is sent by name, as an editor does when the action is chosen.
        assert "acceptWord" in str(accept.command)
        await client.workspace_execute_command_async(t.ExecuteCommandParams(
            command="followup-lint.acceptWord", arguments=["dataviz"]))
        assert "dataviz" in (tmp_path / ".followup-lint.toml").read_text(encoding="utf-8")
        await diagnostics(client, uri, lambda d: "spelling" not in codes(d) and "accusatory" in codes(d),
                          wait=300)


@pytest.mark.languagetool
@pytest.mark.asyncio
async def test_fast_findings_come_first_then_languagetools_both_as_lint_note_finds(
        tmp_path, languagetool_server):
    from followup_lint import Config, lint_note

    text = DRAFT.replace("Thank you for your time last week.",
                         "Thank you for your time last week discussing dataviz.")
    (tmp_path / ".followup-lint.toml").write_text("languagetool-timeout = 240\n", encoding="utf-8")
    expected = {}
    for grammar in (False, True):
        result = lint_note(text.encode(), config=Config(grammar=grammar, languagetool_timeout=240,
                                                        languagetool_url=languagetool_server))
        expected[grammar] = sorted((f.rule, f.text, f.message) for f in result.findings)
    assert "spelling" in {rule for rule, _, _ in expected[True]}
    async with server(tmp_path, {"grammar": True, "languagetoolUrl": languagetool_server}) as client:
        published: list[Sequence[t.Diagnostic]] = []

        class Recording(dict[str, Sequence[t.Diagnostic]]):  # every publish, in order
            def __setitem__(self, key: str, value: Sequence[t.Diagnostic]) -> None:
                published.append(value)
                super().__setitem__(key, value)

        client.diagnostics = Recording()
        edited = text.replace("Best,", "Best regards,")
        uri = open_doc(client, tmp_path / "draft", text)
        await diagnostics(client, uri, lambda d: "spelling" in codes(d), wait=300)
        first = len(published)
        change(client, uri, 2, None, edited)
        await diagnostics(client, uri, lambda d: len(published) > first and "spelling" in codes(d),
                          wait=300)

        def seen(p: Sequence[t.Diagnostic], draft: str) -> list[tuple[str, str, str]]:
            return sorted((str(d.code), text_at(draft, d.range), d.message) for d in p)

        for draft, passes in ((text, published[:first]), (edited, published[first:])):
            shown = [seen(p, draft) for p in passes]
            shown = [x for i, x in enumerate(shown) if i == 0 or x != shown[i - 1]]
            # The fast findings first, then LanguageTool's with them: each as lint_note finds.
            assert shown == [expected[False], expected[True]]


@pytest.mark.asyncio
async def test_shutdown_and_exit_end_the_server_cleanly(tmp_path):
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "draft", DRAFT)
        await diagnostics(client, uri, lambda d: bool(d))
        await client.shutdown_session()
        assert client._server is not None
        assert client._server.returncode == 0


TEMPLATE = ("Dear {first_name},\n\nThank you for meeting me about the {role} role last week. "
            "I enjoyed our conversation and look forward to hearing from you.\n\n"
            "Best regards,\nAlex\n")


@pytest.mark.asyncio
async def test_a_file_the_templates_globs_name_is_linted_as_a_template(tmp_path):
    (tmp_path / ".followup-lint.toml").write_text('templates = ["outreach/**"]\n', encoding="utf-8")
    for folder in ("outreach", "sent"):
        (tmp_path / folder).mkdir()
    async with server(tmp_path) as client:
        sent = open_doc(client, tmp_path / "sent" / "thanks.txt", TEMPLATE, "plaintext")
        template = open_doc(client, tmp_path / "outreach" / "thanks.txt", TEMPLATE, "plaintext")
        got = await diagnostics(client, sent, lambda d: "placeholder-unfilled" in codes(d))
        assert {"{first_name}", "{role}"} <= {text_at(TEMPLATE, d.range) for d in got}
        got = await diagnostics(client, template, lambda d: True)
        # Template mode: the fields are masked, not reported (nor spell- or name-checked).
        assert not [d for d in got if "{" in text_at(TEMPLATE, d.range)], got
