"""Notes from email messages: the body the writer wrote, the recipients, the Date header.

Only the writer's new text is linted: the quoted original of a reply ("On ... wrote:",
"> " lines, Outlook's "From: ... Sent: ..." block, HTML blockquotes) and the signature
after "-- " become masks of the note. Findings are reported in the coordinates of the
message file: ``Note.position`` maps an offset in the body to the file's line and column
(exactly for 7bit/8bit bodies, to the start of the encoded line for quoted-printable, and
to the first line of the body for base64).
"""

from __future__ import annotations

import bisect
import email
import email.errors
import email.policy
import quopri
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import AddressHeader
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime

from ..errors import InputError
from ..note import Mask, Note, line_starts
from .html import html_to_text
from .quotes import merge_masks, reply_masks

Position = Callable[[int], "tuple[int, int]"]

#: Above this size a message is refused rather than parsed (bounded time and memory).
MAX_MESSAGE_BYTES = 10 * 1024 * 1024
#: Bounds on one header (the email package's header parsers are slow, some worse than
#: linear, on headers far beyond anything a mail program writes): its size in characters,
#: its RFC 2047 encoded words, and the addresses of an address header.
MAX_HEADER_CHARS = 64 * 1024
MAX_ENCODED_WORDS = 1_000
MAX_ADDRESSES = 1_000
_ADDRESS_HEADERS = frozenset(("to", "cc", "bcc", "from", "reply-to", "sender", "resent-to",
                              "resent-cc", "resent-from"))


def check_headers(msg: Message) -> None:
    """Raise InputError for a header past the bounds above (read from the raw value, before
    any header is parsed), so a header bomb costs milliseconds, not minutes."""
    try:
        items = list(msg.raw_items()) if hasattr(msg, "raw_items") else list(msg.items())
    except _HEADER_ERRORS:
        return
    for key, value in items:
        raw = value if isinstance(value, str) else str(value)
        name = key.lower()
        if len(raw) > MAX_HEADER_CHARS:
            raise InputError(f"the {key} header has {len(raw):,} characters; at most "
                             f"{MAX_HEADER_CHARS:,} are read")
        words = raw.count("=?")
        if words > MAX_ENCODED_WORDS:
            raise InputError(f"the {key} header has {words:,} encoded words; at most "
                             f"{MAX_ENCODED_WORDS:,} are read")
        if name in _ADDRESS_HEADERS:
            addresses = max(raw.count("@"), raw.count(",") + 1)
            if addresses > MAX_ADDRESSES:
                raise InputError(f"the {key} header has about {addresses:,} addresses; at most "
                                 f"{MAX_ADDRESSES:,} are read")


def parse_message(raw: bytes) -> EmailMessage:
    """Parse RFC 822 bytes with ``policy.default``; raises InputError for what is not a message."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise InputError(f"the message is larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB")
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except (email.errors.MessageError, ValueError, TypeError, LookupError, IndexError) as e:
        raise InputError(f"broken message: {e}") from None
    if not isinstance(msg, EmailMessage):  # pragma: no cover - policy.default always gives one
        raise InputError("broken message")
    check_headers(msg)
    return msg


def looks_like_message(raw: bytes) -> bool:
    """True when ``raw`` starts with RFC 822 header lines that a mail program writes."""
    head = raw[:4096].lstrip(b"\r\n")
    first = head.split(b"\n", 1)[0]
    if not re.match(rb"^[!-9;-~]+:", first):
        return False
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    names = {m.group(1).lower() for m in re.finditer(rb"(?m)^([!-9;-~]+):", block)}
    return bool(names & {b"from", b"to", b"subject", b"date", b"mime-version", b"content-type",
                         b"message-id", b"cc"})


_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_HEADER_ERRORS = (email.errors.MessageError, ValueError, TypeError, IndexError, AttributeError,
                  LookupError)


#: Bytes below 0x20 that text holds (tab, newlines, form feed); the rest hint at binary data.
_TEXT_CONTROLS = b"\t\n\x0c\r"
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"


def text_of_bytes(data: bytes) -> tuple[str, str]:
    """Text of bytes whose charset nobody declared: UTF-8 when they are valid UTF-8 (what
    mail programs write today), else Windows-1252 (latin-1 plus curly quotes). Returns the
    text and the charset used. Bytes with many control characters are binary data, not
    Windows-1252: they are read as ASCII, so the non-ASCII bytes become U+FFFD and the
    binary-data check still sees them."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls * 100 > len(data):
        return data.decode("us-ascii", errors="replace"), "us-ascii"
    return data.decode("cp1252", errors="replace"), "cp1252"


def clean_text(text: str) -> str:
    """Undo the email package's surrogate escapes (raw 8-bit bytes in headers and bodies
    that declare no charset) by decoding them as :func:`text_of_bytes` does; any other
    lone surrogate becomes U+FFFD. Lone surrogates cannot be encoded and crash the
    libraries the rules use."""
    if not _LONE_SURROGATE.search(text):
        return text
    text = _ESCAPED_BYTES.sub(
        lambda m: text_of_bytes(m.group().encode("utf-8", "surrogateescape"))[0], text)
    return _LONE_SURROGATE.sub("\ufffd", text)


def _headers(msg: Message, name: str) -> list[object]:
    """Every ``name`` header of ``msg`` as text (8-bit bytes decoded, RFC 2047 words
    decoded), parsed by ``policy.default`` (address headers get ``.addresses``)."""
    out: list[object] = []
    try:
        items = list(msg.raw_items()) if hasattr(msg, "raw_items") else list(msg.items())
    except _HEADER_ERRORS:
        return out
    for key, value in items:
        if key.lower() != name:
            continue
        text = clean_text(re.sub(r"[\r\n]", "", str(value)))
        try:
            out.append(email.policy.default.header_factory(name, text))
        except _HEADER_ERRORS:
            out.append(text)
    return out


def _display_names(msg: Message, header: str) -> list[str]:
    names: list[str] = []
    for v in _headers(msg, header):
        try:
            if isinstance(v, AddressHeader):
                names.extend(clean_text(a.display_name) for a in v.addresses if a.display_name)
            else:
                names.extend(clean_text(n) for n, _addr in getaddresses([str(v)]) if n)
        except _HEADER_ERRORS:  # malformed address header: no roster from it
            continue
    return names


# --- where each MIME part's body lies in the file ------------------------------------

@dataclass
class _Span:
    """Lines [start, end) of the file that hold a part's body (0-based)."""

    start: int
    end: int


def _split_lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True) or [b""]


def _body_start(lines: list[bytes], start: int, end: int) -> int:
    """The first line after the header block that begins at ``start``."""
    for i in range(start, end):
        if lines[i].strip(b"\r\n") == b"":
            return i + 1
        if i > start and not lines[i][:1].isspace() and not re.match(rb"^[!-9;-~]+:", lines[i]):
            return i  # no blank line: the parser starts the body here too
    return end


def _locate(msg: Message, lines: list[bytes], start: int, end: int,
            spans: dict[int, _Span]) -> None:
    """Record the body span of ``msg`` and, for multiparts, of each sub-part."""
    body = _body_start(lines, start, end)
    spans[id(msg)] = _Span(body, end)
    if not msg.is_multipart():
        return
    boundary = msg.get_boundary()
    payload = msg.get_payload()
    if not boundary or not isinstance(payload, list):
        return
    delim = b"--" + boundary.encode("ascii", "replace")
    opens: list[int] = []
    close = end
    for i in range(body, end):
        s = lines[i].rstrip()
        if s == delim:
            opens.append(i)
        elif s == delim + b"--":
            close = i
            break
    bounds = opens + [close]
    for n, sub in enumerate(payload):
        if n + 1 >= len(bounds):
            break
        if isinstance(sub, Message):
            _locate(sub, lines, bounds[n] + 1, bounds[n + 1], spans)


def _body_position(part: Message, span: _Span | None, lines: list[bytes],
                   content: str) -> tuple[Position | None, bool]:
    """Map offsets in the decoded body to (line, column) in the file; also say if exact."""
    if span is None:
        return None, False
    starts = line_starts(content)
    cte = str(part.get("content-transfer-encoding", "7bit")).strip().lower()

    def decoded_line_col(offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(starts, offset) - 1
        return k, offset - starts[k]

    if cte in ("7bit", "8bit", "binary", ""):
        def identity(offset: int) -> tuple[int, int]:
            k, col = decoded_line_col(offset)
            return span.start + k + 1, col + 1
        return identity, True
    if cte == "quoted-printable":
        # Logical line k starts at raw line groups[k]; soft breaks ("=" at the end) join lines.
        groups: list[list[tuple[int, int]]] = []  # per logical line: (raw line, decoded length)
        current: list[tuple[int, int]] = []
        for i in range(span.start, span.end):
            raw_line = lines[i].rstrip(b"\r\n")
            soft = raw_line.endswith(b"=")
            piece = raw_line[:-1] if soft else raw_line
            current.append((i, len(quopri.decodestring(piece))))
            if not soft:
                groups.append(current)
                current = []
        if current:
            groups.append(current)

        def qp(offset: int) -> tuple[int, int]:
            k, col = decoded_line_col(offset)
            if not groups:
                return span.start + 1, 1
            group = groups[min(k, len(groups) - 1)]
            for raw_i, length in group:
                if col < length or (raw_i, length) == group[-1]:
                    return raw_i + 1, col + 1
                col -= length
            return group[0][0] + 1, 1  # pragma: no cover
        return qp, False

    def first_line(offset: int) -> tuple[int, int]:
        return span.start + 1, 1
    return first_line, False


# --- the body ---------------------------------------------------------------------------

@dataclass
class Body:
    """The text of a message to lint, where it came from, and what in it is not the writer's."""

    text: str
    position: Position | None = None
    #: True when every offset maps to the exact character of the file (7bit/8bit text/plain).
    exact: bool = False
    masks: list[Mask] = field(default_factory=list)
    content_type: str = "text/plain"
    #: The charset the body was read with (UTF-8 or Windows-1252 when none was declared).
    charset: str | None = None
    #: What of the body was not read, and why (for result.skipped).
    notices: dict[str, str] = field(default_factory=dict)


def _undeclared(part: Message) -> tuple[str, str] | None:
    """The text of an 8-bit part that declares no charset (or us-ascii, wrongly), with the
    charset it turned out to be; None when the part is plain ASCII or declares one."""
    declared = part.get_content_charset()
    if declared not in (None, "us-ascii", "ascii"):
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or payload.isascii():
        return None
    return text_of_bytes(payload)


def _decode(part: Message) -> tuple[str, str | None]:
    """The part's text and the charset it was read with."""
    sniffed = _undeclared(part)
    if sniffed is not None:
        return sniffed
    charset = part.get_content_charset() or "us-ascii"
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except LookupError:
        raise InputError(f"unknown charset {charset!r} in the {part.get_content_type()} part") from None
    except (UnicodeError, AssertionError, KeyError, ValueError, TypeError) as e:
        raise InputError(f"cannot decode the {part.get_content_type()} part: {e}") from None
    if not isinstance(content, str):
        raise InputError("the message body is not text")
    return clean_text(content), part.get_content_charset()


def _choose_part(msg: Message) -> Message:
    if isinstance(msg, EmailMessage):
        try:
            part = msg.get_body(preferencelist=("plain", "html"))
        except (KeyError, ValueError, TypeError, IndexError, AttributeError) as e:
            raise InputError(f"broken MIME structure: {e}") from None
        if part is not None:
            return part
    if msg.is_multipart():
        for sub in msg.walk():
            if sub.get_content_type() in ("text/plain", "text/html"):
                return sub
        raise InputError("the message has no text body")
    maintype = msg.get_content_maintype()
    if maintype not in ("text",):
        raise InputError(f"the message body is {msg.get_content_type()}, not text")
    return msg


def message_body(msg: Message, raw: bytes | None = None) -> Body:
    """The body to lint: text/plain preferred, else HTML turned into text; positions in
    the coordinates of ``raw`` when the message's bytes are given."""
    part = _choose_part(msg)
    content, charset = _decode(part) if isinstance(part, EmailMessage) else _decode_compat(part)
    spans: dict[int, _Span] = {}
    lines: list[bytes] = []
    if raw is not None:
        lines = _split_lines(raw)
        try:
            _locate(msg, lines, 0, len(lines), spans)
        except (ValueError, TypeError, IndexError):
            spans = {}
    position, exact = _body_position(part, spans.get(id(part)), lines, content)
    ctype = part.get_content_type()
    if ctype == "text/html":
        text, src, quotes, partial = html_to_text(content)
        text = _LONE_SURROGATE.sub("\ufffd", text)  # one for one: offsets stay
        inner = position

        def html_position(offset: int) -> tuple[int, int]:
            at = src[offset] if offset < len(src) else (src[-1] if src else 0)
            if inner is not None:
                return inner(at)
            k = bisect.bisect_right(starts, at) - 1
            return k + 1, at - starts[k] + 1
        starts = line_starts(content)
        masks = [Mask(s, e, "quote") for s, e in quotes]
        return Body(text=text, position=html_position, exact=False,
                    masks=merge_masks(masks + reply_masks(text)), content_type=ctype, charset=charset,
                    notices={"html-limit": partial} if partial else {})
    return Body(text=content, position=position, exact=exact, masks=reply_masks(content),
                content_type=ctype, charset=charset)


def _decode_compat(part: Message) -> tuple[str, str | None]:
    """Decode a part built with the compat32 policy (email.message.Message)."""
    sniffed = _undeclared(part)
    if sniffed is not None:
        return sniffed
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return clean_text(str(payload or "")), part.get_content_charset()
    charset = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(charset, errors="replace"), part.get_content_charset()
    except LookupError:
        raise InputError(f"unknown charset {charset!r} in the {part.get_content_type()} part") from None


def note_from_message(msg: Message, raw: bytes | None = None) -> Note:
    """A note from a parsed message: the writer's text (quotes and signature masked),
    To/Cc names and headers; positions in the file's coordinates when ``raw`` is given."""
    check_headers(msg)
    return _note(msg, message_body(msg, raw))


def _note(msg: Message, body: Body) -> Note:
    headers = {}
    for h in ("subject", "from", "to", "cc", "date", "content-language"):
        values = _headers(msg, h)
        if values:
            headers[h] = str(values[0])
    sender = _display_names(msg, "from")
    return Note(
        text=body.text,
        masks=body.masks,
        position=body.position,
        headers=headers,
        recipients=_display_names(msg, "to") + _display_names(msg, "cc"),
        sender=sender[0] if sender else None,
        notices=dict(body.notices),
    )


def note_from_bytes(raw: bytes) -> Note:
    """Parse RFC 822 bytes into a note whose positions are the file's lines and columns."""
    return note_and_body(raw)[0]


def note_and_body(raw: bytes) -> tuple[Note, Body]:
    """Like :func:`note_from_bytes`, also returning the :class:`Body` it was made from
    (``--fix`` needs its charset and whether positions are exact)."""
    msg = parse_message(raw)
    body = message_body(msg, raw)
    return _note(msg, body), body


def sent_at(note: Note) -> datetime | None:
    """The Date header as a datetime, or None."""
    value = note.headers.get("date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
