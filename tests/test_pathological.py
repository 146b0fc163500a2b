"""Hostile and clumsy input: huge notes of one shape, header bombs, oversized stdin, --fix through
symlinks, lone surrogates, invisible characters in names. Sizes are kept small enough for a fast
suite (speed and memory at 10 MB are measured by bench/bad_input_scaling.py, not here)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from followup_lint import Config, lint_note
from followup_lint.errors import InputError
from followup_lint.note import MAX_PARSE_TOKENS, blank, parse_prefix

NO_GRAMMAR = Config(grammar=False)
MB = 1024 * 1024


# --- whole-text passes ----------------------------------------------------------------

def _reference_blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def test_blank_hides_spans_keeps_newlines_and_length_for_overlapping_unsorted_spans():
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice("ab \n😀") for _ in range(rng.randrange(0, 60)))
        spans = [(rng.randrange(-3, 65), rng.randrange(-3, 65)) for _ in range(rng.randrange(0, 6))]
        assert blank(text, spans) == _reference_blank(text, spans)


def test_parse_prefix_stops_at_the_token_bound_for_symbol_text_but_not_for_prose():
    symbols = "% " * 50_000
    cut = parse_prefix(symbols, 1_000_000)
    assert len(cut) < len(symbols) and cut.count("%") <= MAX_PARSE_TOKENS
    prose = "Thank you for your time. " * 100
    assert parse_prefix(prose, 1_000_000) == prose


@pytest.mark.parametrize("unit", ["%", "😀", "[", "{", "<", "x,", "> x\n", "\n"])
def test_a_huge_note_of_one_shape_is_linted_with_the_limit_said_in_skipped(unit):
    text = "Thank you for your time.\n" + unit * (MB // len(unit.encode()))
    result = lint_note(text, config=NO_GRAMMAR)
    assert result.text == text
    assert "past-limit" in result.skipped
    assert all(0 <= f.start <= f.end <= len(text) for f in result)


def test_nested_html_divs_in_an_html_only_email_are_read():
    raw = (b"From: a@b.example\nTo: Jon Baker <j@b.example>\nSubject: Thanks\n"
           b"Content-Type: text/html; charset=utf-8\n\n<p>Thank you for your time, Jon.</p>"
           + b"<div>" * 200_000)
    result = lint_note(raw, config=NO_GRAMMAR)
    assert "Thank you for your time, Jon." in result.text
    assert "html-limit" in result.skipped and "100,000 tags" in result.skipped["html-limit"]


def test_an_ordinary_html_email_is_read_whole_and_says_nothing_was_skipped():
    raw = (b"From: a@b.example\nTo: Jon Baker <j@b.example>\nSubject: Thanks\n"
           b"Content-Type: text/html; charset=utf-8\n\n"
           + b"<div><p>Thank you for your time, Jon.</p></div>" * 50 + b"<p>Best, Ada</p>")
    result = lint_note(raw, config=NO_GRAMMAR)
    assert result.text.rstrip().endswith("Best, Ada")
    assert "html-limit" not in result.skipped


# --- headers ------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "unit", "count", "said"), [
    ("Subject", "=?utf-8?q?a?= ", 2_000, "encoded words"),
    ("Subject", "=?utf-8?q?a?= ", 100_000, "characters"),
    ("To", "a@b.example, ", 2_000, "addresses"),
    ("To", "a@b.example, ", 100_000, "characters"),
    ("To", "Jon Baker <j@b.example>, ", 10_000, "characters"),
])
def test_a_header_bomb_is_a_clear_input_error(header, unit, count, said):
    raw = f"From: a@b.example\n{header}: {unit * count}\n\nThank you for your time.\n".encode()
    with pytest.raises(InputError, match=f"the {header} header has .*{said}"):
        lint_note(raw, config=NO_GRAMMAR)


def test_check_reports_a_header_bomb_in_one_line_with_exit_2(run, tmp_path):
    (tmp_path / "bomb.eml").write_bytes(
        b"From: a@b.example\nSubject: " + b"=?utf-8?q?a?= " * 2_000 + b"\n\nThanks.\n")
    code, _out, err = run("check", "--no-grammar", "bomb.eml")
    assert code == 2
    assert "bomb.eml" in err and "encoded words" in err and "Traceback" not in err


# --- reading at most the limit ------------------------------------------------------------

def test_stdin_over_10_mb_is_refused(run):
    code, _out, err = run("check", "--no-grammar", "-", stdin=b"a" * (10 * MB + 1))
    assert code == 2 and "larger than 10 MB" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading_it_whole(run):
    code, _out, err = run("check", "--no-grammar", "/dev/zero")
    assert code == 2 and "larger than 10 MB" in err


@pytest.mark.slow
def test_a_file_of_exactly_10_mb_is_not_refused_for_its_size(run, tmp_path):
    (tmp_path / "big.txt").write_bytes(b"Thank you for your time. " * (10 * MB // 25))
    code, _out, err = run("check", "--no-grammar", "--exit-zero", "big.txt")
    assert code == 0 and "larger than" not in err


# --- --fix and symlinks --------------------------------------------------------------------

def test_fix_does_not_write_through_a_symlink(run, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "note.txt"
    original = "Dear Dr. Smith,\n\nThank you for your time yesterday.\n"
    target.write_text(original, encoding="utf-8")
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "note.txt").symlink_to(target)
    (tmp_path / "roster.txt").write_text("Dr. Katherine Smyth\n", encoding="utf-8")
    code, _out, err = run("check", "--no-grammar", "--fix", "--roster", "roster.txt",
                          "notes/note.txt")
    assert "symbolic link" in err
    assert target.read_text(encoding="utf-8") == original
    assert code == 1  # the error is still reported


def test_fix_still_writes_a_regular_file(run, tmp_path):
    (tmp_path / "note.txt").write_text("Dear Dr. Smith,\n\nThank you for your time.\n",
                                       encoding="utf-8")
    (tmp_path / "roster.txt").write_text("Dr. Katherine Smyth\n", encoding="utf-8")
    run("check", "--no-grammar", "--fix", "--roster", "roster.txt", "note.txt")
    assert "Dr. Smyth" in (tmp_path / "note.txt").read_text(encoding="utf-8")


# --- lone surrogates ------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["\udc80", "\ud800", "\udfff"])
def test_a_lone_surrogate_is_an_input_error_not_unicode_encode_error(bad):
    with pytest.raises(InputError, match="lone surrogate"):
        lint_note(f"Thank you {bad} for your time.", config=NO_GRAMMAR)


# --- invisible characters -----------------------------------------------------------------

@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_an_invisible_character_in_a_name_is_an_error_with_the_clean_word_as_safe_fix(invisible):
    text = f"Dear Dr. Sm{invisible}yth,\n\nThank you for your time yesterday.\n\nSam"
    result = lint_note(text, roster=["Dr. Katherine Smyth"], config=NO_GRAMMAR)
    found = [f for f in result if f.rule == "invisible-character"]
    assert len(found) == 1 and not result.ok
    f = found[0]
    assert f.severity == "error" and f.fix_safe and f.suggestions == ["Smyth"]
    assert result.text[f.start:f.end] == f"Sm{invisible}yth"


def test_a_roster_entry_with_an_invisible_character_matches_the_clean_spelling():
    result = lint_note("Dear Dr. Smyth,\n\nThank you for your time yesterday.\n\nSam",
                       roster=["Dr. Katherine Sm\u200dyth"], config=NO_GRAMMAR)
    assert not [f for f in result if f.rule.startswith("name-")]


INVISIBLE_NOTE = ("Dear Dr. Sm\u200dyth,\n\nThank you for your time yesterday. I enjoyed meeting "
                  "Jon Ba\u200bker and hearing Katherine Sm\u00adyth describe the team.\n\nSam")


@pytest.mark.parametrize("roster", [["Dr. Katherine Smyth", "Jon Baker"],
                                    ["Dr. Katherine Sm\u200dyth", "Jon Ba\u2060ker"]])
@pytest.mark.parametrize("grammar", [False, pytest.param(True, marks=pytest.mark.languagetool)])
def test_a_name_with_an_invisible_character_is_read_as_the_clean_name(roster, grammar, request):
    """Only the invisible-character error remains: no name-unknown on the half before it
    ("Sm"), spans on the note's own text, the clean word as the safe fix."""
    if grammar:
        request.getfixturevalue("languagetool_server")
    result = lint_note(INVISIBLE_NOTE, roster=roster,
                       config=Config(grammar=grammar, require_grammar=grammar))
    assert "grammar" not in result.skipped
    assert [(f.rule, result.text[f.start:f.end], f.suggestions) for f in result] == [
        ("invisible-character", "Sm\u200dyth", ["Smyth"]),
        ("invisible-character", "Ba\u200bker", ["Baker"]),
        ("invisible-character", "Sm\u00adyth", ["Smyth"]),
    ]
    assert result.text == INVISIBLE_NOTE


def test_a_misspelled_name_with_an_invisible_character_points_at_the_whole_word():
    result = lint_note("Dear Dr. Sm\u200dith,\n\nThank you for your time yesterday.\n\nSam",
                       roster=["Dr. Katherine Smyth"], config=NO_GRAMMAR)
    names = [f for f in result if f.rule.startswith("name-")]
    assert names and all(result.text[f.start:f.end] == "Sm\u200dith" for f in names)
    assert any("Smyth" in f.suggestions for f in names)


def test_fix_removes_an_invisible_character(run, tmp_path):
    (tmp_path / "note.txt").write_text("Thank you for the inter\u200bview today.\n",
                                       encoding="utf-8")
    run("check", "--no-grammar", "--fix", "note.txt")
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == \
        "Thank you for the interview today.\n"


def test_a_note_past_the_counting_limit_is_too_long_with_over_in_the_message():
    text = "Thank you for your time. " * 60_000  # 1.5 MB: words counted in the first 1 MB
    [found] = [f for f in lint_note(text, config=NO_GRAMMAR) if f.rule == "too-long"]
    assert "has over 200000 words" in found.message


def test_line_and_column_of_a_finding_deep_in_a_note_of_short_lines():
    text = "Thanks.\n" + "> x\n" * 100_000 + "Dear [Name],\nThanks."
    result = lint_note(text, config=NO_GRAMMAR)
    [found] = [f for f in result if f.rule == "placeholder-unfilled"]
    assert (found.line, found.column) == (100_002, 6)  # after 1 + 100,000 lines
