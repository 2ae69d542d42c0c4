"""Replay every labelled pull-request finding with a reviewer: which does it still report, and why not the others.

A change to how findings are routed (what counts as already there, outside the diff, suppressed) moves
findings judged worth saying as well as noise. This answers "what does the change cost" on every PR
finding judged so far (`labels.jsonl`, commits only, not whole-tree scans): each labelled commit is
reviewed again as `run.py` reviews it, and each labelled finding is looked up in the report, among the
reported findings or among those not reported with their why.

    python benchmarks/precision/replay.py --reviewer .venv/bin/reviewer [--out FILE.md]

Clones are found as run.py finds them (CORPORA/<project>); a project without one is listed and skipped.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402 - the harness this replays with (review, snippet_of, labels)


def where_now(res: dict[str, Any], lines: list[str], label: dict[str, Any]) -> str:
    """"reported", "not reported: WHY", or "gone" (the rule no longer matches there at all).

    `lines` is the labelled file at the commit, for the snippets the labels are keyed by."""
    if res.get("error"):
        return "review error"
    for f in res.get("findings", []):
        if (f["path"], f["rule"]) == (label["path"], label["rule"]) \
                and run.snippet_of(lines, f["line"]) == label["snippet"]:
            return "reported"
    for f in res.get("not_reported", []):
        if (f["path"], f["rule"]) == (label["path"], label["rule"]) \
                and run.snippet_of(lines, f["line"]) == label["snippet"]:
            return f"not reported: {f.get('why', '?')}"
    return "gone"


def ci_failure(res: dict[str, Any], labels: list[dict[str, Any]], texts: dict[str, bytes | None]) -> str:
    """How this PR fails CI now: "" when no finding is an error, else "TP: ...", "noise: ..." or "unjudged: ...".

    A PR with an error finding judged worth saying fails for a reason; one whose error findings are all
    judged noise fails falsely. Findings are looked up among the commit's labels by (path, rule, snippet),
    as `where_now` does."""
    verdicts = {(lab["path"], lab["rule"], lab["snippet"]): lab["verdict"] for lab in labels}
    whys = []
    for f in res.get("findings", []):
        if f.get("severity") != "error":
            continue
        data = texts.get(f["path"])
        lines = data.decode("utf-8", errors="replace").split("\n") if data else []
        verdict = verdicts.get((f["path"], f["rule"], run.snippet_of(lines, f["line"])))
        where = f"{f['path']}:{f['line']} {f['rule']}"
        whys.append(("TP" if verdict == "TP" else "noise" if verdict == "FP" else "unjudged") + f": {where}")
    for kind in ("TP", "unjudged", "noise"):
        if any(w.startswith(kind) for w in whys):
            return next(w for w in whys if w.startswith(kind))
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reviewer", required=True, help="reviewer executable")
    ap.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    ap.add_argument("--corpora", type=Path, default=Path("/work/corpora"), help="folder of project clones")
    ap.add_argument("--out", type=Path, default=None, help="also write the Markdown report here")
    ap.add_argument("--rows", type=Path, default=None, help="write one JSON line per labelled finding")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    by_commit: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
    for raw in args.labels.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            rec = json.loads(raw)
            if not rec["commit"].startswith("tree:"):
                by_commit[(rec["project"], rec["commit"])].append(rec)
    table: collections.Counter[tuple[str, str]] = collections.Counter()
    rows, missing = [], set()
    failing: list[tuple[str, str, str]] = []  # (project, commit, why) for each PR an error finding fails now
    for (project, commit), labels in sorted(by_commit.items()):
        repo = args.corpora / project
        if not (repo / ".git").exists() and not (repo / "HEAD").exists():
            missing.add(project)
            continue
        if not run.has_commit(repo, commit):
            # another project of that name (kennethreitz/responder and lgandx/Responder), or an older mirror
            missing.add(f"{project} (commit {commit[:12]} not in the clone)")
            continue
        res = run.review(args.reviewer, repo, commit)
        paths = sorted({lab["path"] for lab in labels})
        texts = dict(zip(paths, run._blobs(repo, [f"{commit}:{p}" for p in paths])))  # one git cat-file per commit
        for lab in labels:
            data = texts[lab["path"]]
            now = where_now(res, data.decode("utf-8", errors="replace").split("\n") if data else [], lab)
            table[(lab["verdict"], now)] += 1
            rows.append({**{k: lab[k] for k in ("project", "commit", "path", "rule", "snippet", "verdict")},
                         "now": now})
        why = ci_failure(res, labels, texts)
        if why:
            failing.append((project, commit, why))
    outcomes = sorted({now for _v, now in table}, key=lambda s: (s != "reported", s))
    out = [f"Reviewer: `{args.reviewer}`; {sum(len(v) for v in by_commit.values())} labelled PR findings in "
           f"{len(by_commit)} commits; {time.perf_counter() - started:.0f} s.", "",
           "| now | judged worth saying (TP) | judged noise (FP) |", "|---|---|---|"]
    out += [f"| {now} | {table[('TP', now)]} | {table[('FP', now)]} |" for now in outcomes]
    kinds = collections.Counter(why.split(":")[0] for _p, _c, why in failing)
    out += ["", f"PRs an error finding fails now (CI): {len(failing)} of {len(by_commit)}: on a finding worth saying "
            f"{kinds['TP']}, on one not judged yet {kinds['unjudged']}, only on findings judged noise {kinds['noise']}. "
            "Only commits with labelled findings are replayed: a PR where the old rules said nothing is not here."]
    out += [f"- {p} {c[:12]}: {why}" for p, c, why in failing]
    if missing:
        out += ["", "No clone, skipped: " + ", ".join(sorted(missing))]
    text = "\n".join(out) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
