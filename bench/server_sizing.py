"""How should the LanguageTool server be sized? One run compares several JVM heaps, collectors
and LanguageTool settings side by side, all servers up at once and the phases interleaved
(round-robin), so the load of a shared machine falls on every configuration alike.

For each configuration it reports notes/s with 1 and with 4 concurrent clients on a fresh
server, then again after the server has checked ``--old`` distinct notes (the corpus notes
with names, numbers and one inserted word varied, so sentences are new and LanguageTool's
result cache cannot hide the work), with the server's resident memory, old-generation fill
and the share of its life spent collecting (jstat).

The servers are started directly (ports of their own, no followup-lint state), so a server
you are running is neither reused nor stopped.

Usage: python bench/server_sizing.py [--old 2000] [--sample 60] [--configs base,g1-512]

``--aging N`` answers a narrower question for one configuration (the first of ``--configs``,
default today's serial-512-c500-pipe): is a server that has checked N distinct notes as fast as a
fresh one? It ages one server with N distinct notes, then starts a fresh server of the same
configuration, warms its JIT, and times ``--rounds`` rounds; each round is a new block of
distinct notes sent to both servers (which goes first alternates), so the machine's load falls
on both alike. Per round: notes/s of each, the old/fresh ratio, and the share of the round's
wall time each JVM spent collecting (jstat GCT delta); resident memory at the end.

Usage: python bench/server_sizing.py --aging 5000 [--rounds 8] [--sample 40]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from followup_lint.languagetool.install import lib_dir  # noqa: E402
from followup_lint.languagetool.limits import MAX_TEXT  # noqa: E402
from followup_lint.languagetool.security import SERVER_CLASS  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Config:
    name: str
    heap: str
    gc: str
    props: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    port: int = 0
    started: float = 0.0
    checked: int = 0
    rows: dict[str, float] = field(default_factory=dict)


CONFIGS = [
    # Today's default: the one the issue saw fill up.
    Config("serial-256-c2000", "256m", "-XX:+UseSerialGC", {"cacheSize": "2000"}),
    Config("serial-256-c0", "256m", "-XX:+UseSerialGC", {"cacheSize": "0"}),
    Config("serial-512-c500", "512m", "-XX:+UseSerialGC", {"cacheSize": "500"}),
    Config("parallel-512-c500", "512m", "-XX:+UseParallelGC", {"cacheSize": "500"}),
    Config("g1-512-c500", "512m", "-XX:+UseG1GC", {"cacheSize": "500"}),
    Config("g1-1g-c500", "1g", "-XX:+UseG1GC", {"cacheSize": "500"}),
    Config("serial-1g-c500", "1g", "-XX:+UseSerialGC", {"cacheSize": "500"}),
    Config("g1-1g-c2000-pipe", "1g", "-XX:+UseG1GC",
           {"cacheSize": "2000", "pipelineCaching": "true", "maxPipelinePoolSize": "4"}),
    Config("serial-512-c500-pipe", "512m", "-XX:+UseSerialGC",
           {"cacheSize": "500", "pipelineCaching": "true", "maxPipelinePoolSize": "4"}),
    Config("serial-512-c500-t2", "512m", "-XX:+UseSerialGC",
           {"cacheSize": "500", "maxCheckThreads": "2"}),
]

NAMES = ["Okafor", "Lindqvist", "Haruto", "Mbeki", "Castellanos", "Iyer", "Novak", "Brennan",
         "Adeyemi", "Kowalczyk", "Tanaka", "Moreau", "Sandoval", "Whitfield", "Zhou", "Petrova",
         "Abernathy", "Quispe", "Rahman", "Oyelaran", "Sørensen", "Delacroix", "Hartmann"]
FILLERS = ["really", "also", "truly", "certainly", "especially", "recently", "still", "again",
           "already", "always", "clearly", "gladly", "simply", "honestly", "genuinely",
           "quite", "very", "just", "even", "indeed"]
WORD = re.compile(r"\b[a-z]{3,}\b")


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def vary(text: str, rng: random.Random) -> str:
    """A distinct note: capitalised names and numbers swapped, and one filler word inserted
    in every sentence, so (almost) no sentence repeats across thousands of notes."""
    text = re.sub(r"\d+", lambda m: str(rng.randint(2, 99)), text)
    text = re.sub(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b", lambda m: rng.choice(NAMES), text)
    out = []
    for sentence in re.split(r"(?<=[.!?])(\s+)", text):
        words = list(WORD.finditer(sentence))
        if len(words) > 2:
            w = rng.choice(words[1:])
            sentence = sentence[:w.start()] + rng.choice(FILLERS) + " " + sentence[w.start():]
        out.append(sentence)
    return "".join(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cfg: Config, workdir: Path) -> None:
    props = workdir / f"{cfg.name}.properties"
    props.write_text(f"maxTextLength={MAX_TEXT}\nmaxCheckTimeMillis=60000\n"
                     + "".join(f"{k}={v}\n" for k, v in cfg.props.items()), encoding="utf-8")
    cfg.port = free_port()
    log = open(workdir / f"{cfg.name}.log", "wb")  # noqa: SIM115
    cfg.proc = subprocess.Popen(
        ["java", f"-Xmx{cfg.heap}", cfg.gc, "-Dfile.encoding=UTF-8", "-cp", str(lib_dir() / "*"),
         SERVER_CLASS, "--port", str(cfg.port), "--config", str(props)],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=workdir)
    cfg.started = time.time()


def check(cfg: Config, text: str) -> None:
    r = requests.post(f"http://127.0.0.1:{cfg.port}/v2/check",
                      data={"text": text, "language": "en-US"}, timeout=120)
    r.raise_for_status()
    cfg.checked += 1


def wait_ready(cfg: Config) -> None:
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            check(cfg, "Thank you for you time yesterday; I enjoyed meeting the team.")
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise SystemExit(f"{cfg.name} did not start")


def jvm_cpu(cfg: Config) -> float:
    """CPU seconds (user + system) the server's JVM has used."""
    assert cfg.proc is not None
    fields = Path(f"/proc/{cfg.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drive(cfg: Config, notes: list[str], clients: int) -> float:
    """notes/s for ``notes`` sent by ``clients`` concurrent clients; the JVM's CPU time per
    note is added up in ``cfg.rows`` (a loaded machine changes it much less than notes/s)."""
    c0 = jvm_cpu(cfg)
    t = time.perf_counter()
    try:
        return _drive(cfg, notes, clients, t)
    finally:
        cfg.rows["cpu s"] = cfg.rows.get("cpu s", 0.0) + jvm_cpu(cfg) - c0
        cfg.rows["cpu n"] = cfg.rows.get("cpu n", 0.0) + len(notes)


def _drive(cfg: Config, notes: list[str], clients: int, t: float) -> float:
    if clients == 1:
        for n in notes:
            check(cfg, n)
    else:
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(lambda n: check(cfg, n), notes))
    return len(notes) / (time.perf_counter() - t)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def gc_stats(cfg: Config) -> tuple[float, int, float]:
    """(old generation % full, full collections, share of life spent collecting)."""
    assert cfg.proc is not None
    out = subprocess.run(["jstat", "-gcutil", str(cfg.proc.pid)], capture_output=True,
                         text=True, timeout=60).stdout.split("\n")
    head, vals = out[0].split(), out[1].split()
    row = dict(zip(head, vals, strict=False))
    life = time.time() - cfg.started
    return float(row["O"]), int(row["FGC"]), float(row["GCT"]) / life


def gc_time(cfg: Config) -> tuple[float, float, int]:
    """(seconds spent collecting so far, old generation % full, full collections)."""
    assert cfg.proc is not None
    out = subprocess.run(["jstat", "-gcutil", str(cfg.proc.pid)], capture_output=True,
                         text=True, timeout=60).stdout.split("\n")
    row = dict(zip(out[0].split(), out[1].split(), strict=False))
    return float(row["GCT"]), float(row["O"]), int(row["FGC"])


def distinct_notes(base: list[str], rng: random.Random, n: int, seen: set[str]) -> list[str]:
    """``n`` varied notes none of whose sentences was produced before (``seen`` grows)."""
    out: list[str] = []
    while len(out) < n:
        note = vary(rng.choice(base), rng)
        sents = [x.strip() for x in re.split(r"(?<=[.!?])\s+", note) if len(x.split()) > 3]
        if any(x in seen for x in sents):
            continue
        seen.update(sents)
        out.append(note)
    return out


def run_aging(args: argparse.Namespace) -> None:
    if args.sample == 60:
        args.sample = 40
    name = args.configs.split(",")[0] if args.configs else "serial-512-c500-pipe"
    proto = next(c for c in CONFIGS if c.name == name)
    old = Config("old " + name, proto.heap, proto.gc, dict(proto.props))
    new = Config("fresh " + name, proto.heap, proto.gc, dict(proto.props))
    base = corpus_texts()
    rng = random.Random(5)
    seen: set[str] = set()
    workdir = Path(tempfile.mkdtemp(prefix="lt-aging-"))
    load = lambda: " ".join(Path("/proc/loadavg").read_text().split()[:3])  # noqa: E731
    try:
        start(old, workdir)
        wait_ready(old)
        t0 = time.time()
        print(f"aging {name} with {args.aging} distinct notes, 4 clients; load {load()}",
              file=sys.stderr, flush=True)
        for i in range(0, args.aging, 250):
            if args.max_minutes and time.time() - t0 > 60 * args.max_minutes:
                print(f"  stopped at {i} notes: --max-minutes", file=sys.stderr, flush=True)
                break
            drive(old, distinct_notes(base, rng, min(250, args.aging - i), seen), 4)
            print(f"  aged {min(i + 250, args.aging)} ({time.time() - t0:.0f} s, load {load()})",
                  file=sys.stderr, flush=True)
        aged_s, aged_n = time.time() - t0, old.checked - 1
        start(new, workdir)
        wait_ready(new)
        drive(new, distinct_notes(base, rng, 60, seen), 4)  # JIT warm-up, as the old one had
        drive(old, distinct_notes(base, rng, 20, seen), 4)
        print(f"\n{name}: old server aged with {aged_n} distinct notes in {aged_s:.0f} s "
              f"(its {old.checked} checks in all); {args.rounds} rounds of {args.sample} new "
              f"distinct notes each, 4 clients, both servers each round, order alternating. "
              f"cpus={os.cpu_count()}, load at start {load()}\n")
        print("| round | load | fresh n/s | old n/s | old/fresh | fresh GC % | old GC % |")
        print("|---" * 7 + "|")
        ratios, gcs = [], {"old": 0.0, "fresh": 0.0}
        wall = {"old": 0.0, "fresh": 0.0}
        for r in range(args.rounds):
            block = distinct_notes(base, rng, args.sample, seen)
            res = {}
            order = [("fresh", new), ("old", old)]
            for tag, cfg in (order if r % 2 == 0 else order[::-1]):
                g0 = gc_time(cfg)[0]
                t = time.perf_counter()
                drive(cfg, block, 4)
                dt = time.perf_counter() - t
                dg = gc_time(cfg)[0] - g0
                res[tag] = (args.sample / dt, 100 * dg / dt)
                gcs[tag] += dg
                wall[tag] += dt
            ratios.append(res["old"][0] / res["fresh"][0])
            print(f"| {r + 1} | {load()} | {res['fresh'][0]:.2f} | {res['old'][0]:.2f} "
                  f"| {ratios[-1]:.2f} | {res['fresh'][1]:.1f} | {res['old'][1]:.1f} |",
                  flush=True)
        ratios.sort()
        tot = {k: args.sample * args.rounds / wall[k] for k in wall}
        print(f"\nold/fresh notes/s: median {ratios[len(ratios) // 2]:.2f}, "
              f"range {ratios[0]:.2f}-{ratios[-1]:.2f}; over all rounds fresh {tot['fresh']:.2f} "
              f"n/s, old {tot['old']:.2f} n/s ({tot['old'] / tot['fresh']:.2f}x)")
        for tag, cfg in (("fresh", new), ("old", old)):
            assert cfg.proc is not None
            gct, oldpct, fgc = gc_time(cfg)
            print(f"{tag}: {cfg.checked} checks, RSS {rss_mb(cfg.proc.pid):.0f} MB, old gen "
                  f"{oldpct:.0f}% full, {fgc} full GCs, {gct:.1f} s collecting in its life "
                  f"({100 * gct / (time.time() - cfg.started):.1f}% of it), "
                  f"{100 * gcs[tag] / wall[tag]:.1f}% of the timed rounds")
    finally:
        for cfg in (old, new):
            if cfg.proc is not None:
                cfg.proc.terminate()
                try:
                    cfg.proc.wait(20)
                except subprocess.TimeoutExpired:
                    cfg.proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", type=int, default=2000, help="distinct notes to age a server")
    ap.add_argument("--sample", type=int, default=60, help="notes per timed block")
    ap.add_argument("--configs", default="", help="comma-separated names (default: all)")
    ap.add_argument("--aging", type=int, default=0,
                    help="fresh-versus-old on one configuration after this many notes")
    ap.add_argument("--max-minutes", type=float, default=0,
                    help="with --aging: stop ageing after this long (a loaded machine)")
    ap.add_argument("--rounds", type=int, default=8, help="timed rounds with --aging")
    args = ap.parse_args()
    if args.aging:
        run_aging(args)
    else:
        run_sizing(args)


def run_sizing(args: argparse.Namespace) -> None:
    configs = [c for c in CONFIGS if not args.configs or c.name in args.configs.split(",")]
    base = corpus_texts()
    rng = random.Random(12)
    fresh = [vary(rng.choice(base), rng) for _ in range(args.sample * 2)]
    workdir = Path(tempfile.mkdtemp(prefix="lt-sizing-"))
    try:
        for cfg in configs:
            start(cfg, workdir)
        for cfg in configs:
            wait_ready(cfg)
        for cfg in configs:  # one untimed pass each: JIT warm-up
            drive(cfg, fresh[:20], 4)
            cfg.rows.clear()

        def measure(tag: str, notes: list[str]) -> None:
            half = len(notes) // 2
            for clients, block in ((1, notes[:half]), (4, notes[half:])):
                for cfg in configs:  # interleaved: each config sees the same moment's load
                    cfg.rows[f"{tag} {clients}c"] = drive(cfg, block, clients)
            for cfg in configs:
                assert cfg.proc is not None
                cfg.rows[f"{tag} cpu"] = 1000 * cfg.rows.pop("cpu s") / cfg.rows.pop("cpu n")
                cfg.rows[f"{tag} rss"] = rss_mb(cfg.proc.pid)
                old, fgc, share = gc_stats(cfg)
                cfg.rows[f"{tag} old%"], cfg.rows[f"{tag} fgc"] = old, fgc
                cfg.rows[f"{tag} gc%"] = 100 * share

        measure("fresh", fresh)
        aging = [vary(rng.choice(base), rng) for _ in range(args.old)]
        for cfg in configs:
            cfg.rows.pop("cpu s", None), cfg.rows.pop("cpu n", None)
        step = 100
        for i in range(0, len(aging), step):  # interleaved in blocks of 100
            for cfg in configs:
                drive(cfg, aging[i:i + step], 4)
            print(f"aged {i + step}/{len(aging)}", file=sys.stderr, flush=True)
        for cfg in configs:
            cfg.rows.pop("cpu s", None), cfg.rows.pop("cpu n", None)
        measure("old", [vary(rng.choice(base), rng) for _ in range(args.sample * 2)])
    finally:
        for cfg in configs:
            if cfg.proc is not None:
                cfg.proc.terminate()
        for cfg in configs:
            if cfg.proc is not None:
                try:
                    cfg.proc.wait(20)
                except subprocess.TimeoutExpired:
                    cfg.proc.kill()

    report(configs, args)


def report(configs: list[Config], args: argparse.Namespace) -> None:
    ref = configs[0].rows
    print(f"\n{len(configs)} servers up at once, phases interleaved; {args.old} distinct notes "
          f"to age; {args.sample // 2}-note blocks; ratios against {configs[0].name} "
          f"in the same run. cpus={os.cpu_count()}\n")
    print("| config | fresh 1c n/s | fresh 4c n/s | old 1c n/s | old 4c n/s | old/fresh 4c "
          "| vs base old 4c | fresh RSS MB | old RSS MB | old gen % | full GCs | GC time % "
          "| JVM CPU ms/note fresh / old |")
    print("|---" * 13 + "|")
    for cfg in configs:
        r = cfg.rows
        print(f"| {cfg.name} | {r['fresh 1c']:.1f} | {r['fresh 4c']:.1f} | {r['old 1c']:.1f} "
              f"| {r['old 4c']:.1f} | {r['old 4c'] / r['fresh 4c']:.2f} "
              f"| {r['old 4c'] / ref['old 4c']:.2f} | {r['fresh rss']:.0f} | {r['old rss']:.0f} "
              f"| {r['old old%']:.0f} | {r['old fgc']:.0f} | {r['old gc%']:.1f} "
              f"| {r['fresh cpu']:.0f} / {r['old cpu']:.0f} |")


if __name__ == "__main__":
    threading.excepthook = lambda a: None
    main()
