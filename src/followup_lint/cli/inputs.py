"""Finding the notes to check (files, folders, stdin) and reading each one into a Note."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from ..errors import InputError
from ..note import Note, note_from_text
from ..reading.mail import looks_like_message, note_and_body
from ..reading.markdown import note_from_markdown
from ..reading.templates import TEMPLATE_SUFFIXES, in_template_globs

#: Folders never walked into.
_SKIP_DIRS = frozenset((".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                        ".tox", ".mypy_cache", ".pytest_cache", "site-packages"))
#: A file bigger than this is refused (bounded time).
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass
class Source:
    """One thing to check: where it came from and its bytes."""

    display: str
    raw: bytes
    path: Path | None = None  # None for standard input
    explicit: bool = True  # named on the command line (not found by walking a folder)

    @property
    def suffix(self) -> str:
        return Path(self.display).suffix.lower()


@dataclass
class Loaded:
    """A source read into a Note, with how it should be linted."""

    source: Source
    note: Note
    kind: str  # "email", "text", "markdown", "template", "rendered"
    config: Config
    #: For emails: "body", the mail.Body the note was made from (for --fix);
    #: after --fix on stdin: "fixed_raw", the fixed message's bytes.
    extra: dict[str, Any] = field(default_factory=dict)


def _matches(rel: str, patterns: list[str]) -> bool:
    for pat in patterns:
        if fnmatch.fnmatch(rel, pat):
            return True
        if pat.startswith("**/") and fnmatch.fnmatch(rel, pat[3:]):
            return True
    return False


def walk(folder: Path, config: Config) -> Iterator[Path]:
    """Files under ``folder`` that match the config's include globs and no exclude glob."""
    for path in sorted(folder.rglob("*")):
        rel_parts = path.relative_to(folder).parts
        if any(part in _SKIP_DIRS or (part.startswith(".") and part not in (".", ".."))
               for part in rel_parts[:-1]):
            continue
        if not path.is_file():
            continue
        rel = "/".join(rel_parts)
        if _matches(rel, config.include) and not _matches(rel, config.exclude):
            yield path


def _too_big(display: str) -> InputError:
    return InputError(f"{display}: the input is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")


def read_limited(stream: BinaryIO, display: str) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of ``stream``: a bigger input (a huge pipe,
    /dev/zero) is refused after reading one byte past the limit, never read whole."""
    chunks: list[bytes] = []
    left = MAX_FILE_BYTES + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    if left <= 0:
        raise _too_big(display)
    return b"".join(chunks)


def read_source(path: Path, display: str, explicit: bool) -> Source:
    """Read a file's bytes (at most the limit plus one); InputError names it."""
    try:
        with path.open("rb") as f:
            raw = read_limited(f, display)
    except IsADirectoryError:
        raise InputError(f"{display}: is a folder") from None
    except FileNotFoundError:
        raise InputError(f"{display}: no such file or folder") from None
    except PermissionError:
        raise InputError(f"{display}: permission denied") from None
    except OSError as e:
        raise InputError(f"{display}: cannot read: {e.strerror or e}") from None
    return Source(display=display, raw=raw, path=path, explicit=explicit)


def write_fixed(path: Path, data: bytes) -> str | None:
    """Write fixed bytes over ``path`` in place; never through a symlink (the link could point
    outside the folder being checked). Returns why it was not written, or None."""
    if path.is_symlink():
        return "not fixed: it is a symbolic link (fix the file it points to by name)"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
    except OSError as e:
        return f"not fixed: cannot write: {e.strerror or e}"
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return None


def is_binary(raw: bytes) -> bool:
    """NUL bytes in the first 8 KB: a binary file, not a note."""
    return b"\x00" in raw[:8192]


def decode_text(source: Source) -> str:
    """UTF-8 text (a BOM is dropped); InputError names the file and line of a bad byte."""
    if is_binary(source.raw):
        raise InputError(f"{source.display}: binary file, not a note")
    try:
        return source.raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = source.raw[:e.start].count(b"\n") + 1
        raise InputError(f"{source.display}:{line}: not UTF-8 text (byte 0x{source.raw[e.start]:02x}); "
                         f"save the file as UTF-8") from None


def load(source: Source, config: Config, template_data: dict[str, Any] | None,
         base: Path | None = None) -> Loaded:
    """Read one source into a Note of the right kind (InputError for what cannot be read);
    ``base`` is the folder the config's ``templates`` globs are relative to."""
    from dataclasses import replace


    if len(source.raw) > MAX_FILE_BYTES:  # files are refused by read_source; stdin here
        raise _too_big(source.display)
    suffix = source.suffix
    if suffix == ".eml" or (source.path is None and suffix not in (".txt", ".md", ".markdown")
                            and looks_like_message(source.raw)):
        if not source.raw.strip():
            raise InputError(f"{source.display}: empty message")
        try:
            note, body = note_and_body(source.raw)
        except InputError as e:
            raise InputError(f"{source.display}: {e}") from None
        return Loaded(source, note, "email", config, {"body": body})
    text = decode_text(source)
    if suffix in TEMPLATE_SUFFIXES or config.template or (
            source.path is not None and in_template_globs(source.path, config.templates, base)):
        if template_data is not None:
            from ..reading.templates import render_template

            note = render_template(text, template_data, source.display)
            # The rendered note is a finished note: placeholders left in it are real mistakes.
            return Loaded(source, note, "rendered", replace(config, template=False))
        return Loaded(source, note_from_text(text), "template",
                      config if config.template else replace(config, template=True))
    if suffix in (".md", ".markdown"):
        return Loaded(source, note_from_markdown(text), "markdown", config)
    return Loaded(source, note_from_text(text), "text", config)
