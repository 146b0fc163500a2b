"""Lint many notes on a Dask cluster (the optional extra ``followup-lint[dask]``).

Rule evaluation is a pure function of (note, roster, context, config), and LanguageTool's HTTP
server keeps no state between requests, so notes partition cleanly: each partition is linted by
``lint_many``'s machinery on one worker, whose process loads the spaCy pipeline once and reaches a
LanguageTool server (the machine's shared local one, started by :class:`LanguageToolPlugin`, or a
URL from the config). Dask does the scheduling, retries and data movement; nothing here schedules.

A note that cannot be linted gives a record with ``error`` set (never a failed job); a worker that
dies mid-run has its tasks retried by Dask, and since linting is pure every note still has exactly
one result record.

    >>> import dask.bag as db
    >>> from followup_lint.dask import lint_bag, findings_frame
    >>> notes = db.from_sequence([{"key": 1, "text": "Dear Dr. Smith, ..."}], npartitions=1)
    >>> results = lint_bag(notes, roster=["Dr. Katherine Smyth"]).compute()
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from . import nlp
from .api import RosterInput, _Job
from .config import Config
from .context import NoteContext
from .errors import FollowupLintError
from .findings import LintResult
from .roster import Roster

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

#: The columns of :func:`findings_frame`, in order.
FINDING_COLUMNS: tuple[str, ...] = (
    "key", "rule", "category", "severity", "message", "start", "end", "line", "column", "text",
    "suggestion", "source", "kind", "error")


def lint_records(records: Iterable[Mapping[str, Any]], roster: RosterInput = None,
                 context: NoteContext | None = None, config: Config | None = None,
                 batch_size: int = 32) -> list[dict[str, Any]]:
    """Lint one partition of note records; one result record per input record, in order.

    A record has ``text`` (str or the bytes of an RFC 822 message) and ``key`` (anything that
    identifies the note; the position in the partition when missing), and may have its own
    ``roster`` (a list of names) and ``context`` (a dict of NoteContext fields) instead of the
    shared ones. The result record has ``key``, ``ok``, ``kind``, ``findings`` (a list of
    ``Finding.to_dict()``), ``skipped`` and ``error`` (None, or why the note could not be linted).
    """
    records = list(records)
    out: list[dict[str, Any] | None] = [None] * len(records)
    jobs: list[tuple[int, _Job]] = []
    shared_roster = roster if roster is None or isinstance(roster, Roster) else Roster.of(roster)
    for i, record in enumerate(records):
        key = record.get("key", i)
        try:
            text: Any = record.get("text")  # to_note names a wrong type
            job = _Job(text, _roster_of(record, shared_roster),
                       _context_of(record, context), config)
        except FollowupLintError as e:
            out[i] = _error(key, e)
            continue
        except Exception as e:  # noqa: BLE001 - a bad note must not fail the partition
            out[i] = _error(key, e, internal=True)
            continue
        jobs.append((i, job))
    for _i, job in jobs:
        job.prepare(background=True)  # LanguageTool checks while spaCy parses
    docs = nlp.parse_many((job.parse_text for _i, job in jobs), batch_size=batch_size)
    model = nlp.model_name() if jobs else ""
    for (i, job), doc in zip(jobs, docs, strict=True):
        key = records[i].get("key", i)
        try:
            out[i] = _record(key, job.run(doc, model))
        except FollowupLintError as e:  # e.g. require_grammar and LanguageTool down
            out[i] = _error(key, e)
        except Exception as e:  # noqa: BLE001
            out[i] = _error(key, e, internal=True)
    return [r for r in out if r is not None]


def lint_bag(notes: dask.bag.Bag, roster: RosterInput = None, context: NoteContext | None = None,
             config: Config | None = None) -> dask.bag.Bag:
    """A bag of result records (see :func:`lint_records`), one per note record of ``notes``."""
    shared = roster if roster is None or isinstance(roster, Roster) else Roster.of(roster)
    return notes.map_partitions(lint_records, roster=shared, context=context, config=config)


def lint_dataframe(notes: dask.dataframe.DataFrame, text: str = "text", key: str | None = None,
                   roster: RosterInput = None, roster_column: str | None = None,
                   context: NoteContext | None = None, context_column: str | None = None,
                   config: Config | None = None) -> dask.dataframe.DataFrame:
    """Findings as a dataframe, one row per finding (columns :data:`FINDING_COLUMNS`).

    ``text`` names the column with the notes, ``key`` the column that identifies a note (the
    index when None); ``roster_column`` / ``context_column`` give a roster (list of names) or a
    context (dict) per note instead of the shared ``roster`` / ``context``. A note without
    findings has no row; a note that could not be linted has one row with ``error`` set.
    """
    import pandas as pd

    shared = roster if roster is None or isinstance(roster, Roster) else Roster.of(roster)

    def partition(frame: pandas.DataFrame) -> pandas.DataFrame:
        keys = frame.index if key is None else frame[key]
        records = []
        for k, (_, row) in zip(keys, frame.iterrows(), strict=True):
            record: dict[str, Any] = {"key": k, "text": row[text]}
            if roster_column is not None:
                record["roster"] = row[roster_column]
            if context_column is not None:
                record["context"] = row[context_column]
            records.append(record)
        rows = [row for result in lint_records(records, shared, context, config)
                for row in finding_rows(result)]
        return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))

    return notes.map_partitions(partition, meta=_meta())


def findings_frame(results: dask.bag.Bag) -> dask.dataframe.DataFrame:
    """The result records of :func:`lint_bag` as a dataframe, one row per finding."""
    return results.map(finding_rows).flatten().to_dataframe(meta=_meta())


def finding_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of one result record: one per finding, or one with ``error`` set."""
    if result.get("error"):
        return [{**dict.fromkeys(FINDING_COLUMNS), "key": result["key"], "error": result["error"]}]
    return [{"key": result["key"], "rule": f["rule"], "category": f["category"],
             "severity": f["severity"], "message": f["message"], "start": f["start"],
             "end": f["end"], "line": f["line"], "column": f["column"], "text": f["text"],
             "suggestion": f["suggestions"][0] if f["suggestions"] else None,
             "source": f["source"], "kind": result["kind"], "error": None}
            for f in result["findings"]]


class LanguageToolPlugin(WorkerPlugin):
    """A Dask worker plugin: each worker reaches a LanguageTool server before its first task.

    With ``url`` None the worker uses its machine's shared local server (started here when
    none runs, with the same lifecycle code as the command line: one server per machine and
    user, found through its state file, stopped after its idle time). With a ``url`` (a
    server or a load balancer in front of a pool) nothing is started; pass the same URL in
    ``Config(languagetool_url=...)``. Register with ``client.register_plugin(LanguageToolPlugin())``.
    """

    name = "followup-lint-languagetool"

    def __init__(self, url: str | None = None) -> None:
        self.url = url

    def setup(self, worker: Any) -> None:
        """Start (or find) the local server; a failure is left for each note's skipped."""
        if self.url is not None:
            return
        from .languagetool import server

        try:
            server.ensure_server()
        except FollowupLintError:
            pass  # the grammar check of each note says why in result.skipped

    def teardown(self, worker: Any) -> None:
        """Nothing to stop: other workers on the machine share the server; it stops when idle."""


def _cell(value: Any) -> Any:
    """A roster or context cell as Python data. Dask turns object columns into strings by
    default (``dataframe.convert-string``), so a list or dict arrives as its repr: read it
    back with ``ast.literal_eval`` (literals only); other text is names split on ';' or lines."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("[", "{", "("):
            try:
                return ast.literal_eval(text)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                raise FollowupLintError(f"cannot read {text[:40]!r} as a list or a table") from None
        return [n.strip() for n in text.replace("\n", ";").split(";") if n.strip()]
    if hasattr(value, "tolist"):  # a numpy array from a pandas column
        return value.tolist()
    return value


def _roster_of(record: Mapping[str, Any], shared: RosterInput) -> RosterInput:
    names = record.get("roster")
    return shared if names is None else Roster.of(_cell(names))


_CONTEXT_FIELDS = frozenset(f.name for f in fields(NoteContext))


def _context_of(record: Mapping[str, Any], shared: NoteContext | None) -> NoteContext | None:
    given = record.get("context")
    if given is None:
        return shared
    given = _cell(given)
    if isinstance(given, NoteContext):
        return given
    if not isinstance(given, dict):
        raise FollowupLintError("a note's context must be a table of NoteContext fields")
    unknown = sorted(set(given) - _CONTEXT_FIELDS)
    if unknown:
        raise FollowupLintError(f"unknown context field {unknown[0]!r}")
    return NoteContext(**given)


def _record(key: Any, result: LintResult) -> dict[str, Any]:
    return {"key": key, "ok": result.ok, "kind": result.kind,
            "findings": [f.to_dict() for f in result.findings],
            "skipped": dict(result.skipped), "error": None}


def _error(key: Any, error: BaseException, internal: bool = False) -> dict[str, Any]:
    reason = f"internal error: {type(error).__name__}: {error}" if internal else str(error)
    return {"key": key, "ok": False, "kind": None, "findings": [], "skipped": {},
            "error": reason}


def _meta() -> pandas.DataFrame:
    import pandas as pd

    types = {"start": "Int64", "end": "Int64", "line": "Int64", "column": "Int64"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "object")) for c in FINDING_COLUMNS})


__all__ = ["FINDING_COLUMNS", "LanguageToolPlugin", "finding_rows", "findings_frame", "lint_bag",
           "lint_dataframe", "lint_records"]
