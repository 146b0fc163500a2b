"""Dask scaling: notes/s with 1 and 2 workers against lint_many in one process, in one run.

    python bench/dask_scale.py [--notes 5000] [--grammar] [--json PATH]

The notes are the labelled corpus (bench/corpus/*.jsonl) repeated, each with its own roster and
context, so every worker does the same work lint_many does. Each configuration lints the same
notes; the figures are ratios measured in this one run (the machine is shared and noisy).
Worker start-up (spaCy loads in each process) is timed apart from the linting.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # run from a clone without installing


def corpus_records(count: int) -> list[dict[str, Any]]:
    """``count`` note records (text, roster, context), cycling through the labelled corpus."""
    base = []
    for path in sorted((HERE / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            note = json.loads(line)
            context = {k: v for k, v in note["context"].items()
                       if k in ("company", "role", "kind", "writer")}
            base.append({"text": note["text"], "roster": note["roster"], "context": context})
    return [{"key": i, **base[i % len(base)]} for i in range(count)]


def run_local(records: list[dict[str, Any]], config: Any) -> float:
    from followup_lint.dask import lint_records

    t0 = time.perf_counter()
    out = lint_records(records, config=config)
    assert len(out) == len(records)
    return time.perf_counter() - t0


def run_cluster(records: list[dict[str, Any]], config: Any, workers: int) -> tuple[float, float]:
    import dask.bag as db
    import distributed

    from followup_lint.dask import LanguageToolPlugin, lint_bag

    t0 = time.perf_counter()
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    client = distributed.Client(cluster)
    client.register_plugin(LanguageToolPlugin())
    client.run(lambda: __import__("followup_lint.nlp").nlp.get_nlp() and None)  # warm spaCy
    started = time.perf_counter() - t0
    try:
        bag = db.from_sequence(records, npartitions=max(workers * 8, 1))
        t1 = time.perf_counter()
        out = lint_bag(bag, config=config).compute()
        elapsed = time.perf_counter() - t1
        assert len(out) == len(records)
    finally:
        client.close()
        cluster.close()
    return started, elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--notes", type=int, default=5000)
    ap.add_argument("--grammar", action="store_true", help="with LanguageTool (default: off)")
    ap.add_argument("--json", metavar="PATH")
    args = ap.parse_args()

    from followup_lint import Config
    from followup_lint.nlp import get_nlp

    config = Config(grammar=args.grammar, languagetool_timeout=120)
    if args.grammar:
        from followup_lint.languagetool import server

        server.ensure_server()
    records = corpus_records(args.notes)
    get_nlp()
    run_local(records[:50], config)  # warm up
    rows: dict[str, dict[str, float]] = {}
    local = run_local(records, config)
    rows["lint_many, one process"] = {"seconds": local, "notes_per_s": len(records) / local}
    for workers in (1, 2):
        start, seconds = run_cluster(records, config, workers)
        rows[f"dask, {workers} worker{'s' if workers > 1 else ''}"] = {
            "seconds": seconds, "notes_per_s": len(records) / seconds, "start_s": start}
    print(f"{len(records)} notes, grammar {'on' if args.grammar else 'off'}")
    for name, row in rows.items():
        extra = f"  (cluster start {row['start_s']:.1f} s)" if "start_s" in row else ""
        ratio = row["notes_per_s"] / rows["lint_many, one process"]["notes_per_s"]
        print(f"  {name:24s} {row['notes_per_s']:7.1f} notes/s  {ratio:4.2f}x lint_many{extra}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
