"""Reading the small files a user gives (roster, context, config, template data).

One place for the errors: the file's name, what it was meant to be, and why it failed.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from .errors import FollowupLintError


def read_text(path: str | Path, what: str, error: type[FollowupLintError]) -> str:
    """The file's text (UTF-8, a byte-order mark dropped); ``error`` names the file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise error(f"{p}: cannot read {what}: {e.strerror or e}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise error(f"{p}: {what} is not UTF-8 text (byte {e.start})") from None


def parse_toml(text: str, path: str | Path, error: type[FollowupLintError]) -> dict[str, Any]:
    """TOML text as a dict; ``error`` names the file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise error(f"{path}: {e}") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively.
        raise error(f"{path}: the TOML nests arrays or tables too deeply") from None


def parse_json(text: str, path: str | Path, error: type[FollowupLintError]) -> Any:
    """JSON text parsed; ``error`` names the file and line, or says it nests too deeply."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise error(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None
    except RecursionError:
        raise error(f"{path}: the JSON nests lists or objects too deeply") from None


#: Who owns a file, as far as trusting its settings goes.
Ownership = Literal["own", "root", "other"]


def ownership(path: str | Path) -> tuple[Ownership, int]:
    """("own", "root" or "other", the owner's uid) for ``path``: the worse of the file and,
    when it is a symbolic link, the link itself (a link another user planted is theirs).
    On systems without uids (Windows) every file counts as your own."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows
        return "own", -1
    me = os.geteuid()
    worst: tuple[Ownership, int] = ("own", me)
    p = Path(path)
    for st in (p.lstat(), p.stat()):
        kind: Ownership = "own" if st.st_uid == me else "root" if st.st_uid == 0 else "other"
        if kind == "other" or (kind == "root" and worst[0] == "own"):
            worst = (kind, st.st_uid)
    return worst
