"""Benchmark 1: 64 hunks, batched versus one-at-a-time generation, tiny model on CPU.

Both ways go through the engine (TransformersBackend.complete) with the real
review prompts' shape and the bounded findings schema (xgrammar on). Prints
the median of several runs: output tokens/s batched, one at a time, and the
ratio. Usage: python benchmarks/engine_batching.py [--runs 3] [--hunks 64]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.engine.base import Request  # noqa: E402
from reviewer.engine.local import TransformersBackend  # noqa: E402
from reviewer.engine.schema import findings_schema  # noqa: E402


def hunks(n: int) -> list[Request]:
    out = []
    for i in range(n):
        body = "\n".join(f"{i * 20 + k:>5} + value_{k} = compute(items[{k}], {i})" for k in range(4 + i % 12))
        user = (f"File: pkg/mod_{i}.py\n\nRules:\n- demo/off-by-one (warning): loops must cover every item.\n\n"
                f"The change:\n```\n{body}\n```\nReport violations as JSON.")
        schema = findings_schema(["demo/off-by-one", "demo/no-print"], i * 20, i * 20 + 15)
        out.append(Request("You are a careful code reviewer.", user, schema=schema, max_new_tokens=64))
    return out


def run(backend: TransformersBackend, reqs: list[Request], batched: bool) -> tuple[float, int]:
    start = time.perf_counter()
    comps = backend.complete(reqs) if batched else [backend.complete([r])[0] for r in reqs]
    elapsed = time.perf_counter() - start
    assert all(c.error is None for c in comps)
    return elapsed, sum(c.output_tokens for c in comps)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--hunks", type=int, default=64)
    ap.add_argument("--model", help="model folder (default: build the tiny test model)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.model:
            path = args.model
        else:
            from tests.tiny_model import build

            path = str(build(Path(tmp) / "tiny"))
        backend = TransformersBackend(path, device="cpu", batch_tokens=16384)
        reqs = hunks(args.hunks)
        backend.complete(reqs[:2])  # warm-up: load, compile the grammars' tokenizer info
        rates = {True: [], False: []}
        for _ in range(args.runs):
            for batched in (True, False):
                elapsed, tokens = run(backend, reqs, batched)
                rates[batched].append(tokens / elapsed)
        b, s = statistics.median(rates[True]), statistics.median(rates[False])
        print(f"hunks={args.hunks} runs={args.runs} model={'tiny Qwen2 (2 layers, hidden 64)' if not args.model else path}")
        print(f"batched:        {b:8.1f} output tokens/s (median)")
        print(f"one at a time:  {s:8.1f} output tokens/s (median)")
        print(f"ratio:          {b / s:8.2f}x")


if __name__ == "__main__":
    main()
