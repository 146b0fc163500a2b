"""lint_many with grammar against a lint_note loop and against LanguageTool alone (issue 12, item 2).

    python bench/batch_speed.py [--notes 150] [--rounds 2]

Each phase gets its own distinct notes (the corpus notes with names, numbers and one word per
sentence varied, as in bench/server_sizing.py), so LanguageTool's result cache cannot serve a
later phase from an earlier one. Phases are interleaved over ROUNDS so machine load falls on
each alike. LanguageTool alone is the raw HTTP check of the same kind of notes on the same
(shared, local) server at 1, 2 and 4 concurrent requests; its best is the reference.
Goals: lint_many >= 1.5x the loop, and within 1.1x of LanguageTool alone at its best.

``--private`` starts a server of this run's own (the installed jars linked into a temporary
home; stopped at the end), so that other users of the shared server neither slow it nor
count in its CPU time. Each phase also reports CPU milliseconds per note spent by the JVM
(/proc/PID/stat) and by this process (all its threads), which a loaded machine does not
change much: on a machine with C cores, no pipeline can beat C / (JVM + Python CPU per note),
and LanguageTool alone cannot beat C / (JVM CPU per note).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent))

from bench.server_sizing import corpus_texts, vary  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--notes", type=int, default=150, help="notes per phase and round")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--private", action="store_true", help="a server of this run's own")
    args = ap.parse_args()

    from followup_lint.languagetool.install import LT_VERSION, lib_dir

    if args.private:
        user_lib = lib_dir()
        home = Path(tempfile.mkdtemp(prefix="batch-speed-"))
        (home / "languagetool" / LT_VERSION).mkdir(parents=True)
        os.symlink(user_lib, home / "languagetool" / LT_VERSION / "lib")
        os.environ["FOLLOWUP_LINT_CACHE"] = str(home)
    try:
        run(args)
    finally:
        if args.private:
            from followup_lint.languagetool import server

            server.stop()


def jvm_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def run(args: argparse.Namespace) -> None:
    from followup_lint import Config, lint_many, lint_note
    from followup_lint.languagetool import server
    from followup_lint.nlp import get_nlp

    url = server.ensure_server()
    state = server.read_state()
    assert state is not None
    pid = state.pid
    cpu: dict[str, list[tuple[float, float, int]]] = {}

    def timed(name: str, notes: list[str], work: object) -> float:
        j, o = jvm_cpu(pid), own_cpu()
        t = time.perf_counter()
        work(notes)  # type: ignore[operator]
        rate = len(notes) / (time.perf_counter() - t)
        cpu.setdefault(name, []).append((jvm_cpu(pid) - j, own_cpu() - o, len(notes)))
        rates.setdefault(name, []).append(rate)
        return rate
    config = Config(languagetool_timeout=120)
    base, rng = corpus_texts(), random.Random(7)

    def fresh() -> list[str]:
        return [vary(rng.choice(base), rng) for _ in range(args.notes)]

    def lt_alone(notes: list[str], clients: int) -> float:
        session = requests.Session()

        def one(text: str) -> None:
            r = session.post(f"{url}/v2/check", data={"text": text, "language": "en-US"},
                             timeout=120)
            r.raise_for_status()

        t = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(one, notes))
        return len(notes) / (time.perf_counter() - t)

    get_nlp()
    lint_many(fresh()[:20], config=config)  # warm: parse, rules, server JIT
    rates: dict[str, list[float]] = {}
    skipped: list[int] = []
    for _ in range(args.rounds):
        timed("lint_note loop", fresh(), lambda ns: [lint_note(n, config=config) for n in ns])
        timed("lint_many", fresh(), lambda ns: skipped.extend(
            1 for r in lint_many(ns, config=config) if "grammar" in r.skipped))
        for clients in (1, 2, 4):
            timed(f"LanguageTool alone, {clients} at once", fresh(),
                  lambda ns, c=clients: lt_alone(ns, c))
    if skipped:
        print(f"  ({len(skipped)} notes skipped grammar in lint_many)")
    best = {k: max(v) for k, v in rates.items()}
    lt_best = max(v for k, v in best.items() if k.startswith("LanguageTool"))
    print(f"{args.notes} distinct notes a phase, {args.rounds} rounds interleaved, best round "
          f"each; server {url}")
    cores = os.cpu_count() or 1
    print(f"load average at the end: {os.getloadavg()[0]:.2f}; {cores} cores")
    print(f"  {'':30s} {'notes/s':>8s} {'JVM ms/note':>12s} {'Python ms/note':>15s} "
          f"{'CPU bound n/s':>14s}")
    for name, rate in best.items():
        jv = 1000 * sum(c[0] for c in cpu[name]) / sum(c[2] for c in cpu[name])
        py = 1000 * sum(c[1] for c in cpu[name]) / sum(c[2] for c in cpu[name])
        print(f"  {name:30s} {rate:8.1f} {jv:12.0f} {py:15.0f} {1000 * cores / (jv + py):14.1f}")
    print(f"lint_many / loop: {best['lint_many'] / best['lint_note loop']:.2f}x (goal >= 1.5x); "
          f"LanguageTool alone at its best / lint_many: {lt_best / best['lint_many']:.2f}x "
          f"(goal <= 1.1x)")


if __name__ == "__main__":
    main()
