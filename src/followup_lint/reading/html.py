"""HTML mail bodies as text, keeping where each character came from in the source."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from ..note import line_starts

_BLOCK_TAGS = frozenset("""address article aside blockquote br dd div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot
th thead tr ul""".split())
_SKIP_TAGS = frozenset(("script", "style", "head", "title", "template", "xml"))
_VOID_TAGS = frozenset(("br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"))
#: Tags read before the rest of an HTML body is left unread: Python's parser costs ~10 us a
#: tag, and real mail has a few thousand (10 MB of nested divs took 35 s before this).
MAX_TAGS = 100_000


class _TooManyTags(Exception):
    """Raised inside the parser to stop reading at MAX_TAGS."""


class _HTMLText(HTMLParser):
    """Collect the visible text of an HTML body with the source offset of each character,
    and the ranges of the text that sit in a quoted original (blockquote, gmail_quote)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source_starts = line_starts(source)
        self.out: list[str] = []
        self.src: list[int] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, opens a quote)
        self.skip = 0
        self.pre = 0
        self.quote_depth = 0
        self.quote_start = 0
        self.quotes: list[tuple[int, int]] = []
        self.tags = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.source_starts[line - 1] + col

    def _emit(self, text: str, at: int, width: int | None = None) -> None:
        if self.skip:
            return
        for i, ch in enumerate(text):
            if not self.pre and ch.isspace():
                if not self.out or self.out[-1] in (" ", "\n"):
                    continue
                ch = " "
            self.out.append(ch)
            self.src.append(at + (i if width is None else 0))

    def _newline(self) -> None:
        if self.skip or not self.out:
            return
        if self.out[-1] == " ":
            self.out.pop()
            self.src.pop()
        if self.out and self.out[-1] == "\n" and len(self.out) > 1 and self.out[-2] == "\n":
            return
        self.out.append("\n")
        self.src.append(self._offset())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if self.tags > MAX_TAGS:
            raise _TooManyTags
        if tag in _SKIP_TAGS:
            self.skip += 1
            if tag not in _VOID_TAGS:
                self.stack.append((tag, False))
            return
        if tag in _BLOCK_TAGS:
            self._newline()
        if tag == "pre":
            self.pre += 1
        classes = " ".join(v or "" for k, v in attrs if k in ("class", "id", "type")).lower()
        quote = tag == "blockquote" or "gmail_quote" in classes or "divrplyfwdmsg" in classes \
            or "moz-cite-prefix" in classes or "yahoo_quoted" in classes
        if quote:
            if self.quote_depth == 0:
                self.quote_start = len(self.out)
            self.quote_depth += 1
        if tag not in _VOID_TAGS:
            self.stack.append((tag, quote))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        # Pop to the matching open tag (HTML in mail is often unbalanced).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for t, quote in reversed(self.stack[i:]):
                    self._close(t, quote)
                del self.stack[i:]
                break
        if tag in _BLOCK_TAGS:
            self._newline()

    def _close(self, tag: str, quote: bool) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if quote:
            self.quote_depth -= 1
            if self.quote_depth == 0:
                self.quotes.append((self.quote_start, len(self.out)))

    def handle_data(self, data: str) -> None:
        self._emit(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._emit(html.unescape(f"&{name};"), self._offset(), width=0)

    def handle_charref(self, name: str) -> None:
        self._emit(html.unescape(f"&#{name};"), self._offset(), width=0)

    def result(self) -> tuple[str, list[int], list[tuple[int, int]]]:
        if self.quote_depth:
            self.quotes.append((self.quote_start, len(self.out)))
        text = "".join(self.out).replace("\xa0", " ")
        return text, self.src, self.quotes


def html_to_text(source: str) -> tuple[str, list[int], list[tuple[int, int]], str | None]:
    """Visible text of an HTML body, the source offset of each of its characters, the text
    ranges that are quoted originals (blockquote, Gmail/Outlook/Yahoo quote blocks), and why
    the body was read only in part (None when it was read whole)."""
    parser = _HTMLText(source)
    partial = None
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError):  # very broken markup: keep what was read
        pass
    except _TooManyTags:
        partial = (f"the HTML body has over {MAX_TAGS:,} tags; only the text before tag "
                   f"{MAX_TAGS + 1:,} (source offset {parser._offset():,}) was checked")
    text, src, quotes = parser.result()
    return text, src, quotes, partial
