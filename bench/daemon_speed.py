"""Benchmark: the pre-send path with the daemon warm, against the cold path and proselint,
the thin client's import time, and ``check --jobs`` on many templates.

    python bench/daemon_speed.py [--runs 7] [--files 1000] [--skip-jobs]

1. ``followup-lint guard --roster ROSTER -- true`` on a 150-word note, wall time in a fresh
   process (median of RUNS, interleaved so machine load hits all alike): with a warm daemon
   (goal: at most 0.25 s), without it (``FOLLOWUP_LINT_DAEMON=0``: spaCy loads every
   time), and ``proselint check`` on the same note. Grammar is on (the shared LanguageTool
   server, already running, serves both paths).
2. The thin client's import time (``python -X importtime``: the followup_lint modules the
   ``guard`` path through the daemon imports; goal: under 60 ms), median of RUNS.
3. ``followup-lint check DIR --no-grammar --jobs 1`` and ``--jobs 2`` on FILES template files,
   each in a fresh process (goal: 2 jobs at least 1.7 times as fast).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "examples" / "roster.toml"
NOTE = """Dear Dr. Smyth,

Thank you for taking the time to meet with me yesterday about the data engineer role at
Northwind. I enjoyed hearing how your team moved the reporting pipeline to streaming, and
our conversation about data quality checks made me even more excited about the position.

In my current job I built a similar set of checks for our nightly loads, and it cut the
number of broken dashboards by more than half in three months. I would be glad to bring
that experience to your platform work, and I am happy to share more details or examples of
that project if it would help with your decision.

Please let me know if there is anything else I can send you. Thank you again for your time
and for the thoughtful questions. I look forward to hearing from you about the next steps.

Best regards,
Priya Raman
"""
TEMPLATE = ("Dear {{ interviewer }},\n\nThank you for taking the time to meet with me {{ when }} "
            "about the {{ role }} role. I enjoyed hearing how the team works on note %d, and our "
            "conversation made me even more excited about the position.\n\nBest regards,\n{{ me }}\n")


def _env(**extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT / "src")) | extra


def _time(cmd: list[str], env: dict[str, str], stdin: bytes | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, input=stdin, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - t0


def _import_ms(env: dict[str, str]) -> float:
    """Milliseconds the thin guard path spends importing followup_lint modules."""
    probe = "import followup_lint.cli.main, followup_lint.daemon.client, followup_lint.cli.guard"
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", probe], env=env,
                         capture_output=True, text=True, check=True).stderr
    total = 0
    for line in out.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S+)$", line)  # top level only
        if m and m.group(2).startswith("followup_lint"):
            total += int(m.group(1))
    return total / 1000


def pre_send(runs: int) -> None:
    folder = tempfile.mkdtemp(prefix="fld", dir="/tmp")
    note = Path(folder) / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    words = len(NOTE.split())
    warm_env = _env(FOLLOWUP_LINT_DAEMON_DIR=folder, XDG_STATE_HOME=folder)
    cold_env = warm_env | {"FOLLOWUP_LINT_DAEMON": "0"}
    fl = [sys.executable, "-m", "followup_lint"]
    guard = [*fl, "guard", "--roster", str(ROSTER), "--", "true"]
    started = subprocess.run([*fl, "daemon", "start"], env=warm_env, capture_output=True, text=True)
    if started.returncode:
        sys.exit(f"the daemon did not start: {started.stderr}")
    proselint = shutil.which("proselint")
    warm, cold, prose, imports = [], [], [], []
    try:
        raw = NOTE.encode()
        _time(guard, warm_env, raw)
        _time(guard, cold_env, raw)  # the LanguageTool server is running for both
        for _ in range(runs):
            warm.append(_time(guard, warm_env, raw))
            cold.append(_time(guard, cold_env, raw))
            if proselint:
                prose.append(_time([proselint, "check", str(note)], warm_env))
            imports.append(_import_ms(warm_env))
    finally:
        subprocess.run([*fl, "daemon", "stop"], env=warm_env, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
    w, c = statistics.median(warm), statistics.median(cold)
    print(f"guard on a {words}-word note, grammar on, median of {runs} (fresh process each):")
    print(f"  daemon warm:           {w:.3f} s (goal <= 0.25 s)")
    print(f"  no daemon (cold path): {c:.3f} s  ratio cold/warm {c / w:.1f}x")
    if prose:
        p = statistics.median(prose)
        print(f"  proselint check:       {p:.3f} s  ratio warm/proselint {w / p:.2f}x")
    else:
        print("  proselint: not installed (pip install 'proselint>=0.16,<0.17')")
    print(f"thin client import time (followup_lint modules): {statistics.median(imports):.1f} ms "
          f"(goal < 60 ms; min {min(imports):.1f})")


def jobs(files: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fljobs"))
    try:
        for i in range(files):
            (folder / f"t{i:04d}.j2").write_text(TEMPLATE % i, encoding="utf-8")
        cmd = [sys.executable, "-m", "followup_lint", "check", str(folder), "--no-grammar",
               "--isolated", "--exit-zero"]
        env = _env(FOLLOWUP_LINT_DAEMON="0")
        one = _time([*cmd, "--jobs", "1"], env)
        two = _time([*cmd, "--jobs", "2"], env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"check on {files} templates in a fresh process (cores: {os.cpu_count()}):")
    print(f"  --jobs 1: {one:.1f} s   --jobs 2: {two:.1f} s   speed-up {one / two:.2f}x (goal >= 1.7x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--skip-jobs", action="store_true")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    pre_send(args.runs)
    if not args.skip_jobs:
        jobs(args.files)


if __name__ == "__main__":
    main()
