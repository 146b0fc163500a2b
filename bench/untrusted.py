"""Time and peak memory of hostile templates and placeholder patterns (a pull request in CI).

Not a test (no timed assertions in the suite): run by hand. Each case runs in a fresh child
process so that its peak memory (ru_maxrss) is its own.

    python bench/untrusted.py
"""

from __future__ import annotations

import json
import subprocess
import sys

TEMPLATES = {
    "nested loops (output)":
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "nested loops (silent)":
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "string * 3e9": "{{ 'x' * 3000000000 }}",
    "concat doubling":
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
    "recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "exponential macro":
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% else %}x{% endif %}{% endmacro %}"
        "{{ f(60) }}",
    "join of joins": "{{ (range(10000)|join).join(range(100000)|map('string')) }}",
}
PATTERNS = {
    "(a|a)*b on 3,000 chars": ("(a|a)*b", "a" * 3000),
    "(a|a)*b on 1,000,000 chars": ("(a|a)*b", "a" * 1_000_000),
    "'a' matching everywhere, 1,000,000 chars": ("a", "é" + "a" * 1_000_000),
}

CHILD = """
import json, resource, sys, time
from followup_lint.errors import InputError
from followup_lint.reading.placeholders import find_placeholders
from followup_lint.reading.templates import render_template
kind, a, b = json.loads(sys.stdin.read())
t0 = time.perf_counter()
try:
    if kind == "template":
        render_template(a, {}, "bench.j2")
        outcome = "rendered"
    else:
        outcome = f"{len(find_placeholders(b, [a]))} matches"
except InputError as e:
    outcome = str(e).split(": ", 1)[1]
took = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([took, peak, outcome]))
"""


def _run(kind: str, a: str, b: str) -> tuple[float, float, str]:
    proc = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps([kind, a, b]),
                          capture_output=True, text=True, check=True)
    took, peak, outcome = json.loads(proc.stdout)
    return took, peak, outcome


def main() -> None:
    print(f"{'case':42} {'seconds':>8} {'peak MB':>8}  outcome")
    for name, source in TEMPLATES.items():
        took, peak, outcome = _run("template", source, "")
        print(f"{name:42} {took:8.2f} {peak:8.0f}  {outcome}")
    for name, (pattern, text) in PATTERNS.items():
        took, peak, outcome = _run("pattern", pattern, text)
        print(f"{name:42} {took:8.2f} {peak:8.0f}  {outcome}")


if __name__ == "__main__":
    main()
