"""Train the tone model shipped in src/followup_lint/data/tone_model/.

    PYTHONPATH=src python3 training/tone/train.py [--out DIR] [--epochs N] [--dev PATH]

Reads training/tone/data/*.jsonl (text, label) and trains a spaCy textcat_multilabel (bag of
1-3-grams over the feature words of ``followup_lint.rules.tone_model.features``) with a fixed
seed, then writes the pipeline plus thresholds.json.

With ``--dev SET [SET ...]`` (how the shipped model is made: the four development sets, see
training/tone/README.md) every row is trained on and the per-rule thresholds are chosen on
the pooled development sets by pick_thresholds.py, for the verdict lint_note gives. Without it, 15% (seed 0) is held out as a validation split
(written to training/tone/validation.jsonl) and the thresholds are chosen there.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example

from followup_lint.nlp import get_nlp
from followup_lint.rules.tone_model import LABELS, features

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED = 0
#: Thresholds are chosen to keep each rule's false alarms on polite validation sentences at
#: or under this share (the issue's budget is 2% for all rules together).
POLITE_BUDGET = 0.004
#: No threshold below this: the validation split is written like the training data, and on
#: text unlike it (a greeting, a sign-off) every label scores 0.2-0.4 from its bias alone.
MIN_THRESHOLD = 0.4


def read_data() -> list[dict[str, str]]:
    rows = []
    for path in sorted((HERE / "data").glob("*.jsonl")):
        rows += [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    return rows


def split(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(SEED)
    order = list(range(len(rows)))
    rng.shuffle(order)
    cut = round(len(rows) * 0.15)
    return [rows[i] for i in order[cut:]], [rows[i] for i in order[:cut]]


def feature_docs(nlp: spacy.Language, texts: list[str]) -> list[Doc]:
    """One feature Doc per text: the parse's features of the whole text (a training row is
    one sentence; a row the parser splits in two still counts as one)."""
    parser = get_nlp()
    out = []
    for doc in parser.pipe(texts, batch_size=64):
        words = features(doc)
        out.append(Doc(nlp.vocab, words=words, spaces=[True] * len(words)))
    return out


def build() -> spacy.Language:
    nlp = spacy.blank("en")
    config = {"threshold": 0.5, "model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
        "ngram_size": 3, "no_output_layer": False, "length": 2 ** 17}}
    textcat = nlp.add_pipe("textcat_multilabel", config=config)
    for label in LABELS:
        textcat.add_label(label)  # type: ignore[attr-defined]
    return nlp


def choose_thresholds(probs: list[dict[str, float]], labels: list[str]) -> dict[str, float]:
    """Per rule: the threshold with the best F1 among those that flag at most POLITE_BUDGET
    of the polite validation sentences."""
    polite = [p for p, y in zip(probs, labels) if y == "polite"]
    out = {}
    for rule in LABELS:
        best = (-1.0, 0.9)
        for step in range(round(MIN_THRESHOLD * 100), 96):
            t = step / 100
            if sum(p[rule] >= t for p in polite) > POLITE_BUDGET * len(polite):
                continue
            tp = sum(p[rule] >= t and y == rule for p, y in zip(probs, labels))
            fp = sum(p[rule] >= t and y != rule for p, y in zip(probs, labels))
            fn = sum(p[rule] < t and y == rule for p, y in zip(probs, labels))
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best[0]:
                best = (f1, t)
        out[rule] = best[1]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "src/followup_lint/data/tone_model"))
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--dev", nargs="+",
                    help="choose thresholds on these development sets (train on all rows)")
    a = ap.parse_args()
    began = time.perf_counter()
    spacy.util.fix_random_seed(SEED)
    rows = read_data()
    if a.dev:
        train, valid = rows, []
    else:
        train, valid = split(rows)
        (HERE / "validation.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in valid), "utf-8")
    nlp = build()
    docs = feature_docs(nlp, [r["text"] for r in train])
    examples = [Example.from_dict(d, {"cats": {lab: float(r["label"] == lab) for lab in LABELS}})
                for d, r in zip(docs, train)]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    for epoch in range(a.epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.0)
        print(f"epoch {epoch + 1}: loss {losses['textcat_multilabel']:.3f}")
    textcat = nlp.get_pipe("textcat_multilabel")
    if valid:
        vdocs = feature_docs(nlp, [r["text"] for r in valid])
        probs = [{lab: float(row[i]) for i, lab in enumerate(textcat.labels)}  # type: ignore[attr-defined]
                 for row in textcat.predict(vdocs)]  # type: ignore[attr-defined]
        thresholds = choose_thresholds(probs, [r["label"] for r in valid])
    else:
        thresholds = {lab: 0.5 for lab in LABELS}  # replaced below, on the development set
    out = Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    (out / "thresholds.json").write_text(json.dumps(thresholds, indent=1) + "\n", "utf-8")
    if a.dev:
        import pick_thresholds

        thresholds = pick_thresholds.choose([Path(d) for d in a.dev], out)
        (out / "thresholds.json").write_text(json.dumps(thresholds, indent=1) + "\n", "utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"train {len(train)}, validation {len(valid)}; thresholds {thresholds}")
    print(f"wrote {out} ({size / 1e6:.1f} MB) in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
