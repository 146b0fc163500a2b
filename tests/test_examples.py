"""Whole realistic notes from examples/, linted as a user would: roster and context from
examples/roster.toml, grammar and spelling from the real LanguageTool server."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_lint import Config, lint_note
from followup_lint.context import load_context_file
from followup_lint.roster import load_roster

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ROSTER = load_roster(EXAMPLES / "roster.toml")
CONTEXT = load_context_file(EXAMPLES / "roster.toml")

pytestmark = pytest.mark.languagetool


def lint_example(name: str):
    return lint_note((EXAMPLES / name).read_text(encoding="utf-8"), roster=ROSTER,
                     context=CONTEXT, config=Config(require_grammar=True))


@pytest.mark.parametrize("name", ["thank-you-good.txt", "status-check-good.txt"])
def test_good_examples_are_clean(name, languagetool_server):
    result = lint_example(name)
    assert result.ok
    assert [(f.rule, f.text) for f in result] == []


def test_bad_thank_you(languagetool_server):
    result = lint_example("thank-you-bad.txt")
    assert result.kind == "thank-you" and not result.ok
    found = {(f.rule, f.text) for f in result}
    assert ("name-misspelled", "Smith") in found
    assert ("placeholder-unfilled", "[Role]") in found
    assert ("name-nickname", "Kate") in found
    assert ("spelling", "converstion") in found
    assert {"desperate", "pushy"} <= {f.rule for f in result}
    smith = result.by_rule("name-misspelled")[0]
    assert smith.suggestions[0] == "Smyth" and smith.fix_safe
    # Roster names are never spelling mistakes, nor is the nickname.
    assert not [f for f in result.by_rule("spelling") if f.text in {"Smyth", "Kate", "Baker"}]


def test_bad_status_check(languagetool_server):
    result = lint_example("status-check-bad.txt")
    assert result.kind == "status-check" and not result.ok
    rules = [f.rule for f in result]
    # One offence, one finding: the promise quoted back and the date it is now.
    [accusatory] = result.by_rule("accusatory")
    assert accusatory.text.startswith("You said I would hear back by Monday")
    assert "it is now Wednesday" in accusatory.text and accusatory.severity == "error"
    assert {"passive-aggressive", "pushy", "missing-role"} <= set(rules)
    nguyen = result.by_rule("name-misspelled")
    assert [f.suggestions[0] for f in nguyen] == ["Nguyễn"]
