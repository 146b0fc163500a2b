"""What every subcommand shares: exit codes, the program name, usage errors, the parser."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn, TypeAlias

#: Exit codes (DESIGN.md): no errors, errors found, bad usage or unreadable input.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

PROG = "followup-lint"

#: What ``add_subparsers()`` returns; each subcommand registers itself on it.
Subparsers: TypeAlias = "argparse._SubParsersAction[Any]"


class UsageError(Exception):
    """A bad option or argument: printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (no usage dump) and exit 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def internal_error(e: BaseException) -> str:
    """The one line printed for a bug of ours, instead of a traceback."""
    return f"{PROG}: internal error: {type(e).__name__}: {e}; please report it"

