"""``followup-lint rules`` and ``followup-lint rule ID``, from the rules' own metadata."""

from __future__ import annotations

import argparse
import difflib
import json
import textwrap
from typing import Any

from ..rules import RULES
from .common import EXIT_OK, PROG, Subparsers, UsageError


def register(sub: Subparsers) -> None:
    """Add ``rules`` and ``rule ID`` to the command line."""
    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(func=run_rules)
    rule = sub.add_parser("rule", help="explain one rule: what it flags, why, examples")
    rule.add_argument("rule_id", metavar="ID")
    rule.add_argument("--format", choices=("text", "json"), default="text")
    rule.set_defaults(func=run_rule)


def _rule_dict(rule: Any) -> dict[str, Any]:
    def example(e: Any) -> dict[str, Any]:
        d: dict[str, Any] = {"text": e.text}
        if e.roster:
            d["roster"] = list(e.roster)
        if e.context:
            d["context"] = {k: str(v) for k, v in e.context.items()}
        return d
    return {"id": rule.id, "category": rule.category, "severity": rule.severity,
            "summary": rule.summary, "why": rule.why, "source": rule.source, "fix": rule.fix,
            "needs_grammar": rule.needs_grammar,
            "bad": [example(e) for e in rule.bad], "good": [example(e) for e in rule.good]}


def run_rules(args: argparse.Namespace) -> int:
    """List every rule: id, default severity, category, fix safety, summary."""

    if args.format == "json":
        print(json.dumps([_rule_dict(r) for r in RULES.values()], indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(r) for r in RULES)
    for rule in RULES.values():
        fix = {"safe": "fix", "unsafe": "fix*", "none": ""}[rule.fix]
        print(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.category:<9}  {fix:<4}  {rule.summary}")
    print(f"\n{len(RULES)} rules. 'fix': --fix applies it. Details: {PROG} rule ID")
    return EXIT_OK


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines()) or "    "


def run_rule(args: argparse.Namespace) -> int:
    """Explain one rule: what it flags, why, where the advice comes from, examples."""

    rule = RULES.get(args.rule_id)
    if rule is None:
        close = difflib.get_close_matches(args.rule_id, list(RULES), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; see '{PROG} rules'"
        raise UsageError(f"{PROG}: unknown rule {args.rule_id!r}{hint}")
    if args.format == "json":
        print(json.dumps(_rule_dict(rule), indent=2, ensure_ascii=False))
        return EXIT_OK
    fix = {"safe": "safe fix (applied by --fix)", "unsafe": "unsafe fix (suggested, not applied)",
           "none": "no automatic fix"}[rule.fix]
    out = [f"{rule.id}  ({rule.severity}, {rule.category}; {fix})", "",
           "What it flags:", textwrap.fill(rule.summary, 88, initial_indent="    ", subsequent_indent="    "),
           "", "Why:", textwrap.fill(rule.why, 88, initial_indent="    ", subsequent_indent="    ")]
    if rule.source:
        out += ["", "Source:", textwrap.fill(rule.source, 88, initial_indent="    ",
                                             subsequent_indent="    ")]
    if rule.needs_grammar:
        out += ["", "Needs LanguageTool (skipped with --no-grammar)."]
    for label, examples in (("Bad (flagged)", rule.bad), ("Good (not flagged)", rule.good)):
        if examples:
            e = examples[0]
            out += ["", f"{label}:", _indent(e.text)]
            if e.roster:
                out.append(f"    (roster: {', '.join(e.roster)})")
    print("\n".join(out))
    return EXIT_OK
