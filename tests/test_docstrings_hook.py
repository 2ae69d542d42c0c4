"""The `reviewer-docstrings` hook with the real docstrings task, in-process, on real git repositories.

Without a model the hook lists what is undocumented and passes the commit: it never writes
name-only prose unless the template generator is configured. With a model (a scripted
OpenAI-compatible server on 127.0.0.1 through REVIEWER_SERVER) it writes and fails like black.
The hook under the real pre-commit framework is in test_hooks_precommit.py.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from reviewer import hooks

from .conftest import GitRepo
from .docstring_helpers import ScriptedServer

STAGED = "X = 1\n\n\ndef add(a: int, b: int) -> int:\n    return a + b\n"


@pytest.fixture(autouse=True)
def _fresh_run(monkeypatch: pytest.MonkeyPatch) -> None:
    key = uuid.uuid4().hex  # every test is its own "pre-commit run" for the once-per-run notes
    monkeypatch.setattr(hooks, "_run_key", lambda: key)


@pytest.fixture
def staged(repo: GitRepo) -> GitRepo:
    repo.write("calc.py", "X = 1\n")
    repo.commit("base")
    repo.write("calc.py", STAGED)
    repo.git("add", "calc.py")
    return repo


def _hook(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cwd: Path,
          *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = hooks.docstrings_main(list(args))
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default hook environment: no transformers, no server."""
    monkeypatch.setattr(hooks, "transformers_installed", lambda: False)


def test_without_a_model_lists_and_passes_and_writes_nothing(staged: GitRepo, no_model: None, capsys,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    code, out, err = _hook(capsys, monkeypatch, staged.path, "calc.py")
    assert code == 0, (out, err)
    assert out == "calc.py:4: add (function) has no docstring\n"
    assert (staged.path / "calc.py").read_text() == STAGED
    # The message names what to do, not an internal setting.
    assert "docstrings not written" in err and "reviewer serve" in err and "REVIEWER_SERVER" in err
    assert "additional_dependencies: ['reviewer[local]']" in err and "--generator=template" in err
    assert "model.backend" not in err and "backend = none" not in err


def test_model_turned_off_by_the_user_says_so_in_their_terms(staged: GitRepo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    staged.write(".reviewer.toml", '[model]\nbackend = "none"\n')
    code, out, err = _hook(capsys, monkeypatch, staged.path, "calc.py")
    assert code == 0 and "add (function) has no docstring" in out
    assert 'backend = "none" under [tool.reviewer.model]' in err
    assert (staged.path / "calc.py").read_text() == STAGED


def test_model_configured_but_not_available_lists_and_passes(staged: GitRepo, capsys, monkeypatch,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    # transformers may be installed, but the model folder named is not there (nothing is downloaded).
    staged.write(".reviewer.toml", f'[model]\nmodel = "{(tmp_path / "absent").as_posix()}"\n')
    code, out, err = _hook(capsys, monkeypatch, staged.path, "calc.py")
    assert code == 0, (out, err)
    assert "calc.py:4: add (function) has no docstring" in out
    assert "docstrings not written" in err
    assert (staged.path / "calc.py").read_text() == STAGED


@pytest.mark.parametrize("how", ["args", "config"])
def test_template_generator_only_when_configured(staged: GitRepo, no_model: None, capsys, monkeypatch,  # type: ignore[no-untyped-def]
                                                 how: str) -> None:
    args = ["--generator=template", "calc.py"] if how == "args" else ["calc.py"]
    if how == "config":
        staged.write(".reviewer.toml", '[docstrings]\ngenerator = "template"\n')
    code, out, _err = _hook(capsys, monkeypatch, staged.path, *args)
    assert code == 1 and "calc.py: docstrings added" in out
    text = (staged.path / "calc.py").read_text()
    assert '    """Add.\n\n    Args:\n        a (int): The a.\n' in text
    staged.git("add", "calc.py")
    code, out, _err = _hook(capsys, monkeypatch, staged.path, *args)
    assert code == 0 and "docstrings added" not in out


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    def answer(name: str, _user: str) -> str:
        if name == "add":
            return json.dumps({"summary": "Sum two integers without overflow checks",
                               "params": {"a": "left operand", "b": "right operand"},
                               "returns": "their arithmetic sum"})
        return json.dumps({"summary": name + "."})

    s = ScriptedServer(answer)
    yield s
    s.close()


def test_with_a_model_server_writes_grounded_prose_and_fails_like_black(staged: GitRepo, server: ScriptedServer,  # type: ignore[no-untyped-def]
                                                                        capsys, monkeypatch) -> None:
    staged.write("more.py", "def sub(a, b):\n    return a - b\n")
    staged.git("add", "more.py")
    staged.write(".reviewer.toml", "cache = false\n")
    monkeypatch.setenv("REVIEWER_SERVER", server.url)
    code, out, _err = _hook(capsys, monkeypatch, staged.path, "calc.py", "more.py")
    assert code == 1, out
    assert "calc.py: docstrings added" in out
    assert '"""Sum two integers without overflow checks.\n' in (staged.path / "calc.py").read_text()
    # The name echo for `sub` is refused and listed; that file is left as it was.
    assert "more.py:1: sub: docstring not written:" in out
    assert (staged.path / "more.py").read_text() == "def sub(a, b):\n    return a - b\n"
    assert "def add(a: int, b: int) -> int:\n    return a + b" in server.prompts()["add"]


def test_lists_the_staged_version_not_unstaged_edits(staged: GitRepo, no_model: None, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (staged.path / "calc.py").write_text(STAGED + "\n\ndef later(q):\n    return q\n")  # not staged
    code, out, _err = _hook(capsys, monkeypatch, staged.path, "calc.py")
    assert code == 0
    assert "add (function) has no docstring" in out and "later" not in out


def test_model_generator_without_a_model_fails_with_what_to_do(staged: GitRepo, no_model: None, capsys,  # type: ignore[no-untyped-def]
                                                                monkeypatch) -> None:
    code, _out, err = _hook(capsys, monkeypatch, staged.path, "--generator=model", "calc.py")
    assert code == 3 and "REVIEWER_SERVER" in err and "model.backend" not in err
    assert (staged.path / "calc.py").read_text() == STAGED
