"""The pre-send guard: check a message before it goes out, and never lose it.

Two entry points:

* ``followup-lint guard -- sendmail ARGS`` (see ``cli/guard.py``) for mail programs;
* :func:`check_message` for Python scripts that send with ``smtplib``::

      from followup_lint.guard import check_message, MessageBlocked
      try:
          check_message(msg)            # an EmailMessage, or its bytes
      except MessageBlocked as e:
          print(e)                      # the findings, one a line
      else:
          smtp.send_message(msg)

Held messages go to ``$XDG_STATE_HOME/followup-lint/held/`` (default
``~/.local/state/followup-lint/held/``, mode 700), one file per message (mode 600, written
atomically: a hidden temp file, fsynced, then linked into place, so a full disk never leaves
an empty or partial ``.eml``); when that folder cannot be written, to
``$TMPDIR/followup-lint-held-<uid>/``. The command-line guard saves every message there
*before* checking it (write-ahead) and removes the copy once sendmail exits 0.
Setting ``FOLLOWUP_LINT_SEND_ANYWAY=1`` lets a blocked message through.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FollowupLintError

if TYPE_CHECKING:  # the thin client (daemon path) must not import the config and findings
    from email.message import Message

    from .config import Config
    from .context import NoteContext
    from .findings import Finding, LintResult

#: Set to 1 to send a message even when it has errors.
SEND_ANYWAY_ENV = "FOLLOWUP_LINT_SEND_ANYWAY"


class MessageBlocked(FollowupLintError):
    """A message has error findings and was not sent; ``findings`` and ``result`` say why."""

    def __init__(self, result: LintResult, held: Path | None = None) -> None:
        self.result = result
        self.held = held
        errors = [f for f in result.findings if f.severity == "error"]
        lines = [f"the message has {len(errors)} error{'s' if len(errors) != 1 else ''} "
                 f"and was not sent:"]
        lines += [f"  {f.line}:{f.column}: [{f.rule}] {f.message}" for f in errors]
        if held is not None:
            lines.append(f"  a copy is kept in {held}")
        super().__init__("\n".join(lines))

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the message (errors and the rest)."""
        return self.result.findings


def send_anyway() -> bool:
    """True when the user set FOLLOWUP_LINT_SEND_ANYWAY to 1 (or yes/true)."""
    return os.environ.get(SEND_ANYWAY_ENV, "").strip().lower() in ("1", "yes", "true", "on")


def held_dir() -> Path:
    """Where held messages are kept: $XDG_STATE_HOME/followup-lint/held (default ~/.local/state/...)."""
    base = os.environ.get("XDG_STATE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "state"
    return root / "followup-lint" / "held"


def fallback_held_dir() -> Path:
    """Where messages are kept when the held folder cannot be written: a folder of the
    user's own in the temp folder (``$TMPDIR/followup-lint-held-<uid>``)."""
    return Path(tempfile.gettempdir()) / f"followup-lint-held-{os.getuid()}"


def _own_folder(folder: Path) -> None:
    """Make ``folder`` (mode 700); refuse one that is a symlink or another user's, since a
    shared temp folder lets anyone create the name first."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise PermissionError(f"{folder} is not a folder of this user's own")
    if stat.S_IMODE(info.st_mode) != 0o700:  # whatever the umask made of it
        os.chmod(folder, 0o700)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # pragma: no cover - not every system opens folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the file itself is synced
        pass
    finally:
        os.close(fd)


def _write_new(folder: Path, raw: bytes) -> Path:
    """Write ``raw`` to a new ``.eml`` in ``folder`` atomically: a hidden temp file, written
    and fsynced, then linked under its final name. On any failure (disk full) the temp file
    is removed, so no empty or partial ``.eml`` is ever left behind."""
    _own_folder(folder)
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        while True:
            path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
            try:
                os.link(tmp, path)  # unlike rename, never replaces an existing message
            except FileExistsError:  # pragma: no cover - 32 random bits
                continue
            except OSError:  # pragma: no cover - a file system without hard links
                if path.exists():
                    continue
                os.rename(tmp, path)
            break
        _fsync_folder(folder)
        return path
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - nothing more can be done
            pass


def hold(raw: bytes) -> Path:
    """Save the message's bytes, unchanged, in the held folder; returns the file's path.

    The file is written atomically (mode 600, fsynced, then renamed into place), so the
    folder only ever holds whole messages.

    When the held folder cannot be written (a read-only home, a bad XDG_STATE_HOME) the
    message goes to :func:`fallback_held_dir` instead. Raises OSError only when neither
    can be written.
    """
    try:
        return _write_new(held_dir(), raw)
    except OSError as first:
        try:
            return _write_new(fallback_held_dir(), raw)
        except OSError as second:
            raise OSError(f"cannot keep a copy in {held_dir()} ({first.strerror or first}) "
                          f"nor in {fallback_held_dir()} ({second.strerror or second})") from None


def check_message(message: Message | bytes | str, roster: object = None,
                  context: NoteContext | None = None, config: Config | None = None,
                  *, keep: bool = False) -> LintResult:
    """Lint an outgoing message; raise MessageBlocked when it has errors.

    ``message`` is an ``email.message.Message`` (as built for ``smtplib``), its bytes,
    or the text of a note. With ``keep=True`` a blocked message is also saved in the held
    folder. FOLLOWUP_LINT_SEND_ANYWAY=1 returns the result instead of raising.
    Raises InputError (a FollowupLintError) for a message that cannot be read.
    """
    from .api import lint_note

    result = lint_note(message, roster=roster, context=context, config=config)  # type: ignore[arg-type]
    if result.ok or send_anyway():
        return result
    held = None
    if keep:
        raw = message if isinstance(message, bytes) else (
            message.encode("utf-8") if isinstance(message, str) else message.as_bytes())
        held = hold(raw)
    raise MessageBlocked(result, held)


def release(path: Path) -> str | None:
    """Remove a held copy once its message was sent; returns why it could not be removed,
    or None."""
    try:
        path.unlink()
    except FileNotFoundError:
        return None
    except OSError as e:
        return e.strerror or str(e)
    return None
