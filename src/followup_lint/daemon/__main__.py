"""``python -m followup_lint.daemon``: run the daemon in this process (``daemon start``
runs this, detached). Through here, not ``-m ...server``, so that the module the command
line asks ``serving()`` is the one that serves."""

import sys

from .server import serve

sys.exit(serve())
