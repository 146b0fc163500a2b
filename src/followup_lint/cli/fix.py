"""``--fix``: apply the safe fixes (a roster spelling) and nothing else."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..findings import Finding

Position = Callable[[int], "tuple[int, int]"]


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """Findings with a safe fix: marked fix_safe and carrying a suggestion."""
    return [f for f in findings if f.fix_safe and f.suggestions and f.end > f.start]


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """Replace each fixable finding's span with its first suggestion (non-overlapping,
    first come first served); returns the new text and the findings applied."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(fixable(findings), key=lambda f: (f.start, f.end)):
        if f.start >= last_end and text[f.start:f.end] == f.text:
            chosen.append(f)
            last_end = f.end
    out = text
    for f in reversed(chosen):
        out = out[:f.start] + f.suggestions[0] + out[f.end:]
    return out, chosen


def apply_fixes_to_message(raw: bytes, findings: Iterable[Finding], position: Position,
                           charset: str) -> tuple[bytes, list[Finding]]:
    """Apply fixes to an .eml whose body maps one to one onto the file (7bit/8bit).

    ``position`` maps a body offset to the file's (line, column); each replacement is
    encoded in the part's charset, and skipped when it cannot be.
    """
    lines = raw.splitlines(keepends=True)
    edits: list[tuple[int, int, int, bytes, Finding]] = []  # (line, byte start, byte end, new)
    for f in fixable(findings):
        (l1, c1), (l2, c2) = position(f.start), position(f.end)
        if l1 != l2 or l1 < 1 or l1 > len(lines):
            continue
        try:
            line_text = lines[l1 - 1].decode(charset)
            new = f.suggestions[0].encode(charset)
        except (UnicodeError, LookupError):
            continue
        if line_text[c1 - 1:c2 - 1] != f.text:
            continue
        b1 = len(line_text[:c1 - 1].encode(charset))
        b2 = len(line_text[:c2 - 1].encode(charset))
        edits.append((l1, b1, b2, new, f))
    applied = []
    last: tuple[int, int] = (0, -1)
    for ln, b1, b2, new, f in sorted(edits, key=lambda e: (e[0], e[1])):
        if (ln, b1) < last:
            continue
        last = (ln, b2)
        applied.append((ln, b1, b2, new, f))
    for ln, b1, b2, new, _f in reversed(applied):
        line = lines[ln - 1]
        lines[ln - 1] = line[:b1] + new + line[b2:]
    return b"".join(lines), [a[4] for a in applied]
