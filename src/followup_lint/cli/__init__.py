"""The followup-lint command (the full command line comes with its own issue)."""

from __future__ import annotations

import sys

from .. import __version__


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``followup-lint`` console script."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("--version", "-V"):
        print(f"followup-lint {__version__}")
        return 0
    print(f"followup-lint {__version__}", file=sys.stderr)
    return 2
