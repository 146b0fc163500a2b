"""The followup-lint command: check, formats, exit codes, config, fixes, rules, bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from followup_lint.cli import main
from followup_lint.rules import RULES

from .helpers import DATA

SCHEMA = DATA / "sarif-schema-2.1.0.json"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

BAD = "Dear {{ name }},\n\nThank you for your time yesterday.\n"
GOOD = "Dear Dr. Smyth,\n\nThank you for your time yesterday. I enjoyed our talk.\n\nBest,\nPriya\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_text_format_lines_summary_and_exit_1(run, tmp_path):
    write(tmp_path / "note.txt", BAD)
    code, out, err = run("check", "note.txt", "--no-grammar")
    assert code == 1
    first, *_rest, summary = out.strip().splitlines()
    assert first.startswith("note.txt:1:6: error [placeholder-unfilled] The placeholder '{{ name }}'")
    assert summary.startswith("Found 1 error")


def test_clean_note_exits_0(run, tmp_path):
    write(tmp_path / "note.txt", GOOD)
    code, out, _ = run("check", "note.txt", "--no-grammar", "--kind", "thank-you")
    assert code == 0 and out.strip().endswith("in 1 file.")


def test_exit_zero(run, tmp_path):
    write(tmp_path / "note.txt", BAD)
    assert run("check", "note.txt", "--no-grammar", "--exit-zero")[0] == 0


def test_json_format(run, tmp_path):
    write(tmp_path / "note.txt", BAD)
    code, out, _ = run("check", "note.txt", "--no-grammar", "--format", "json")
    doc = json.loads(out)
    assert code == 1
    f = doc["files"][0]["findings"][0]
    assert (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) == \
        ("placeholder-unfilled", 1, 6, 1, 16)
    assert doc["summary"]["error"] == 1


def test_sarif_validates_against_the_schema(run, tmp_path):
    write(tmp_path / "a" / "note.txt", BAD)
    write(tmp_path / "a" / "good.md", GOOD)
    code, out, _ = run("check", "a", "--no-grammar", "--format", "sarif")
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    run0 = doc["runs"][0]
    ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert set(ids) == set(RULES)
    res = run0["results"][0]
    assert res["ruleId"] == "placeholder-unfilled" and ids[res["ruleIndex"]] == res["ruleId"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a/note.txt"
    assert loc["region"]["startLine"] == 1 and loc["region"]["startColumn"] == 6
    assert code == 1


def test_github_format(run, tmp_path):
    write(tmp_path / "note.txt", BAD)
    _, out, _ = run("check", "note.txt", "--no-grammar", "--format", "github")
    assert out.startswith("::error file=note.txt,line=1,col=6,endLine=1,endColumn=16,"
                          "title=followup-lint [placeholder-unfilled]::The placeholder")


def test_eml_findings_are_in_file_coordinates(run, tmp_path):
    raw = (b"From: Priya <p@example.org>\nTo: \"Dr. Katherine Smyth\" <k@example.org>\n"
           b"Subject: Thanks\n\nDear Dr. Smyth,\n\nThank you for the talk about [Role].\n")
    write(tmp_path / "draft.eml", raw)
    _, out, _ = run("check", "draft.eml", "--no-grammar")
    col = raw.splitlines()[6].index(b"[Role]") + 1
    assert out.startswith(f"draft.eml:7:{col}: error [placeholder-unfilled]")


def test_stdin_and_stdin_filename(run):
    code, out, _ = run("check", "-", "--no-grammar", "--stdin-filename", "draft.txt", stdin=BAD.encode())
    assert code == 1 and out.startswith("draft.txt:1:6:")
    code, out, _ = run("check", "-", "--no-grammar", stdin=BAD.encode())
    assert out.startswith("<stdin>:1:6:")


def test_folder_walk_respects_include_and_exclude_from_config(run, tmp_path):
    write(tmp_path / "notes" / "a.txt", BAD)
    write(tmp_path / "notes" / "drafts" / "b.txt", BAD)
    write(tmp_path / "notes" / "image.png", b"\x89PNG\x00\x00")
    write(tmp_path / "notes" / "c.py", "print('not a note')\n")
    write(tmp_path / ".followup-lint.toml", 'exclude = ["drafts/**"]\ngrammar = false\n')
    _, out, _ = run("check", "notes")
    assert "notes/a.txt:1:6" in out and "drafts" not in out and "c.py" not in out
    assert "in 1 file." in out


def test_binary_file_in_a_folder_is_skipped_with_a_note(run, tmp_path):
    write(tmp_path / "n" / "a.txt", GOOD)
    write(tmp_path / "n" / "junk.txt", b"\x00\x01\x02binary")
    code, out, err = run("check", "n", "--no-grammar", "--kind", "thank-you")
    assert code == 0 and "junk.txt: skipped: binary file" in err


def test_config_in_pyproject_and_cli_override(run, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.followup-lint]\n'
          'grammar = false\nignore = ["placeholder-unfilled"]\n')
    write(tmp_path / "sub" / "note.txt", BAD)
    assert run("check", "sub/note.txt")[0] == 0
    code, out, _ = run("check", "sub/note.txt", "--select", "placeholder-unfilled", "--isolated",
                       "--no-grammar")
    assert code == 1


def test_config_severity_change(run, tmp_path):
    write(tmp_path / ".followup-lint.toml", 'grammar = false\n[severity]\nplaceholder-unfilled = "warning"\n')
    write(tmp_path / "note.txt", BAD)
    code, out, _ = run("check", "note.txt")
    assert code == 0 and "warning [placeholder-unfilled]" in out


@pytest.mark.parametrize("config, message", [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('select = ["no-such-rule"]\n', "unknown rule id or category 'no-such-rule'"),
    ('grammar = "no"\n', "grammar must be true or false, not str"),
    ('select = [\n', ".followup-lint.toml"),
])
def test_bad_config_is_one_line_exit_2(run, tmp_path, config, message):
    write(tmp_path / ".followup-lint.toml", config)
    write(tmp_path / "note.txt", GOOD)
    code, out, err = run("check", "note.txt")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and ".followup-lint.toml" in err


@pytest.mark.parametrize("args, message", [
    (("missing.txt",), "missing.txt: no such file or folder"),
    (("--select", "bogus", "note.txt"), "unknown rule id or category 'bogus'"),
    (("--interviewed-at", "yesterday", "note.txt"), "--interviewed-at: 'yesterday' is not an ISO 8601"),
    (("--roster", "nobody.toml", "note.txt"), "nobody.toml: cannot read roster"),
    (("--frobnicate",), "unrecognized arguments: --frobnicate"),
    (("empty",), "empty: no notes found in this folder"),
    (("latin1.txt",), "latin1.txt:2: not UTF-8 text"),
    (("binary.txt",), "binary.txt: binary file"),
    (("broken.eml",), "broken.eml: unknown charset"),
    (("--template-data", "data.toml", "t.j2"), "t.j2:1: template syntax error"),
])
def test_bad_input_is_one_line_on_stderr_exit_2(run, tmp_path, args, message):
    write(tmp_path / "note.txt", GOOD)
    (tmp_path / "empty").mkdir()
    write(tmp_path / "latin1.txt", "Hello\nCaf\xe9\n".encode("latin-1"))
    write(tmp_path / "binary.txt", b"\x00\xff\x00\xfe" * 50)
    write(tmp_path / "broken.eml", b"From: a@b\nContent-Type: text/plain; charset=x-nope\n\nHi\n")
    write(tmp_path / "data.toml", 'name = "Jon"\n')
    write(tmp_path / "t.j2", "Dear {{ name \n")
    code, out, err = run("check", "--no-grammar", *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert message in err
    assert "Traceback" not in err


def test_roster_file_with_errors_names_the_file_and_line(run, tmp_path):
    write(tmp_path / "panel.json", '{"panel": ["Jon Baker",]}')
    write(tmp_path / "note.txt", GOOD)
    code, _, err = run("check", "--no-grammar", "--roster", "panel.json", "note.txt")
    assert code == 2 and err.startswith("followup-lint: panel.json:1: invalid JSON")


def test_one_unreadable_file_does_not_hide_the_others(run, tmp_path):
    write(tmp_path / "note.txt", BAD)
    code, out, err = run("check", "--no-grammar", "note.txt", "missing.txt")
    assert code == 2 and "note.txt:1:6" in out and "missing.txt" in err


def test_rules_and_rule(run):
    code, out, _ = run("rules")
    assert code == 0
    for rule_id in RULES:
        assert rule_id in out
    code, out, _ = run("rule", "placeholder-unfilled")
    rule = RULES["placeholder-unfilled"]
    assert code == 0 and "Why:" in out and rule.bad[0].text.splitlines()[0] in out
    assert rule.good[0].text in out
    code, _, err = run("rule", "placeholder-unfiled")
    assert code == 2 and "did you mean 'placeholder-unfilled'" in err
    code, out, _ = run("rule", "missing-thanks", "--format", "json")
    assert json.loads(out)["id"] == "missing-thanks"


def test_no_command_is_a_usage_error(run):
    code, _, err = run()
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_require_grammar_fails_when_grammar_is_skipped(run, tmp_path):
    write(tmp_path / "note.txt", GOOD)
    code, _, err = run("check", "note.txt", "--require-grammar", "--languagetool-url",
                       "http://127.0.0.1:9")
    assert code == 2 and "grammar" in err


def test_template_files_mask_placeholders(run, tmp_path):
    write(tmp_path / "t" / "thanks.j2", "Dear {{ interviewer }},\n\nThank you for your time "
          "discussing the {{ role }} role at [Company].\n")
    code, out, _ = run("check", "t", "--no-grammar")
    assert code == 0 and "placeholder-unfilled" not in out
    write(tmp_path / "plain.txt", BAD)
    code, out, _ = run("check", "plain.txt", "--no-grammar", "--template")
    assert code == 0


def test_template_rendered_with_sample_data_reports_template_lines(run, tmp_path):
    line3 = "{% if met %}Thank you for the talk about the [Role] position.{% endif %}"
    write(tmp_path / "thanks.j2", "Dear {{ name }},\n\n" + line3 + "\n")
    write(tmp_path / "sample.toml", 'name = "Dr. Smyth"\nmet = true\n')
    code, out, _ = run("check", "thanks.j2", "--no-grammar", "--template-data", "sample.toml")
    assert code == 1
    col = line3.index("[Role]") + 1
    assert out.startswith(f"thanks.j2:3:{col}: error [placeholder-unfilled] The placeholder '[Role]'")


def _fixable_rule() -> str | None:
    return next((r.id for r in RULES.values() if r.fix == "safe"), None)


@pytest.mark.skipif("name-misspelled" not in RULES, reason="the name rules are not built yet")
def test_fix_applies_roster_spelling_in_place_and_on_stdin(run, tmp_path):
    write(tmp_path / "roster.txt", "Dr. Katherine Smyth\n")
    note = write(tmp_path / "note.txt", "Dear Dr. Smith,\n\nThank you for your time yesterday.\n")
    code, out, _ = run("check", "--no-grammar", "--roster", "roster.txt", "--fix", "note.txt")
    assert note.read_text() == "Dear Dr. Smyth,\n\nThank you for your time yesterday.\n"
    assert "Fixed 1" in out
    code, out, err = run("check", "--no-grammar", "--roster", "roster.txt", "--fix", "-",
                         stdin=b"Dear Dr. Smith,\n\nThank you for your time yesterday.\n")
    assert out == "Dear Dr. Smyth,\n\nThank you for your time yesterday.\n"


def test_python_dash_m_entry_point():
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "followup_lint", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("followup-lint ")


def test_fix_on_stdin_with_nothing_to_fix_prints_the_text_unchanged(run):
    code, out, _ = run("check", "--no-grammar", "--fix", "-", stdin=BAD.encode())
    assert out == BAD and code == 1


@pytest.mark.skipif("name-misspelled" not in RULES, reason="the name rules are not built yet")
def test_fix_in_an_eml_file_changes_only_the_name(run, tmp_path):
    raw = (b"From: Priya <p@example.org>\r\nTo: \"Dr. Katherine Smyth\" <k@example.org>\r\n"
           b"Subject: Thanks\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"Dear Dr. Smith,\r\n\r\nThank you for your time yesterday.\r\n")
    eml = write(tmp_path / "draft.eml", raw)
    code, out, _ = run("check", "--no-grammar", "--fix", "draft.eml")
    assert eml.read_bytes() == raw.replace(b"Dr. Smith", b"Dr. Smyth")
    assert code == 0 and "Fixed 1" in out


def test_nearest_config_wins_and_own_file_beats_pyproject(tmp_path):
    from followup_lint.config import find_config_file, load_config

    write(tmp_path / "pyproject.toml", '[tool.followup-lint]\nignore = ["too-long"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "no table here"\n')
    write(tmp_path / "a" / "b" / "note.txt", GOOD)
    assert find_config_file(tmp_path / "a" / "b") == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / ".followup-lint.toml", 'ignore = ["long-sentence"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.followup-lint]\nignore = ["missing-thanks"]\n')
    found = find_config_file(tmp_path / "a" / "b" / "note.txt")
    assert found == tmp_path / "a" / ".followup-lint.toml"
    cfg = load_config(found, overrides={"grammar": False})
    assert cfg.ignore == ["long-sentence"] and cfg.grammar is False


def test_raw_utf8_recipient_name_is_checked_without_a_traceback(run, tmp_path):
    raw = ("From: Priya <p@example.org>\nTo: José Álvarez <j@example.org>\nSubject: Thanks\n\n"
           "Dear José,\n\nThank you for your time yesterday. I enjoyed our talk.\n\nBest,\nPriya\n").encode()
    write(tmp_path / "draft.eml", raw)
    code, out, err = run("check", "--no-grammar", "draft.eml")
    assert code in (0, 1) and "Traceback" not in err and "internal error" not in err
    assert "name-misspelled" not in out


@pytest.mark.parametrize("content", ["", "  \n\n\t\n"])
def test_empty_note_is_one_line_naming_the_file_exit_2(run, tmp_path, content):
    write(tmp_path / "blank.txt", content)
    code, out, err = run("check", "--no-grammar", "blank.txt")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == ["blank.txt: the note is empty"]


def test_empty_file_in_a_folder_is_reported_and_the_others_still_checked(run, tmp_path):
    write(tmp_path / "notes" / "a.txt", BAD)
    write(tmp_path / "notes" / "b.txt", "")
    write(tmp_path / "notes" / "c.md", BAD)
    code, out, err = run("check", "--no-grammar", "notes")
    assert code == 2
    assert "notes/a.txt:1:6" in out and "notes/c.md:1:6" in out
    assert err.strip().splitlines() == ["notes/b.txt: the note is empty"]


def test_empty_email_body_is_reported_not_linted(run, tmp_path):
    write(tmp_path / "draft.eml", b"From: p@example.org\nTo: k@example.org\nSubject: Hi\n\n\n")
    code, out, err = run("check", "--no-grammar", "draft.eml")
    assert code == 2 and err.strip().splitlines() == ["draft.eml: the note is empty"]


def test_config_is_found_near_the_checked_files_not_the_current_folder(run, tmp_path):
    write(tmp_path / "project" / ".followup-lint.toml", 'ignore = ["placeholder-unfilled"]\n')
    write(tmp_path / "project" / "drafts" / "note.txt", BAD)
    write(tmp_path / "other" / "note.txt", BAD)
    code, out, err = run("check", "--no-grammar", "project/drafts/note.txt")
    assert code == 0, out + err
    # Files in two places: the config of their common parent (none here) applies.
    code, out, _ = run("check", "--no-grammar", "project/drafts/note.txt", "other/note.txt")
    assert code == 1 and "placeholder-unfilled" in out


def test_config_help_says_where_the_search_starts(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "folder of the PATHs" in " ".join(capsys.readouterr().out.split())


def test_fake_internal_error_is_one_line_and_exit_2(run, tmp_path, monkeypatch):
    import followup_lint.cli.check as check_module

    def fake_run_check(args):
        raise RuntimeError("boom")
    monkeypatch.setattr(check_module, "run_check", fake_run_check)
    code, out, err = run("check", "note.txt")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == ["followup-lint: internal error: RuntimeError: boom; please report it"]


def test_fix_on_an_eml_parses_the_message_once(run, tmp_path, monkeypatch):
    import followup_lint.reading.mail as mail

    calls = []
    real = mail.parse_message

    def counting_parse(raw):
        calls.append(1)
        return real(raw)
    monkeypatch.setattr(mail, "parse_message", counting_parse)
    raw = (b"From: Priya <p@example.org>\r\nTo: \"Dr. Katherine Smyth\" <k@example.org>\r\n"
           b"Subject: Thanks\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"Dear Dr. Smith,\r\n\r\nThank you for your time yesterday.\r\n")
    eml = write(tmp_path / "draft.eml", raw)
    code, _, err = run("check", "--no-grammar", "--fix", "draft.eml")
    assert eml.read_bytes() == raw.replace(b"Dr. Smith", b"Dr. Smyth"), err
    assert len(calls) == 1


def test_fix_in_an_eml_without_declared_charset_fixes_a_utf8_body(run, tmp_path):
    raw = ("From: Priya <p@example.org>\nTo: \"Dr. Katherine Smyth\" <k@example.org>\n"
           "Subject: Thanks\n\nDear Dr. Smith, ¡hola!\n\nThank you for your time yesterday.\n").encode()
    eml = write(tmp_path / "draft.eml", raw)
    run("check", "--no-grammar", "--fix", "draft.eml")
    assert eml.read_bytes() == raw.replace(b"Dr. Smith", b"Dr. Smyth")
