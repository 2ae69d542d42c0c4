"""`reviewer tests` with the tests' tiny random model on the bundled example (the README's tiny-model path).

Usage: python benchmarks/tests_tiny.py [RUNS] [--threads-default]

Builds the example repository and the tiny model in a temporary folder, then times RUNS runs (default 3)
of `reviewer tests --model TINY` in a new process each (result cache removed before each run, so every
run generates). `--threads-default` sets OMP_NUM_THREADS to the core count, which turns off the engine's
one-thread choice for small CPU models (the "before" figure for that change).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 3
    env = dict(os.environ)
    if "--threads-default" in sys.argv:
        env["OMP_NUM_THREADS"] = str(os.cpu_count() or 1)
    reviewer = str(Path(sys.executable).with_name("reviewer"))
    with tempfile.TemporaryDirectory() as tmp:
        example, model = Path(tmp) / "example", Path(tmp) / "tiny"
        subprocess.run([sys.executable, str(ROOT / "examples" / "build.py"), str(example)], check=True,
                       capture_output=True)
        subprocess.run([sys.executable, str(ROOT / "tests" / "tiny_model.py"), str(model)], check=True,
                       capture_output=True)
        times = []
        for _ in range(runs):
            shutil.rmtree(example / ".reviewer", ignore_errors=True)
            start = time.perf_counter()
            proc = subprocess.run([reviewer, "tests", "--model", str(model)], cwd=example, env=env,
                                  capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                sys.exit(f"reviewer tests exited {proc.returncode}: {proc.stderr[-500:]}")
            funnel = [ln for ln in proc.stdout.splitlines() if ln.startswith("funnel:")]
        print(f"reviewer tests, tiny model, bundled example: median {statistics.median(times):.1f} s "
              f"over {runs} run(s) (min {min(times):.1f}, max {max(times):.1f}); {funnel[-1] if funnel else ''}")


if __name__ == "__main__":
    main()
