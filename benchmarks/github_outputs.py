"""Benchmark: planning a pull request review and rendering every output format for many findings.

Usage: python benchmarks/github_outputs.py [FINDINGS]   (default 2,000 findings over 200 files)
Prints the median of 7 runs for each step. Pure CPU: no network, no git.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from reviewer import report
from reviewer.github.anchors import FileDiff
from reviewer.github.review import make_plan, review_body
from reviewer.pipeline import Result
from reviewer.records import (ChangeSet, FileChange, FileStatus, Finding, Hunk, Routed, Severity, Suggestion,
                              Why)


def build(n: int) -> tuple[Result, dict[str, FileDiff]]:
    files, findings, diffs = [], [], {}
    per_file = 10
    for i in range(max(n // per_file, 1)):
        path = f"pkg/mod_{i}.py"
        lines = frozenset(range(1, 200))
        files.append(FileChange(path, path, FileStatus.MODIFIED, (Hunk(path, 1, 150, 1, 199, lines, frozenset()),)))
        diffs[path] = FileDiff(path, (lines,))
        for j in range(per_file):
            line = 1 + j * 17
            sugg = Suggestion(path, line, line, "x = 1  # ``` fixed\n") if j % 3 == 0 else None
            findings.append(Finding(f"pack/rule-{j}", "pack", path, line, line + (j % 2),
                                    Severity((j % 3) + 1), f"message {j} with % and : and ,", snippet=f"{i}-{j}",
                                    suggestion=sugg))
    routed = tuple(Routed(f, True, Why.REPORTED) for f in findings)
    return Result(ChangeSet(tuple(files)), routed, (), (), {}, Path("/tmp")), diffs


def median_ms(fn, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    result, diffs = build(n)
    findings = result.findings
    print(f"{len(findings)} findings in {len(diffs)} files")
    plan_ms = median_ms(lambda: review_body(make_plan(findings, diffs, [], set(), 30), len(findings)))
    print(f"plan + review body: {plan_ms:.1f} ms")
    for fmt in ("sarif", "rdjson", "rdjsonl", "annotations", "markdown"):
        render = report.get(fmt)
        print(f"{fmt}: {median_ms(lambda: render(result, False)):.1f} ms")


if __name__ == "__main__":
    main()
