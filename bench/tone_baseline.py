"""The keyword-list baseline (bench/baselines/tone_keywords.txt, case-insensitive substrings,
no parse) scored on a labelled JSONL tone set the same way bench/tone_score.py scores followup-lint.

Run: python bench/tone_baseline.py bench/blind/final/tone_final.jsonl
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES = ("accusatory", "pushy", "passive-aggressive", "desperate", "resentful", "self-focused")


def keywords() -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    current = None
    for line in (HERE / "baselines" / "tone_keywords.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            rules[current] = []
        elif current:
            rules[current].append(line.casefold())
    return rules


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path")
    args = ap.parse_args()
    rows = [json.loads(x) for x in Path(args.path).read_text(encoding="utf-8").splitlines() if x.strip()]
    kw = keywords()
    flagged = [{r for r, words in kw.items() if any(w in row["text"].casefold() for w in words)}
               for row in rows]
    print(f"{args.path} (keyword baseline)")
    print(f"  {'rule':20s} {'n':>4s} {'P':>5s} {'R':>5s} {'F1':>5s}")
    for rule in RULES:
        tp = sum(1 for row, f in zip(rows, flagged, strict=True) if rule in f and row["label"] == rule)
        fp = sum(1 for row, f in zip(rows, flagged, strict=True) if rule in f and row["label"] != rule)
        n = sum(1 for row in rows if row["label"] == rule)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / n if n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {rule:20s} {n:4d} {p:5.2f} {r:5.2f} {f1:5.2f}" + ("" if rule in kw else "  (no keywords)"))
    polite = [f for row, f in zip(rows, flagged, strict=True) if row["label"] == "polite"]
    print(f"  polite flagged: {sum(1 for f in polite if f)}/{len(polite)} = "
          f"{sum(1 for f in polite if f) / max(len(polite), 1):.1%}")


if __name__ == "__main__":
    main()
