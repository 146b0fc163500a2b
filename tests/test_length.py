"""too-long and long-sentence: words counted as a person counts them, in the sentences and
the part of the message a person reads."""

from __future__ import annotations

from followup_lint import Config, NoteContext, lint_note

_OFF = Config(grammar=False)
# 35 words as a person or a word processor counts them ("labor-planning", "on-time": one each).
_SENTENCE = ("In my current role at Plainsview Freight, I led a slotting and labor-planning "
             "project that lifted our on-time rate by four points over two quarters, largely by "
             "aligning shift start times with inbound trailer volume.")


def _long(text: str) -> list[str]:
    return [f.message for f in lint_note(text, config=_OFF).by_rule("long-sentence")]


def test_compounds_numbers_and_addresses_are_one_word_each():
    assert _long(f"Dear Ms. Lee,\n\n{_SENTENCE}\n\nBest,\nSam") == []
    longer = _SENTENCE.replace("by four points", "by 3.5 points in Q3 (ops@plainsview.com)")
    (message,) = _long(f"Dear Ms. Lee,\n\n{longer}\n\nBest,\nSam")
    assert "38 words" in message


def test_a_sentence_does_not_run_across_a_paragraph_break_or_into_a_list():
    half = ("I enjoyed our conversation about the warehouse team and its plans for next year "
            "and the years after")  # 18 words
    assert _long(f"{half}\n\n{half}.") == []
    assert _long(f"What I would bring to the team and to the plans for next year\n"
                 f"- {half}\n- {half}.") == []
    (message,) = _long(f"{half} and {half}.")
    assert "31" not in message and "over 35" in message


def test_the_greeting_and_signature_are_not_counted_in_the_word_budget():
    ask = "I am writing to ask whether there is any news on the decision."  # 13 words
    thanks = "Thank you for your time and for the update you gave me."  # 12 words
    signed = (f"Dear Ms. Nair,\n\n{' '.join([ask] * 8)}\n\n{thanks}\n\nRegards,\n"
              f"Arjun Reddy\n+91 90000 12874")
    about = NoteContext(kind="status-check")
    # 116 words a person reads: under 120, though greeting and signature make it 125.
    assert lint_note(signed, context=about, config=_OFF).by_rule("too-long") == []
    over = signed.replace(thanks, f"{ask} {thanks}")
    (f,) = lint_note(over, context=about, config=_OFF).by_rule("too-long")
    assert "129 words" in f.message and f.text == "your time and for the update you gave me."


def test_a_paragraph_break_with_crlf_ends_a_sentence_too():
    half = ("I enjoyed our conversation about the data platform and the migration work we "
            "discussed at length with the whole team last week")  # 22 words: 44 if joined
    assert _long(half + "\n\n" + half + ".") == []
    assert _long(half + "\r\n\r\n" + half + ".") == []


def test_a_long_run_of_trailing_spaces_is_read_in_linear_time():
    # The signature finder once rescanned a whitespace line from every position (quadratic).
    from followup_lint.rules.length import letter_body
    text = "Hi Anna,\nThanks for the talk.\n" + " " * 200_000
    assert letter_body(text) == (0, len(text))
