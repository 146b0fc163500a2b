"""Template mode: lint an email template without tripping over its fields.

Two ways:

* mask: the placeholders (``{{ name }}``, ``{first_name}``, ``[Company]``...) become masks of
  kind "placeholder", so their contents are not spell- or name-checked, and the
  ``placeholder-unfilled`` rule stays quiet (it is off in template mode);
* render: a Jinja2 template is rendered in a sandbox with sample data from a TOML file and
  the result is linted as a finished note, while findings are still reported at the
  template's lines and columns (the rendered text is aligned back to the source with
  ``difflib``).

Rendering runs under a budget (the templates may come from a pull request in CI): a time
limit checked at every loop step, call and output chunk, and a cap on every string or list
the template builds (``*``, ``~``, filters, calls) and on the whole output. Going over it is an
InputError naming the template.
"""

from __future__ import annotations

import bisect
import difflib
import fnmatch
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ..errors import InputError
from ..note import Mask, Note, line_starts
from .placeholders import find_placeholders

#: File suffixes that are templates whatever the config says.
TEMPLATE_SUFFIXES = frozenset((".j2", ".jinja", ".jinja2", ".tmpl", ".tpl"))
#: Above this size the alignment works line by line instead of character by character.
_CHAR_ALIGN_LIMIT = 50_000
#: Seconds a template may take to render.
RENDER_SECONDS = 5.0
#: The longest string or list a template may build, and the longest rendered output (characters).
RENDER_MAX_CHARS = 2_000_000
#: The largest exponent ``**`` may take (10 ** 10 ** 9 would run for minutes).
_MAX_EXPONENT = 1000
#: A format field width of ten million or more ("{:>10000000}", "%10000000s").
_HUGE_WIDTH = re.compile(r"\d{8,}")
#: Jinja2's default delimiters: expressions, statements, comments.
_JINJA_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def in_template_globs(path: str | Path, globs: Sequence[str], base: Path | None) -> bool:
    """Whether the config's ``templates`` globs name a file: its path relative to ``base``
    (the config file's folder) matches one; ``**/`` also matches at the top. A file outside
    ``base`` matches none."""
    if not globs or base is None:
        return False
    try:
        rel = Path(path).resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return False
    return any(fnmatch.fnmatch(rel, g) or (g.startswith("**/") and fnmatch.fnmatch(rel, g[3:]))
               for g in globs)


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


class _OverBudget(Exception):
    """Raised inside rendering; render_template turns it into an InputError."""


class _Budget:
    """The time and size budget of one render."""

    def __init__(self, seconds: float, max_chars: int) -> None:
        self.seconds, self.max_chars = seconds, max_chars
        self.deadline = time.monotonic() + seconds

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _OverBudget(f"rendering took longer than {self.seconds:g} s")

    def value(self, value: Any) -> Any:
        self.tick()
        if isinstance(value, (str, bytes, list, tuple, dict, set)) and len(value) > self.max_chars:
            self.too_big()
        return value

    def too_big(self) -> NoReturn:
        raise _OverBudget(f"the template built a value over {self.max_chars:,} characters or items")

    def before_binop(self, operator: str, left: Any, right: Any) -> None:
        """Refuse ``'x' * 10**9``, ``10 ** 10**6`` and ``'%*s' % (10**9, x)`` before Python
        starts on them."""
        self.tick()
        if operator == "**" and isinstance(right, int) and abs(right) > _MAX_EXPONENT:
            raise _OverBudget(f"the exponent {right} is over {_MAX_EXPONENT}")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int)
                        and len(seq) * times > self.max_chars):
                    self.too_big()
        if operator == "%" and isinstance(left, str):
            self.before_call(left.__mod__, right if isinstance(right, tuple) else (right,), {})

    def before_call(self, func: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        """Refuse a call whose result would be over the cap, judged from its arguments: a
        width or count over the cap (``ljust``, ``center``, ``indent``...), a join or replace
        whose result would be, or a format with a huge field width."""
        self.tick()
        values = [*args, *kwargs.values()]
        if any(isinstance(v, int) and not isinstance(v, bool) and v > self.max_chars for v in values):
            self.too_big()
        # The sandbox wraps str.format; look at the method it wraps.
        inner = getattr(func, "__wrapped__", func)
        owner = getattr(inner, "__self__", None)
        name = getattr(inner, "__name__", "")
        if isinstance(owner, str):
            if name in ("format", "format_map", "__mod__") and _HUGE_WIDTH.search(owner):
                self.too_big()
            if name == "join" and args and _sized(args[0]) * len(owner) > self.max_chars:
                self.too_big()
            if name == "replace" and len(args) >= 2:
                self.check_replace(owner, args[0], args[1])

    def materialize(self, args: Sequence[Any]) -> tuple[Any, ...]:
        """``args`` with every generator (``map``, ``select``...) turned into a list, counted
        and within the budget, so that a join can be judged before it runs."""
        out = []
        for a in args:
            if isinstance(a, Iterator):
                items = []
                for item in a:
                    self.tick()
                    items.append(item)
                    if len(items) > self.max_chars:
                        self.too_big()
                a = items
            out.append(a)
        return tuple(out)

    def check_replace(self, text: Any, old: Any, new: Any) -> None:
        if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
            count = text.count(old) if old else len(text) + 1
            if len(text) + count * (len(new) - len(old)) > self.max_chars:
                self.too_big()

    def filter(self, name: str, func: Any) -> Any:
        """``func`` (the filter ``name``) with its arguments checked first."""
        budget = self

        def checked(*args: Any, **kwargs: Any) -> Any:
            args = budget.materialize(args)
            plain = [a for a in args if not _is_jinja_internal(a)]
            budget.before_call(func, plain, kwargs)
            if name == "indent" and plain and isinstance(plain[0], str):
                width = plain[1] if len(plain) > 1 else kwargs.get("width", 4)
                if isinstance(width, int) and plain[0].count("\n") * width > budget.max_chars:
                    budget.too_big()
            if name == "join" and len(plain) >= 2 and isinstance(plain[1], str):
                if _sized(plain[0]) * len(plain[1]) > budget.max_chars:
                    budget.too_big()
            if name == "replace" and len(plain) >= 3:
                budget.check_replace(plain[0], plain[1], plain[2])
            return budget.value(func(*args, **kwargs))

        # Keep the marker that makes Jinja2 pass the context or environment first.
        for marker in ("jinja_pass_arg",):
            if hasattr(func, marker):
                setattr(checked, marker, getattr(func, marker))
        return checked


def _sized(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


def _is_jinja_internal(value: Any) -> bool:
    """The context, eval context or environment Jinja2 passes to some filters."""
    module = type(value).__module__
    return module.startswith("jinja2.") and not isinstance(value, str)


def _budgeted_environment(budget: _Budget) -> Any:
    """A Jinja2 sandbox whose loops, calls, operators, filters and concatenations check the
    budget (a fresh one per render)."""
    import jinja2
    from jinja2 import nodes
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.runtime import Context
    from jinja2.sandbox import SandboxedEnvironment

    class Generator(CodeGenerator):
        # Every for loop's iterable goes through environment.budget_iter, every ~ and every
        # filter result through environment.budget.value: the hooks Jinja2 has no setting for.
        def visit_For(self, node: nodes.For, frame: Frame) -> None:
            node.iter = nodes.Call(nodes.EnvironmentAttribute("budget_iter"), [node.iter], [],
                                   None, None, lineno=node.lineno)
            super().visit_For(node, frame)

        def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
            # Jinja2 evaluates constant output ({{ 'x'|center(10**9) }}) while compiling,
            # outside every hook: only literal text may be folded.
            if not isinstance(node, nodes.TemplateData):
                raise nodes.Impossible()
            return str(super()._output_child_to_const(node, frame, finalize))

        def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
            self.write("environment.budget.value(")
            super().visit_Concat(node, frame)
            self.write(")")

        def visit_Filter(self, node: nodes.Filter, frame: Frame) -> None:
            self.write("environment.budget.value(")
            super().visit_Filter(node, frame)
            self.write(")")

    class Budgeted(SandboxedEnvironment):
        code_generator_class = Generator
        intercepted_binops = frozenset(("*", "**", "+", "%"))

        def __init__(self) -> None:
            # optimized=False: no constant folding at compile time, where no budget applies.
            super().__init__(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             autoescape=False, optimized=False)
            self.budget = budget
            self.filters = {name: budget.filter(name, f) for name, f in self.filters.items()}

        def budget_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
            for item in iterable:
                budget.tick()
                yield item

        def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
            budget.before_binop(operator, left, right)
            return budget.value(super().call_binop(context, operator, left, right))

        def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            args = budget.materialize(args)
            budget.before_call(__obj, args, kwargs)
            return budget.value(super().call(__context, __obj, *args, **kwargs))

        def getattr(self, obj: Any, attribute: str) -> Any:
            budget.tick()
            return super().getattr(obj, attribute)

        def getitem(self, obj: Any, argument: Any) -> Any:
            budget.tick()
            return super().getitem(obj, argument)

    return Budgeted()


def _render(source: str, data: Mapping[str, Any], name: str, seconds: float, max_chars: int) -> str:
    """The rendered text, within the budget; InputError names the template."""
    import jinja2

    def fail(why: str) -> NoReturn:
        raise InputError(f"{name}: {why}")

    budget = _Budget(seconds, max_chars)
    env = _budgeted_environment(budget)
    try:
        parts: list[str] = []
        size = 0
        for chunk in env.from_string(source).generate(**dict(data)):
            budget.tick()
            size += len(chunk)
            if size > max_chars:
                fail(f"rendered output over {max_chars:,} characters")
            parts.append(chunk)
        return "".join(parts)
    except _OverBudget as e:
        fail(str(e))
    except RecursionError:
        fail("the template nests too deeply (a macro that calls itself without end?)")
    except MemoryError:
        fail("rendering ran out of memory")
    except jinja2.TemplateSyntaxError as e:
        raise InputError(f"{name}:{e.lineno}: template syntax error: {e.message}") from None
    except jinja2.UndefinedError as e:
        fail(f"the sample data has no value for the template: {e.message}")
    except jinja2.exceptions.SecurityError as e:
        fail(f"the template does something the sandbox forbids: {e}")
    except jinja2.TemplateError as e:
        fail(f"cannot render the template: {e}")
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as e:
        fail(f"cannot render the template: {e}")


def render_template(source: str, data: Mapping[str, Any], name: str = "<template>", *,
                    seconds: float = RENDER_SECONDS, max_chars: int = RENDER_MAX_CHARS) -> Note:
    """Render a Jinja2 template in a sandbox; the note's positions are the template's.

    Raises InputError naming the template (and line, for a syntax error) for a syntax
    error, a variable the sample data does not define, an operation the sandbox refuses,
    recursion without end, or going over the budget: ``seconds`` of rendering, or a value
    or output over ``max_chars`` characters.
    """
    rendered = _render(source, data, name, seconds, max_chars)

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
