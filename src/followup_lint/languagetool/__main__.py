"""``python -m followup_lint.languagetool install|start|stop|status``."""

from .cli import main

raise SystemExit(main())
