r"""Template fields in a text: {{ name }}, {first_name}, [Company], <NAME>, TODO, and the
config's own syntaxes. One finder, used by the rule that reports unfilled fields, by template
mode that masks them, and by the grammar check that leaves them out of what it sends.

The config's own syntaxes come from the user (in CI, from a pull request), so they run on
RE2 (``google-re2``), whose matching time is linear in the text whatever the pattern:
``(a|a)*b`` cannot take exponential time. RE2 has no backreferences or lookaround, and its
``\w``, ``\d`` and ``\b`` are ASCII-only (``\pL`` matches any letter).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from ..data import load


@cache
def patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled placeholder patterns from data/placeholders.toml."""
    return tuple(re.compile(p["regex"]) for p in load("placeholders")["pattern"])


#: Placeholders are looked for in the first this many characters (the most any setting lets
#: the language rules read): a 10 MB input of brackets stays a matter of seconds.
MAX_SCAN_CHARS = 1_000_000
#: At most this many placeholders are returned: 10 MB of "$word" would otherwise be millions.
MAX_FOUND = 1_000

#: At most this many matches of one config pattern are read from a note: a pattern that
#: matches everywhere ("." or "x*") would otherwise cost a Python step per character.
MAX_USER_MATCHES = 10_000


class PatternError(ValueError):
    """A config placeholder pattern RE2 cannot compile; the message says why."""


@cache
def compile_user_pattern(source: str) -> Any:
    """``source`` compiled with RE2 (linear-time matching); PatternError says why not."""
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print every refused pattern on stderr
    try:
        return re2.compile(source, options)
    except re2.error as e:
        why = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        raise PatternError(f"{why} (RE2 has no backreferences or lookaround; it matches in "
                           f"linear time, so no pattern can hang the check)") from None


def _user_matches(source: str, text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of the config pattern ``source`` in ``text``, in character offsets,
    at most MAX_USER_MATCHES of them, in time linear in the text."""
    pattern = compile_user_pattern(source)
    # One '?' for each lone surrogate keeps byte and character counts in step.
    data = text.encode("utf-8", "replace")
    ascii_only = len(data) == len(text)
    at_byte = at_char = 0

    def char(offset: int) -> int:
        # Offsets only grow (each match starts at or after the last end): one pass in all.
        nonlocal at_byte, at_char
        if ascii_only:
            return offset
        at_char += len(data[at_byte:offset].decode("utf-8"))
        at_byte = offset
        return at_char

    for count, m in enumerate(pattern.finditer(data)):
        if count >= MAX_USER_MATCHES:
            return
        if m.end() == m.start():
            continue  # an empty match is never a field
        start = char(m.start())
        end = char(m.end())
        group = m.group(1) if pattern.groups else None
        name = group.decode("utf-8", "replace") if group else text[start:end]
        yield start, end, name


def find_placeholders(text: str, extra: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """Every placeholder in ``text`` as (start, end, name), non-overlapping, in order: those
    in its first MAX_SCAN_CHARS characters, and at most MAX_FOUND of them.

    ``extra`` adds the config's own placeholder syntaxes (regular expressions).
    """
    text = text[:MAX_SCAN_CHARS]
    allow = {a.casefold() for a in load("placeholders")["square"]["allow"]}
    found: list[tuple[int, int, str]] = []
    for pattern in patterns():
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), m.group(1) if m.groups() and m.group(1) else m.group(0)))
    for source in extra:
        found.extend(_user_matches(source, text))
    spans: list[tuple[int, int, str]] = []
    for start, end, raw in found:
        name = raw.strip()
        if text.startswith("[", start) and name.casefold() in allow:
            continue
        spans.append((start, end, name))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
            if len(kept) == MAX_FOUND:
                break
    return kept
