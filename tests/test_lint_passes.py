"""lint_in_passes: the language server's one parse per change, in two passes, against the
session's real LanguageTool server and spaCy pipeline."""

from __future__ import annotations

import pytest

from followup_lint import Config, lint_note, nlp
from followup_lint.api import lint_in_passes

pytestmark = [pytest.mark.usefixtures("languagetool_server"), pytest.mark.languagetool]

DRAFT = (b'From: Alex Doe <alex@example.com>\r\nTo: "Dr. Katherine Smyth" <ks@northwind.example>\r\n'
         b"Subject: Thank you\r\n\r\nDear Dr. Smith,\r\n\r\nThank you for the interveiw last week. "
         b"You said I would hear back by Monday, but it is now Wednesday. I has many idea.\r\n\r\n"
         b"Best,\r\nAlex\r\n")


def _seen(result):
    return [(f.rule, f.start, f.end, f.message, f.suggestions, f.source) for f in result.findings]


def test_the_fast_pass_and_the_full_pass_equal_lint_note_from_one_parse(monkeypatch):
    config = Config(languagetool_timeout=240)
    with_grammar = lint_note(DRAFT, config=config)
    without = lint_note(DRAFT, config=Config(grammar=False))
    assert {"spelling", "grammar"} & {f.rule for f in with_grammar.findings}  # LanguageTool answered
    parses = []
    real_parse = nlp.parse

    def counting_parse(text: str):  # the real parse, counted
        parses.append(text)
        return real_parse(text)

    monkeypatch.setattr(nlp, "parse", counting_parse)
    passes = list(lint_in_passes(DRAFT, config=config))
    assert [done for _, done in passes] == [False, True]
    (fast, _), (full, _) = passes
    assert _seen(fast) == _seen(without)  # every finding but LanguageTool's, before its answer
    assert _seen(full) == _seen(with_grammar)
    assert full.skipped == with_grammar.skipped and full.kind == with_grammar.kind
    assert len(parses) == 1


def test_with_grammar_off_there_is_one_pass_equal_to_lint_note():
    config = Config(grammar=False)
    ((result, done),) = list(lint_in_passes(DRAFT, config=config))
    assert done and _seen(result) == _seen(lint_note(DRAFT, config=config))
