"""Every rule's own bad examples are flagged by that rule and its good examples are not."""

from __future__ import annotations

import pytest

from followup_lint.rules import RULES

from .helpers import run_example

CASES = [
    pytest.param(rule, kind, i, ex, id=f"{rule.id}-{kind}-{i}",
                 marks=[pytest.mark.languagetool] if rule.needs_grammar else [])
    for rule in RULES.values()
    for kind, examples in (("bad", rule.bad), ("good", rule.good))
    for i, ex in enumerate(examples)
]


def test_every_rule_has_examples_and_docs():
    for rule in RULES.values():
        assert rule.bad and rule.good, rule.id
        assert rule.summary and rule.why, rule.id


@pytest.mark.parametrize("rule,kind,i,example", CASES)
def test_rule_example(rule, kind, i, example, request):
    if rule.needs_grammar:
        request.getfixturevalue("languagetool_server")
    result = run_example(example, grammar=rule.needs_grammar)
    hits = result.by_rule(rule.id)
    if kind == "bad":
        assert hits, f"{rule.id} missed its bad example: {example.text!r}"
        for f in hits:
            assert result.text[f.start:f.end] == f.text
    else:
        assert not hits, f"{rule.id} flagged its good example: {[f.text for f in hits]}"
