"""A small Python project in a real git repository, with real coverage.py data for its change.

`main` holds pkg/calc.py with one tested function; the checked-out branch
`feature` adds functions with untested lines and branches (an `if` never
true, a loop that never finishes, a function never called). Coverage comes
from `coverage run --branch -m pytest` with the interpreter running the tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_CALC = '''\
def sign(x):
    if x > 0:
        return 1
    return 0
'''

CHANGED_CALC = BASE_CALC + '''\


def clamp(value, low, high):
    if value < low:
        return low
    if value > high:
        return high
    return value


def first_even(items):
    for item in items:
        if item % 2 == 0:
            return item


def describe(x):
    if x:
        return "yes"
    return "no"
'''

BASE_TEST = '''\
from pkg.calc import sign


def test_sign():
    assert sign(3) == 1
'''

CHANGED_TEST = BASE_TEST + '''\


def test_clamp_inside():
    from pkg.calc import clamp

    assert clamp(5, 0, 10) == 5


def test_first_even():
    from pkg.calc import first_even

    assert first_even([2]) == 2
'''

CONFTEST = '''\
import pytest


@pytest.fixture
def numbers():
    return [1, 2, 3]
'''

GIT_ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, check=True,
                          env={**os.environ, **GIT_ENV})
    return proc.stdout.decode()


def line_of(text: str, needle: str, start_after: str = "") -> int:
    """1-based number of the first line containing `needle` (after the line containing `start_after`)."""
    lines = text.splitlines()
    begin = next(i for i, line in enumerate(lines) if start_after in line) if start_after else 0
    return next(i + 1 for i, line in enumerate(lines) if i >= begin and needle in line)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_project(root: Path) -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write(root, "pkg/__init__.py", "")
    write(root, "pkg/calc.py", BASE_CALC)
    write(root, "tests/test_calc.py", BASE_TEST)
    write(root, "tests/conftest.py", CONFTEST)
    write(root, ".gitignore", ".coverage\ncoverage.json\ncoverage.xml\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    write(root, "pkg/calc.py", CHANGED_CALC)
    write(root, "tests/test_calc.py", CHANGED_TEST)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    return root


def run_coverage(root: Path, branch: bool = True) -> None:
    """`coverage run [--branch] -m pytest`, then the json and xml reports, all by coverage.py itself."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("COVERAGE_PROCESS_START", None)
    run = [sys.executable, "-m", "coverage", "run"] + (["--branch"] if branch else [])
    for cmd in (run + ["-m", "pytest", "-q", "-p", "no:cacheprovider"],
                [sys.executable, "-m", "coverage", "json", "-q"],
                [sys.executable, "-m", "coverage", "xml", "-q"]):
        proc = subprocess.run(cmd, cwd=root, capture_output=True, env=env, check=False)
        assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


def copy_project(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, symlinks=True)
    return dest


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project, measured once per test module with a real `coverage run --branch -m pytest`."""
    root = make_project(tmp_path_factory.mktemp("cov") / "project")
    run_coverage(root)
    return root


@pytest.fixture
def project(measured: Path, tmp_path: Path) -> Path:
    """A private copy (json and xml reports keep working: their paths are relative)."""
    root = copy_project(measured, tmp_path / "project")
    (root / ".coverage").unlink()  # its paths point at the original folder
    return root
