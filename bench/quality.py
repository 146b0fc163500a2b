"""Precision, recall and F1 per rule on the labelled corpus, with baselines beside us.

    python bench/quality.py [--json PATH] [--no-grammar] [--languagetool-url URL]
                            [--lt-jars DIR] [--no-baselines] [--examples N] [--corpus DIR]

Every note in bench/corpus/*.jsonl (see bench/make_corpus.py) is linted with its roster,
NoteContext and config. Findings are matched to labels by rule and span overlap, one finding
per label (a second finding on an already matched label is a duplicate, counted apart).
For the rules in EXHAUSTIVE the corpus is labelled completely, so every unmatched finding is a
false positive; for the others (grammar, spelling, length, missing-role) only findings on a
"must not" label count as false positives and the rest are reported as unlabelled.

Grammar runs when a LanguageTool server is reachable: --languagetool-url, or
$FOLLOWUP_LINT_LANGUAGETOOL_URL, or the server followup_lint.languagetool reports, or one this
script starts from --lt-jars DIR (LanguageTool's jars; stopped at the end). Otherwise the run is
grammar=False and says so.

Baselines on the same notes: (a) LanguageTool alone through language_tool_python on the same
server (its spelling rule standing in for the name check), (b) the keyword list in
bench/baselines/tone_keywords.txt for the tone rules, (c) proselint, its checks mapped to tone
where that makes sense.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
KEYWORDS = HERE / "baselines" / "tone_keywords.txt"

TONE = ("accusatory", "pushy", "passive-aggressive", "desperate")
NAMES = ("name-misspelled", "name-unknown", "name-nickname", "title-mismatch")
TIMING = ("late-thank-you", "too-soon", "too-frequent")
#: Rules the corpus labels completely: any finding of theirs that matches no label is wrong.
EXHAUSTIVE = frozenset(NAMES + TONE + TIMING + ("company-mismatch", "placeholder-unfilled",
                                               "missing-thanks"))
#: Rules labelled only where a label says so (LanguageTool and length have opinions beyond them).
PARTIAL = ("spelling", "grammar", "too-long", "long-sentence", "missing-role")
ALL_RULES = NAMES + TONE + TIMING + ("company-mismatch", "placeholder-unfilled", "missing-thanks") + PARTIAL

#: proselint checks that say something about tone, by check-path prefix.
PROSELINT_TONE = {
    "typography.punctuation.hyperbole": "pushy",       # "??", "!!!"
    "typography.punctuation.exclamation": "pushy",
    "industrial_language.chatspeak": "pushy",          # "ASAP"
}
TARGETS = {"name-misspelled": (0.95, 0.95), "tone_f1": 0.9, "roster_as_spelling": 0}


# ---------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------

def load_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """Every labelled note in ``folder``/*.jsonl, with label offsets checked."""
    notes = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            note = json.loads(line)
            for label in note["expect"] + note["forbid"]:
                span = label.get("span")
                if span is not None:
                    start = label["start"]
                    if note["text"][start:start + len(span)] != span:
                        raise ValueError(f"{path.name}:{n}: label {span!r} is not at {start}")
            notes.append(note)
    return notes


def note_context(ctx: dict[str, Any]) -> Any:
    """The NoteContext of a corpus note (ISO strings become datetimes)."""
    from followup_lint import NoteContext

    values = dict(ctx)
    for key in ("interviewed_at", "decision_expected_by", "sent_at"):
        if isinstance(values.get(key), str):
            values[key] = datetime.fromisoformat(values[key])
    values["previous_followups"] = [datetime.fromisoformat(v) for v in values.get("previous_followups", [])]
    return NoteContext(**values)


# ---------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pred:
    """One finding, from us or from a baseline."""

    rule: str
    start: int
    end: int
    text: str = ""
    suggestions: tuple[str, ...] = ()
    message: str = ""
    source: str = ""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dup: int = 0
    unlabelled: int = 0
    labels: int = 0
    suggest_ok: int = 0
    suggest_total: int = 0
    fps: list[dict[str, Any]] = field(default_factory=list)
    fns: list[dict[str, Any]] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        for k in ("tp", "fp", "fn", "dup", "unlabelled", "labels", "suggest_ok", "suggest_total"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.fps += other.fps
        self.fns += other.fns
        self.extra += other.extra

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self, examples: int = 10) -> dict[str, Any]:
        return {"labels": self.labels, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "duplicates": self.dup, "unlabelled": self.unlabelled,
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "suggestion_accuracy": (self.suggest_ok / self.suggest_total
                                        if self.suggest_total else None),
                "false_positives": self.fps[:examples], "false_negatives": self.fns[:examples],
                "unlabelled_examples": self.extra[:examples]}


def _span(label: dict[str, Any]) -> tuple[int, int] | None:
    if label.get("span") is None:
        return None
    return label["start"], label["start"] + len(label["span"])


def _overlaps(a: tuple[int, int] | None, p: Pred) -> bool:
    if a is None:
        return True
    # A zero-width finding counts when it sits inside the span.
    return p.start < a[1] and a[0] < max(p.end, p.start + 1)


def _snippet(text: str, start: int, end: int, pad: int = 40) -> str:
    s, e = max(0, start - pad), min(len(text), end + pad)
    return (text[s:start] + "[[" + text[start:end] + "]]" + text[end:e]).replace("\n", " ")


def _suggestion_ok(text: str, label: dict[str, Any], p: Pred) -> bool:
    """The first suggestion is the roster spelling, for the span flagged or the label's word."""
    if not p.suggestions:
        return False
    want = label["suggestion"]
    best = p.suggestions[0]
    if best == want:
        return True
    s, e = _span(label) or (p.start, p.end)
    if p.start <= s and e <= p.end:  # the finding covers more than the word: "Katherine Smith"
        return best == text[p.start:s] + want + text[e:p.end]
    return False


def score_note(note: dict[str, Any], preds: Sequence[Pred], rules: Iterable[str],
               exhaustive: frozenset[str] = EXHAUSTIVE) -> dict[str, Counts]:
    """Counts per rule for one note: labels matched to findings by rule and span overlap."""
    out: dict[str, Counts] = {}
    text = note["text"]
    for rule in rules:
        c = Counts()
        labels = [e for e in note["expect"] if e["rule"] == rule]
        found = sorted((p for p in preds if p.rule == rule), key=lambda p: (p.start, p.end))
        used: set[int] = set()
        c.labels = len(labels)
        for label in labels:
            span = _span(label)
            best, best_overlap = None, -1
            for i, p in enumerate(found):
                if i in used or not _overlaps(span, p):
                    continue
                ov = min(p.end, span[1]) - max(p.start, span[0]) if span else 0
                if ov > best_overlap:
                    best, best_overlap = i, ov
            if best is None:
                c.fn += 1
                where = span or (0, 0)
                c.fns.append({"note": note["id"], "span": label.get("span"),
                              "model": label.get("model"),
                              "context": _snippet(text, *where) if span else text[:80].replace("\n", " ")})
                continue
            used.add(best)
            c.tp += 1
            if label.get("suggestion") is not None:
                c.suggest_total += 1
                c.suggest_ok += _suggestion_ok(text, label, found[best])
        for i, p in enumerate(found):
            if i in used:
                continue
            if any(_overlaps(_span(l), p) for l in labels):
                c.dup += 1
                continue
            forbidden = any(rule in f["rules"] and _overlaps(_span(f), p) for f in note["forbid"])
            item = {"note": note["id"], "text": p.text, "message": p.message, "source": p.source,
                    "context": _snippet(text, p.start, p.end)}
            if rule in exhaustive or forbidden:
                c.fp += 1
                c.fps.append(item)
            else:
                c.unlabelled += 1
                c.extra.append(item)
        out[rule] = c
    return out


def score(notes: Sequence[dict[str, Any]], preds: Sequence[Sequence[Pred]], rules: Iterable[str],
          exhaustive: frozenset[str] = EXHAUSTIVE) -> dict[str, Counts]:
    """Counts per rule over the whole corpus."""
    rules = tuple(rules)
    total = {r: Counts() for r in rules}
    for note, ps in zip(notes, preds):
        for r, c in score_note(note, ps, rules, exhaustive).items():
            total[r].add(c)
    return total


def micro(counts: dict[str, Counts], rules: Iterable[str]) -> Counts:
    """One Counts summed over ``rules``."""
    c = Counts()
    for r in rules:
        if r in counts:
            c.add(counts[r])
    return c


def roster_names_as_spelling(notes: Sequence[dict[str, Any]], preds: Sequence[Sequence[Pred]],
                             rule: str = "spelling") -> tuple[int, int, list[str]]:
    """(roster-name occurrences reported as ``rule``, roster-name occurrences, examples)."""
    hits, total, examples = 0, 0, []
    for note, ps in zip(notes, preds):
        for f in note["forbid"]:
            if f.get("what") != "roster":
                continue
            total += 1
            span = _span(f)
            if any(p.rule == rule and _overlaps(span, p) for p in ps):
                hits += 1
                examples.append(f"{note['id']}: {f['span']}")
    return hits, total, examples


# ---------------------------------------------------------------------------------------
# LanguageTool server
# ---------------------------------------------------------------------------------------

def _alive(url: str) -> bool:
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/languages", timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


def _project_server_url() -> tuple[str | None, str]:
    """The project's shared server (started when its jars are installed), and how."""
    try:
        from followup_lint.languagetool import installed
        from followup_lint.languagetool.server import ensure_server, status
    except ImportError:
        return None, "followup_lint.languagetool is not there"
    state = status()
    if state is not None:
        return state.url, "the project's shared server (already running)"
    if not installed():
        return None, "LanguageTool is not installed (followup-lint languagetool install)"
    try:
        return ensure_server(), "the project's shared server (started for this run)"
    except Exception as e:  # noqa: BLE001 - GrammarUnavailable and friends: report, go on
        return None, f"the project's server did not start: {e}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(jars: Path, timeout: float = 90.0) -> tuple[str, subprocess.Popen[bytes]]:
    """Start LanguageTool from its jars on 127.0.0.1 and a free port; wait until it answers."""
    port = _free_port()
    proc = subprocess.Popen(
        ["java", "-Xmx1g", "-cp", str(jars / "*"), "org.languagetool.server.HTTPServer",
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"LanguageTool exited with status {proc.returncode}")
        if _alive(url):
            return url, proc
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"LanguageTool did not answer on {url} within {timeout:.0f} s")


def find_server(args: argparse.Namespace) -> tuple[str | None, str, subprocess.Popen[bytes] | None]:
    """(url or None, how it was found or why there is none, process we started)."""
    for url, how in ((args.languagetool_url, "--languagetool-url"),
                     (os.environ.get("FOLLOWUP_LINT_LANGUAGETOOL_URL"), "$FOLLOWUP_LINT_LANGUAGETOOL_URL")):
        if url:
            if _alive(url):
                return url, how, None
            return None, f"{how} gave {url}, which does not answer", None
    if args.lt_jars:
        try:
            url, proc = start_server(Path(args.lt_jars))
            return url, f"started from {args.lt_jars}", proc
        except (OSError, RuntimeError) as e:
            return None, f"could not start LanguageTool: {e}", None
    url, how = _project_server_url()
    if url and _alive(url):
        return url, how, None
    return None, how, None


# ---------------------------------------------------------------------------------------
# Systems under test
# ---------------------------------------------------------------------------------------

def run_ours(notes: Sequence[dict[str, Any]], grammar: bool, url: str | None
             ) -> tuple[list[list[Pred]], dict[str, Any]]:
    """Our findings for every note, and facts about the run."""
    from followup_lint import Config, lint_note
    from followup_lint.errors import FollowupLintError

    preds: list[list[Pred]] = []
    skipped: Counter[str] = Counter()
    errors: list[str] = []
    kind_right = kind_total = 0
    model = None
    t0 = time.perf_counter()
    for note in notes:
        settings: dict[str, Any] = {"grammar": grammar}
        if grammar:
            settings["languagetool_url"] = url
            settings["languagetool_language"] = note.get("config", {}).get("languagetool_language", "en-US")
        try:
            result = lint_note(note["text"], roster=note["roster"] or None,
                               context=note_context(note["context"]), config=Config(**settings))
        except FollowupLintError as e:
            errors.append(f"{note['id']}: {e}")
            preds.append([])
            continue
        model = result.model
        for check, why in result.skipped.items():
            skipped[f"{check}: {why}"] += 1
        if "kind" not in note["context"]:
            kind_total += 1
            kind_right += result.kind == note["kind"]
        preds.append([Pred(f.rule, f.start, f.end, f.text, tuple(f.suggestions), f.message, f.source)
                      for f in result.findings])
    info = {"seconds": round(time.perf_counter() - t0, 2), "model": model,
            "skipped": dict(skipped), "errors": errors,
            "kind_detection": {"right": kind_right, "total": kind_total,
                               "accuracy": kind_right / kind_total if kind_total else None}}
    return preds, info


def _is_spelling(m: Any) -> bool:
    return m.rule_id.startswith(("MORFOLOGIK_RULE", "HUNSPELL")) or m.category == "TYPOS" \
        and m.rule_issue_type == "misspelling"


def run_languagetool(notes: Sequence[dict[str, Any]], url: str) -> list[list[Pred]]:
    """LanguageTool alone: spelling matches become "spelling" (and "name-misspelled" where they
    fall on a name the corpus knows about), the rest "grammar"."""
    import language_tool_python

    tools: dict[str, Any] = {}
    out = []
    for note in notes:
        lang = note.get("config", {}).get("languagetool_language", "en-US")
        if lang not in tools:
            tools[lang] = language_tool_python.LanguageTool(lang, remote_server=url)
        text = note["text"]
        names = [_span(e) for e in note["expect"] if e["rule"] == "name-misspelled"]
        names += [_span(f) for f in note["forbid"] if f.get("what") == "roster"]
        ps = []
        for m in tools[lang].check(text):
            s, e = m.offset, m.offset + m.error_length
            rule = "spelling" if _is_spelling(m) else "grammar"
            p = Pred(rule, s, e, text[s:e], tuple(m.replacements[:5]), f"{m.rule_id}: {m.message}")
            ps.append(p)
            if rule == "spelling" and any(n and _overlaps(n, p) for n in names):
                ps.append(Pred("name-misspelled", s, e, p.text, p.suggestions, p.message))
        out.append(ps)
    for tool in tools.values():
        tool.close()
    return out


def load_keywords(path: Path = KEYWORDS) -> dict[str, list[str]]:
    """{rule: [phrase, ...]} from the keyword baseline file."""
    table: dict[str, list[str]] = defaultdict(list)
    rule = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            rule = line[1:-1]
        elif rule:
            table[rule].append(line.casefold())
    return dict(table)


def run_keywords(notes: Sequence[dict[str, Any]], table: dict[str, list[str]]) -> list[list[Pred]]:
    """Every case-insensitive occurrence of every phrase is a finding of its rule."""
    out = []
    for note in notes:
        low = note["text"].casefold()
        ps = []
        for rule, phrases in table.items():
            for ph in phrases:
                i = low.find(ph)
                while i >= 0:
                    ps.append(Pred(rule, i, i + len(ph), note["text"][i:i + len(ph)]))
                    i = low.find(ph, i + 1)
        out.append(ps)
    return out


def run_proselint(notes: Sequence[dict[str, Any]]) -> tuple[list[list[Pred]], Counter[str], Counter[str]]:
    """proselint's findings (tone-mapped ones as that rule), counts per check, and per check
    on notes that carry no tone label."""
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    out: list[list[Pred]] = []
    per_check: Counter[str] = Counter()
    on_clean: Counter[str] = Counter()
    for note in notes:
        text = note["text"]
        clean = not any(e["rule"] in TONE for e in note["expect"])
        ps = []
        for r in LintFile(note["id"], text).lint():
            path = r.check_result.check_path
            s, e = r.check_result.span
            s, e = max(0, s - 1), max(0, e - 1)  # LintFile pads the text with a newline
            per_check[path] += 1
            on_clean[path] += clean
            rule = next((v for k, v in PROSELINT_TONE.items() if path.startswith(k)), f"proselint:{path}")
            ps.append(Pred(rule, s, e, text[s:e], (), r.check_result.message))
        out.append(ps)
    return out, per_check, on_clean


# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------

def _f(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def table(title: str, counts: dict[str, Counts], rules: Iterable[str]) -> list[str]:
    lines = [f"\n{title}",
             f"{'rule':22} {'labels':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>5} {'R':>5} {'F1':>5} "
             f"{'dup':>4} {'unlab':>5}"]
    for r in rules:
        c = counts.get(r)
        if c is None:
            continue
        lines.append(f"{r:22} {c.labels:6d} {c.tp:4d} {c.fp:4d} {c.fn:4d} {_f(c.precision):>5} "
                     f"{_f(c.recall):>5} {_f(c.f1):>5} {c.dup:4d} {c.unlabelled:5d}")
    return lines


def by_field(notes: Sequence[dict[str, Any]], preds: Sequence[Sequence[Pred]], key: str) -> dict[str, str]:
    """name-misspelled recall split by a label field (model) or note field (origin)."""
    hit: Counter[str] = Counter()
    tot: Counter[str] = Counter()
    for note, ps in zip(notes, preds):
        for e in note["expect"]:
            if e["rule"] != "name-misspelled":
                continue
            k = str(e.get(key) or "hand")
            tot[k] += 1
            hit[k] += any(p.rule == "name-misspelled" and _overlaps(_span(e), p) for p in ps)
    return {k: f"{hit[k]}/{tot[k]}" for k in sorted(tot)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-grammar", action="store_true", help="do not use LanguageTool at all")
    ap.add_argument("--languagetool-url")
    ap.add_argument("--lt-jars", help="a folder of LanguageTool jars to start a server from")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--examples", type=int, default=3, help="worst examples shown per rule")
    args = ap.parse_args(argv)

    notes = load_corpus(args.corpus)
    from followup_lint.rules import RULES

    present = [r for r in ALL_RULES if r in RULES]
    absent = [r for r in ALL_RULES if r not in RULES]
    url, how, proc = (None, "--no-grammar", None) if args.no_grammar else find_server(args)
    report: dict[str, Any] = {"notes": len(notes), "corpus": str(args.corpus),
                              "languagetool": {"url": url, "how": how},
                              "rules_absent": absent}
    out: list[str] = [f"{len(notes)} notes from {args.corpus}",
                      f"LanguageTool: {url or 'none'} ({how}); grammar {'on' if url else 'OFF'}"]
    if absent:
        out.append(f"rules not in the registry yet (not scored): {', '.join(absent)}")
    if url is None:  # grammar and spelling cannot fire: do not score them as misses
        skipped_rules = [r for r in present if RULES[r].needs_grammar]
        present = [r for r in present if r not in skipped_rules]
        out.append(f"not scored without LanguageTool: {', '.join(skipped_rules)}")
    try:
        preds, info = run_ours(notes, grammar=url is not None, url=url)
        counts = score(notes, preds, present)
        report["ours"] = {"info": info, "rules": {r: c.to_dict(args.examples * 4) for r, c in counts.items()}}
        out.append(f"\nours: model {info['model']}, {info['seconds']} s for {len(notes)} notes")
        for why, n in info["skipped"].items():
            out.append(f"  skipped on {n} notes: {why}")
        for err in info["errors"][:5]:
            out.append(f"  error: {err}")
        out += table("== followup-lint ==", counts, present)
        groups = {"all exhaustive rules": [r for r in present if r in EXHAUSTIVE],
                  "names": [r for r in NAMES if r in counts], "tone": [r for r in TONE if r in counts]}
        for name, rules in groups.items():
            m = micro(counts, rules)
            out.append(f"{'micro: ' + name:30} P {_f(m.precision)}  R {_f(m.recall)}  F1 {_f(m.f1)}")
            report["ours"][f"micro_{name.replace(' ', '_')}"] = {"precision": m.precision,
                                                                 "recall": m.recall, "f1": m.f1}
        nm = counts.get("name-misspelled")
        if nm is not None and nm.suggest_total:
            out.append(f"name-misspelled suggestion right: {nm.suggest_ok}/{nm.suggest_total}")
        report["ours"]["name_recall_by_model"] = by_field(notes, preds, "model")
        report["ours"]["name_recall_by_origin"] = by_field(notes, preds, "origin")
        out.append(f"name-misspelled recall by error model: {report['ours']['name_recall_by_model']}")
        out.append(f"name-misspelled recall by origin: {report['ours']['name_recall_by_origin']}")
        kd = info["kind_detection"]
        out.append(f"kind detected right (notes without a kind in context): {kd['right']}/{kd['total']}")
        hits, total, ex = roster_names_as_spelling(notes, preds)
        report["ours"]["roster_names_as_spelling"] = {"hits": hits, "occurrences": total, "examples": ex[:20]}
        out.append(f"roster names reported as spelling errors: {hits} of {total} occurrences"
                   + ("" if url else " (grammar off: not measured)"))
        # Targets
        checks = []
        if nm is not None:
            p, r = nm.precision or 0.0, nm.recall or 0.0
            checks.append(("name-misspelled P>=0.95 and R>=0.95", p >= 0.95 and r >= 0.95))
        for t in TONE:
            if t in counts:
                checks.append((f"{t} F1>=0.9", (counts[t].f1 or 0.0) >= 0.9))
        if url:
            checks.append(("no roster name reported as spelling", hits == 0))
        report["targets"] = {k: v for k, v in checks}
        out.append("targets: " + "; ".join(f"{k}: {'PASS' if v else 'FAIL'}" for k, v in checks))
        # Worst examples
        out.append("\n== worst examples (ours) ==")
        for r in present:
            c = counts[r]
            for item in c.fns[: args.examples]:
                out.append(f"  FN {r:20} {item['note']}: {item['context']}")
            for item in c.fps[: args.examples]:
                out.append(f"  FP {r:20} {item['note']}: {item['context']}  -- {item['message'][:90]}")

        if not args.no_baselines:
            base: dict[str, Any] = {}
            if url:
                lt_preds = run_languagetool(notes, url)
                lt_counts = score(notes, lt_preds, ("name-misspelled", "spelling", "grammar"),
                                  exhaustive=frozenset())
                hits_lt, total_lt, ex_lt = roster_names_as_spelling(notes, lt_preds)
                base["languagetool"] = {"rules": {r: c.to_dict(args.examples) for r, c in lt_counts.items()},
                                        "roster_names_as_spelling": {"hits": hits_lt, "occurrences": total_lt,
                                                                     "examples": ex_lt[:20]}}
                out += table("== baseline (a): LanguageTool alone (spelling stands in for names) ==",
                             lt_counts, ("name-misspelled", "spelling", "grammar"))
                out.append(f"roster names reported as spelling errors: {hits_lt} of {total_lt} occurrences")
            else:
                out.append("\n== baseline (a): LanguageTool alone: not run (no server) ==")
            kw_counts = score(notes, run_keywords(notes, load_keywords()), TONE)
            base["keywords"] = {r: c.to_dict(args.examples) for r, c in kw_counts.items()}
            out += table("== baseline (b): keyword list (bench/baselines/tone_keywords.txt) ==", kw_counts, TONE)
            m = micro(kw_counts, TONE)
            out.append(f"{'micro: tone':30} P {_f(m.precision)}  R {_f(m.recall)}  F1 {_f(m.f1)}")
            pl_preds, per_check, on_clean = run_proselint(notes)
            pl_counts = score(notes, pl_preds, TONE)
            base["proselint"] = {"tone": {r: c.to_dict(args.examples) for r, c in pl_counts.items()},
                                 "mapping": PROSELINT_TONE, "per_check": dict(per_check.most_common()),
                                 "per_check_on_tone_clean_notes": dict(on_clean.most_common())}
            out += table("== baseline (c): proselint 0.16.0, checks mapped to tone ==", pl_counts, TONE)
            out.append(f"proselint findings: {sum(per_check.values())} in {len(notes)} notes; "
                       f"top checks (all / on tone-clean notes):")
            for path, n in per_check.most_common(8):
                out.append(f"  {path:45} {n:4d} / {on_clean[path]:4d}")
            report["baselines"] = base
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)
    print("\n".join(out))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
