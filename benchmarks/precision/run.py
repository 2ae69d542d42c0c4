#!/usr/bin/env python3
"""Precision of the rule packs on real pull requests (issue 12, deliverable 1).

For each project in projects.json, replay the last N first-parent commits that touch Python
(`reviewer review --range C^..C --no-model --format json`, as CI would run on that merged pull
request), collect every reported finding, and join them with the hand-judged labels in
labels.jsonl. Prints the per-rule table (fired, TP, FP, precision), overall and error-severity
precision, and how many pull requests would have failed CI on a false positive. Findings that
have no label yet are listed (and written to unlabelled.jsonl with their context) so they can
be judged.

A label is keyed by (project, commit, path, rule, snippet): the snippet is the stripped text of
the finding's first line in that commit, so labels survive line renumbering and reruns with a
changed rule engine; only findings the engine newly reports need judging.

    python benchmarks/precision/run.py --reviewer .venv/bin/reviewer
    python benchmarks/precision/run.py --reviewer /work/wt/rules/.venv/bin/reviewer --out results/rules.md

Mirrors: the script expects a clone of each project at CORPORA/<name> (default /work/corpora);
a missing one is cloned from MIRRORS/<owner>+<name>/repo (the `fetch` tool's layout) when present.
Nothing is checked out: `--range` reads every file from the commit itself.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          errors="replace").stdout


def has_commit(repo: Path, commit: str) -> bool:
    """Whether the clone holds `commit`."""
    return subprocess.run(["git", "-C", str(repo), "cat-file", "-e", f"{commit}^{{commit}}"],
                          capture_output=True).returncode == 0


def ensure_clone(corpora: Path, mirrors: Path, project: dict[str, Any]) -> Path:
    dest = corpora / project["name"]
    if not dest.exists():
        src = mirrors / project["repo"].replace("/", "+") / "repo"
        if not src.exists():
            raise SystemExit(f"precision: no clone at {dest} and no mirror at {src}: fetch github:{project['repo']} "
                             f"and `git clone --no-checkout MIRROR {dest}`")
        corpora.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(src), str(dest)], check=True)
    head = project["head"]
    if not has_commit(dest, head):
        raise SystemExit(f"precision: {dest} lacks the pinned head {head}: fetch a newer mirror of {project['repo']}")
    return dest


def commits(repo: Path, head: str, n: int) -> list[str]:
    out = git(repo, "log", "--first-parent", "--format=%H %P", f"-n{n}", head, "--", "*.py", "*.pyi")
    return [line.split()[0] for line in out.splitlines() if len(line.split()) > 1]  # skip a root commit


def rule_table(reviewer: str) -> dict[str, dict[str, Any]]:
    """id -> {kind, enabled, severity} as the reviewer under test lists its rules (default configuration)."""
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run([reviewer, "rules", "list", "--format", "json"], cwd=tmp, capture_output=True, text=True)
    try:
        return {r["id"]: r for r in json.loads(p.stdout)}
    except (json.JSONDecodeError, KeyError, TypeError):
        return {}


# The project's own configuration, as a CI checkout of the commit has it: reviewer reads its linter
# settings (reviewer/rules/lintconfig.py) and the root .gitattributes (reviewer/rules/context.py) from
# the working tree. The clones here have no checkout, so subfolders' .gitattributes are not there.
CONFIG_FILES = ("pyproject.toml", "setup.cfg", "setup.py", "tox.ini", ".flake8", "ruff.toml", ".ruff.toml",
                "pytest.ini",  # whether its tests hide warnings (rules.lintconfig.hidden_warnings)
                ".pre-commit-config.yaml", ".gitattributes", ".python-version", "runtime.txt", "Dockerfile", "pylintrc",
                ".pylintrc", "Makefile", ".bandit", "requirements.txt", "requirements-prod.txt", "Pipfile",
                "requirements/base.txt", "requirements/prod.txt", "requirements/production.txt",
                # what the project says it is (reviewer/rules/purpose.py)
                "README.md", "README.rst", "README.txt", "README", "readme.md", "Readme.md", "README.markdown",
                # and the license it is under (a file under another is copied in: reviewer/rules/context.py)
                "LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE.rst", "LICENCE", "LICENCE.txt", "COPYING",
                "COPYING.txt", "COPYING.md",
                # an add-on's manifest names both where no packaging does (FreeCAD's and ROS's package.xml, Kodi's addon.xml)
                "package.xml", "addon.xml")


# Where a project names its Pythons (reviewer/rules/pyversion.py), beyond the root: the nearest folder that
# names one governs a file (a subproject's own metadata), CI configurations and conda environments.
PYTHON_NAMED_IN = ("pyproject.toml", "setup.cfg", "setup.py", "tox.ini", ".python-version", "runtime.txt", "Dockerfile",
                   "environment.yml", "environment.yaml", "conda-env.yml", "conda-env.yaml", "ruff.toml", ".ruff.toml",
                   "Pipfile", "requirements.txt")
# reviewer.rules.purpose.LICENSE_FILES: a folder's own license file, carried into the whole-tree scan
LICENSE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE.rst", "LICENCE", "LICENCE.txt", "COPYING",
                 "COPYING.txt", "COPYING.md")
# reviewer.rules.context._DIST_FILES: a GNU-style distribution's top files, carried into the whole-tree scan
DIST_NAMES = ("AUTHORS", "COPYING", "ChangeLog", "NEWS", "INSTALL", "configure.ac", "configure.in")
# reviewer.rules.pyversion.SUBLIME_RESOURCES (this script runs any version of the reviewer, so it imports none)
SUBLIME_RESOURCES = (".sublime-commands", ".sublime-settings", ".sublime-keymap", ".sublime-mousemap", ".sublime-menu",
                     ".sublime-build", ".sublime-syntax", ".sublime-completions", ".sublime-color-scheme",
                     ".sublime-theme", ".sublime-macro")
ROOT_PYTHON_FILES = (*(f"{d}{n}" for d in ("", "conda/", "setup/") for n in ("environment.yml", "environment.yaml",
                                                                              "conda-env.yml", "conda-env.yaml")),
                     ".travis.yml", ".circleci/config.yml", ".gitlab-ci.yml")
# ... and the service Dockerfiles beside a folder's `Dockerfile` (`Dockerfile.event`, `api.Dockerfile`), whose
# `python:X.Y` images pyversion reads too (eventtrader, held-out round 656)
SERVICE_DOCKERFILE = re.compile(r"Dockerfile\.[\w.-]+|[\w.-]+\.[Dd]ockerfile")
PLACED = "precision-placed.json"  # in the clone's .git: what the last call placed beyond CONFIG_FILES


def _python_files(repo: Path, commit: str) -> list[str]:
    """The commit's files, at any depth, that may name the Pythons of the files below them, its CI files, and
    pylintrc files anywhere (a CI command line may name one with `--rcfile`: walinuxagent's `ci/pylintrc`)."""
    names = git(repo, "ls-tree", "-r", "--name-only", commit).splitlines()
    return [n for n in names
            if (("/" in n and n.rsplit("/", 1)[1] in PYTHON_NAMED_IN) or n in ROOT_PYTHON_FILES
                or SERVICE_DOCKERFILE.fullmatch(n.rsplit("/", 1)[-1])
                or (n.startswith(".github/workflows/") and n.count("/") == 2 and n.endswith((".yml", ".yaml")))
                or ("/" in n and n.rsplit("/", 1)[1].endswith("pylintrc"))
                # a Sublime Text package's resource files at the root: the editor's Python runs it (pyversion)
                or ("/" not in n and (n == ".no-sublime-package" or n.endswith(SUBLIME_RESOURCES)))
                # a Red-DiscordBot cog repository's info.json and a StackStorm pack's pack.yaml at the root: the
                # bot's and st2's Python run them (pyversion)
                or n in ("info.json", "pack.yaml"))
            and n not in CONFIG_FILES]


def place_configs(repo: Path, commit: str, dest: Path) -> None:
    """Write `commit`'s configuration files into `dest` (removing those it does not have)."""
    for name in CONFIG_FILES:
        p = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{name}"], capture_output=True)
        if p.returncode == 0:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_bytes(p.stdout)
        else:
            (dest / name).unlink(missing_ok=True)
    extra = _python_files(repo, commit)
    manifest = dest / ".git" / PLACED
    if manifest.parent.is_dir():
        try:
            before = set(json.loads(manifest.read_text()))
        except (OSError, ValueError):
            before = set()
        for name in before - set(extra):
            (dest / name).unlink(missing_ok=True)
    for name, data in zip(extra, _blobs(repo, [f"{commit}:{n}" for n in extra])):
        if data is not None and not (dest / name).is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_bytes(data)
    if manifest.parent.is_dir():
        manifest.write_text(json.dumps(sorted(extra)))


def review(reviewer: str, repo: Path, commit: str, configs: bool = True) -> dict[str, Any]:
    if configs:
        place_configs(repo, commit, repo)
    cmd = [reviewer, "review", "--range", f"{commit}^..{commit}", "--no-model", "--format", "json", "--no-cache",
           "--fail-level", "error"]
    env = dict(os.environ, NO_COLOR="1")
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    took = time.perf_counter() - t
    if p.returncode not in (0, 1):
        return {"error": f"exit {p.returncode}: {p.stderr.strip()[-300:]}", "seconds": took, "rc": p.returncode}
    try:
        data = json.loads(p.stdout)
    except json.JSONDecodeError:
        return {"error": f"not JSON: {p.stdout[:200]!r}", "seconds": took, "rc": p.returncode}
    data["rc"] = p.returncode
    data["seconds"] = took
    return data


def _blobs(repo: Path, specs: list[str]) -> list[Optional[bytes]]:
    """The contents of `rev:path` objects, read by one `git cat-file --batch` (None for a missing one).

    One `git show` per file cost a process each: ansible's 3,000 files took minutes.
    """
    if not specs:
        return []
    p = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], input="\n".join(specs).encode() + b"\n",
                       capture_output=True, check=True)
    out: list[Optional[bytes]] = []
    data, pos = p.stdout, 0
    for _ in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":  # "<spec> missing", or not a file
            out.append(None)
            continue
        size = int(header[2])
        out.append(data[pos:pos + size])
        pos += size + 1
    return out


GIT_ENV = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@localhost", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@localhost", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")


def commit_as_change(work: Path) -> None:
    """Make the files in `work` one commit on top of an empty one, so that HEAD^..HEAD adds them all."""
    for args in (["init", "-q", "-b", "main"], ["commit", "-q", "--allow-empty", "-m", "empty"],
                 ["add", "-A"], ["commit", "-q", "-m", "tree"]):
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True, env=GIT_ENV)


def scan_tree(reviewer: str, repo: Path, head: str) -> dict[str, Any]:
    """Review every Python file of `head` as one added change (what a team sees when it adopts the tool)."""
    listing = git(repo, "ls-tree", "-r", "--name-only", head).splitlines()
    names = [n for n in listing if n.endswith((".py", ".pyi"))]
    if not names:  # a project that moved elsewhere leaves a tombstone (googleapis/python-api-core, round 70)
        return {"findings": [], "empty": True}
    with tempfile.TemporaryDirectory(prefix="precision-tree-") as tmp:
        work = Path(tmp)
        absent = []
        # AboutCode's `.ABOUT` provenance records travel with the code they describe (the vendored context), and so
        # do a folder's own license files (a folder under another license is a copy: the copied context) and PsychoPy
        # Builder's experiments (a script beside the `.psyexp` it is compiled from is generated), and a release's
        # PKG-INFO (a folder that holds one is an unpacked source distribution: vendored), and a GNU-style
        # distribution's top files (a folder with four of them is another project's tree: vendored), and a CMake
        # build tree's CMakeCache.txt (the tree below it is build output)
        carried = names + [n for n in listing if n.endswith((".ABOUT", ".psyexp", "/PKG-INFO", "/CMakeCache.txt"))
                           or ("/" in n and n.rsplit("/", 1)[1] in DIST_NAMES)
                           or ("/" in n and n.rsplit("/", 1)[1] in LICENSE_NAMES)]
        for name, data in zip(carried, _blobs(repo, [f"{head}:{n}" for n in carried])):
            if data is None:  # a mirror may leave its largest files out: say so, scan the rest
                absent.append(name)
                continue
            out = work / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        place_configs(repo, head, work)
        commit_as_change(work)
        result = review(reviewer, work, "HEAD", configs=False)
        if absent:
            result["absent"] = absent
        return result


class Files:
    """Text of files at a commit (cached), for snippets and context."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.cache: dict[tuple[str, str], list[str]] = {}

    def lines(self, commit: str, path: str) -> list[str]:
        key = (commit, path)
        if key not in self.cache:
            try:
                # lines as git and the reviewer count them: "\n" only (str.splitlines also breaks at a form
                # feed, which Mailman's modules put between sections, and shifted every later snippet by one)
                self.cache[key] = git(self.repo, "show", f"{commit}:{path}").split("\n")
            except subprocess.CalledProcessError:
                self.cache[key] = []
        return self.cache[key]


def snippet_of(lines: list[str], line: int) -> str:
    return " ".join(lines[line - 1].split()) if 0 < line <= len(lines) else ""


def label_key(project: str, commit: str, path: str, rule: str, snippet: str) -> tuple[str, str, str, str, str]:
    return (project, commit, path, rule, snippet)


def load_labels(path: Path) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Labels by key; a key that labels several lines (the same `print("debug")` five times in one file,
    judged apart: conda-build, held-out round 77) is also entered with its line, which `judged` asks first."""
    labels: dict[tuple[Any, ...], dict[str, Any]] = {}
    if not path.exists():
        return labels
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
            verdict = rec["verdict"]
            key = label_key(rec["project"], rec["commit"], rec["path"], rec["rule"], rec["snippet"])
        except (json.JSONDecodeError, KeyError) as exc:
            raise SystemExit(f"precision: {path}:{n}: bad label ({exc})") from None
        if verdict not in ("TP", "FP"):
            raise SystemExit(f"precision: {path}:{n}: verdict must be TP or FP, not {verdict!r}")
        labels[key] = rec
        if isinstance(rec.get("line"), int):
            labels[(*key, rec["line"])] = rec
    return labels


def pct(tp: int, fp: int) -> str:
    return f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"


def judged(name: str, commit: str, f: dict, lines: list, labels: dict) -> dict:  # type: ignore[type-arg]
    """One report row: the finding, its label if judged, else 6 lines of context for judging it."""
    snip = snippet_of(lines, f["line"])
    key = label_key(name, commit, f["path"], f["rule"], snip)
    lab = labels.get((*key, f["line"])) or labels.get(key)
    row = {"project": name, "commit": commit, "path": f["path"], "line": f["line"], "rule": f["rule"],
           "severity": f["severity"], "snippet": snip, "message": f["message"],
           "fix": f.get("suggestion") is not None,
           "verdict": lab["verdict"] if lab else None, "reason": lab.get("reason") if lab else None}
    if lab is None:
        lo, hi = max(0, f["line"] - 7), min(len(lines), f.get("end_line", f["line"]) + 4)
        row["context"] = [f"{i + 1:5d}{'>' if i + 1 == f['line'] else ' '} {lines[i]}" for i in range(lo, hi)]
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reviewer", default=None, help="reviewer executable (default: this checkout's .venv/bin/reviewer)")
    ap.add_argument("--corpora", type=Path, default=Path("/work/corpora"), help="folder of project clones")
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"), help="folder of fetched bare mirrors")
    ap.add_argument("--projects", type=Path, default=HERE / "projects.json")
    ap.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    ap.add_argument("--commits", type=int, default=None, help="commits per project (default: projects.json)")
    ap.add_argument("--only", nargs="*", default=None, help="project names to run (default: all available)")
    ap.add_argument("--no-trees", action="store_true", help="skip the whole-tree scans of projects marked scan_tree")
    ap.add_argument("--jobs", type=int, default=1, help="reviews run at once (default 1: each review writes the "
                    "commit's configuration files into the clone first)")
    ap.add_argument("--out", type=Path, default=None, help="also write the Markdown report here")
    ap.add_argument("--findings", type=Path, default=None, help="write every finding with its verdict (JSONL)")
    ap.add_argument("--unlabelled", type=Path, default=Path(tempfile.gettempdir()) / "precision-unlabelled.jsonl",
                    help="where unlabelled findings go, with context, for judging")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    reviewer = args.reviewer or str(ROOT / ".venv" / "bin" / "reviewer")
    if not (Path(reviewer).exists() or shutil.which(reviewer)):
        raise SystemExit(f"precision: no reviewer executable at {reviewer}")
    cfg = json.loads(args.projects.read_text(encoding="utf-8"))
    n = cfg["commits_per_project"] if args.commits is None else args.commits
    labels = load_labels(args.labels)

    rows: list[dict[str, Any]] = []  # one per reported finding
    per_commit: list[dict[str, Any]] = []
    skipped: list[str] = []
    tree_rows: list[dict[str, Any]] = []
    tree_errors: list[str] = []
    for project in cfg["projects"]:
        name = project["name"]
        if args.only and name not in args.only:
            continue
        if project.get("unavailable"):
            skipped.append(f"{project['repo']}: {project['unavailable']}")
            continue
        repo = ensure_clone(args.corpora, args.mirrors, project)
        files = Files(repo)
        todo = commits(repo, project["head"], n)
        t = time.perf_counter()
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(lambda c: review(reviewer, repo, c), todo))
        errors = 0
        for c, res in zip(todo, results):
            rec = {"project": name, "commit": c, "rc": res.get("rc"), "seconds": res["seconds"],
                   "changed_lines": res.get("summary", {}).get("changed_lines", 0),
                   "not_reported": res.get("summary", {}).get("not_reported", {}), "error": res.get("error"),
                   "held": collections.Counter(f["rule"] for f in res.get("not_reported", [])
                                               if f.get("why") == "below confidence"),
                   "findings": []}
            if res.get("error"):
                errors += 1
            for f in res.get("findings", []):
                row = judged(name, c, f, files.lines(c, f["path"]), labels)
                rows.append(row)
                rec["findings"].append(row)
            per_commit.append(rec)
        if project.get("scan_tree") and not args.no_trees:
            t2 = time.perf_counter()
            res = scan_tree(reviewer, repo, project["head"])
            key = "tree:" + project["head"]
            for f in res.get("findings", []):
                row = judged(name, key, f, files.lines(project["head"], f["path"]), labels)
                tree_rows.append(row)
            if res.get("error"):
                tree_errors.append(f"{name}: {res['error']}")
            if res.get("empty"):
                tree_errors.append(f"{name}: no Python file at the pinned head, nothing to scan")
            if res.get("absent"):
                tree_errors.append(f"{name}: {len(res['absent'])} file(s) absent from the mirror, not scanned: "
                                   f"{', '.join(res['absent'][:3])}")
            print(f"{name:12s} whole tree: {len(res.get('findings', []))} findings  {time.perf_counter() - t2:6.1f} s",
                  file=sys.stderr, flush=True)
        print(f"{name:12s} {len(todo):3d} commits  {sum(len(r['findings']) for r in per_commit if r['project'] == name):3d} "
              f"findings  {time.perf_counter() - t:6.1f} s{f'  {errors} review error(s)' if errors else ''}",
              file=sys.stderr, flush=True)

    report = render(rows, per_commit, skipped, n, reviewer, time.perf_counter() - started, rule_table(reviewer))
    if tree_rows or tree_errors:
        report += "\n\n" + render_tree(tree_rows, tree_errors)
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n", encoding="utf-8")
    if args.findings:
        args.findings.parent.mkdir(parents=True, exist_ok=True)
        args.findings.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "context"}) + "\n"
                                         for r in rows + tree_rows), encoding="utf-8")
    unl = [r for r in rows + tree_rows if r["verdict"] is None]
    if unl:
        args.unlabelled.write_text("".join(json.dumps(r) + "\n" for r in unl), encoding="utf-8")
        print(f"\n{len(unl)} unlabelled finding(s) written to {args.unlabelled}", file=sys.stderr)
    elif args.unlabelled.exists():
        args.unlabelled.unlink()
    return 0


def render(rows: list[dict[str, Any]], per_commit: list[dict[str, Any]], skipped: list[str], n: int,
           reviewer: str, seconds: float, rules: dict[str, dict[str, Any]]) -> str:
    out: list[str] = []
    by_rule: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    sev_of: dict[str, set[str]] = collections.defaultdict(set)
    by_sev: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in rows:
        v = r["verdict"] or "unlabelled"
        by_rule[r["rule"]][v] += 1
        by_rule[r["rule"]]["fired"] += 1
        by_rule[r["rule"]]["fix"] += r["fix"]
        sev_of[r["rule"]].add(r["severity"])
        by_sev[r["severity"]][v] += 1
    projects = sorted({c["project"] for c in per_commit})
    added = sum(c["changed_lines"] for c in per_commit)
    out.append(f"Reviewer: `{reviewer}`; {len(per_commit)} commits ({n} per project, {len(projects)} projects: "
               f"{', '.join(projects)}), {added:,} changed lines; {seconds:.0f} s.")
    for s in skipped:
        out.append(f"Not measured: {s}.")
    out.append("")
    out.append("| rule | kind | default on | severity | fired | TP | FP | unlabelled | precision | with fix |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for rule in sorted(by_rule, key=lambda k: (-by_rule[k]["fired"], k)):
        c = by_rule[rule]
        meta = rules.get(rule, {})
        on = {True: "yes", False: "no"}.get(meta.get("enabled"), "?")
        out.append(f"| {rule} | {meta.get('kind', '?')} | {on} | {'/'.join(sorted(sev_of[rule]))} | {c['fired']} | "
                   f"{c['TP']} | {c['FP']} | {c['unlabelled']} | {pct(c['TP'], c['FP'])} | {c['fix']} |")
    tp = sum(c["TP"] for c in by_rule.values())
    fp = sum(c["FP"] for c in by_rule.values())
    unl = sum(c["unlabelled"] for c in by_rule.values())
    out.append(f"| **all** | | | | {len(rows)} | {tp} | {fp} | {unl} | **{pct(tp, fp)}** | "
               f"{sum(c['fix'] for c in by_rule.values())} |")
    low = [r for r, c in by_rule.items() if rules.get(r, {}).get("enabled", True) and c["TP"] + c["FP"]
           and c["TP"] / (c["TP"] + c["FP"]) < 0.5]
    enabled = sum(1 for r in rules.values() if r.get("enabled"))
    out.append("")
    out.append(f"- rules enabled by default: {enabled} of {len(rules)}; default-enabled rules that fired with precision "
               f"< 0.5: {len(low)}{' (' + ', '.join(sorted(low)) + ')' if low else ''}")
    out.append("")
    out.append("| severity | fired | TP | FP | unlabelled | precision |")
    out.append("|---|---|---|---|---|---|")
    for sev in ("error", "warning", "info"):
        c = by_sev.get(sev, collections.Counter())
        out.append(f"| {sev} | {sum(c.values())} | {c['TP']} | {c['FP']} | {c['unlabelled']} | {pct(c['TP'], c['FP'])} |")
    failing = [c for c in per_commit if c["rc"] == 1]
    fp_fail = [c for c in failing if any(f["severity"] == "error" and f["verdict"] == "FP" for f in c["findings"])]
    only_fp = [c for c in fp_fail if all(f["verdict"] == "FP" for f in c["findings"] if f["severity"] == "error")]
    errors = [c for c in per_commit if c["error"]]
    nr: collections.Counter[str] = collections.Counter()
    for c in per_commit:
        nr.update(c["not_reported"])
    out.append("")
    out.append(f"- PRs (commits) reviewed: {len(per_commit)}; with a finding: "
               f"{sum(1 for c in per_commit if c['findings'])}; failing CI (exit 1 at fail-level error): {len(failing)}")
    out.append(f"- **PRs failing CI on a false positive: {len(fp_fail)}** (failing only because of false positives: "
               f"{len(only_fp)}{'; ' + ', '.join(c['project'] + '@' + c['commit'][:10] for c in fp_fail) if fp_fail else ''})")
    out.append(f"- not reported (router): {', '.join(f'{k} {v}' for k, v in sorted(nr.items())) or 'none'}")
    held: collections.Counter[str] = collections.Counter()
    for c in per_commit:
        held.update(c["held"])
    if held:
        out.append(f"- held back for the model (below confidence, never shown without one): "
                   f"{', '.join(f'{k} {v}' for k, v in held.most_common())}")
    if errors:
        out.append(f"- review errors: {len(errors)} ({'; '.join(c['project'] + '@' + c['commit'][:10] + ': ' + str(c['error']) for c in errors[:5])})")
    secs = sorted(c["seconds"] for c in per_commit)
    if secs:
        out.append(f"- time per review: median {secs[len(secs) // 2]:.2f} s, max {secs[-1]:.2f} s")
    if unl:
        out.append("")
        out.append("Unlabelled findings (judge them into labels.jsonl):")
        for r in rows:
            if r["verdict"] is None:
                out.append(f"- {r['project']}@{r['commit'][:10]} {r['path']}:{r['line']} {r['rule']} `{r['snippet'][:100]}`")
    return "\n".join(out)


def render_tree(rows: list[dict[str, Any]], errors: list[str]) -> str:
    projects = sorted({r["project"] for r in rows})
    out = [f"Whole-tree scan (every .py file at the pinned head reviewed as added code; {', '.join(projects) or 'none'}):",
           "", "| rule | severity | fired | TP | FP | unlabelled | precision |", "|---|---|---|---|---|---|---|"]
    by_rule: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    sev_of: dict[str, set[str]] = collections.defaultdict(set)
    for r in rows:
        by_rule[r["rule"]][r["verdict"] or "unlabelled"] += 1
        by_rule[r["rule"]]["fired"] += 1
        sev_of[r["rule"]].add(r["severity"])
    for rule in sorted(by_rule, key=lambda k: (-by_rule[k]["fired"], k)):
        c = by_rule[rule]
        out.append(f"| {rule} | {'/'.join(sorted(sev_of[rule]))} | {c['fired']} | {c['TP']} | {c['FP']} | "
                   f"{c['unlabelled']} | {pct(c['TP'], c['FP'])} |")
    tp = sum(c["TP"] for c in by_rule.values())
    fp = sum(c["FP"] for c in by_rule.values())
    out.append(f"| **all** | | {len(rows)} | {tp} | {fp} | {sum(c['unlabelled'] for c in by_rule.values())} | "
               f"**{pct(tp, fp)}** |")
    err = [r for r in rows if r["severity"] == "error"]
    etp = sum(1 for r in err if r["verdict"] == "TP")
    efp = sum(1 for r in err if r["verdict"] == "FP")
    out.append("")
    out.append(f"- error severity: {len(err)} fired, {etp} TP, {efp} FP, precision {pct(etp, efp)}")
    for e in errors:
        out.append(f"- {e}" if "absent from the mirror" in e or "nothing to scan" in e else f"- review error: {e}")
    unl = [r for r in rows if r["verdict"] is None]
    if unl:
        out.append("")
        out.append("Unlabelled (whole tree):")
        for r in unl:
            out.append(f"- {r['project']} {r['path']}:{r['line']} {r['rule']} `{r['snippet'][:100]}`")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
