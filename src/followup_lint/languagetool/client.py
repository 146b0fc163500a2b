"""Talking to LanguageTool: which server, one check, and checks in flight.

Where the server comes from (``Config.languagetool_mode`` / ``languagetool_url``):

- a URL the user gives: that server, whatever the mode;
- ``"local"`` (default): the project's shared server on 127.0.0.1 (``server.ensure_server``);
- ``"download"``: ``language_tool_python`` downloads LanguageTool itself and runs it;
- ``"public"``: the public LanguageTool API, only because the user named it.

``language_tool_python`` connects to the chosen server and checks the language code
against the server's own list. The check itself posts to ``/v2/check`` here, because its
``Match`` keeps the UTF-16 offset fix-up in class attributes (wrong when checks run in
parallel threads, as ``lint_many`` does), drops the category's name, retries a failed
request (doubling a timeout) and waits 300 s by default.
"""

from __future__ import annotations

import json
import re
import threading
import time
from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPConnection, HTTPException, HTTPSConnection, IncompleteRead, RemoteDisconnected
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlencode, urlsplit

from ..config import LANGUAGETOOL_MODES as MODES
from ..errors import GrammarUnavailable
from .limits import MAX_TEXT

if TYPE_CHECKING:
    from ..config import Config

#: Requests in flight at once: LanguageTool serves them on its own thread pool.
MAX_IN_FLIGHT = 4
_PUBLIC_URL = "https://api.languagetool.org/"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match; ``start``/``end`` are Python string offsets into the text sent."""

    start: int
    end: int
    rule_id: str
    issue_type: str
    category_id: str
    category_name: str
    message: str
    replacements: tuple[str, ...]


def utf16_to_index(text: str) -> Callable[[int], int]:
    """A function mapping LanguageTool's UTF-16 offsets into ``text`` to Python offsets.

    Characters outside the BMP (most emoji) count twice in UTF-16 and once in Python.
    """
    if not _ASTRAL.search(text):
        return lambda offset: offset
    # utf16[i] = UTF-16 offset of Python index i.
    utf16: list[int] = []
    pos = 0
    for ch in text:
        utf16.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    utf16.append(pos)
    return lambda offset: bisect_right(utf16, offset) - 1


def parse_matches(text: str, payload: dict[str, Any]) -> list[LTMatch]:
    """LanguageTool's /v2/check JSON as LTMatch objects with Python offsets."""
    to_index = utf16_to_index(text)
    out: list[LTMatch] = []
    for m in payload.get("matches", []):
        rule = m.get("rule", {})
        category = rule.get("category", {})
        start = to_index(int(m["offset"]))
        end = to_index(int(m["offset"]) + int(m["length"]))
        out.append(LTMatch(
            start=start, end=end, rule_id=str(rule.get("id", "UNKNOWN")),
            issue_type=str(rule.get("issueType", "")),
            category_id=str(category.get("id", "")),
            category_name=str(category.get("name", "")),
            message=str(m.get("message", "")).strip(),
            replacements=tuple(str(r["value"]) for r in m.get("replacements", [])
                               if isinstance(r, dict) and "value" in r)))
    return out


class Checker:
    """Checks texts on one LanguageTool server (thread-safe)."""

    def __init__(self, url: str | Callable[[bool], str], language: str,
                 disabled_rules: tuple[str, ...] = (), timeout: float = 20.0) -> None:
        """``url`` is the server's base URL, or a function returning it on each check
        (the shared local server, which may have been restarted since); its argument
        asks for a fresh look-up."""
        self._url = url
        self.language = language
        self.disabled_rules = disabled_rules
        self.timeout = timeout

    def base_url(self, fresh: bool = False) -> str:
        """The server's base URL. For the shared server it is looked up for each connection:
        ``server.local_url`` checks that the port is still held by our server (a port taken
        over after a restart must not receive drafts) and finds or starts it otherwise."""
        if not callable(self._url):
            return self._url
        return self._url(fresh)

    def check(self, text: str, *, retry_timeout: bool = False) -> list[LTMatch]:
        """LanguageTool's matches for ``text``; GrammarUnavailable when it cannot answer.

        ``retry_timeout``: a request that times out is sent once more (lint_many, where a
        busy server now and then answers late) before the check is given up."""
        try:
            return self.send(text).result()
        except _TimedOut:
            if not retry_timeout:
                raise
        try:
            return self.send(text).result()
        except _TimedOut as e:
            raise GrammarUnavailable(f"{e}, twice") from None

    def send(self, text: str, fresh: bool = False) -> SentCheck:
        """Put a check on the wire and return at once; ``result()`` reads the answer.

        The answer waits in the socket's buffer meanwhile, so the caller can parse the
        note without threads competing for the GIL. ``fresh`` finds the shared server
        again first (it is also found again when its last known address refuses).
        """
        if len(text) > MAX_TEXT:
            raise GrammarUnavailable(f"the note is too long for the grammar check "
                                     f"({len(text):,} characters; the limit is {MAX_TEXT:,})")
        known = self.local() and not fresh
        base = self.base_url(fresh)
        parts = urlsplit(_endpoint(base))
        fields = {"language": self.language, "text": text}
        if self.disabled_rules:
            fields["disabledRules"] = ",".join(self.disabled_rules)
        body = urlencode(fields).encode("utf-8")
        make = HTTPSConnection if parts.scheme == "https" else HTTPConnection
        # A new connection per check, on purpose: on a kept-alive connection each answer
        # waited ~40 ms more (delayed ACK against the server's split writes), and the
        # server's idle close made pooled connections fail now and then.
        conn = make(parts.hostname or "127.0.0.1", parts.port, timeout=self.timeout)
        try:
            conn.request("POST", parts.path, body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json", "Connection": "close"})
        except BaseException as e:
            conn.close()
            error = self._error(e, base)
            if known and isinstance(error, _Dropped):
                return self.send(text, fresh=True)  # it died or moved: find (or start) it
            raise error from None
        return SentCheck(self, conn, base, text)

    def _error(self, error: BaseException, base: str) -> GrammarUnavailable:
        if isinstance(error, GrammarUnavailable):
            return error
        if isinstance(error, TimeoutError):
            return _TimedOut(f"LanguageTool did not answer within {self.timeout:g} s "
                                      f"(languagetool_timeout)")
        if isinstance(error, (ConnectionError, RemoteDisconnected, IncompleteRead)):
            return _Dropped(f"the LanguageTool server at {base} is not answering "
                            f"(connection refused or closed)")
        if isinstance(error, (OSError, HTTPException)):
            return GrammarUnavailable(f"could not reach LanguageTool at {base}: {_short(error)}")
        return GrammarUnavailable(f"the grammar check failed: {type(error).__name__}: "
                                  f"{_short(error)}")

    def local(self) -> bool:
        """True for the shared local server (found again, and restarted, on each check)."""
        return callable(self._url)


class SentCheck:
    """A check on the wire; ``result()`` reads and parses LanguageTool's answer."""

    def __init__(self, checker: Checker, conn: HTTPConnection, base: str, text: str) -> None:
        self.checker, self.conn, self.base, self.text = checker, conn, base, text

    def result(self) -> list[LTMatch]:
        """The matches; GrammarUnavailable when the server did not answer well.

        On the shared local server a refused or dropped connection is tried once more:
        the server may have died, and finding its URL again restarts it.
        """
        try:
            return self._read()
        except _Dropped:
            if not self.checker.local():
                raise
            time.sleep(0.2)  # a killed server needs a moment to be gone
            return self.checker.send(self.text, fresh=True)._read()

    def _read(self) -> list[LTMatch]:
        try:
            response = self.conn.getresponse()
            raw = response.read()
        except BaseException as e:
            raise self.checker._error(e, self.base) from None
        finally:
            self.conn.close()
        if response.status != 200:
            detail = " ".join(raw.decode("utf-8", "replace").split())[:200]
            raise GrammarUnavailable(f"LanguageTool at {self.base} answered HTTP "
                                     f"{response.status}: {detail}")
        try:
            payload = json.loads(raw)
        except ValueError:
            raise GrammarUnavailable(f"LanguageTool at {self.base} did not answer with "
                                     f"JSON") from None
        if self.checker.local():
            from .server import touch

            touch()
        return parse_matches(self.text, payload)


class _Dropped(GrammarUnavailable):
    """The connection was refused or closed: the server may have died."""


class _TimedOut(GrammarUnavailable):
    """The server did not answer within languagetool_timeout."""


def _short(error: BaseException) -> str:
    """An exception as one short line (requests' messages nest three deep)."""
    text = " ".join(str(error).split())
    resolve = re.search(r"Failed to resolve '([^']+)'", text)
    if resolve:
        return f"cannot resolve the host {resolve.group(1)}"
    return text if len(text) <= 160 else text[:157] + "..."


def _endpoint(base: str) -> str:
    base = base.rstrip("/")
    if base.endswith("/v2/check"):
        return base
    if base.endswith("/v2"):
        return base + "/check"
    return base + "/v2/check"


def _validate(url: str, language: str) -> None:
    """Connect with language_tool_python: it fetches the server's languages and rejects
    an unknown language code."""
    import language_tool_python

    try:
        tool = language_tool_python.LanguageTool(language, remote_server=url)
    except ValueError as e:
        raise GrammarUnavailable(f"LanguageTool at {url} does not know the language "
                                 f"{language!r}: {e}") from None
    except Exception as e:  # noqa: BLE001 - its errors (LanguageToolError, IOError) vary
        raise GrammarUnavailable(f"could not reach LanguageTool at {url}: {_short(e)}") from None
    tool.close()


_lock = threading.Lock()
_checkers: dict[tuple[Any, ...], Checker] = {}
_keep: list[Any] = []  # language_tool_python servers of "download" mode, alive until exit
#: A failure is remembered this long, so that lint_many does not retry a start per note.
_FAILURE_TTL = 30.0
_failures: dict[tuple[Any, ...], tuple[float, GrammarUnavailable]] = {}
_executor: ThreadPoolExecutor | None = None


def _key(config: Config) -> tuple[Any, ...]:
    return (config.languagetool_mode, config.languagetool_url, config.languagetool_language,
            tuple(config.languagetool_disabled_rules), float(config.languagetool_timeout))


def checker_for(config: Config) -> Checker:
    """The Checker for a config's LanguageTool settings (made once per process).

    Raises GrammarUnavailable when the server cannot be found, started or reached.
    """
    mode = config.languagetool_mode
    if mode not in MODES:
        raise GrammarUnavailable(f"unknown languagetool_mode {mode!r}; use one of "
                                 f"{', '.join(MODES)}")
    key = _key(config)
    with _lock:
        found = _checkers.get(key)
        if found is not None:
            return found
        failed = _failures.get(key)
        if failed is not None and time.monotonic() - failed[0] < _FAILURE_TTL:
            raise failed[1]
        try:
            checker = _make_checker(config)
        except GrammarUnavailable as e:
            _failures[key] = (time.monotonic(), e)
            raise
        _checkers[key] = checker
        return checker


def _make_checker(config: Config) -> Checker:
    """Find (or start) the server a config names and connect to it."""
    mode = config.languagetool_mode
    language = config.languagetool_language
    url: str | Callable[[bool], str]
    if config.languagetool_url:
        url = config.languagetool_url
        _validate(url, language)
    elif mode == "local":
        from .server import ensure_server, local_url

        ensure_server()  # start it now, so that a failure is reported here, once
        url = local_url
    elif mode == "public":
        url = _PUBLIC_URL
        _validate(url, language)
    else:  # download: language_tool_python fetches LanguageTool and runs it itself
        import language_tool_python

        try:
            tool = language_tool_python.LanguageTool(language)
        except Exception as e:  # noqa: BLE001 - download and start errors vary
            raise GrammarUnavailable(f"LanguageTool could not be downloaded or started by "
                                     f"language_tool_python: {_short(e)}") from None
        _keep.append(tool)
        url = tool.url
    return Checker(url, language, tuple(config.languagetool_disabled_rules),
                   float(config.languagetool_timeout))


class Pending(Protocol):
    """A check in progress: ``result()`` gives the matches or raises GrammarUnavailable."""

    def result(self) -> list[LTMatch]: ...


class _Failed:
    def __init__(self, error: GrammarUnavailable) -> None:
        self.error = error

    def result(self) -> list[LTMatch]:
        raise self.error


def _run(text: str, config: Config, retry_timeout: bool = False) -> list[LTMatch]:
    try:
        return checker_for(config).check(text, retry_timeout=retry_timeout)
    except GrammarUnavailable:
        raise
    except Exception as e:  # noqa: BLE001 - a grammar failure must not break the other rules
        raise GrammarUnavailable(f"the grammar check failed: {type(e).__name__}: {e}") from None


def _background(text: str, config: Config, retry_timeout: bool = False) -> Future[list[LTMatch]]:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT,
                                           thread_name_prefix="languagetool")
        executor = _executor
    return executor.submit(_run, text, config, retry_timeout)


def submit(text: str, config: Config, *, background: bool = False) -> Pending:
    """Start checking ``text``; the result is the matches, or GrammarUnavailable.

    When the server is known, the request is sent now and its answer read on
    ``result()``; otherwise (the first check of a process: the server may have to be
    found or started) and with ``background=True`` (``lint_many``: at most
    MAX_IN_FLIGHT requests at once), a worker thread does the whole check.
    """
    with _lock:
        checker = _checkers.get(_key(config))
    if background or checker is None:
        # lint_many (background) retries a timed-out request once: under load a few
        # requests answer late, and each lost one is a note whose misspellings go unseen.
        return _background(text, config, retry_timeout=background)
    try:
        return checker.send(text)
    except _Dropped:
        return _background(text, config)  # the server may have died: find or start it again
    except GrammarUnavailable as e:
        return _Failed(e)


def reset() -> None:
    """Forget the Checkers made so far (tests that change the environment use this)."""
    with _lock:
        _checkers.clear()
        _failures.clear()
