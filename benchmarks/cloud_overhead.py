"""Overhead of the cloud path that runs on this machine: redaction and ledger appends.

Usage: python benchmarks/cloud_overhead.py [RUNS]

Prints the median of RUNS runs (default 7) for:
- redacting the README example's changed files (what an escalation sends),
- redacting 1 MB of Python source with secrets sprinkled in,
- appending 1,000 ledger lines.
The network round trip to Anthropic is not measured: it dwarfs both and is not ours.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.config import CloudConfig  # noqa: E402
from reviewer.engine.ledger import Ledger, Prices  # noqa: E402
from reviewer.engine.redact import redact  # noqa: E402


def median_s(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    example = "\n".join(p.read_text() for p in sorted((ROOT / "examples" / "change").rglob("*.py")))
    redact(example)  # first call loads detect-secrets' plugins; measured separately below
    chunk = example + '\nAWS = "AKIAIOSFODNN7EXAMPLE"\npassword = "hunter2hunter2"\n'
    big = chunk * (1_000_000 // len(chunk) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(Path(tmp) / "ledger.jsonl", Prices.from_config(CloudConfig()))

        def append_1000() -> None:
            for i in range(1000):
                ledger.record(backend="anthropic", model="m", left_machine=True, purpose="escalate",
                              files=["a.py"], input_tokens=i, output_tokens=40)

        rows = [
            (f"redact example change ({len(example):,} chars)", median_s(lambda: redact(example), runs)),
            (f"redact {len(big) / 1e6:.1f} MB with secrets", median_s(lambda: redact(big), max(3, runs // 2))),
            ("append 1,000 ledger lines", median_s(append_1000, runs)),
        ]
    for name, seconds in rows:
        print(f"{name}: median {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
