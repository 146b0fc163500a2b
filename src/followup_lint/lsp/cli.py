"""``followup-lint lsp``: start the language server on stdio."""

from __future__ import annotations

import argparse

from ..cli.common import EXIT_OK, PROG, Subparsers, UsageError


def register(sub: Subparsers) -> None:
    """Add ``lsp`` to the command line."""
    p = sub.add_parser("lsp", help="run the language server for editors (stdio)",
                       description="A Language Server Protocol server on stdin/stdout: diagnostics, "
                                   "hovers and code actions while a draft is written.")
    p.add_argument("--stdio", action="store_true",
                   help="use stdin/stdout (the default; for editors that pass it)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve until the client says exit."""
    try:
        from .server import serve
    except ImportError as e:
        raise UsageError(f"{PROG} lsp needs pygls and lsprotocol: pip install 'followup-lint[lsp]' "
                         f"({e})") from None
    serve()
    return EXIT_OK
