"""Warm lint_note() with grammar off against a bare spaCy parse of the same notes.

Interleaved in one run (parse, lint, parse, lint ...) so that machine noise hits both.
Goal (issue 2): lint/parse <= 1.3, i.e. all rules together cost under a third of the parse.

    python bench/bench_rules.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from followup_lint import Config, lint_note
from followup_lint.nlp import get_nlp, model_name

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ["Dr. Katherine Smyth", "Mr. Jon Baker", "Ms. Thị Hoa Nguyễn", "Prof. Jan van der Berg",
          "Seán O'Neill", "Anne-Marie McDonald"]


def notes() -> list[str]:
    """The example notes plus a few longer ones built from them."""
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return base + ["\n\n".join(base[:2]), "\n\n".join(base)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    nlp = get_nlp()
    cfg = Config(grammar=False)
    texts = notes()
    for t in texts:  # warm both paths (matchers, caches)
        nlp(t)
        lint_note(t, roster=ROSTER, config=cfg)
    parse_t: list[float] = []
    lint_t: list[float] = []
    for _ in range(args.rounds):
        for t in texts:
            t0 = time.perf_counter()
            nlp(t)
            t1 = time.perf_counter()
            lint_note(t, roster=ROSTER, config=cfg)
            t2 = time.perf_counter()
            parse_t.append(t1 - t0)
            lint_t.append(t2 - t1)
    ratios = [b / a for a, b in zip(parse_t, lint_t)]
    words = sum(len(t.split()) for t in texts) * args.rounds
    print(f"model: {model_name()}; {len(texts)} notes x {args.rounds} rounds, {words} words")
    print(f"bare parse : total {sum(parse_t):.3f}s, median {statistics.median(parse_t) * 1e3:.2f} ms/note")
    print(f"lint_note  : total {sum(lint_t):.3f}s, median {statistics.median(lint_t) * 1e3:.2f} ms/note")
    print(f"ratio lint/parse: total {sum(lint_t) / sum(parse_t):.2f}, "
          f"median per note {statistics.median(ratios):.2f} (goal <= 1.30)")


if __name__ == "__main__":
    main()
