"""--fix: only safe fixes with a suggestion are applied, nothing else changes."""

from __future__ import annotations

from followup_lint.cli.fix import apply_fixes, apply_fixes_to_message
from followup_lint.findings import Finding
from followup_lint.reading.mail import message_body, parse_message


def finding(text: str, word: str, suggestion: str, safe: bool = True, rule: str = "name-misspelled") -> Finding:
    start = text.index(word)
    return Finding(rule=rule, category="names", severity="error", message="m", start=start,
                   end=start + len(word), line=1, column=start + 1, text=word,
                   suggestions=[suggestion], fix_safe=safe)


def test_only_safe_fixes_are_applied_and_the_rest_is_untouched():
    text = "Dear Dr. Smith,\r\n\r\nThanks, Jon. See you at [Company].\n"
    fixes = [finding(text, "Smith", "Smyth"), finding(text, "Jon", "John"),
             finding(text, "[Company]", "Northwind", safe=False, rule="placeholder-unfilled")]
    new, applied = apply_fixes(text, fixes)
    assert new == "Dear Dr. Smyth,\r\n\r\nThanks, John. See you at [Company].\n"
    assert [f.text for f in applied] == ["Smith", "Jon"]


def test_overlapping_fixes_apply_once():
    text = "Dear Katherine Smith,"
    a = finding(text, "Katherine Smith", "Katherine Smyth")
    b = finding(text, "Smith", "Smyth")
    new, applied = apply_fixes(text, [a, b])
    assert new == "Dear Katherine Smyth," and len(applied) == 1


def test_fix_in_an_eml_changes_only_the_flagged_bytes():
    raw = (b"From: P <p@example.org>\r\nTo: K <k@example.org>\r\nSubject: Thanks\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\n\r\nDear Dr. Nguyen and Dr. Smith,\r\nThanks.\r\n")
    body = message_body(parse_message(raw), raw)
    assert body.exact
    fixes = [finding(body.text, "Nguyen", "Nguyễn"), finding(body.text, "Smith", "Smyth")]
    new, applied = apply_fixes_to_message(raw, fixes, body.position, body.charset or "us-ascii")
    assert len(applied) == 2
    assert new == raw.replace(b"Nguyen", "Nguyễn".encode()).replace(b"Smith", b"Smyth")


def test_fix_that_the_charset_cannot_hold_is_skipped():
    raw = (b"From: P <p@example.org>\nContent-Type: text/plain; charset=us-ascii\n\nDear Ms. Nguyen,\n")
    body = message_body(parse_message(raw), raw)
    new, applied = apply_fixes_to_message(raw, [finding(body.text, "Nguyen", "Nguyễn")],
                                          body.position, "us-ascii")
    assert new == raw and applied == []
