"""Score the tone rules on a labelled JSONL set (fields text, label): per-rule precision,
recall, F1 and the share of polite sentences with any tone finding.

A sentence counts as flagged for rule R when ``lint_note(text, config=Config(grammar=False))``
yields a finding of R. ``--mode`` picks patterns alone, the model alone, or both (default).

Run: python bench/tone_score.py bench/blind/tone_b3.jsonl [--mode patterns|model|combined]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import followup_lint

RULES = ("accusatory", "pushy", "passive-aggressive", "desperate", "resentful", "self-focused")


def read(path: str | Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def flags(texts: Sequence[str], mode: str) -> list[set[str]]:
    """The tone rules that fire on each text."""
    tone = set(RULES)
    if mode == "model":
        return model_flags(texts)
    extra: dict[str, object] = {}
    if mode == "patterns":
        extra["tone_model"] = False
    try:
        config = followup_lint.Config(grammar=False, **extra)  # type: ignore[arg-type]
    except TypeError:  # a build without the model fields: patterns only
        if mode != "patterns":
            raise
        config = followup_lint.Config(grammar=False)
    out = []
    for text in texts:
        found = followup_lint.lint_note(text, config=config).findings
        out.append({f.rule for f in found if f.rule in tone})
    return out


def model_flags(texts: Sequence[str]) -> list[set[str]]:
    """The model alone at its shipped thresholds: a rule fires when any sentence of the text
    scores at or above the rule's threshold."""
    from followup_lint.nlp import get_nlp
    from followup_lint.rules import tone_model

    limits = tone_model.default_thresholds()
    out = []
    for doc in get_nlp().pipe(texts):
        probs = tone_model.scores(list(doc.sents))
        out.append({r for p in probs for r, v in p.items() if v >= limits[r]})
    return out


def score(rows: Sequence[dict[str, str]], found: Sequence[set[str]],
          rules: Iterable[str] = RULES) -> dict[str, tuple[float, float, float, int]]:
    """rule -> (precision, recall, F1, support); "polite" -> (share flagged, 0, 0, count)."""
    out: dict[str, tuple[float, float, float, int]] = {}
    for r in rules:
        tp = sum(1 for row, f in zip(rows, found) if row["label"] == r and r in f)
        fp = sum(1 for row, f in zip(rows, found) if row["label"] != r and r in f)
        fn = sum(1 for row, f in zip(rows, found) if row["label"] == r and r not in f)
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        out[r] = (p, rc, f1, tp + fn)
    polite = [f for row, f in zip(rows, found) if row["label"] == "polite"]
    out["polite"] = (sum(1 for f in polite if f) / len(polite) if polite else 0.0, 0, 0,
                     len(polite))
    return out


def report(name: str, s: dict[str, tuple[float, float, float, int]]) -> str:
    lines = [f"{name}", f"  {'rule':<20} {'n':>4} {'P':>5} {'R':>5} {'F1':>5}"]
    for r, (p, rc, f1, n) in s.items():
        if r == "polite":
            continue
        lines.append(f"  {r:<20} {n:>4} {p:5.2f} {rc:5.2f} {f1:5.2f}")
    share, _, _, n = s["polite"]
    lines.append(f"  polite flagged: {round(share * n)}/{n} = {share:.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--mode", default="combined", choices=("patterns", "model", "combined"))
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms")
    a = ap.parse_args(argv)
    rows = read(a.path)
    found = flags([r["text"] for r in rows], a.mode)
    print(report(f"{a.path} ({a.mode})", score(rows, found)))
    if a.errors:
        for row, f in zip(rows, found):
            if (row["label"] == "polite" and f) or (row["label"] != "polite"
                                                     and row["label"] not in f):
                print(f"  [{row['label']}] {row['text']} -> {sorted(f) or '-'}")


if __name__ == "__main__":
    sys.exit(main())
