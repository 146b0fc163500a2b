"""Does the cost of the name rules grow with the roster, and does a large roster invent
near-misses? One run reports, for rosters of 1, 100, 1,000 and 10,000 names:

- time per note (the corpus notes, grammar off, names rules only; the parse is done once
  and reused and the roster's index built before the clock starts, so the figure is the
  roster's share of the work per note);
- the one-off cost of indexing the roster (once per process or roster, e.g. once per
  ``followup-lint check``);
- name findings on the corpus notes beyond those the note's own roster gives: a
  ``name-misspelled``/``name-unknown`` finding that appears only with the padded roster is a
  false near-miss caused by roster size;
- how many of the corpus's expected misspellings are still caught.

The padding is synthetic: given names from the ``nicknames`` data and family names built
from common surname pieces (seeded), with each note's own roster first.

Usage: python bench/roster_scale.py [--notes 80] [--sizes 1,100,1000,10000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from followup_lint import nlp  # noqa: E402
from followup_lint.api import _Job  # noqa: E402
from followup_lint.config import Config  # noqa: E402
from followup_lint.context import NoteContext  # noqa: E402
from followup_lint.roster import Roster, known_given_names  # noqa: E402
from followup_lint.rules.names.matching import RosterIndex, index_for  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
_STARTS = ["Back", "Lind", "Berg", "Holm", "Sand", "Karl", "Ash", "Brad", "Hart", "Mor", "Fitz",
           "Gal", "Mac", "Mc", "Ros", "Stan", "Wal", "Whit", "Fair", "Ken", "Pet", "Rich", "Har",
           "Dal", "Ells", "Gold", "Green", "Silver", "Stein", "Ward", "Nor", "Sten", "Nak",
           "Tak", "Yam", "Kov", "Nov", "Pol", "Ram", "Gar", "Fer", "Mart", "Rod", "Lop", "Per",
           "Ok", "Ad", "Ol", "Ba", "Chu", "Ng", "Ev", "Bro", "Cal", "Dun", "Ed", "Gil", "Hal"]
_ENDS = ["lund", "son", "sen", "berg", "strom", "gren", "quist", "man", "ley", "ton", "well",
         "wood", "field", "ford", "er", "ez", "es", "ski", "ova", "ov", "ic", "enko", "ura",
         "oto", "ani", "ade", "eke", "ola", "inen", "ing", "ridge", "more", "by", "ham", "ers"]


def corpus() -> list[dict[str, object]]:
    notes = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        notes += [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln]
    return notes


def padding(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    given = sorted(g.capitalize() for g in known_given_names() if g.isalpha() and len(g) > 3)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        name = f"{rng.choice(given)} {rng.choice(_STARTS)}{rng.choice(_ENDS)}"
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=80)
    ap.add_argument("--sizes", default="1,100,1000,10000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    notes = corpus()[: args.notes]
    padded = Roster.of(padding(max(sizes)))
    config = Config(grammar=False, select=["names"])
    docs = list(nlp.parse_many([str(n["text"]) for n in notes]))

    def findings(note: dict[str, object], doc: object, size: int) -> tuple[float, set[tuple]]:
        own = Roster.of(list(note["roster"])).people  # type: ignore[call-overload]
        roster = Roster(own + padded.people[: max(0, size - len(own))])
        raw = note.get("context") or {}
        ctx_in = NoteContext(**{k: v for k, v in raw.items()  # type: ignore[union-attr]
                                if k in ("company", "role", "writer")})
        job = _Job(str(note["text"]), roster, ctx_in, config)
        index_for(roster)  # built once per roster (timed apart below)
        t = time.perf_counter()
        result = job.run(doc, "")  # type: ignore[arg-type]
        elapsed = time.perf_counter() - t
        return elapsed, {(f.rule, f.start, f.text, tuple(f.suggestions)) for f in result
                         if f.rule in ("name-misspelled", "name-unknown")}

    base = {}
    for note, doc in zip(notes, docs, strict=True):
        base[str(note["id"])] = findings(note, doc, 0)[1]
    expected = {(str(n["id"]), e["start"]) for n in notes for e in n.get("expect", [])  # type: ignore[union-attr]
                if e["rule"] == "name-misspelled"}
    print(f"{len(notes)} corpus notes, names rules only, parse reused; {len(expected)} expected "
          "misspellings\n")
    print("| roster names | ms per note (median) | ms per note (mean) | vs 1 name "
          "| index build ms | extra name findings (false) "
          "| expected misspellings caught |")
    print("|---|---|---|---|---|---|---|")
    ref = None
    for size in sizes:
        times, extra, caught = [], [], 0
        for note, doc in zip(notes, docs, strict=True):
            elapsed, got = findings(note, doc, size)
            times.append(elapsed)
            nid = str(note["id"])
            extra += [(nid, f) for f in got - base[nid]]
            caught += sum(1 for f in got if f[0] == "name-misspelled" and (nid, f[1]) in expected)
        med = statistics.median(times) * 1000
        t = time.perf_counter()
        RosterIndex(tuple(padded.people[:size]))
        build = (time.perf_counter() - t) * 1000
        ref = ref or med
        print(f"| {size:,} | {med:.1f} | {statistics.fmean(times) * 1000:.1f} | {med / ref:.1f}x "
              f"| {build:.0f} | {len(extra)} | {caught}/{len(expected)} |")
        for nid, f in extra[:8]:
            print(f"|   | {nid}: {f[0]} {f[2]!r} -> {list(f[3])[:2]} | | | | | |")


if __name__ == "__main__":
    main()
