"""The argument parser and the dispatch: one clear line and exit 2 for every user error."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn, Sequence

#: Exit codes (DESIGN.md): no errors, errors found, bad usage or unreadable input.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

PROG = "followup-lint"


class UsageError(Exception):
    """A bad option or argument: printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (no usage dump) and exit 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _add_common(p: argparse.ArgumentParser, *, paths: bool) -> None:
    """Options shared by ``check`` and ``guard``."""
    if paths:
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders to check; '-' reads standard input (default: '.')")
    g = p.add_argument_group("what the note is about")
    g.add_argument("--roster", metavar="FILE",
                   help="the panel: TOML, JSON, CSV or one name a line (TOML/JSON may also hold "
                        "company, role, interviewed_at, ...)")
    g.add_argument("--company", help="the company you interviewed with")
    g.add_argument("--role", help="the role you applied for")
    g.add_argument("--kind", choices=("thank-you", "status-check", "feedback-request", "keep-in-touch"),
                   help="the kind of note (detected from the text when not given)")
    g.add_argument("--interviewed-at", metavar="ISO-8601", help="when the interview took place")
    g.add_argument("--decision-expected-by", metavar="ISO-8601", help="when they said they would decide")
    g.add_argument("--sent-at", metavar="ISO-8601", help="when the note goes out (default: its Date header, or now)")
    g.add_argument("--previous-followup", metavar="ISO-8601", action="append", default=[],
                   help="when an earlier follow-up was sent (repeatable)")
    r = p.add_argument_group("rules and settings")
    r.add_argument("--config", metavar="FILE",
                   help="config file (default: the nearest .followup-lint.toml or pyproject.toml "
                        "with [tool.followup-lint], searched upward from the folder of the PATHs "
                        "checked (their common parent if several), else from the current folder)")
    r.add_argument("--isolated", action="store_true", help="ignore every config file")
    r.add_argument("--select", metavar="IDS", help="comma-separated rule ids or categories to run")
    r.add_argument("--ignore", metavar="IDS", help="comma-separated rule ids or categories to skip")
    r.add_argument("--template", action="store_true", default=None,
                   help="template mode: placeholders are masked, placeholder-unfilled is off")
    r.add_argument("--template-data", metavar="TOML",
                   help="render Jinja2 templates with this sample data and lint the result")
    r.add_argument("--no-grammar", action="store_true", help="skip the LanguageTool grammar and spelling check")
    r.add_argument("--languagetool-url", metavar="URL", help="use this LanguageTool server")
    r.add_argument("--require-grammar", action="store_true",
                   help="fail (exit 2) when the grammar check cannot run")


def build_parser() -> Parser:
    """The full command-line parser."""
    from .. import __version__

    parser = Parser(prog=PROG, description="Check job-interview follow-up emails before they are sent.")
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    check = sub.add_parser("check", help="check notes, emails and templates",
                           description="Check notes (.txt, .md, .eml, templates), folders or stdin.")
    _add_common(check, paths=True)
    out = check.add_argument_group("output")
    out.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    out.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    out.add_argument("--fix", action="store_true",
                     help="apply safe fixes (a roster spelling) in place; for stdin print the fixed text")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    out.add_argument("--stdin-filename", metavar="NAME",
                     help="the name to report for standard input (its suffix picks the format)")

    guard = sub.add_parser(
        "guard", help="pre-send hook: check stdin, then pipe it to COMMAND",
        usage=f"{PROG} guard [options] -- COMMAND [ARGS...]",
        description="Read a message on stdin and check it. With no errors, run COMMAND (your "
                    "sendmail) with the very same bytes and exit with its status. With errors, "
                    "print them, keep the message in the held folder, send nothing and exit 1. "
                    "FOLLOWUP_LINT_SEND_ANYWAY=1 sends anyway.")
    _add_common(guard, paths=False)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rule = sub.add_parser("rule", help="explain one rule: what it flags, why, examples")
    rule.add_argument("rule_id", metavar="ID")
    rule.add_argument("--format", choices=("text", "json"), default="text")

    from ..languagetool.cli import register

    register(sub)  # its handler is args.func
    return parser


def _split_guard(argv: list[str]) -> tuple[list[str], list[str] | None]:
    """``guard`` options before the first '--', the command after it."""
    first = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if first is not None and argv[first] == "guard":
        at = first
        rest = argv[at + 1:]
        if "--" in rest:
            cut = rest.index("--")
            return argv[:at + 1] + rest[:cut], rest[cut + 1:]
        return argv, None
    return argv, None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``followup-lint`` console script; returns the exit code."""
    from ..errors import FollowupLintError

    args_list = list(sys.argv[1:] if argv is None else argv)
    args_list, command = _split_guard(args_list)
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        if args.command is None:
            raise UsageError(f"{PROG}: give a command: check, guard, rules or rule "
                             f"(see '{PROG} --help')")
        if args.command == "check":
            from .check import run_check
            return run_check(args)
        if args.command == "guard":
            from .guard import run_guard
            return run_guard(args, command)
        if args.command in ("rules", "rule"):
            from .rulesdoc import run_rule, run_rules
            return run_rules(args) if args.command == "rules" else run_rule(args)
        return int(args.func(args) or 0)  # languagetool, registered by languagetool.cli
    except UsageError as e:
        print(str(e), file=sys.stderr)
        return EXIT_USAGE
    except FollowupLintError as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours; silence the flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as e:  # noqa: BLE001 - a bug of ours: one line, not a traceback
        from .guard import internal_error

        print(internal_error(e), file=sys.stderr)
        return EXIT_USAGE
