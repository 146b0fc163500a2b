"""How fast is the grammar check? One run reports:

1. the first note in a fresh process with no LanguageTool server running (start included);
2. the first note in a fresh process with the server already running;
3. warm per-note time: lint_note with grammar vs language_tool_python's check() alone on the
   same server vs spaCy's parse alone (goal: ours <= 1.2 x the slower of the two);
4. lint_many throughput on 500 notes;
5. the server's resident memory.

It runs in a cache folder of its own (the installed jars linked in), so a server you are
running is neither reused nor stopped. Usage: python bench/grammar_speed.py [--notes 500]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 1.2

OPENINGS = ["Dear Dr. Smyth,", "Hi Jon,", "Dear Ms. Lee,", "Hello Katherine,", "Dear hiring team,"]
BODIES = [
    "Thank you for your time yesterday. I enjoyed meeting the team and learning about the "
    "analyst role, especially the plans for the new reporting platform.",
    "Thank you for the interveiw on Tuesday. I has five years of experience with SQL and "
    "Python, and I believe I could help the team ship the dashboards faster.",
    "I wanted to follow up on my application for the data engineer position. Could you "
    "share an update on the timeline when you have a moment?",
    "Thanks again for speaking with me. I forgot to mention that I led a migration of our "
    "billing system to PostgreSQL, which cut our monthly costs by a third.",
    "I look forward to hear from you about the next steps. Their is a lot I could bring to "
    "the team, and I am excited about the chance to contribute.",
    "Thank you for letting me know about your decision. I would be grateful for any feedback "
    "on my interview, so that I can improve for the future.",
]
CLOSINGS = ["Best regards,\nSam Taylor", "Kind regards,\nAlex", "Thanks,\nJordan Reyes",
            "Best,\nSam"]
ROSTER = ["Dr. Katherine Smyth", "Jon Baker", "Ms. Ana Lee"]


def make_notes(n: int, seed: int = 7) -> list[str]:
    """``n`` varied follow-up notes, some with typos and grammar mistakes."""
    rng = random.Random(seed)
    notes = []
    for i in range(n):
        body = " ".join(rng.sample(BODIES, 2))
        notes.append(f"{rng.choice(OPENINGS)}\n\n{body} (ref {i})\n\n{rng.choice(CLOSINGS)}")
    return notes


FIRST_NOTE = """
import time, sys
t0 = float(sys.argv[1])
from followup_lint import Config, lint_note
r = lint_note(sys.argv[2], roster=%r, config=Config())
assert "grammar" not in r.skipped, r.skipped
print(time.time() - t0)
""" % (ROSTER,)


def first_note_seconds(note: str) -> float:
    """Wall time of a fresh ``python`` that imports followup_lint and lints one note."""
    done = subprocess.run([sys.executable, "-c", FIRST_NOTE, repr(time.time()), note],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def interleaved_ms(fns: dict, notes: list[str], repeats: int) -> dict[str, float]:
    """For each function: the mean over notes of the median of ``repeats`` timings, in ms.
    The functions take turns on each note, so that drifts (JIT, load) hit them alike."""
    per_note: dict[str, list[float]] = {name: [] for name in fns}
    for note in notes:
        times: dict[str, list[float]] = {name: [] for name in fns}
        for _ in range(repeats):
            for name, fn in fns.items():
                t = time.perf_counter()
                fn(note)
                times[name].append(time.perf_counter() - t)
        for name in fns:
            per_note[name].append(statistics.median(times[name]))
    return {name: 1000 * statistics.mean(v) for name, v in per_note.items()}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--sample", type=int, default=20, help="notes timed warm")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from followup_lint.languagetool.install import LT_VERSION, install

    lib = install()
    cache = Path(tempfile.mkdtemp(prefix="followup-lint-bench-"))
    (cache / "languagetool" / LT_VERSION).mkdir(parents=True)
    os.symlink(lib, cache / "languagetool" / LT_VERSION / "lib")
    os.environ["FOLLOWUP_LINT_CACHE"] = str(cache)

    import language_tool_python

    from followup_lint import Config, lint_many, lint_note
    from followup_lint.languagetool import server
    from followup_lint.nlp import parse
    from followup_lint.note import note_from_text

    notes = make_notes(args.notes)
    sample = notes[:args.sample]
    try:
        cold = first_note_seconds(notes[0])
        state = server.read_state()
        assert state is not None
        hot = first_note_seconds(notes[1])

        cfg = Config()
        tool = language_tool_python.LanguageTool("en-US", remote_server=state.url)
        # Warm the JVM's JIT and every path on notes outside the timed sample.
        for note in notes[-100:]:
            lint_note(note, roster=ROSTER, config=cfg)
            tool.check(note)
        java0, py0 = cpu_seconds(state.pid), time.process_time()
        timed = interleaved_ms({
            "ours": lambda t: lint_note(t, roster=ROSTER, config=cfg),
            "no_grammar": lambda t: lint_note(t, roster=ROSTER, config=Config(grammar=False)),
            "ltp": tool.check,
            "spacy": lambda t: parse(note_from_text(t).analysis_text),
        }, sample, args.repeats)
        runs = len(sample) * args.repeats
        java_cpu = 1000 * (cpu_seconds(state.pid) - java0) / runs
        py_cpu = 1000 * (time.process_time() - py0) / runs
        ours, no_grammar, ltp, spacy = (timed[k] for k in ("ours", "no_grammar", "ltp", "spacy"))

        t = time.perf_counter()
        results = lint_many(notes, roster=ROSTER, config=cfg)
        many = time.perf_counter() - t
        skipped = sum("grammar" in r.skipped for r in results)
        t = time.perf_counter()
        lint_many(notes, roster=ROSTER, config=Config(grammar=False))
        many_off = time.perf_counter() - t
        rss = rss_mb(state.pid)
        tool.close()
    finally:
        server.stop()

    slower = max(ltp, spacy)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"LanguageTool {LT_VERSION}, heap -Xmx{server.heap()}, {os.cpu_count()} CPUs, "
          f"load average {load} (other work on the machine skews the figures)")
    print(f"first note, fresh process, no server running : {cold:6.2f} s")
    print(f"first note, fresh process, server running    : {hot:6.2f} s")
    print(f"warm lint_note with grammar                  : {ours:6.1f} ms/note")
    print(f"warm lint_note without grammar               : {no_grammar:6.1f} ms/note")
    print(f"warm language_tool_python check() alone      : {ltp:6.1f} ms/note")
    print(f"warm spaCy parse alone                       : {spacy:6.1f} ms/note")
    print(f"ours / slower of the two                     : {ours / slower:6.2f} "
          f"(goal <= {GOAL}) {'OK' if ours / slower <= GOAL else 'MISSED'}")
    print(f"ours / lint_note without grammar             : {ours / no_grammar:6.2f} "
          f"(what grammar adds on top of the other rules)")
    print(f"  CPU per round of the four (ours + no grammar + check + parse): Python "
          f"{py_cpu:.1f} ms, LanguageTool {java_cpu:.1f} ms")
    print(f"lint_many, {len(notes)} notes, grammar         : {many:6.2f} s "
          f"({len(notes) / many:.1f} notes/s, {skipped} skipped)")
    print(f"lint_many, {len(notes)} notes, no grammar      : {many_off:6.2f} s "
          f"({len(notes) / many_off:.1f} notes/s)")
    print(f"server resident memory after the run         : {rss:6.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
