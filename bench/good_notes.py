"""Findings on realistic good notes: every finding here is a candidate false alarm.

    PYTHONPATH=$PWD/src python3 bench/good_notes.py [--notes bench/blind/good_notes_dev.jsonl]
                                                  [--out findings.jsonl] [--languagetool-url URL]

Each record (id, kind, voice, company, role, roster, subject, text) is linted as an email
(Subject header + body) with grammar on, its roster and a NoteContext with its company and
role, and its kind when followup-lint knows that kind (otherwise the kind is detected).
Every finding is written as one JSON line (note id, rule, severity, source, message,
flagged text, 120 characters of context) for a reader to judge true or false; the summary
printed is findings per note, notes with an error-severity finding, findings by rule and by
LanguageTool rule id. Grammar needs a LanguageTool server: --languagetool-url, or
$FOLLOWUP_LINT_LANGUAGETOOL_URL, or the shared local one
(``python3 -m followup_lint languagetool start``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

from followup_lint import Config, NoteContext, lint_note
from followup_lint.context import KINDS

HERE = Path(__file__).resolve().parent
WINDOW = 120


def as_email(record: dict) -> EmailMessage:
    msg = EmailMessage()
    if record.get("subject"):
        msg["Subject"] = record["subject"]
    msg.set_content(record["text"])
    return msg


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", default=str(HERE / "blind" / "good_notes_dev.jsonl"))
    ap.add_argument("--out", default="good_notes_findings.jsonl")
    ap.add_argument("--languagetool-url", default=None)
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in Path(args.notes).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    cfg = Config(grammar=True, require_grammar=True, languagetool_url=args.languagetool_url,
                 languagetool_timeout=90.0)
    rows = []
    per_note: Counter[str] = Counter()
    error_notes: set[str] = set()
    kinds_seen: Counter[str] = Counter()
    for rec in records:
        kind = rec.get("kind") if rec.get("kind") in KINDS else None
        about = NoteContext(company=rec.get("company"), role=rec.get("role"), kind=kind)
        result = lint_note(as_email(rec), roster=rec.get("roster") or [], context=about, config=cfg)
        kinds_seen[f"{rec.get('kind')} -> {result.kind}"] += 1
        text = result.text
        for f in result.findings:
            pad = max(0, (WINDOW - (f.end - f.start)) // 2)
            lo, hi = max(0, f.start - pad), min(len(text), f.end + pad)
            rows.append({"id": rec["id"], "rule": f.rule, "severity": f.severity,
                         "source": f.source, "message": f.message, "text": f.text,
                         "context": text[lo:hi]})
            per_note[rec["id"]] += 1
            if f.severity == "error":
                error_notes.add(rec["id"])
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    n = len(records)
    print(f"notes: {n}  findings: {len(rows)}  findings per note: {len(rows) / n:.2f}")
    print(f"notes with a finding: {len(per_note)}  notes with an error-severity finding: "
          f"{len(error_notes)} ({', '.join(sorted(error_notes))})")
    print("findings by rule (severity):")
    for (rule, sev), c in Counter((r["rule"], r["severity"]) for r in rows).most_common():
        print(f"  {c:4d}  {rule} ({sev})")
    print("findings by LanguageTool rule id:")
    for src, c in Counter(r["source"] for r in rows
                          if r["source"].startswith("languagetool:")).most_common():
        print(f"  {c:4d}  {src.split(':', 1)[1]}")
    print("kind given -> kind used:")
    for k, c in kinds_seen.most_common():
        print(f"  {c:4d}  {k}")
    print(f"findings written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
