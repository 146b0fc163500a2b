"""``followup-lint check``: gather the notes, lint them in one batch, fix, report."""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

from ..api import lint_many, to_note
from ..config import Config
from ..daemon.state import honour, serving
from ..errors import FollowupLintError, InputError
from ..findings import Finding, LintResult
from ..note import Note
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, PROG, Subparsers
from .fix import apply_fixes, apply_fixes_to_message, fixable
from .inputs import Loaded, Source, is_binary, load, read_limited, read_source, walk, write_fixed
from .options import Settings, add_common, settings_from_args
from .output import FORMATTERS, Report, counts


def register(sub: Subparsers) -> None:
    """Add ``check`` to the command line."""
    check = sub.add_parser("check", help="check notes, emails and templates",
                           description="Check notes (.txt, .md, .eml, templates), folders or stdin.")
    add_common(check, paths=True)
    out = check.add_argument_group("output")
    out.add_argument("--format", choices=tuple(FORMATTERS), default="text")
    out.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    out.add_argument("--fix", action="store_true",
                     help="apply safe fixes (a roster spelling) in place; for stdin print the fixed text")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    out.add_argument("--stdin-filename", metavar="NAME",
                     help="the name to report for standard input (its suffix picks the format)")
    check.add_argument("--jobs", "-j", type=_jobs, metavar="N", default=None,
                       help="lint on N processes (default: the number of cores, for batches "
                            "large enough to pay for loading spaCy in each)")
    check.set_defaults(func=run_check)


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return n


#: With the default --jobs, a batch smaller than this many notes per process stays in this
#: process: each extra process loads spaCy (about 1.5 s), worth it only for a long batch.
NOTES_PER_JOB = 40
#: Notes per task sent to a worker: large enough that pickling is a small cost, small enough
#: that both workers stay busy to the end.
CHUNK = 16


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def gather(paths: list[str], args: argparse.Namespace, config: Config) -> tuple[list[Source], list[str]]:
    """The sources to check and the error lines for those that cannot be read."""
    sources: list[Source] = []
    errors: list[str] = []
    stdin_used = False
    for arg in paths:
        if arg == "-":
            if stdin_used:
                continue
            stdin_used = True
            display = args.stdin_filename or "<stdin>"
            try:
                sources.append(Source(display=display, raw=read_limited(sys.stdin.buffer, display)))
            except InputError as e:
                errors.append(str(e))
            continue
        path = Path(arg)
        if path.is_dir():
            found = 0
            for file in walk(path, config):
                display = str(file)
                try:
                    src = read_source(file, display, explicit=False)
                except InputError as e:
                    errors.append(str(e))
                    continue
                if is_binary(src.raw):
                    _err(f"{display}: skipped: binary file")
                    continue
                sources.append(src)
                found += 1
            if not found:
                errors.append(f"{arg}: no notes found in this folder (include: {', '.join(config.include)})")
            continue
        try:
            sources.append(read_source(path, arg, explicit=True))
        except InputError as e:
            errors.append(str(e))
    return sources, errors


def _lint(loaded: list[Loaded], settings: Settings, jobs: int = 1) -> list[LintResult]:
    """Lint every note in as few ``lint_many`` batches as there are distinct configs
    (template files run with template mode on), on ``jobs`` processes; the results come
    back in the order of ``loaded`` whatever the number of processes."""

    groups: list[tuple[Config, list[int]]] = []
    for i, item in enumerate(loaded):
        for cfg, idx in groups:
            if cfg == item.config:
                idx.append(i)
                break
        else:
            groups.append((item.config, [i]))
    results: dict[int, LintResult] = {}
    if jobs > 1:
        tasks = [(cfg, idx[at:at + CHUNK]) for cfg, idx in groups for at in range(0, len(idx), CHUNK)]
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=_worker_start,
                                 initargs=(settings.roster, settings.context)) as pool:
            batches = pool.map(_worker_lint, [([loaded[i].note for i in idx], cfg)
                                              for cfg, idx in tasks])
            for (_, idx), batch in zip(tasks, batches, strict=True):
                results.update(zip(idx, batch, strict=True))
        return [results[i] for i in range(len(loaded))]
    for cfg, idx in groups:
        batch = lint_many([loaded[i].note for i in idx], roster=settings.roster,
                          context=settings.context, config=cfg)
        results.update(zip(idx, batch, strict=False))
    return [results[i] for i in range(len(loaded))]


_WORKER: dict[str, object] = {}


def _worker_start(roster: object, context: object) -> None:
    """A --jobs worker: keep the roster and context, and load spaCy once, now."""
    from ..nlp import get_nlp

    _WORKER["roster"], _WORKER["context"] = roster, context
    get_nlp()


def _worker_lint(task: tuple[list[Note], Config]) -> list[LintResult]:
    notes, config = task
    return lint_many(notes, roster=_WORKER["roster"], context=_WORKER["context"],  # type: ignore[arg-type]
                     config=config)


def _job_count(args: argparse.Namespace, notes: int) -> int:
    """How many processes lint: --jobs as given; by default the cores, for a batch long
    enough (one process inside the daemon, which is warm already)."""
    if args.jobs is not None:
        return min(int(args.jobs), max(notes, 1))
    cores = os.cpu_count() or 1
    if serving() or cores < 2 or notes < NOTES_PER_JOB * 2:
        return 1
    return min(cores, notes // NOTES_PER_JOB)


def _fix(item: Loaded, result: LintResult) -> tuple[list[Finding], str | None]:
    """Apply safe fixes; returns (applied findings, fixed text for stdin or None)."""

    if not fixable(result.findings):
        return [], None
    src = item.source
    if item.kind == "email":
        body = item.extra["body"]
        if not body.exact or body.position is None:
            _err(f"{src.display}: not fixed: the body is encoded ({body.content_type}, "
                 f"quoted-printable or base64); fix it in your mail program")
            return [], None
        new_raw, applied = apply_fixes_to_message(src.raw, result.findings, body.position,
                                                  body.charset or "us-ascii")
        if src.path is None:
            item.extra["fixed_raw"] = new_raw
            return applied, None
        if applied:
            why = write_fixed(src.path, new_raw)
            if why is not None:
                _err(f"{src.display}: {why}")
                return [], None
        return applied, None
    if item.kind == "rendered":
        _err(f"{src.display}: not fixed: findings are in the rendered text, fix the template by hand")
        return [], None
    new_text, applied = apply_fixes(item.note.text, result.findings)
    if src.path is None:
        return applied, new_text
    if applied:
        bom = "\ufeff" if src.raw.startswith(b"\xef\xbb\xbf") else ""
        why = write_fixed(src.path, (bom + new_text).encode("utf-8"))
        if why is not None:
            _err(f"{src.display}: {why}")
            return [], None
    return applied, None


def run_check(args: argparse.Namespace) -> int:
    """Run ``check``; returns the exit code."""
    settings = settings_from_args(args)
    honour(settings.config.daemon)
    sources, errors = gather(args.paths or ["."], args, settings.config)
    loaded = _load_all(sources, settings, errors)
    results = _lint(loaded, settings, _job_count(args, len(loaded))) if loaded else []
    reports, fixed_stdin = _apply_fixes(loaded, results, args, errors)
    _print_report(reports, fixed_stdin, args)
    if args.format == "text":
        for note in dict.fromkeys(f"{check} not checked: {why}" for r in reports
                                  for check, why in r.result.skipped.items()):
            _err(f"note: {note}")
    for line in errors:
        _err(line)
    return _exit_code(reports, errors, settings, args)


def templates_base(settings: Settings) -> Path:
    """The folder the config's ``templates`` globs are relative to: the config file's."""
    return settings.config_path.parent if settings.config_path is not None else Path.cwd()


def _load_all(sources: list[Source], settings: Settings, errors: list[str]) -> list[Loaded]:
    """Each source read into a Note; one that cannot be read adds a line to ``errors``."""
    loaded: list[Loaded] = []
    for src in sources:
        try:
            item = load(src, settings.config, settings.template_data, templates_base(settings))
            to_note(item.note)  # the binary-data check, per file, so one bad file does not stop the rest
            loaded.append(item)
        except InputError as e:
            msg = str(e)
            errors.append(msg if msg.startswith(src.display) else f"{src.display}: {msg}")
    return loaded


def _apply_fixes(loaded: list[Loaded], results: list[LintResult], args: argparse.Namespace,
                 errors: list[str]) -> tuple[list[Report], bytes | None]:
    """One report per note, after ``--fix`` (fixed findings leave the report); and for
    standard input with ``--fix``, the bytes to print."""
    reports: list[Report] = []
    fixed_stdin: bytes | None = None
    for item, result in zip(loaded, results, strict=True):
        applied: list[Finding] = []
        if args.fix:
            try:
                applied, text = _fix(item, result)
            except (OSError, FollowupLintError) as e:
                errors.append(f"{item.source.display}: cannot write fixes: {e}")
                applied, text = [], None
            if item.source.path is None:
                # --fix on stdin is a filter: the text always comes out, fixed or not.
                fixed_stdin = text.encode("utf-8") if text is not None else \
                    item.extra.get("fixed_raw", item.source.raw)
        if applied:
            gone = {id(f) for f in applied}
            result.findings = [f for f in result.findings if id(f) not in gone]
        reports.append(Report(path=item.source.display, result=result, position=item.note.line_col,
                              fixed=applied))
    return reports, fixed_stdin


def _print_report(reports: list[Report], fixed_stdin: bytes | None, args: argparse.Namespace) -> None:
    output = FORMATTERS[args.format](reports) if reports or args.format != "text" else ""
    if fixed_stdin is None:
        if output:
            _write(output, args.output, default=sys.stdout)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(fixed_stdin)
    sys.stdout.buffer.flush()
    if output and args.format == "text":
        sys.stderr.write(output)
    elif output:
        _write(output, args.output, default=sys.stderr)


def _exit_code(reports: list[Report], errors: list[str], settings: Settings,
               args: argparse.Namespace) -> int:
    if errors:
        return EXIT_USAGE
    if settings.config.require_grammar:
        missing = [r for r in reports if "grammar" in r.result.skipped]
        if missing:
            _err(f"{PROG}: the grammar check is required (--require-grammar) but did not run: "
                 f"{missing[0].result.skipped['grammar']}")
            return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if counts(reports)["error"] else EXIT_OK


def _write(text: str, path: str | None, default: TextIO) -> None:
    if path:
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as e:
            raise InputError(f"{path}: cannot write the report: {e.strerror or e}") from None
    else:
        default.write(text)
        default.flush()
