"""The public API as DESIGN.md gives it: names, result shape, offsets, lint_many."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest

import followup_lint
from followup_lint import Config, Finding, InputError, LintResult, NoteContext, lint_many, lint_note

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_public_names_are_exported():
    for name in ("lint_note", "lint_many", "Roster", "Person", "NoteContext", "Config",
                 "Finding", "LintResult"):
        assert hasattr(followup_lint, name)


def test_result_shape_and_offsets():
    text = "Dear {{ name }},\n\nThanks for your time.\nTODO: add something here.\n"
    result = lint_note(text, config=Config(grammar=False))
    assert isinstance(result, LintResult)
    assert result.text == text
    assert len(result) == len(result.findings) == len(list(result))
    assert not result.ok  # placeholders are errors
    starts = [f.start for f in result]
    assert starts == sorted(starts)
    for f in result:
        assert isinstance(f, Finding)
        assert result.text[f.start:f.end] == f.text
        line_start = text.rfind("\n", 0, f.start) + 1
        assert f.line == text.count("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["findings"][0]["rule"] == result.findings[0].rule
    assert "skipped" in payload and payload["kind"] == result.kind


def test_model_is_reported():
    result = lint_note("Thank you for your time today.", config=Config(grammar=False))
    assert result.model and result.model.startswith("en_core_web_sm")


def test_grammar_off_means_no_languagetool_findings():
    result = lint_note("I has went to the interview.", config=Config(grammar=False))
    assert not [f for f in result if f.source.startswith("languagetool")]
    assert "grammar" not in result.skipped


def test_select_and_ignore():
    text = "Dear {{ name }}, TODO"
    assert not lint_note(text, config=Config(grammar=False, ignore=["placeholder-unfilled"]))
    only = lint_note(text, config=Config(grammar=False, select=["template"]))
    assert {f.rule for f in only} == {"placeholder-unfilled"}


def test_severity_override_changes_ok():
    result = lint_note("Dear {{ name }},", config=Config(
        grammar=False, severity={"placeholder-unfilled": "warning"}))
    assert result.ok and result.findings[0].severity == "warning"


def test_unknown_rule_in_config_is_an_error_before_any_note_is_linted():
    # Config is plain data; the rule table, built once per config, names the bad id.
    with pytest.raises(followup_lint.ConfigError, match="no-such-rule"):
        lint_note("Thank you for your time.", config=Config(select=["no-such-rule"]))
    with pytest.raises(followup_lint.ConfigError, match="not-a-rule"):
        lint_note("Thank you for your time.", config=Config(severity={"not-a-rule": "info"}))


def test_kind_from_context_wins():
    result = lint_note("Thank you for the interview.", context=NoteContext(kind="status-check"),
                       config=Config(grammar=False))
    assert result.kind == "status-check"


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(InputError, match="unknown kind"):
        lint_note("Hello", context=NoteContext(kind="love-letter"),  # type: ignore[arg-type]
                  config=Config(grammar=False))


def test_email_message_uses_recipients_as_roster_and_body_as_text():
    msg = EmailMessage()
    msg["From"] = "Priya Raman <priya@example.com>"
    msg["To"] = "Katherine Smyth <k.smyth@example.com>"
    msg["Subject"] = "Thank you"
    msg["Date"] = "Tue, 24 Nov 2026 17:00:00 +0000"
    msg.set_content("Dear Katherine,\n\nThank you for your time today.\n\nBest,\nPriya\n")
    for note in (msg, msg.as_bytes()):
        result = lint_note(note, config=Config(grammar=False))
        assert result.text.startswith("Dear Katherine,")
        assert result.ok


def test_lint_many_matches_lint_note():
    notes = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    roster = ["Dr. Katherine Smyth", "Mr. Jon Baker", "Ms. Thị Hoa Nguyễn"]
    cfg = Config(grammar=False)
    many = lint_many(notes, roster=roster, config=cfg)
    assert len(many) == len(notes)
    for note, result in zip(notes, many):
        single = lint_note(note, roster=roster, config=cfg)
        assert [f.to_dict() for f in result] == [f.to_dict() for f in single]


def test_roster_file_without_names_is_an_error(tmp_path):
    from followup_lint.roster import load_roster

    for name, body in (("r.txt", "# panel\n\n"), ("r.toml", "panel = []\n"), ("r.csv", "name,title\n")):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        with pytest.raises(followup_lint.RosterError, match="no names"):
            load_roster(path)


def test_context_accepts_iso_strings_and_rejects_wrong_types():
    ctx = NoteContext(interviewed_at="2026-11-20T10:00:00+00:00", previous_followups=["2026-11-01"])
    assert ctx.interviewed_at.year == 2026 and ctx.previous_followups[0].day == 1
    with pytest.raises(followup_lint.ConfigError, match="company"):
        NoteContext(company=5)  # type: ignore[arg-type]
    with pytest.raises(followup_lint.ConfigError, match="ISO 8601"):
        NoteContext(interviewed_at="last Tuesday")


@pytest.mark.parametrize("settings,words", [
    ({"select": "accusatory"}, "list of strings"),
    ({"word_budgets": {"thanks": 50}}, "unknown kind"),
    ({"long_sentence_words": -1}, "at least 1"),
    ({"languagetool_mode": "bogus"}, "languagetool-mode"),
    ({"placeholder_patterns": ["("]}, "regular expression"),
])
def test_invalid_config_values_are_clear_errors(settings, words):
    with pytest.raises(followup_lint.ConfigError, match=words):
        Config(**settings)
