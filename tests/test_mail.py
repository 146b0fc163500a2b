"""Emails: body choice, decoding, quotes and signatures masked, positions in the file."""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_lint import InputError, lint_note
from followup_lint.reading.html import html_to_text
from followup_lint.reading.mail import looks_like_message, note_from_bytes
from followup_lint.reading.quotes import reply_masks

from .helpers import shared_dir

CORPUS = shared_dir() / "corpora" / "client-replies"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared reply corpus not present")

HEAD = (b'From: Priya Raman <priya@example.org>\n'
        b'To: "Dr. Katherine Smyth" <k@northwind.example>, Jon Baker <jon@northwind.example>\n'
        b'Subject: Thank you\nDate: Tue, 05 Nov 2024 09:30:00 +0000\nMIME-Version: 1.0\n')


def _prose(note) -> str:
    return " ".join(note.analysis_text.split())


@needs_corpus
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.eml")
                                        if p.name != "reply-quotations-share-block.eml"))
def test_real_client_replies_leave_only_the_new_text(name):
    note = note_from_bytes((CORPUS / name).read_bytes())
    assert _prose(note) == "Hello"
    assert "Hi" not in note.analysis_text.replace("Hello", "")


@needs_corpus
def test_yahoo_share_block_keeps_the_reply_and_masks_the_copied_original():
    note = note_from_bytes((CORPUS / "reply-quotations-share-block.eml").read_bytes())
    prose = _prose(note)
    assert prose.startswith("Hi Katharine.")
    assert "New Booking Inquiry" not in prose and "wrote:" not in prose
    assert any(m.kind == "quote" for m in note.masks)


@needs_corpus
def test_signature_after_dash_dash_is_a_signature_mask():
    note = note_from_bytes((CORPUS / "sparrow.eml").read_bytes())
    kinds = [m.kind for m in note.masks]
    assert "signature" in kinds and "quote" in kinds
    sig = next(m for m in note.masks if m.kind == "signature")
    assert "Sent with Sparrow" in note.text[sig.start:sig.end]


@needs_corpus
def test_position_of_the_new_text_is_its_line_in_the_eml_file():
    raw = (CORPUS / "gmail.eml").read_bytes()
    note = note_from_bytes(raw)
    line, col = note.line_col(note.text.index("Hello"))
    assert raw.splitlines()[line - 1][col - 1:].startswith(b"Hello")


def test_plain_text_is_preferred_to_html_in_multipart_alternative():
    raw = HEAD + (b'Content-Type: multipart/alternative; boundary="b1"\n\n'
                  b'--b1\nContent-Type: text/plain; charset=utf-8\n\nPlain words here.\n'
                  b'--b1\nContent-Type: text/html; charset=utf-8\n\n<p>HTML words here.</p>\n--b1--\n')
    assert _prose(note_from_bytes(raw)) == "Plain words here."


def test_html_only_body_becomes_text_and_keeps_file_positions():
    raw = HEAD + (b"Content-Type: text/html; charset=utf-8\n\n"
                  b"<html><head><style>p { color: red }</style></head><body>\n"
                  b"<p>Dear Dr. Smith,</p>\n"
                  b"<p>Thank you &amp; the caf&eacute; team for <b>your</b>   time.</p>\n"
                  b"<blockquote>On Monday you wrote: old text</blockquote>\n</body></html>\n")
    note = note_from_bytes(raw)
    assert _prose(note) == "Dear Dr. Smith, Thank you & the café team for your time."
    lines = raw.splitlines()
    for word in (b"Smith", b"your", b"time"):
        line, col = note.line_col(note.text.index(word.decode()))
        assert lines[line - 1][col - 1:].startswith(word)
    assert "old text" in note.text and "old text" not in note.analysis_text


def test_quoted_printable_and_charset_are_decoded_and_positions_follow_soft_breaks():
    raw = HEAD + (b"Content-Type: text/plain; charset=iso-8859-1\n"
                  b"Content-Transfer-Encoding: quoted-printable\n\n"
                  b"Dear Ms. Nguy=EAn, thank you for the long talk about the caf=E9 that we =\n"
                  b"had and the Data Analyst role.\nBest, Priya\n")
    note = note_from_bytes(raw)
    assert "Nguyên" in note.text and "café that we had and" in note.text
    line, col = note.line_col(note.text.index("Data Analyst"))
    assert raw.splitlines()[line - 1][col - 1:].startswith(b"Data Analyst")


def test_base64_body_is_decoded_and_reported_at_the_body_start():
    body = "Thank you for your time, Dr. Smyth.\n".encode()
    raw = HEAD + b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" \
        + base64.encodebytes(body)
    note = note_from_bytes(raw)
    assert note.text == body.decode()
    line, _ = note.line_col(note.text.index("Smyth"))
    assert raw.splitlines()[line - 1] == base64.encodebytes(body).splitlines()[0]


def test_unknown_charset_is_a_clear_input_error():
    raw = HEAD + b"Content-Type: text/plain; charset=x-klingon\n\nThank you.\n"
    with pytest.raises(InputError, match="unknown charset 'x-klingon'"):
        note_from_bytes(raw)


def test_message_without_text_body_is_an_input_error():
    raw = HEAD + (b'Content-Type: multipart/mixed; boundary="b1"\n\n'
                  b"--b1\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0K\n--b1--\n")
    with pytest.raises(InputError):
        note_from_bytes(raw)


@pytest.mark.languagetool  # lint_note(raw) has grammar on: it starts the real server
def test_to_and_cc_names_are_the_roster_and_date_is_the_send_time(lint):
    raw = HEAD + b"Content-Type: text/plain\n\nDear Dr. Smyth,\n\nThank you for your time.\n"
    result = lint_note(raw)
    assert result.meta["date"].startswith("Tue, 05 Nov 2024")
    note = note_from_bytes(raw)
    assert note.recipients == ["Dr. Katherine Smyth", "Jon Baker"]
    assert note.sender == "Priya Raman"


def test_reply_masks_on_plain_text_quote_styles():
    text = ("Thanks for the update.\n\n"
            "On Mon, Nov 4, 2024 at 9:00 AM Jon Baker <jon@northwind.example>\nwrote:\n"
            "> We will decide by Friday.\n")
    masks = reply_masks(text)
    assert [m.kind for m in masks] == ["quote"]
    assert text[masks[0].start:].startswith("On Mon")
    outlook = "Thanks!\n\nFrom: Jon Baker\nSent: Monday, November 4, 2024 9:00 AM\nTo: Priya\n\nOld.\n"
    m = reply_masks(outlook)
    assert m and outlook[m[0].start:].startswith("From: Jon") and m[0].end == len(outlook)


def test_a_sentence_that_mentions_from_is_not_a_quote():
    text = "I learned a lot from the team.\nFrom: my notes, the role needs SQL.\n"
    assert reply_masks(text) == []


def test_html_to_text_skips_script_and_style():
    text, src, quotes, partial = html_to_text("<style>x{}</style><script>var a;</script><p>Hi&nbsp;there</p>")
    assert text.strip() == "Hi there" and quotes == []


def test_looks_like_message():
    assert looks_like_message(HEAD + b"\nhi\n")
    assert not looks_like_message(b"Dear Dr. Smyth,\n\nThank you.\n")
    assert not looks_like_message(b"Note: this is text\n\nThanks.\n")


@pytest.mark.slow  # hypothesis
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_only_ever_raise_input_error(raw):
    try:
        note = note_from_bytes(raw)
    except InputError:
        return
    assert len(note.analysis_text) == len(note.text)
    for offset in (0, len(note.text) // 2, max(0, len(note.text) - 1)):
        line, col = note.line_col(offset)
        assert line >= 1 and col >= 1


@pytest.mark.slow  # hypothesis
@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    b"Content-Type: multipart/alternative; boundary=\"b\"\n", b"Content-Type: text/html\n",
    b"Content-Transfer-Encoding: base64\n", b"Content-Transfer-Encoding: quoted-printable\n",
    b"Content-Type: text/plain; charset=\"utf-8\"\n", b"\n", b"--b\n", b"--b--\n", b"<p>Hi</p>\n",
    b"=C3=A9=\n", b"SGVsbG8=\n", b"> quoted\n", b"-- \n", b"On Mon wrote:\n", b"\xff\xfe\n",
    b"Content-Type: text/plain; charset=x-unknown\n", b"From: A <a@b>\n",
]), max_size=25))
def test_structured_junk_only_ever_raises_input_error(parts):
    try:
        note = note_from_bytes(b"".join(parts))
    except InputError:
        return
    note.line_col(len(note.text))


RAW_NAME = (b"From: Priya Raman <priya@example.org>\nTo: Jos\xc3\xa9 \xc3\x81lvarez <j@example.org>\n"
            b"Cc: Fran\xc3\xa7oise Dupont <f@example.org>\nSubject: Thank you\n\n")


def test_raw_utf8_display_names_come_through_as_text():
    # Mail programs that skip RFC 2047 write UTF-8 straight into To/Cc.
    note = note_from_bytes(RAW_NAME + "Dear José,\n\nThank you for your time.\n".encode())
    assert note.recipients == ["José Álvarez", "Françoise Dupont"]
    assert note.headers["to"] == "José Álvarez <j@example.org>"


def test_raw_utf8_display_name_is_linted_without_crashing(lint):
    result = lint(RAW_NAME + "Dear José,\n\nThank you for your time yesterday.\n".encode())
    assert not result.by_rule("name-misspelled")


def test_raw_latin1_display_name_is_read_as_latin1():
    note = note_from_bytes(b"From: p@example.org\nTo: Jos\xe9 Alvarez <j@example.org>\n\nDear Jos\xe9,\n")
    assert note.recipients == ["José Alvarez"]


@pytest.mark.parametrize("body, expected", [
    ("Dear José,\n\nThank you.\n".encode("utf-8"), "Dear José,"),
    ("Dear José,\n\nThank you.\n".encode("cp1252"), "Dear José,"),
])
def test_8bit_body_without_charset_tries_utf8_then_latin1(body, expected):
    note = note_from_bytes(b"From: p@example.org\nTo: Jose <j@example.org>\nSubject: Hi\n\n" + body)
    assert note.text.startswith(expected)
    assert not any("\ud800" <= ch <= "\udfff" for ch in note.text)


def test_8bit_utf8_body_without_charset_gives_no_false_misspelling(lint):
    raw = ("From: p@example.org\nTo: José Álvarez <j@example.org>\nSubject: Hi\n\n"
           "Dear José,\n\nThank you for your time yesterday.\n").encode()
    assert not lint(raw).by_rule("name-misspelled")


def test_no_lone_surrogates_reach_the_note():
    raw = b"From: \xff\xfe <a@b.example>\nTo: \xed\xa0\x80 <c@d.example>\nSubject: \xc3\n\nHi \xed\xa0\x80 \xff there\n"
    note = note_from_bytes(raw)
    every = note.text + "".join(note.recipients) + "".join(note.headers.values()) + (note.sender or "")
    assert not any("\ud800" <= ch <= "\udfff" for ch in every)
