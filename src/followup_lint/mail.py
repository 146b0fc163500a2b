"""Notes from email messages: the body the writer wrote, the recipients, the Date header."""

from __future__ import annotations

import email
import email.policy
from email.headerregistry import AddressHeader
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime

from .errors import InputError
from .note import Note


def parse_message(raw: bytes) -> EmailMessage:
    """Parse RFC 822 bytes with ``policy.default``."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _display_names(msg: Message, header: str) -> list[str]:
    values = msg.get_all(header) or []
    names = []
    try:
        for v in values:
            if isinstance(v, AddressHeader):
                names.extend(a.display_name for a in v.addresses if a.display_name)
            else:
                names.extend(n for n, _addr in getaddresses([str(v)]) if n)
    except Exception:  # malformed address header: no roster from it
        return names
    return names


def _body_text(msg: Message) -> str:
    if isinstance(msg, EmailMessage):
        part = msg.get_body(preferencelist=("plain",))
        if part is None:
            part = msg.get_body(preferencelist=("html",))
        if part is None:
            if msg.is_multipart():
                raise InputError("the message has no text body")
            part = msg
        try:
            content = part.get_content()
        except (LookupError, UnicodeError, AssertionError, KeyError):
            payload = part.get_payload(decode=True) or b""
            content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(payload)
        if not isinstance(content, str):
            raise InputError("the message body is not text")
        return content
    payload = msg.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload.decode(msg.get_content_charset() or "utf-8", errors="replace")
    if isinstance(payload, list):
        for sub in payload:
            if isinstance(sub, Message) and sub.get_content_maintype() == "text":
                return _body_text(sub)
        raise InputError("the message has no text body")
    return str(payload or "")


def note_from_message(msg: Message) -> Note:
    """A note from a parsed message: its text body, To/Cc names and headers."""
    text = _body_text(msg)
    headers = {}
    for h in ("subject", "from", "to", "cc", "date"):
        v = msg.get(h)
        if v is not None:
            headers[h] = str(v)
    sender = _display_names(msg, "from")
    return Note(
        text=text,
        headers=headers,
        recipients=_display_names(msg, "to") + _display_names(msg, "cc"),
        sender=sender[0] if sender else None,
    )


def sent_at(note: Note):  # type: ignore[no-untyped-def]
    """The Date header as a datetime, or None."""
    value = note.headers.get("date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
