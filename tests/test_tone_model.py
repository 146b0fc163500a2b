"""The trained tone model beside the patterns: one verdict per sentence, its own severity and
source, per-rule thresholds and an off switch in config, and messages that fit their words."""

from __future__ import annotations

import re

import pytest

from followup_lint import Config, ConfigError, lint_note

#: Resentment in words no pattern knows: only the model can flag it.
MODEL_ONLY = "Honestly I expected better from a company like yours."


def tone(text: str, **config: object) -> list:
    result = lint_note(text, config=Config(grammar=False, **config))  # type: ignore[arg-type]
    return [f for f in result.findings if f.category == "tone"]


def test_a_sentence_only_the_model_flags_is_reported_one_step_lower_over_the_sentence():
    found = tone(MODEL_ONLY)
    assert [(f.rule, f.severity, f.text) for f in found] == [("resentful", "warning", MODEL_ONLY)]
    assert found[0].source == "followup-lint/tone-model"
    assert "sentence" in found[0].message


def test_tone_model_false_turns_the_model_off():
    assert tone(MODEL_ONLY, tone_model=False) == []


def test_a_threshold_in_config_silences_the_model_for_that_rule():
    assert tone(MODEL_ONLY, tone_thresholds={"resentful": 1.0}) == []
    assert tone(MODEL_ONLY, tone_thresholds={"pushy": 1.0})  # another rule's threshold


@pytest.mark.parametrize("value,words", [
    ({"accusatory": 1.5}, "above 0 and at most 1"),
    ({"accusatory": "high"}, "above 0 and at most 1"),
    ({"rude": 0.5}, "unknown rule 'rude'"),
    ([0.5], "tone-thresholds must be a table"),
])
def test_bad_thresholds_are_a_clear_config_error(value, words):
    # A wrong value is refused when the Config is made, an unknown rule id when the rules
    # are resolved (before any note is linted), like select and ignore.
    with pytest.raises(ConfigError, match=re.escape(words)):
        lint_note("Thank you for your time.", config=Config(grammar=False, tone_thresholds=value))


def test_a_pattern_match_keeps_its_span_and_the_model_adds_nothing():
    found = tone("Per my last email, I am available all week.")
    assert [(f.rule, f.text, f.source) for f in found] == [
        ("passive-aggressive", "Per my last email", "followup-lint")]


def test_you_said_monday_in_a_status_check_is_blame_but_as_you_said_is_not():
    note = "Hi Anna,\n\nYou said Monday. Is there any update on the analyst role?\n\nBest,\nSam"
    found = tone(note)
    assert [(f.rule, f.severity) for f in found] == [("accusatory", "error")]
    assert found[0].text.startswith("You said Monday")
    assert tone("As you said Monday, the team is growing.") == []


@pytest.mark.parametrize("text,rule", [
    ("I wasted three weeks on your interview process.", "resentful"),
    ("Well, your loss.", "resentful"),
    ("I think I am owed a proper explanation.", "resentful"),
    ("I demand to know why I was rejected.", "resentful"),
    ("How much longer do I have to wait?", "accusatory"),
    ("Thanks for finally getting back to me.", "passive-aggressive"),
    ("I guess you aren't interested in me then.", "passive-aggressive"),
    ("Did you even get my email?", "passive-aggressive"),
    ("I'd appreciate it if someone could finally get back to me.", "passive-aggressive"),
    ("This role would be a stepping stone for my career.", "self-focused"),
])
def test_the_new_families_are_caught_by_a_pattern(text, rule):
    found = tone(text, tone_model=False)
    assert rule in {f.rule for f in found}


@pytest.mark.parametrize("text", [
    "I will send the references by Friday.",
    "I don't want to waste your time, so I will keep this short.",
    "Good luck with the search, and thank you again.",
    "I can finally share the portfolio link I promised.",
    "Thank you for the list of projects where you have shared your experience.",
    "I haven't heard back yet, so I wanted to check in on the timeline.",
])
def test_polite_sentences_stay_clean(text):
    assert tone(text) == []


@pytest.mark.parametrize("text", [
    "I have heard nothing since the panel.",
    "Just a gentle reminder that I applied in May.",
    "Please reply at the earliest.",
    "As I've already said, I can start in June.",
])
def test_a_quoted_phrase_in_a_message_is_in_the_flagged_text(text):
    for f in tone(text, tone_model=False):
        for quoted in re.findall(r"'([^']{3,}?)'(?:\s|$|[;,.])", f.message):
            assert quoted.lower() in f.text.lower() or quoted.lower() in text.lower(), f.message


# --- patterns and model settle a sentence together ----------------------------------------------

#: Check-in wording a soft pattern matches; the model sees no rudeness in it.
SOFT_CHECK_IN = ("You mentioned I would hear back within a fortnight, so I just wanted to check "
                 "in politely.")


def test_the_model_vetoes_a_soft_pattern_in_a_polite_check_in():
    assert tone(SOFT_CHECK_IN) == []
    # Without the model the pattern has no one to overrule it.
    assert [f.rule for f in tone(SOFT_CHECK_IN, tone_model=False)] == ["accusatory"]


def test_a_strong_pattern_stands_whatever_the_model_says():
    found = tone("I need an answer by Friday.")
    assert [(f.rule, f.source) for f in found] == [("pushy", "followup-lint")]


def test_the_model_picks_the_rule_after_a_hedge():
    insult = "With all due respect, your interviewers were far too junior to judge my work."
    assert [(f.rule, f.source) for f in tone(insult)] == [
        ("resentful", "followup-lint/tone-model")]
    assert [f.rule for f in tone(insult, tone_model=False)] == ["passive-aggressive"]
    dig = "With all due respect, I think you missed my last two emails."
    assert [f.rule for f in tone(dig)] == ["passive-aggressive"]


@pytest.mark.parametrize("text", [
    "Sorry for chasing, I know the team is busy with the launch.",
    "I hope it's okay to follow up again on my application.",
    "Following up on my note of 3 June in case it got lost over the holidays.",
    "I haven't heard anything yet, so I thought I'd drop you a short line to ask how it is going.",
])
def test_polite_follow_ups_stay_clean_with_the_model(text):
    assert tone(text) == []


#: Every rule at the lowest threshold: any sentence the model reads gets a model finding.
_ANY = {r: 0.001 for r in ("accusatory", "pushy", "passive-aggressive", "desperate",
                           "resentful", "self-focused")}


@pytest.mark.parametrize("block", [
    "Best regards,\nAmaka Obi\nTalent Acquisition Lead",
    "Suresh Pandey\n> Regional Manager – HR",
    "Kind regards,\nTom Hale\nHead of Talent, Northwind Ltd",
])
def test_signature_and_title_lines_are_not_judged_by_the_model(block):
    note = f"Dear Amaka,\n\nThank you for the interview on Tuesday.\n\n{block}"
    found = tone(note, tone_thresholds=_ANY)
    assert [f for f in found if f.text in block] == []
    # the prose sentence is still read by the model (every threshold is near zero)
    assert [f for f in found if "Thank you for the interview" in f.text]


@pytest.mark.parametrize("text", ["una company no serious at all", "what a waste of my time"])
def test_a_verbless_fragment_written_as_a_sentence_is_still_judged(text):
    assert tone(text, tone_thresholds=_ANY)
