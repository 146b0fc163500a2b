"""Report formats: text, json, sarif (2.1.0) and github (workflow commands)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..findings import Finding, LintResult
from ..rules import RULES

Position = Callable[[int], "tuple[int, int]"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/followup-lint/followup-lint"


@dataclass
class Report:
    """One checked file: its display path, result, and how to find end positions."""

    path: str
    result: LintResult
    position: Position
    fixed: list[Finding] = field(default_factory=list)

    def end_of(self, f: Finding) -> tuple[int, int]:
        """1-based (line, column) just after the finding, in the file's coordinates."""
        if f.end <= f.start:
            return f.line, f.column
        line, col = self.position(f.end - 1)
        return line, col + 1


def counts(reports: list[Report]) -> dict[str, int]:
    """Findings by severity, files, and fixes applied."""
    c = {"files": len(reports), "error": 0, "warning": 0, "info": 0,
         "fixed": sum(len(r.fixed) for r in reports)}
    for r in reports:
        for f in r.result.findings:
            c[f.severity] += 1
    return c


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _suggestion(f: Finding) -> str:
    if not f.suggestions:
        return ""
    return " (" + " / ".join(f"'{s}'" for s in f.suggestions[:3]) + ")"


def format_text(reports: list[Report]) -> str:
    """``path:line:col: severity [rule] message (suggestion)`` lines and a summary line."""
    lines = []
    for r in reports:
        for f in r.result.findings:
            lines.append(f"{r.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}{_suggestion(f)}")
    c = counts(reports)
    total = c["error"] + c["warning"] + c["info"]
    files = _plural(c["files"], "file")
    if total:
        summary = (f"Found {_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, "
                   f"{c['info']} info in {files}.")
    else:
        summary = f"All clear: no findings in {files}."
    if c["fixed"]:
        summary += f" Fixed {c['fixed']}."
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _finding_dict(r: Report, f: Finding) -> dict[str, Any]:
    d = f.to_dict()
    d["end_line"], d["end_column"] = r.end_of(f)
    return d


def format_json(reports: list[Report]) -> str:
    """One JSON document: every file with its findings, and a summary."""

    doc = {
        "tool": "followup-lint",
        "version": __version__,
        "files": [
            {
                "path": r.path,
                "ok": r.result.ok,
                "kind": r.result.kind,
                "model": r.result.model,
                "skipped": dict(r.result.skipped),
                "fixed": len(r.fixed),
                "findings": [_finding_dict(r, f) for f in r.result.findings],
            }
            for r in reports
        ],
        "summary": counts(reports),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path)
    if path in ("-", "<stdin>") :
        return "stdin"
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return p.as_posix()


def _rule_descriptors() -> tuple[list[dict[str, Any]], dict[str, int]]:

    descriptors = []
    index = {}
    for i, rule in enumerate(RULES.values()):
        index[rule.id] = i
        help_text = rule.why
        if rule.bad:
            help_text += f"\n\nBad: {rule.bad[0].text}"
        if rule.good:
            help_text += f"\nGood: {rule.good[0].text}"
        descriptors.append({
            "id": rule.id,
            "name": "".join(w.capitalize() for w in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"category": rule.category, "fix": rule.fix,
                           **({"source": rule.source} if rule.source else {})},
        })
    return descriptors, index


def sarif_document(reports: list[Report]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; rules are described in tool.driver.rules."""

    rules, index = _rule_descriptors()
    results = []
    for r in reports:
        uri = _uri(r.path)
        for f in r.result.findings:
            end_line, end_col = r.end_of(f)
            region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column,
                      "endLine": end_line, "endColumn": end_col}
            if f.text:
                region["snippet"] = {"text": f.text}
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message + _suggestion(f)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                    "region": region}}],
                "properties": {"category": f.category, "source": f.source,
                               "suggestions": list(f.suggestions)},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if f.fix_safe and f.suggestions:
                result["fixes"] = [{
                    "description": {"text": f"Replace with '{f.suggestions[0]}'"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [{
                            "deletedRegion": {k: v for k, v in region.items() if k != "snippet"},
                            "insertedContent": {"text": f.suggestions[0]},
                        }],
                    }],
                }]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "followup-lint", "version": __version__,
                                "semanticVersion": __version__, "informationUri": INFO_URI,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def format_sarif(reports: list[Report]) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(sarif_document(reports), indent=2, ensure_ascii=False) + "\n"


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def format_github(reports: list[Report]) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message``."""
    lines = []
    for r in reports:
        for f in r.result.findings:
            end_line, end_col = r.end_of(f)
            props = [f"file={_gh_escape_prop(r.path)}", f"line={f.line}", f"col={f.column}",
                     f"endLine={end_line}", f"endColumn={end_col}",
                     f"title={_gh_escape_prop('followup-lint [' + f.rule + ']')}"]
            lines.append(f"::{_GH_LEVEL[f.severity]} {','.join(props)}::"
                         f"{_gh_escape_data(f.message + _suggestion(f))}")
    return "".join(line + "\n" for line in lines)


FORMATTERS: dict[str, Callable[[list[Report]], str]] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}
