"""The name rules: roster parsing, misspelled, unknown and nicknamed names, titles.

Every test lints through the real spaCy pipeline.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_lint import Config, NoteContext, Person, Roster, lint_note
from followup_lint.api import check_context
from followup_lint.errors import RosterError
from followup_lint.nlp import parse
from followup_lint.rules.base import LintContext
from followup_lint.rules.names import CHECK

NAME_RULES = ("name-misspelled", "name-unknown", "name-nickname", "title-mismatch")


def names(text, roster=None, **context):
    """The name findings of a note as (rule, text, first suggestion)."""
    result = lint_note(text, roster=roster, context=NoteContext(**context) if context else None,
                       config=Config(grammar=False, select=["names"]))
    for f in result:
        assert result.text[f.start:f.end] == f.text
    return [(f.rule, f.text, f.suggestions[0] if f.suggestions else None) for f in result]


def note(greeting: str, body: str = "Thank you for your time yesterday.",
         signoff: str = "Best regards,\nSam Patel") -> str:
    return f"{greeting}\n\n{body}\n\n{signoff}"


# --- roster parsing -------------------------------------------------------------------------

@pytest.mark.parametrize("raw,title,given,middle,family", [
    ("Dr. Katherine Smyth", "Dr.", "Katherine", (), "Smyth"),
    ("Prof. Jan van der Berg", "Prof.", "Jan", (), "van der Berg"),
    ("María José de la Fuente", None, "María", ("José",), "de la Fuente"),
    ("Mary-Jane O'Neill", None, "Mary-Jane", (), "O'Neill"),
    ("Siobhán O'Neill-O'Brien", None, "Siobhán", (), "O'Neill-O'Brien"),
    ("Mr Ronald McDonald", "Mr.", "Ronald", (), "McDonald"),
    ("Smyth, Katherine", None, "Katherine", (), "Smyth"),
    ("King, Martin Luther, Jr.", None, "Martin", ("Luther",), "King"),
    ("Ana Lee, PhD", None, "Ana", (), "Lee"),
    ("Ms. Thị Hoa Nguyễn", "Ms.", "Thị", ("Hoa",), "Nguyễn"),
    ("Pádraig Ó Súilleabháin", None, "Pádraig", (), "Ó Súilleabháin"),
    # A titled full name, then the job after the comma (not "Last, First").
    ("Barr. Aminat Bello, Managing Partner", "Barr.", "Aminat", (), "Bello"),
    # A title before "Last, First", with a surname in several words.
    ("Dr. de la Cruz, Maria", "Dr.", "Maria", (), "de la Cruz"),
    ("Prof. van der Berg, Anna", "Prof.", "Anna", (), "van der Berg"),
    ("Dr. Smyth, Katherine", "Dr.", "Katherine", (), "Smyth"),
])
def test_roster_entries_parse_into_title_given_middle_family(raw, title, given, middle, family):
    p = Person.parse(raw)
    assert (p.title, p.given, p.middle, p.family) == (title, given, middle, family)


def test_roster_keeps_a_preferred_name_given_in_quotes():
    p = Person.parse('Dr. Katherine "Kate" Smyth')
    assert (p.given, p.preferred, p.family, p.title) == ("Katherine", "Kate", "Smyth", "Dr.")


def test_roster_entry_without_a_name_is_a_clear_error():
    with pytest.raises(RosterError, match="no name"):
        Person.parse("Dr.")


# --- name-misspelled ------------------------------------------------------------------------

def test_wrong_family_name_is_an_error_with_the_roster_spelling_as_a_safe_fix():
    result = lint_note(note("Dear Katherine Smith,"), roster=["Dr. Katherine Smyth"],
                       config=Config(grammar=False))
    [f] = result.by_rule("name-misspelled")
    assert (f.text, f.suggestions, f.severity, f.fix_safe) == ("Smith", ["Smyth"], "error", True)
    assert f.message == "'Smith' does not match the roster spelling 'Smyth'."
    assert (f.line, f.column) == (1, 16)
    assert not result.ok


@pytest.mark.parametrize("written,roster,suggestion", [
    ("Jon", "John Baker", "John"),               # a respelling, not a nickname
    ("John", "Jon Baker", "Jon"),
    ("Mcdonald", "Ronald McDonald", "McDonald"),  # wrong capitals
    ("Jose", "José García", "José"),             # lost accent
    ("Wisniewska", "Agnieszka Wiśniewska", "Wiśniewska"),
    ("O'Neil", "Siobhán O'Neill", "O'Neill"),
    ("ONeill", "Siobhán O'Neill", "O'Neill"),
    ("Okonwko", "Chukwuemeka Okonkwo", "Okonkwo"),  # transposition
    ("Raghunthan", "Priyanka Raghunathan", "Raghunathan"),  # dropped letter
    ("Vanderberg", "Jan van der Berg", "van der Berg"),
])
def test_misspelled_roster_names_get_the_roster_spelling(written, roster, suggestion):
    found = names(note(f"Dear {written},"), [roster])
    assert ("name-misspelled", written, suggestion) in found


def test_lower_case_name_in_the_greeting_is_a_capitals_error():
    assert names(note("hi katherine,"), ["Katherine Smyth"]) == [
        ("name-misspelled", "katherine", "Katherine")]


def test_misspelling_in_the_body_is_found_without_a_title_or_greeting():
    text = note("Hi team,", "I enjoyed talking with Siobhan O'Neil about the data platform.")
    found = names(text, ["Siobhán O'Neill", "Jan van der Berg"])
    assert ("name-misspelled", "Siobhan", "Siobhán") in found
    assert ("name-misspelled", "O'Neil", "O'Neill") in found


def test_each_person_of_a_two_person_greeting_is_checked():
    found = names(note("Dear Dr. Smith and Mr. Bakr,"), ["Dr. Katherine Smyth", "Mr. Jon Baker"])
    assert found == [("name-misspelled", "Smith", "Smyth"), ("name-misspelled", "Bakr", "Baker")]


@pytest.mark.parametrize("greeting,roster", [
    ("Dear Dr. Smyth,", ["Dr. Katherine Smyth"]),
    ("Dear Dr. Van der Berg,", ["Dr. Jan van der Berg"]),
    ("Dear Ms. O’Neill,", ["Ms. Siobhán O'Neill"]),  # curly and straight apostrophes
    ("Dear Mr. García-López,", ["Mr. José García-López"]),
    ("Dear José and Ms. Nguyễn,", ["José García-López", "Ms. Thị Hoa Nguyễn"]),
    ("DEAR KATHERINE,", ["Katherine Smyth"]),
])
def test_correct_names_are_not_flagged(greeting, roster):
    assert names(note(greeting), roster) == []


def test_decomposed_accents_in_the_note_match_the_roster():
    text = unicodedata.normalize("NFD", note("Dear José,"))
    assert names(text, ["José García"]) == []


def test_closest_of_two_similar_roster_names_is_suggested():
    found = names(note("Dear Jonn,"), ["Jon Baker", "Joan Smith"])
    assert found == [("name-misspelled", "Jonn", "Jon")]


# --- name-nickname --------------------------------------------------------------------------

def test_known_nickname_is_info_never_an_error():
    result = lint_note(note("Hi Kate,"), roster=["Katherine Smyth"], config=Config(grammar=False))
    [f] = [f for f in result if f.category == "names"]
    assert (f.rule, f.severity, f.suggestions) == ("name-nickname", "info", ["Katherine"])
    assert result.ok


def test_nickname_the_roster_gives_is_not_reported():
    assert names(note("Hi Kate,"), ['Katherine "Kate" Smyth']) == []


def test_full_name_of_a_roster_nickname_is_noted():
    assert names(note("Dear Robert,"), ["Bob Jones"]) == [("name-nickname", "Robert", "Bob")]


# --- name-unknown ---------------------------------------------------------------------------

def test_person_from_another_note_is_unknown():
    found = names(note("Dear Mr. Thompson,"), ["Dr. Katherine Smyth", "Jon Baker"])
    assert found == [("name-unknown", "Thompson", None)]


def test_same_first_name_with_another_surname_is_unknown_and_names_the_nearest():
    found = names(note("Dear Katherine Jones,"), ["Katherine Smyth"])
    assert found == [("name-unknown", "Katherine Jones", "Katherine Smyth")]


def test_full_name_in_the_body_that_nobody_has_is_unknown():
    text = note("Dear Katherine,", "It was great to meet Rachel Green and the rest of the team.")
    assert names(text, ["Katherine Smyth"]) == [("name-unknown", "Rachel Green", None)]


def test_without_a_roster_no_name_is_unknown():
    assert names(note("Dear Mr. Thompson,")) == []


@pytest.mark.parametrize("text,context", [
    (note("Dear Dr. Smyth,", signoff="Best regards,\nPriya Raman"), {}),
    (note("Dear Dr. Smyth,", signoff="Thanks and regards,\nZofia Lewandowska"), {}),
    (note("Dear Dr. Smyth,", signoff="Cheers, Sam"), {}),
    (note("Dear Dr. Smyth,", "My name is Priya Raman and I interviewed for the analyst role.",
          signoff="Priya"), {}),
    (note("Dear Dr. Smyth,", "Tunde Bakare here, following up on the analyst role."),
     {"writer": "Tunde Bakare"}),
    (note("Dear Hiring Manager,"), {}),
    (note("Hi team,"), {}),
    (note("Dear Dr. Smyth,", "I enjoyed my visit to Vistula Software and Northwind."),
     {"company": "Northwind"}),
])
def test_writer_groups_and_organisations_are_not_unknown_people(text, context):
    assert names(text, ["Dr. Katherine Smyth"], **context) == []


@pytest.mark.parametrize("body,roster", [
    ("Mark the date: I will send the report in May.", ["Marc Dubois", "Mae Chen"]),
    ("Will you let me know? I hope to hear from you soon.", ["Wil Grant", "Hope Nakamura"]),
    ("By the grace of good planning the demo worked. Bill the hours to my account.",
     ["Grace Hopper", "Marcus Bell"]),
    ("Frank feedback is welcome, and I can start in June.", ["Franck Ocean", "June Carter"]),
])
def test_ordinary_words_that_can_be_names_are_left_alone(body, roster):
    assert names(note("Hello,", body), roster) == []


def test_name_from_the_to_header_is_the_roster_of_an_email():
    raw = (b"From: Sam Patel <sam@example.com>\r\nTo: Katherine Smyth <k@example.com>\r\n"
           b"Subject: Thank you\r\n\r\nDear Katherine Smith,\r\n\r\nThank you for your time."
           b"\r\n\r\nBest,\r\nSam Patel\r\n")
    result = lint_note(raw, config=Config(grammar=False))
    [f] = result.by_rule("name-misspelled")
    assert (f.text, f.suggestions) == ("Smith", ["Smyth"])
    assert result.text[f.start:f.end] == "Smith"


# --- title-mismatch -------------------------------------------------------------------------

def test_mr_for_a_doctor_suggests_the_roster_title():
    result = lint_note(note("Dear Mr. Baker,"), roster=["Dr. Jon Baker"],
                       config=Config(grammar=False))
    [f] = result.by_rule("title-mismatch")
    assert (f.text, f.suggestions, f.severity) == ("Mr. Baker", ["Dr. Baker"], "warning")
    assert f.message == "The roster lists Jon Baker as 'Dr.', not 'Mr.'."


def test_title_mismatch_and_misspelling_are_both_reported():
    found = names(note("Dear Ms. Bakr,"), ["Mr. Jon Baker"])
    assert ("title-mismatch", "Ms. Bakr", "Mr. Baker") in found
    assert ("name-misspelled", "Bakr", "Baker") in found


@pytest.mark.parametrize("greeting,roster", [
    ("Dear Dr. Smyth,", ["Prof. Katherine Smyth"]),   # a professor called Dr.
    ("Dear Ms. Lee,", ["Mrs. Ana Lee"]),
    ("Dear Mr. Baker,", ["Jon Baker"]),                # the roster gives no title
])
def test_acceptable_titles_are_not_mismatches(greeting, roster):
    assert names(note(greeting), roster) == []


# --- facts for the spelling check -----------------------------------------------------------

def test_name_spans_are_left_for_the_spelling_check():
    text = note("Dear Dr. Smith and Mr. Baker,", "It was great to meet Kate and Rachel Green.")
    ctx = check_context(text, ["Dr. Katherine Smyth", "Mr. Jon Baker"], None,
                        Config(grammar=False))
    CHECK.run(ctx)
    spans = {text[s:e] for s, e in ctx.name_spans}
    assert {"Smith", "Baker", "Kate", "Rachel Green", "Sam Patel"} <= spans
    assert [f.text for f in ctx.findings if f.rule == "name-misspelled"] == ["Smith"]


def test_rules_can_be_switched_off_one_by_one():
    result = lint_note(note("Dear Mr. Smith,"), roster=["Dr. Katherine Smyth"],
                       config=Config(grammar=False, ignore=["title-mismatch"]))
    assert [f.rule for f in result if f.category == "names"] == ["name-misspelled"]


# --- properties -----------------------------------------------------------------------------

PANEL = ["Dr. Siobhán O'Neill", "Ms. Nguyễn Thị Minh Khai", "Mr. Chukwuemeka Okonkwo",
         "Ms. Agnieszka Wiśniewska", "Dr. Venkatesh Subramanian", "Mr. José García-López",
         "Ms. María de la Cruz", "Prof. Jan van der Berg", "Mr. Ronald McDonald",
         "Dr. Katherine Smyth", "Ms. Oluwaseun Adebayo", "Mr. Łukasz Kowalczyk"]


@pytest.mark.slow  # hypothesis
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PANEL), min_size=1, max_size=3, unique=True), st.data())
def test_property_correct_names_are_never_flagged(panel, data):
    people = [Person.parse(p) for p in panel]
    first = data.draw(st.sampled_from(people))
    greeting = f"Dear {first.title} {first.family},"
    mentioned = " and ".join(p.name for p in people)
    found = names(note(greeting, f"It was a pleasure to meet {mentioned} yesterday."), panel)
    assert found == []


@pytest.mark.slow  # hypothesis
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PANEL), st.integers(min_value=1, max_value=50))
def test_property_a_dropped_letter_is_caught_with_the_roster_spelling(name, seed):
    p = Person.parse(name)
    family = p.family.split()[-1]
    i = 1 + seed % (len(family) - 2)
    wrong = family[:i] + family[i + 1:]
    if wrong.casefold() == family.casefold() or wrong == family:
        return
    found = names(note(f"Dear {p.title} {wrong},"), [name, "Mr. Jon Baker"])
    assert ("name-misspelled", wrong, family) in found


def test_roster_object_and_name_list_give_the_same_findings():
    roster = Roster.of(["Dr. Katherine Smyth"])
    assert names(note("Dear Dr. Smith,"), roster) == names(note("Dear Dr. Smith,"),
                                                           ["Dr. Katherine Smyth"])


# --- one-word people of any origin (the parse, not a first-name list, says who is a person) ---

_PANEL = ("Dr. Katherine Smyth", "Jon Baker")


@pytest.mark.parametrize("body,unknown", [
    ("I enjoyed meeting Priya and Tom on Tuesday.", ["Priya", "Tom"]),
    ("I enjoyed the whiteboard session with Priya.", ["Priya"]),
    ("Thanks also for the chat with Chidi after lunch.", ["Chidi"]),
    ("Jon and Ngozi made the afternoon panel a pleasure.", ["Ngozi"]),
    ("I also spoke with Thanh about the data platform.", ["Thanh"]),
    ("It was great to talk to Wojciech about testing.", ["Wojciech"]),
    ("Please thank Itziar for the tour of the lab.", ["Itziar"]),
    ("I enjoyed hearing about Rachel's team and its plans.", ["Rachel"]),
])
def test_one_word_unknown_names_of_any_origin(body, unknown):
    found = names(note("Dear Dr. Smyth,", body), _PANEL)
    assert sorted(t for r, t, _ in found if r == "name-unknown") == sorted(unknown)


@pytest.mark.parametrize("body,company", [
    ("I am excited at the chance to join Northwind.", "Northwind"),
    ("Thank you, Kafka team, for the warm welcome.", None),
    ("I enjoy working in Lagos and would relocate.", None),
    ("I have worked with Spark and Kafka for five years.", None),
    ("I used Java, Scala, Kafka, Spark and Airflow at Acme.", "Acme"),
    ("I spoke with Jon about Salesforce and Snowflake.", None),
])
def test_places_products_and_the_company_are_not_unknown_people(body, company):
    ctx = {"company": company} if company else {}
    assert names(note("Dear Dr. Smyth,", body), _PANEL, **ctx) == []


# --- hyphens, particles and lower case written differently from the roster -----------------

@pytest.mark.parametrize("greeting,roster,written,suggestion", [
    ("Dear Anne Marie,", "Anne-Marie McDonald", "Anne Marie", "Anne-Marie"),
    ("Dear Ms. Okonjo Iweala,", "Ms. Ngozi Okonjo-Iweala", "Okonjo Iweala", "Okonjo-Iweala"),
    ("Dear Ms. Garcia Lopez,", "Ms. María García-López", "Garcia Lopez", "García-López"),
    ("Dear Ms. Okonjo Iwela,", "Ms. Ngozi Okonjo-Iweala", "Okonjo Iwela", "Okonjo-Iweala"),
    ("Dear Annemarie,", "Anne-Marie McDonald", "Annemarie", "Anne-Marie"),
    ("Dear Anne-Marie,", "Anne Marie McDonald", "Anne-Marie", "Anne Marie"),  # hyphen added
])
def test_a_dropped_or_added_hyphen_is_one_misspelling_with_the_roster_spelling(
        greeting, roster, written, suggestion):
    assert names(note(greeting), [roster]) == [("name-misspelled", written, suggestion)]


def test_a_dropped_hyphen_in_the_body_is_one_finding_over_both_words():
    text = note("Hello,", "I enjoyed talking with Anne Marie McDonald about pricing.")
    result = lint_note(text, roster=["Anne-Marie McDonald"],
                       config=Config(grammar=False, select=["names"]))
    [f] = result.findings
    assert (f.rule, f.text, f.suggestions) == ("name-misspelled", "Anne Marie", ["Anne-Marie"])
    assert f.message == "'Anne Marie' does not match the roster spelling 'Anne-Marie' (hyphen)."


@pytest.mark.parametrize("greeting,roster", [
    ("Dear Anne-Marie,", ["Anne-Marie McDonald"]),
    ("Dear Ms. García-López,", ["Ms. María García-López"]),
    ("Dear Anne Marie,", ["Anne Marie McDonald"]),
    ("Dear Anne and Marie,", ["Anne Lee", "Marie Curie"]),  # two people, not one name
    ("Dear Anne, Marie,", ["Anne-Marie McDonald", "Marie Curie"]),
])
def test_names_written_as_the_roster_writes_them_stay_clean(greeting, roster):
    assert names(note(greeting), roster) == []


@pytest.mark.parametrize("greeting,roster,found", [
    ("Dear Dr. van den Berg,", "Dr. Jan van der Berg", [("den", "der")]),
    ("Dear Dr. Van Den Berg,", "Dr. Jan van der Berg", [("Den", "Der")]),
    ("Dear Ms. del Cruz,", "Ms. María de la Cruz", [("del", "de la")]),
    ("Dear Ms. de Cruz,", "Ms. María de la Cruz", [("de", "de la")]),
])
def test_another_particle_before_the_family_name_is_a_misspelling(greeting, roster, found):
    assert names(note(greeting), [roster]) == [("name-misspelled", w, s) for w, s in found]


@pytest.mark.parametrize("greeting,body", [
    ("Dear Dr. Van Der Berg,", "Thank you for your time."),  # capitalised particles: accepted
    ("Dear Dr. Van der Berg,", "Thank you for your time."),
    ("Hello,", "I enjoyed meeting Dr. van der Berg and Ms. De La Cruz."),
])
def test_the_roster_particles_in_any_capitals_are_accepted(greeting, body):
    assert names(note(greeting, body), ["Dr. Jan van der Berg", "Ms. María de la Cruz"]) == []


@pytest.mark.parametrize("body,roster,found", [
    ("I enjoyed talking with katherine about the roadmap.", ["Dr. Katherine Smyth"],
     [("katherine", "Katherine")]),
    # "baker" is an English word, so only "jon" is taken for the name
    ("Please pass my thanks to jon baker as well.", ["Dr. Katherine Smyth", "Jon Baker"],
     [("jon", "Jon")]),
    ("I also met siobhan after lunch.", ["Dr. Katherine Smyth", "Siobhán O'Neill"],
     [("siobhan", "Siobhán")]),
])
def test_a_lower_case_roster_name_that_is_no_english_word_is_a_capitals_error(body, roster,
                                                                              found):
    expected = [("name-misspelled", w, s) for w, s in found]
    assert names(note("Dear Dr. Smyth,", body), roster) == expected


@pytest.mark.parametrize("body,roster", [
    ("The baker down the street made the cake for the launch.", ["Jon Baker"]),
    ("I hope the rose garden tour goes well.", ["Rose Park"]),
    ("Write to katherine.smyth@example.com or ping @katherine on chat.", ["Katherine Smyth"]),
    ("The file is katherine_notes.txt on the shared drive.", ["Katherine Smyth"]),
])
def test_lower_case_words_that_are_english_or_addresses_stay_clean(body, roster):
    assert names(note("Hello,", body), roster) == []


def test_the_signature_after_an_unknown_closing_line_and_a_phone_line_is_the_writers():
    text = ("Dear Ms. Lee,\n\nThank you for your time today.\n\nEnjoy the rest of your week,\n"
            "Adaeze Nwachukwu\n0803 555 0192\n")
    r = lint_note(text, roster=["Ms. Ana Lee"], config=Config(grammar=False))
    assert not r.by_rule("name-unknown")
    # A stranger's name in the body is still reported.
    body = text.replace("Thank you for your time today.",
                        "Thank you for your time today. Please greet Mr. Okonjo for me.")
    assert [f.text for f in lint_note(body, roster=["Ms. Ana Lee"],
                                      config=Config(grammar=False)).by_rule("name-unknown")]


@pytest.mark.parametrize("title", ["Engr.", "Pharm.", "Barr."])
def test_nigerian_professional_titles_are_titles_not_misspelled_names(title):
    text = note(f"Dear {title} Okafor,")
    assert names(text, [f"{title} Chidi Okafor"]) == []


def test_an_acronym_and_a_title_inside_an_organisation_are_not_misspelled_names():
    # Untitled capitals in running text are an acronym ("my RAC certification"), and a roster
    # entry "Barr. Aminat Bello, Managing Partner" is a titled name and a job.
    text = ("Dear Barr. Bello,\n\nI attended the Nigerian Bar Association conference last month "
            "and am preparing for my RAC certification.\n\nBest,\nSam")
    r = lint_note(text, roster=["Barr. Aminat Bello, Managing Partner", "Dr. Meenakshi Rao"],
                  config=Config(grammar=False))
    assert r.findings == []
    titled = lint_note("Dear Dr. RAC,\n\nThank you for your time.", roster=["Dr. Meenakshi Rao"],
                       config=Config(grammar=False))
    assert [(f.rule, f.text) for f in titled.findings] == [("name-misspelled", "RAC")]


def test_indian_honorifics_are_titles_and_match_their_english_equivalents():
    roster = ["Smt. Rekha Choudhary, Programme Director", "Shri Prakash Chandra Rao"]
    text = ("Dear Mr. Rao,\n\nKindly convey my thanks to Smt. Rekha Choudhary for her time, "
            "and to Shri Rao for the campus visit.\n\nRegards,\nAnil")
    found = lint_note(text, roster=roster, config=Config(grammar=False)).findings
    assert [f.rule for f in found if f.category == "names"] == []
    slip = lint_note(text.replace("Smt. Rekha Choudhary", "Smt. Rekha Chowdhary"),
                     roster=roster, config=Config(grammar=False)).by_rule("name-misspelled")
    assert [f.text for f in slip] == ["Chowdhary"]


def test_a_writer_who_signs_with_a_title_is_not_an_unknown_person():
    text = ("Dear Professor Rao,\n\nThank you for your kind remarks after the interview.\n\n"
            "With regards,\nDr. Meera Pillai\n+91 94481 55230\n")
    result = lint_note(text, roster=["Prof. Prakash Rao"], config=Config(grammar=False))
    assert result.by_rule("name-unknown") == []
    # Someone else named with a title in the body is still checked against the roster.
    named = text.replace("kind remarks", "kind remarks and Dr. Kavita Menon's")
    assert [f.text for f in lint_note(named, roster=["Prof. Prakash Rao"],
                                      config=Config(grammar=False)).by_rule("name-unknown")] \
        == ["Kavita Menon"]


def test_an_organisation_name_near_a_roster_name_is_not_a_misspelled_person():
    text = ("Dear Lauren,\n\nThank you for the interview. We saw the same drop-off at Lumen "
            "Learning when we redesigned our teacher dashboard.\n\nBest,\nSam")
    assert not lint_note(text, roster=["Lauren Smith"]).by_rule("name-misspelled")
    # With the surname it is the person, misspelled.
    text = "Dear Lauren,\n\nI enjoyed meeting Lumen Smith and the team.\n\nBest,\nSam"
    (f,) = lint_note(text, roster=["Lauren Smith"]).by_rule("name-misspelled")
    assert f.text == "Lumen"


def test_sri_before_a_place_is_not_a_title():
    text = ("Dear Ms. Rao,\n\nThank you for the interview. I spent two years on a water project "
            "in Sri Lanka.\n\nBest,\nSam")
    result = lint_note(text, roster=["Ms. Anita Rao"], config=Config(grammar=False))
    assert not [f for f in result.findings if f.rule.startswith("name-")]


def test_a_misspelled_person_the_parse_calls_an_organisation_is_still_told():
    result = lint_note("Thank you. I enjoyed meeting Lauran Jones and the team.",
                       roster=["Lauren Smith"], config=Config(grammar=False))
    assert [f.text for f in result.findings if f.rule.startswith("name-")]
    result = lint_note("It mirrors what we saw at Lumen Learning last year.",
                       roster=["Lauren Smith"], config=Config(grammar=False))
    assert not [f for f in result.findings if f.rule.startswith("name-")]
