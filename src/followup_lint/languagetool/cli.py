"""``followup-lint languagetool install|start|stop|status`` (and ``python -m followup_lint.languagetool``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import GrammarUnavailable

ACTIONS = ("install", "start", "stop", "status")


def register(subparsers: argparse._SubParsersAction[Any]) -> argparse.ArgumentParser:
    """Add the ``languagetool`` subcommand; its handler (``args.func``) returns an exit code."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "languagetool", help="fetch the LanguageTool jars, or start/stop/show the local server",
        description="install: fetch LanguageTool's jars with Maven into the cache (idempotent); "
                    "start: start the shared server on 127.0.0.1 (or reuse it) and print its URL; "
                    "stop: stop it; status: print its URL, or exit 1 when none is running.")
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The action argument and the handler."""
    parser.add_argument("action", choices=ACTIONS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Do one action; 0 on success, 1 when the server is not running (status) or an action
    failed (the reason is printed on stderr)."""
    from . import server
    from .install import install, lib_dir

    try:
        if args.action == "install":
            path = install()
            print(path)
            return 0
        if args.action == "start":
            print(server.ensure_server())
            return 0
        if args.action == "stop":
            print("stopped" if server.stop() else "not running")
            return 0
        state = server.status()
        if state is None:
            print(f"not running (jars: {lib_dir()})", file=sys.stderr)
            return 1
        print(state.url)
        return 0
    except GrammarUnavailable as e:
        print(f"followup-lint languagetool {args.action}: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # a server being started was stopped on the way out
        print(f"followup-lint languagetool {args.action}: interrupted", file=sys.stderr)
        return 130


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m followup_lint.languagetool``."""
    parser = argparse.ArgumentParser(prog="python -m followup_lint.languagetool",
                                     description="Manage followup-lint's LanguageTool.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
