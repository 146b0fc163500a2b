"""The argument parser and the dispatch: one clear line and exit 2 for every user error.

Each subcommand registers itself (``register(subparsers)``, with ``set_defaults(func=...)``);
this module only builds the parser and turns errors into exit codes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..errors import FollowupLintError
from .common import EXIT_OK, EXIT_USAGE, PROG, Parser, UsageError, internal_error


def build_parser() -> Parser:
    """The full command-line parser."""
    from .. import __version__
    from ..languagetool import cli as languagetool_cli
    from ..lsp import cli as lsp_cli
    from . import check, daemon, guard, rulesdoc

    parser = Parser(prog=PROG, description="Check job-interview follow-up emails before they are sent.")
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in (check, guard, rulesdoc, languagetool_cli, lsp_cli, daemon):
        command.register(sub)
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


def _via_daemon(args_list: list[str]) -> int | None:
    """``check`` and ``guard`` through a running daemon (the thin client: neither spaCy nor
    the rules are imported); None when it does not run or cannot take the request."""
    if not args_list or args_list[0] not in ("check", "guard"):
        return None
    from ..daemon import client

    if client.disabled() or not client.socket_path().exists():
        return None
    try:
        if args_list[0] == "check":
            return client.check(args_list[1:])
        options, command = _split_guard(args_list)
        if not command or not client.guard_args_ok(options[1:]):
            return None
        from .guard import run_guard_thin

        return run_guard_thin(options[1:], command)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``followup-lint`` console script; returns the exit code. ``check``
    and ``guard`` go through the daemon when it runs (``followup-lint daemon start``)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    code = _via_daemon(args_list)
    return run(args_list) if code is None else code


def run(args_list: list[str]) -> int:
    """The command line, in this process; returns the exit code."""
    args_list, command = _split_guard(args_list)
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            raise UsageError(f"{PROG}: give a command: check, guard, rules or rule "
                             f"(see '{PROG} --help')")
        args.sendmail = command  # guard's COMMAND, after '--'
        return int(args.func(args) or 0)
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
        print(internal_error(e), file=sys.stderr)
        return EXIT_USAGE
