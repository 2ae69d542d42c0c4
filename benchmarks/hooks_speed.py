"""Benchmark: the rules-only `reviewer-check` hook on a 500-line staged change.

Wall time of the whole process (Python start-up included), as pre-commit runs
it: `python -m reviewer.hooks check --no-model FILES...` in a real git
repository with the change staged. Two figures, median of --runs each:

- first run: the staged change has not been reviewed before (a new change
  each run, so no cache of any kind can help);
- re-run: the same staged diff again, caches warm (what a developer sees when
  a commit is retried).

Targets (issue 9): first run < 1.5 s, re-run < 1 s.

    PYTHONPATH=. python benchmarks/hooks_speed.py [--runs 7] [--lines 500]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FUNCTION = '''

def handler_{n}(items, key=None):
    """Process batch {n}."""
    import hashlib
    total = 0
    for i in range(len(items) - 1):
        total += items[i]
    digest = hashlib.md5(str(total).encode()).hexdigest()
    if key == None:
        print(digest)
    try:
        value = int(digest[:4], 16)
    except:
        value = 0
    return total + value + {n}
'''


def make_change(lines: int, files: int, salt: int) -> dict[str, str]:
    """`files` Python modules with about `lines` added lines in all, with findings from every pack."""
    per_file = lines // files
    out = {}
    for f in range(files):
        body = f"# module {f}, change {salt}\n"
        n = 0
        while body.count("\n") < per_file:
            body += FUNCTION.format(n=n + 1000 * salt)
            n += 1
        out[f"pkg/mod_{f}.py"] = "\n".join(body.splitlines()[:per_file]) + "\n"
    return out


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


CPU: list[float] = []  # CPU seconds (user + system) of each timed run, children included


def timed(repo: Path, files: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reviewer.hooks", "check", "--no-model", *files], cwd=repo,
                          capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, proc.returncode, proc.stdout + proc.stderr


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--lines", type=int, default=500)
    ap.add_argument("--files", type=int, default=5)
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        git(repo, "init", "-q")
        git(repo, "-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-q", "--allow-empty", "-m", "base")
        first: list[float] = []
        rerun: list[float] = []
        first_cpu: list[float] = []
        rerun_cpu: list[float] = []
        findings = 0
        for salt in range(args.runs):
            change = make_change(args.lines, args.files, salt)
            for rel, text in change.items():
                (repo / rel).parent.mkdir(parents=True, exist_ok=True)
                (repo / rel).write_text(text)
            git(repo, "add", "-A")
            files = sorted(change)
            seconds, code, out = timed(repo, files, env)
            if code not in (0, 1):
                print(out, file=sys.stderr)
                return 1
            first.append(seconds)
            first_cpu.append(CPU[-1])
            findings = sum(1 for line in out.splitlines() if line.startswith("pkg/"))
            seconds, code, _ = timed(repo, files, env)
            rerun.append(seconds)
            rerun_cpu.append(CPU[-1])
            if code not in (0, 1):
                return 1
        added = sum(len(t.splitlines()) for t in make_change(args.lines, args.files, 0).values())
        print(f"rules-only reviewer-check, {added} staged added lines in {args.files} files, {findings} findings")
        print(f"first run: median {statistics.median(first):.3f} s (min {min(first):.3f}, max {max(first):.3f}, "
              f"{args.runs} runs; target < 1.5 s); CPU median {statistics.median(first_cpu):.3f} s")
        print(f"re-run:    median {statistics.median(rerun):.3f} s (min {min(rerun):.3f}, max {max(rerun):.3f}, "
              f"{args.runs} runs; target < 1 s); CPU median {statistics.median(rerun_cpu):.3f} s")
        start = time.perf_counter()
        for _ in range(args.runs):
            subprocess.run([sys.executable, "-c", "pass"], check=True)
        print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        print(f"bare `python -c pass`: {(time.perf_counter() - start) / args.runs:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
