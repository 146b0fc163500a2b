"""Whether this process is the daemon, and what the config's ``daemon`` setting makes the
command line do (kept apart from the server so that the command line never imports it)."""

from __future__ import annotations

import contextlib

from . import client

#: True inside the daemon: ``check`` and ``guard`` then honour ``daemon = "off"`` by
#: refusing the request (the client lints in-process).
SERVING = False


class Refused(BaseException):
    """The caller's config says not to use the daemon (a BaseException: it passes the
    command line's own error handling untouched)."""


def serving() -> bool:
    """True inside the daemon process."""
    return SERVING


def honour(mode: str) -> None:
    """Apply the config's ``daemon`` setting once it is known: in the daemon, ``"off"``
    refuses the request (the client lints in-process); elsewhere ``"auto"`` starts the
    daemon for the next run (this one goes on in-process, without waiting)."""
    if SERVING:
        if mode == "off":
            raise Refused
    elif mode == "auto" and not client.disabled() and client.ping(timeout=0.5) is None:
        with contextlib.suppress(OSError):
            client.start_detached()
