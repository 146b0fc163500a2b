"""How lint_note's time grows with hostile input: prose, emoji runs, "x," runs, one long line.

Not a test (no timed assertions in the suite): run by hand to check that time grows at most
linearly and stops growing past Config.max_parse_chars.

    python bench/bad_input_scaling.py
"""

from __future__ import annotations

import time

from followup_lint import Config, lint_note

UNITS = {"prose": "Thank you for your time. ", "emoji": "😀", "comma-run": "x,",
         "long-line": "thanks "}
SIZES = (2_500, 5_000, 10_000, 20_000, 1_000_000)


def main() -> None:
    cfg = Config(grammar=False)
    lint_note("Thank you for your time.", config=cfg)  # load the model first
    print(f"{'input':10} " + " ".join(f"{n:>10,}" for n in SIZES) + "   (seconds per note)")
    for name, unit in UNITS.items():
        row = []
        for n in SIZES:
            text = unit * (n // len(unit))
            t0 = time.perf_counter()
            lint_note(text, config=cfg)
            row.append(time.perf_counter() - t0)
        print(f"{name:10} " + " ".join(f"{t:>10.2f}" for t in row))


if __name__ == "__main__":
    main()
