"""`reviewer docstrings` on real temporary git repositories: list, --diff, --write, --check, JSON."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.source import definitions

from .conftest import GitRepo, run_reviewer

LEGACY = '''

def legacy():
    return 0
'''

BASE = '''\
def documented(x):
    """Return x."""
    return x
''' + LEGACY

CHANGE = '''\
def documented(x):
    """Return x."""
    return x


def added(a: int, b: int = 2) -> int:
    if a < 0:
        raise ValueError("negative")
    return a + b


class Shape:
    def __init__(self, sides):
        self.sides = sides


def _hidden():
    return 1
''' + LEGACY


@pytest.fixture
def feature(repo: GitRepo) -> GitRepo:
    repo.write("pkg/mod.py", BASE)
    repo.write("README.md", "hello\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/mod.py", CHANGE, mode=0o755)
    repo.commit("change")
    return repo


def test_list_shows_undocumented_changed_definitions_and_coverage(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    r = cli("docstrings", "-v", cwd=feature.path)
    assert r.code == 0, r
    assert "pkg/mod.py:6: added (function) has no docstring" in r.out
    assert "pkg/mod.py:12: Shape (class) has no docstring" in r.out
    assert "documented (function)" not in r.out  # unchanged and documented
    assert "_hidden skipped: private name" in r.out
    assert "docstring coverage of changed definitions: 0.0% (0 of 2 documented)" in r.out
    assert (feature.path / "pkg/mod.py").read_text() == CHANGE
    assert cli("docstrings", "--check", cwd=feature.path).code == 1


def test_diff_prints_a_patch_and_changes_nothing(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    r = cli("docstrings", "--generator", "template", "--diff", "--style", "numpy", cwd=feature.path)
    assert r.code == 0, r
    assert r.out.startswith("--- a/pkg/mod.py\n+++ b/pkg/mod.py\n")
    assert "+    Parameters\n+    ----------\n+    a : int\n" in r.out
    assert "+    ValueError\n" in r.out
    assert (feature.path / "pkg/mod.py").read_text() == CHANGE
    # The patch is real: git applies it, and it equals what --write produces.
    proc = subprocess.run(["git", "apply", "-"], cwd=feature.path, input=r.out.encode(), capture_output=True)
    assert proc.returncode == 0, proc.stderr
    applied = (feature.path / "pkg/mod.py").read_bytes()
    feature.git("checkout", "--", "pkg/mod.py")
    assert cli("docstrings", "--generator", "template", "--write", "--style", "numpy", cwd=feature.path).code == 0
    assert (feature.path / "pkg/mod.py").read_bytes() == applied


def test_write_inserts_keeps_mode_and_second_run_is_a_no_op(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    path = feature.path / "pkg/mod.py"
    r = cli("docstrings", "--generator", "template", "--write", cwd=feature.path)
    assert r.code == 0, r
    assert "docstrings: wrote 2 docstring(s) to pkg/mod.py" in r.out
    assert "prose written by template (no model)" in r.out
    assert "from names only" in r.err  # the note says plainly that no model wrote the prose
    new = path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o755
    defs = {d.qualname: d for d in definitions(new)}
    assert defs["added"].has_docstring and defs["Shape"].has_docstring
    assert "Args:\n        sides: The sides." in new  # the class documents its __init__
    assert "Raises:\n        ValueError:" in new
    assert defs["_hidden"].docstring is None
    assert not list(path.parent.glob(".mod.py.*"))  # no temporary file left behind
    again = cli("docstrings", "--generator", "template", "--write", "--check", cwd=feature.path)
    assert again.code == 0, again
    assert path.read_text() == new
    assert "100.0% (2 of 2 documented)" in again.out


def test_write_check_fails_like_black_when_it_rewrites(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    r = cli("docstrings", "--generator", "template", "--write", "--check", cwd=feature.path)
    assert r.code == 1 and "wrote 2 docstring(s)" in r.out


def test_staged_mode_rewrites_the_staged_file(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.write("a.py", "x = 1\r\n\r\ndef g(v):\r\n\treturn v\r\n")
    repo.git("add", "a.py")
    r = cli("docstrings", "--generator", "template", "--staged", "--write", "--check", cwd=repo.path)
    assert r.code == 1, r
    assert (repo.path / "a.py").read_bytes() == b'x = 1\r\n\r\ndef g(v):\r\n\t"""G.\r\n\r\n\tArgs:\r\n' \
        b'\t    v: The v.\r\n\r\n\tReturns:\r\n\t    The result.\r\n\t"""\r\n\treturn v\r\n'


def test_json_has_edits_and_committable_suggestions(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    r = cli("docstrings", "--generator", "template", "--diff", "--format", "json", cwd=feature.path)
    assert r.code == 0, r
    data = json.loads(r.out)["docstrings"]
    assert data["coverage"] == {"documented": 0, "total": 2, "percent": 0.0}
    assert data["generator"] == "template (no model)"
    assert [(e["name"], e["written_by"]) for e in data["edits"]] == [("added", "template"), ("Shape", "template")]
    # Applying every suggestion to the reviewed file gives exactly the injected file.
    lines = CHANGE.splitlines()
    for e in sorted(data["edits"], key=lambda e: -e["suggestion"]["start_line"]):
        s = e["suggestion"]
        lines[s["start_line"] - 1:s["end_line"]] = s["replacement"].split("\n")
    r = cli("docstrings", "--generator", "template", "--write", cwd=feature.path)
    assert "\n".join(lines) + "\n" == (feature.path / "pkg/mod.py").read_text()


def test_all_includes_unchanged_definitions(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    assert "legacy" not in cli("docstrings", cwd=feature.path).out  # unchanged: not a candidate
    r = cli("docstrings", "--all", cwd=feature.path)
    assert "legacy (function) has no docstring" in r.out
    assert "25.0% (1 of 4 documented)" in r.out


def test_help_is_light() -> None:
    r = run_reviewer("docstrings", "--help", cwd=Path(__file__).parent)
    assert r.code == 0 and "--write" in r.out and "--diff" in r.out
    proc = subprocess.run([sys.executable, "-c", "import sys, reviewer.commands.docstrings, reviewer.tasks.docstrings; "
                           "print(sorted(m for m in ('libcst', 'torch', 'transformers') if m in sys.modules))"],
                          capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_usage_errors_exit_2(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    r = cli("docstrings", "--generator", "template", "--write", "--diff", cwd=feature.path)
    assert r.code == 2 and "not both" in r.err
    assert cli("docstrings", "--style", "rst", cwd=feature.path).code == 2
    (feature.path / ".reviewer.toml").write_text('[docstrings]\nstyle = "epytext"\n')
    r = cli("docstrings", "--generator", "template", "--diff", cwd=feature.path)
    assert r.code == 2 and "docstrings.style must be one of" in r.err


def test_model_generator_without_a_model_exits_3(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    (feature.path / ".reviewer.toml").write_text('[model]\nbackend = "none"\n')
    r = cli("docstrings", "--write", "--generator", "model", cwd=feature.path)
    assert r.code == 3 and "no model backend for docstrings: the model is turned off" in r.err
    assert (feature.path / "pkg/mod.py").read_text() == CHANGE


def test_file_that_does_not_parse_is_left_untouched(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    feature.write("pkg/broken.py", "def ok():\n    return 1\n\ndef bad(:\n")
    feature.commit("broken")
    r = cli("docstrings", "--generator", "template", "--write", cwd=feature.path)
    assert r.code == 1
    assert "failed pkg/broken.py: does not parse, left untouched: invalid syntax (line 4)" in r.out
    assert (feature.path / "pkg/broken.py").read_text() == "def ok():\n    return 1\n\ndef bad(:\n"
    assert definitions((feature.path / "pkg/mod.py").read_text())[1].has_docstring  # the others still written


@pytest.mark.parametrize("bad_literal, reason", [
    ('"""Doc.""" + """x"""', "no docstring was inserted"),  # an expression, not a docstring
    ('"""Doc.""" """', "does not parse"),  # the last quotes open a string that never ends
    ('"""Doc."""; import os; """x"""', "AST differs"),  # smuggles in a statement
    ('"Doc.', "not a valid string literal"),  # rejected before any text is produced
])
def test_guarantee_failure_leaves_the_file_untouched(cli, feature: GitRepo, monkeypatch: pytest.MonkeyPatch,
                                                     bad_literal: str, reason: str) -> None:
    # Plant a bug in the text builder (the guarantees exist to catch our own bugs): it now
    # returns a literal that breaks the file in a different way per case.
    from reviewer.docgen import text

    monkeypatch.setattr(text, "render", lambda *a, **k: bad_literal)
    before = (feature.path / "pkg/mod.py").read_bytes()
    r = cli("docstrings", "--generator", "template", "--write", cwd=feature.path)
    assert r.code == 1, r
    assert "failed pkg/mod.py: left untouched:" in r.out and reason in r.out
    assert (feature.path / "pkg/mod.py").read_bytes() == before
    assert not list((feature.path / "pkg").glob(".mod.py.*"))


def test_working_tree_edits_are_respected_but_only_the_branch_is_documented(cli, feature: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # An uncommitted edit on top of the branch: --write documents the branch's changed definitions in
    # the file as it is on disk (the edit is kept), but not the uncommitted function (#14 item 10).
    path = feature.path / "pkg/mod.py"
    edited = CHANGE.replace("return a + b", "return a + b  # uncommitted") + "\n\ndef later(q):\n    return q\n"
    path.write_text(edited)
    assert "later" not in cli("docstrings", cwd=feature.path).out  # the listing reads the branch, like review
    r = cli("docstrings", "--generator", "template", "--write", cwd=feature.path)
    assert r.code == 0, r
    text = path.read_text()
    names = {d.qualname for d in definitions(text) if d.has_docstring}
    assert {"added", "Shape", "documented"} <= names and "later" not in names
    assert "return a + b  # uncommitted" in text


def test_nothing_to_do(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "f")
    repo.write("notes.txt", "x\n")
    repo.commit("text only")
    r = cli("docstrings", "--generator", "template", "--write", cwd=repo.path)
    assert r.code == 0 and "no changed Python definitions" in r.out
    if os.name == "posix":
        assert "no model" not in r.err  # no prose was written, so nothing to label


def test_model_flag_chooses_the_model(cli, feature: GitRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # `--model` works as in `reviewer review` / `reviewer tests`: the folder named is the one looked for.
    missing = tmp_path / "no-such-model"
    r = cli("docstrings", "--write", "--generator", "model", "--model", str(missing), "--device", "cpu",
            cwd=feature.path)
    assert r.code == 3 and f"no config.json in {missing}" in r.err, r
    assert (feature.path / "pkg/mod.py").read_text() == CHANGE
