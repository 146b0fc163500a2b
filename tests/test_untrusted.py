"""Untrusted templates and config (a pull request in CI, another user's shared folder):
rendering has a time and size budget, user patterns run in linear time, numbers are bounded,
deep nesting is a clear error, and config files another user owns are not obeyed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from followup_lint import Config, ConfigError, InputError, lint_note
from followup_lint.config import find_config_file, load_config
from followup_lint.reading.placeholders import find_placeholders
from followup_lint.reading.templates import render_template


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- templates --------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    # nested loops with output, and without (only the loop steps can be counted)
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    # a macro that calls itself twice: exponential work
    "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% else %}x{% endif %}{% endmacro %}{{ f(60) }}",
])
def test_endless_rendering_stops_at_the_time_budget(source):
    with pytest.raises(InputError, match=r"^loops\.j2: rendering took longer than 0\.5 s$"):
        render_template(source, {}, "loops.j2", seconds=0.5)


@pytest.mark.parametrize("source", [
    "{{ 'x' * 3000000000 }}",
    "{{ ([1] * 100000) * 100000 }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ '%1000000000s' % 'x' }}",
    "{{ range(100000)|join(range(10000)|join) }}",
    "{{ (range(10000)|join).join(range(100000)|map('string')) }}",
    "{% set s = 'a' * 1000000 %}{{ s|replace('a', 'bbbbbbbbbb') }}",
    "{{ ('x\\n' * 100000)|indent(1000) }}",
])
def test_huge_values_are_refused_before_they_are_built(source):
    with pytest.raises(InputError, match=r"^big\.j2: the template built a value over 2,000,000"):
        render_template(source, {}, "big.j2")


def test_output_over_the_cap_is_refused():
    source = "{% for i in range(30) %}{{ 'x' * 100000 }}{% endfor %}"
    with pytest.raises(InputError, match=r"^out\.j2: rendered output over 2,000,000 characters$"):
        render_template(source, {}, "out.j2")
    assert len(render_template(source, {}, "out.j2", max_chars=5_000_000).text) == 3_000_000


def test_recursive_macro_is_a_one_line_error_naming_the_template(run, tmp_path):
    write(tmp_path / "rec.j2", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}Dear {{ f(0) }}\n")
    write(tmp_path / "data.toml", 'name = "Kate"\n')
    code, out, err = run("check", "--no-grammar", "--template-data", "data.toml", "rec.j2")
    assert code == 2
    assert err.strip() == ("rec.j2: the template nests too deeply "
                           "(a macro that calls itself without end?)")


def test_ordinary_templates_still_render_with_filters_and_methods():
    source = ("Dear {{ name|upper }}, {{ ['a', 'b']|join(', ') }} {{ name|replace('K', 'C') }} "
              "{{ '%s!' % name }} {{ '{}?'.format(name) }} {{ range(3)|map('string')|join }} "
              "{{ name.ljust(6) }}|{{ 2 ** 10 }}")
    note = render_template(source, {"name": "Kate"})
    assert note.text == "Dear KATE, a, b Cate Kate! Kate? 012 Kate  |1024"


# --- user placeholder patterns ----------------------------------------------------------

def test_catastrophic_pattern_runs_in_linear_time():
    # (a|a)*b backtracks exponentially in Python's re; RE2 answers at once. The time is
    # measured by bench, not here: a hang would stop the test at pytest's timeout.
    note = "Dear Kate, " + "a" * 3000
    result = lint_note(note, config=Config(grammar=False, placeholder_patterns=["(a|a)*b"]))
    assert not result.by_rule("placeholder-unfilled")
    assert find_placeholders("x" + "a" * 30 + "b", ["(a|a)*b"]) == [(1, 32, "a")]  # group 1


def test_user_pattern_offsets_are_characters_in_non_ascii_text():
    text = "Chère 😀 @@prénom@@, merci [Company]"
    spans = find_placeholders(text, [r"@@([\pL]+)@@"])
    assert [(text[s:e], name) for s, e, name in spans] == [("@@prénom@@", "prénom"),
                                                           ("[Company]", "Company")]


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?=@@)\w+"])
def test_pattern_re2_cannot_run_is_a_clear_config_error(pattern):
    with pytest.raises(ConfigError, match="not a regular expression RE2 can run.*no backreferences"):
        Config(placeholder_patterns=[pattern])


# --- numbers and nesting ----------------------------------------------------------------

@pytest.mark.parametrize("key,value,words", [
    ("max-parse-chars", 10**9, "max-parse-chars must be a whole number of at most 1,000,000"),
    ("long-sentence-words", 10**6, "long-sentence-words must be a whole number of at most 1,000"),
    ("word-budgets", {"thank-you": 10**8}, "word budget for 'thank-you' must be a whole number from 1"),
    ("languagetool-timeout", 1e9, "languagetool-timeout must be a number of seconds above 0 and at most"),
    ("languagetool-timeout", float("nan"), "languagetool-timeout must be a number of seconds above 0"),
])
def test_out_of_range_numbers_are_clear_config_errors(key, value, words):
    with pytest.raises(ConfigError, match=f"^ci.toml: {words}"):
        Config.from_mapping({key: value}, "ci.toml")


def test_out_of_range_number_in_a_config_file_stops_the_cli(run, tmp_path):
    write(tmp_path / ".followup-lint.toml", "max-parse-chars = 4400000000\n")
    write(tmp_path / "note.txt", "Thank you for your time, Kate.\n")
    code, _out, err = run("check", "--no-grammar", "note.txt")
    assert code == 2 and "max-parse-chars must be a whole number of at most 1,000,000" in err


DEEP = "a = " + "[" * 5000 + "]" * 5000 + "\n"


@pytest.mark.parametrize("option,name", [("--config", "deep.toml"), ("--roster", "deep.toml"),
                                         ("--template-data", "deep.toml")])
def test_deeply_nested_toml_is_a_clear_error_naming_the_file(run, tmp_path, option, name):
    write(tmp_path / name, DEEP)
    write(tmp_path / "note.txt", "Thank you for your time, Kate.\n")
    code, _out, err = run("check", "--no-grammar", "--isolated", option, name, "note.txt")
    assert code == 2
    assert err.strip() == f"followup-lint: {name}: the TOML nests arrays or tables too deeply"


def test_deeply_nested_pyproject_found_above_is_a_clear_error(run, tmp_path):
    write(tmp_path / "pyproject.toml", DEEP)
    write(tmp_path / "note.txt", "Thank you for your time, Kate.\n")
    code, _out, err = run("check", "--no-grammar", "note.txt")
    assert code == 2 and "pyproject.toml: the TOML nests arrays or tables too deeply" in err


# --- config files another user owns -----------------------------------------------------

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="giving a file to another user needs root")
OTHER_UID = 54321
PLACEHOLDER_NOTE = "Dear {{ name }},\n\nThank you for your time yesterday.\n"


def _shared_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A shared folder with another user's config above the user's note."""
    config = write(tmp_path / "shared" / ".followup-lint.toml",
                   'languagetool-url = "http://127.0.0.1:9/"\nlanguagetool-mode = "public"\n'
                   'select = ["tone"]\n')
    os.chown(config, OTHER_UID, OTHER_UID)
    note = write(tmp_path / "shared" / "me" / "note.txt", PLACEHOLDER_NOTE)
    return config, note


@needs_root
def test_config_another_user_owns_is_ignored_with_a_warning(run, tmp_path):
    config, note = _shared_folder(tmp_path)
    code, out, err = run("check", "--no-grammar", str(note))
    # select = ["tone"] was not obeyed: the unfilled placeholder is reported.
    assert code == 1 and "placeholder-unfilled" in out
    [line] = err.splitlines()
    assert line == (f"followup-lint: warning: ignoring {config}: it belongs to uid {OTHER_UID}, "
                    f"not to you or root (set FOLLOWUP_LINT_SAFE_CONFIG={config} to read it)")
    assert find_config_file(note.parent, warn=lambda _m: None) is None


@needs_root
def test_a_symlink_another_user_planted_is_theirs(tmp_path):
    own = write(tmp_path / "mine.toml", 'languagetool-url = "http://127.0.0.1:9/"\n')
    link = tmp_path / "shared" / ".followup-lint.toml"
    link.parent.mkdir()
    link.symlink_to(own)
    os.lchown(link, OTHER_UID, OTHER_UID)
    warnings: list[str] = []
    assert find_config_file(tmp_path / "shared", warn=warnings.append) is None
    assert len(warnings) == 1 and f"uid {OTHER_UID}" in warnings[0]


@needs_root
def test_named_config_of_another_user_never_sets_where_text_goes(run, tmp_path):
    config, note = _shared_folder(tmp_path)
    warnings: list[str] = []
    cfg = load_config(config, warn=warnings.append)
    assert cfg.languagetool_url is None and cfg.languagetool_mode == "local"
    assert cfg.select == ["tone"]  # the rest of a file the user named is read
    assert warnings == [f"ignoring languagetool-url, languagetool-mode in {config}: settings that "
                        f"send your text elsewhere are read only from config files you own "
                        f"(or set FOLLOWUP_LINT_SAFE_CONFIG={config})"]
    # The command line still chooses the server.
    cfg = load_config(config, overrides={"languagetool_url": "http://127.0.0.1:8081/"},
                      warn=warnings.append)
    assert cfg.languagetool_url == "http://127.0.0.1:8081/"


@needs_root
def test_the_user_can_opt_in_to_another_users_config(monkeypatch, tmp_path):
    config, note = _shared_folder(tmp_path)
    monkeypatch.setenv("FOLLOWUP_LINT_SAFE_CONFIG", str(config.parent))
    warnings: list[str] = []
    assert find_config_file(note, warn=warnings.append) == config
    cfg = load_config(config, warn=warnings.append)
    assert cfg.languagetool_url == "http://127.0.0.1:9/" and warnings == []


def test_own_config_is_obeyed_whole(tmp_path):
    config = write(tmp_path / ".followup-lint.toml", 'languagetool-url = "http://127.0.0.1:9/"\n')
    warnings: list[str] = []
    assert find_config_file(tmp_path, warn=warnings.append) == config
    assert load_config(config, warn=warnings.append).languagetool_url == "http://127.0.0.1:9/"
    assert warnings == []


def test_budgeted_loops_keep_loop_variables_else_and_recursion():
    source = ('{% for t in topics %}{{ loop.index }}/{{ loop.length }}{{ loop.cycle("a", "b") }}'
              '{% if not loop.last %}, {% endif %}{% endfor %}\n'
              '{% for n in tree recursive %}{{ n.name }}{% if n.kids %}({{ loop(n.kids) }}){% endif %}'
              '{% endfor %}\n{% for x in [] %}{% else %}empty{% endfor %}')
    data = {"topics": ["x", "y", "z"], "tree": [{"name": "a", "kids": [{"name": "b", "kids": []}]}]}
    assert render_template(source, data).text == "1/3a, 2/3b, 3/3a\na(b)\nempty"
