"""Benchmark: one 1 MB Python file dense with rule findings, reviewed end to end (issue 14, item 6).

Target: seconds, not minutes (the finding filter used to rebuild the file's
added-line set for every finding: quadratic in the file's size).

    python benchmarks/dense_file.py [--kb 1024] [--runs 3] [--root CHECKOUT]

Builds a throwaway git repository whose branch adds one file of about `--kb`
KiB (a block with ~9 rule hits repeated), then times
`reviewer review --no-model --base main --fail-level none --format json` in a
subprocess and prints every run and the median. `--root` runs another
checkout's reviewer (e.g. the main branch, for a before/after ratio).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from _review_timing import print_times, time_review

ROOT = Path(__file__).resolve().parent.parent

# The same problem-dense block as the rules benchmark's synthetic corpus.
from rules_speed import BLOCK  # noqa: E402

ENV = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b",
       "GIT_COMMITTER_EMAIL": "b@b", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **ENV}, check=True, stdout=subprocess.DEVNULL)


def build(dest: Path, kb: int) -> int:
    git(dest, "init", "-q", "-b", "main")
    (dest / "README").write_text("base\n")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "base")
    git(dest, "checkout", "-q", "-b", "feature")
    parts = ["import hashlib\nimport json\n"]
    size, n = len(parts[0]), 0
    while size < kb * 1024:
        parts.append(BLOCK.format(n=n))
        size += len(parts[-1])
        n += 1
    text = "".join(parts)
    (dest / "dense.py").write_text(text)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "dense")
    return text.count("\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", type=int, default=1024)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--root", type=Path, default=ROOT, help="the reviewer checkout to run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        lines = build(dest, args.kb)
        times, cpu, findings = time_review(dest, args.root, args.runs)
    print(f"reviewer: {args.root}")
    print(f"file: {args.kb} KiB, {lines} added lines, {findings} findings reported")
    print_times(times, cpu)


if __name__ == "__main__":
    main()
