"""Template fields in a text: {{ name }}, {first_name}, [Company], <NAME>, TODO, and the
config's own syntaxes. One finder, used by the rule that reports unfilled fields, by template
mode that masks them, and by the grammar check that leaves them out of what it sends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..data import load


@cache
def patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled placeholder patterns from data/placeholders.toml."""
    return tuple(re.compile(p["regex"]) for p in load("placeholders")["pattern"])


@cache
def _extra(sources: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in sources)


def find_placeholders(text: str, extra: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """Every placeholder in ``text`` as (start, end, name), non-overlapping, in order.

    ``extra`` adds the config's own placeholder syntaxes (regular expressions).
    """
    allow = {a.casefold() for a in load("placeholders")["square"]["allow"]}
    spans: list[tuple[int, int, str]] = []
    for pattern in patterns() + _extra(tuple(extra)):
        for m in pattern.finditer(text):
            name = (m.group(1) if m.groups() and m.group(1) else m.group(0)).strip()
            if m.group(0).startswith("[") and name.casefold() in allow:
                continue
            spans.append((m.start(), m.end(), name))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
