"""The ``followup-lint`` command: check, guard, rules, rule (and languagetool when installed).

Imports stay lazy: spaCy and the rules load only when a command needs them, so that
``followup-lint --help`` and ``followup-lint rules`` start fast.
"""

from __future__ import annotations

import sys

from .main import main

__all__ = ["main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
