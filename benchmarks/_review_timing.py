"""Shared by the benchmarks that time `reviewer review --no-model --base main --format json` in a subprocess
(dense_file.py, many_files.py): wall and CPU time per run, and the findings of the last run."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REVIEW = ["-m", "reviewer", "review", "--no-model", "--base", "main", "--fail-level", "none", "--format", "json"]


def time_review(repo: Path, root: Path, runs: int) -> tuple[list[float], list[float], int]:
    """(wall seconds, CPU seconds of reviewer and its git children, findings reported) over `runs` runs."""
    env = {**os.environ, "PYTHONPATH": str(root.resolve())}
    times: list[float] = []
    cpu: list[float] = []
    findings = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, *REVIEW], cwd=repo, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if proc.returncode != 0:
            sys.exit(f"reviewer failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
        findings = len(json.loads(proc.stdout)["findings"])
    return times, cpu, findings


def print_times(times: list[float], cpu: list[float]) -> None:
    print("runs: " + ", ".join(f"{t:.2f}s" for t in times))
    # CPU seconds (user + sys of reviewer and its git children): steadier than wall time on a shared machine.
    print("cpu: " + ", ".join(f"{c:.2f}s" for c in cpu))
    print(f"median: {statistics.median(times):.2f}s wall, {statistics.median(cpu):.2f}s cpu over {len(times)} runs")
