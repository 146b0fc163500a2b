"""Inline suppression comments (reading/suppress.py), as lint_note and check honour them."""

from __future__ import annotations

from followup_lint import Config, lint_note

NOTE = ("Dear Dr. Smith,\n\n"
        "You said I would hear back by Monday, but it is now Wednesday.{line}\n"
        "I need an answer by Friday.\n{file}")
ROSTER = ["Dr. Katherine Smyth"]


def rules(line: str = "", file: str = "") -> set[str]:
    result = lint_note(NOTE.format(line=line, file=file), roster=ROSTER, config=Config(grammar=False))
    return {f.rule for f in result}


def test_without_comments_every_rule_reports() -> None:
    assert {"name-misspelled", "accusatory", "pushy"} <= rules()


def test_a_line_comment_silences_its_rule_on_that_line_only() -> None:
    got = rules(line=" <!-- followup-lint: ignore accusatory -->")
    assert "accusatory" not in got and {"name-misspelled", "pushy"} <= got


def test_a_category_or_several_rules_can_be_named() -> None:
    got = rules(line=" <!--followup-lint: ignore tone-->")
    assert "accusatory" not in got and "pushy" in got  # pushy is on another line
    got = rules(file="<!-- followup-lint: ignore-file accusatory, pushy -->\n")
    assert not {"accusatory", "pushy"} & got and "name-misspelled" in got


def test_a_comment_for_another_rule_changes_nothing() -> None:
    assert {"name-misspelled", "accusatory", "pushy"} <= rules(line=" <!-- followup-lint: ignore too-long -->")
