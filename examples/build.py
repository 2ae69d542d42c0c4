"""Build the example repository that the README's first command reviews.

Usage: python examples/build.py DEST
       python examples/build.py --regenerate-coverage   (maintainers: refresh examples/coverage.json)

DEST becomes a git repository with two commits: `main` holds examples/base/,
and the branch `feature` (checked out) adds examples/change/ on top, with
planted problems for every rule pack. Then run `reviewer review -C DEST`.

DEST also gets `coverage.json` (untracked), the `coverage json` report of
`coverage run --branch --source=acme_tools -m pytest` on the feature branch,
so `reviewer coverage -C DEST` and `reviewer tests -C DEST` work without
pytest installed. The report is shipped rather than produced here because
pytest is not part of the base install; its paths are relative to DEST.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COVERAGE_REPORT = HERE / "coverage.json"


def git(dest: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Example", "GIT_AUTHOR_EMAIL": "example@example.com",
           "GIT_COMMITTER_NAME": "Example", "GIT_COMMITTER_EMAIL": "example@example.com"}
    subprocess.run(["git", *args], cwd=dest, check=True, env=env, stdout=subprocess.DEVNULL)


def build(dest: Path) -> None:
    if dest.exists() and any(dest.iterdir()):
        sys.exit(f"build.py: {dest} exists and is not empty; choose a new folder")
    dest.mkdir(parents=True, exist_ok=True)
    git(dest, "init", "-q", "-b", "main")
    shutil.copytree(HERE / "base", dest, dirs_exist_ok=True)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "acme_tools: tokens and stats")
    git(dest, "checkout", "-q", "-b", "feature")
    shutil.copytree(HERE / "change", dest, dirs_exist_ok=True)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Add reset codes, record encryption and more stats")
    shutil.copyfile(COVERAGE_REPORT, dest / "coverage.json")
    # A build artefact, like in a real project: never part of a reviewed change.
    with open(dest / ".git" / "info" / "exclude", "a", encoding="utf-8") as fh:
        fh.write("coverage.json\n.coverage\n.reviewer/\n")
    print(f"example repository ready: {dest} (branch feature, based on main)")


def measure(dest: Path) -> Path:
    """Run the example's tests under coverage in a built DEST; returns DEST/coverage.json.

    Needs pytest. Used to regenerate the shipped report and by the test that
    checks the shipped report still matches a real run.
    """
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for cmd in (["coverage", "run", "--branch", "--source=acme_tools", "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                ["coverage", "json", "-q", "-o", "coverage.json"]):
        subprocess.run([sys.executable, "-m", *cmd], cwd=dest, check=True, env=env, stdout=subprocess.DEVNULL)
    (dest / ".coverage").unlink()
    return dest / "coverage.json"


def regenerate() -> None:
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "example"
        build(dest)
        doc = json.loads(measure(dest).read_text(encoding="utf-8"))
    doc["meta"]["timestamp"] = "2026-11-23T00:00:00"  # stable file: only the data matters
    COVERAGE_REPORT.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {COVERAGE_REPORT}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--regenerate-coverage"]:
        regenerate()
    elif len(sys.argv) != 2:
        sys.exit(__doc__)
    else:
        build(Path(sys.argv[1]).resolve())
