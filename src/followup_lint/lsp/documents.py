"""An editor's document as a Note: an email draft, Markdown, a template or plain text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath

from ..config import Config
from ..note import Note, note_from_text
from ..reading.mail import looks_like_message, note_from_bytes
from ..reading.markdown import note_from_markdown
from ..reading.templates import TEMPLATE_SUFFIXES, in_template_globs

#: Language ids editors give an email draft (vim/neovim/Helix: mail; VS Code: email).
MAIL_LANGUAGES = frozenset(("mail", "email", "eml"))


def read_document(source: str, path: str, language_id: str | None,
                  config: Config, base: Path | None = None) -> tuple[Note, Config]:
    """The note to lint from a document's text, and the config to lint it with (template
    mode for a template: by suffix, language, ``template = true``, or a ``templates`` glob
    relative to ``base``, the config file's folder). Raises FollowupLintError for what cannot
    be read."""
    suffix = PurePath(path).suffix.lower()
    lang = (language_id or "").lower()
    raw = source.encode("utf-8", "surrogatepass")
    by_glob = in_template_globs(path, config.templates, base)
    if lang in MAIL_LANGUAGES or suffix == ".eml" or (
            not by_glob and lang not in ("markdown",) and suffix not in (".md", ".markdown")
            and looks_like_message(raw)):
        return note_from_bytes(raw), config
    if by_glob or suffix in TEMPLATE_SUFFIXES or lang in ("jinja", "jinja2", "j2") or config.template:
        return note_from_text(source), config if config.template else replace(config, template=True)
    if lang == "markdown" or suffix in (".md", ".markdown"):
        return note_from_markdown(source), config
    return note_from_text(source), config
