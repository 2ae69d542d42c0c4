"""Benchmark: 5,000 changed files in one branch, reviewed end to end (issue 14, item 6).

Target: seconds (each changed file's new version used to be looked up in the
commit's tree through GitPython, path component by path component, with a
linear scan of each folder: quadratic in a folder's size).

    python benchmarks/many_files.py [--files 5000] [--runs 3] [--root CHECKOUT]

Builds a throwaway git repository whose branch changes `--files` small Python
files (spread over 10 folders, one rule hit each), then times
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

BODY = """import hashlib


def digest(data):
    return hashlib.md5(data + b"{n}").hexdigest()
"""

ENV = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b",
       "GIT_COMMITTER_EMAIL": "b@b", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **ENV}, check=True, stdout=subprocess.DEVNULL)


def build(dest: Path, files: int) -> int:
    git(dest, "init", "-q", "-b", "main")
    for i in range(files):
        folder = dest / f"pkg{i % 10}"
        folder.mkdir(exist_ok=True)
        (folder / f"mod_{i}.py").write_text(BODY.format(n=0))
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "base")
    git(dest, "checkout", "-q", "-b", "feature")
    for i in range(files):
        (dest / f"pkg{i % 10}" / f"mod_{i}.py").write_text(BODY.format(n=i + 1))
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "change every file")
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--root", type=Path, default=ROOT, help="the reviewer checkout to run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        changed = build(dest, args.files)
        times, cpu, findings = time_review(dest, args.root, args.runs)
    print(f"reviewer: {args.root}")
    print(f"diff: {changed} changed files, {findings} findings reported")
    print_times(times, cpu)


if __name__ == "__main__":
    main()
