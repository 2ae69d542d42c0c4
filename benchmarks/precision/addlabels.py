#!/usr/bin/env python3
"""Append judged findings to labels.jsonl, checked line by line against the findings they judge.

    python benchmarks/precision/addlabels.py UNLABELLED JUDGED [--labels labels.jsonl]

UNLABELLED is what `run.py --unlabelled` wrote; JUDGED is a judge's output (see judging.md): one
line per finding, in the same order, with `verdict` (TP or FP) and a one-line `reason`. Nothing is
written unless every line matches its finding on project, commit, path, line, rule and snippet, has
a verdict and a reason, and is not judged already; a mismatch is reported with its line number.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KEYS = ("project", "commit", "path", "line", "rule", "snippet")


def read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise SystemExit(f"{path}:{n}: not JSON: {exc}") from None
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("unlabelled", type=Path)
    ap.add_argument("judged", type=Path)
    ap.add_argument("--labels", type=Path, default=Path(__file__).resolve().parent / "labels.jsonl")
    args = ap.parse_args(argv)
    want, got = read_jsonl(args.unlabelled), read_jsonl(args.judged)
    problems = []
    if len(want) != len(got):
        problems.append(f"{len(want)} findings but {len(got)} judged lines")
    have = {tuple(r[k] for k in KEYS if k != "line") for r in read_jsonl(args.labels)}
    out = []
    for n, (w, g) in enumerate(zip(want, got), 1):
        diff = [k for k in KEYS if w.get(k) != g.get(k)]
        if diff:
            problems.append(f"line {n}: differs from its finding on {', '.join(diff)}")
        if g.get("verdict") not in ("TP", "FP"):
            problems.append(f"line {n}: verdict {g.get('verdict')!r} is not TP or FP")
        reason = str(g.get("reason") or "").strip()
        if not reason or "\n" in reason:
            problems.append(f"line {n}: the reason must be one non-empty line")
        key = tuple(w.get(k) for k in KEYS if k != "line")
        if key in have:
            problems.append(f"line {n}: already labelled ({w.get('project')} {w.get('path')} {w.get('rule')})")
        out.append({**{k: w.get(k) for k in KEYS}, "verdict": g.get("verdict"), "reason": reason})
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    with args.labels.open("a", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in out)
    tp = sum(r["verdict"] == "TP" for r in out)
    print(f"{len(out)} labels appended ({tp} TP, {len(out) - tp} FP) to {args.labels}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
