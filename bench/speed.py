"""Every speed figure of the project in one report: runs the other benches and sums them up.

    python bench/speed.py [--quick] [--timeout SECONDS] [--json PATH]

It only orchestrates: each bench runs in its own process (so cold starts stay cold), its output
is printed as it wrote it, and the summary lists which ran, which failed and which are missing.

    bench/bench_rules.py     warm lint_note() (grammar off) against a bare spaCy parse (issue 2)
    bench/grammar_speed.py   LanguageTool: cold/warm first note, warm per note, lint_many, memory (issue 3)
    bench/cli_speed.py       the command line: start-up, a folder of files (issue 4)
    bench/batch_speed.py     lint_many with grammar vs a lint_note loop vs LanguageTool alone (issue 12)
    bench/daemon_speed.py    the pre-send path with the daemon warm, thin-client import, --jobs (issue 12)
    bench/roster_scale.py    cost per note and false near-misses for 1 to 10,000 roster names (issue 12)
    bench/lsp_latency.py     the language server: change -> diagnostics (issue 13)
    bench/dask_scale.py      Dask with 1 and 2 workers against lint_many (issue 14)

bench/server_sizing.py (LanguageTool heap, collector and cache, fresh and after thousands of notes)
takes tens of minutes and starts several servers at once, so it runs only by hand.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

#: (script, what it measures, arguments for --quick)
BENCHES: tuple[tuple[str, str, list[str]], ...] = (
    ("bench_rules.py", "rules vs bare spaCy parse, warm, grammar off", ["--rounds", "5"]),
    ("grammar_speed.py", "LanguageTool: cold start, warm per note, lint_many throughput, memory", []),
    ("cli_speed.py", "command line: start-up and a folder of files", ["--runs", "2", "--files", "200"]),
    ("batch_speed.py", "lint_many with grammar vs a loop vs LanguageTool alone",
     ["--notes", "40", "--rounds", "1"]),
    ("daemon_speed.py", "pre-send path with the daemon, thin-client import, check --jobs",
     ["--runs", "3", "--files", "200"]),
    ("roster_scale.py", "name rules against roster size", ["--notes", "20"]),
    ("lsp_latency.py", "language server: change to diagnostics", ["--changes", "4"]),
    ("dask_scale.py", "Dask 1 and 2 workers against lint_many", ["--notes", "500"]),
)


def run_bench(script: str, args: list[str], timeout: float) -> dict[str, Any]:
    """Run one bench script; its status, seconds and output."""
    path = HERE / script
    if not path.exists():
        return {"status": "missing", "seconds": 0.0, "output": ""}
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True,
                              timeout=timeout, cwd=HERE.parent)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        return {"status": f"timed out after {timeout:.0f} s", "seconds": timeout, "output": out}
    seconds = time.perf_counter() - t0
    status = "ok" if proc.returncode == 0 else f"failed (exit {proc.returncode})"
    output = proc.stdout + (("\n[stderr]\n" + proc.stderr[-3000:]) if proc.returncode else "")
    return {"status": status, "seconds": round(seconds, 1), "output": output}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    ap.add_argument("--timeout", type=float, default=900.0, help="per bench, in seconds")
    ap.add_argument("--json", type=Path, help="write statuses and outputs as JSON here")
    args = ap.parse_args(argv)

    results: dict[str, dict[str, Any]] = {}
    for script, what, quick_args in BENCHES:
        print(f"\n===== {script}: {what} =====", flush=True)
        res = run_bench(script, quick_args if args.quick else [], args.timeout)
        results[script] = {"what": what, **res}
        print(res["output"].rstrip() if res["output"] else f"({res['status']})", flush=True)

    print("\n===== summary =====")
    for script, res in results.items():
        print(f"{script:20} {res['status']:28} {res['seconds']:7.1f} s   {res['what']}")
    missing = [s for s, r in results.items() if r["status"] == "missing"]
    if missing:
        print(f"missing: {', '.join(missing)} (not written yet)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    failed = [s for s, r in results.items() if r["status"] not in ("ok", "missing")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
