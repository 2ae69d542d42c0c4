"""Which labelled findings of some rules a rule change adds or removes, file by file.

    python benchmarks/precision/labelcheck.py --before OLD/.venv/bin/reviewer --after .venv/bin/reviewer \
        python-standards/compare-to-none [RULE ...]

For every line of labels.jsonl with one of the rules (PR and whole-tree labels alike), the labelled file
is taken at its commit, committed alone into a scratch repository and reviewed by both reviewers
(`--no-model`); a label whose line is flagged by one and not the other is printed with its verdict. The
file is reviewed without the project's configuration files, so a change that reads them (the Python
versions a project names) is not seen here: `replay.py` replays PR labels with their configuration.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import HERE, commit_as_change, review  # noqa: E402


def flagged(reviewer: str, label: dict[str, Any], data: bytes) -> bool:
    """Whether `reviewer` reports `label`'s rule on its line when the file is the whole change."""
    with tempfile.TemporaryDirectory(prefix="labelcheck-") as tmp:
        path = Path(tmp) / label["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        commit_as_change(Path(tmp))
        result = review(reviewer, Path(tmp), "HEAD", configs=False)
        if result.get("error"):
            raise SystemExit(f"labelcheck: {reviewer} failed on {label['project']} {label['path']}: {result['error']}")
        return any(f["line"] == label["line"] and f["rule"] == label["rule"] for f in result["findings"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="reviewer executable before the change")
    ap.add_argument("--after", required=True, help="reviewer executable after the change")
    ap.add_argument("--corpora", type=Path, default=Path("/work/corpora"), help="folder of project clones")
    ap.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    ap.add_argument("rules", nargs="+", help="rule ids (pack/rule)")
    args = ap.parse_args(argv)
    wanted = set(args.rules)
    labels = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = [lab for lab in labels if lab["rule"] in wanted]
    changed = {"TP": [0, 0], "FP": [0, 0]}  # verdict -> [now reported, no longer reported]
    for lab in labels:
        commit = lab["commit"].removeprefix("tree:")
        show = subprocess.run(["git", "-C", str(args.corpora / lab["project"]), "show", f"{commit}:{lab['path']}"],
                              capture_output=True)
        if show.returncode:
            print(f"not checked (no file): {lab['project']} {lab['path']}", file=sys.stderr)
            continue
        before, after = flagged(args.before, lab, show.stdout), flagged(args.after, lab, show.stdout)
        if before != after:
            changed[lab["verdict"]][0 if after else 1] += 1
            print(f"{'now reported' if after else 'no longer reported'}: {lab['verdict']} {lab['project']} "
                  f"{lab['path']}:{lab['line']} {lab['rule']}")
    print(f"{len(labels)} label(s); worth saying (TP): {changed['TP'][0]} now reported, {changed['TP'][1]} no longer; "
          f"noise (FP): {changed['FP'][0]} now reported, {changed['FP'][1]} no longer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
