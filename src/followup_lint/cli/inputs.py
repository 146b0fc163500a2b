"""Finding the notes to check (files, folders, stdin) and reading each one into a Note."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from ..note import Note, note_from_text
from ..reading.mail import looks_like_message, note_and_body
from ..reading.markdown import note_from_markdown
from ..reading.templates import TEMPLATE_SUFFIXES

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


def read_source(path: Path, display: str, explicit: bool) -> Source:
    """Read a file's bytes; InputError names it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{display}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{display}: is a folder") from None
    except FileNotFoundError:
        raise InputError(f"{display}: no such file or folder") from None
    except PermissionError:
        raise InputError(f"{display}: permission denied") from None
    except OSError as e:
        raise InputError(f"{display}: cannot read: {e.strerror or e}") from None
    return Source(display=display, raw=raw, path=path, explicit=explicit)


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


def load(source: Source, config: Config, template_data: dict[str, Any] | None) -> Loaded:
    """Read one source into a Note of the right kind (InputError for what cannot be read)."""
    from dataclasses import replace


    if len(source.raw) > MAX_FILE_BYTES:  # files are refused by read_source; stdin here
        raise InputError(f"{source.display}: the input is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
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
    if suffix in TEMPLATE_SUFFIXES or config.template:
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
