"""company-mismatch: another organisation where the company belongs, or a misspelled company."""

from __future__ import annotations

import pytest

from followup_lint import Config, NoteContext, lint_note


def hits(text, company="Acme Corp", roster=None):
    r = lint_note(text, roster=roster, context=NoteContext(company=company),
                  config=Config(grammar=False))
    for f in r.by_rule("company-mismatch"):
        assert r.text[f.start:f.end] == f.text
    return r.by_rule("company-mismatch")


@pytest.mark.parametrize("text,flagged", [
    ("I am excited about the Data Analyst role at Initech.", "Initech"),
    ("I would be thrilled to join Globex as an analyst.", "Globex"),
    ("Hooli's mission really resonates with me.", "Hooli"),
    ("I am confident I would be a great fit for Initech.", "Initech"),
    ("I look forward to contributing to Umbrella Corporation's growth.", "Umbrella Corporation"),
    ("It was great to meet everyone at Initech yesterday.", "Initech"),
    # The parse takes these for a person and a building; the position still says company.
    ("I am excited about the chance to bring my skills to Vistula Software.", "Vistula Software"),
    ("I am excited about the UX Researcher role at Globex Research and the team.",
     "Globex Research"),
])
def test_a_leftover_company_in_a_company_position(text, flagged):
    found = hits("Thank you for your time today. " + text)
    assert [f.text for f in found] == [flagged]
    f = found[0]
    assert f.severity == "error" and f.suggestions == ["Acme Corp"] and not f.fix_safe
    assert "Acme Corp" in f.message and "replace it" in f.message


@pytest.mark.parametrize("company,text,written,right", [
    ("Acme Corp", "I enjoyed learning about the plans at Acmee Corp.", "Acmee Corp", "Acme Corp"),
    ("Google", "It was great to meet everyone at Gooogle yesterday.", "Gooogle", "Google"),
    ("Google", "I admire how Gogle approaches search quality.", "Gogle", "Google"),
    ("PayPal", "I am excited about the role at Paypal.", "Paypal", "PayPal"),
    ("Northwind Traders", "The team at Northwnd impressed me.", "Northwnd", "Northwind"),
])
def test_a_misspelled_company_gets_the_right_spelling(company, text, written, right):
    found = hits(text, company=company)
    assert [(f.text, f.suggestions) for f in found] == [(written, [right])]
    assert found[0].fix_safe and "misspelling" in found[0].message


@pytest.mark.parametrize("text", [
    "The team at Acme Corp impressed me, and Acme's mission is inspiring.",
    "I would love to join Acme Corporation and help the Acme Cloud team.",
    "During my internship at Initech I built dashboards; my time at Globex taught me SQL.",
    "I worked at Initech for five years and was at Globex before that.",
    "I currently work at Initech, and I have been working with data for years.",
    "My three years of building SQL pipelines and dashboards at Contoso would help.",
    "I studied statistics at Stanford University and at the Turing Institute.",
    "I use Tableau, Salesforce and Python every day.",
    "I would love to join Mark's team at Acme.",
    "Strive to be concise. I enjoyed learning about Acme.",
    # The writer's own past and present, the company's initials, its sites and events.
    "At Pembury Associates I ran the payroll migration.",
    "I'm now a grants officer at Lakeside Trust, where I manage twelve awards.",
    "ACME has a great reputation, and I enjoyed the tour of the Cedar Park branch.",
    "It was good to see your stand at the MASFAA conference in March.",
    # The writer's new role, a technology, a person with a title, an event (good notes).
    "Since we spoke, I've moved into a development role at NextEra, where I work on wind.",
    "I have accepted an internal promotion at Aviva, so I must withdraw.",
    "I've completed my certification and started coaching two squads at Sky Betting & Gaming.",
    "I would be glad to help, drawing on my time organising events at the British Council.",
    "I enjoyed hearing about the team's move to Kubernetes.",
    "I am grateful for the opportunity to interview with Engr. Tunde Bakare.",
    "I hope our paths cross again, perhaps at UXINDIA later this year.",
])
def test_the_company_itself_schools_past_employers_products_and_people_are_fine(text):
    assert hits("Thank you for your time today. " + text) == []


def test_roster_names_and_the_role_are_not_companies():
    text = "Thank you, Dr. Initech. I enjoyed our talk about the Platform Engineer role at Acme."
    assert hits(text, roster=["Dr. Ana Initech"]) == []


def test_without_a_company_the_rule_is_silent():
    r = lint_note("I am excited about the role at Initech.", config=Config(grammar=False))
    assert not r.by_rule("company-mismatch")


def test_the_example_thank_you_is_clean():
    from pathlib import Path

    text = (Path(__file__).parents[1] / "examples" / "thank-you-good.txt").read_text()
    assert hits(text, company="Northwind") == []
    assert [f.text for f in hits(text.replace("at Northwind", "at Initech"), "Northwind")] == ["Initech"]


def test_a_bare_at_is_a_warning_a_sure_position_an_error():
    # "at X" alone may be a client, a venue or a past employer: not sure enough to block.
    (f,) = hits("Thank you for your time today. I liked the demo at Initech.")
    assert f.text == "Initech" and f.severity == "warning"
    (f,) = hits("Thank you for your time today. I am excited about the role at Initech.")
    assert f.severity == "error"


def test_another_name_after_work_with_is_told_but_does_not_block():
    # "work with X" names a client or partner as often as a copied employer: a warning.
    (f,) = hits("I read your report on housing and thought of Acme Corp's work with Columbus.")
    assert f.text == "Columbus" and f.severity == "warning"
    (f,) = hits("I am excited about the Data Analyst role at Initech.")
    assert f.severity == "error"


def test_a_part_of_the_company_own_name_is_the_company():
    # Split at a hyphen or "&", each word is the company's own: no other company.
    assert not hits("Thank you for the interview at Covenant-Hill Telecoms yesterday.",
                    company="Covenant-Hill Telecoms Ltd")
    assert not hits("I admire Juniper & Oak's commitment to new writers.",
                    company="Juniper & Oak Publishing")
    # A word the company's name lacks is still another company.
    (f,) = hits("I admire Birch & Oak's commitment to new writers.",
                company="Juniper & Oak Publishing")
    assert f.text == "Birch & Oak"


def test_a_place_that_modifies_a_noun_names_a_site_not_a_company():
    assert not hits("Thank you for the interview for the Site Engineer position at the Nagpur "
                    "metro depot project.", company="Shakti Infra Projects Ltd")
    assert not hits("Thank you for the time you gave me at the Harrogate home last week.",
                    company="Brookhaven Care Group Ltd")
    # "the X team" is still a company's team.
    (f,) = hits("I am excited about the role at the Initech data team.")
    assert f.text == "Initech"


@pytest.mark.parametrize("text", [
    "Having spent three years at Marlowe Investments carrying out audits, I am keen to join.",
    "I believe my experience preparing BOQs for hospitals at Ikenna Partners would help.",
    "I've just wrapped up a project at Cardinal Labs and would love to talk.",
    "I have continued at Rao & Associates, where I handle tax filings.",
    "I've been promoted to Editorial Assistant II at Brookfield House.",
    "I started work after finishing my MArch at the Bartlett.",
])
def test_the_writer_own_work_history_told_by_the_parse_is_not_another_company(text):
    assert not hits(text)


def test_own_history_cues_do_not_excuse_a_copied_company_in_a_sure_position():
    # "bring my skills to X", "I have applied for the role at X": where the company belongs.
    (f,) = hits("I would love to bring my skills to Initech.")
    assert f.text == "Initech" and f.severity == "error"
    (f,) = hits("I have applied for the role at Initech.")
    assert f.text == "Initech" and f.severity == "error"


@pytest.mark.parametrize("sentence, severity", [
    ("Having spent the afternoon with the team at Initech, I am even more excited.", "error"),
    ("I would be thrilled to join the Initech family.", "error"),
    ("I am excited to contribute to the Initech brand.", "error"),
    ("I have long admired the engineering culture at Initech.", "warning"),
    ("I believe my skills would be a great asset at Initech.", "warning"),
])
def test_a_copied_company_is_still_told_beside_the_writer_history_and_site_exemptions(
        sentence, severity):
    # Review of precision4: the history and site cues must not silence a copied note.
    result = lint_note(sentence, context=NoteContext(company="Acme Corp"),
                       config=Config(grammar=False))
    assert [(f.text, f.severity) for f in result.by_rule("company-mismatch")] == [
        ("Initech", severity)]
