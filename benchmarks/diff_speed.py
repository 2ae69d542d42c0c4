"""Benchmark: collect and parse a 20,000-changed-line diff across 200 files.

Target (issue 2): under 1 s on the CI machine (2 cores).

    python benchmarks/diff_speed.py [--files 200] [--lines 100] [--runs 7]

Builds a throwaway git repository, changes every line of every file on a
branch, then times reviewer.pipeline.collect (git diff through GitPython +
unidiff parse into a ChangeSet) in-process, and prints the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.config import Config  # noqa: E402
from reviewer.git import DiffMode  # noqa: E402
from reviewer.pipeline import collect  # noqa: E402

ENV = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b",
       "GIT_COMMITTER_EMAIL": "b@b", "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL)


def build(root: Path, files: int, lines: int) -> None:
    git(root, "init", "-q", "-b", "main")
    for i in range(files):
        body = "".join(f"value_{i}_{j} = compute({j}, {i})\n" for j in range(lines))
        (root / f"pkg{i % 10}").mkdir(exist_ok=True)
        (root / f"pkg{i % 10}" / f"mod_{i}.py").write_text(body)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    for i in range(files):
        body = "".join(f"value_{i}_{j} = compute_v2({j}, {i}, strict=True)\n" for j in range(lines))
        (root / f"pkg{i % 10}" / f"mod_{i}.py").write_text(body)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--lines", type=int, default=100)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.files, args.lines)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            changes, _ = collect(root, DiffMode(base="main"), Config())
            times.append(time.perf_counter() - t0)
        assert changes.changed_line_count == args.files * args.lines, changes.changed_line_count
        print(f"files={len(changes.files)} changed_lines={changes.changed_line_count}")
        print(f"collect+parse: median {statistics.median(times):.3f} s over {args.runs} runs "
              f"(min {min(times):.3f}, max {max(times):.3f}); target < 1 s")


if __name__ == "__main__":
    main()
