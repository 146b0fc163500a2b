"""The config's ``templates`` globs: a file they name is linted as a template whatever its
suffix (placeholders masked, placeholder-unfilled off), by ``check`` here and by the language
server in tests/test_lsp.py."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = ("Dear {first_name},\n\nThank you for meeting me about the {role} role last week. "
            "I enjoyed our conversation and look forward to hearing from you.\n\n"
            "Best regards,\nAlex\n")


def _workspace(tmp_path: Path, config: str) -> None:
    (tmp_path / ".followup-lint.toml").write_text(config, encoding="utf-8")
    for folder in ("outreach", "sent"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "thanks.txt").write_text(TEMPLATE, encoding="utf-8")


def test_check_lints_a_file_the_templates_globs_name_as_a_template(run, tmp_path):
    _workspace(tmp_path, 'templates = ["outreach/**"]\ngrammar = false\n')
    code, out, err = run("check", "outreach/thanks.txt", "sent/thanks.txt")
    flagged = [line for line in out.splitlines() if "placeholder-unfilled" in line]
    assert flagged and all(line.startswith("sent/") for line in flagged), out
    assert code == 1  # the unfilled placeholders of the finished note are errors


def test_without_a_matching_glob_both_files_are_finished_notes(run, tmp_path):
    _workspace(tmp_path, 'templates = ["drafts/*.txt"]\ngrammar = false\n')
    code, out, err = run("check", "outreach/thanks.txt", "sent/thanks.txt")
    flagged = {line.split(":")[0] for line in out.splitlines() if "placeholder-unfilled" in line}
    assert flagged == {"outreach/thanks.txt", "sent/thanks.txt"}, out


def test_templates_must_be_a_list_of_globs(run, tmp_path):
    _workspace(tmp_path, 'templates = "outreach/**"\n')
    code, out, err = run("check", "--no-grammar", "sent/thanks.txt")
    assert code == 2
    assert "templates must be a list of strings" in err
