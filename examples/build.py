"""Build the example repository that the README's first command reviews.

Usage: python examples/build.py DEST

DEST becomes a git repository with two commits: `main` holds examples/base/,
and the branch `feature` (checked out) adds examples/change/ on top, with
planted problems for every rule pack. Then run `reviewer review -C DEST`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


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
    print(f"example repository ready: {dest} (branch feature, based on main)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(Path(sys.argv[1]).resolve())
