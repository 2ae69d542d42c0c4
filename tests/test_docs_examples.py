"""The console examples in README.md and docs/*.md are what the current code prints on the bundled example.

Every ```console block that shows the output of a `$ reviewer ...` command is run for real, step by
step, in a fresh copy of the example repository (examples/build.py), and the output is compared line by
line. As in doctest, a line `...` stands for any number of lines and a line ending in `...` for a line
that starts with the text before it. Commands whose output the page does not show are not run.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BUILD = re.compile(r"^python examples/build\.py \S+ && cd \S+$")
SETUP = ("mkdir ", "cp ")  # shell steps a checked block may use to set the example up


class Step(NamedTuple):
    command: str
    shown: tuple[str, ...]  # the output lines the page shows


class Example(NamedTuple):
    page: str
    line: int
    steps: tuple[Step, ...]


def examples() -> list[Example]:
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"^```console\n(.*?)^```", text, re.M | re.S):
            steps: list[Step] = []
            for raw in m.group(1).splitlines():
                if raw.startswith("$ "):
                    steps.append(Step(raw[2:].split("  #", 1)[0].strip(), ()))
                elif steps and raw.strip():
                    steps[-1] = steps[-1]._replace(shown=steps[-1].shown + (raw.rstrip(),))
            if any(s.shown and s.command.startswith("reviewer ") for s in steps):
                out.append(Example(page.relative_to(ROOT).as_posix(), text.count("\n", 0, m.start()) + 1,
                                   tuple(steps)))
    return out


def matches(shown: tuple[str, ...], actual: list[str]) -> bool:
    """doctest's ELLIPSIS, by lines."""

    @functools.lru_cache(maxsize=None)
    def at(i: int, j: int) -> bool:
        if i == len(shown):
            return j == len(actual)
        want = shown[i]
        if want.strip() == "...":
            return any(at(i + 1, k) for k in range(j, len(actual) + 1))
        if j == len(actual):
            return False
        line = actual[j]
        ok = line.startswith(want[:-3]) if want.endswith("...") else line == want
        return ok and at(i + 1, j + 1)

    return at(0, 0)


@pytest.fixture(scope="module")
def example_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("docs-example") / "acme"
    subprocess.run([sys.executable, str(ROOT / "examples" / "build.py"), str(dest)], check=True,
                   capture_output=True)
    return dest


def test_the_checked_pages_have_examples() -> None:
    pages = {e.page for e in examples()}
    assert {"README.md", "docs/coverage.md", "docs/docstrings.md", "docs/rules.md"} <= pages


@pytest.mark.parametrize("example", examples(), ids=lambda e: f"{e.page}:{e.line}")
def test_console_example_matches_the_code(example: Example, example_repo: Path, tmp_path: Path) -> None:
    work = tmp_path / "acme"
    shutil.copytree(example_repo, work, symlinks=True)
    (work / "examples").symlink_to(ROOT / "examples")  # for `cp -r examples/...` setup steps
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    for step in example.steps:
        if BUILD.match(step.command):
            continue  # the copy is the example this step builds
        if step.command.startswith("reviewer "):
            if not step.shown:
                continue  # nothing shown, nothing to check (and --write or a model run is not cheap)
            proc = subprocess.run([sys.executable, "-m", "reviewer", *shlex.split(step.command)[1:]], cwd=work,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
            actual = [ln.rstrip() for ln in proc.stdout.decode("utf-8", "replace").splitlines()]
            assert matches(step.shown, actual), (
                f"{example.page}:{example.line}: `$ {step.command}` prints\n" + "\n".join(actual)
                + "\n\nbut the page shows\n" + "\n".join(step.shown))
        elif step.command.startswith(SETUP) and not step.shown:
            subprocess.run(["bash", "-c", step.command], cwd=work, check=True, env=env)
        else:
            pytest.fail(f"{example.page}:{example.line}: a checked example cannot run `$ {step.command}`; "
                        "move it to a ```sh block or show no output for it")


def test_ellipsis_matching() -> None:
    assert matches(("a", "...", "d"), ["a", "b", "c", "d"]) and matches(("a", "...", "b"), ["a", "b"])
    assert matches(("ab...",), ["abc"]) and not matches(("ab...",), ["xbc"])
    assert not matches(("a", "b"), ["a", "b", "c"]) and not matches(("a", "c"), ["a", "b"])
