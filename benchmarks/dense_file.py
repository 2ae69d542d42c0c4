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
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK = '''

def handler_{n}(values, key, out=None):
    """Process a batch."""
    out = [] if out is None else out
    total = 0
    for i in range(len(values)):
        total += values[i]
    if key == None:
        return total
    digest = hashlib.sha256(str(total).encode()).hexdigest()
    try:
        data = json.loads(key)
    except ValueError:
        data = {{}}
    for name in data:
        out.append((name, digest))
    with open("/tmp/x", encoding="utf-8") as fh:
        fh.write(digest)
    return out, hashlib.md5(b"x").hexdigest()
'''

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
    env = {**os.environ, "PYTHONPATH": str(args.root.resolve())}
    cmd = [sys.executable, "-m", "reviewer", "review", "--no-model", "--base", "main", "--fail-level", "none",
           "--format", "json"]
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        lines = build(dest, args.kb)
        times: list[float] = []
        cpu: list[float] = []
        findings = 0
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=dest, capture_output=True, env=env, check=False)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                sys.exit(f"reviewer failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
            findings = len(json.loads(proc.stdout)["findings"])
    print(f"reviewer: {args.root}")
    print(f"file: {args.kb} KiB, {lines} added lines, {findings} findings reported")
    print("runs: " + ", ".join(f"{t:.2f}s" for t in times))
    # CPU seconds (user + sys of reviewer and its git children): steadier than wall time on a shared machine.
    print("cpu: " + ", ".join(f"{c:.2f}s" for c in cpu))
    print(f"median: {statistics.median(times):.2f}s wall, {statistics.median(cpu):.2f}s cpu over {args.runs} runs")


if __name__ == "__main__":
    main()
