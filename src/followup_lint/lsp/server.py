"""The language server: diagnostics as the draft is typed, hovers, code actions.

Each change is linted after a pause in typing (``DEBOUNCE``). In a worker thread the job
sends LanguageTool's request first, then parses and runs every other check: the fast pass,
published at once. The grammar pass, from the same parse, reads LanguageTool's answer in
another thread: it comes at about the later of the fast pass and LanguageTool's answer, not
their sum. Its findings replace the fast ones unless the document changed meanwhile (a stale
result is dropped; a failed grammar pass keeps the fast findings).
"""

from __future__ import annotations

import asyncio
import functools
import importlib.metadata
import logging
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..api import lint_in_passes
from ..errors import FollowupLintError
from ..findings import LintResult
from ..note import Note
from .actions import ACCEPT_WORD, Action, Located, actions_for, add_accepted_word, hover_text
from .documents import read_document
from .positions import DocumentPositions, Point
from .settings import SECTION, Settings, resolve

log = logging.getLogger(__name__)

#: Seconds of quiet after a change before it is linted.
DEBOUNCE = 0.3
#: Seconds the first lint waits for the client's settings (workspace/configuration).
CONFIGURATION_WAIT = 10.0
#: LanguageTool answers waited for at once (superseded ones are dropped when they come).
GRAMMAR_THREADS = 4
SOURCE = "followup-lint"
_SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning,
             "info": t.DiagnosticSeverity.Information}


@dataclass
class Linted:
    """The findings of one version of a document, placed in it."""

    version: int | None
    found: list[Located]
    result: LintResult | None
    #: LanguageTool's answer is still to come (a later pass of the same parse).
    more: bool = False


@dataclass
class Passes:
    """A document's note and its lint in passes (``lint_in_passes``)."""

    note: Note
    results: Iterator[tuple[LintResult, bool]]

    def close(self) -> None:
        """Drop the passes not run yet (no wait for LanguageTool)."""
        close = getattr(self.results, "close", None)
        if close is not None:
            close()


def path_of(uri: str) -> Path | None:
    """The local path of a file: URI, else None."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


class FollowupLintServer(LanguageServer):
    """followup-lint's language server (stdio)."""

    def __init__(self) -> None:
        super().__init__("followup-lint", __version__)
        self.client_settings: dict[str, Any] = {}
        self.root: Path | None = None
        self.settings = Settings()
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.linted: dict[str, Linted] = {}
        self.languages: dict[str, str] = {}
        self.shut_down = False
        # Not on the event loop: the first LanguageTool request of a process finds the server
        # under a lock, and an address that never answers must not freeze the editor's server.
        self.fast_pool = ThreadPoolExecutor(1, thread_name_prefix="followup-lint-fast")
        # Grammar waits on LanguageTool: its own threads, so typing is never blocked by it,
        # and a newer version's answer is not queued behind a superseded one still in flight.
        self.grammar_pool = ThreadPoolExecutor(GRAMMAR_THREADS,
                                               thread_name_prefix="followup-lint-grammar")
        self.said: set[str] = set()
        # Set once the client's settings are in (after `initialized`): nothing is linted with
        # the defaults before, so grammar turned off there never starts LanguageTool.
        self.configured = asyncio.Event()

    # --- settings ----------------------------------------------------------------------

    def reload_settings(self) -> None:
        self.settings = resolve(self.client_settings, self.root)
        for problem in self.settings.problems:
            self.tell(f"followup-lint settings: {problem}", t.MessageType.Error)

    async def pull_configuration(self) -> None:
        """Ask the client for the ``followup-lint`` section when it can answer."""
        caps = self.client_capabilities.workspace
        if caps is None or not caps.configuration:
            return
        try:
            got = await self.workspace_configuration_async(
                t.ConfigurationParams(items=[t.ConfigurationItem(section=SECTION)]))
        except Exception as e:  # noqa: BLE001 - a client that cannot answer keeps the old settings
            log.warning("workspace/configuration failed: %s", e)
            return
        if got and isinstance(got[0], dict):
            # A setting the client leaves unset (null) keeps the initializationOptions' value.
            self.client_settings = {**self.client_settings,
                                    **{k: v for k, v in got[0].items() if v is not None}}

    def tell(self, message: str, kind: t.MessageType = t.MessageType.Info) -> None:
        """A log message to the client, each text once."""
        if message in self.said:
            return
        self.said.add(message)
        self.window_log_message(t.LogMessageParams(type=kind, message=message))

    # --- linting -----------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    def relint_all(self) -> None:
        for uri in list(self.languages):
            self.schedule(uri, 0)

    def current_version(self, uri: str) -> int | None:
        return self.workspace.get_text_document(uri).version

    def still_current(self, uri: str, version: int | None) -> bool:
        """Whether the running lint is still the one wanted for ``uri``: the document is open
        at ``version`` and no lint was scheduled since (a superseded one never publishes,
        even when its cancellation was lost: Python 3.11's ``wait_for`` returns instead of
        raising when the event it waits for is set in the same step as the cancel)."""
        return (uri in self.languages and self.current_version(uri) == version
                and self.pending.get(uri) is asyncio.current_task())

    async def _lint_later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        if not self.configured.is_set():
            try:
                await asyncio.wait_for(self.configured.wait(), CONFIGURATION_WAIT)
            except TimeoutError:  # a client that never says `initialized`: lint with what is known
                self.configured.set()
        doc = self.workspace.get_text_document(uri)
        source, version = doc.source, doc.version
        loop = asyncio.get_running_loop()
        if not self.still_current(uri, version):
            return
        passes = self.passes(uri, source)
        if passes is None:  # nothing to lint (an empty draft): no diagnostics
            self.publish(uri, Linted(version, [], None))
            return
        # One parse: the fast pass publishes every other check's findings at once; the same
        # job then waits for LanguageTool in its own thread, so typing is never blocked by it.
        fast = await loop.run_in_executor(self.fast_pool, self.step, uri, source, version, passes)
        if fast is None or not self.still_current(uri, version):
            passes.close()
            return
        self.publish(uri, fast)
        if not fast.more:
            return
        slow = await loop.run_in_executor(self.grammar_pool, self.step, uri, source, version, passes)
        if slow is None or not self.still_current(uri, version):
            return  # the draft changed while LanguageTool worked: that result is stale
        if slow.result is None:
            return  # the grammar pass failed (said in the log): the fast findings stay shown
        if slow.result is not None and "grammar" in slow.result.skipped:
            self.tell(f"followup-lint: grammar skipped: {slow.result.skipped['grammar']}",
                      t.MessageType.Warning)
        self.publish(uri, slow)

    def passes(self, uri: str, source: str) -> Passes | None:
        """The lint of one version of a document, in passes (``lint_in_passes``); None when
        it cannot be read (said in the log)."""
        settings = self.settings
        path = path_of(uri)
        try:
            base = settings.config_path.parent if settings.config_path else self.root
            note, config = read_document(source, str(path or uri), self.languages.get(uri),
                                         settings.config, base)
        except FollowupLintError as e:
            log.info("%s: %s", uri, e)
            return None
        config = replace(config, require_grammar=False)
        return Passes(note, lint_in_passes(note, roster=settings.roster, context=settings.context,
                                           config=config))

    def step(self, uri: str, source: str, version: int | None,
             passes: Passes) -> Linted | None:
        """The next pass (in a worker thread), placed in the document; None when the document
        changed before it started (the pass is then not run)."""
        if uri not in self.languages or self.current_version(uri) != version:
            passes.close()
            return None
        try:
            result, done = next(passes.results)
        except StopIteration:
            return None
        except FollowupLintError as e:
            # An empty or half-written draft: no diagnostics, and the reason in the log.
            log.info("%s: %s", uri, e)
            return Linted(version, [], None)
        except Exception as e:  # noqa: BLE001 - a bug of ours must not take the editor's server down
            log.exception("linting %s failed", uri)
            self.tell(f"followup-lint: internal error: {type(e).__name__}: {e}", t.MessageType.Error)
            return Linted(version, [], None)
        where = DocumentPositions(source, passes.note, self.workspace.position_encoding or "utf-16")
        found = [Located(f, where.point(f.start), where.point(f.end)) for f in result.findings]
        return Linted(version, found, result, more=not done)

    def publish(self, uri: str, linted: Linted) -> None:
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=uri, version=linted.version, diagnostics=[diagnostic(x) for x in linted.found]))

    # --- code actions ------------------------------------------------------------------

    def code_actions(self, params: t.CodeActionParams) -> list[t.CodeAction]:
        uri = params.text_document.uri
        linted = self.linted.get(uri)
        if linted is None:
            return []
        doc = self.workspace.get_text_document(uri)
        lines = doc.source.split("\n")
        where = DocumentPositions(doc.source, _no_note(), self.workspace.position_encoding or "utf-16")
        last = len(lines) - 1
        doc_end = where.line_end(last)
        out: list[t.CodeAction] = []
        for x in linted.found:
            if not _overlaps(x, params.range):
                continue
            for a in actions_for(x, where.line_end(x.start.line), doc_end, self.root is not None):
                out.append(self.to_lsp(a, uri, doc.version))
        return out

    def to_lsp(self, a: Action, uri: str, version: int | None) -> t.CodeAction:
        diagnostics = [diagnostic_of(a)] if a.finding is not None else None
        if a.accept_word is not None:
            return t.CodeAction(title=a.title, kind=t.CodeActionKind.QuickFix, diagnostics=diagnostics,
                                command=t.Command(title=a.title, command=ACCEPT_WORD,
                                                  arguments=[a.accept_word]))
        edits: list[t.TextEdit | t.AnnotatedTextEdit | t.SnippetTextEdit] = [
            t.TextEdit(range=_range(e.start, e.end), new_text=e.new) for e in a.edits]
        change = t.TextDocumentEdit(
            text_document=t.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=edits)
        return t.CodeAction(title=a.title, kind=t.CodeActionKind.QuickFix, diagnostics=diagnostics,
                            is_preferred=a.preferred or None,
                            edit=t.WorkspaceEdit(document_changes=[change]))

    def accept_word(self, word: str) -> None:
        root = self.root
        if root is None:
            self.tell("followup-lint: no workspace folder to keep accepted words in", t.MessageType.Error)
            return
        written = add_accepted_word(self.settings.config_path, root, word)
        self.tell(f"followup-lint: added {word!r} to accepted-words in {written}")
        self.said.discard(f"followup-lint: added {word!r} to accepted-words in {written}")
        self.reload_settings()
        self.relint_all()


def _no_note() -> Any:
    from ..note import note_from_text

    return note_from_text("")


def _range(a: Point, b: Point) -> t.Range:
    return t.Range(start=t.Position(line=a.line, character=a.character),
                   end=t.Position(line=b.line, character=b.character))


def _overlaps(x: Located, r: t.Range) -> bool:
    start = (x.start.line, x.start.character)
    end = (x.end.line, x.end.character)
    return start <= (r.end.line, r.end.character) and (r.start.line, r.start.character) <= end


@functools.cache
def documentation_url() -> str | None:
    """The installed package's ``Documentation`` project URL (pyproject's [project.urls]),
    or None when the package metadata is not there (run from a source tree)."""
    try:
        entries = [str(e) for e in
                   importlib.metadata.metadata("followup-lint").get_all("Project-URL") or []]
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "documentation" and url.strip():
            return url.strip()
    return None


def rule_link(rule: str) -> t.CodeDescription | None:
    """Where a rule is documented: the Documentation URL with the rule id as anchor
    (docs/decisions.md: no rule docs are shipped in the package, so no file: URI)."""
    base = documentation_url()
    return None if base is None else t.CodeDescription(href=f"{base.split('#')[0]}#{rule}")


def diagnostic(x: Located) -> t.Diagnostic:
    """The LSP diagnostic of one placed finding."""
    f = x.finding
    return t.Diagnostic(
        range=_range(x.start, x.end), message=f.message, severity=_SEVERITY[f.severity],
        code=f.rule, code_description=rule_link(f.rule),
        source=SOURCE if f.source == "followup-lint" else f"{SOURCE} ({f.source})",
        data={"rule": f.rule, "suggestions": list(f.suggestions), "fix_safe": f.fix_safe})


def diagnostic_of(a: Action) -> t.Diagnostic:
    assert a.finding is not None
    f = a.finding
    edit = a.edits[0] if a.edits else None
    where = _range(edit.start, edit.end) if edit else _range(Point(0, 0), Point(0, 0))
    return t.Diagnostic(range=where, message=f.message, severity=_SEVERITY[f.severity], code=f.rule,
                        source=SOURCE)


def initialize(ls: FollowupLintServer, params: t.InitializeParams) -> None:
    if isinstance(params.initialization_options, dict):
        opts = params.initialization_options
        ls.client_settings = dict(opts.get(SECTION, opts))
    folders = params.workspace_folders or []
    uri = folders[0].uri if folders else params.root_uri
    ls.root = path_of(uri) if uri else None
    ls.reload_settings()

async def initialized(ls: FollowupLintServer, params: t.InitializedParams) -> None:
    await ls.pull_configuration()
    ls.reload_settings()
    ls.configured.set()
    ls.relint_all()

async def did_change_configuration(ls: FollowupLintServer,
                                   params: t.DidChangeConfigurationParams) -> None:
    pushed = params.settings
    if isinstance(pushed, dict) and isinstance(pushed.get(SECTION), dict):
        ls.client_settings = dict(pushed[SECTION])
    else:
        await ls.pull_configuration()
    ls.said.clear()
    ls.reload_settings()  # the config file is read again too
    ls.relint_all()

def did_open(ls: FollowupLintServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.languages[params.text_document.uri] = params.text_document.language_id
    ls.schedule(params.text_document.uri, 0)

def did_change(ls: FollowupLintServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)

def did_save(ls: FollowupLintServer, params: t.DidSaveTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    if path is not None and path.name in (".followup-lint.toml", "pyproject.toml"):
        ls.reload_settings()
        ls.relint_all()

def did_close(ls: FollowupLintServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.languages.pop(uri, None)
    ls.linted.pop(uri, None)
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

def hover(ls: FollowupLintServer, params: t.HoverParams) -> t.Hover | None:
    linted = ls.linted.get(params.text_document.uri)
    if linted is None:
        return None
    here = t.Range(start=params.position, end=params.position)
    texts = [hover_text(x.finding) for x in linted.found if _overlaps(x, here)]
    if not texts:
        return None
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown,
                                            value="\n\n---\n\n".join(texts)))

def code_action(ls: FollowupLintServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    return ls.code_actions(params)

def accept_word(ls: FollowupLintServer, *args: Any) -> None:
    words = [a for a in args if isinstance(a, str)]
    if not words and args and isinstance(args[0], list):
        words = [a for a in args[0] if isinstance(a, str)]
    for word in words:
        ls.accept_word(word)

def shutdown(ls: FollowupLintServer, params: None) -> None:
    ls.shut_down = True
    for task in ls.pending.values():
        task.cancel()
    ls.fast_pool.shutdown(wait=False, cancel_futures=True)
    ls.grammar_pool.shutdown(wait=False, cancel_futures=True)


def exit_now(ls: FollowupLintServer, params: None) -> None:
    """Leave at once: a lint still waiting for LanguageTool (a server that accepts and never
    answers) would otherwise hold the interpreter's exit, which joins the pool threads."""
    sys.stdout.flush()
    os._exit(0 if ls.shut_down else 1)  # the LSP exit codes: 1 without a shutdown first


def build_server() -> FollowupLintServer:
    """The server with its features registered."""
    server = FollowupLintServer()
    server.feature(t.INITIALIZE)(initialize)
    server.feature(t.INITIALIZED)(initialized)
    server.feature(t.WORKSPACE_DID_CHANGE_CONFIGURATION)(did_change_configuration)
    server.feature(t.TEXT_DOCUMENT_DID_OPEN)(did_open)
    server.feature(t.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    server.feature(t.TEXT_DOCUMENT_DID_SAVE)(did_save)
    server.feature(t.TEXT_DOCUMENT_DID_CLOSE)(did_close)
    server.feature(t.TEXT_DOCUMENT_HOVER)(hover)
    server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                   t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))(code_action)
    server.command(ACCEPT_WORD)(accept_word)
    server.feature(t.SHUTDOWN)(shutdown)
    server.feature(t.EXIT)(exit_now)
    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    build_server().start_io()
