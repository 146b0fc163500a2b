"""Whole polite notes that get a tone finding: the false alarms a writer of a good note would see.

    PYTHONPATH=$PWD/src python3 bench/tone_notes.py [SET.jsonl ...] [--no-model]

Each record of a good-notes set (id, kind, company, role, roster, text; see bench/blind/) is
linted with grammar off (tone does not depend on LanguageTool) and its roster and context; the
summary counts the notes with any finding of a tone rule and prints each such finding. Issue 9's
target: at most 1 good note in 50 with a tone finding.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from followup_lint import Config, NoteContext, lint_note
from followup_lint.context import KINDS

HERE = Path(__file__).resolve().parent
TONE_RULES = {"accusatory", "pushy", "passive-aggressive", "desperate", "resentful", "self-focused"}
DEFAULT_SETS = [HERE / "blind" / "good_notes_dev.jsonl",
                HERE / "blind" / "final" / "polite_notes_final.jsonl",
                HERE / "blind" / "final2" / "polite_notes_final2.jsonl"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", default=[str(p) for p in DEFAULT_SETS])
    ap.add_argument("--no-model", action="store_true", help="patterns alone (tone-model = false)")
    args = ap.parse_args(argv)
    cfg = Config(grammar=False, tone_model=not args.no_model)
    total_notes = total_flagged = 0
    for path in args.sets:
        records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        flagged = 0
        for rec in records:
            kind = rec.get("kind") if rec.get("kind") in KINDS else None
            about = NoteContext(company=rec.get("company"), role=rec.get("role"), kind=kind)
            result = lint_note(rec["text"], roster=rec.get("roster") or [], context=about,
                               config=cfg)
            tone = [f for f in result.findings if f.rule in TONE_RULES]
            if tone:
                flagged += 1
                for f in tone:
                    print(f"  {rec['id']}: {f.rule} ({f.severity}) {f.text[:100]!r}")
        total_notes += len(records)
        total_flagged += flagged
        print(f"{Path(path).name}: {flagged} of {len(records)} notes with a tone finding")
    print(f"all: {total_flagged} of {total_notes} notes with a tone finding "
          f"({100 * total_flagged / max(1, total_notes):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
