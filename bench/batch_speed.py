"""lint_many with grammar against a lint_note loop and against LanguageTool alone (issue 12, item 2).

    python bench/batch_speed.py [--notes 150] [--rounds 2]

Each phase gets its own distinct notes (the corpus notes with names, numbers and one word per
sentence varied, as in bench/server_sizing.py), so LanguageTool's result cache cannot serve a
later phase from an earlier one. Phases are interleaved over ROUNDS so machine load falls on
each alike. LanguageTool alone is the raw HTTP check of the same kind of notes on the same
(shared, local) server at 1, 2 and 4 concurrent requests; its best is the reference.
Goals: lint_many >= 1.5x the loop, and within 1.1x of LanguageTool alone at its best.
"""

from __future__ import annotations

import argparse
import random
import sys
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
    args = ap.parse_args()

    from followup_lint import Config, lint_many, lint_note
    from followup_lint.languagetool import server
    from followup_lint.nlp import get_nlp

    url = server.ensure_server()
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
    for _ in range(args.rounds):
        notes = fresh()
        t = time.perf_counter()
        for n in notes:
            lint_note(n, config=config)
        rates.setdefault("lint_note loop", []).append(len(notes) / (time.perf_counter() - t))
        notes = fresh()
        t = time.perf_counter()
        results = lint_many(notes, config=config)
        rates.setdefault("lint_many", []).append(len(notes) / (time.perf_counter() - t))
        skipped = sum("grammar" in r.skipped for r in results)
        if skipped:
            print(f"  ({skipped} notes skipped grammar in lint_many)")
        for clients in (1, 2, 4):
            rates.setdefault(f"LanguageTool alone, {clients} at once", []).append(
                lt_alone(fresh(), clients))
    best = {k: max(v) for k, v in rates.items()}
    lt_best = max(v for k, v in best.items() if k.startswith("LanguageTool"))
    print(f"{args.notes} distinct notes a phase, {args.rounds} rounds interleaved, best round "
          f"each; server {url}")
    for name, rate in best.items():
        print(f"  {name:30s} {rate:6.1f} notes/s")
    print(f"lint_many / loop: {best['lint_many'] / best['lint_note loop']:.2f}x (goal >= 1.5x); "
          f"LanguageTool alone at its best / lint_many: {lt_best / best['lint_many']:.2f}x "
          f"(goal <= 1.1x)")


if __name__ == "__main__":
    main()
