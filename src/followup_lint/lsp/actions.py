"""Code actions and hovers for findings: fixes, rewrites, suppressions, accepted words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..config import CONFIG_FILE
from ..findings import Finding
from ..reading.suppress import comment
from ..rules import RULES
from .positions import Point

#: The command that adds a word to accepted-words in the workspace's config file.
ACCEPT_WORD = "followup-lint.acceptWord"
#: Rules whose finding is a word the user may want to accept.
_WORD_RULES = frozenset(("spelling", "name-unknown"))


@dataclass(frozen=True)
class Located:
    """A finding and where it is in the document."""

    finding: Finding
    start: Point
    end: Point


@dataclass(frozen=True)
class Edit:
    """Replace [start, end) of the document with ``new``."""

    start: Point
    end: Point
    new: str


@dataclass(frozen=True)
class Action:
    """One code action: a title, its kind, and either edits or a command argument."""

    title: str
    kind: str  # "quickfix" or "source"
    edits: tuple[Edit, ...] = ()
    accept_word: str | None = None
    preferred: bool = False
    finding: Finding | None = None


def actions_for(found: Located, line_end: Point, doc_end: Point, has_config_root: bool) -> list[Action]:
    """The code actions offered for one finding."""
    f = found.finding
    out: list[Action] = []
    if f.fix_safe and f.suggestions and f.end > f.start:
        out.append(Action(f"Replace with '{f.suggestions[0]}' ({f.rule})", "quickfix",
                          (Edit(found.start, found.end, f.suggestions[0]),), preferred=True, finding=f))
    elif f.suggestions and f.end > f.start:
        for s in f.suggestions[:3]:
            label = "Rewrite as" if f.category == "tone" else "Replace with"
            out.append(Action(f"{label} '{s}' ({f.rule})", "quickfix",
                              (Edit(found.start, found.end, s),), finding=f))
    out.append(Action(f"Ignore {f.rule} on this line", "quickfix",
                      (Edit(line_end, line_end, " " + comment([f.rule])),), finding=f))
    file_edit = ("\n" if doc_end.character else "") + comment([f.rule], whole_file=True) + "\n"
    out.append(Action(f"Ignore {f.rule} in this file", "quickfix",
                      (Edit(doc_end, doc_end, file_edit),), finding=f))
    if f.rule in _WORD_RULES and has_config_root and re.fullmatch(r"[\w'’\-. ]{1,60}", f.text):
        out.append(Action(f"Add '{f.text}' to accepted-words in {CONFIG_FILE}", "quickfix",
                          accept_word=f.text, finding=f))
    return out


def hover_text(f: Finding) -> str:
    """Markdown shown on hover: the finding, then the rule's explanation and examples."""
    parts = [f"**{f.rule}** ({f.severity}): {f.message}"]
    if f.suggestions:
        parts.append("Suggestion: " + ", ".join(f"`{s}`" for s in f.suggestions[:3]))
    rule = RULES.get(f.rule)
    if rule is not None:
        parts += [rule.summary, f"*Why:* {rule.why}"]
        if rule.bad:
            parts.append(f"*Flagged:* {rule.bad[0].text.strip()}")
        if rule.good:
            parts.append(f"*Fine:* {rule.good[0].text.strip()}")
        if rule.source:
            parts.append(f"*Source:* {rule.source}")
    return "\n\n".join(parts)


def add_accepted_word(config_path: Path | None, root: Path, word: str) -> Path:
    """Add ``word`` to accepted-words in the config file (``root``/.followup-lint.toml when
    there is none), keeping the file's comments and layout; returns the file written."""
    import tomlkit

    path = config_path or root / CONFIG_FILE
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    doc = tomlkit.parse(text)
    table = doc
    if path.name == "pyproject.toml":
        tool = doc.setdefault("tool", tomlkit.table(is_super_table=True))
        table = tool.setdefault("followup-lint", tomlkit.table())
    key = next((k for k in ("accepted-words", "accepted_words") if k in table), "accepted-words")
    words = table.get(key)
    if words is None:
        table[key] = tomlkit.array()
        words = table[key]
    if word not in words:
        words.append(word)
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return path
