"""Error-severity findings on whole trees: every project of the given lists, every `.py` file at its pinned head.

    python benchmarks/precision/errors.py --reviewer .venv/bin/reviewer [benchmarks/precision/projects*.json ...]

An `error` finding fails CI, so it must be near-certain. The per-list reports (run.py) show the errors
of the trees marked `scan_tree` and of the replayed commits; this script asks one question of every
project's whole tree, marked or not: which error findings would a team see the day it adopts the
tool? Each finding is joined with its label in labels.jsonl (the same keys as run.py's whole-tree rows:
`tree:<head>`); unlabelled ones are listed with their line so they can be judged. With no list given,
every projects*.json next to this script is read (a project in two lists is scanned once).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import HERE, Files, ensure_clone, judged, load_labels, scan_tree  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lists", nargs="*", type=Path, help="project lists (default: every projects*.json here)")
    ap.add_argument("--reviewer", required=True, help="reviewer executable under test")
    ap.add_argument("--corpora", type=Path, default=Path("/work/corpora"), help="folder of project clones")
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"), help="folder of fetched bare mirrors")
    ap.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    ap.add_argument("--out", type=Path, default=None, help="also write the Markdown report here")
    args = ap.parse_args(argv)
    lists = args.lists or sorted(HERE.glob("projects*.json"))
    labels = load_labels(args.labels)
    projects: dict[str, dict[str, Any]] = {}
    for path in lists:
        for p in json.loads(path.read_text(encoding="utf-8"))["projects"]:
            projects.setdefault(p["name"], p)
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for name in sorted(projects, key=str.lower):
        project = projects[name]
        try:
            repo = ensure_clone(args.corpora, args.mirrors, project)
        except SystemExit as exc:
            problems.append(f"{name}: {exc}")
            continue
        res = scan_tree(args.reviewer, repo, project["head"])
        if res.get("error"):
            problems.append(f"{name}: {res['error']}")
        files = Files(repo)
        key = "tree:" + project["head"]
        found = [judged(name, key, f, files.lines(project["head"], f["path"]), labels)
                 for f in res.get("findings", []) if f.get("severity") == "error"]
        rows += found
        print(f"{name:24s} {len(found)} error finding(s)", file=sys.stderr, flush=True)
    verdicts = collections.Counter(r["verdict"] or "unlabelled" for r in rows)
    lines = [f"Reviewer: `{args.reviewer}`; {len(projects)} projects from {len(lists)} list(s), every `.py` file at "
             f"each pinned head; {time.perf_counter() - started:.0f} s.", "",
             f"- error findings: {len(rows)}; TP {verdicts['TP']}, FP {verdicts['FP']}, "
             f"unlabelled {verdicts['unlabelled']}", ""]
    if rows:
        lines += ["| project | file:line | rule | verdict | reason |", "|---|---|---|---|---|"]
        lines += [f"| {r['project']} | {r['path']}:{r['line']} | {r['rule']} | {r['verdict'] or '-'} | "
                  f"{(r['reason'] or ' '.join(r.get('context', [])[6:7]).strip()).replace('|', '/')} |" for r in rows]
    if problems:
        lines += ["", "Not scanned or incomplete:", *[f"- {p}" for p in problems]]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
