"""``check --jobs N``: many files on many processes, the same report in the same order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ["Hi {{ name }},\n\nThank you for you time on {{ day }}. I enjoyed meeting the team!!!\n\n"
             "Best,\n{{ me }}\n",
             "Dear [Name],\n\nPer my last email, I need an answer by Friday ASAP.\n\nRegards,\nAlex\n",
             "Hello {{ name }},\n\nThank you for your time yesterday. I enjoyed our talk about "
             "the data platform.\n\nBest regards,\n{{ me }}\n"]


def _check(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), FOLLOWUP_LINT_DAEMON="0")
    return subprocess.run([sys.executable, "-m", "followup_lint", "check", str(folder), "--no-grammar",
                           "--isolated", *args], env=env, capture_output=True, timeout=600)


def test_jobs_2_prints_what_jobs_1_prints_in_the_same_order(tmp_path: Path) -> None:
    for i in range(60):
        suffix = ".j2" if i % 2 else ".txt"
        (tmp_path / f"note-{i:03d}{suffix}").write_text(TEMPLATES[i % len(TEMPLATES)], encoding="utf-8")
    (tmp_path / "note-030b.txt").write_bytes(b"\xff\xfe broken")  # an unreadable file in the middle
    one, two = _check(tmp_path, "--jobs", "1"), _check(tmp_path, "--jobs", "2")
    assert one.returncode == 2  # the broken file
    assert (two.returncode, two.stdout.decode(), two.stderr.decode()) == \
        (one.returncode, one.stdout.decode(), one.stderr.decode())
    assert one.stdout.count(b"note-") > 60
    for fmt in ("json", "sarif"):
        assert _check(tmp_path, "--jobs", "2", "--format", fmt).stdout == \
            _check(tmp_path, "--jobs", "1", "--format", fmt).stdout


def test_jobs_must_be_a_positive_number(tmp_path: Path) -> None:
    done = _check(tmp_path, "--jobs", "0")
    assert done.returncode == 2
    assert b"--jobs" in done.stderr and b"at least 1" in done.stderr
