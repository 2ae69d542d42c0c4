#!/usr/bin/env python3
"""Recall and precision of the rule packs on peers' corpora, next to bandit and ruff (issue 12).

Corpora (nobody here wrote them): bandit's `examples/` (PyCQA/bandit) and ruff's flake8-bandit
fixtures (astral-sh/ruff, crates/ruff_linter/resources/test/fixtures/flake8_bandit/), at the
commits pinned in corpora.json. The files are copied into a scratch folder (corpus/bandit/...,
corpus/ruff/...: neutral paths, so that no tool treats them as tests) and checked by

  - bandit:   bandit -f json -r corpus
  - ruff:     ruff check --isolated --no-cache --select S --output-format json corpus
  - reviewer: a scratch git repository whose second commit adds the corpus;
              reviewer review --range HEAD~1..HEAD --no-model --format json

Every finding is mapped to categories (mapping.json: bandit ids, ruff S codes and reviewer rule
ids -> categories named after our rules). truth.jsonl holds the hand-judged ground truth:
`"verdict": "TP"` lines are real issues of a category (the corpus authors' intent, their
comments, and judgement), `"verdict": "FP"` lines are ones some tool flags that are not issues.
A finding is a true positive when it falls inside the statement of a TP line of one of its
categories. Recall counts TP lines found; precision counts mapped findings (one per tool, line and
category) that are true. Findings that match no judged line are listed as unjudged (and counted
as false) so they can be judged.

    python benchmarks/peers/run.py --reviewer .venv/bin/reviewer
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@localhost", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def tool(name: str, given: str | None) -> str:
    """An executable: the given path, else next to this Python (the venv), else on PATH."""
    if given:
        return given
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"peers: {name} not found: pass --{name} PATH (pip install bandit ruff into a venv)")
    return found


def extract(corpora: Path, mirrors: Path, spec: dict[str, Any], dest: Path) -> int:
    repo = corpora / spec["name"]
    if not repo.exists():
        src = mirrors / spec["repo"].replace("/", "+") / "repo"
        if not src.exists():
            raise SystemExit(f"peers: no clone at {repo} and no mirror at {src}: fetch github:{spec['repo']}")
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(src), str(repo)], check=True)
    names = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", spec["head"], "--",
                            spec["folder"]], check=True, capture_output=True, text=True).stdout.split("\n")
    n = 0
    for name in filter(None, names):
        if not name.endswith((".py", ".pyi")):
            continue
        data = subprocess.run(["git", "-C", str(repo), "show", f"{spec['head']}:{name}"], check=True,
                              capture_output=True).stdout
        out = dest / spec["name"] / name[len(spec["folder"]):].lstrip("/")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        n += 1
    return n


def run_bandit(exe: str, corpus: Path) -> list[tuple[str, int, str]]:
    p = subprocess.run([exe, "-q", "-f", "json", "-r", "corpus"], cwd=corpus.parent, capture_output=True, text=True)
    data = json.loads(p.stdout)
    return [(r["filename"].removeprefix("corpus/"), r["line_number"], r["test_id"]) for r in data["results"]]


def run_ruff(exe: str, corpus: Path) -> list[tuple[str, int, str]]:
    p = subprocess.run([exe, "check", "--isolated", "--no-cache", "--select", "S", "--output-format", "json",
                        "--exit-zero", "corpus"], cwd=corpus.parent, capture_output=True, text=True)
    out = []
    for r in json.loads(p.stdout):
        if r.get("code"):
            path = str(Path(r["filename"]).resolve().relative_to(corpus.resolve()))
            out.append((path, r["location"]["row"], r["code"]))
    return out


# "reviewer" is the default (what a team sees without a model); "reviewer --audit" also reports the
# candidates of pattern+judge rules that otherwise wait for the model (the mode to set against bandit).
TOOLS = ("reviewer", "reviewer --audit", "bandit", "ruff")


def run_reviewer(exe: str, corpus: Path, audit: bool = False) -> tuple[list[tuple[str, int, str]], dict[str, Any]]:
    repo = corpus.parent / ("repo-audit" if audit else "repo")
    env = dict(os.environ, **GIT_ENV)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)

    repo.mkdir()
    git("init", "-q", "-b", "main")
    git("commit", "-q", "--allow-empty", "-m", "empty")
    shutil.copytree(corpus, repo / "corpus")
    git("add", "-A")
    git("commit", "-q", "-m", "corpus")
    p = subprocess.run([exe, "review", "--range", "HEAD~1..HEAD", "--no-model", "--format", "json", "--no-cache",
                        "--fail-level", "none", *(["--audit"] if audit else [])],
                       cwd=repo, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise SystemExit(f"peers: reviewer exited {p.returncode}: {p.stderr.strip()[-500:]}")
    data = json.loads(p.stdout)
    found = [(f["path"].removeprefix("corpus/"), f["line"], f["rule"]) for f in data["findings"]]
    return found, data


def statement_spans(path: Path) -> list[tuple[int, int]]:
    """(first, last) line of every simple statement and compound-statement header."""
    try:
        tree = ast.parse(path.read_bytes())
    except (SyntaxError, ValueError):
        return []
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt):
            end = node.end_lineno or node.lineno
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                end = body[0].lineno - 1  # only the header of a compound statement
            # decorators and default arguments belong to the def line's span
            spans.append((node.lineno, max(end, node.lineno)))
        elif isinstance(node, ast.ExceptHandler):
            spans.append((node.lineno, max(node.lineno, (node.body[0].lineno - 1) if node.body else node.lineno)))
    return spans


def span_of(spans: list[tuple[int, int]], line: int) -> tuple[int, int]:
    inside = [s for s in spans if s[0] <= line <= s[1]]
    return min(inside, key=lambda s: s[1] - s[0]) if inside else (line, line)


def evaluate(truth: list[dict[str, Any]], found: dict[str, list[tuple[str, int, str]]], mapping: dict[str, Any],
             spans: dict[str, list[tuple[int, int]]], intent: bool = False) -> tuple[Any, Any, Any]:
    """(ground-truth issues, per-tool results, judged statements); with `intent`, the corpus authors' verdicts."""
    judged: dict[tuple[str, int, int], dict[str, Any]] = {}
    for t in truth:
        sp = span_of(spans.get(t["file"], []), t["line"])
        key = (t["file"], *sp)
        entry = judged.setdefault(key, {"TP": set(), "FP": set(), "line": t["line"]})
        verdict = t.get("intent", t["verdict"]) if intent else t["verdict"]
        entry[verdict].add(t["category"])

    def locate(path: str, line: int) -> tuple[str, int, int]:
        return (path, *span_of(spans.get(path, []), line))

    results: dict[str, dict[str, Any]] = {}
    for name in TOOLS:
        hits: set[tuple[tuple[str, int, int], str]] = set()
        flagged: dict[tuple[str, int, str], str] = {}  # (path, statement line, category) -> verdict
        codes: dict[tuple[str, int, str], str] = {}
        for path, line, code in found[name]:
            for cat in mapping[name.split()[0]].get(code, []):
                span = locate(path, line)
                j = judged.get(span)
                if j and cat in j["TP"]:
                    verdict = "TP"
                    hits.add((span, cat))
                elif j and cat in j["FP"]:
                    verdict = "FP"
                else:
                    verdict = "unjudged"
                key = (path, span[1], cat)
                if flagged.get(key) != "TP":
                    flagged[key] = verdict
                    codes[key] = code
        # one finding per (statement, code): true if any of the code's categories is
        per_code: dict[tuple[str, int, str], tuple[str, str]] = {}
        for (path, line, cat), verdict in flagged.items():
            k = (path, line, codes[(path, line, cat)])
            prev = per_code.get(k)
            if prev is None or (verdict == "TP" and prev[1] != "TP"):
                per_code[k] = (cat, verdict)
        results[name] = {"hits": hits, "flags": per_code}
    gt = [(span, cat) for span, j in judged.items() for cat in j["TP"]]
    return gt, results, judged


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reviewer", default=None, help="reviewer executable (default: this checkout's .venv/bin/reviewer)")
    ap.add_argument("--bandit", default=None)
    ap.add_argument("--ruff", default=None)
    ap.add_argument("--corpora", type=Path, default=Path("/work/corpora"))
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=None, help="also write the Markdown report here")
    ap.add_argument("--details", action="store_true", help="list every miss and false positive")
    ap.add_argument("--peer-cache", type=Path, default=None,
                    help="reuse bandit's and ruff's findings from this JSON file if it exists, else save them there")
    args = ap.parse_args(argv)
    started = time.perf_counter()

    cfg = json.loads((HERE / "corpora.json").read_text(encoding="utf-8"))
    mapping = json.loads((HERE / "mapping.json").read_text(encoding="utf-8"))
    truth = [json.loads(line) for line in (HERE / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    reviewer = args.reviewer or str(ROOT / ".venv" / "bin" / "reviewer")
    exes = {"reviewer": reviewer, "bandit": tool("bandit", args.bandit), "ruff": tool("ruff", args.ruff)}

    versions = {}
    for name in ("bandit", "ruff"):
        versions[name] = subprocess.run([exes[name], "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    with tempfile.TemporaryDirectory(prefix="peers-") as tmp:
        corpus = Path(tmp) / "corpus"
        counts = {c["name"]: extract(args.corpora, args.mirrors, c, corpus) for c in cfg["corpora"]}
        found: dict[str, list[tuple[str, int, str]]] = {}
        timing: dict[str, float] = {}
        cached = json.loads(args.peer_cache.read_text()) if args.peer_cache and args.peer_cache.exists() else None
        for name, fn in (("bandit", run_bandit), ("ruff", run_ruff)):
            t = time.perf_counter()
            found[name] = [tuple(x) for x in cached[name]] if cached else fn(exes[name], corpus)  # type: ignore[misc]
            timing[name] = time.perf_counter() - t
        if args.peer_cache and not cached:
            args.peer_cache.write_text(json.dumps({"bandit": found["bandit"], "ruff": found["ruff"]}))
        t = time.perf_counter()
        found["reviewer"], rdata = run_reviewer(reviewer, corpus)
        found["reviewer --audit"], _ = run_reviewer(reviewer, corpus, audit=True)
        timing["reviewer"] = (time.perf_counter() - t) / 2
        spans = {p: statement_spans(corpus / p) for p in {f for fs in found.values() for f, _, _ in fs}
                 | {t["file"] for t in truth}}

    pack_of = {cat: pack for pack, cats in mapping["packs"].items() for cat in cats}
    gt, results, judged = evaluate(truth, found, mapping, spans)
    gt_i, results_i, _ = evaluate(truth, found, mapping, spans, intent=True)
    shared = {c for name in ("bandit", "ruff") for cats in mapping[name].values() for c in cats}
    lines = render(gt, results, pack_of, shared, counts, versions, exes, timing, cfg)
    lines += ["", "The same, with the corpus authors' verdicts where they differ from ours (insecure-random and asserts "
              "without context, SSLv23_METHOD, bcrypt, `Crypto` imports):", ""]
    lines += pack_table(gt_i, results_i, pack_of, shared)
    if args.details:
        lines += details(gt, results, pack_of, judged)
    lines.append("")
    lines.append(f"Took {time.perf_counter() - started:.1f} s (bandit {timing['bandit']:.1f} s, ruff {timing['ruff']:.1f} s, "
                 f"reviewer {timing['reviewer']:.1f} s).")
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    unj = [(n, k, v) for n, r in results.items() for k, v in r["flags"].items() if v[1] == "unjudged"]
    if unj:
        print(f"\n{len(unj)} unjudged finding(s): judge them into truth.jsonl", file=sys.stderr)
        for n, (path, line, code), (cat, _) in sorted(unj, key=lambda x: (x[1][0], x[1][1], x[0])):
            print(f"  {n:8s} {path}:{line} {code} -> {cat}", file=sys.stderr)
    return 0


def render(gt: list[tuple[tuple[str, int, int], str]], results: dict[str, dict[str, Any]], pack_of: dict[str, str],
           shared: set[str], counts: dict[str, int], versions: dict[str, str], exes: dict[str, str],
           timing: dict[str, float], cfg: dict[str, Any]) -> list[str]:
    corp = ", ".join(f"{c['repo']}@{c['head'][:10]} {c['folder']} ({counts[c['name']]} files)" for c in cfg["corpora"])
    out = [f"Corpora: {corp}.",
           f"Tools: reviewer `{exes['reviewer']}` (--no-model, and with --audit), {versions['bandit']}, {versions['ruff']} (--select S).",
           ""]
    out += pack_table(gt, results, pack_of, shared)
    out.append("")
    out.append("Per category (issues: all judged real issues; recall over them; bandit/ruff only where they have a check):")
    out.append("")
    out.append("| category | issues | reviewer found | --audit found | bandit found | ruff found | reviewer false "
               "| --audit false | bandit false | ruff false |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    cats = sorted({c for _, c in gt} | {v[0] for r in results.values() for v in r["flags"].values()},
                  key=lambda c: (pack_of.get(c, "~"), c))
    for cat in cats:
        issues = [(s, c) for s, c in gt if c == cat]
        row = [f"{pack_of.get(cat, '?')}/{cat}", str(len(issues))]
        for name in TOOLS:
            row.append(str(sum(1 for i in issues if i in results[name]["hits"])))
        for name in TOOLS:
            row.append(str(sum(1 for v in results[name]["flags"].values() if v[0] == cat and v[1] != "TP")))
        out.append("| " + " | ".join(row) + " |")
    return out


def pack_table(gt: list[tuple[tuple[str, int, int], str]], results: dict[str, dict[str, Any]],
               pack_of: dict[str, str], shared: set[str]) -> list[str]:
    out = ["| pack | tool | issues (shared) | found | recall | findings | true | false | unjudged | precision |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for pack in ("python-crypto", "python-standards"):
        issues = [(s, c) for s, c in gt if pack_of.get(c) == pack and c in shared]
        for name in TOOLS:
            r = results[name]
            got = sum(1 for i in issues if i in r["hits"])
            fl = [v for (_, _, _), v in r["flags"].items() if pack_of.get(v[0]) == pack]
            tp = sum(1 for _, v in fl if v == "TP")
            fp = sum(1 for _, v in fl if v == "FP")
            un = sum(1 for _, v in fl if v == "unjudged")
            rec = f"{got / len(issues):.2f}" if issues else "n/a"
            prec = f"{tp / (tp + fp + un):.2f}" if fl else "n/a"
            out.append(f"| {pack} | {name} | {len(issues)} | {got} | {rec} | {len(fl)} | {tp} | {fp} | {un} | {prec} |")
    return out


def details(gt: list[tuple[tuple[str, int, int], str]], results: dict[str, dict[str, Any]], pack_of: dict[str, str],
            judged: dict[tuple[str, int, int], dict[str, Any]]) -> list[str]:
    out = ["", "Misses and false positives:"]
    for name in TOOLS:
        r = results[name]
        miss = sorted((s, c) for s, c in gt if (s, c) not in r["hits"])
        out.append(f"- {name} misses ({len(miss)}): " + ", ".join(f"{s[0]}:{s[1]} {c}" for s, c in miss))
        fps = sorted((k, v) for k, v in r["flags"].items() if v[1] != "TP")
        out.append(f"- {name} false ({len(fps)}): " + ", ".join(f"{p}:{ln} {code}({v[1]})" for (p, ln, code), v in fps))
    return out


if __name__ == "__main__":
    sys.exit(main())
