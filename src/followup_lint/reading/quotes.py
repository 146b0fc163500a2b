"""The writer's new text in a reply: masks for the quoted original and the signature.

Recognises "On ... wrote:" attributions (and their French, German, Spanish and Dutch forms),
"> " lines, "Original Message" and Outlook's "From: ... Sent: ..." blocks, the signature
after "-- " and "Sent from my ..." lines.
"""

from __future__ import annotations

import re

from ..note import Mask

_ATTRIBUTION = re.compile(
    r"^[ \t>-]*(?:On\b[^\n]{0,300}?(?:\n[^\n]{0,300}?)?\bwrote:"
    r"|Le\b[^\n]{0,300}?a écrit ?:"
    r"|Am\b[^\n]{0,300}?schrieb[^\n]{0,100}:"
    r"|El\b[^\n]{0,300}?escribió:"
    r"|Op\b[^\n]{0,300}?schreef[^\n]{0,100}:)[ \t]*\r?$",
    re.MULTILINE,
)
_ORIGINAL_MESSAGE = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|"
    r"Message d'origine)\s*-{2,}|_{20,})[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^[ \t]*\*?From:\*?[ \t]+\S[^\n]*\n(?:[^\n]*\n){0,2}?"
                           r"[ \t]*\*?(?:Sent|Date):\*?[ \t]+\S", re.MULTILINE)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*(?:\n|$)", re.MULTILINE)
_SIGNATURE = re.compile(r"^-- ?\r?$", re.MULTILINE)
_MOBILE_SIGNATURE = re.compile(r"^[ \t]*Sent from my [^\n]{1,40}$", re.MULTILINE)
# A lead-in line that ends with ":" and names a date or an address, right above quoted lines
# (catches attributions in languages the patterns above do not list).
_LEAD_IN = re.compile(r"^[^\n>]*(?:\d|@)[^\n]*(?:\n(?![ \t]*>)[^\n]*)?:[ \t]*\r?\n"
                      r"(?:[ \t]*\r?\n)*(?=[ \t]*>)", re.MULTILINE)


def reply_masks(text: str) -> list[Mask]:
    """Masks for the quoted original of a reply and for the signature after "-- "."""
    masks: list[Mask] = []
    # Everything from an "Original Message" line or an Outlook header block on is the original.
    tail = len(text)
    for pattern in (_ORIGINAL_MESSAGE, _OUTLOOK_FROM):
        m = pattern.search(text)
        if m and m.start() < tail:
            tail = m.start()
    if tail < len(text):
        masks.append(Mask(tail, len(text), "quote"))
    for m in _QUOTED_LINE.finditer(text, 0, tail):
        masks.append(Mask(m.start(), m.end(), "quote"))
    for m in _LEAD_IN.finditer(text, 0, tail):
        masks.append(Mask(m.start(), m.end(), "quote"))
    for m in _ATTRIBUTION.finditer(text, 0, tail):
        rest = text[m.end():tail].lstrip()
        if rest and not rest.startswith(">"):
            # An attribution over an unquoted copy (Yahoo's share block): the rest is the original.
            masks.append(Mask(m.start(), tail, "quote"))
            tail = m.start()
            break
        masks.append(Mask(m.start(), m.end(), "quote"))
    sig = _SIGNATURE.search(text, 0, tail)
    if sig:
        # The signature runs to the next quoted line (or the end).
        after = [q.start for q in masks if q.start >= sig.end()]
        masks.append(Mask(sig.start(), min(after) if after else tail, "signature"))
    for m in _MOBILE_SIGNATURE.finditer(text, 0, tail):
        masks.append(Mask(m.start(), m.end(), "signature"))
    return merge_masks(masks)


def merge_masks(masks: list[Mask]) -> list[Mask]:
    out: list[Mask] = []
    for m in sorted(masks, key=lambda m: (m.start, -m.end)):
        if m.end <= m.start:
            continue
        if out and m.start <= out[-1].end and m.kind == out[-1].kind:
            if m.end > out[-1].end:
                out[-1] = Mask(out[-1].start, m.end, m.kind)
        elif out and m.end <= out[-1].end:
            continue  # inside the previous mask
        else:
            out.append(m)
    return out
