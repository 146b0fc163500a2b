"""Benchmark: CLI start-up against a bare spaCy load, and batch linting of 1,000 templates.

    python bench/cli_speed.py [--runs 5] [--files 1000]

1. ``followup-lint check NOTE --no-grammar`` in a fresh process, against
   ``python -c "import spacy; spacy.load(MODEL)"`` (goal: at most 1.3 times).
2. A folder of N template files read the way ``check`` reads them and linted in one
   process with ``lint_many`` (one pipeline, ``nlp.pipe``): notes per second.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOT / "examples" / "thank-you-good.txt"
TEMPLATE = """Dear {{ interviewer }},

Thank you for taking the time to meet with me {{ when }} about the {{ role }} role at [Company].
I enjoyed hearing how the team works on {topic}, and our conversation made me even more
excited about the position. My experience with {skill} would let me help from the first week.

Thank you again for your time. I look forward to hearing from you.

Best regards,
{{ me }}
"""


def _run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def startup(runs: int) -> None:
    from followup_lint import nlp

    model = nlp.model_name().rsplit("-", 1)[0]
    base_cmd = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
    cli_cmd = [sys.executable, "-m", "followup_lint", "check", str(NOTE), "--no-grammar", "--isolated"]
    base, cli = [], []
    for _ in range(runs):  # interleaved, so that load from other processes hits both alike
        base.append(_run(base_cmd))
        cli.append(_run(cli_cmd))
    b, c = statistics.median(base), statistics.median(cli)
    print(f"spacy.load({model}) in a fresh process: {b:.3f} s (median of {runs})")
    print(f"followup-lint check NOTE --no-grammar:   {c:.3f} s (median of {runs})")
    print(f"ratio: {c / b:.2f}x (goal <= 1.30x)")


def batch(files: int) -> None:
    from followup_lint import Config, lint_many
    from followup_lint.cli.inputs import load, read_source, walk

    config = Config(grammar=False, template=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(files):
            text = TEMPLATE.replace("{{ when }}", ["yesterday", "on Monday", "this morning"][i % 3])
            if i % 4 == 0:
                text += "\nP.S. I forgot to mention my work on the reporting migration.\n"
            (folder / f"t{i:04d}.j2").write_text(text, encoding="utf-8")
        lint_many(["Warm-up note: thank you for your time."], config=Config(grammar=False))
        t0 = time.perf_counter()
        notes = [load(read_source(p, str(p), False), config, None).note for p in walk(folder, config)]
        t1 = time.perf_counter()
        results = lint_many(notes, config=config)
        t2 = time.perf_counter()
    findings = sum(len(r) for r in results)
    print(f"{len(notes)} template files: read {t1 - t0:.2f} s, lint_many {t2 - t1:.2f} s, "
          f"{len(notes) / (t2 - t0):.0f} notes/s overall ({findings} findings)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--files", type=int, default=1000)
    args = p.parse_args()
    startup(args.runs)
    batch(args.files)


if __name__ == "__main__":
    main()
