"""Template mode: lint an email template without tripping over its fields.

Two ways:

* mask: the placeholders (``{{ name }}``, ``{first_name}``, ``[Company]``...) become masks of
  kind "placeholder", so their contents are not spell- or name-checked, and the
  ``placeholder-unfilled`` rule stays quiet (it is off in template mode);
* render: a Jinja2 template is rendered in a sandbox with sample data from a TOML file and
  the result is linted as a finished note, while findings are still reported at the
  template's lines and columns (the rendered text is aligned back to the source with
  ``difflib``).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..note import Mask, Note, line_starts
from .placeholders import find_placeholders

#: File suffixes that are templates whatever the config says.
TEMPLATE_SUFFIXES = frozenset((".j2", ".jinja", ".jinja2", ".tmpl", ".tpl"))
#: Above this size the alignment works line by line instead of character by character.
_CHAR_ALIGN_LIMIT = 50_000
#: Jinja2's default delimiters: expressions, statements, comments.
_JINJA_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def mask_placeholders(note: Note, extra: Sequence[str] = ()) -> Note:
    """The same note with every placeholder masked (kind "placeholder"); ``extra`` holds
    the config's own placeholder syntaxes."""
    return note.with_masks(Mask(s, e, "placeholder")
                           for s, e, _name in find_placeholders(note.text, extra))


def load_sample_data(path: str | Path) -> dict[str, Any]:
    """Sample data for rendering, from a TOML file; InputError names the file and line."""
    from ..files import parse_toml, read_text

    return parse_toml(read_text(path, "template data", InputError), path, InputError)


def _aligner(source: str, rendered: str) -> list[tuple[int, int, int]]:
    """(rendered start, rendered end, source start) runs: equal runs map one to one,
    text a tag produced maps to where the tag starts."""
    if len(source) + len(rendered) <= _CHAR_ALIGN_LIMIT:
        # Tags and expressions never match rendered text character for character: blank
        # them with a character the output cannot hold, so only literal text aligns.
        literal = _JINJA_MARKUP.sub(lambda m: "\x00" * len(m.group(0)), source)
        matcher = difflib.SequenceMatcher(None, literal, rendered.replace("\x00", "\x01"),
                                          autojunk=False)
        return [(j1, j2, i1 if tag != "equal" else -1 - i1)
                for tag, i1, _i2, j1, j2 in matcher.get_opcodes() if j2 > j1]
    # Large templates: align whole lines.
    src_lines = source.splitlines(keepends=True)
    out_lines = rendered.splitlines(keepends=True)
    src_starts = [0]
    for line in src_lines:
        src_starts.append(src_starts[-1] + len(line))
    out_starts = [0]
    for line in out_lines:
        out_starts.append(out_starts[-1] + len(line))
    matcher = difflib.SequenceMatcher(None, src_lines, out_lines, autojunk=False)
    runs = []
    for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
        if j2 > j1:
            runs.append((out_starts[j1], out_starts[j2],
                         -1 - src_starts[i1] if tag == "equal" else src_starts[i1]))
    return runs


def render_template(source: str, data: Mapping[str, Any], name: str = "<template>") -> Note:
    """Render a Jinja2 template in a sandbox; the note's positions are the template's.

    Raises InputError naming the template and line for a syntax error, a variable the
    sample data does not define, or an operation the sandbox refuses.
    """
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                               autoescape=False)
    try:
        rendered = env.from_string(source).render(**dict(data))
    except jinja2.TemplateSyntaxError as e:
        raise InputError(f"{name}:{e.lineno}: template syntax error: {e.message}") from None
    except jinja2.UndefinedError as e:
        raise InputError(f"{name}: the sample data has no value for the template: {e.message}") from None
    except jinja2.exceptions.SecurityError as e:
        raise InputError(f"{name}: the template does something the sandbox forbids: {e}") from None
    except jinja2.TemplateError as e:
        raise InputError(f"{name}: cannot render the template: {e}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as e:
        raise InputError(f"{name}: cannot render the template: {e}") from None

    runs = _aligner(source, rendered)
    run_starts = [r[0] for r in runs]
    src_starts = line_starts(source)

    def position(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(run_starts, offset) - 1
        if i < 0:
            at = 0
        else:
            start, _end, where = runs[i]
            at = (-1 - where) + (offset - start) if where < 0 else where
        at = max(0, min(at, len(source)))
        k = bisect.bisect_right(src_starts, at) - 1
        return k + 1, at - src_starts[k] + 1

    return Note(text=rendered, position=position)
