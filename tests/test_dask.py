"""followup_lint.dask on a real distributed.LocalCluster (2 worker processes).

Each worker process loads spaCy once and reaches the session's LanguageTool server (the workers
inherit FOLLOWUP_LINT_CACHE from the test session, so they find its state file).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from followup_lint import Config, NoteContext, lint_many  # noqa: E402
from followup_lint.dask import (  # noqa: E402
    LanguageToolPlugin,
    findings_frame,
    lint_bag,
    lint_dataframe,
)

pytestmark = [pytest.mark.slow, pytest.mark.languagetool]  # the cluster fixture needs the session server

ROSTER = ["Dr. Katherine Smyth", "Mr. Jon Baker"]
CONTEXT = NoteContext(company="Northwind", role="Data Analyst")

NOTES = [
    "Dear Dr. Smith,\n\nThank you for your time yesterday. I enjoyed meeting the team.\n\nBest,\nSam",
    "Dear Mr. Baker,\n\nYou said I would hear back by Monday. It is now Thursday.\n\nSam",
    "Hi Kate,\n\nThanks for the chat about the Data Analyst role at Northwind.\n\nSam",
    "Dear Dr. Smyth,\n\nThank you for the interveiw; I enjoyed the tour of the office.\n\nSam",
    "Dear {{ name }},\n\nI need an answer ASAP!!!\n\nSam",
    "Dear Dr. Smyth and Mr. Baker,\n\nThank you both for your time on Tuesday.\n\nBest regards,\nSam",
]


@pytest.fixture(scope="module")
def client(languagetool_server: str) -> Any:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    with distributed.Client(cluster) as c:
        c.register_plugin(LanguageToolPlugin())
        yield c
    cluster.close()


def _records(notes: list[str]) -> list[dict[str, Any]]:
    return [{"key": f"n{i}", "text": t} for i, t in enumerate(notes)]


def _by_key(results: list[dict[str, Any]]) -> dict[str, list[tuple[str, int, int, str]]]:
    return {r["key"]: [(f["rule"], f["start"], f["end"], f["message"]) for f in r["findings"]]
            for r in results}


def test_a_cluster_gives_the_same_findings_as_lint_many(client: Any) -> None:
    cfg = Config(languagetool_timeout=120)  # a busy machine must not make this a skip
    bag = db.from_sequence(_records(NOTES * 3), npartitions=4)
    results = lint_bag(bag, roster=ROSTER, context=CONTEXT, config=cfg).compute()
    local = lint_many(NOTES * 3, roster=ROSTER, context=CONTEXT, config=cfg)
    assert [r["key"] for r in results] == [f"n{i}" for i in range(len(NOTES) * 3)]
    assert _by_key(results) == {f"n{i}": [(f.rule, f.start, f.end, f.message) for f in res]
                                for i, res in enumerate(local)}
    rules = {f[0] for r in results for f in _by_key([r])[r["key"]]}
    assert {"name-misspelled", "accusatory", "spelling", "placeholder-unfilled"} <= rules
    assert not any("grammar" in r["skipped"] for r in results)  # LanguageTool answered


def test_a_bad_note_in_the_middle_gives_an_error_record_not_a_failed_job(client: Any) -> None:
    records = _records(NOTES[:2]) + [{"key": "empty", "text": "   "},
                                     {"key": "binary", "text": b"\x00\x01\x02" * 50},
                                     {"key": "wrong-type", "text": 42}] + [
        {"key": "last", "text": NOTES[2]}]
    results = lint_bag(db.from_sequence(records, npartitions=2), roster=ROSTER,
                       config=Config(grammar=False)).compute()
    by_key = {r["key"]: r for r in results}
    assert len(results) == len(records) == len(by_key)
    assert "empty" in by_key["empty"]["error"]
    assert by_key["binary"]["error"] and by_key["wrong-type"]["error"]
    assert by_key["n0"]["error"] is None and by_key["n0"]["findings"]
    frame = findings_frame(db.from_sequence(results, npartitions=1)).compute()
    assert set(frame.loc[frame["error"].notna(), "key"]) == {"empty", "binary", "wrong-type"}


def _die_once(records: list[dict[str, Any]], flag: str) -> list[dict[str, Any]]:
    """Kill this worker process the first time any partition reaches it (fault injection)."""
    try:
        fd = os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return records
    os.close(fd)
    os.kill(os.getpid(), signal.SIGKILL)
    return records  # pragma: no cover


def test_fake_worker_death_mid_run_is_retried_and_every_note_has_one_result(
        client: Any, tmp_path: Path) -> None:
    notes = (NOTES * 20)[:100]
    flag = str(tmp_path / "died")
    bag = db.from_sequence(_records(notes), npartitions=10).map_partitions(_die_once, flag)
    results = lint_bag(bag, roster=ROSTER, config=Config(grammar=False)).compute(retries=2)
    assert os.path.exists(flag)  # a worker really died during the run
    keys = [r["key"] for r in results]
    assert sorted(keys) == sorted(f"n{i}" for i in range(len(notes)))  # each exactly once
    local = lint_many(notes, roster=ROSTER, config=Config(grammar=False))
    assert _by_key(results) == {f"n{i}": [(f.rule, f.start, f.end, f.message) for f in res]
                                for i, res in enumerate(local)}


def test_a_dataframe_of_notes_gives_one_row_per_finding(client: Any) -> None:
    frame = pd.DataFrame({"id": [10, 11, 12], "body": NOTES[:3],
                          "panel": [ROSTER, ROSTER, ["Katherine Smyth"]]})
    out = lint_dataframe(dd.from_pandas(frame, npartitions=2), text="body", key="id",
                         roster_column="panel", config=Config(grammar=False)).compute()
    assert set(out["key"]) <= {10, 11, 12}
    smith = out[(out["key"] == 10) & (out["rule"] == "name-misspelled")]
    assert list(smith["text"]) == ["Smith"] and list(smith["suggestion"]) == ["Smyth"]
    assert "accusatory" in set(out.loc[out["key"] == 11, "rule"])
