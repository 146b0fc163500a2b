"""Send a follow-up with smtplib, but only when followup-lint finds no error.

    python send_followup.py draft.txt --to "Dr. Katherine Smyth <k@northwind.example>" \
        --subject "Thank you" --smtp localhost:25 [--dry-run]

Set FOLLOWUP_LINT_SEND_ANYWAY=1 to send a message that has errors.
"""

from __future__ import annotations

import argparse
import smtplib
import sys
from email.message import EmailMessage
from pathlib import Path

from followup_lint import Config
from followup_lint.guard import MessageBlocked, check_message


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("draft", type=Path)
    p.add_argument("--to", required=True)
    p.add_argument("--sender", default="Priya Raman <priya@example.org>")
    p.add_argument("--subject", default="Thank you")
    p.add_argument("--smtp", default="localhost:25", help="host:port")
    p.add_argument("--dry-run", action="store_true", help="check, print, send nothing")
    args = p.parse_args()

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = args.sender, args.to, args.subject
    msg.set_content(args.draft.read_text(encoding="utf-8"))
    try:
        # The To display name is the roster; keep=True saves a blocked message in the held folder.
        result = check_message(msg, config=Config(grammar=False), keep=True)
    except MessageBlocked as e:
        print(e, file=sys.stderr)
        return 1
    for f in result.findings:
        print(f"{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}", file=sys.stderr)
    if args.dry_run:
        print("OK: the message would be sent", file=sys.stderr)
        return 0
    host, _, port = args.smtp.partition(":")
    with smtplib.SMTP(host, int(port or 25)) as smtp:
        smtp.send_message(msg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
