"""How lint_note's time and memory grow with hostile input.

Not a test (no timed assertions in the suite): run by hand. Each shape runs in a fresh child
process (so peak RSS is that note's alone) through the API (``lint_note``) and, with
``--check``, through ``followup-lint check`` on a file; a shape past ``--timeout`` is killed.

    python bench/bad_input_scaling.py                  # 10 MB shapes through the API
    python bench/bad_input_scaling.py --mb 2 --check   # 2 MB, API and check
    python bench/bad_input_scaling.py --shapes percent,emoji

Prints seconds and peak RSS (MB) per shape; the baseline RSS of a process that has loaded the
pipeline and linted one short note is printed first, so growth is the difference.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

#: name -> (unit repeated to the size, prefix, is an email)
SHAPES: dict[str, tuple[str, str, bool]] = {
    "prose": ("Thank you for your time. ", "", False),
    "percent": ("%", "", False),
    "dollar-word": ("$word ", "", False),
    "emoji": ("😀", "", False),  # 4 bytes each: 2.5 million in 10 MB
    "comma-run": ("x,", "", False),
    "brackets": ("[", "", False),
    "open-braces": ("{", "", False),
    "less-than": ("<", "", False),
    "quoted-lines": ("> x\n", "Thanks for your time.\n", False),
    "newlines": ("\n", "Thanks for your time.", False),
    "nested-divs": ("<div>", "From: a@b.example\nTo: Jon Baker <j@b.example>\nSubject: Thanks\n"
                    "Content-Type: text/html; charset=utf-8\n\n<p>Thanks for your time.</p>", True),
    "encoded-words": ("=?utf-8?q?a?= ", "From: a@b.example\nSubject: ", True),
    "addresses": ("a@b.example, ", "From: a@b.example\nTo: ", True),
    "to-names": ("Jon Baker <j@b.example>, ", "From: a@b.example\nTo: ", True),
}

_CHILD = r"""
import resource, sys, time
from followup_lint import Config, lint_note
from followup_lint.errors import FollowupLintError
cfg = Config(grammar=False)
lint_note("Thank you for your time.", config=cfg)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
data = open(sys.argv[1], "rb").read()
note = data if sys.argv[2] == "1" else data.decode("utf-8")
del data
t0 = time.perf_counter()
try:
    r = lint_note(note, config=cfg)
    what = f"{len(r.findings)} findings; skipped: {', '.join(r.skipped) or '-'}"
except FollowupLintError as e:
    what = f"error: {e}"
dt = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{dt:.2f}\t{base:.0f}\t{peak:.0f}\t{what}")
"""


def make(shape: str, size: int) -> bytes:
    unit, prefix, is_mail = SHAPES[shape]
    body = (unit * (size // len(unit.encode()))).encode()
    if shape in ("encoded-words", "addresses", "to-names"):
        return prefix.encode() + body + b"\n\nThanks for your time.\n"
    if shape == "nested-divs":
        head, _, tail = prefix.partition("\n\n")
        return (head + "\n\n").encode() + body + tail.encode()
    return prefix.encode() + body if not is_mail else prefix.encode() + body


def run(cmd: list[str], timeout: float) -> tuple[float, str]:
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return timeout, "KILLED (timeout)"
    return time.perf_counter() - t0, (p.stdout.strip().splitlines() or [p.stderr.strip()])[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="input size in MB (default 10)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shape names")
    ap.add_argument("--check", action="store_true", help="also time `followup-lint check FILE`")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()
    size = int(args.mb * 1024 * 1024) - 64
    print(f"{'shape':14} {'api s':>7} {'base MB':>8} {'peak MB':>8}" +
          (f" {'check s':>8} {'chk MB':>7}" if args.check else "") + "  result")
    for shape in args.shapes.split(","):
        data = make(shape, size)
        is_mail = SHAPES[shape][2]
        with tempfile.NamedTemporaryFile(suffix=".eml" if is_mail else ".txt", delete=False) as f:
            f.write(data)
        try:
            _, out = run([sys.executable, "-c", _CHILD, f.name, "1" if is_mail else "0"],
                         args.timeout)
            parts = out.split("\t")
            if len(parts) == 4:
                api = f"{float(parts[0]):>7.2f} {parts[1]:>8} {parts[2]:>8}"
                what = parts[3]
            else:
                api, what = f"{'-':>7} {'-':>8} {'-':>8}", out
            line = f"{shape:14} {api}"
            if args.check:
                cmd = [sys.executable, "-c",
                       "import resource,subprocess,sys;"
                       "p=subprocess.run([sys.executable,'-m','followup_lint','check','--no-grammar',"
                       "'--format','json',sys.argv[1]],stdout=subprocess.DEVNULL,"
                       "stderr=subprocess.PIPE,text=True);"
                       "print(p.returncode,resource.getrusage(resource.RUSAGE_CHILDREN)"
                       ".ru_maxrss//1024,p.stderr.strip()[-80:])", f.name]
                dt, out = run(cmd, args.timeout)
                rss = out.split()[1] if out.split()[:1] and out.split()[0].isdigit() else "-"
                line += f" {dt:>8.2f} {rss:>7}"
            print(f"{line}  {what[:90]}", flush=True)
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    main()
