"""Inline suppressions: ``<!-- followup-lint: ignore RULE -->`` in the text of a note.

``<!-- followup-lint: ignore accusatory, pushy -->`` silences those rules (ids or categories,
or ``all``) on the line it stands on; ``<!-- followup-lint: ignore-file RULE -->`` silences
them in the whole note. An HTML comment is invisible in Markdown and HTML mail and reads as a
plain marker in a text draft; findings inside the comment itself are dropped too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..findings import Finding
from ..note import line_starts

_COMMENT = re.compile(r"<!--\s*followup-lint:\s*(ignore|ignore-file)\s+([\w\-, ]+?)\s*-->")


@dataclass(frozen=True)
class Suppression:
    """One comment: where it is, which line it covers (None: the whole note), what it silences."""

    start: int
    end: int
    line: int | None
    rules: frozenset[str]


def comment(rules: Iterable[str], whole_file: bool = False) -> str:
    """The comment that silences ``rules`` on its line (or in the whole note)."""
    return f"<!-- followup-lint: {'ignore-file' if whole_file else 'ignore'} {', '.join(rules)} -->"


def find_suppressions(text: str) -> list[Suppression]:
    """Every suppression comment of ``text`` (lines are 0-based indexes of its lines)."""
    if "followup-lint" not in text:
        return []
    starts = line_starts(text)
    found = []
    for m in _COMMENT.finditer(text):
        rules = frozenset(r.strip().lower() for r in m.group(2).split(",") if r.strip())
        line = None if m.group(1) == "ignore-file" else bisect.bisect_right(starts, m.start()) - 1
        found.append(Suppression(m.start(), m.end(), line, rules))
    return found


def drop_suppressed(findings: list[Finding], text: str) -> list[Finding]:
    """``findings`` without those a suppression comment in ``text`` silences."""
    found = find_suppressions(text)
    if not found:
        return findings
    starts = line_starts(text)
    kept = []
    for f in findings:
        if any(s.start < f.end and f.start < s.end for s in found):
            continue  # the comment's own words are not prose
        line = bisect.bisect_right(starts, f.start) - 1
        if any((s.line is None or s.line == line) and ({"all", f.rule, f.category} & s.rules)
               for s in found):
            continue
        kept.append(f)
    return kept
