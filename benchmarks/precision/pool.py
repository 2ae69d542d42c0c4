"""Pool the per-rule tables of several precision reports (results/*.md) into one table.

    python benchmarks/precision/pool.py benchmarks/precision/results/heldout-round*.md

Each report (written by run.py) has a per-rule table for the replayed commits and one for the
whole-tree scans; both are added up here, per rule: fired, TP, FP, precision. A summary line per
report (commits, findings, TP, errors, PRs failing CI on a false positive) comes first.

A `.jsonl` argument is the findings file of a run (`run.py --findings`): its findings are joined with
the labels as they are now (`--labels`), so a round measured once before it was judged gets its table
without running it again.

    python benchmarks/precision/pool.py benchmarks/precision/results/heldout-round10[2-4].findings.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path


def severity_rank(severity: str) -> tuple[int, str]:
    """Most severe first: `error`, `warning`, `info (no model)`, `info`."""
    words = ("error", "warning", "info")
    first = severity.split()[0] if severity else ""
    return (words.index(first) if first in words else len(words), severity)


def rows(text: str) -> list[tuple[str, str, int, int, int]]:
    """(rule, severity, fired, TP, FP) of every per-rule row in a report."""
    out = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 10 and "/" in cells[0] and cells[4].isdigit():  # replayed commits
            out.append((cells[0], cells[3], int(cells[4]), int(cells[5]), int(cells[6])))
        elif len(cells) == 7 and "/" in cells[0] and cells[2].isdigit():  # whole trees
            out.append((cells[0], cells[1], int(cells[2]), int(cells[3]), int(cells[4])))
    return out


def summary(path: Path, text: str) -> str:
    commits = re.search(r"; ([\d,]+) commits", text.splitlines()[0] if text else "")
    failing = re.search(r"PRs failing CI on a false positive: (\d+)", text)
    errors = re.search(r"^\| error \| (\d+) \| (\d+) \|", text, re.M)
    tree_err = re.search(r"^- error severity: (\d+) fired, (\d+) TP", text.split("Whole-tree scan")[-1], re.M) \
        if "Whole-tree scan" in text else None
    fired = sum(r[2] for r in rows(text))
    tp = sum(r[3] for r in rows(text))
    err_f = int(errors.group(1)) + (int(tree_err.group(1)) if tree_err else 0) if errors else 0
    err_t = int(errors.group(2)) + (int(tree_err.group(2)) if tree_err else 0) if errors else 0
    return (f"{path.name}: {commits.group(1) if commits else '?'} commits; {tp} TP of {fired} findings; "
            f"error severity {err_t} TP of {err_f}; PRs failing CI on a false positive: "
            f"{failing.group(1) if failing else '?'}")


def findings_rows(path: Path, labels: dict[tuple[str, ...], str]) -> tuple[str, list[tuple[str, str, int, int, int]]]:
    """The summary line and per-rule rows of a findings file, with today's labels."""
    per: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    errors = [0, 0]
    pr_errors: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        f = json.loads(line)
        key = (f["project"], f["commit"], f["path"], f["rule"], f["snippet"])
        verdict = labels.get((*key, str(f["line"])), "") or labels.get(key, "")
        row = per[(f["rule"], f["severity"])]
        row[0] += 1
        row[1] += verdict == "TP"
        row[2] += verdict == "FP"
        if f["severity"] == "error":
            errors[0] += 1
            errors[1] += verdict == "TP"
            if not f["commit"].startswith("tree:"):
                pr_errors[(f["project"], f["commit"])].append(verdict)
    on_noise = sum(1 for v in pr_errors.values() if all(x == "FP" for x in v))
    out = [(rule, sev, *counts) for (rule, sev), counts in per.items()]
    fired, tp = sum(r[2] for r in out), sum(r[3] for r in out)
    return (f"{path.name}: {tp} TP of {fired} findings; error severity {errors[1]} TP of {errors[0]}; "
            f"PRs failing CI: {len(pr_errors)}, on a false positive: {on_noise}"), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reports", nargs="+", type=Path)
    ap.add_argument("--labels", type=Path, default=Path(__file__).resolve().parent / "labels.jsonl")
    args = ap.parse_args()
    labels: dict[tuple[str, ...], str] = {}
    if any(p.suffix == ".jsonl" for p in args.reports):
        for line in args.labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                labels[(r["project"], r["commit"], r["path"], r["rule"], r["snippet"])] = r["verdict"]
                if isinstance(r.get("line"), int):  # several lines with one snippet, judged apart (as run.py)
                    labels[(r["project"], r["commit"], r["path"], r["rule"], r["snippet"], str(r["line"]))] = r["verdict"]
    total: dict[str, list] = collections.defaultdict(lambda: [0, 0, 0, set()])
    for path in args.reports:
        if path.suffix == ".jsonl":
            line, found = findings_rows(path, labels)
            print(f"- {line}")
        else:
            text = path.read_text(encoding="utf-8")
            print(f"- {summary(path, text)}")
            found = rows(text)
        for rule, sev, fired, tp, fp in found:
            t = total[rule]
            t[0] += fired
            t[1] += tp
            t[2] += fp
            if sev:
                t[3].add(sev)
    print()
    print("| rule | severity | fired | TP | FP | precision |")
    print("|---|---|---|---|---|---|")
    for rule, (fired, tp, fp, sev) in sorted(total.items(), key=lambda x: (-x[1][0], x[0])):
        prec = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"
        shown = ", ".join(sorted(sev, key=severity_rank)) if sev else ""  # a rule reported at several severities
        print(f"| {rule} | {shown} | {fired} | {tp} | {fp} | {prec} |")
    fired = sum(v[0] for v in total.values())
    tp = sum(v[1] for v in total.values())
    fp = sum(v[2] for v in total.values())
    print(f"| **all** | | {fired} | {tp} | {fp} | **{tp / (tp + fp):.2f}** |" if tp + fp
          else "| **all** | | 0 | 0 | 0 | n/a |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
