"""Benchmark: the README's tiny-model review of the bundled example, as a user runs it.

Builds the example repository (examples/build.py) and the tiny random-weight
model (tests/tiny_model.py), then runs `reviewer review -C EXAMPLE --model TINY
--no-cache` in a new process `--runs` times: the default packs, no rule or
configuration of one's own, so every changed Python hunk goes to the model with
the built-in judge rules. Prints the median wall time (process start, imports
and model load included) and what the model was asked.
Usage: python benchmarks/model_review_example.py [--runs 3] [--sample]
(--sample: temperature 1.0, seed 1, so the noise model writes findings too.)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sample", action="store_true", help="temperature 1.0, seed 1 (noise findings)")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        example, model = Path(tmp) / "example", Path(tmp) / "tiny-model"
        subprocess.run([sys.executable, str(ROOT / "examples" / "build.py"), str(example)], check=True,
                       capture_output=True, env=env)
        subprocess.run([sys.executable, str(ROOT / "tests" / "tiny_model.py"), str(model)], check=True,
                       capture_output=True, env=env)
        if args.sample:
            (example / ".reviewer.toml").write_text("[model]\ntemperature = 1.0\nseed = 1\n")
        times: list[float] = []
        err = ""
        for _ in range(args.runs):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "reviewer", "review", "-C", str(example), "--model",
                                   str(model), "--no-cache", "--format", "json", "--min-confidence", "0"],
                                  capture_output=True, text=True, env=env, check=False)
            times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                sys.exit(f"review failed ({proc.returncode}): {proc.stderr}")
            err = proc.stderr
        asked = re.search(r"generating (\d+) answer\(s\)", err)
        print(f"runs: {args.runs}; decoding: {'sampled' if args.sample else 'greedy'}")
        print(f"model asked about {asked.group(1) if asked else 0} changed hunk(s)")
        print(f"wall time per review (median): {statistics.median(times):.1f} s "
              f"(min {min(times):.1f}, max {max(times):.1f})")


if __name__ == "__main__":
    main()
