"""Benchmark: every built-in rule over a 20,000-changed-line Python diff across 200 files.

End to end from the command line: `reviewer review --no-model` in a fresh git
repository whose branch adds 200 files of 100 lines each (a mix of clean code
and code that trips rules). Prints the median wall time of several runs.

Two corpora: `synthetic` (default; dense with rule hits: about one finding
every 11 lines, so every rule's matcher really runs) and `stdlib` (the first
N lines of 200 modules of the running Python's standard library: ordinary
code, where the text pre-filter skips most rules).

Usage: python benchmarks/rules_speed.py [--runs N] [--files N] [--lines N] [--corpus synthetic|stdlib]
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
TARGET_S = 2.0

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


def make_file(index: int, lines: int, whole: bool = False) -> str:
    """`lines` lines of BLOCKs; cut mid-block (the file then does not parse), or with `whole`, whole blocks only."""
    head = "import hashlib\nimport json\n"
    body = head
    n = 0
    while body.count("\n") < lines:
        body += BLOCK.format(n=f"{index}_{n}")
        n += 1
    if whole:
        return body
    return "\n".join(body.splitlines()[:lines]) + "\n"


def stdlib_files(count: int, lines: int) -> list[str]:
    import sysconfig

    lib = Path(sysconfig.get_paths()["stdlib"])
    out = []
    for p in sorted(lib.rglob("*.py")):
        if "test" in p.parts or "site-packages" in p.parts:
            continue
        text = p.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(text) >= lines:
            out.append("\n".join(text[:lines]) + "\n")
        if len(out) == count:
            return out
    sys.exit(f"only {len(out)} stdlib modules have {lines} lines")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def build(dest: Path, files: int, lines: int, corpus: str = "synthetic") -> int:
    git(dest, "init", "-q", "-b", "main")
    git(dest, "config", "user.email", "bench@example.com")
    git(dest, "config", "user.name", "bench")
    (dest / "README").write_text("bench\n")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "base")
    git(dest, "checkout", "-q", "-b", "feature")
    texts = stdlib_files(files, lines) if corpus == "stdlib" else [make_file(i, lines, corpus == "dense")
                                                                   for i in range(files)]
    for i, text in enumerate(texts):
        p = dest / f"pkg{i % 10}" / f"mod{i}.py"
        p.parent.mkdir(exist_ok=True)
        p.write_text(text, encoding="utf-8")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "change")
    return sum(t.count("\n") for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--lines", type=int, default=100)
    # synthetic: a finding every few lines, files cut mid-function (so no fix can be verified);
    # dense: the same blocks whole, so every file parses and each of its fixes is verified
    ap.add_argument("--corpus", choices=["synthetic", "stdlib", "dense"], default="synthetic")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        changed = build(dest, args.files, args.lines, args.corpus)
        cmd = [sys.executable, "-m", "reviewer", "review", "--no-model", "--base", "main", "--fail-level", "none"]
        times: list[float] = []
        cpu: list[float] = []
        out = ""
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=dest, capture_output=True, text=True, env=env, check=False)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                sys.exit(f"reviewer failed ({proc.returncode}): {proc.stderr}")
            out = proc.stdout
    median = statistics.median(times)
    print(f"command: {' '.join(cmd[1:])}")
    print(f"diff: {args.files} files, {changed} changed lines ({args.corpus})")
    print(f"summary: {out.strip().splitlines()[-1]}")
    print("runs: " + ", ".join(f"{t:.2f}s" for t in times))
    # CPU seconds (user + sys, reviewer and its git children): steadier than wall time on a shared machine.
    print(f"cpu: median {statistics.median(cpu):.2f}s, runs " + ", ".join(f"{c:.2f}s" for c in cpu))
    print(f"fastest: {min(times):.2f}s")
    print(f"median: {median:.2f}s (target < {TARGET_S:.1f}s: {'met' if median < TARGET_S else 'NOT met'})")


if __name__ == "__main__":
    main()
