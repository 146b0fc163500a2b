"""Markdown notes: front matter, fenced code and HTML comments are not prose."""

from __future__ import annotations

import re

from ..note import Mask, Note, note_from_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*\r?$", re.DOTALL | re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def markdown_masks(text: str) -> list[Mask]:
    """Front matter, fenced code and HTML comments of a Markdown file: not prose."""
    masks: list[Mask] = []
    for pattern in (_FRONT_MATTER, _FENCE, _HTML_COMMENT):
        masks.extend(Mask(m.start(), m.end(), "markup") for m in pattern.finditer(text))
    return masks


def note_from_markdown(text: str) -> Note:
    """A note from a Markdown file, its front matter, code fences and comments masked."""
    return note_from_text(text, markdown_masks(text))
