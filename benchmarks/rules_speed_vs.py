"""The rules benchmark for two checkouts side by side: CPU seconds, runs interleaved on one generated repository.

    python benchmarks/rules_speed_vs.py --before /path/to/old-checkout [--after .] --corpus stdlib --runs 7

Each checkout runs `python -m reviewer review --no-model` with its own `.venv/bin/python` and its own
code (PYTHONPATH). Runs alternate (before, after, before, ...) so that load on a shared machine falls on
both alike; CPU seconds (user + sys of reviewer and its children) are steadier than wall time. The corpus
is built by rules_speed.py (`synthetic`, `stdlib` or `dense`).

Python's byte-code cache is on, as in an installed package (pip compiles every module when it installs
it): each checkout runs once untimed first, which writes its `__pycache__`. The machine these figures
were first taken on sets `PYTHONDONTWRITEBYTECODE`, so every run compiled the reviewer's own modules from
source again (about 0.1 s of CPU, more for the checkout with more code); `--no-bytecode-cache` measures
that way again: it removes both checkouts' `reviewer/**/__pycache__` and writes none.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rules_speed import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def cpu_of(checkout: Path, repo: Path, extra: tuple[str, ...] = (), bytecode: bool = True) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([str(checkout / ".venv" / "bin" / "python"), "-m", "reviewer", "review", "--no-model",
                           "--base", "main", "--fail-level", "none", *extra], cwd=repo, env=env, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{checkout}: reviewer failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="the reference checkout (with .venv)")
    ap.add_argument("--after", type=Path, default=ROOT, help="the checkout under test (default: this one)")
    ap.add_argument("--corpus", choices=["synthetic", "stdlib", "dense"], default="synthetic")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--lines", type=int, default=100)
    ap.add_argument("--no-bytecode-cache", dest="bytecode", action="store_false",
                    help="compile every module from source on every run (PYTHONDONTWRITEBYTECODE=1)")
    ap.add_argument("--audit", action="store_true", help="run the checkout under test with --audit (every pattern "
                    "rule runs, also those that wait for the model)")
    ap.add_argument("--audit-both", action="store_true", help="run the reference checkout with --audit too (two "
                    "checkouts that both have it: what a change costs the audit itself)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        changed = build(repo, args.files, args.lines, args.corpus)
        cpu: dict[str, list[float]] = {"before": [], "after": []}
        extra = ("--audit",) if args.audit or args.audit_both else ()
        before_extra = ("--audit",) if args.audit_both else ()
        if args.bytecode:  # one untimed run each writes the byte-code cache, as installing the package would
            cpu_of(args.before.resolve(), repo, before_extra)
            cpu_of(args.after.resolve(), repo, extra)
        else:  # the reviewer's own modules compiled from source on every run (site-packages keep theirs)
            for checkout in (args.before, args.after):
                for cache in sorted((checkout.resolve() / "reviewer").rglob("__pycache__")):
                    shutil.rmtree(cache)
        for _ in range(args.runs):
            cpu["before"].append(cpu_of(args.before.resolve(), repo, before_extra, bytecode=args.bytecode))
            cpu["after"].append(cpu_of(args.after.resolve(), repo, extra, bytecode=args.bytecode))
    b, a = statistics.median(cpu["before"]), statistics.median(cpu["after"])
    print(f"corpus: {args.corpus}, {changed} changed lines in {args.files} files; {args.runs} runs each, interleaved"
          + ("; both with --audit" if args.audit_both else "; after with --audit" if args.audit else "")
          + ("; byte-code cache on" if args.bytecode else "; byte-code cache off (every module compiled on every run)"))
    for name, runs in cpu.items():
        print(f"{name}: median {statistics.median(runs):.2f} s CPU; runs " + ", ".join(f"{c:.2f}" for c in runs))
    print(f"ratio after/before: {a / b:.2f}x")


if __name__ == "__main__":
    main()
