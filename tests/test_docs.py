"""The README stays true: it names every rule and its two commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from followup_lint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_rule_table_lists_every_rule_with_its_default():
    rows = dict(re.findall(r"^\| `([a-z\-]+)` \| (error|warning|info) \|", README, re.M))
    for rule in RULES.values():
        assert rows.get(rule.id) == rule.severity, f"README row for {rule.id}"


def test_readme_commands_point_at_scripts_that_exist():
    block = README.split("```sh", 1)[1].split("```", 1)[0]
    scripts = re.findall(r"bash (scripts/\S+)", block)
    assert len(scripts) == 2
    for s in scripts:
        assert (ROOT / s).is_file(), s
    assert "scripts/test.sh" in (ROOT / ".ci/run").read_text()


def test_readme_python_example_runs_and_finds_the_misspelled_name(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = README.split("```python", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "[name-misspelled]" in out and "Smyth" in out
