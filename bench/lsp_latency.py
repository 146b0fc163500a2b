"""How soon do diagnostics appear after a change? ``followup-lint lsp`` driven over stdio.

For a 200-word email draft, one change at a time (each waited for), all warm:
1. grammar off: didChange -> the first publishDiagnostics of that version, minus the debounce
   (goal: within 100 ms of the debounce), against ``lint_note`` of the same kind of draft
   (grammar off) in this process;
2. grammar on: didChange -> the fast publishDiagnostics and -> the grammar pass's, minus the
   debounce (the earliest the server can start), against ``lint_note`` with grammar and
   LanguageTool's own check: the very request the server's grammar pass sends (text,
   language, disabled rules: ``request_grammar``), from send to parsed answer (goal: within
   1.2 x).

LanguageTool caches its answers per sentence (and the shared server outlives this run), so
every text here, the server's and the comparisons', is new: each change writes a number not
used before into one sentence, as typing does. Both sides then recheck that one sentence and
find the others cached. The comparisons run after each change, once the server is idle
(interleaved, so both sides see the same load); still, the machine may be shared: trust the
ratios of one run more than its milliseconds.

Uses the shared local LanguageTool server (started when none runs).
Usage: PYTHONPATH=src python bench/lsp_latency.py [--changes 15]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

SRC = Path(__file__).resolve().parent.parent / "src"
HEAD = ('From: Alex Doe <alex@example.com>\nTo: "Dr. Katherine Smyth" <ks@northwind.example>, '
        "Jon Baker <jb@northwind.example>\nSubject: Thank you for the Data Analyst interview\n\n")
BODY = (
    "Dear Dr. Smith,\n\n"
    "Thank you for taking the time to meet with me yesterday about the Data Analyst role at "
    "Northwind. I enjoyed hearing about the plans for the new reporting platform and how the team "
    "works with the sales and finance groups to decide what to measure next. It was good to meet "
    "Jon as well, and to learn how the analysts share their work each week.\n\n"
    "Our conversation made me even more excited about the role. In my current position I built "
    "the dashboards that our regional managers use every morning, and I moved our monthly "
    "reports from spreadsheets to a small Python and SQL pipeline that now runs on its own every "
    "{n} minutes. I "
    "believe I could help the team ship its dashboards faster and keep the numbers consistent "
    "from one report to the next.\n\n"
    "I forgot to mention that I also led a short training series on SQL for colleagues in "
    "marketing, which taught me how to explain data to people who do not work with it daily. "
    "If it would help, I am happy to share examples of that work or answer any other questions "
    "you may have about my background.\n\n"
    "Thank you again for your time and for a very interesting conversation. I look forward to "
    "hearing about the next steps.\n\nBest regards,\nAlex Doe\n")


#: Numbers never used before (also across runs: LanguageTool's cache outlives this one).
_FRESH = itertools.count(random.randrange(10**6, 10**8))


def fresh_body() -> str:
    """The draft's body with a number in one sentence that no text before had."""
    return BODY.replace("{n}", str(next(_FRESH)))


class Timed(LanguageClient):
    """A client that stamps each publishDiagnostics with the time it arrived."""

    def __init__(self) -> None:
        super().__init__("lsp-latency", "1")
        self.seen: list[tuple[float, int | None, set[str]]] = []
        self.event = asyncio.Event()


Timer = Callable[[], float]


async def run(changes: int, grammar: bool, lt_url: str | None,
              compare: list[Timer]) -> tuple[list[tuple[float, float]], list[list[float]]]:
    """(first publish, last publish) after each didChange, in seconds; and after each change
    (the server idle), one run of each ``compare`` timer: interleaved, so that both sides see
    the same load on a shared machine."""
    client = Timed()

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def got(params: t.PublishDiagnosticsParams) -> None:
        client.seen.append((time.perf_counter(), params.version, {str(d.code) for d in params.diagnostics}))
        client.event.set()

    @client.feature(t.WORKSPACE_CONFIGURATION)
    def conf(params: t.ConfigurationParams) -> list[Any]:
        return [{"grammar": grammar, "languagetoolUrl": lt_url}]

    @client.feature(t.WINDOW_LOG_MESSAGE)
    def logged(params: t.LogMessageParams) -> None:
        print("  server:", params.message, file=sys.stderr)

    env = dict(os.environ, PYTHONPATH=str(SRC))
    await client.start_io(sys.executable, "-m", "followup_lint", "lsp", env=env)
    root = Path(tempfile.mkdtemp())
    caps = t.ClientCapabilities(workspace=t.WorkspaceClientCapabilities(configuration=True))
    await client.initialize_async(t.InitializeParams(capabilities=caps, root_uri=root.as_uri()))
    client.initialized(t.InitializedParams())
    uri = (root / "draft").as_uri()
    text = HEAD + fresh_body()

    async def published(version: int, passes: int) -> tuple[float, float]:
        while True:
            mine = [s for s in client.seen if s[1] == version]
            if len(mine) >= passes:
                return mine[0][0], mine[passes - 1][0]
            client.event.clear()
            await asyncio.wait_for(client.event.wait(), 300)

    client.text_document_did_open(t.DidOpenTextDocumentParams(
        t.TextDocumentItem(uri=uri, language_id="mail", version=1, text=text)))
    await published(1, 2 if grammar else 1)  # warm: the pipeline (and LanguageTool) loaded
    for timer in compare:
        timer()  # warm
    times = []
    compared: list[list[float]] = [[] for _ in compare]
    for v in range(2, changes + 2):
        # A change that alters no finding: a new number in one sentence.
        text = HEAD + fresh_body()
        sent = time.perf_counter()
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=v),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)]))
        first, last = await published(v, 2 if grammar else 1)
        times.append((first - sent, last - sent))
        for timer, seen in zip(compare, compared, strict=True):
            seen.append(timer())
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, compared


def lt_own(url: str) -> Timer:
    """LanguageTool's check of a new draft: the request the server's grammar pass sends
    (request_grammar: same text, language and disabled rules), send to parsed answer (ms)."""
    from followup_lint import Config
    from followup_lint.reading.mail import note_from_bytes
    from followup_lint.rules.grammar import request_grammar

    config = Config(grammar=True, languagetool_url=url)

    def once() -> float:
        note = note_from_bytes((HEAD + fresh_body()).encode())
        t0 = time.perf_counter()
        request = request_grammar(note, config)
        assert request is not None
        request.matches()
        return (time.perf_counter() - t0) * 1000

    return once


def lint_note_timer(grammar: bool, url: str | None) -> Timer:
    """lint_note of a new draft in this process (ms)."""
    from followup_lint import Config, lint_note

    config = Config(grammar=grammar, languagetool_url=url)

    def once() -> float:
        draft = (HEAD + fresh_body()).encode()
        t0 = time.perf_counter()
        lint_note(draft, config=config)
        return (time.perf_counter() - t0) * 1000

    return once


def _ms(xs: list[float]) -> tuple[float, float]:
    """(median, p90) in ms after the debounce."""
    from followup_lint.lsp.server import DEBOUNCE

    ordered = sorted(xs)
    return (statistics.median(xs) * 1000 - DEBOUNCE * 1000,
            ordered[max(0, int(len(xs) * 0.9) - 1)] * 1000 - DEBOUNCE * 1000)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=15)
    args = ap.parse_args()
    sys.path.insert(0, str(SRC))
    from followup_lint.lsp.server import DEBOUNCE

    words = len(fresh_body().split())
    print(f"draft: {words} words; debounce {DEBOUNCE * 1000:.0f} ms; {args.changes} changes; "
          f"times after the debounce, median (p90); load average {os.getloadavg()[0]:.2f}")
    fast, (own_fast,) = asyncio.run(run(args.changes, False, None,
                                        [lint_note_timer(False, None)]))
    fast_ms, fast_p90 = _ms([a for a, _ in fast])
    own_fast_ms = statistics.median(own_fast)
    print(f"grammar off: first diagnostics {fast_ms:.0f} ms ({fast_p90:.0f}); lint_note "
          f"{own_fast_ms:.0f} ms; ratio {fast_ms / own_fast_ms:.2f}; goal <= 100 ms")
    from followup_lint.languagetool import server

    url = server.ensure_server()
    slow, (own_lt, own_slow) = asyncio.run(run(args.changes, True, url,
                                               [lt_own(url), lint_note_timer(True, url)]))
    first_ms, first_p90 = _ms([a for a, _ in slow])
    slow_ms, slow_p90 = _ms([b for _, b in slow])
    own = statistics.median(own_lt)
    own_slow_ms = statistics.median(own_slow)
    print(f"grammar on: fast diagnostics {first_ms:.0f} ms ({first_p90:.0f}); grammar "
          f"diagnostics {slow_ms:.0f} ms ({slow_p90:.0f}); lint_note with grammar "
          f"{own_slow_ms:.0f} ms (ratio {slow_ms / own_slow_ms:.2f}); LanguageTool's own check "
          f"{own:.0f} ms (ratio {slow_ms / own:.2f}; goal <= 1.2)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
