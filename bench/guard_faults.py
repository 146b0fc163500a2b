"""Signals at random moments against ``followup-lint guard``: is a message ever lost or sent twice?

Each round runs ``python -m followup_lint guard --isolated --no-grammar -- python
tests/fake_sendmail.py OUT`` on a message (a short clean note, or one with a 400 KB
attachment that the fake sendmail reads slowly), sends SIGINT, SIGTERM or SIGHUP at a random
moment (half the rounds: between the start of the process and a little after a calibrated
full run; the other half: while the fake sendmail is reading, the narrow window where a
truncated message could be sent), and sorts the result:

* delivered  - OUT is the message, byte for byte; no copy kept; exit 0
* held       - not delivered; exactly one held copy, byte for byte; exit 128+N
* not taken  - the signal came before the guard read its input (the input file's offset
               was still 0 when it was sent): nothing read, nothing sent, the process died
               of the signal, so the mail program keeps its draft
* lost       - anything else with no whole copy anywhere (a partial delivery counts here)
* duplicated - delivered and also held, or delivered twice
* wrong exit - delivered/held, but the exit status says otherwise

Usage: PYTHONPATH=src python bench/guard_faults.py [ROUNDS] [--jobs N] [--seed S]
(ROUNDS defaults to 200). Exits 1 when anything was lost or duplicated.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKE_SENDMAIL = ROOT / "tests" / "fake_sendmail.py"
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

SMALL = (b'From: Priya Raman <priya@example.org>\r\nTo: "Dr. Katherine Smyth" <k@northwind.example>\r\n'
         b"Subject: Thank you\r\nDate: Tue, 05 Nov 2024 09:30:00 +0000\r\n\r\n"
         b"Dear Dr. Smyth,\r\n\r\nThank you for your time yesterday. I enjoyed our talk about the "
         b"data platform.\r\n\r\nBest regards,\r\nPriya\r\n")


def big_message(size: int = 400_000) -> bytes:
    head, body = SMALL.split(b"\r\n\r\n", 1)
    head += b'\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"'
    blob = base64.encodebytes(random.Random(15).randbytes(size * 3 // 4)).replace(b"\n", b"\r\n")
    return (head + b"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
            + b"\r\n--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            b'Content-Disposition: attachment; filename="cv.pdf"\r\n\r\n' + blob + b"\r\n--b1--\r\n")


MESSAGES = {"small": SMALL, "400KB": big_message()}


def one_round(folder: Path, raw: bytes, signum: int | None, delay: float,
              in_delivery: bool = False) -> tuple[str, float]:
    """Run the guard once, signal it after ``delay`` seconds (counted from the moment the
    fake sendmail starts reading when ``in_delivery``); returns (outcome, seconds)."""
    folder.mkdir(parents=True)
    out = folder / "sent.eml"
    draft = folder / "draft.eml"
    draft.write_bytes(raw)
    env = dict(os.environ, XDG_STATE_HOME=str(folder / "state"),
               PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("FOLLOWUP_LINT_SEND_ANYWAY", None)
    started = time.monotonic()
    taken = True
    with draft.open("rb") as stdin:
        proc = subprocess.Popen(
            [sys.executable, "-m", "followup_lint", "guard", "--isolated", "--no-grammar", "--",
             sys.executable, str(FAKE_SENDMAIL), str(out)],
            stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=folder)
        if signum is not None and in_delivery:
            part = folder / "sent.eml.part"
            while proc.poll() is None and not part.exists():
                time.sleep(0.002)
        if signum is not None:
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                # The child shares this file's offset: 0 means it has not read the message.
                taken = os.lseek(stdin.fileno(), 0, os.SEEK_CUR) > 0
                proc.send_signal(signum)
        _, err = proc.communicate(timeout=600)
    seconds = time.monotonic() - started
    code = proc.returncode
    held_folder = folder / "state" / "followup-lint" / "held"
    held = sorted(held_folder.glob("*.eml")) if held_folder.is_dir() else []
    whole_held = [p for p in held if p.read_bytes() == raw]
    delivered = out.exists() and out.read_bytes() == raw
    if (out.parent / (out.name + ".again")).exists() or (delivered and held):
        return "duplicated", seconds
    def wrong(what: str) -> tuple[str, float]:
        sys.stderr.write(f"WRONG EXIT {code} ({what}, signal {signum}, taken {taken}) in "
                         f"{folder}: {err.decode(errors='replace')}\n")
        return "wrong exit", seconds
    if delivered:
        return ("delivered", seconds) if code == 0 else wrong("delivered")
    if len(whole_held) == 1 and len(held) == 1 and not out.exists():
        ok = code == (128 + signum if signum is not None else 0)
        return ("held", seconds) if ok else wrong("held")
    if not out.exists() and not held and not taken and code != 0:
        return "not taken", seconds
    sys.stderr.write(f"LOST in {folder} (exit {code}): {err.decode(errors='replace')}\n")
    return "lost", seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rounds", nargs="?", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2, help="rounds at once (default 2)")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    with tempfile.TemporaryDirectory(prefix="guard-faults-") as tmp:
        base = Path(tmp)
        # Calibrate: how long a whole, unsignalled run takes here, now.
        spans = {}
        for name, raw in MESSAGES.items():
            outcome, seconds = one_round(base / f"calibrate-{name}", raw, None, 0)
            assert outcome == "delivered", outcome
            spans[name] = seconds
        print(f"calibration: a whole run takes {', '.join(f'{n} {s:.2f} s' for n, s in spans.items())}")

        plans = []
        for i in range(args.rounds):
            name = rng.choice(list(MESSAGES))
            # Half the rounds: any moment of the run; half: while the fake sendmail reads
            # (about 0.5 s for 400 KB, a moment for the short note), the narrow window.
            in_delivery = rng.random() < 0.5
            delay = rng.uniform(0, 0.8 if name == "400KB" else 0.05) if in_delivery \
                else rng.uniform(0, spans[name] * 1.1)
            plans.append((i, name, rng.choice(SIGNALS), delay, in_delivery))

        def run(plan: tuple[int, str, int, float, bool]) -> None:
            i, name, signum, delay, in_delivery = plan
            outcome, _ = one_round(base / f"round-{i}", MESSAGES[name], signum, delay,
                                   in_delivery)
            with lock:
                counts[outcome] += 1
                done = sum(counts.values())
                if done % 20 == 0 or done == args.rounds:
                    print(f"  {done}/{args.rounds}: {dict(counts)}", flush=True)

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            list(pool.map(run, plans))
        elapsed = time.monotonic() - started
    print(f"rounds {args.rounds} in {elapsed:.0f} s (jobs {args.jobs}, seed {args.seed})")
    for key in ("delivered", "held", "not taken", "lost", "duplicated", "wrong exit"):
        print(f"  {key:<11} {counts[key]}")
    return 1 if counts["lost"] or counts["duplicated"] else 0


if __name__ == "__main__":
    sys.exit(main())
