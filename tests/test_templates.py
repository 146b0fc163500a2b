"""Template mode: placeholders masked, Jinja2 rendered in a sandbox, template positions kept."""

from __future__ import annotations

import pytest

from followup_lint import Config, InputError, lint_note
from followup_lint.note import note_from_text
from followup_lint.reading.templates import load_sample_data, mask_placeholders, render_template

TEMPLATE = ("Dear {{ interviewer }},\n\nThank you for meeting me about the {{ role }} role at "
            "[Company]. I enjoyed it.\n\nBest regards,\n{first_name}\n")


def test_template_mode_masks_placeholders_and_turns_off_placeholder_unfilled():
    assert lint_note(TEMPLATE, config=Config(grammar=False)).by_rule("placeholder-unfilled")
    result = lint_note(TEMPLATE, config=Config(grammar=False, template=True))
    assert not result.by_rule("placeholder-unfilled")


@pytest.mark.parametrize("text,flagged", [
    ("Dear [name],\n\nThank you for the interview.", "[name]"),
    ("Dear (interviewer's name),\n\nThank you for the interview.", "(interviewer's name)"),
    ("Dear Mr./Ms._____,\n\nThank you for the interview.", "_____"),
    ("Dear [Mr./Ms. Last Name],\n\nThank you for the interview.", "[Mr./Ms. Last Name]"),
    ("Thank you for the interview on XX/XX/XXXX.", "XX/XX/XXXX"),
    ("Thank you for the interview on xx March.", "xx"),
    ("I am excited about the role at XYZ Company.", "XYZ"),
    ("Thank you for the interview.\n\nBest regards,\nYour Name\n", "Your Name"),
    ("Thank you for the interview. [Mention something from the interviewer's talk, e.g. the "
     "roadmap.] I look forward to hearing from you.",
     "[Mention something from the interviewer's talk, e.g. the roadmap.]"),
])
def test_every_placeholder_form_is_caught_in_plain_mode_and_none_in_template_mode(text, flagged):
    plain = lint_note(text, config=Config(grammar=False))
    assert [f.text for f in plain.by_rule("placeholder-unfilled")] == [flagged]
    # One finding per span: a placeholder is not also a name or a company.
    assert [f.rule for f in plain.findings if f.text == flagged] == ["placeholder-unfilled"]
    template = lint_note(text, config=Config(grammar=False, template=True))
    assert [f for f in template.findings
            if f.start < plain.by_rule("placeholder-unfilled")[0].end
            and plain.by_rule("placeholder-unfilled")[0].start < f.end] == []


@pytest.mark.parametrize("text", [
    "The project (and occasionally hectic) ended well; the results [1] were good [sic].",
    "My phone is (617) 555-0100 and my class's __init__ method is fixed.",
    "See [the slides](https://example.org/slides) from the talk.",
    "Thank you again.\n\n________________________________\nFrom: Ana Lee",
])
def test_prose_brackets_numbers_and_dividers_are_not_placeholders(text):
    assert not lint_note(text, config=Config(grammar=False)).by_rule("placeholder-unfilled")


def test_placeholder_contents_are_masked_from_analysis():
    note = mask_placeholders(note_from_text(TEMPLATE))
    kinds = {m.kind for m in note.masks}
    assert kinds == {"placeholder"}
    assert "interviewer" not in note.analysis_text and "Company" not in note.analysis_text
    assert len(note.analysis_text) == len(TEMPLATE)


def test_render_reports_positions_in_the_template():
    source = "Dear {{ name }},\n\n{% for t in topics %}We spoke about {{ t }}. {% endfor %}\nTODO\n"
    note = render_template(source, {"name": "Dr. Katherine Smyth", "topics": ["SQL", "dashboards"]})
    assert note.text.startswith("Dear Dr. Katherine Smyth,\n\nWe spoke about SQL. We spoke about dashboards.")
    assert note.line_col(note.text.index("TODO")) == (4, 1)
    assert note.line_col(note.text.index("Smyth")) == (1, 6)  # inside {{ name }}: its start
    result = lint_note(note, config=Config(grammar=False))
    [f] = result.by_rule("placeholder-unfilled")
    assert (f.line, f.column) == (4, 1)


def test_render_undefined_variable_is_a_clear_error():
    with pytest.raises(InputError, match=r"t\.j2: the sample data has no value.*'name'"):
        render_template("Dear {{ name }},", {}, "t.j2")


def test_render_syntax_error_names_the_line():
    with pytest.raises(InputError, match=r"t\.j2:2: template syntax error"):
        render_template("Hi\n{% if %}\n", {}, "t.j2")


def test_sandbox_refuses_unsafe_attribute_access():
    with pytest.raises(InputError, match="sandbox"):
        render_template("{{ ''.__class__.__mro__[1].__subclasses__() }}", {}, "evil.j2")


def test_sample_data_errors_name_the_file(tmp_path):
    bad = tmp_path / "data.toml"
    bad.write_text("name = \n")
    with pytest.raises(InputError, match="data.toml"):
        load_sample_data(bad)
    with pytest.raises(InputError, match="cannot read"):
        load_sample_data(tmp_path / "missing.toml")


def test_large_template_falls_back_to_line_alignment():
    source = "Thanks {{ n }}.\n" + "Filler line of the template.\n" * 3000 + "TODO\n"
    note = render_template(source, {"n": "Jon"})
    assert note.line_col(note.text.index("TODO")) == (3002, 1)


def test_config_placeholder_syntax_is_masked_in_template_mode():
    from followup_lint import Config, lint_note

    text = "Dear @@interviewer@@,\n\nThank you for your time today. I enjoyed it.\n"
    cfg = dict(grammar=False, placeholder_patterns=[r"@@(\w+)@@"])
    assert [f.text for f in lint_note(text, roster=["Jon Baker"], config=Config(**cfg))] \
        == ["@@interviewer@@"]
    templated = lint_note(text, roster=["Jon Baker"], config=Config(template=True, **cfg))
    assert not templated.findings  # masked: neither a placeholder error nor an unknown name
