"""Benchmark: `reviewer coverage` against diff-cover on the same diff and the same Cobertura XML.

Builds a git repository with a change of a few thousand added lines (20
modules of generated functions, half of them called by the tests), measures
it with `coverage run --branch -m pytest` + `coverage xml`, then times both
tools end to end as subprocesses (interpreter start-up included for both),
several runs each, and prints the medians and the ratio.

Usage: python benchmarks/coverage_speed.py [--runs 5] [--modules 20] [--functions 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.com", "GIT_COMMITTER_NAME": "B",
       "GIT_COMMITTER_EMAIL": "b@example.com", "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


def sh(cwd: Path, *cmd: str) -> str:
    return subprocess.run(cmd, cwd=cwd, env=ENV, check=True, capture_output=True).stdout.decode()


def function(i: int) -> str:
    return (f"def f{i}(x, y=0):\n"
            f"    total = x + y\n"
            f"    if total > {i}:\n"
            f"        total -= {i}\n"
            f"    else:\n"
            f"        total += 1\n"
            f"    for k in range(3):\n"
            f"        total += k\n"
            f"    return total\n\n\n")


def build(root: Path, modules: int, functions: int) -> int:
    root.mkdir()
    sh(root, "git", "init", "-q", "-b", "main")
    (root / "pkg").mkdir()
    (root / "tests").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    for m in range(modules):
        (root / "pkg" / f"m{m}.py").write_text('"""generated"""\n')
    sh(root, "git", "add", "-A")
    sh(root, "git", "commit", "-q", "-m", "base")
    sh(root, "git", "checkout", "-q", "-b", "feature")
    added = 0
    calls = []
    for m in range(modules):
        body = "".join(function(i) for i in range(functions))
        (root / "pkg" / f"m{m}.py").write_text('"""generated"""\n' + body)
        added += body.count("\n")
        calls += [f"    assert m{m}.f{i}({i + (m % 2)}) >= 0" for i in range(0, functions, 2)]
    imports = "".join(f"from pkg import m{m}\n" for m in range(modules))
    (root / "tests" / "test_all.py").write_text(imports + "\n\ndef test_half():\n" + "\n".join(calls) + "\n")
    sh(root, "git", "add", "-A")
    sh(root, "git", "commit", "-q", "-m", "change")
    sh(root, sys.executable, "-m", "coverage", "run", "--branch", "--source=pkg", "-m", "pytest", "-q",
       "-p", "no:cacheprovider")
    sh(root, sys.executable, "-m", "coverage", "xml", "-q")
    return added


def timed(cwd: Path, cmd: list[str], runs: int) -> tuple[float, str]:
    times = []
    out = ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        out = proc.stdout.decode()
        if proc.returncode not in (0, 1):
            sys.exit(f"{cmd[0]} failed: {proc.stderr.decode()}")
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--modules", type=int, default=20)
    ap.add_argument("--functions", type=int, default=30)
    args = ap.parse_args()
    diff_cover = Path(sys.executable).parent / "diff-cover"
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        added = build(repo, args.modules, args.functions)
        ours_cmd = [sys.executable, "-m", "reviewer", "coverage", "--base", "main", "--coverage-file",
                    "coverage.xml", "--format", "json"]
        ref_cmd = [str(diff_cover), "coverage.xml", "--compare-branch", "main", "--total-percent-float",
                   f"--format=json:{Path(tmp) / 'dc.json'}"]
        ours, out = timed(repo, ours_cmd, args.runs)
        ref, _ = timed(repo, ref_cmd, args.runs)
        doc = json.loads(out)
        dc = json.loads((Path(tmp) / "dc.json").read_text())
        same = (doc["measured_lines"], doc["percent_covered"]) == (dc["total_num_lines"], dc["total_percent_covered"])
    print(f"changed lines: {added} in {args.modules} files; measured changed lines: {doc['measured_lines']}; "
          f"missing arcs reported: {doc['missing_arcs']}; totals equal diff-cover's: {same}")
    print(f"reviewer coverage: median {ours:.3f} s over {args.runs} runs")
    print(f"diff-cover:        median {ref:.3f} s over {args.runs} runs")
    print(f"ratio reviewer/diff-cover: {ours / ref:.2f}")


if __name__ == "__main__":
    main()
