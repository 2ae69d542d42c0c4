"""Benchmark 2: a warm-cache re-run of the same model review.

A real git repository with 64 changed functions, one judge rule, the tiny
model on CPU. The cold run fills the SQLite result cache; each warm run is a
new TaskContext (as a new process would be) and must make zero model calls.
Prints wall times (median of the warm runs) and the model calls per run.
Usage: python benchmarks/engine_cache.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer import pipeline  # noqa: E402
from reviewer.config import Config, ModelConfig  # noqa: E402
from reviewer.engine.review import review_hunks  # noqa: E402
from reviewer.git import DiffMode  # noqa: E402
from reviewer.records import Rule, Severity  # noqa: E402
from reviewer.tasks import TaskContext  # noqa: E402

RULE = Rule(id="demo/off-by-one", pack="demo", title="Off by one", severity=Severity.WARNING, language="python",
            description="Loops over indexes must cover every item exactly once.")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=b", "-c", "user.email=b@example.com", *args], cwd=root, check=True,
                   capture_output=True)


def make_repo(root: Path, functions: int) -> None:
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    # Eight unchanged lines per function keep every change in its own hunk (git merges hunks closer than 6).
    filler = "".join(f"    v{k} = len(items) + {k}\n" for k in range(8))
    body = "".join(f"def f{i}(items):\n{filler}    return items[0]\n\n\n" for i in range(functions))
    (root / "mod.py").write_text(body)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    body = "".join(f"def f{i}(items):\n    for k in range(len(items) - 1):\n        print(items[k])\n"
                   f"{filler}    return items[0]\n\n\n" for i in range(functions))
    (root / "mod.py").write_text(body)
    git(root, "commit", "-qam", "change")


def review(root: Path, model: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    cfg = Config(model=ModelConfig(model=model))
    changes, collected = pipeline.collect(root, DiffMode(range="HEAD~1..HEAD"), cfg)
    ctx = TaskContext(config=cfg, changes=changes, snapshot=collected.snapshot, root=collected.root)
    out = review_hunks(ctx, [RULE], [])
    elapsed = time.perf_counter() - start
    backend = ctx.shared["backend"]
    return elapsed, backend.inner.calls, sum(len(f.hunks) for f in changes.files)


FRESH = """
import sys, time
start = time.perf_counter()
sys.path.insert(0, sys.argv[3])
from benchmarks.engine_cache import review
elapsed, calls, _h = review(__import__("pathlib").Path(sys.argv[1]), sys.argv[2])
print(time.perf_counter() - start, calls, "torch" in sys.modules)
"""


def fresh_process(root: Path, model: str) -> tuple[float, int, bool]:
    """A warm re-run as a pre-commit hook would do it: a new Python process (imports included)."""
    here = Path(__file__).resolve().parent.parent
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", FRESH, str(root), model, str(here)], capture_output=True, text=True,
                         check=True).stdout.split()
    return time.perf_counter() - start, int(out[1]), out[2] == "True"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--functions", type=int, default=64)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from tests.tiny_model import build

        model = str(build(Path(tmp) / "tiny"))
        root = Path(tmp) / "repo"
        make_repo(root, args.functions)
        cold, cold_calls, hunks = review(root, model)
        warm = [review(root, model) for _ in range(args.runs)]
        print(f"changed functions={args.functions} in {hunks} hunk(s), judge rules=1, warm runs={args.runs}")
        print(f"cold run:  {cold:7.2f} s, {cold_calls} model calls (generate batches + verification passes)")
        print(f"warm run:  {statistics.median(w[0] for w in warm):7.2f} s median, "
              f"model calls per run: {sorted({w[1] for w in warm})}")
        print(f"speed-up:  {cold / statistics.median(w[0] for w in warm):7.1f}x")
        fresh = [fresh_process(root, model) for _ in range(args.runs)]
        print(f"warm run in a new process (python start-up and imports included): "
              f"{statistics.median(f[0] for f in fresh):.2f} s median, model calls {sorted({f[1] for f in fresh})}, "
              f"torch imported: {any(f[2] for f in fresh)}")
        assert all(w[1] == 0 for w in warm + fresh), "a warm run called the model"


if __name__ == "__main__":
    main()
